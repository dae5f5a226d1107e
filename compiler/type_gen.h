/* Generator(T), the type of a generator value (language.md §10). Types are
 * compared by address, so each Generator(T) is made once per compilation
 * and kept in the Ctx (no global state). */
#ifndef DODOC_TYPE_GEN_H
#define DODOC_TYPE_GEN_H

#include <stdbool.h>

#include "ctx.h"

/* The one Generator(elem) of this compilation. */
const Type *type_gen_of(Ctx *ctx, const Type *elem);
bool type_is_gen(const Type *t);
/* What a Generator(T) yields: T. */
const Type *type_gen_elem(const Type *t);

#endif
