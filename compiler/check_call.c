/* The checker's calls: continuation invocations (`return e`, `overflow(x)`),
 * plain calls, and calls with handlers (language.md §5–6). */
#include <string.h>

#include "check_internal.h"
#include "type_gen.h"

static const char *plural(int n, const char *one, const char *many) {
  return n == 1 ? one : many;
}

/* Finds a continuation of the enclosing function by name; -1 if none. */
static int find_cont(Func *f, const char *name) {
  int i = 0;
  for (ContSig *c = f->conts; c; c = c->next, i++)
    if (strcmp(c->name, name) == 0) return i;
  return -1;
}

/* With `params`, a mismatch also points at the parameter's declaration. */
static void check_args(FnCheck *fc, Node *args, const Type **want, int nwant, Param *params) {
  int i = 0;
  for (Node *a = args; a; a = a->next, i++) {
    if (i >= nwant) {
      check_value(fc, a);
      continue;
    }
    if (want[i]->kind == TY_GENERATOR) fc->gen_ok = a; /* borrowed by the callee */
    const Type *t = check_expect(fc, a, want[i]);
    if (params && t != want[i] && !type_is_error(t) && !type_is_never(t) && !type_is_error(want[i]))
      diag_note(DIAG, params->loc, "parameter '%s' is declared here", params->name);
    if (params) params = params->next;
  }
}

/* Points at a function's declaration after an error about a use of it. */
static void note_declared(FnCheck *fc, Func *g) {
  check_note_in(fc->ctx, check_owner(fc->ctx, g->module), g->name_loc, "", g->name);
}

/* `name(args)` naming a continuation of the enclosing function: it never
 * comes back, so its type is `never`. */
static const Type *check_invoke(FnCheck *fc, Node *n, int index) {
  ContSig *c = check_cont_at(fc->f, index);
  n->call.target = CALL_CONT;
  n->call.cont = index;
  if (n->call.has_handlers)
    diag_error(DIAG, n->loc, "'%s' is a continuation: it takes no handlers", c->name);
  if (n->call.nargs != c->ntypes) {
    if (c->ntypes == 0)
      diag_error(DIAG, n->loc, "'%s' carries no values, but %d %s given", c->name,
                 n->call.nargs, plural(n->call.nargs, "was", "were"));
    else
      diag_error(DIAG, n->loc, "'%s' carries %d %s, but %d %s given", c->name, c->ntypes,
                 plural(c->ntypes, "value", "values"), n->call.nargs,
                 plural(n->call.nargs, "was", "were"));
  }
  if (n->call.nargs != c->ntypes) diag_note(DIAG, c->loc, "'%s' declared here", c->name);
  bool yields = fc->f->is_generator && index == 0, escapes = false;
  for (Node *a = n->call.args; a; a = a->next)
    escapes |= check_gen_syntactic(fc, a);
  if (escapes) { /* reported once each, then checked as allowed */
    for (Node *a = n->call.args; a; a = a->next) {
      check_gen_escape(fc, a, yields ? "yielded" : "carried by a continuation");
      check_node(fc, a);
    }
  } else {
    check_args(fc, n->call.args, c->tys, c->ntypes, NULL);
  }
  /* yield comes back: the consumer resumes the generator after it */
  if (fc->f->is_generator && index == 0) {
    check_reentry(fc);
    return &ty_void;
  }
  return &ty_never;
}

/* The value a plain call produces: what the callee passes its first
 * continuation. Events propagate to the caller's event continuation. */
static const Type *plain_result(FnCheck *fc, Node *n, Func *g) {
  if (g->nconts > 1) {
    diag_error(DIAG, n->loc, "plain call of '%s' does not handle its continuation '%s'",
               g->name, g->conts->next->name);
    diag_note(DIAG, g->conts->next->loc, "'%s' declared here", g->conts->next->name);
    return &ty_error;
  }
  ContSig *first = g->conts;
  if (first->ntypes == 0) return &ty_void;
  if (first->ntypes == 1) return first->tys[0];
  diag_error(DIAG, n->loc, "'%s' passes %d values to '%s': bind them with a handler",
             g->name, first->ntypes, first->name);
  return &ty_error;
}

static const Type *check_handler(FnCheck *fc, Func *g, Handler *h, int index,
                                 const Type *want) {
  bool is_event = index == g->nconts;
  ContSig *c = is_event ? NULL : check_cont_at(g, index);
  int carries = is_event ? 1 : c->ntypes;
  if (h->nnames != carries && !(is_event && h->nnames == 0)) {
    Loc at = h->nnames ? h->name_locs[0] : h->loc;
    if (is_event)
      diag_error(DIAG, at, "handler for the event binds %d names, but an event carries 1 value",
                 h->nnames);
    else {
      diag_error(DIAG, at, "handler for '%s' binds %d %s, but '%s' carries %d %s", c->name,
                 h->nnames, plural(h->nnames, "name", "names"), c->name, carries,
                 plural(carries, "value", "values"));
      diag_note(DIAG, c->loc, "'%s' declared here", c->name);
    }
  }
  int mark = scope_begin(fc);
  h->vars = ARENA_ARRAY(&fc->ctx->arena, Var *, h->nnames);
  for (int i = 0; i < h->nnames; i++) {
    const Type *t = &ty_error;
    if (is_event) t = &ty_string;
    else if (i < c->ntypes) t = c->tys[i];
    h->vars[i] = scope_declare(fc, h->names[i], h->name_locs[i], t);
    h->vars[i]->used = true; /* naming a value you ignore is fine */
  }
  fc->want = want && ast_is_expr(h->body->kind) ? want : NULL; /* `| ; 0` as an int8 */
  const Type *t = check_node(fc, h->body);
  scope_end(fc, mark);
  return t;
}

/* f(args) -> h1 | h2 … [| event]: the call's value is the value of the
 * handler that ran; handlers that invoke a continuation don't count. */
static const Type *handled_result(FnCheck *fc, Node *n, Func *g, const Type *want) {
  if (n->call.nhandlers != g->nconts && n->call.nhandlers != g->nconts + 1) {
    diag_error(DIAG, n->loc, "'%s' has %d %s, but the call gives %d %s", g->name, g->nconts,
               plural(g->nconts, "continuation", "continuations"), n->call.nhandlers,
               plural(n->call.nhandlers, "handler", "handlers"));
    note_declared(fc, g);
    return &ty_error;
  }
  const Type *result = &ty_never;
  int i = 0;
  for (Handler *h = n->call.handlers; h; h = h->next, i++) {
    result = check_join_handler(n, result, check_handler(fc, g, h, i, want));
  }
  return result;
}

const Type *check_call(FnCheck *fc, Node *n) {
  const Type *value_want = fc->node_want; /* handlers' values take it */
  int index = fc->f->conts ? find_cont(fc->f, n->call.name) : -1;
  if (index >= 0) return check_invoke(fc, n, index);
  const Type *convert = type_int_named(n->call.name);
  if (convert && !n->call.keyword && !check_find_func(fc->ctx, n->call.name))
    return check_convert(fc, n, convert);
  if (n->call.keyword) {
    if (strcmp(n->call.name, "yield") == 0)
      diag_error(DIAG, n->loc, "'yield' outside of a generator");
    else if (fc->f->conts || !fc->f->inferring)
      diag_error(DIAG, n->loc, "'%s' has no continuation named 'return'", fc->f->name);
    else
      diag_error(DIAG, n->loc, "'return' in a function whose continuations are inferred; "
                               "declare them with '->'");
    check_args(fc, n->call.args, NULL, 0, NULL);
    return &ty_never;
  }
  /* next(g): the built-in, unless the module defines a function `next` */
  if (!n->call.module && strcmp(n->call.name, "next") == 0 && !names_get(&fc->ctx->funcs, "next"))
    return check_next(fc, n);
  Lookup found = check_lookup(fc->ctx, n->call.module, n->call.name, n->loc, true);
  Func *g = found.found;
  if (!g && found.reported) {
    fc->unknown_call = true;
    check_args(fc, n->call.args, NULL, 0, NULL);
    return &ty_error;
  }
  if (!g) {
    Near near = check_near_func(fc->ctx, n->call.name, fc->f);
    diag_error(DIAG, n->loc, "call to undeclared function '%s'%s", n->call.name,
               check_near_text(fc->ctx, near));
    check_near_explain(fc->ctx, n->loc, near);
    fc->unknown_call = true;
    check_args(fc, n->call.args, NULL, 0, NULL);
    return &ty_error;
  }
  n->call.target = CALL_FUNC;
  n->call.func = g;
  check_reentry(fc); /* at the call's continuations */
  if (!check_signature(found.owner, g)) {
    if (g->inferring)
      diag_error(DIAG, n->loc, "cannot infer the continuations of recursive function '%s'; "
                               "declare them with '->'", g->name);
    check_args(fc, n->call.args, NULL, 0, NULL);
    return &ty_error;
  }
  if (n->call.nargs != g->nparams) {
    diag_error(DIAG, n->loc, "'%s' takes %d %s, but %d %s given", g->name, g->nparams,
               plural(g->nparams, "argument", "arguments"), n->call.nargs,
               plural(n->call.nargs, "was", "were"));
    note_declared(fc, g);
    check_args(fc, n->call.args, NULL, 0, NULL);
    return &ty_error;
  }
  /* In the arena, not a variable-length array: a function may have a
   * million parameters, more than the C stack holds. */
  const Type **want = ARENA_ARRAY(&fc->ctx->arena, const Type *, g->nparams > 0 ? g->nparams : 1);
  int i = 0;
  for (Param *p = g->params; p; p = p->next, i++)
    want[i] = p->var ? p->var->type
                     : p->tref ? check_resolve_type(fc->ctx, p->tref) : i ? want[i - 1] : &ty_error;
  check_args(fc, n->call.args, want, g->nparams, g->params);
  if (n == fc->gen_source && !g->is_generator) {
    diag_error(DIAG, n->loc, "'%s' is not a generator (its first continuation is not 'yield')",
               g->name);
    return &ty_error;
  }
  if (g->is_generator && n != fc->gen_source) { /* a generator value (language.md §10) */
    if (n->call.has_handlers) {
      diag_error(DIAG, n->loc, "a call of generator '%s' takes no handlers: it makes a "
                               "generator value, advanced with 'next'", g->name);
      return &ty_error;
    }
    g->made_as_value = true;
    return type_gen_of(fc->ctx, g->conts->tys, g->conts->ntypes);
  }
  if (g->is_generator) return &ty_void;
  if (!n->call.has_handlers) return plain_result(fc, n, g);
  return handled_result(fc, n, g, value_want);
}
