/* The checker's sized integers (language.md §13): literals that take the
 * type their context requires, constant overflow at that type, and the
 * conversions T(e).
 *
 * A literal, and an expression of literals only (`100 + 100`, `-128`),
 * takes the integer type its context wants; check_expect() hands that type
 * down through FnCheck.want. At `int` nothing changes: such an expression
 * is computed at run time and raises its events there, as it always did.
 * At any other integer type it is folded here, so a value that does not fit
 * is a compile-time error, at the operator that produced it. */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"

static bool is_arith(Op op) {
  return op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV ||
         op == OP_MOD || op == OP_POW;
}

bool check_is_literal(const Node *n) {
  switch (n->kind) {
  case ND_INT: return true;
  case ND_UNARY: return n->unary.op == OP_NEG && check_is_literal(n->unary.operand);
  case ND_BINARY:
    return is_arith(n->binary.op) && check_is_literal(n->binary.lhs) &&
           check_is_literal(n->binary.rhs);
  default: return false;
  }
}

/* A 128-bit value in decimal (in buf, which holds 41 bytes). */
static const char *decimal(__int128 v, char *buf) {
  char tmp[41];
  int i = 0;
  bool neg = v < 0;
  unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
  do {
    tmp[i++] = (char)('0' + (int)(u % 10));
    u /= 10;
  } while (u);
  int j = 0;
  if (neg) buf[j++] = '-';
  while (i) buf[j++] = tmp[--i];
  buf[j] = 0;
  return buf;
}

static __int128 literal_value(const Node *n) {
  return n->num.too_big ? (__int128)(uint64_t)n->num.value : (__int128)n->num.value;
}

/* Magnitudes past this are out of range of every type: folding stops
 * growing there, so no 128-bit arithmetic overflows. */
static const __int128 huge = (__int128)1 << 100;

/* b ** e, or `huge` (with its sign) once it is out of every range. */
static __int128 fold_pow(__int128 b, __int128 e) {
  __int128 r = 1;
  for (__int128 i = 0; i < e; i++) {
    r *= b;
    if (r > huge || r < -huge) return r > 0 ? huge : -huge;
    if (r == 0 || r == 1) break; /* stays there */
    if (r == -1) return (e - i - 1) % 2 ? 1 : -1;
  }
  return r;
}

typedef struct Fold {
  FnCheck *fc;
  const Type *want;
  bool ok;    /* no error reported */
} Fold;

static bool report_overflow(Fold *f, const Node *n, __int128 v) {
  char buf[41];
  FnCheck *fc = f->fc;
  if (n->kind == ND_INT || (n->kind == ND_UNARY && n->unary.operand->kind == ND_INT))
    diag_error(DIAG, n->loc, "integer literal %s is out of range of '%s'", decimal(v, buf),
               f->want->name);
  else
    diag_error(DIAG, n->loc, "constant overflow: '%s' gives %s, out of range of '%s'",
               op_spelling(n->kind == ND_UNARY ? n->unary.op : n->binary.op), decimal(v, buf),
               f->want->name);
  f->ok = false;
  return false;
}

/* Folds n at f->want into *v; *known false when its value is left to run
 * time (division by zero, a negative exponent: their events). */
static bool fold(Fold *f, Node *n, __int128 *v, bool *known) {
  n->type = f->want;
  if (n->kind == ND_INT) {
    *v = literal_value(n);
    return type_int_fits(f->want, *v) || report_overflow(f, n, *v);
  }
  if (n->kind == ND_UNARY) {
    Node *o = n->unary.operand;
    if (o->kind == ND_INT) { /* -128: checked as the negative value */
      o->type = f->want;
      *v = -literal_value(o);
    } else {
      if (!fold(f, o, v, known)) return false;
      *v = -*v;
    }
    return !*known || type_int_fits(f->want, *v) || report_overflow(f, n, *v);
  }
  __int128 a, b;
  bool ka = true, kb = true;
  bool oka = fold(f, n->binary.lhs, &a, &ka);
  bool okb = fold(f, n->binary.rhs, &b, &kb);
  if (!oka || !okb) return false;
  if (!ka || !kb) {
    *known = false;
    return true;
  }
  switch (n->binary.op) {
  case OP_ADD: *v = a + b; break;
  case OP_SUB: *v = a - b; break;
  case OP_MUL: *v = a * b; break;
  case OP_DIV:
  case OP_MOD:
    if (b == 0) {
      *known = false;
      return true;
    }
    *v = n->binary.op == OP_DIV ? a / b : a % b; /* C truncates, as dodo does */
    break;
  case OP_POW:
    if (b < 0) {
      *known = false;
      return true;
    }
    *v = fold_pow(a, b);
    break;
  default: *v = 0; break;
  }
  return type_int_fits(f->want, *v) || report_overflow(f, n, *v);
}

const Type *check_literal_as(FnCheck *fc, Node *n, const Type *want) {
  Fold f = {.fc = fc, .want = want, .ok = true};
  __int128 v;
  bool known = true;
  fold(&f, n, &v, &known);
  n->type = f.ok ? want : &ty_error;
  return n->type;
}

/* T(e): any integer to integer type T; a value that does not fit T raises
 * "integer overflow" at run time. */
const Type *check_convert(FnCheck *fc, Node *n, const Type *to) {
  n->call.target = CALL_CONVERT;
  if (n->call.has_handlers)
    diag_error(DIAG, n->loc, "the conversion '%s(…)' takes no handlers", n->call.name);
  if (n->call.nargs != 1) {
    diag_error(DIAG, n->loc, "the conversion '%s(…)' takes 1 argument, but %d were given",
               n->call.name, n->call.nargs);
    for (Node *a = n->call.args; a; a = a->next) check_value(fc, a);
    return &ty_error;
  }
  const Type *from = check_value(fc, n->call.args);
  if (!type_is_known(from)) return from;
  if (!type_is_int(from)) {
    diag_error(DIAG, n->call.args->loc, "'%s(…)' converts integers, not '%s'", n->call.name,
               from->name);
    return &ty_error;
  }
  return to;
}
