/* The checker's expressions: literals, names, operators, strings, `if`, and
 * the console's `Puts`. */
#include <string.h>

#include "check_internal.h"
#include "fatal.h"

static const Type *check_name(FnCheck *fc, Node *n) {
  Var *v = n->name.module ? NULL : scope_lookup(fc, n->name.name);
  if (v) {
    v->used = true;
    n->name.var = v;
    return v->type;
  }
  Lookup found = check_lookup(fc->ctx, n->name.module, n->name.name, n->loc, false);
  if (found.reported) return &ty_error;
  Node *c = found.found;
  if (c) {
    n->name.konst = c;
    return check_const(found.owner, c) ? c->decl.value->type : &ty_error;
  }
  Func *f = check_find_func(fc->ctx, n->name.name);
  if (f) {
    diag_error(DIAG, n->loc, "'%s' is a function, not a value: call it with '(…)'", n->name.name);
    diag_note(DIAG, f->name_loc, "'%s' declared here", f->name);
  } else {
    Near near = check_near_value(fc, n->name.name);
    diag_error(DIAG, n->loc, "use of undeclared name '%s'%s", n->name.name,
               check_near_text(fc->ctx, near));
    check_near_explain(fc->ctx, n->loc, near);
  }
  return &ty_error;
}

static bool is_arith(Op op) {
  return op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV ||
         op == OP_MOD || op == OP_POW;
}

/* The operands of a binary operator. A literal operand takes the other's
 * integer type (`x + 1`, x an int8), so that side is checked first. */
static void check_operands(FnCheck *fc, Node *n, const Type **l, const Type **r) {
  Node *a = n->binary.lhs, *b = n->binary.rhs;
  if (check_is_literal(a) && !check_is_literal(b)) {
    *r = check_value(fc, b);
    *l = type_is_int(*r) ? check_expect(fc, a, *r) : check_value(fc, a);
  } else {
    *l = check_value(fc, a);
    *r = check_is_literal(b) && type_is_int(*l) ? check_expect(fc, b, *l) : check_value(fc, b);
  }
}

static const Type *check_binary(FnCheck *fc, Node *n) {
  Op op = n->binary.op;
  const Type *want = fc->node_want;
  if (want && !type_is_plain_int(want) && check_is_literal(n)) return check_literal_as(fc, n, want);
  const Type *l, *r;
  check_operands(fc, n, &l, &r);
  if (type_is_error(l) || type_is_error(r)) return &ty_error;
  if (type_is_never(l) || type_is_never(r)) return &ty_never;
  bool ok;
  const Type *result;
  if (is_arith(op)) {
    ok = type_is_int(l) && l == r;
    result = l;
  } else if (op == OP_AND || op == OP_OR) {
    ok = type_is_bool(l) && type_is_bool(r);
    result = &ty_bool;
  } else if (op == OP_EQ || op == OP_NE) {
    ok = l == r && (type_is_int(l) || type_is_bool(l) || type_is_string(l) || type_is_struct(l));
    result = &ty_bool;
  } else {
    ok = type_is_int(l) && l == r;
    result = &ty_bool;
  }
  if (!ok && type_is_int(l) && type_is_int(r)) {
    diag_error(DIAG, n->loc, "invalid operands to '%s' ('%s' and '%s'): integer types do not mix; "
               "convert one with '%s(…)'", op_spelling(op), l->name, r->name, l->name);
    return &ty_error;
  }
  if (!ok) {
    diag_error(DIAG, n->loc, "invalid operands to '%s' ('%s' and '%s')", op_spelling(op),
               l->name, r->name);
    return &ty_error;
  }
  return result;
}

static const Type *check_unary(FnCheck *fc, Node *n) {
  const Type *want = fc->node_want;
  if (n->unary.op == OP_NEG && want && !type_is_plain_int(want) && check_is_literal(n))
    return check_literal_as(fc, n, want);
  const Type *t = check_value(fc, n->unary.operand);
  if (type_is_error(t) || type_is_never(t)) return t;
  bool ok = n->unary.op == OP_NEG ? type_is_int(t) : type_is_bool(t);
  if (!ok) {
    diag_error(DIAG, n->loc, "invalid operand to '%s' ('%s')", op_spelling(n->unary.op), t->name);
    return &ty_error;
  }
  return t;
}

static const Type *check_str(FnCheck *fc, Node *n) {
  for (StrPiece *p = n->str.pieces; p; p = p->next) {
    if (!p->expr) continue;
    const Type *t = check_value(fc, p->expr);
    if (!type_is_int(t) && !type_is_bool(t) && !type_is_string(t) && !type_is_struct(t) &&
        !type_is_error(t) && !type_is_never(t))
      diag_error(DIAG, p->expr->loc, "cannot convert a value of type '%s' to text", t->name);
  }
  return &ty_string;
}

/* console!out.Puts(s) */
static const Type *check_method(FnCheck *fc, Node *n) {
  bool used_console = false;
  for (Use *u = fc->ctx->prog->uses; u; u = u->next)
    if (strcmp(u->name, "console") == 0) used_console = true;
  static const char *const services[] = {"console"}, *const methods[] = {"Puts"};
  if (strcmp(n->method.service, "console") != 0) {
    Near near = check_near_word(n->method.service, services, 1);
    if (near.name)
      diag_error(DIAG, n->loc, "unknown service '%s'; did you mean 'console'?", n->method.service);
    else
      diag_error(DIAG, n->loc, "unknown service '%s' (this version has 'console')",
                 n->method.service);
  }
  else if (!used_console)
    diag_error(DIAG, n->loc, "'console' is not available: add 'use console' at the top of the file");
  Var *cap = scope_lookup(fc, n->method.cap);
  Loc cap_loc = n->loc;
  if (!cap) {
    Near near = check_near_value(fc, n->method.cap);
    diag_error(DIAG, cap_loc, "use of undeclared name '%s'%s", n->method.cap,
               check_near_text(fc->ctx, near));
    if (near.has_loc) diag_note(DIAG, near.loc, "'%s' declared here", near.name);
  } else if (!type_is_stdout(cap->type) && !type_is_error(cap->type)) {
    diag_error(DIAG, cap_loc, "'%s' is not a '*Stdout' capability (it is '%s')", cap->name,
               cap->type->name);
    diag_note(DIAG, cap->loc, "'%s' declared here", cap->name);
  } else {
    cap->used = true;
    n->method.cap_var = cap;
  }
  if (strcmp(n->method.method, "Puts") != 0) {
    Near near = check_near_word(n->method.method, methods, 1);
    if (near.name)
      diag_error(DIAG, n->method.method_loc, "unknown method '%s' of the console; did you mean 'Puts'?",
                 n->method.method);
    else
      diag_error(DIAG, n->method.method_loc, "unknown method '%s' of the console (it has 'Puts')",
                 n->method.method);
    check_near_explain(fc->ctx, n->method.method_loc, near);
    for (Node *a = n->method.args; a; a = a->next) check_value(fc, a);
    return &ty_void;
  }
  if (n->method.nargs != 1) {
    diag_error(DIAG, n->method.method_loc, "'Puts' takes 1 argument, but %d were given",
               n->method.nargs);
    for (Node *a = n->method.args; a; a = a->next) check_value(fc, a);
    return &ty_void;
  }
  check_expect(fc, n->method.args, &ty_string);
  return &ty_void;
}

/* An arm of an `if` whose value the context requires as an integer type:
 * a literal arm takes it. */
static const Type *check_arm(FnCheck *fc, Node *arm, const Type *want) {
  fc->want = want && ast_is_expr(arm->kind) ? want : NULL;
  return check_node(fc, arm);
}

static const Type *check_if(FnCheck *fc, Node *n) {
  const Type *want = n->if_.els ? fc->node_want : NULL;
  const Type *c = check_value(fc, n->if_.cond);
  if (!type_is_bool(c) && !type_is_error(c) && !type_is_never(c))
    diag_error(DIAG, n->if_.cond->loc, "condition must be 'bool', not '%s'", c->name);
  Node *then = n->if_.then, *els = n->if_.els;
  if (!want && els && check_is_literal(then) && !check_is_literal(els)) {
    /* no context: a literal arm takes the other arm's integer type
     * (`(if (c) 1 else x) + y`, x an int8) */
    const Type *b = check_arm(fc, els, NULL);
    const Type *a = check_arm(fc, then, type_is_int(b) ? b : NULL);
    bool mismatch;
    return check_join(a, b, &mismatch);
  }
  const Type *a = check_arm(fc, then, want);
  if (!els) return &ty_void;
  if (!want && check_is_literal(els) && type_is_int(a)) want = a; /* the same, the other way */
  const Type *b = check_arm(fc, els, want);
  bool mismatch;
  return check_join(a, b, &mismatch);
}

const Type *check_expr(FnCheck *fc, Node *n) {
  switch (n->kind) {
  case ND_INT:
    if (fc->node_want && !type_is_plain_int(fc->node_want))
      return check_literal_as(fc, n, fc->node_want);
    if (n->num.too_big) {
      diag_error(DIAG, n->loc, "integer literal %llu is out of range",
                 (unsigned long long)n->num.value);
      return &ty_error;
    }
    return &ty_int;
  case ND_BOOL: return &ty_bool;
  case ND_STR: return check_str(fc, n);
  case ND_NAME: return check_name(fc, n);
  case ND_UNARY: return check_unary(fc, n);
  case ND_BINARY: return check_binary(fc, n);
  case ND_METHOD: return check_method(fc, n);
  case ND_IF: return check_if(fc, n);
  case ND_FIELD: return check_field(fc, n);
  case ND_NEW: return check_new(fc, n);
  case ND_STRUCT_DEF:
    diag_error(DIAG, n->loc, "a struct type is declared at the top level: 'def name = new struct { … }'");
    return &ty_error;
  default: CHECK_ICE(fc, "check_expr: not an expression");
  }
}
