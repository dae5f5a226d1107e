/* test_gen_dodo.c — the dodo_gen_* API driving generators compiled by dodoc
 * from gens.dodo (module `gens`; tests/runtime/CMakeLists.txt builds it at -O0
 * and -O2, one test program each). Resumed from changing depths and
 * alignments, the compiled frames must survive being moved: abi.md §5
 * "generator frames are relocatable", including generators that consume
 * other generators in nested mode (their saved segment holds the inner
 * generator's frame too). */
#include <stdlib.h>

#include "gen_test.h"

extern char gens_context[] __asm__("gens");
extern char gens_upto[] __asm__("gens.upto");
extern char gens_squares[] __asm__("gens.squares");
extern char gens_ticks[] __asm__("gens.ticks");
extern char gens_fail[] __asm__("gens.fail");
extern char gens_words[] __asm__("gens.words");
extern char gens_seven[] __asm__("gens.seven");
extern char gens_many[] __asm__("gens.many");
extern int64_t gens_tick_unwinds; /* gens_tick.S */

static DodoGen *gen1(void *code, int64_t a)
{
    return dodo_gen_start(code, gens_context, 1, &a);
}

static void test_upto(void)
{
    enum { N = 100000 };
    DodoGen *g = gen1(gens_upto, N);
    uintptr_t last = 0;
    int64_t v = 0;
    int64_t cap = -1;
    for (unsigned i = 0; i < N; i++) {
        int r = next_varied(g, &v, i, &last);
        CHECK(r == 1);
        CHECK(v == (int64_t)i + 1);
        if (r != 1 || v != (int64_t)i + 1)
            break;
        if (cap < 0)
            cap = g->cap;
        CHECK(g->cap == cap && g->size == cap); /* one frame, always the same size */
    }
    CHECK(next_varied(g, &v, N, &last) == 0);
    CHECK(dodo_gen_done(g));
    CHECK(g->buf == NULL && g->cap == 0);
    CHECK(dodo_gen_next(g, &v) == 0);
    dodo_gen_destroy(g);
}

/* squares consumes upto in nested mode and yields from the loop body. */
static void test_nested_consumer(void)
{
    enum { N = 3000 };
    DodoGen *g = gen1(gens_squares, N);
    uintptr_t last = 0;
    int64_t v = 0;
    for (unsigned i = 0; i < N; i++) {
        int r = next_varied(g, &v, i, &last);
        CHECK(r == 1);
        CHECK(v == ((int64_t)i + 1) * ((int64_t)i + 1));
        CHECK(g->cap >= g->size); /* grow-only: the largest segment so far */
        if (r != 1)
            break;
    }
    CHECK(next_varied(g, &v, N, &last) == 0);
    dodo_gen_destroy(g);

    /* Two levels of nested consumers (an assembly generator innermost). */
    g = gen1(gens_ticks, 30);
    unsigned step = 0;
    for (int64_t a = 1; a <= 30; a++) {
        for (int64_t b = 1; b <= a; b++, step++) {
            CHECK(next_varied(g, &v, step, &last) == 1);
            CHECK(v == a * 1000 + b);
        }
    }
    CHECK(next_varied(g, &v, step, &last) == 0);
    dodo_gen_destroy(g);
    CHECK(gens_tick_unwinds == 0);
}

/* Destroying a suspended generator unwinds it, and through it the
 * generators it is consuming. */
static void test_destroy(void)
{
    int64_t v, before = gens_tick_unwinds;
    DodoGen *g = gen1(gens_ticks, 10);
    for (int i = 0; i < 7; i++)
        CHECK(next_deep(g, &v, i % 5, i & 1) == 1);
    CHECK(v == 4001); /* 1001, 2001, 2002, 3001..3003, 4001 */
    destroy_deep(g, 11);
    CHECK(gens_tick_unwinds == before + 1);

    /* Not started, finished: nothing to unwind. */
    dodo_gen_destroy(gen1(gens_ticks, 10));
    g = gen1(gens_ticks, 2);
    while (dodo_gen_next(g, &v) == 1) {
    }
    CHECK(v == 2002);
    dodo_gen_destroy(g);
    CHECK(gens_tick_unwinds == before + 1);

    /* squares unwinds upto (no counter: ASan and valgrind watch it). */
    g = gen1(gens_squares, 100);
    for (int i = 0; i < 5; i++)
        CHECK(next_deep(g, &v, 4 - i, i & 1) == 1);
    CHECK(v == 25);
    destroy_deep(g, 6);

    /* A plain generator, suspended. */
    g = gen1(gens_upto, 100);
    CHECK(test_next_misaligned(g, &v) == 1);
    dodo_gen_destroy(g);
}

static void test_event(void)
{
    DodoGen *g = gen1(gens_fail, 5);
    uintptr_t last = 0;
    int64_t v = 0;
    for (unsigned i = 0; i < 5; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == (int64_t)i + 1);
    }
    CHECK(next_varied(g, &v, 5, &last) == -1); /* the event's text is made by a C call */
    CHECK_BYTES(event_text(v), strlen(event_text(v)), "failed after 5");
    CHECK(dodo_gen_done(g));
    CHECK(dodo_gen_next(g, &v) == 0);
    dodo_gen_destroy(g);

    g = gen1(gens_fail, 0);
    CHECK(test_next_misaligned(g, &v) == -1);
    CHECK_BYTES(event_text(v), strlen(event_text(v)), "failed after 0");
    dodo_gen_destroy(g);
}

/* Every value is a string made by dodo_str_join (a C call) just before the
 * yield, at whatever alignment the generator was moved to. */
static void test_strings(void)
{
    DodoGen *g = gen1(gens_words, 500);
    uintptr_t last = 0;
    int64_t v = 0;
    char expected[32];
    for (unsigned i = 0; i < 500; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        snprintf(expected, sizeof expected, "w%u", i + 1);
        const DodoString *s = (const DodoString *)(intptr_t)v;
        CHECK_BYTES(s->data, (size_t)s->len, expected);
    }
    CHECK(next_varied(g, &v, 500, &last) == 0);
    dodo_gen_destroy(g);
}

/* Parameters 4.. on SP2. */
static void test_seven(void)
{
    int64_t args[7] = { -1, 2, -3, 4000000000000, 5, -6, 7 };
    DodoGen *g = dodo_gen_start(gens_seven, gens_context, 7, args);
    uintptr_t last = 0;
    int64_t v = 0;
    for (unsigned i = 0; i < 7; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == args[i]);
    }
    CHECK(next_varied(g, &v, 7, &last) == 0);
    dodo_gen_destroy(g);
}

/* What gens.many computes, in C. */
typedef struct {
    int64_t a[30];
    int64_t i, j, n;
} Many;

static void many_init(Many *m, int64_t n, int64_t seed)
{
    for (int k = 0; k < 30; k++)
        m->a[k] = seed + k;
    m->i = 1;
    m->j = 0;
    m->n = n;
}

/* The next checksum, or -1 at the end. */
static int64_t many_next(Many *m)
{
    if (++m->j > 3) {
        m->j = 1;
        m->i++;
    }
    if (m->i > m->n)
        return -1;
    int64_t *a = m->a;
    a[0] = (a[0] + a[29] * m->j + m->i) % 1000003;
    for (int k = 1; k < 30; k++)
        a[k] = (a[k] + a[k - 1] * (k % 7 + 1)) % 1000003;
    int64_t sum = 0;
    for (int k = 0; k < 30; k++)
        sum += a[k] * (k + 1);
    return sum;
}

/* 30 locals and two nested loops survive every move; two of them and a
 * nested consumer advanced in turn. */
static void test_many_locals(void)
{
    int64_t args1[] = { 200, 7 }, args2[] = { 150, 123456 };
    DodoGen *g1 = dodo_gen_start(gens_many, gens_context, 2, args1);
    DodoGen *g2 = dodo_gen_start(gens_many, gens_context, 2, args2);
    DodoGen *g3 = gen1(gens_squares, 1000);
    Many m1, m2;
    many_init(&m1, 200, 7);
    many_init(&m2, 150, 123456);
    uintptr_t last1 = 0, last2 = 0, last3 = 0;
    int64_t v, e1, e2, k3 = 1;
    unsigned i = 0;
    int live = 3;
    while (live > 0) {
        live = 0;
        if (!dodo_gen_done(g1)) {
            e1 = many_next(&m1);
            int r = next_varied(g1, &v, i, &last1);
            CHECK(r == (e1 < 0 ? 0 : 1));
            if (r == 1)
                CHECK(v == e1);
            live += r == 1;
        }
        if (!dodo_gen_done(g2) && i % 2 == 0) {
            e2 = many_next(&m2);
            int r = next_varied(g2, &v, i + 3, &last2);
            CHECK(r == (e2 < 0 ? 0 : 1));
            if (r == 1)
                CHECK(v == e2);
        }
        live += !dodo_gen_done(g2);
        if (!dodo_gen_done(g3)) {
            int r = next_varied(g3, &v, i + 6, &last3);
            CHECK(r == (k3 <= 1000 ? 1 : 0));
            if (r == 1)
                CHECK(v == k3 * k3);
            k3++;
            live += r == 1;
        }
        i++;
        if (i > 10000)
            break;
    }
    CHECK(dodo_gen_done(g1) && dodo_gen_done(g2) && dodo_gen_done(g3));
    CHECK(i == 1001);
    dodo_gen_destroy(g1);
    dodo_gen_destroy(g2);
    dodo_gen_destroy(g3);
}

int main(void)
{
    test_upto();
    test_nested_consumer();
    test_destroy();
    test_event();
    test_strings();
    test_seven();
    test_many_locals();
    check_drives();
    return check_report();
}
