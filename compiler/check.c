/* The checker's program level: `use` lines, the function table, signatures
 * (including inferred ones), module constants, `Run`, and each body. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"

/* How deeply inferences of omitted continuation lists may nest. */
enum { MAX_INFER_DEPTH = 200 };

static bool is_lower(const char *name) { return name[0] >= 'a' && name[0] <= 'z'; }

Func *check_find_func(Ctx *ctx, const char *name) { return names_get(&ctx->funcs, name); }

Node *check_find_const(Ctx *ctx, const char *name) { return names_get(&ctx->consts, name); }

Near check_near_word(const char *want, const char *const *words, int n) {
  Suggest s;
  suggest_init(&s, want);
  for (int i = 0; i < n; i++) suggest_offer(&s, words[i], NULL);
  return (Near){.name = s.best};
}

Near check_near_func(Ctx *ctx, const char *want, Func *in) {
  Suggest s;
  suggest_init(&s, want);
  if (!diag_active(&ctx->diag)) return (Near){0};
  suggest_offer_map(&s, &ctx->funcs);
  Func *f = s.value;
  Near n = {.name = s.best, .loc = f ? f->name_loc : (Loc){0}, .has_loc = f != NULL};
  Suggest c;
  suggest_init(&c, want);
  for (ContSig *k = in ? in->conts : NULL; k; k = k->next) suggest_offer(&c, k->name, k);
  if (c.best && (!s.best || c.cost < s.cost))
    n = (Near){.name = c.best, .loc = ((ContSig *)c.value)->loc, .has_loc = true};
  return n;
}

const char *check_near_text(Ctx *ctx, Near n) {
  return n.name ? arena_printf(&ctx->arena, "; did you mean '%s'?", n.name) : "";
}

void check_near_explain(Ctx *ctx, Loc at, Near n) {
  if (!n.name) return;
  diag_fixit(&ctx->diag, at, n.name);
  if (n.has_loc) diag_note(&ctx->diag, n.loc, "'%s' declared here", n.name);
}

ContSig *check_cont_at(Func *f, int index) {
  ContSig *c = f->conts;
  while (c && index-- > 0) c = c->next;
  return c;
}

const Type *check_resolve_type(Ctx *ctx, TypeRef *t) {
  if (t->type) return t->type;
  const Type *ty = &ty_error;
  if (t->has_args || strcmp(t->name, "Generator") == 0) {
    ty = check_gen_typeref(ctx, t);
  } else if (t->is_pointer) {
    static const char *const caps[] = {"Stdout"};
    Near n = check_near_word(t->name, caps, 1);
    if (strcmp(t->name, "Stdout") == 0) ty = &ty_stdout;
    else diag_error(&ctx->diag, t->loc, "unknown capability type '*%s'%s", t->name,
                    n.name ? "; did you mean '*Stdout'?" : "");
  } else if (!t->module && type_int_named(t->name)) {
    ty = type_int_named(t->name);
  } else if (!t->module && strcmp(t->name, "bool") == 0) {
    ty = &ty_bool;
  } else if (!t->module && strcmp(t->name, "String") == 0) {
    ty = &ty_string;
  } else if (strcmp(t->name, "Stdout") == 0) {
    diag_error(&ctx->diag, t->loc, "'Stdout' is a capability: write '*Stdout'");
  } else if ((ty = check_struct_typeref(ctx, t))) {
    /* a prototype's name, or another struct constant's (language.md §11) */
  } else {
    ty = &ty_error;
    static const char *const types[] = {"int",   "bool",   "String", "int8",   "int16",
                                        "int32", "int64",  "uint8",  "uint16", "uint32",
                                        "uint64"};
    Near n = check_near_word(t->name, types, (int)(sizeof types / sizeof types[0]));
    diag_error(&ctx->diag, t->loc, "unknown type '%s'%s", t->name, check_near_text(ctx, n));
    check_near_explain(ctx, t->loc, n);
  }
  t->type = ty;
  return ty;
}

static void resolve_conts(Ctx *ctx, Func *f) {
  for (ContSig *c = f->conts; c; c = c->next) {
    c->tys = ARENA_ARRAY(&ctx->arena, const Type *, c->ntypes);
    int i = 0;
    for (TypeRef *t = c->types; t; t = t->next) {
      c->tys[i++] = check_resolve_type(ctx, t);
      if (type_is_stdout(c->tys[i - 1]))
        diag_error(&ctx->diag, t->loc, "a continuation cannot carry a '*Stdout' capability");
      if (c->tys[i - 1]->kind == TY_GENERATOR)
        diag_error(&ctx->diag, t->loc, "a continuation cannot carry a generator value: it "
                                       "belongs to the block that created it");
    }
  }
  int i = 0;
  for (ContSig *c = f->conts; c; c = c->next, i++)
    for (ContSig *d = f->conts; d != c; d = d->next)
      if (strcmp(c->name, d->name) == 0) {
        diag_error(&ctx->diag, c->loc, "'%s' has two continuations named '%s'", f->name, c->name);
        diag_note(&ctx->diag, d->loc, "the first '%s' is here", d->name);
      }
  f->is_generator = f->conts && strcmp(f->conts->name, "yield") == 0;

  if (f->is_generator &&
      (f->nconts != 2 || f->conts->ntypes < 1 || f->conts->next->ntypes != 0))
    diag_error(&ctx->diag, f->conts->loc,
               "a generator's continuations are 'yield(T, …) | end()' (values, then none)");
}

static ContSig *make_cont(Ctx *ctx, Loc loc, const char *name, const Type *ty) {
  ContSig *c = ARENA_NEW(&ctx->arena, ContSig);
  c->loc = loc;
  c->name = name;
  c->ntypes = ty ? 1 : 0;
  c->tys = ARENA_ARRAY(&ctx->arena, const Type *, 1);
  if (ty) c->tys[0] = ty;
  return c;
}

static void check_body(Ctx *ctx, Func *f);

/* An omitted list is `return()` for a block body, and `return(T)` for an
 * `= expr` body, T being the expression's type: that needs the body checked
 * first, which is why this can run before the function's turn. */
bool check_signature(Ctx *ctx, Func *f) {
  if (!f->conts_omitted || f->conts) return true;
  if (!f->body) return false; /* reported by check_func */
  if (!f->body_is_expr) {
    f->conts = make_cont(ctx, f->name_loc, "return", NULL);
    f->nconts = 1;
    return true;
  }
  if (f->inferring) return false;
  /* Inferring f checks f's body first, which may infer its callees': each
   * level is a few C frames, so the chain is bounded. */
  if (ctx->infer_depth >= MAX_INFER_DEPTH) {
    if (!ctx->infer_limit_reported)
      diag_error(&ctx->diag, f->name_loc,
               "cannot infer the continuations of '%s': more than %d functions with inferred "
               "continuations call each other in a chain; declare them with '->'",
               f->name, MAX_INFER_DEPTH);
    ctx->infer_limit_reported = true;
    f->conts_omitted = false;
    f->conts = make_cont(ctx, f->name_loc, "return", &ty_error);
    f->nconts = 1;
    return false;
  }
  ctx->infer_depth++;
  f->inferring = true;
  check_body(ctx, f);
  f->inferring = false;
  ctx->infer_depth--;
  const Type *t = f->body->type;
  if (!t || type_is_error(t)) return false;
  f->conts = make_cont(ctx, f->name_loc, "return",
                       type_is_void(t) || type_is_never(t) ? NULL : t);
  f->nconts = 1;
  return true;
}

static void bind_params(FnCheck *fc) {
  const Type *prev = NULL;
  for (Param *p = fc->f->params; p; p = p->next) {
    const Type *t = p->tref ? check_resolve_type(fc->ctx, p->tref) : prev;
    if (!t) {
      diag_error(DIAG, p->loc, "parameter '%s' needs a type", p->name);
      t = &ty_error;
    }
    prev = t;
    p->var = scope_declare(fc, p->name, p->loc, t);
    p->var->is_param = true;
    p->var->used = true;
  }
}

/* Where falling off a block body lands: its closing brace. */
static Loc end_of(const Node *block) {
  Loc l = block->loc;
  l.first_line = l.last_line;
  l.first_column = l.last_column > 1 ? l.last_column - 1 : 1;
  l.offset = -1; /* find the line by number */
  return l;
}

static void check_body(Ctx *ctx, Func *f) {
  if (f->checked || !f->body) return;
  f->checked = true;
  FnCheck fc = {.ctx = ctx, .f = f};
  int mark = scope_begin(&fc);
  bind_params(&fc);
  ContSig *first = f->conts; /* NULL while inferring */
  if (f->body_is_expr) {
    if (first && first->ntypes == 1 && type_is_int(first->tys[0])) fc.want = first->tys[0];
    check_gen_escape(&fc, f->body, "returned"); /* `= upto(n)` */
    const Type *t = check_node(&fc, f->body);
    bool wants_value = first && first->ntypes > 0;
    if (wants_value && !type_is_never(t) && !type_is_error(t)) {
      if (first->ntypes == 1) check_checked_expect(&fc, f->body, first->tys[0]);
      else diag_error(&ctx->diag, f->body->loc,
                      "'%s' carries %d values; invoke it by name", first->name, first->ntypes);
    } else if (!first && type_is_void(t) && f->body->kind == ND_IF && !f->body->if_.els) {
      check_checked_value(&fc, f->body);
    }
  } else {
    const Type *t = check_node(&fc, f->body);
    if (!type_is_never(t) && first && first->ntypes > 0 && (f->is_generator == false) &&
        !fc.unknown_call)
      diag_error(&ctx->diag, end_of(f->body),
                 "control reaches the end of '%s' without invoking a continuation", f->name);
  }
  scope_end(&fc, mark);
  free(fc.binds);
}

static void check_func(Ctx *ctx, Func *f) {
  bool is_run = strcmp(f->name, "Run") == 0;
  if (!is_run && !is_lower(f->name))
    diag_error(&ctx->diag, f->name_loc,
               "function name '%s' must start with a lower-case letter", f->name);
  if (!f->body && f->conts_omitted)
    diag_error(&ctx->diag, f->name_loc,
               "external function '%s' must declare its continuations with '->'", f->name);
  if (is_run) {
    if (f->params)
      diag_error(&ctx->diag, f->name_loc, "'Run' must not take parameters");
    if (!f->conts_omitted && (f->nconts != 1 || f->conts->ntypes != 0))
      diag_error(&ctx->diag, f->name_loc, "'Run' has the continuations 'return()' and the event only");
    if (!f->body)
      diag_error(&ctx->diag, f->name_loc, "'Run' must have a body");
  }
  check_signature(ctx, f);
  check_body(ctx, f);
}

static void check_uses(Ctx *ctx) {
  static const char *const modules[] = {"console", "modules"};
  for (Use *u = ctx->prog->uses; u; u = u->next) {
    if (check_is_builtin_module(u->name)) continue;
    Near n = check_near_word(u->name, modules, 2);
    if (n.name) { /* `use consol`: a misspelt service more likely than a module */
      diag_error(&ctx->diag, u->loc, "unknown module '%s'; did you mean '%s'?", u->name, n.name);
      check_near_explain(ctx, u->loc, n);
      check_module_reported(ctx, u->name);
      continue;
    }
    check_module(ctx, u->name, u->loc);
  }
}

/* The type of parameter p, whose predecessor has type prev. */
static const Type *param_type(Ctx *ctx, Param *p, const Type *prev) {
  return p->tref ? check_resolve_type(ctx, p->tref) : prev ? prev : &ty_error;
}

/* A header declaration and its definition agree in parameter types and in
 * continuation names and types (language.md §12); names of parameters may
 * differ. An omitted list in the definition takes the declaration's. */
static void match_header(Ctx *ctx, Func *decl, Func *def) {
  const char *why = NULL;
  if (decl->nparams != def->nparams) why = "the number of parameters differs";
  const Type *pa = NULL, *pb = NULL;
  int i = 1;
  for (Param *a = decl->params, *b = def->params; !why && a && b; a = a->next, b = b->next, i++) {
    pa = param_type(ctx, a, pa);
    pb = param_type(ctx, b, pb);
    if (pa != pb && !type_is_error(pa) && !type_is_error(pb))
      why = arena_printf(&ctx->arena, "parameter %d is '%s' here, '%s' in the header", i,
                         pb->name, pa->name);
  }
  if (!why && def->conts_omitted && !def->conts) {
    def->conts = decl->conts;
    def->nconts = decl->nconts;
    def->conts_omitted = false;
  } else if (!why && def->nconts != decl->nconts) {
    why = "the number of continuations differs";
  }
  for (ContSig *a = decl->conts, *b = def->conts; !why && a && b; a = a->next, b = b->next) {
    if (strcmp(a->name, b->name) != 0) {
      why = arena_printf(&ctx->arena, "continuation '%s' here is '%s' in the header", b->name, a->name);
      break;
    }
    bool same = a->ntypes == b->ntypes;
    for (int k = 0; same && k < a->ntypes; k++) same = a->tys[k] == b->tys[k];
    if (!same) why = arena_printf(&ctx->arena, "continuation '%s' carries other types", a->name);
  }
  if (!why) return;
  diag_error(&ctx->diag, def->name_loc, "definition of '%s' does not match its declaration in "
             "'__Header__': %s", def->name, why);
  diag_note(&ctx->diag, decl->name_loc, "'%s' declared here", decl->name);
}

/* Fills the name tables; a second definition of a name is an error (the
 * first one is the one calls resolve to). A bodiless declaration in the
 * header and one definition in the main section are one function. */
static void collect_names(Ctx *ctx) {
  bool all_public = !ctx->prog->has_sections;
  for (Func *f = ctx->prog->funcs; f; f = f->next) {
    f->is_public = all_public || f->in_header;
    Func *first = names_put(&ctx->funcs, &ctx->arena, f->name, f);
    if (first == f) continue;
    if (first->in_header && !first->body && !f->in_header && !first->decl) {
      f->decl = first;
      f->is_public = true;
      *names_slot(&ctx->funcs, &ctx->arena, f->name) = f;
      continue;
    }
    diag_error(&ctx->diag, f->name_loc, "function '%s' is defined more than once", f->name);
    diag_note(&ctx->diag, first->name_loc, "previous definition of '%s' is here", f->name);
  }
  for (Node *c = ctx->prog->consts; c; c = c->next) {
    Node *first = names_put(&ctx->consts, &ctx->arena, c->decl.name, c);
    if (first != c) {
      diag_error(&ctx->diag, c->loc, "redefinition of constant '%s'", c->decl.name);
      diag_note(&ctx->diag, first->loc, "previous definition of '%s' is here", c->decl.name);
    }
  }
}

void check_declare(Ctx *ctx) {
  collect_names(ctx);
  for (Func *f = ctx->prog->funcs; f; f = f->next)
    if (!f->conts_omitted) resolve_conts(ctx, f);
  for (Func *f = ctx->prog->funcs; f; f = f->next)
    if (f->decl) match_header(ctx, f->decl, f);
  if (!ctx->is_header) return;
  /* another module's: its parameter types now, so that errors in them are
   * reported against its own file */
  for (Func *f = ctx->prog->funcs; f; f = f->next) {
    const Type *prev = NULL;
    for (Param *p = f->params; p; p = p->next) prev = param_type(ctx, p, prev);
  }
}

/* With more inferred lists than inference may nest, infer them last
 * function first: in a program written top-down (each function calling later
 * ones) every callee is then known before its callers. Smaller programs skip
 * this, so their diagnostics keep source order. */
static void infer_later_first(Ctx *ctx) {
  int n = 0;
  for (Func *f = ctx->prog->funcs; f; f = f->next) n += f->conts_omitted && f->body_is_expr;
  if (n <= MAX_INFER_DEPTH) return;
  Func **order = ARENA_ARRAY(&ctx->arena, Func *, n);
  int i = 0;
  for (Func *f = ctx->prog->funcs; f; f = f->next)
    if (f->conts_omitted && f->body_is_expr) order[i++] = f;
  while (i-- > 0 && !ctx->diag.limit_reached) check_signature(ctx, order[i]);
}

void check_program(Ctx *ctx) {
  check_uses(ctx);
  check_declare(ctx);
  for (Node *c = ctx->prog->consts; c; c = c->next) check_const(ctx, c);
  infer_later_first(ctx);
  for (Func *f = ctx->prog->funcs; f; f = f->next) {
    if (ctx->diag.limit_reached) return;
    if (f->in_header && f->is_public && names_get(&ctx->funcs, f->name) != f) continue;
    check_func(ctx, f);
    if (f->conts_omitted) f->is_generator = false;
  }
  Func *run = check_find_func(ctx, "Run");
  if (run && run->body && ctx->opt->defines_run) (*ctx->opt->defines_run)++;
  if (ctx->opt->need_entry && !run) {
    Loc top = {1, 1, 1, 2, 0};
    Near n = check_near_func(ctx, "Run", NULL);
    diag_error(&ctx->diag, top, "program has no entry point 'Run'");
    if (n.name) {
      diag_note(&ctx->diag, n.loc, "did you mean to name '%s' 'Run'?", n.name);
      diag_fixit(&ctx->diag, n.loc, "Run");
    }
  }
}
