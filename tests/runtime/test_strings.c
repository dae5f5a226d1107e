/* test_strings.c — making, joining, printing and comparing dodo strings. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "runtime_internal.h"

#define STR(s) dodo_str_new((s), (int64_t)strlen(s))
#define PIECE_STR(s) ((DodoPiece){ DODO_PIECE_STRING, (int64_t)(intptr_t)(s) })
#define PIECE_INT(v) ((DodoPiece){ DODO_PIECE_INT, (v) })
#define PIECE_BOOL(v) ((DodoPiece){ DODO_PIECE_BOOL, (v) })

static void check_string(const DodoString *s, const char *expected)
{
    CHECK(((uintptr_t)s & 7) == 0);
    CHECK_BYTES(s->data, (size_t)s->len, expected);
    CHECK(s->data[s->len] == '\0');
}

static void test_from_int(void)
{
    check_string(dodo_str_from_int(0), "0");
    check_string(dodo_str_from_int(7), "7");
    check_string(dodo_str_from_int(-7), "-7");
    check_string(dodo_str_from_int(1234567890), "1234567890");
    check_string(dodo_str_from_int(INT64_MAX), "9223372036854775807");
    check_string(dodo_str_from_int(INT64_MIN), "-9223372036854775808");
    check_string(dodo_str_from_int(INT64_MIN + 1), "-9223372036854775807");
}

static void test_join(void)
{
    DodoPiece pieces[] = {
        PIECE_STR(STR("n=")), PIECE_INT(-42),   PIECE_STR(STR(", ok=")),
        PIECE_BOOL(1),        PIECE_STR(STR("/")), PIECE_BOOL(0),
        PIECE_STR(STR("")),   PIECE_INT(INT64_MIN), PIECE_INT(INT64_MAX),
    };
    check_string(dodo_str_join(9, pieces),
                 "n=-42, ok=true/false-92233720368547758089223372036854775807");
    check_string(dodo_str_join(0, NULL), "");
    DodoPiece empties[] = { PIECE_STR(STR("")), PIECE_STR(STR("")) };
    check_string(dodo_str_join(2, empties), "");
    check_string(STR(""), "");

    /* A literal as the compiler lays it out in .rodata. */
    static const struct { int64_t len; char data[6]; } __attribute__((aligned(8)))
        literal = { 5, "hello" };
    DodoPiece with_literal[] = { PIECE_STR(&literal), PIECE_INT(0) };
    check_string(dodo_str_join(2, with_literal), "hello0");
}

static void test_large(void)
{
    /* Larger than an arena chunk: gets an allocation of its own. */
    size_t big = 3u << 20;
    char *text = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        text[i] = (char)('a' + i % 26);
    text[big] = '\0';
    DodoString *s = dodo_str_new(text, (int64_t)big);
    DodoPiece twice[] = { PIECE_STR(s), PIECE_STR(s) };
    DodoString *joined = dodo_str_join(2, twice);
    CHECK(joined->len == (int64_t)(2 * big));
    CHECK(memcmp(joined->data, text, big) == 0);
    CHECK(memcmp(joined->data + big, text, big) == 0);
    CHECK(joined->data[joined->len] == '\0');
    free(text);

    /* Many small ones across chunk boundaries stay intact. */
    DodoString *numbers[20000];
    for (int i = 0; i < 20000; i++)
        numbers[i] = dodo_str_from_int(i * 1000003LL);
    int intact = 0;
    for (int i = 0; i < 20000; i++) {
        char expected[32];
        snprintf(expected, sizeof expected, "%lld", i * 1000003LL);
        intact += numbers[i]->len == (int64_t)strlen(expected)
                  && strcmp(numbers[i]->data, expected) == 0;
    }
    CHECK(intact == 20000);
}

static void test_compare(void)
{
    DodoString *abc = STR("abc"), *abc2 = STR("abc"), *abd = STR("abd");
    DodoString *ab = STR("ab"), *empty = STR(""), *empty2 = STR("");
    DodoString *high = STR("\xff"), *nul = dodo_str_new("a\0b", 3), *nul2 = dodo_str_new("a\0c", 3);

    CHECK(dodo_str_eq(abc, abc) == 1);
    CHECK(dodo_str_eq(abc, abc2) == 1);
    CHECK(dodo_str_eq(abc, abd) == 0);
    CHECK(dodo_str_eq(abc, ab) == 0);
    CHECK(dodo_str_eq(empty, empty2) == 1);
    CHECK(dodo_str_eq(empty, abc) == 0);
    CHECK(dodo_str_eq(nul, nul2) == 0);

    CHECK(dodo_str_cmp(abc, abc2) == 0);
    CHECK(dodo_str_cmp(abc, abd) < 0);
    CHECK(dodo_str_cmp(abd, abc) > 0);
    CHECK(dodo_str_cmp(ab, abc) < 0);
    CHECK(dodo_str_cmp(abc, ab) > 0);
    CHECK(dodo_str_cmp(empty, empty2) == 0);
    CHECK(dodo_str_cmp(empty, ab) < 0);
    CHECK(dodo_str_cmp(high, abc) > 0); /* bytes are unsigned */
    CHECK(dodo_str_cmp(nul, nul2) < 0); /* NUL is an ordinary byte */
}

/* Runs fn with stdout sent into a pipe and returns what it wrote. */
static size_t capture_stdout(void (*fn)(void), char *out, size_t cap)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 0;
    int saved = dup(STDOUT_FILENO);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[1]);
    fn();
    dodo_flush();
    dup2(saved, STDOUT_FILENO);
    close(saved);
    size_t n = 0;
    ssize_t r;
    while (n < cap && (r = read(fds[0], out + n, cap - n)) > 0)
        n += (size_t)r;
    close(fds[0]);
    return n;
}

static void print_pieces(void)
{
    DodoPiece pieces[] = {
        PIECE_STR(STR("x=")), PIECE_INT(INT64_MIN), PIECE_STR(STR(" ")), PIECE_BOOL(1),
        PIECE_STR(STR(" ")),  PIECE_BOOL(0),        PIECE_INT(0),
    };
    dodo_puts_pieces(7, pieces);
    dodo_puts_pieces(0, NULL);
    dodo_puts(STR("plain"));
    dodo_puts(STR(""));
}

static void test_puts(void)
{
    char out[256];
    size_t n = capture_stdout(print_pieces, out, sizeof out);
    CHECK_BYTES(out, n, "x=-9223372036854775808 true false0\n\nplain\n\n");
}

int main(void)
{
    test_from_int();
    test_join();
    test_large();
    test_compare();
    test_puts();
    return check_report();
}
