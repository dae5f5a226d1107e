/* Removing instructions that change nothing, on assembly text (-O1 up). */
#ifndef DODOC_PEEPHOLE_H
#define DODOC_PEEPHOLE_H

#include "buf.h"

/* Redundant frame loads and stores (peephole.c). */
void peephole_run(Buf *body);
/* A conditional jump over a jmp becomes the inverse condition
 * (peephole_jumps.c). */
void peephole_jumps(Buf *body);
/* Stores to frame slots nothing reads (peephole_stores.c); not with -g. */
void peephole_dead_stores(Buf *body);

#endif
