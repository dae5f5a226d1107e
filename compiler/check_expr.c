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

static const Type *check_binary(FnCheck *fc, Node *n) {
  Op op = n->binary.op;
  const Type *l = check_value(fc, n->binary.lhs);
  const Type *r = check_value(fc, n->binary.rhs);
  if (l == &ty_error || r == &ty_error) return &ty_error;
  if (l == &ty_never || r == &ty_never) return &ty_never;
  bool ok;
  const Type *result;
  if (is_arith(op)) {
    ok = l == &ty_int && r == &ty_int;
    result = &ty_int;
  } else if (op == OP_AND || op == OP_OR) {
    ok = l == &ty_bool && r == &ty_bool;
    result = &ty_bool;
  } else if (op == OP_EQ || op == OP_NE) {
    ok = l == r && (l == &ty_int || l == &ty_bool || l == &ty_string);
    result = &ty_bool;
  } else {
    ok = l == &ty_int && r == &ty_int;
    result = &ty_bool;
  }
  if (!ok) {
    diag_error(DIAG, n->loc, "invalid operands to '%s' ('%s' and '%s')", op_spelling(op),
               l->name, r->name);
    return &ty_error;
  }
  return result;
}

static const Type *check_unary(FnCheck *fc, Node *n) {
  const Type *t = check_value(fc, n->unary.operand);
  const Type *want = n->unary.op == OP_NEG ? &ty_int : &ty_bool;
  if (t == &ty_error || t == &ty_never) return t;
  if (t != want) {
    diag_error(DIAG, n->loc, "invalid operand to '%s' ('%s')", op_spelling(n->unary.op), t->name);
    return &ty_error;
  }
  return want;
}

static const Type *check_str(FnCheck *fc, Node *n) {
  for (StrPiece *p = n->str.pieces; p; p = p->next) {
    if (!p->expr) continue;
    const Type *t = check_value(fc, p->expr);
    if (t != &ty_int && t != &ty_bool && t != &ty_string && t != &ty_error && t != &ty_never)
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
  } else if (cap->type != &ty_stdout && cap->type != &ty_error) {
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

static const Type *check_if(FnCheck *fc, Node *n) {
  const Type *c = check_value(fc, n->if_.cond);
  if (c != &ty_bool && c != &ty_error && c != &ty_never)
    diag_error(DIAG, n->if_.cond->loc, "condition must be 'bool', not '%s'", c->name);
  const Type *a = check_node(fc, n->if_.then);
  if (!n->if_.els) return &ty_void;
  const Type *b = check_node(fc, n->if_.els);
  bool mismatch;
  return check_join(a, b, &mismatch);
}

const Type *check_expr(FnCheck *fc, Node *n) {
  switch (n->kind) {
  case ND_INT:
    if (n->num.too_big) {
      diag_error(DIAG, n->loc, "integer literal 9223372036854775808 is out of range");
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
  default: CHECK_ICE(fc, "check_expr: not an expression");
  }
}
