/* B1: the runtime's detached-generator C API (dodo_gen_*, stack copying)
 * driving the dodo generator `upto` of b1_gen.dodo.in, compiled by dodoc -c
 * as module b1_capigen. Each round trip is one dodo_gen_next: the
 * generator's saved stack segment is copied back below this frame, resumed,
 * and copied out again at its next yield. */
#include <stdio.h>
#include <stdlib.h>

#include "dodo_runtime.h"

extern char gen_upto[] __asm__("b1_capigen.upto");
extern char gen_context[] __asm__("b1_capigen");

int main(int argc, char **argv) {
    int64_t n = argc > 1 ? atol(argv[1]) : 1000;
    DodoGen *g = dodo_gen_start(gen_upto, gen_context, 1, &n);
    int64_t v, total = 0;
    int r;
    while ((r = dodo_gen_next(g, &v)) == 1) total += v;
    if (r < 0) {
        fprintf(stderr, "event: %s\n", ((DodoString *)(intptr_t)v)->data);
        return 1;
    }
    dodo_gen_destroy(g);
    printf("total %ld\n", (long)total);
    return 0;
}
