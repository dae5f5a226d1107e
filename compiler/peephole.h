/* Removing instructions that change nothing, on assembly text (-O1 up). */
#ifndef DODOC_PEEPHOLE_H
#define DODOC_PEEPHOLE_H

#include "buf.h"

void peephole_run(Buf *body);

#endif
