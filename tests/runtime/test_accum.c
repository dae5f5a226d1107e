/* test_accum.c — accumulator introduction's running sum (runtime/accum.c)
 * against the recursion it replaces. The loop's side is driven exactly as
 * compiler/gen_accum.c emits it (the fast path inline, the runtime after the
 * first negative term or overflow); the recursion's side adds the terms
 * innermost first and fails at the first partial sum outside int64. */
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "runtime_internal.h"

enum { MAX_TERMS = 12 };

/* The recursion: base, then t[n-1] + that, …, t[0] + that. */
static bool recursion(const int64_t *t, int n, int64_t base, int64_t *out)
{
    int64_t s = base;
    for (int i = n - 1; i >= 0; i--)
        if (__builtin_add_overflow(t[i], s, &s))
            return false;
    *out = s;
    return true;
}

/* The loop, as compiled code runs it. */
static bool loop(const int64_t *t, int n, int64_t base, int64_t *out)
{
    DodoAccum a = { 0 };
    for (int i = 0; i < n; i++) {
        int64_t sum;
        if (t[i] >= 0 && !__builtin_add_overflow(a.fast, t[i], &sum))
            a.fast = sum;
        else
            dodo_accum_add(&a, t[i]);
    }
    if (!a.exact)
        return !__builtin_add_overflow(a.fast, base, out);
    if (!dodo_accum_total(&a, base))
        return false;
    *out = a.fast;
    return true;
}

static const int64_t edges[] = {
    0, 1, -1, 2, -2, 5, -5, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
    INT64_MAX / 2, INT64_MIN / 2, INT64_MAX / 2 + 1, 1000000007, -1000000007,
};
enum { NEDGES = sizeof edges / sizeof edges[0] };

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int64_t pick(void)
{
    return edges[next() % NEDGES];
}

static void compare(const int64_t *t, int n, int64_t base)
{
    int64_t want = 0, got = 0;
    bool ok_want = recursion(t, n, base, &want);
    bool ok_got = loop(t, n, base, &got);
    CHECK(ok_want == ok_got);
    if (ok_want && ok_got)
        CHECK(want == got);
}

static void test_cases(void)
{
    /* the cases of tests/run/o1_accum_exact.dodo, outermost term first */
    int64_t a[] = { INT64_MAX, INT64_MAX, -INT64_MAX };
    compare(a, 3, -1); /* the running sum passes MAX, no partial sum does */
    int64_t b[] = { -1, INT64_MAX, 1 };
    compare(b, 3, 0); /* total MAX, MAX + 1 on the way */
    int64_t c[] = { 1, INT64_MIN, -1 };
    compare(c, 3, 0); /* total MIN, MIN - 1 on the way */
    int64_t d[] = { INT64_MAX, 1, 0 };
    compare(d, 3, -5);
    compare(NULL, 0, INT64_MIN);
}

static void test_random(void)
{
    int64_t t[MAX_TERMS];
    for (int round = 0; round < 200000; round++) {
        int n = (int)(next() % (MAX_TERMS + 1));
        for (int i = 0; i < n; i++)
            t[i] = pick();
        compare(t, n, pick());
    }
}

int main(void)
{
    test_cases();
    test_random();
    return check_report();
}
