/* program.c — running a whole dodo program, from set-up to exit status.
 * main() (main.c) only hands it the program's entry; keeping this here lets
 * the runtime's tests run programs of their own. */
#include <unistd.h>

#include "runtime_internal.h"

/* Returns the exit status: DODO_EXIT_EVENT, or DODO_EXIT_FATAL when stdout
 * could not be written either (a full disk); the event is reported anyway. */
static int report_unhandled_event(const DodoString *event)
{
    static const char prefix[] = "dodo: unhandled event: ";
    int err = dodo_try_flush(); /* stdout first, even when both go to one pipe */
    if (err)
        dodo_fatal_message(dodo_output_failure(err));
    dodo_write_all(STDERR_FILENO, prefix, sizeof prefix - 1);
    dodo_write_all(STDERR_FILENO, event->data, (size_t)event->len);
    dodo_write_all(STDERR_FILENO, "\n", 1);
    return err ? DODO_EXIT_FATAL : DODO_EXIT_EVENT;
}

int dodo_main(void *code, void *context)
{
    dodo_output_init();
    dodo_fatal_init();
    void *top = dodo_stack_create(DODO_STACK_SIZE);
    DodoString *event = dodo_enter(code, context, top);
    if (event != NULL)
        return report_unhandled_event(event);
    dodo_flush();
    return DODO_EXIT_OK;
}
