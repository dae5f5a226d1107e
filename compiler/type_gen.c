/* Generator(T) types, interned in the compilation's Ctx. */
#include "type_gen.h"

#include "fatal.h"

typedef struct GenType {
  Type base; /* first: a GenType * is a Type * */
  const Type *elem;
  struct GenType *next;
} GenType;

const Type *type_gen_of(Ctx *ctx, const Type *elem) {
  for (GenType *g = ctx->gen_types; g; g = g->next)
    if (g->elem == elem) return &g->base;
  GenType *g = ARENA_NEW(&ctx->arena, GenType);
  g->base.kind = TY_GENERATOR;
  g->base.width = 8; /* one register: the value's handle (abi.md §1) */
  g->base.name = arena_printf(&ctx->arena, "Generator(%s)", elem->name);
  g->elem = elem;
  g->next = ctx->gen_types;
  ctx->gen_types = g;
  return &g->base;
}

bool type_is_gen(const Type *t) { return t && t->kind == TY_GENERATOR; }

const Type *type_gen_elem(const Type *t) {
  if (!type_is_gen(t)) ICE(0, "type_gen_elem: not a generator type");
  return ((const GenType *)t)->elem;
}
