/* stack.c — dodo stacks: mmap'd regions with a guard below, and the registry
 * the fault handler reads to tell a stack overflow from a crash.
 *
 *   high  +---------------------------+ <- top (returned; dodo_enter starts 16 below)
 *         |  usable (size bytes)      |    MAP_NORESERVE: pages cost memory
 *         |                           |    only once touched
 *   lo+G  +---------------------------+
 *         |  guard, PROT_NONE (G)     |    running into it raises SIGSEGV
 *   lo    +---------------------------+
 */
#include <sys/mman.h>
#include <unistd.h>

#include "runtime_internal.h"

enum { MAX_STACKS = 16 };

/* lo == 0 marks a free slot. Written only outside signal handlers, read by
 * them; a slot is filled before it is published by setting lo. */
static struct {
    volatile uintptr_t lo;
    volatile uintptr_t top;
} stacks[MAX_STACKS];

void *dodo_stack_create(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size = (size + page - 1) & ~(page - 1);
    size_t total = DODO_STACK_GUARD + size;
    char *lo = mmap(NULL, total, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (lo == MAP_FAILED)
        dodo_fatal("cannot allocate the dodo stack", DODO_EXIT_FATAL);
    if (mprotect(lo, DODO_STACK_GUARD, PROT_NONE) != 0)
        dodo_fatal("cannot protect the dodo stack guard", DODO_EXIT_FATAL);
    for (int i = 0; i < MAX_STACKS; i++) {
        if (stacks[i].lo == 0) {
            stacks[i].top = (uintptr_t)(lo + total);
            stacks[i].lo = (uintptr_t)lo;
            return lo + total;
        }
    }
    dodo_fatal("too many dodo stacks", DODO_EXIT_FATAL);
    return NULL;
}

void dodo_stack_destroy(void *top)
{
    for (int i = 0; i < MAX_STACKS; i++) {
        if (stacks[i].lo != 0 && stacks[i].top == (uintptr_t)top) {
            uintptr_t lo = stacks[i].lo;
            stacks[i].lo = 0;
            munmap((void *)lo, (uintptr_t)top - lo);
            return;
        }
    }
}

bool dodo_stack_overflowed(uintptr_t fault_addr, uintptr_t sp)
{
    for (int i = 0; i < MAX_STACKS; i++) {
        uintptr_t lo = stacks[i].lo;
        if (lo == 0)
            continue;
        uintptr_t usable = lo + DODO_STACK_GUARD;
        if (fault_addr >= lo && fault_addr < usable)
            return true;
        /* A frame larger than the guard may jump right over it; the stack
         * pointer then sits below the usable area (allow one guard's worth
         * below the mapping: further down it is unrelated memory). */
        uintptr_t floor = lo > DODO_STACK_GUARD ? lo - DODO_STACK_GUARD : 0;
        if (sp < usable && sp >= floor)
            return true;
    }
    return false;
}
