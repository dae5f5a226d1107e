// B1: C++20 coroutine generator yielding 0..n-1, summed by a range-for loop.
#include <cstdio>
#include <cstdlib>
#include "coro.hpp"

static Generator<long> upto(long n) {
    for (long i = 0; i < n; i++) co_yield i;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long total = 0;
    for (long v : upto(n)) total += v;
    std::printf("total %ld\n", total);
    return 0;
}
