/* Generator(T…), the type of a generator value (language.md §10): what its
 * yield carries, one type per value. Types are compared by address, so each
 * Generator(T…) is made once per compilation, shared by all its modules
 * (kept in the Modules of the Ctx: no global state). */
#ifndef DODOC_TYPE_GEN_H
#define DODOC_TYPE_GEN_H

#include <stdbool.h>

#include "ctx.h"

/* The one Generator(elems[0], …) of this compilation. */
const Type *type_gen_of(Ctx *ctx, const Type *const *elems, int n);
bool type_is_gen(const Type *t);
/* What a Generator(T…) yields: its types, n of them. */
const Type *const *type_gen_elems(const Type *t, int *n);
/* The 8-byte slots of one yield, all its values' together (abi.md §4). */
int type_gen_slots(const Type *t);

#endif
