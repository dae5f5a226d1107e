/* The checker: name resolution, types, continuation signatures, and frame
 * layout for codegen (language.md §1–8). Reports located diagnostics; fills
 * the "checker" fields of the tree. */
#ifndef DODOC_CHECK_H
#define DODOC_CHECK_H

#include "ctx.h"

void check_program(Ctx *ctx);

#endif
