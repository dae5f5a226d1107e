/* Module constants: `def limit = 10` at the top level. Their initialisers
 * are folded here, with dodo's overflow rules, so codegen emits values. */
#include <string.h>

#include "buf.h"
#include "check_internal.h"

static bool fold(Ctx *ctx, Node *n, ConstVal *out);

bool check_fold(Ctx *ctx, Node *n, ConstVal *out) { return fold(ctx, n, out); }

static bool fail(Ctx *ctx, Node *n, const char *msg) {
  diag_error(&ctx->diag, n->loc, "%s", msg);
  return false;
}

/* Exponentiation by squaring, as the generated code does it: squaring only
 * while exponent bits remain, so it overflows exactly when the result does. */
static bool pow_overflows(int64_t base, int64_t exp, int64_t *out) {
  int64_t result = 1;
  while (exp > 0) {
    if ((exp & 1) && __builtin_mul_overflow(result, base, &result)) return true;
    exp >>= 1;
    if (exp && __builtin_mul_overflow(base, base, &base)) return true;
  }
  *out = result;
  return false;
}

static bool fold_int_binary(Ctx *ctx, Node *n, int64_t a, int64_t b, ConstVal *out) {
  int64_t r = 0;
  bool ovf = false;
  switch (n->binary.op) {
  case OP_ADD: ovf = __builtin_add_overflow(a, b, &r); break;
  case OP_SUB: ovf = __builtin_sub_overflow(a, b, &r); break;
  case OP_MUL: ovf = __builtin_mul_overflow(a, b, &r); break;
  case OP_DIV:
  case OP_MOD:
    if (b == 0) return fail(ctx, n, "division by zero in a constant expression");
    if (a == INT64_MIN && b == -1) {
      if (n->binary.op == OP_DIV) ovf = true;
      else r = 0;
    } else {
      r = n->binary.op == OP_DIV ? a / b : a % b;
    }
    break;
  case OP_POW:
    if (b < 0) return fail(ctx, n, "negative exponent in a constant expression");
    ovf = pow_overflows(a, b, &r);
    break;
  case OP_LT: r = a < b; out->type = &ty_bool; break;
  case OP_LE: r = a <= b; out->type = &ty_bool; break;
  case OP_GT: r = a > b; out->type = &ty_bool; break;
  case OP_GE: r = a >= b; out->type = &ty_bool; break;
  case OP_EQ: r = a == b; out->type = &ty_bool; break;
  case OP_NE: r = a != b; out->type = &ty_bool; break;
  default: return fail(ctx, n, "invalid operands in a constant expression");
  }
  if (ovf) return fail(ctx, n, "integer overflow in a constant expression");
  if (!out->type) out->type = &ty_int;
  out->i = r;
  return true;
}

static bool fold_binary(Ctx *ctx, Node *n, ConstVal *out) {
  ConstVal a = {0}, b = {0};
  if (!fold(ctx, n->binary.lhs, &a) || !fold(ctx, n->binary.rhs, &b)) return false;
  Op op = n->binary.op;
  if (type_is_int(a.type) && type_is_int(b.type)) return fold_int_binary(ctx, n, a.i, b.i, out);
  if (type_is_bool(a.type) && type_is_bool(b.type) &&
      (op == OP_AND || op == OP_OR || op == OP_EQ || op == OP_NE)) {
    out->type = &ty_bool;
    out->i = op == OP_AND ? a.i && b.i : op == OP_OR ? a.i || b.i : op == OP_EQ ? a.i == b.i : a.i != b.i;
    return true;
  }
  if (type_is_string(a.type) && type_is_string(b.type) && (op == OP_EQ || op == OP_NE)) {
    bool eq = a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
    out->type = &ty_bool;
    out->i = op == OP_EQ ? eq : !eq;
    return true;
  }
  diag_error(&ctx->diag, n->loc, "invalid operands to '%s' ('%s' and '%s')", op_spelling(op),
             a.type->name, b.type->name);
  return false;
}

/* A folded value as interpolation writes it: a struct as
 * `point(x: 8, label: "a""b")` (language.md §11). */
static void const_text(Buf *text, const ConstVal *v, bool quoted) {
  if (type_is_struct(v->type)) {
    buf_printf(text, "%s(", v->type->name);
    for (int i = 0; i < v->type->nfields; i++) {
      buf_printf(text, "%s%s: ", i ? ", " : "", v->type->fields[i].name);
      const_text(text, &v->fields[i], true);
    }
    buf_putc(text, ')');
  } else if (type_is_unsigned(v->type) && v->type->width == 8) {
    buf_printf(text, "%llu", (unsigned long long)v->i);
  } else if (type_is_int(v->type)) {
    buf_printf(text, "%lld", (long long)v->i);
  } else if (type_is_bool(v->type)) {
    buf_puts(text, v->i ? "true" : "false");
  } else if (!quoted) {
    buf_putn(text, v->s, v->len);
  } else {
    buf_putc(text, '"');
    for (size_t i = 0; i < v->len; i++) {
      if (v->s[i] == '"') buf_putc(text, '"');
      buf_putc(text, v->s[i]);
    }
    buf_putc(text, '"');
  }
}

static bool fold_str(Ctx *ctx, Node *n, ConstVal *out) {
  Buf text;
  buf_init(&text);
  bool ok = true;
  for (StrPiece *p = n->str.pieces; p && ok; p = p->next) {
    if (!p->expr) {
      buf_putn(&text, p->text, p->len);
      continue;
    }
    ConstVal v = {0};
    ok = fold(ctx, p->expr, &v);
    if (!ok) break;
    const_text(&text, &v, false);
  }
  if (ok) {
    out->type = &ty_string;
    out->len = text.len;
    out->s = arena_strndup(&ctx->arena, text.data ? text.data : "", text.len);
  }
  buf_free(&text);
  return ok;
}

static bool fold(Ctx *ctx, Node *n, ConstVal *out) {
  switch (n->kind) {
  case ND_INT:
    if (n->num.too_big) return fail(ctx, n, "integer literal 9223372036854775808 is out of range");
    out->type = &ty_int;
    out->i = n->num.value;
    return true;
  case ND_BOOL:
    out->type = &ty_bool;
    out->i = n->boolean;
    return true;
  case ND_STR: return fold_str(ctx, n, out);
  case ND_NAME: {
    Lookup found = check_lookup(ctx, n->name.module, n->name.name, n->loc, false);
    Node *c = found.found;
    if (!c) {
      if (!found.reported) diag_error(&ctx->diag, n->loc, "use of undeclared name '%s'", n->name.name);
      return false;
    }
    if (!check_const(found.owner, c)) return false;
    n->name.konst = c;
    *out = *c->decl.value;
    return true;
  }
  case ND_UNARY: {
    ConstVal v = {0};
    if (!fold(ctx, n->unary.operand, &v)) return false;
    if (n->unary.op == OP_NEG && type_is_int(v.type)) {
      if (v.i == INT64_MIN) return fail(ctx, n, "integer overflow in a constant expression");
      out->type = &ty_int;
      out->i = -v.i;
      return true;
    }
    if (n->unary.op == OP_NOT && type_is_bool(v.type)) {
      out->type = &ty_bool;
      out->i = !v.i;
      return true;
    }
    diag_error(&ctx->diag, n->loc, "invalid operand to '%s' ('%s')", op_spelling(n->unary.op),
               v.type->name);
    return false;
  }
  case ND_BINARY: return fold_binary(ctx, n, out);
  case ND_NEW: return check_fold_new(ctx, n, out);
  case ND_FIELD: return check_fold_field(ctx, n, out);
  case ND_STRUCT_DEF:
    return fail(ctx, n, "a struct type is declared on its own: 'def name = new struct { … }'");
  default:
    return fail(ctx, n, "a module constant needs a constant expression "
                        "(literals, operators and interpolation of constants)");
  }
}

/* Folds a constant once; false (after a diagnostic) if it cannot be. */
bool check_const(Ctx *ctx, Node *decl) {
  if (decl->decl.value) return !type_is_error(decl->decl.value->type);
  if (decl->decl.resolving) {
    diag_error(&ctx->diag, decl->loc, "constant '%s' is defined in terms of itself", decl->decl.name);
    return false;
  }
  decl->decl.resolving = true;
  ConstVal *v = ARENA_NEW(&ctx->arena, ConstVal);
  bool ok = decl->decl.init->kind == ND_STRUCT_DEF ? check_struct_proto(ctx, decl, v)
                                                   : fold(ctx, decl->decl.init, v);
  if (!ok) v->type = &ty_error;
  decl->decl.value = v;
  decl->decl.resolving = false;
  decl->type = v->type;
  return !type_is_error(v->type);
}
