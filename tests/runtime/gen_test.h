/* gen_test.h — what the tests of detached generators share: calling
 * dodo_gen_next from varying depths of the C stack, with RSP aligned or
 * misaligned by 8, and keeping track of where the generators ran. */
#ifndef DODO_TEST_GEN_H
#define DODO_TEST_GEN_H

#include <stdint.h>

#include "check.h"
#include "runtime_internal.h"

/* gen_shim.S: dodo_gen_next called with RSP 8 bytes off the usual
 * alignment. */
int test_next_misaligned(DodoGen *g, int64_t *value);

/* The test programs are linked with --wrap=realloc --wrap=free, so that
 * these see the runtime's calls, made from gen_switch.S on the generator's
 * side of the stack: RSP must be 16-byte aligned there too. */
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
static int c_calls, c_calls_misaligned;

void *__wrap_realloc(void *p, size_t n)
{
    c_calls++;
    if (((uintptr_t)__builtin_frame_address(0) & 15) != 0)
        c_calls_misaligned++;
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    c_calls++;
    if (((uintptr_t)__builtin_frame_address(0) & 15) != 0)
        c_calls_misaligned++;
    __real_free(p);
}

/* Every SP1 a generator ran at (g->sp1 after a run). */
static uintptr_t sp1_min = UINTPTR_MAX, sp1_max;
static int sp1_mod16[2]; /* runs with SP1 = 0 and = 8 mod 16 */
static int sp1_moves;    /* runs at another SP1 than the previous run of that generator */

static void note_sp1(const DodoGen *g, uintptr_t *last)
{
    uintptr_t sp1 = (uintptr_t)g->sp1;
    if (sp1 < sp1_min)
        sp1_min = sp1;
    if (sp1 > sp1_max)
        sp1_max = sp1;
    sp1_mod16[(sp1 & 15) != 0]++;
    if (last != NULL) {
        if (*last != 0 && *last != sp1)
            sp1_moves++;
        *last = sp1;
    }
}

/* dodo_gen_next, called `depth` frames further down (frames of different
 * sizes), directly or through the misaligning shim. Each frame checks that
 * its own bytes survived the generator's run below it. */
static __attribute__((noinline)) int next_deep(DodoGen *g, int64_t *value, int depth, int misalign)
{
    if (depth == 0)
        return misalign ? test_next_misaligned(g, value) : dodo_gen_next(g, value);
    volatile char pad[depth * 40 + 8];
    pad[0] = (char)depth;
    pad[depth * 40 + 7] = (char)~depth;
    int r = next_deep(g, value, depth - 1, misalign);
    CHECK(pad[0] == (char)depth && pad[depth * 40 + 7] == (char)~depth);
    return r;
}

/* The i-th step of a drive: depth and alignment change from step to step
 * (depth i*7 mod 13 visits 0..12; the alignment flips every third step). */
static int next_varied(DodoGen *g, int64_t *value, unsigned i, uintptr_t *last)
{
    int r = next_deep(g, value, (int)(i * 7 % 13), (int)(i / 3 % 2));
    note_sp1(g, last);
    return r;
}

/* dodo_gen_destroy from `depth` frames further down. */
static __attribute__((noinline)) void destroy_deep(DodoGen *g, int depth)
{
    if (depth == 0) {
        dodo_gen_destroy(g);
        return;
    }
    volatile char pad[depth * 24 + 8];
    pad[0] = (char)depth;
    destroy_deep(g, depth - 1);
    CHECK(pad[0] == (char)depth);
}

/* The checks every test program ends with: the generators really moved,
 * at both alignments, and every C call was aligned. */
static void check_drives(void)
{
    CHECK(c_calls > 0);
    CHECK(c_calls_misaligned == 0);
    CHECK(sp1_moves > 0);
    CHECK(sp1_max - sp1_min >= 12 * 40);
    CHECK(sp1_mod16[0] > 0 && sp1_mod16[1] > 0);
}

static const char *event_text(int64_t value)
{
    const DodoString *s = (const DodoString *)(intptr_t)value;
    return s->data;
}

#endif
