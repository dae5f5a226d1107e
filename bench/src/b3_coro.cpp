// B3: a pipeline of `depth` C++20 coroutine generators: stage 0 yields
// 0..n-1, every further stage relays what the one below it yields.
#include <cstdio>
#include <cstdlib>
#include "coro.hpp"

static Generator<long> stage(int depth, long n) {
    if (depth == 1) {
        for (long i = 0; i < n; i++) co_yield i;
    } else {
        for (long v : stage(depth - 1, n)) co_yield v;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    int depth = argc > 2 ? atoi(argv[2]) : 1;
    long total = 0;
    for (long v : stage(depth, n)) total += v;
    std::printf("total %ld\n", total);
    return 0;
}
