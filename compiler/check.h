/* The checker: name resolution, types, continuation signatures, and frame
 * layout for codegen (language.md §1–8). Reports located diagnostics; fills
 * the "checker" fields of the tree. */
#ifndef DODOC_CHECK_H
#define DODOC_CHECK_H

#include "ctx.h"

void check_program(Ctx *ctx);

/* check_module.c: names the module after its file when it has no
 * `__Module__` line, and marks its functions as its own. */
void check_module_begin(Ctx *ctx);
/* After checking: the diagnostics of the modules read, and their errors
 * counted as the compilation's. */
void check_modules_end(Ctx *ctx);
void check_modules_free(Modules *mods);

#endif
