// B8, for context: the same with a C++ exception thrown every k-th call.
#include <cstdio>
#include <cstdlib>

__attribute__((noinline)) static long check(long i, long k) {
    if (i % k == 0) throw "bad";
    return i;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long k = argc > 2 ? atol(argv[2]) : 10;
    long sum = 0, errs = 0;
    for (long i = 1; i <= n; i++) {
        try {
            sum += check(i, k);
        } catch (const char *) {
            errs++;
        }
    }
    std::printf("sum %ld errs %ld\n", sum, errs);
    return 0;
}
