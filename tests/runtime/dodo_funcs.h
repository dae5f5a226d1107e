/* dodo_funcs.h — C names for the hand-written dodo functions of
 * dodo_funcs.S (module `test`). */
#ifndef DODO_TEST_FUNCS_H
#define DODO_TEST_FUNCS_H

#include <stdint.h>

#include "dodo_runtime.h"

extern char test_context[] __asm__("test");
extern char test_check_entry[] __asm__("test.check_entry");
extern char test_raise[] __asm__("test.raise");
extern char test_nested[] __asm__("test.nested");
extern char test_scenario[] __asm__("test.scenario");
extern char test_recurse[] __asm__("test.recurse");

/* What test.scenario does after calling test_hook. */
enum {
    ACTION_RETURN = 0,
    ACTION_THROW = 1,
    ACTION_RECURSE = 2,
    ACTION_LOAD_NULL = 3,
    ACTION_ILLEGAL = 4,
    ACTION_DIVIDE_BY_ZERO = 5,
    ACTION_RECURSE_IN_C = 6,
};
extern int64_t test_action;
extern void (*test_hook)(void);

/* C functions the dodo functions call (dodo_funcs_c.c). */

/* Called by test.nested on the dodo stack: enters test.check_entry twice, on
 * a second stack and further down the current one, and returns the first
 * event (or NULL). Counts its runs in test_nested_runs. */
DodoString *test_nested_from_dodo(void);
extern int test_nested_runs;

/* Called by test.scenario's action 6: a frame of 16 KiB, touched at its
 * lowest address. */
void test_big_frame(void);

DodoString *test_enter_keeping(void *code, void *context, void *stack_top, uint64_t out[8]);

#endif
