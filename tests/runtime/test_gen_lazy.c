/* test_gen_lazy.c — lazy resumes (abi.md §12 "Lazy resumes") on the runtime
 * alone, with the hand-written generator of lazy_funcs.S: dodo_gen_step
 * takes the entry its yield named, a lazy step's yield copies out only the
 * words the entry lists, dodo_gen_fill keeps every register and the flags
 * and brings the rest of the segment back, and steps of the whole segment
 * (dodo_gen_next, a generator without a table) mix with lazy ones. */
#include "gen_test.h"

extern char lz_counter[] __asm__("lz.counter");
extern const int64_t lz_counter_resumes[] __asm__("lz.counter.resumes");
extern int64_t lz_fills;
int test_step(DodoGen *g, int64_t *value);

static DodoGen *counter(int64_t n, const int64_t *resumes)
{
    return dodo_gen_make(lz_counter, NULL, 1, &n, 1, resumes);
}

/* test_step from `depth` frames further down: a lazy resume lands wherever
 * SP1 is. A "corrupt" event from the generator is shown. */
static __attribute__((noinline)) int step_deep(DodoGen *g, int64_t *value, int depth)
{
    if (depth > 0) {
        volatile char pad[depth * 24 + 8];
        pad[0] = (char)depth;
        int r = step_deep(g, value, depth - 1);
        CHECK(pad[0] == (char)depth);
        return r;
    }
    int r = test_step(g, value);
    if (r == -1)
        fprintf(stderr, "event: %s\n", event_text(*value));
    return r;
}

/* Every step lazy but the first (a start): an even count fills. */
static void test_lazy_steps(void)
{
    lz_fills = 0;
    DodoGen *g = counter(10, lz_counter_resumes);
    int64_t v = -1;
    for (int64_t k = 0; k < 10; k++) {
        CHECK(step_deep(g, &v, (int)(k * 5 % 11)) == 1);
        CHECK(v == k);
        CHECK(g->entry == lz_counter_resumes + 1);
        CHECK(g->lazy == NULL); /* cleared at the yield */
        CHECK(g->size == 32);
    }
    CHECK(test_step(g, &v) == 0);
    CHECK(dodo_gen_done(g));
    CHECK(lz_fills == 5); /* k = 2, 4, 6, 8, 10 */
    dodo_gen_destroy(g);
}

/* dodo_gen_next (the whole segment) and lazy steps in turn, from C depths
 * that differ: each kind finds what the other left. */
static void test_mixed_steps(void)
{
    lz_fills = 0;
    DodoGen *g = counter(26, lz_counter_resumes);
    int64_t v = -1;
    uintptr_t last = 0;
    for (int64_t k = 0; k < 26; k++) {
        int r = k % 2 == 1 ? next_varied(g, &v, (unsigned)k / 2, &last) : step_deep(g, &v, (int)(k % 7));
        CHECK(r == 1);
        CHECK(v == k);
    }
    CHECK(step_deep(g, &v, 3) == 0);
    CHECK(lz_fills > 0);
    dodo_gen_destroy(g);
}

/* Without a table, R10 at the yields means nothing: no step is lazy. */
static void test_no_table(void)
{
    lz_fills = 0;
    DodoGen *g = counter(6, NULL);
    int64_t v = -1;
    for (int64_t k = 0; k < 6; k++) {
        CHECK(step_deep(g, &v, (int)k) == 1);
        CHECK(v == k);
        CHECK(g->entry == NULL);
    }
    CHECK(lz_fills == 0);
    dodo_gen_destroy(g);
}

/* Abandoned after lazy steps: unwound from a consistent buffer. */
static void test_destroy_after_lazy(void)
{
    DodoGen *g = counter(100, lz_counter_resumes);
    int64_t v = -1;
    for (int64_t k = 0; k < 5; k++) {
        CHECK(test_step(g, &v) == 1);
        CHECK(v == k);
    }
    CHECK(((int64_t *)g->buf)[0] == 4 && ((int64_t *)g->buf)[1] == 111); /* k, a */
    destroy_deep(g, 4);
}

int main(void)
{
    test_lazy_steps();
    test_mixed_steps();
    test_no_table();
    test_destroy_after_lazy();
    check_drives();
    return check_report();
}
