/* test_enter.c — dodo_enter, the trampoline from C into dodo code: how dodo
 * code is entered, both ways back, the registers C relies on, re-entry. */
#include <stdint.h>

#include "check.h"
#include "dodo_funcs.h"

static const char *event_text(const DodoString *event)
{
    return event == NULL ? "(returned)" : event->data;
}

static void test_entry_and_return(void *top)
{
    /* test.check_entry throws a description of whatever is wrong. */
    DodoString *event = dodo_enter(test_check_entry, test_context, top);
    CHECK_BYTES(event_text(event), strlen(event_text(event)), "(returned)");

    /* Any stack_top is rounded down to an aligned entry RSP. */
    for (int off = 1; off < 16; off++) {
        event = dodo_enter(test_check_entry, test_context, (char *)top - off);
        CHECK(event == NULL);
    }
}

static void test_event(void *top)
{
    DodoString *event = dodo_enter(test_raise, test_context, top);
    CHECK(event != NULL);
    if (event != NULL)
        CHECK_BYTES(event->data, (size_t)event->len, "boom");
}

static void test_registers_survive(void *top)
{
    static const uint64_t expected[6] = {
        0x1111111111111111, 0x2222222222222222, 0x3333333333333333,
        0x4444444444444444, 0x5555555555555555, 0x6666666666666666,
    };
    uint64_t out[8] = { 0 };
    DodoString *event = test_enter_keeping(test_check_entry, test_context, top, out);
    CHECK(event == NULL);
    for (int i = 0; i < 6; i++)
        CHECK(out[i] == expected[i]);
    CHECK(out[6] == out[7]); /* RSP */

    event = test_enter_keeping(test_raise, test_context, top, out);
    CHECK(event != NULL);
    for (int i = 0; i < 6; i++)
        CHECK(out[i] == expected[i]);
    CHECK(out[6] == out[7]);
}

static void test_reentry(void *top)
{
    DodoString *event = dodo_enter(test_nested, test_context, top);
    CHECK_BYTES(event_text(event), strlen(event_text(event)), "(returned)");
    CHECK(test_nested_runs == 1);

    /* Many entries in a row: nothing accumulates. */
    int returned = 0;
    for (int i = 0; i < 10000; i++)
        returned += dodo_enter(test_check_entry, test_context, top) == NULL;
    CHECK(returned == 10000);
}

int main(void)
{
    void *top = dodo_stack_create(1 << 20);
    CHECK(((uintptr_t)top & 15) == 0);
    test_entry_and_return(top);
    test_event(top);
    test_registers_survive(top);
    test_reentry(top);
    dodo_stack_destroy(top);
    return check_report();
}
