/* fatal.c — how a dodo program dies: fatal signals and fatal messages.
 *
 * Faults are caught on an alternate signal stack, since a stack overflow
 * leaves the dodo stack pointer inside a PROT_NONE guard region where no
 * handler frame could be pushed. Everything on the way out is
 * async-signal-safe: write(2) and _exit(2) only.
 */
#define _GNU_SOURCE /* REG_RSP */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "runtime_internal.h"

enum { ALT_STACK_SIZE = 64 * 1024 };

static const char BUG_NOTE[] = " (this is a bug in dodoc or in hand-written code)";

DODO_NO_ASAN static void write_fatal(const char *message, const char *note)
{
    static const char prefix[] = "dodo: fatal: ";
    dodo_flush_from_signal();
    dodo_write_all(STDERR_FILENO, prefix, sizeof prefix - 1);
    dodo_write_all(STDERR_FILENO, message, strlen(message));
    dodo_write_all(STDERR_FILENO, note, strlen(note));
    dodo_write_all(STDERR_FILENO, "\n", 1);
}

void dodo_fatal_message(const char *message)
{
    write_fatal(message, "");
}

DODO_NO_ASAN void dodo_fatal(const char *message, int status)
{
    write_fatal(message, "");
    _exit(status);
}

static const char *describe(int sig)
{
    switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGILL: return "illegal instruction";
    case SIGFPE: return "arithmetic exception";
    default: return "fatal signal";
    }
}

DODO_NO_ASAN static void on_fatal_signal(int sig, siginfo_t *info, void *context)
{
    const ucontext_t *uc = context;
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    if ((sig == SIGSEGV || sig == SIGBUS)
        && dodo_stack_overflowed((uintptr_t)info->si_addr, sp)) {
        write_fatal("stack overflow", "");
        _exit(DODO_EXIT_STACK_OVERFLOW);
    }
    write_fatal(describe(sig), BUG_NOTE);
    _exit(DODO_EXIT_FATAL);
}

void dodo_fatal_init(void)
{
    size_t size = ALT_STACK_SIZE;
    if (size < (size_t)SIGSTKSZ)
        size = (size_t)SIGSTKSZ;
    void *alt = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (alt == MAP_FAILED)
        dodo_fatal("cannot allocate the signal stack", DODO_EXIT_FATAL);
    stack_t ss = { .ss_sp = alt, .ss_size = size, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0)
        dodo_fatal("cannot install the signal stack", DODO_EXIT_FATAL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal_signal;
    /* SA_RESETHAND: a fault inside the handler itself kills the process
     * instead of looping. */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigfillset(&sa.sa_mask);
    static const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        sigaction(signals[i], &sa, NULL);
}
