/* B8: a C error-code return, the baseline for a dodo call that raises an
 * event every k-th time. check() is kept out of line, as the dodo call is. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int check(long i, long k, long *out) {
    if (i % k == 0) return -1;
    *out = i;
    return 0;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long k = argc > 2 ? atol(argv[2]) : 10;
    long sum = 0, errs = 0;
    for (long i = 1; i <= n; i++) {
        long v;
        if (check(i, k, &v) != 0) errs++;
        else sum += v;
    }
    printf("sum %ld errs %ld\n", sum, errs);
    return 0;
}
