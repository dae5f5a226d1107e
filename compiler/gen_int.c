/* Code generation for the sized integers (language.md §13, abi.md §1).
 *
 * Inside compiled code a value of a type narrower than 64 bits is kept
 * extended to the whole register and slot: sign-extended for int8 … int32,
 * zero-extended for uint8 … uint32. So comparisons, division and printing
 * work on the 64-bit register as they do for int, and an operation checks
 * its result by extending its low bits again and comparing:
 *
 *       addq %rcx, %rax          int8 + int8: cannot overflow 64 bits
 *       movsbq %al, %rdx
 *       cmpq %rdx, %rax          the result is not an int8:
 *       jne <raise>.overflow     "integer overflow"
 *
 * The convention leaves the upper bits of a received value unspecified
 * (abi.md §1), so every place a value comes in from outside (parameters,
 * continuation values, yields) extends it first: gen_int_extend().
 *
 * uint64 uses the unsigned instructions and flags: jc after addq and subq,
 * mulq (overflow when RDX is not 0: jo) and divq, and the unsigned
 * conditions (below, above) in comparisons. int (int64) stays in
 * gen_expr.c, whose code is what it always was. */
#include "gen_internal.h"

#include "fatal.h"

/* The instruction that extends the low `width` bytes of a register to all
 * of it, and the width of the register it writes. */
static IrOp extend_op(const Type *t, int *dst_width) {
  *dst_width = 8;
  switch (t->width) {
  case 1: if (!t->is_signed) *dst_width = 4; return t->is_signed ? IR_MOVSBQ : IR_MOVZBL;
  case 2: if (!t->is_signed) *dst_width = 4; return t->is_signed ? IR_MOVSWQ : IR_MOVZWL;
  case 4: if (!t->is_signed) *dst_width = 4; return t->is_signed ? IR_MOVSLQ : IR_MOVL;
  default: ICE(0, "extend_op: an integer as wide as a register");
  }
}

/* dst = the extension of src's low bits (movsbq %al, %rdx …). */
static void extend_into(GenFn *g, const Type *t, int src, int dst) {
  int w;
  IrOp op = extend_op(t, &w);
  emit2(g, op, opd_regw(src, t->width), opd_regw(dst, w));
}

void gen_int_extend(GenFn *g, const Type *t, int reg) {
  if (type_is_narrow_int(t)) extend_into(g, t, reg, reg);
}

/* RAX, computed in 64 bits, must hold a value of type t. */
static void check_fits(GenFn *g, const Type *t) {
  if (!type_is_narrow_int(t)) return;
  extend_into(g, t, REG_RAX, REG_RDX);
  emit2(g, IR_CMPQ, opd_reg(REG_RDX), opd_reg(REG_RAX));
  gen_jump_error(g, CC_NE, ERR_OVERFLOW);
}

/* uint64 / and %: divq by RCX, after the zero test. */
static void gen_udivmod(GenFn *g, bool is_div, Opd src) {
  Opd rcx = opd_reg(REG_RCX);
  gen_to_rcx(g, src);
  emit2(g, IR_TESTQ, rcx, rcx);
  gen_jump_error(g, CC_Z, ERR_DIVZERO);
  emit2(g, IR_XORL, opd_regw(REG_RDX, 4), opd_regw(REG_RDX, 4));
  emit1(g, IR_DIVQ, rcx);
  if (!is_div) emit2(g, IR_MOVQ, opd_reg(REG_RDX), opd_reg(REG_RAX));
}

/* result (RAX) *= base (RSI), checked at type t. */
static void pow_multiply(GenFn *g, const Type *t) {
  if (t->width == 8 && t->is_signed) { /* int: imulq's own overflow flag */
    emit2(g, IR_IMULQ, opd_reg(REG_RSI), opd_reg(REG_RAX));
    gen_jump_error(g, CC_O, ERR_OVERFLOW);
    return;
  }
  if (t->width == 8) { /* uint64 */
    emit1(g, IR_MULQ, opd_reg(REG_RSI));
    gen_jump_error(g, CC_O, ERR_OVERFLOW);
    return;
  }
  emit2(g, IR_IMULQ, opd_reg(REG_RSI), opd_reg(REG_RAX)); /* exact: both fit 32 bits */
  check_fits(g, t);
}

/* base (RSI) squared, checked at type t; RAX (the result) kept. */
static void pow_square(GenFn *g, const Type *t) {
  Opd rax = opd_reg(REG_RAX), rsi = opd_reg(REG_RSI), rdi = opd_reg(REG_RDI);
  if (t->width == 8 && t->is_signed) { /* int: squared in place, RAX untouched */
    emit2(g, IR_IMULQ, rsi, rsi);
    gen_jump_error(g, CC_O, ERR_OVERFLOW);
    return;
  }
  emit2(g, IR_MOVQ, rax, rdi);
  emit2(g, IR_MOVQ, rsi, rax);
  pow_multiply(g, t);
  emit2(g, IR_MOVQ, rax, rsi);
  emit2(g, IR_MOVQ, rdi, rax);
}

/* `**` by squaring, at every integer type: the base is squared only while
 * exponent bits remain, so overflow is reported exactly when the result overflows
 * (a square is never a type's 2^(bits-1), the one value where the signed
 * ranges are not symmetric). An unsigned exponent is never negative. */
void gen_int_pow(GenFn *g, const Type *t, Opd src) {
  Opd rax = opd_reg(REG_RAX), rcx = opd_reg(REG_RCX), rsi = opd_reg(REG_RSI);
  gen_to_rcx(g, src);
  if (t->is_signed) {
    emit2(g, IR_TESTQ, rcx, rcx);
    gen_jump_error(g, CC_S, ERR_NEGEXP);
  }
  int loop = gen_new_label(g), skip = gen_new_label(g), done = gen_new_label(g);
  emit2(g, IR_MOVQ, rax, rsi)->comment = "base";
  emit2(g, IR_MOVL, opd_imm(1), opd_regw(REG_RAX, 4))->comment = "result";
  emit_label(g, opd_label(loop), ENTRY_JOIN);
  emit2(g, IR_TESTQ, rcx, rcx);
  emit_jcc(g, CC_Z, opd_label(done));
  emit2(g, IR_TESTB, opd_imm(1), opd_regw(REG_RCX, 1));
  emit_jcc(g, CC_Z, opd_label(skip));
  pow_multiply(g, t);
  emit_label(g, opd_label(skip), ENTRY_JOIN);
  emit1(g, IR_SHRQ, rcx);
  emit_jcc(g, CC_Z, opd_label(done));
  pow_square(g, t);
  emit1(g, IR_JMP, opd_label(loop));
  emit_label(g, opd_label(done), ENTRY_JOIN);
}

/* uint64 + - *: the unsigned flags say whether the result fits. */
static void gen_uint64_arith(GenFn *g, Op op, Opd src) {
  Opd rax = opd_reg(REG_RAX);
  switch (op) {
  case OP_ADD: emit2(g, IR_ADDQ, src, rax); gen_jump_error(g, CC_B, ERR_OVERFLOW); break;
  case OP_SUB: emit2(g, IR_SUBQ, src, rax); gen_jump_error(g, CC_B, ERR_OVERFLOW); break;
  case OP_MUL:
    gen_to_rcx(g, src);
    emit1(g, IR_MULQ, opd_reg(REG_RCX));
    gen_jump_error(g, CC_O, ERR_OVERFLOW);
    break;
  default: ICE(0, "gen_uint64_arith: not + - *");
  }
}

void gen_int_arith(GenFn *g, const Type *t, Op op, Opd src) {
  Opd rax = opd_reg(REG_RAX);
  if (op == OP_POW) {
    gen_int_pow(g, t, src);
    return;
  }
  if (t->width == 8) { /* uint64 */
    if (op == OP_DIV || op == OP_MOD) gen_udivmod(g, op == OP_DIV, src);
    else gen_uint64_arith(g, op, src);
    return;
  }
  /* narrower: 64-bit arithmetic on extended values is exact (even uint32
   * * uint32 < 2^64 in the low 64 bits imulq keeps); then the range */
  switch (op) {
  case OP_ADD: emit2(g, IR_ADDQ, src, rax); break;
  case OP_SUB: emit2(g, IR_SUBQ, src, rax); break;
  case OP_MUL: emit2(g, IR_IMULQ, src, rax); break;
  case OP_DIV: case OP_MOD: gen_divmod(g, op == OP_DIV, src); break; /* MIN / -1 is in range here */
  default: ICE(0, "gen_int_arith: not an arithmetic operator");
  }
  if (op != OP_MOD) check_fits(g, t);
}

void gen_int_negate(GenFn *g, const Type *t) {
  Opd rax = opd_reg(REG_RAX);
  if (!t->is_signed) { /* only -0 is an unsigned value */
    emit2(g, IR_TESTQ, rax, rax);
    gen_jump_error(g, CC_NZ, ERR_OVERFLOW);
    return;
  }
  emit1(g, IR_NEGQ, rax);
  check_fits(g, t); /* -(-128) is no int8 */
}

Cond gen_int_cond(const Type *t, Op op) {
  Cond cc = gen_cond_of(op);
  if (!type_is_unsigned(t)) return cc;
  switch (cc) { /* extended narrow values compare either way; uint64 needs these */
  case CC_L: return CC_B;
  case CC_LE: return CC_BE;
  case CC_G: return CC_A;
  case CC_GE: return CC_AE;
  default: return cc;
  }
}

/* T(e), the value in RAX as its own type `from`: raises "integer overflow"
 * unless it is a value of `to`. A negative value never fits an unsigned
 * type, nor a uint64 above INT64_MAX a signed one (both: the sign bit);
 * the rest is the range check of `to`. */
void gen_int_convert(GenFn *g, const Type *from, const Type *to) {
  if (type_int_min(from) >= type_int_min(to) && type_int_max(from) <= type_int_max(to))
    return; /* every value of `from` is one of `to`: nothing to check */
  bool sign_bit = (from->is_signed && !to->is_signed) ||
                  (!from->is_signed && from->width == 8 && to->is_signed);
  if (sign_bit) {
    emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
    gen_jump_error(g, CC_S, ERR_OVERFLOW);
  }
  check_fits(g, to); /* nothing for a 64-bit `to`: the sign bit said it all */
}
