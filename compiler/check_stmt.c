/* The checker's statements and scopes: blocks, declarations, assignment,
 * loops, `break`, `throw`. A statement's type is `void`, or `never` when it
 * cannot complete (it invokes a continuation, throws, breaks, or loops for
 * ever) — which is how falling off a body and unreachable code are found. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "type_gen.h"
#include "fatal.h"

int scope_begin(FnCheck *fc) { return fc->nbinds; }

void scope_end(FnCheck *fc, int mark) {
  for (int i = fc->nbinds - 1; i >= mark; i--) {
    Binding *b = &fc->binds[i];
    if (!b->var->used && !b->var->is_param && b->name[0] != '_')
      diag_warning(DIAG, W_UNUSED_VARIABLE, b->var->loc, "unused variable '%s'", b->name);
    if (fc->map) *names_slot(fc->map, &fc->ctx->arena, b->name) = b->shadowed;
  }
  fc->nbinds = mark;
}

/* Below this many visible names a backwards scan is cheaper than a map. */
enum { SCOPE_MAP_AFTER = 32 };

static void scope_bind(FnCheck *fc, Binding *b) {
  void **slot = names_slot(fc->map, &fc->ctx->arena, b->name);
  b->shadowed = *slot;
  *slot = b->var;
}

static void scope_build_map(FnCheck *fc) {
  fc->map = ARENA_NEW(&fc->ctx->arena, NameMap);
  for (int i = 0; i < fc->nbinds; i++) scope_bind(fc, &fc->binds[i]);
}

Var *scope_lookup(FnCheck *fc, const char *name) {
  if (fc->map) return names_get(fc->map, name);
  for (int i = fc->nbinds - 1; i >= 0; i--)
    if (strcmp(fc->binds[i].name, name) == 0) return fc->binds[i].var;
  return NULL;
}

/* Declares a name in the innermost scope. Every name visible in the
 * function may be declared only once (language.md §4). */
Var *scope_declare(FnCheck *fc, const char *name, Loc loc, const Type *type) {
  Var *earlier = scope_lookup(fc, name);
  if (earlier) {
    diag_error(DIAG, loc, "redefinition of '%s'", name);
    diag_note(DIAG, earlier->loc, "previous declaration of '%s' is here", name);
  }
  if (fc->nbinds == fc->cap) {
    fc->cap = fc->cap ? fc->cap * 2 : 16;
    Binding *b = realloc(fc->binds, sizeof(Binding) * (size_t)fc->cap);
    if (!b) fatal_oom();
    fc->binds = b;
  }
  Var *v = ARENA_NEW(&fc->ctx->arena, Var);
  v->name = name;
  v->loc = loc;
  v->type = type;
  Binding *b = &fc->binds[fc->nbinds++];
  *b = (Binding){.name = name, .var = v};
  if (fc->map)
    scope_bind(fc, b);
  else if (fc->nbinds > SCOPE_MAP_AFTER)
    scope_build_map(fc);
  return v;
}

/* Expressions that do nothing as statements: only calls act. */
static bool has_no_effect(const Node *n) {
  switch (n->kind) {
  case ND_INT: case ND_BOOL: case ND_STR: case ND_NAME: case ND_UNARY: case ND_BINARY:
  case ND_FIELD: case ND_NEW:
    return true;
  default:
    return false;
  }
}

static const Node *leftmost(const Node *n) {
  while (n->kind == ND_BINARY) n = n->binary.lhs;
  return n;
}

/* The last node of an expression, when its location ends the expression. */
static const Node *rightmost_leaf(const Node *n) {
  for (;;) {
    if (n->kind == ND_BINARY) n = n->binary.rhs;
    else if (n->kind == ND_UNARY) n = n->unary.operand;
    else return n->kind == ND_NAME || n->kind == ND_INT || n->kind == ND_BOOL ? n : NULL;
  }
}

/* `x = x + 1` in a statement compares (C's and Python's habit: the
 * program keeps the old value); assignment is `.x = x + 1`, a declaration
 * `def x = 1`. Any other expression statement that is not a call has no
 * effect either. Reported as errors, with the fix. */
static void report_no_effect(FnCheck *fc, const Node *s) {
  const Node *first = leftmost(s), *last = rightmost_leaf(s);
  Loc at = first->loc;
  if (last && last->loc.last_line == at.first_line) at.last_column = last->loc.last_column;
  Loc insert = first->loc;
  insert.last_line = insert.first_line;
  insert.last_column = insert.first_column;
  char text[128];
  bool whole = last && diag_span_text(DIAG, first->loc, last->loc, text, sizeof text);
  if (s->kind == ND_BINARY && s->binary.op == OP_EQ && s->binary.lhs->kind == ND_NAME) {
    const char *name = s->binary.lhs->name.name;
    if (!scope_lookup(fc, name) && !check_find_const(fc->ctx, name)) {
      diag_error(DIAG, at, "use of undeclared name '%s'; to declare it, write 'def %s'",
                 name, whole ? text : arena_printf(&fc->ctx->arena, "%s = …", name));
      diag_fixit(DIAG, insert, "def ");
      return;
    }
    diag_error(DIAG, at, "statement has no effect: '=' compares; to assign to '%s', write '.%s'",
               name, whole ? text : arena_printf(&fc->ctx->arena, "%s = …", name));
    diag_fixit(DIAG, insert, ".");
    return;
  }
  diag_error(DIAG, at, "statement has no effect: its value is not used");
}

/* A statement `NAME = e` is checked as what it was meant to be: e is
 * checked, and NAME is not reported as undeclared (the fix says how to
 * declare it). */
static void check_comparison_stmt(FnCheck *fc, Node *s) {
  Node *lhs = s->binary.lhs;
  if (scope_lookup(fc, lhs->name.name) || check_find_const(fc->ctx, lhs->name.name))
    check_node(fc, lhs);
  check_node(fc, s->binary.rhs);
  report_no_effect(fc, s);
  s->type = &ty_error;
}

/* The arms of an `if` statement are statements too. */
static void check_if_arms_effect(FnCheck *fc, const Node *n) {
  for (const Node *arm = n->if_.then; arm; arm = arm == n->if_.then ? n->if_.els : NULL) {
    if (arm->kind == ND_IF) check_if_arms_effect(fc, arm);
    else if (has_no_effect(arm) && !type_is_error(arm->type)) report_no_effect(fc, arm);
  }
}

static const Type *check_block(FnCheck *fc, Node *n) {
  int mark = scope_begin(fc);
  const Type *t = &ty_void;
  bool warned = false;
  for (Node *s = n->block.stmts; s; s = s->next) {
    if (type_is_never(t) && !warned) {
      diag_warning(DIAG, W_UNREACHABLE_CODE, s->loc, "code will never be executed");
      warned = true;
    }
    if (s->kind == ND_BINARY && s->binary.op == OP_EQ && s->binary.lhs->kind == ND_NAME) {
      check_comparison_stmt(fc, s);
      continue;
    }
    if (type_is_never(check_node(fc, s))) t = &ty_never;
    if (has_no_effect(s) && !type_is_error(s->type)) report_no_effect(fc, s);
    else if (s->kind == ND_IF) check_if_arms_effect(fc, s);
  }
  scope_end(fc, mark);
  return t;
}

static const Type *check_decl(FnCheck *fc, Node *n) {
  const Type *t = NULL;
  if (n->decl.tref) {
    t = check_resolve_type(fc->ctx, n->decl.tref);
    if (type_is_stdout(t) && strcmp(fc->f->name, "Run") != 0) {
      static const char *const run[] = {"Run"};
      Near near = check_near_word(fc->f->name, run, 1);
      diag_error(DIAG, n->decl.tref->loc, "'*Stdout' may only be declared in 'Run'%s",
                 near.name ? arena_printf(&fc->ctx->arena, "; did you mean to name '%s' 'Run'?",
                                          fc->f->name)
                           : "");
      if (near.name) {
        diag_note(DIAG, fc->f->name_loc, "'%s' declared here", fc->f->name);
        diag_fixit(DIAG, fc->f->name_loc, "Run");
      }
    } else if (type_is_stdout(t) && n->decl.init) {
      diag_error(DIAG, n->decl.init->loc, "a '*Stdout' capability cannot be initialised");
      n->decl.init = NULL;
    }
  }
  const Type *init = NULL;
  if (t && t->kind == TY_GENERATOR && !n->decl.init)
    diag_error(DIAG, n->loc, "a generator variable needs a value: '%s %s = f(…)'", t->name,
               n->decl.name);
  if (n->decl.init && n->decl.init->kind == ND_NAME &&
      check_gen_escape(fc, n->decl.init, "copied")) {
    check_node(fc, n->decl.init);
    n->decl.init->type = &ty_error;
    init = t = &ty_error;
  } else if (n->decl.init) {
    if (n->decl.init->kind == ND_CALL) fc->gen_ok = n->decl.init; /* the value's owner: this block */
    init = t ? check_expect(fc, n->decl.init, t) : check_value(fc, n->decl.init);
    if (!t && type_is_stdout(init))
      diag_error(DIAG, n->decl.init->loc, "a '*Stdout' capability cannot be copied");
    /* An initialiser that always leaves (every handler invokes a
     * continuation) gives no type to infer: the name is never bound. */
    if (!t) t = type_is_never(init) ? &ty_error : init;
  } else if (type_is_struct(t)) {
    /* `point p`: the value of the constant the type names (§11) */
    Node *d = ARENA_NEW(&fc->ctx->arena, Node);
    *d = (Node){.kind = ND_NAME, .loc = n->loc, .type = t};
    d->name.name = n->decl.tref->proto->decl.name;
    d->name.konst = n->decl.tref->proto;
    n->decl.init = d;
  }
  n->decl.var = scope_declare(fc, n->decl.name, n->loc, t ? t : &ty_error);
  if (type_is_stdout(n->decl.var->type)) n->decl.var->used = true;
  return type_is_never(init) ? &ty_never : &ty_void;
}

static const Type *check_assign(FnCheck *fc, Node *n) {
  Var *v = scope_lookup(fc, n->assign.name);
  if (!v) {
    Node *konst = check_find_const(fc->ctx, n->assign.name);
    if (konst) {
      diag_error(DIAG, n->loc, "'%s' is a constant and cannot be assigned", n->assign.name);
      diag_note(DIAG, konst->loc, "'%s' defined here", n->assign.name);
    } else {
      Near near = check_near_value(fc, n->assign.name);
      diag_error(DIAG, n->loc, "use of undeclared name '%s'%s", n->assign.name,
                 check_near_text(fc->ctx, near));
      check_near_explain(fc->ctx, n->loc, near);
    }
    check_value(fc, n->assign.value);
    return &ty_void;
  }
  n->assign.var = v;
  if (type_is_stdout(v->type)) {
    diag_error(DIAG, n->loc, "the capability '%s' cannot be assigned", v->name);
    return &ty_void;
  }
  if (v->type->kind == TY_GENERATOR) {
    diag_error(DIAG, n->loc, "generator value '%s' cannot be assigned: it belongs to the block "
                             "that created it", v->name);
    fc->gen_ok = n->assign.value;
    check_node(fc, n->assign.value);
    return &ty_void;
  }
  const Type *t = check_assign_path(fc, n, v->type);
  if (type_is_error(t)) {
    check_value(fc, n->assign.value);
    return &ty_void;
  }
  return type_is_never(check_expect(fc, n->assign.value, t)) ? &ty_never : &ty_void;
}

Near check_near_value(FnCheck *fc, const char *want) {
  Suggest s;
  suggest_init(&s, want);
  if (!diag_active(DIAG)) return (Near){0};
  for (int i = 0; i < fc->nbinds; i++) suggest_offer(&s, fc->binds[i].name, fc->binds[i].var);
  Var *v = s.value;
  Near n = {.name = s.best, .loc = v ? v->loc : (Loc){0}, .has_loc = v != NULL};
  Suggest c;
  suggest_init(&c, want);
  suggest_offer_map(&c, &fc->ctx->consts);
  if (c.best && (!s.best || c.cost < s.cost))
    n = (Near){.name = c.best, .loc = ((Node *)c.value)->loc, .has_loc = true};
  return n;
}

static const Type *check_loop(FnCheck *fc, Node *n) {
  LoopScope loop = {.outer = fc->loop};
  fc->loop = &loop;
  check_node(fc, n->loop.body);
  fc->loop = loop.outer;
  return loop.broken ? &ty_void : &ty_never;
}

/* The bounds have one integer type, which i takes; a literal bound takes
 * the other's (`for i in 0...n`, n an int8). */
static const Type *check_for_range(FnCheck *fc, Node *n) {
  Node *lo = n->for_range.lo, *hi = n->for_range.hi;
  const Type *t;
  if (check_is_literal(lo) && !check_is_literal(hi)) {
    t = check_value(fc, hi);
    check_expect(fc, lo, type_is_int(t) ? t : &ty_int);
  } else {
    t = check_value(fc, lo);
    check_expect(fc, hi, type_is_int(t) ? t : &ty_int);
  }
  if (!type_is_int(t)) {
    if (type_is_known(t))
      diag_error(DIAG, lo->loc, "type mismatch: expected an integer type, found '%s'", t->name);
    t = &ty_int;
  }
  int mark = scope_begin(fc);
  n->for_range.var = scope_declare(fc, n->for_range.var_name, n->for_range.var_loc, t);
  n->for_range.var->used = true;
  LoopScope loop = {.outer = fc->loop};
  fc->loop = &loop;
  check_node(fc, n->for_range.body);
  fc->loop = loop.outer;
  scope_end(fc, mark);
  return &ty_void;
}

void check_reentry(FnCheck *fc) {
  if (fc->gen_loop) fc->gen_loop->for_each.reentered = true;
}

/* for x in g(args): g must be a generator; x takes what it yields. */
static const Type *check_for_each(FnCheck *fc, Node *n) {
  Node *call = n->for_each.call;
  static const Type *const none[1] = {&ty_error};
  const Type *const *elems = none;
  int nelems = 1;
  check_reentry(fc); /* the generator yields back into the enclosing body */
  if (call->kind != ND_CALL) { /* a generator value: advanced by the runtime (§10) */
    fc->gen_ok = call;
    const Type *t = check_value(fc, call);
    if (t->kind == TY_GENERATOR) {
      elems = type_gen_elems(t, &nelems);
      n->for_each.detached = true;
    } else if (!type_is_error(t)) {
      diag_error(DIAG, call->loc, "'for … in' needs a generator call, a generator value or a "
                                  "range 'a...b', not '%s'", t->name);
    }
  } else if (call->call.has_handlers) {
    diag_error(DIAG, call->loc, "'for … in' needs a generator call or a range 'a...b'");
    check_node(fc, call);
  } else {
    fc->gen_source = call;
    check_node(fc, call);
    fc->gen_source = NULL;
    Func *g = call->call.target == CALL_FUNC ? call->call.func : NULL;
    if (g && g->is_generator) {
      elems = (const Type *const *)g->conts->tys;
      nelems = g->conts->ntypes;
    }
  }
  if (n->for_each.nnames != nelems && !(nelems == 1 && type_is_error(elems[0])))
    diag_error(DIAG, n->for_each.name_locs[0], "'for … in' binds %d %s, but each yield carries %d %s",
               n->for_each.nnames, n->for_each.nnames == 1 ? "name" : "names", nelems,
               nelems == 1 ? "value" : "values");
  int mark = scope_begin(fc);
  n->for_each.vars = ARENA_ARRAY(&fc->ctx->arena, Var *, n->for_each.nnames);
  for (int i = 0; i < n->for_each.nnames; i++) {
    const Type *t = i < nelems && n->for_each.nnames == nelems ? elems[i] : &ty_error;
    n->for_each.vars[i] = scope_declare(fc, n->for_each.names[i], n->for_each.name_locs[i], t);
    n->for_each.vars[i]->used = true;
  }
  n->for_each.var = n->for_each.vars[0];
  LoopScope loop = {.outer = fc->loop};
  Node *outer_gen_loop = fc->gen_loop;
  fc->loop = &loop;
  /* a detached loop's body is not re-entered from outside: `next` is a C call */
  if (!n->for_each.detached) fc->gen_loop = n;
  check_node(fc, n->for_each.body);
  fc->gen_loop = outer_gen_loop;
  fc->loop = loop.outer;
  scope_end(fc, mark);
  return &ty_void;
}

const Type *check_stmt(FnCheck *fc, Node *n) {
  switch (n->kind) {
  case ND_BLOCK: return check_block(fc, n);
  case ND_DECL: return check_decl(fc, n);
  case ND_ASSIGN: return check_assign(fc, n);
  case ND_LOOP: return check_loop(fc, n);
  case ND_FOR_RANGE: return check_for_range(fc, n);
  case ND_FOR_EACH: return check_for_each(fc, n);
  case ND_BREAK:
    if (!fc->loop) {
      diag_error(DIAG, n->loc, "'break' outside of a loop");
      return &ty_void;
    }
    fc->loop->broken = true;
    return &ty_never;
  case ND_THROW: {
    const Type *t = check_value(fc, n->throw_.value);
    if (!type_is_string(t) && !type_is_error(t))
      diag_error(DIAG, n->throw_.value->loc, "'throw' needs a 'String', not '%s'", t->name);
    return &ty_never;
  }
  default:
    CHECK_ICE(fc, "check_stmt: not a statement");
  }
}

/* Dispatch for every node kind. */
const Type *check_node(FnCheck *fc, Node *n) {
  bool gen_ok = fc->gen_ok == n; /* only n itself: not what it contains */
  fc->gen_ok = NULL;
  const Type *t;
  fc->node_want = fc->want; /* n's own: its children are checked without it */
  fc->want = NULL;
  if (n->kind == ND_CALL) t = check_call(fc, n);
  else if (ast_is_expr(n->kind)) t = check_expr(fc, n);
  else t = check_stmt(fc, n);
  if (t->kind == TY_GENERATOR && !gen_ok) t = check_gen_misplaced(fc, n);
  n->type = t;
  return t;
}

const Type *check_join(const Type *a, const Type *b, bool *mismatch) {
  *mismatch = false;
  if (type_is_never(a)) return b;
  if (type_is_never(b)) return a;
  if (type_is_error(a) || type_is_error(b)) return &ty_error;
  if (a == b) return a;
  *mismatch = true;
  return &ty_void;
}

const Type *check_join_handler(Node *call, const Type *result, const Type *t) {
  bool mismatch;
  const Type *joined = check_join(result, t, &mismatch);
  if (mismatch && !call->call.mixed[0]) { /* the first pair that differs, for the message */
    call->call.mixed[0] = result;
    call->call.mixed[1] = t;
  }
  return joined;
}

const Type *check_value(FnCheck *fc, Node *n) {
  check_node(fc, n);
  return check_checked_value(fc, n);
}

const Type *check_checked_value(FnCheck *fc, Node *n) {
  const Type *t = n->type;
  if (!type_is_void(t)) return t;
  if (n->kind == ND_IF && !n->if_.els)
    diag_error(DIAG, n->loc, "'if' used as a value needs an 'else'");
  else if (n->kind == ND_CALL && n->call.mixed[0])
    diag_error(DIAG, n->loc, "handlers of the call give different types ('%s' and '%s')",
               n->call.mixed[0]->name, n->call.mixed[1]->name);
  else if (n->kind == ND_IF && type_is_void(n->type) && !type_is_void(n->if_.then->type) &&
           !type_is_void(n->if_.els->type) && n->if_.then->type != n->if_.els->type)
    diag_error(DIAG, n->loc, "the arms of 'if' have different types ('%s' and '%s')",
               n->if_.then->type->name, n->if_.els->type->name);
  else
    diag_error(DIAG, n->loc, "expression has no value");
  n->type = &ty_error;
  return &ty_error;
}

const Type *check_expect(FnCheck *fc, Node *n, const Type *want) {
  fc->want = type_is_int(want) ? want : NULL;
  check_node(fc, n);
  return check_checked_expect(fc, n, want);
}

const Type *check_checked_expect(FnCheck *fc, Node *n, const Type *want) {
  const Type *t = check_checked_value(fc, n);
  if (type_is_error(t) || type_is_error(want) || type_is_never(t) || t == want) return t;
  diag_error(DIAG, n->loc, "type mismatch: expected '%s', found '%s'", want->name, t->name);
  return t;
}
