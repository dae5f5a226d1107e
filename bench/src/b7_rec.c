/* B7: the C equivalents of b7_*.dodo.in. argv: benchmark (fib|ack|evenodd),
 * repetitions. The argument values come from argv so that gcc cannot fold
 * the calls at compile time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static long ack(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int isOdd(long n);
static int isEven(long n) { return n == 0 ? 1 : isOdd(n - 1); }
static int isOdd(long n) { return n == 0 ? 0 : isEven(n - 1); }

int main(int argc, char **argv) {
    const char *which = argc > 1 ? argv[1] : "fib";
    long reps = argc > 2 ? atol(argv[2]) : 1;
    long a = argc > 3 ? atol(argv[3]) : 0;
    long b = argc > 4 ? atol(argv[4]) : 0;
    long total = 0;
    for (long r = 0; r < reps; r++) {
        if (strcmp(which, "fib") == 0) total += fib(a);
        else if (strcmp(which, "ack") == 0) total += ack(a, b);
        else total += isEven(a + (r % 2));
    }
    printf("total %ld\n", total);
    return 0;
}
