/* The checker's generator values (language.md §10): the type Generator(T),
 * `next(g) -> v; … | ; … [| e; …]`, and where a generator value may appear.
 *
 * A generator value belongs to the block that created it and must not
 * outlive it, so it may only initialise a variable (`def g = f(…)`), be
 * passed to a `Generator` parameter (which borrows it), or be advanced
 * (`next`, `for … in`). check_node() reports every other use: the contexts
 * that allow one name the node they allow in FnCheck.gen_ok just before
 * checking it. Assignment, copies and continuations carrying one get
 * messages of their own. */
#include <string.h>

#include "check_internal.h"
#include "type_gen.h"

const Type *check_gen_typeref(Ctx *ctx, TypeRef *t) {
  if (strcmp(t->name, "Generator") != 0) {
    diag_error(&ctx->diag, t->loc, "type '%s' takes no type arguments", t->name);
    return &ty_error;
  }
  if (!t->has_args) {
    diag_error(&ctx->diag, t->loc, "'Generator' needs the type it yields: 'Generator(int)'");
    return &ty_error;
  }
  if (t->nargs == 0) {
    diag_error(&ctx->diag, t->loc, "'Generator' needs the types it yields: 'Generator(int)'");
    return &ty_error;
  }
  const Type **elems = ARENA_ARRAY(&ctx->arena, const Type *, t->nargs);
  int i = 0;
  for (TypeRef *a = t->args; a; a = a->next, i++) {
    const Type *elem = elems[i] = check_resolve_type(ctx, a);
    if (type_is_error(elem)) return &ty_error;
    if (type_is_stdout(elem) || type_is_gen(elem)) {
      diag_error(&ctx->diag, a->loc, "a generator cannot yield a '%s'", elem->name);
      return &ty_error;
    }
  }
  return type_gen_of(ctx, elems, t->nargs);
}

/* Whether n, not yet checked, is a generator value: a variable of a
 * Generator type, or a call of a generator function. */
bool check_gen_syntactic(FnCheck *fc, const Node *n) {
  if (n->kind == ND_NAME) {
    Var *v = scope_lookup(fc, n->name.name);
    return v && type_is_gen(v->type);
  }
  if (n->kind != ND_CALL || n->call.keyword) return false;
  for (ContSig *c = fc->f->conts; c; c = c->next)
    if (strcmp(c->name, n->call.name) == 0) return false;
  Func *g = check_find_func(fc->ctx, n->call.name);
  return g && g->is_generator;
}

const Type *check_gen_misplaced(FnCheck *fc, Node *n) {
  if (n->kind == ND_NAME)
    diag_error(DIAG, n->loc,
               "generator value '%s' cannot be used here: advance it with 'next' or 'for … in', "
               "or pass it to a 'Generator' parameter", n->name.name);
  else if (n->kind == ND_CALL)
    diag_error(DIAG, n->loc,
               "the generator value made by '%s' cannot be used here: give it a name "
               "('def gen = %s(…)'), pass it to a 'Generator' parameter, or consume it with "
               "'for … in'", n->call.name, n->call.name);
  else
    diag_error(DIAG, n->loc, "a generator value cannot be used here");
  return &ty_error;
}

/* `def h = g`, `.g = …`, `return g`: a generator value is never copied and
 * never leaves its block. Reports `what` if `value` is one; its check
 * then says nothing more. */
bool check_gen_escape(FnCheck *fc, Node *value, const char *what) {
  if (!check_gen_syntactic(fc, value)) return false;
  diag_error(DIAG, value->loc, "a generator value cannot be %s: it belongs to the block that "
                               "created it", what);
  fc->gen_ok = value;
  return true;
}

static const Type *next_handler(FnCheck *fc, Handler *h, int index, const Type *const *elems,
                                int nelems) {
  const char *what[3] = {nelems == 1 ? "the value" : "the values", "the end", "the event"};
  int want = index == 1 ? 0 : index == 2 ? 1 : nelems;
  bool unknown = index == 0 && nelems == 1 && type_is_error(elems[0]); /* reported */
  if (h->nnames != want && !(index == 2 && h->nnames == 0) && !unknown) {
    Loc at = h->nnames ? h->name_locs[0] : h->loc;
    diag_error(DIAG, at, "handler for %s of 'next' binds %d %s, but it carries %d", what[index],
               h->nnames, h->nnames == 1 ? "name" : "names", want);
  }
  int mark = scope_begin(fc);
  h->vars = ARENA_ARRAY(&fc->ctx->arena, Var *, h->nnames);
  for (int i = 0; i < h->nnames; i++) {
    const Type *t = index == 0 && i < nelems && !unknown ? elems[i] : index == 2 && i == 0 ? &ty_string
                                                                               : &ty_error;
    h->vars[i] = scope_declare(fc, h->names[i], h->name_locs[i], t);
    h->vars[i]->used = true;
  }
  const Type *t = check_node(fc, h->body);
  scope_end(fc, mark);
  return t;
}

/* next(g) -> v; A | ; B [| e; C]: a call with two continuations (the value,
 * the end) and the event; its value is the value of the handler that ran. */
const Type *check_next(FnCheck *fc, Node *n) {
  n->call.target = CALL_NEXT;
  static const Type *const none[1] = {&ty_error};
  const Type *const *elems = none;
  int nelems = 1;
  if (n->call.nargs != 1) {
    diag_error(DIAG, n->loc, "'next' takes one generator value, but %d %s given", n->call.nargs,
               n->call.nargs == 1 ? "was" : "were");
    for (Node *a = n->call.args; a; a = a->next) {
      fc->gen_ok = a; /* said once: the count */
      check_node(fc, a);
    }
  } else {
    fc->gen_ok = n->call.args;
    const Type *t = check_value(fc, n->call.args);
    if (type_is_gen(t)) elems = type_gen_elems(t, &nelems);
    else if (type_is_known(t))
      diag_error(DIAG, n->call.args->loc, "'next' needs a generator value, found '%s'", t->name);
  }
  if (!n->call.has_handlers || n->call.nhandlers < 2 || n->call.nhandlers > 3) {
    diag_error(DIAG, n->loc, "'next' needs two handlers, the value and the end, and may take a "
                             "third for an event: 'next(g) -> v; … | ; …'");
    return &ty_error;
  }
  const Type *result = &ty_never;
  int i = 0;
  for (Handler *h = n->call.handlers; h; h = h->next, i++) {
    result = check_join_handler(n, result, next_handler(fc, h, i, elems, nelems));
  }
  return result;
}
