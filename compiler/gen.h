/* Code generation: x86-64 AT&T assembly in the dodo calling convention
 * (abi.md), from a checked tree. */
#ifndef DODOC_GEN_H
#define DODOC_GEN_H

#include "buf.h"
#include "ctx.h"

void gen_program(Ctx *ctx, Buf *out);

#endif
