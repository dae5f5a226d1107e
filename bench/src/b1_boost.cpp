// B1: Boost.Context fiber as a generator: each round trip is two context
// switches (consumer -> fiber, fiber -> consumer), the value passed in memory.
#include <boost/context/fiber.hpp>
#include <cstdio>
#include <cstdlib>

namespace ctx = boost::context;

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long current = 0;
    bool done = false;
    ctx::fiber gen{[&](ctx::fiber &&consumer) {
        for (long i = 0; i < n; i++) {
            current = i;
            consumer = std::move(consumer).resume();
        }
        done = true;
        return std::move(consumer);
    }};
    long total = 0;
    for (;;) {
        gen = std::move(gen).resume();
        if (done) break;
        total += current;
    }
    std::printf("total %ld\n", total);
    return 0;
}
