/* The checker's structs (language.md §11): prototypes and the struct types
 * they declare, prototype names used as types, `new v(field: e, …)`, field
 * reads and the field paths of assignments. A struct type is data (types.h):
 * its fields, each with its type and its first slot, so codegen reads the
 * layout of abi.md §1 from the type and never works it out again. */
#include <string.h>

#include "check_internal.h"
#include "fatal.h"

/* A note at the declaration of struct type t, in the file of its module. */
static void note_struct(Ctx *ctx, const Type *t) {
  Ctx *owner = check_owner(ctx, t->module);
  if (owner) check_note_in(ctx, owner, t->proto->loc, "", t->name);
}

/* "'point' has no field 'z'", with the nearest field. */
static void unknown_field(Ctx *ctx, const Type *t, const char *name, Loc at) {
  Suggest s;
  suggest_init(&s, name);
  for (int i = 0; i < t->nfields; i++) suggest_offer(&s, t->fields[i].name, NULL);
  diag_error(&ctx->diag, at, "'%s' has no field '%s'%s", t->name, name,
             s.best ? arena_printf(&ctx->arena, "; did you mean '%s'?", s.best) : "");
  if (s.best) diag_fixit(&ctx->diag, at, s.best);
  note_struct(ctx, t);
}

static void not_a_struct(Ctx *ctx, const Type *t, const char *field, Loc at) {
  diag_error(&ctx->diag, at, "no field '%s' in a value of type '%s', which is not a struct",
             field, t->name);
}

/* The field an initialiser `name: e` of `new` names; reports unknown and
 * repeated names (seen: the inits before it). */
static const Field *init_field(Ctx *ctx, const Type *t, Node *init, Node *inits) {
  const Field *f = type_field(t, init->init.name);
  if (!f) {
    unknown_field(ctx, t, init->init.name, init->loc);
    return NULL;
  }
  for (Node *e = inits; e != init; e = e->next)
    if (strcmp(e->init.name, init->init.name) == 0) {
      diag_error(&ctx->diag, init->loc, "field '%s' is given twice", init->init.name);
      diag_note(&ctx->diag, e->loc, "first given here");
      return NULL;
    }
  init->init.slot = f->slot;
  return f;
}

/* ---- Prototypes and their types ------------------------------------------ */

static const Type *field_type(Ctx *ctx, Node *d, Node *self) {
  TypeRef *t = d->decl.tref;
  const Type *ty = check_resolve_type(ctx, t);
  if (t->proto == self) return &ty_error; /* reported by check_resolve_type */
  if (ty->kind == TY_GENERATOR)
    diag_error(&ctx->diag, t->loc, "a struct field cannot hold a generator value: it belongs "
                                   "to the block that created it");
  else if (type_is_stdout(ty))
    diag_error(&ctx->diag, t->loc, "a struct field cannot hold a '*Stdout' capability");
  else if (!type_is_field_type(ty) && !type_is_error(ty))
    diag_error(&ctx->diag, t->loc, "a struct field cannot be of type '%s'", ty->name);
  else
    return ty;
  return &ty_error;
}

/* The default value of a field without an initialiser: 0, false, "" or
 * the prototype its type names. */
static bool default_value(Ctx *ctx, const TypeRef *t, const Type *ty, ConstVal *out) {
  *out = (ConstVal){.type = ty, .s = "", .len = 0};
  if (!type_is_struct(ty)) return true;
  Node *proto = t->proto;
  Ctx *owner = check_owner(ctx, t->module);
  if (!proto || !owner || !check_const(owner, proto)) return false;
  *out = *proto->decl.value;
  return true;
}

/* A folded value as the value of a field of type `want`: an integer
 * constant takes a sized type when it fits (language.md §13). */
static bool value_as(Ctx *ctx, Node *at, ConstVal *v, const Type *want) {
  if (type_is_error(want) || v->type == want) return true;
  if (type_is_plain_int(v->type) && type_is_int(want)) {
    if (type_int_fits(want, v->i)) {
      v->type = want;
      return true;
    }
    diag_error(&ctx->diag, at->loc, "integer %lld is out of range of '%s'", (long long)v->i,
               want->name);
    return false;
  }
  diag_error(&ctx->diag, at->loc, "type mismatch: expected '%s', found '%s'", want->name,
             v->type->name);
  return false;
}

/* Folds n as a value of type want: a uint64 literal above int's range is
 * folded by its type (language.md §13). */
static bool fold_as(Ctx *ctx, Node *n, const Type *want, ConstVal *out) {
  if (n->kind == ND_INT && n->num.too_big && type_is_unsigned(want) && want->width == 8) {
    *out = (ConstVal){.type = want, .i = n->num.value};
    return true;
  }
  return check_fold(ctx, n, out) && value_as(ctx, n, out, want);
}

bool check_struct_proto(Ctx *ctx, Node *decl, ConstVal *out) {
  Node *def = decl->decl.init;
  Type *t = ARENA_NEW(&ctx->arena, Type);
  t->kind = TY_STRUCT;
  t->name = decl->decl.name;
  t->proto = decl;
  t->module = ctx->prog->module;
  Field *fields = ARENA_ARRAY(&ctx->arena, Field, def->struct_def.nfields);
  ConstVal *values = ARENA_ARRAY(&ctx->arena, ConstVal, def->struct_def.nfields);
  bool ok = true;
  int i = 0;
  for (Node *d = def->struct_def.fields; d; d = d->next) {
    const Type *ty = field_type(ctx, d, decl);
    bool dup = false;
    for (Node *e = def->struct_def.fields; e != d; e = e->next)
      if (strcmp(e->decl.name, d->decl.name) == 0) {
        diag_error(&ctx->diag, d->loc, "duplicate field '%s' in '%s'", d->decl.name, t->name);
        diag_note(&ctx->diag, e->loc, "first declared here");
        dup = true;
        ok = false;
      }
    if (dup) continue;
    if (type_is_error(ty)) {
      ok = false;
      continue;
    }
    ConstVal v = {0};
    if (d->decl.init) ok = fold_as(ctx, d->decl.init, ty, &v) && ok;
    else ok = default_value(ctx, d->decl.tref, ty, &v) && ok;
    fields[i] = (Field){.name = d->decl.name, .type = ty, .slot = t->nslots};
    values[i++] = v;
    t->nslots += type_slots(ty);
  }
  t->fields = fields;
  t->nfields = i;
  t->width = 8 * t->nslots;
  *out = (ConstVal){.type = t, .fields = values};
  return ok;
}

/* `m.c` parsed as a field read whose base names no value: module m's
 * constant c, as the ND_NAME a qualified name is (language.md §12). */
static Node *qualified_name(Arena *a, Node *field) {
  Node *b = field->field.base;
  Node *q = ARENA_NEW(a, Node);
  *q = (Node){.kind = ND_NAME, .loc = field->loc};
  q->name.name = field->field.name;
  q->name.module = b->name.name;
  q->name.module_loc = b->loc;
  field->field.qualified = q;
  return q;
}

/* `new v(…)` and `v.x` in a module constant. */
bool check_fold_new(Ctx *ctx, Node *n, ConstVal *out) {
  ConstVal base = {0};
  if (!check_fold(ctx, n->new_.base, &base)) return false;
  const Type *t = base.type;
  if (!type_is_struct(t)) {
    diag_error(&ctx->diag, n->new_.base->loc, "'new' copies a struct value, but this is of type '%s'",
               t->name);
    return false;
  }
  ConstVal *values = ARENA_ARRAY(&ctx->arena, ConstVal, t->nfields);
  memcpy(values, base.fields, sizeof *values * (size_t)t->nfields);
  bool ok = true;
  for (Node *e = n->new_.inits; e; e = e->next) {
    const Field *f = init_field(ctx, t, e, n->new_.inits);
    ConstVal v = {0};
    if (!f || !fold_as(ctx, e->init.value, f->type, &v)) {
      ok = false;
      continue;
    }
    values[f - t->fields] = v;
  }
  *out = (ConstVal){.type = t, .fields = values};
  return ok;
}

bool check_fold_field(Ctx *ctx, Node *n, ConstVal *out) {
  Node *b = n->field.base;
  if (b->kind == ND_NAME && !b->name.module && !check_find_const(ctx, b->name.name))
    return check_fold(ctx, qualified_name(&ctx->arena, n), out);
  ConstVal base = {0};
  if (!check_fold(ctx, b, &base)) return false;
  const Field *f = type_field(base.type, n->field.name);
  if (!type_is_struct(base.type)) not_a_struct(ctx, base.type, n->field.name, n->field.name_loc);
  else if (!f) unknown_field(ctx, base.type, n->field.name, n->field.name_loc);
  if (!f) return false;
  n->field.field = f;
  *out = base.fields[f - base.type->fields];
  return true;
}

/* A type name that names a module constant: its struct type. NULL when no
 * constant has that name (the caller reports an unknown type). */
const Type *check_struct_typeref(Ctx *ctx, TypeRef *t) {
  Lookup found = check_lookup(ctx, t->module, t->name, t->loc, false);
  if (found.reported) return &ty_error;
  Node *c = found.found;
  if (!c) return NULL;
  if (c->decl.resolving && c->decl.init->kind == ND_STRUCT_DEF) {
    t->proto = c;
    diag_error(&ctx->diag, t->loc, "struct '%s' cannot contain itself", c->decl.name);
    return &ty_error;
  }
  if (!check_const(found.owner, c)) return &ty_error;
  const Type *ty = c->decl.value->type;
  if (!type_is_struct(ty)) {
    diag_error(&ctx->diag, t->loc, "'%s' is a constant of type '%s', not a type", t->name, ty->name);
    check_note_in(ctx, found.owner, c->loc, "", c->decl.name);
    return &ty_error;
  }
  t->proto = c;
  return ty;
}

/* ---- In functions --------------------------------------------------------- */

const Type *check_new(FnCheck *fc, Node *n) {
  const Type *t = check_value(fc, n->new_.base);
  if (type_is_error(t) || type_is_never(t)) {
    for (Node *e = n->new_.inits; e; e = e->next) check_value(fc, e->init.value);
    return t;
  }
  if (!type_is_struct(t)) {
    diag_error(DIAG, n->new_.base->loc, "'new' copies a struct value, but this is of type '%s'",
               t->name);
    for (Node *e = n->new_.inits; e; e = e->next) check_value(fc, e->init.value);
    return &ty_error;
  }
  for (Node *e = n->new_.inits; e; e = e->next) {
    const Field *f = init_field(fc->ctx, t, e, n->new_.inits);
    if (f) check_expect(fc, e->init.value, f->type);
    else check_value(fc, e->init.value);
    e->type = &ty_void;
  }
  return t;
}

/* `m.c` written where the base names no variable or constant: the public
 * constant c of module m (language.md §12). */
static bool is_qualified(FnCheck *fc, const Node *n) {
  const Node *b = n->field.base;
  return b->kind == ND_NAME && !b->name.module && !scope_lookup(fc, b->name.name) &&
         !check_find_const(fc->ctx, b->name.name);
}

const Type *check_field(FnCheck *fc, Node *n) {
  if (is_qualified(fc, n)) return check_value(fc, qualified_name(&fc->ctx->arena, n));
  const Type *t = check_value(fc, n->field.base);
  if (type_is_error(t) || type_is_never(t)) return t;
  if (!type_is_struct(t)) {
    not_a_struct(fc->ctx, t, n->field.name, n->field.name_loc);
    return &ty_error;
  }
  const Field *f = type_field(t, n->field.name);
  if (!f) {
    unknown_field(fc->ctx, t, n->field.name, n->field.name_loc);
    return &ty_error;
  }
  n->field.field = f;
  return f->type;
}

const Type *check_assign_path(FnCheck *fc, Node *n, const Type *t) {
  FieldPath *path = n->assign.path;
  int slot = 0;
  for (int i = 0; path && i < path->n; i++) {
    if (type_is_error(t)) return t;
    const char *name = path->names[i];
    if (!type_is_struct(t)) {
      not_a_struct(fc->ctx, t, name, path->locs[i]);
      return &ty_error;
    }
    const Field *f = type_field(t, name);
    if (!f) {
      unknown_field(fc->ctx, t, name, path->locs[i]);
      return &ty_error;
    }
    slot += f->slot;
    t = f->type;
  }
  if (path) path->slot = slot;
  return t;
}
