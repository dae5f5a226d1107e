/* dodo_funcs_c.c — the C functions called by dodo_funcs.S. */
#include "dodo_funcs.h"

int test_nested_runs;

DodoString *test_nested_from_dodo(void)
{
    test_nested_runs++;
    void *top = dodo_stack_create(1 << 20);
    DodoString *event = dodo_enter(test_check_entry, test_context, top);
    dodo_stack_destroy(top);
    if (event != NULL)
        return event;
    /* Re-enter on the stack we are running on, well below this frame. */
    char *below = (char *)__builtin_frame_address(0) - 64 * 1024;
    return dodo_enter(test_check_entry, test_context, below);
}

void test_big_frame(void)
{
    volatile char frame[16 * 1024];
    frame[sizeof frame - 1] = 1;
    frame[0] = 1;
}
