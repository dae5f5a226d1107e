/* B1 floor: the plain C loop a generator round trip is compared with.
 * The empty asm keeps gcc -O2 from vectorising the sum or replacing it
 * by a closed form, so each iteration is one trip round the loop. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long total = 0;
    for (long i = 0; i < n; i++) {
        total += i;
        __asm__ volatile("" : "+r"(total));
    }
    printf("total %ld\n", total);
    return 0;
}
