/* test_gen_asm.c — the dodo_gen_* API driving the hand-written generators
 * of gen_funcs.S: many values, resumption from other depths and
 * alignments, two generators in turn, events, unwinding by destroy, C calls
 * from a relocated generator, the size of the saved segment, parameters on
 * SP2, an empty segment, generators driven from inside a running one, and
 * misuse. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gen_test.h"

extern char test_context[] __asm__("test");
extern char test_count[] __asm__("test.count");
extern char test_probe[] __asm__("test.probe");
extern char test_breathe[] __asm__("test.breathe");
extern char test_args[] __asm__("test.args");
extern char test_flat[] __asm__("test.flat");
extern int64_t test_gen_unwinds;
extern int64_t test_flat_left;

static DodoGen *count(int64_t from, int64_t to, int64_t fail_at)
{
    int64_t args[] = { from, to, fail_at };
    return dodo_gen_start(test_count, test_context, 3, args);
}

static DodoGen *probe(int64_t n)
{
    return dodo_gen_start(test_probe, test_context, 1, &n);
}

enum { COUNT_FRAME = 56 };

/* Yields from..to, each checked, from ever-changing depths. */
static void drain_count(DodoGen *g, int64_t from, int64_t to)
{
    uintptr_t last = 0;
    int64_t v = 0;
    unsigned i = 0;
    for (int64_t expected = from; expected <= to; expected++, i++) {
        int r = next_varied(g, &v, i, &last);
        CHECK(r == 1);
        CHECK(v == expected);
        CHECK(g->size == COUNT_FRAME && g->cap == COUNT_FRAME);
        CHECK(!dodo_gen_done(g));
        if (r != 1 || v != expected)
            return;
    }
    v = -7;
    CHECK(next_varied(g, &v, i, &last) == 0);
    CHECK(v == -7); /* untouched at the end */
    CHECK(dodo_gen_done(g));
    CHECK(g->buf == NULL && g->cap == 0);
}

static void test_many_values(void)
{
    DodoGen *g = count(1, 20000, 0);
    CHECK(!dodo_gen_done(g));
    drain_count(g, 1, 20000);
    /* Finished: every further call says so, however it is called. */
    int64_t v = 5;
    CHECK(dodo_gen_next(g, &v) == 0);
    CHECK(test_next_misaligned(g, &v) == 0);
    CHECK(dodo_gen_next(g, NULL) == 0);
    CHECK(v == 5);
    dodo_gen_destroy(g);
}

static void test_alternate(void)
{
    DodoGen *a = count(1, 3000, 0), *b = count(100001, 103000, 0);
    uintptr_t last_a = 0, last_b = 0;
    int64_t va = 0, vb = 0;
    for (unsigned i = 0; i < 3000; i++) {
        CHECK(next_varied(a, &va, i, &last_a) == 1);
        CHECK(next_varied(b, &vb, i + 5, &last_b) == 1);
        CHECK(va == (int64_t)i + 1);
        CHECK(vb == (int64_t)i + 100001);
    }
    CHECK(dodo_gen_next(b, &vb) == 0);
    CHECK(dodo_gen_next(a, &va) == 0);
    CHECK(dodo_gen_done(a) && dodo_gen_done(b));
    dodo_gen_destroy(a);
    dodo_gen_destroy(b);
}

static void test_event(void)
{
    DodoGen *g = count(1, 100, 7);
    uintptr_t last = 0;
    int64_t v = 0;
    for (unsigned i = 0; i < 6; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == (int64_t)i + 1);
    }
    CHECK(next_varied(g, &v, 6, &last) == -1);
    CHECK_BYTES(event_text(v), strlen(event_text(v)), "asm boom");
    CHECK(dodo_gen_done(g));
    CHECK(g->buf == NULL && g->cap == 0);
    v = 0;
    CHECK(dodo_gen_next(g, &v) == 0);
    CHECK(v == 0);
    /* An event before any value. */
    DodoGen *h = count(3, 9, 3);
    CHECK(test_next_misaligned(h, &v) == -1);
    CHECK_BYTES(event_text(v), strlen(event_text(v)), "asm boom");
    dodo_gen_destroy(h);
    dodo_gen_destroy(g);
}

static void test_destroy(void)
{
    int64_t before = test_gen_unwinds, v;

    /* Suspended: unwound, from another depth than its last run. */
    DodoGen *g = count(1, 10, 0);
    for (int i = 0; i < 3; i++)
        CHECK(next_deep(g, &v, i, i & 1) == 1);
    destroy_deep(g, 9);
    CHECK(test_gen_unwinds == before + 1);

    /* Never started, finished, finished by an event: nothing to unwind. */
    dodo_gen_destroy(count(1, 10, 0));
    g = count(1, 2, 0);
    while (dodo_gen_next(g, &v) == 1) {
    }
    dodo_gen_destroy(g);
    g = count(1, 2, 2);
    CHECK(dodo_gen_next(g, &v) == 1);
    CHECK(dodo_gen_next(g, &v) == -1);
    dodo_gen_destroy(g);
    dodo_gen_destroy(NULL);
    CHECK(test_gen_unwinds == before + 1);

    /* Many suspended at once, destroyed in another order than made. */
    enum { N = 50 };
    DodoGen *gs[N];
    for (int i = 0; i < N; i++) {
        gs[i] = count(i + 1, 1000, 0);
        for (int k = 0; k <= i % 4; k++)
            CHECK(next_deep(gs[i], &v, (i + k) % 5, k & 1) == 1);
        CHECK(v == i + 1 + i % 4);
    }
    for (int i = 0; i < N; i++)
        destroy_deep(gs[(i * 7) % N], i % 6);
    CHECK(test_gen_unwinds == before + 1 + N);
}

/* ---- C calls from a relocated generator ---- */

static int probe_calls, probe_misaligned, probe_bad_text;
static void (*probe_hook)(int64_t i);

/* Called by test.probe, after aligning RSP the way compiled code does. */
int64_t test_gen_probe(int64_t i);
int64_t test_gen_probe(int64_t i)
{
    probe_calls++;
    if (((uintptr_t)__builtin_frame_address(0) & 15) != 0)
        probe_misaligned++;
    /* printf's %f saves the vector registers with aligned stores. */
    char text[64], expected[64];
    snprintf(text, sizeof text, "%f", (double)i + 0.25);
    snprintf(expected, sizeof expected, "%lld.250000", (long long)i);
    if (strcmp(text, expected) != 0)
        probe_bad_text++;
    if (probe_hook != NULL)
        probe_hook(i);
    return i * 10;
}

static void test_c_calls_aligned(void)
{
    DodoGen *g = probe(300);
    uintptr_t last = 0;
    int64_t v = 0;
    for (unsigned i = 0; i < 300; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == ((int64_t)i + 1) * 10);
    }
    CHECK(dodo_gen_next(g, &v) == 0);
    CHECK(probe_calls == 300);
    CHECK(probe_misaligned == 0);
    CHECK(probe_bad_text == 0);
    dodo_gen_destroy(g);

    /* Unwinding a generator suspended with marker words below its frame. */
    int64_t before = test_gen_unwinds;
    g = probe(10);
    CHECK(dodo_gen_next(g, &v) == 1);
    CHECK(test_next_misaligned(g, &v) == 1);
    dodo_gen_destroy(g);
    CHECK(test_gen_unwinds == before + 1);
}

/* ---- generators driven from C code a running generator called ---- */

static DodoGen *side;       /* suspended outside, advanced from inside */
static int64_t side_expected;
static int64_t inner_sum;

static void drive_others(int64_t i)
{
    /* A whole generator's life below the running one. */
    DodoGen *inner = count(1, i, 0);
    int64_t v;
    while (next_deep(inner, &v, (int)(i % 4), (int)(i & 1)) == 1)
        inner_sum += v;
    dodo_gen_destroy(inner);
    /* One step of a generator started at the top of the test. */
    CHECK(next_deep(side, &v, (int)(i % 3), (int)(i / 2 % 2)) == 1);
    CHECK(v == side_expected);
    side_expected++;
    /* A suspended one, destroyed down here. */
    inner = count(1, 5, 0);
    CHECK(dodo_gen_next(inner, &v) == 1);
    dodo_gen_destroy(inner);
}

static void test_nested_drivers(void)
{
    int64_t v, unwinds = test_gen_unwinds;
    side = count(1000, 2000, 0);
    side_expected = 1000;
    CHECK(dodo_gen_next(side, &v) == 1 && v == 1000);
    side_expected = 1001;
    probe_hook = drive_others;
    DodoGen *g = probe(40);
    uintptr_t last = 0;
    int n = 0;
    while (next_varied(g, &v, (unsigned)n, &last) == 1) {
        n++;
        CHECK(v == n * 10);
    }
    probe_hook = NULL;
    CHECK(n == 40);
    CHECK(inner_sum == 40 * 41 * 42 / 6); /* sum of i(i+1)/2 for i = 1..40 */
    CHECK(side_expected == 1041);
    CHECK(test_gen_unwinds == unwinds + 40);
    CHECK(dodo_gen_next(side, &v) == 1 && v == 1041);
    dodo_gen_destroy(side);
    dodo_gen_destroy(g);
}

/* ---- the saved segment: the buffer grows to the largest live size, and is
 * reused (never reallocated) while segments fit ---- */

static void test_buffer_size(void)
{
    static const int64_t words[] = {
        0, 1, 2, 100, 99, 3, 3, 2000, 0, 17, 100000, 5, 64, 65, 1, 0, 30000, 30001, 29999, 7,
    };
    enum { N = sizeof words / sizeof words[0] };
    int64_t args[] = { N, (int64_t)(intptr_t)words };
    DodoGen *g = dodo_gen_start(test_breathe, test_context, 2, args);
    uintptr_t last = 0;
    int64_t v = 0, prev = 0, largest = 0;
    int grew = 0, shrank = 0, reused = 0;
    char *buf = NULL;
    for (unsigned i = 0; i < N; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == 56 + 8 + 8 * words[i]);
        CHECK(g->size == v);
        if (v > largest)
            largest = v;
        CHECK(g->cap == largest); /* the largest segment so far, no more */
        CHECK(g->buf != NULL);
        if (v <= prev && i > 0) {
            CHECK(g->buf == buf); /* it fit: the same buffer, not reallocated */
            reused++;
        }
        grew += v > prev && i > 0;
        shrank += v < prev;
        prev = v;
        buf = g->buf;
    }
    CHECK(grew >= 5 && shrank >= 5 && reused >= 5);
    CHECK(next_varied(g, &v, N, &last) == 0);
    CHECK(g->buf == NULL && g->cap == 0 && g->size == 0);
    dodo_gen_destroy(g);

    /* Destroyed while holding its largest segment. */
    int64_t before = test_gen_unwinds;
    g = dodo_gen_start(test_breathe, test_context, 2, args);
    for (int i = 0; i <= 10; i++)
        CHECK(dodo_gen_next(g, &v) == 1);
    CHECK(g->cap == 56 + 8 + 8 * 100000);
    destroy_deep(g, 3);
    CHECK(test_gen_unwinds == before + 1);
}

/* Parameters after the third go on SP2. */
static void test_params(void)
{
    int64_t args[8];
    for (int i = 0; i < 8; i++)
        args[i] = (i + 1) * 11;
    DodoGen *g = dodo_gen_start(test_args, test_context, 8, args);
    args[0] = 0; /* copied: later changes do not matter */
    uintptr_t last = 0;
    int64_t v;
    for (unsigned i = 0; i < 8; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == ((int64_t)i + 1) * 11);
        CHECK(g->size == 56 + 40);
    }
    CHECK(next_varied(g, &v, 8, &last) == 0);
    dodo_gen_destroy(g);
}

/* A generator without a frame: empty segments. */
static void test_empty_segment(void)
{
    test_flat_left = 3;
    DodoGen *g = dodo_gen_start(test_flat, test_context, 0, NULL);
    uintptr_t last = 0;
    int64_t v;
    for (unsigned i = 0; i < 3; i++) {
        CHECK(next_varied(g, &v, i, &last) == 1);
        CHECK(v == 42);
        CHECK(g->size == 0 && g->cap == 0 && g->buf == NULL);
    }
    CHECK(dodo_gen_next(g, &v) == 0);
    dodo_gen_destroy(g);
    test_flat_left = 1;
    g = dodo_gen_start(test_flat, test_context, 0, NULL);
    CHECK(dodo_gen_next(g, &v) == 1);
    dodo_gen_destroy(g); /* unwinds an empty segment */
}

/* ---- misuse: in a child process, which must die with status 3 ---- */

static DodoGen *self;

static void resume_self(int64_t i)
{
    (void)i;
    int64_t v;
    dodo_gen_next(self, &v);
}

static void destroy_self(int64_t i)
{
    (void)i;
    dodo_gen_destroy(self);
}

static void check_fatal(void (*hook)(int64_t), const char *message)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        probe_hook = hook;
        self = probe(3);
        int64_t v;
        dodo_gen_next(self, &v);
        _exit(0);
    }
    close(fds[1]);
    char text[512];
    size_t len = 0;
    ssize_t got;
    while ((got = read(fds[0], text + len, sizeof text - 1 - len)) > 0)
        len += (size_t)got;
    close(fds[0]);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == DODO_EXIT_FATAL);
    text[len] = '\0';
    CHECK_BYTES(text, len, message);
}

static void test_misuse(void)
{
    check_fatal(resume_self, "dodo: fatal: dodo_gen_next: the generator is already running\n");
    check_fatal(destroy_self, "dodo: fatal: dodo_gen_destroy: the generator is running\n");
}

int main(void)
{
    test_many_values();
    test_alternate();
    test_event();
    test_destroy();
    test_c_calls_aligned();
    test_nested_drivers();
    test_buffer_size();
    test_params();
    test_empty_segment();
    check_drives();
    test_misuse();
    return check_report();
}
