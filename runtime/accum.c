/* The exact half of accumulator introduction (dodo_runtime.h: DodoAccum).
 * Compiled code calls here only off its fast path: a negative term, or a
 * running sum past INT64_MAX. 128 bits hold any sum of fewer than 2^63
 * int64 terms, and a loop of the compiled code makes one call per term. */
#include "runtime_internal.h"

typedef __int128 i128;

static i128 get(uint64_t lo, uint64_t hi) { return (i128)(((unsigned __int128)hi << 64) | lo); }

static void put(i128 v, uint64_t *lo, uint64_t *hi)
{
    *lo = (uint64_t)v;
    *hi = (uint64_t)((unsigned __int128)v >> 64);
}

/* On the fast path every term so far was >= 0: the running sums rose from
 * 0 to `fast`, which are their least and greatest. */
static void leave_fast_path(DodoAccum *a)
{
    put(a->fast, &a->sum_lo, &a->sum_hi);
    put(a->fast, &a->max_lo, &a->max_hi);
    put(0, &a->min_lo, &a->min_hi);
    a->exact = 1;
    a->fast = INT64_MAX; /* every later nonzero term overflows or is negative: it comes here */
}

void dodo_accum_add(DodoAccum *a, int64_t t)
{
    if (!a->exact)
        leave_fast_path(a);
    i128 sum = get(a->sum_lo, a->sum_hi) + t;
    put(sum, &a->sum_lo, &a->sum_hi);
    if (sum > get(a->max_lo, a->max_hi))
        put(sum, &a->max_lo, &a->max_hi);
    if (sum < get(a->min_lo, a->min_hi))
        put(sum, &a->min_lo, &a->min_hi);
}

/* The recursion's partial sums are total - s for every running sum s of the
 * loop (the last one gives the base value itself): they all fit exactly
 * when the extremes do. */
int64_t dodo_accum_total(DodoAccum *a, int64_t v)
{
    if (!a->exact)
        leave_fast_path(a);
    i128 total = get(a->sum_lo, a->sum_hi) + v;
    i128 highest = total - get(a->min_lo, a->min_hi);
    i128 lowest = total - get(a->max_lo, a->max_hi);
    if (highest > INT64_MAX || lowest < INT64_MIN)
        return 0;
    a->fast = (int64_t)total;
    return 1;
}

void dodo_accum_too_deep(void)
{
    dodo_fatal("stack overflow", DODO_EXIT_STACK_OVERFLOW);
}
