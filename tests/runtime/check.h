/* check.h — the runtime unit tests' whole "framework": CHECK counts, the
 * report prints `N passed, M failed` and gives the exit status. */
#ifndef DODO_TEST_CHECK_H
#define DODO_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                               \
    do {                                                                          \
        if (cond) {                                                               \
            check_passed++;                                                       \
        } else {                                                                  \
            check_failed++;                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                         \
    } while (0)

/* Compares a byte string of known length with an expected C string and shows
 * the start of both when they differ. */
#define CHECK_BYTES(actual, actual_len, expected)                                 \
    do {                                                                          \
        const char *a_ = (actual), *e_ = (expected);                              \
        size_t al_ = (actual_len), el_ = strlen(e_);                              \
        if (al_ == el_ && memcmp(a_, e_, el_) == 0) {                             \
            check_passed++;                                                       \
        } else {                                                                  \
            check_failed++;                                                       \
            fprintf(stderr, "%s:%d: got %zu bytes \"%.*s\", expected %zu bytes \"%.*s\"\n", \
                    __FILE__, __LINE__, al_, (int)(al_ < 300 ? al_ : 300), a_,    \
                    el_, (int)(el_ < 300 ? el_ : 300), e_);                       \
        }                                                                         \
    } while (0)

static int check_report(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}

#endif
