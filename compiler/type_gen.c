/* Generator(T…) types, interned for the whole compilation. */
#include "type_gen.h"

#include <string.h>

#include "buf.h"
#include "fatal.h"

typedef struct GenType {
  Type base; /* first: a GenType * is a Type * */
  const Type **elems;
  int nelems;
  struct GenType *next;
} GenType;

static bool same(const GenType *g, const Type *const *elems, int n) {
  if (g->nelems != n) return false;
  for (int i = 0; i < n; i++)
    if (g->elems[i] != elems[i]) return false;
  return true;
}

const Type *type_gen_of(Ctx *ctx, const Type *const *elems, int n) {
  struct GenType **list = ctx->modules ? &ctx->modules->gen_types : &ctx->gen_types;
  for (GenType *g = *list; g; g = g->next)
    if (same(g, elems, n)) return &g->base;
  GenType *g = ARENA_NEW(&ctx->arena, GenType);
  g->base.kind = TY_GENERATOR;
  g->base.width = 8; /* one register: the value's handle (abi.md §1) */
  Buf name;
  buf_init(&name);
  buf_puts(&name, "Generator(");
  for (int i = 0; i < n; i++) buf_printf(&name, "%s%s", i ? ", " : "", elems[i]->name);
  buf_putc(&name, ')');
  g->base.name = arena_strndup(&ctx->arena, name.data, name.len);
  buf_free(&name);
  g->elems = ARENA_ARRAY(&ctx->arena, const Type *, n > 0 ? n : 1);
  memcpy(g->elems, elems, sizeof *elems * (size_t)n);
  g->nelems = n;
  g->next = *list;
  *list = g;
  return &g->base;
}

bool type_is_gen(const Type *t) { return t && t->kind == TY_GENERATOR; }

const Type *const *type_gen_elems(const Type *t, int *n) {
  if (!type_is_gen(t)) ICE(0, "type_gen_elems: not a generator type");
  *n = ((const GenType *)t)->nelems;
  return (const Type *const *)((const GenType *)t)->elems;
}

int type_gen_slots(const Type *t) {
  int n, slots = 0;
  const Type *const *elems = type_gen_elems(t, &n);
  for (int i = 0; i < n; i++) slots += type_slots(elems[i]);
  return slots;
}
