/* Code generation for expressions. Every expression leaves its value in
 * RAX. Operands that are literals or variables are used in place; anything
 * else is evaluated first and parked in a temporary slot. */
#include <string.h>

#include "fatal.h"
#include "dodo_runtime.h"
#include "gen_internal.h"

/* Calls into C (System V): RBX is callee-saved there, so it holds our RSP
 * while RSP is aligned to 16 for the call. */
void gen_c_call(GenFn *g, const char *fn) {
  emit2(g, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBX));
  emit2(g, IR_ANDQ, opd_imm(-16), opd_reg(REG_RSP));
  emit1(g, IR_CALL, opd_sym(gen_fmt(g, "%s@PLT", fn)));
  emit2(g, IR_MOVQ, opd_reg(REG_RBX), opd_reg(REG_RSP));
}

static bool fits_imm32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

/* A literal or variable usable directly as an instruction's source operand;
 * NULL if the node needs evaluating. */
Opd gen_operand(GenFn *g, const Node *n) {
  (void)g;
  if (type_is_struct(n->type)) return (Opd){0}; /* its value is S, not one operand */
  if (n->kind == ND_INT && fits_imm32(n->num.value)) return opd_imm(n->num.value);
  if (n->kind == ND_BOOL) return opd_imm(n->boolean ? 1 : 0);
  if (n->kind == ND_NAME && n->name.var) return opd_slot(slot_of_var(n->name.var));
  if (n->kind == ND_NAME && n->name.konst) {
    const ConstVal *v = n->name.konst->decl.value;
    if (!type_is_string(v->type) && fits_imm32(v->i)) return opd_imm(v->i);
  }
  return (Opd){0};
}

static void load_int(GenFn *g, int64_t v) {
  if (v == 0) emit2(g, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  else if (fits_imm32(v)) emit2(g, IR_MOVQ, opd_imm(v), opd_reg(REG_RAX));
  else emit2(g, IR_MOVABSQ, opd_imm(v), opd_reg(REG_RAX));
}

/* A string literal's address: its label in .rodata. */
static Opd string_label(GenFn *g, const char *text, size_t len) {
  return opd_rip(gen_fmt(g, ".L.str.%d", gen_string(g->gen, text, len)));
}

static void gen_name(GenFn *g, Node *n) {
  if (n->name.var) {
    emit2(g, IR_MOVQ, opd_slot(slot_of_var(n->name.var)), opd_reg(REG_RAX))->comment = n->name.name;
    return;
  }
  const ConstVal *v = n->name.konst->decl.value;
  if (type_is_string(v->type))
    emit2(g, IR_LEAQ, string_label(g, v->s, v->len), opd_reg(REG_RAX))->comment = n->name.name;
  else
    load_int(g, v->i);
}

/* Evaluates lhs, then rhs (in that order: the events of lhs fire first);
 * lhs ends in RAX, and the returned operand holds rhs: in place if simple,
 * else in RCX. For a commutative op
 * the operand may be lhs's spill slot, with rhs in RAX (`addq 24(%rbp),
 * %rax`). */
static Opd gen_operands(GenFn *g, Node *lhs, Node *rhs, bool commutative) {
  Opd src = gen_operand(g, rhs);
  if (src.kind != OPD_NONE) {
    gen_expr(g, lhs);
    return src;
  }
  gen_expr(g, lhs);
  int t = temp_alloc(g, 1);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(t));
  gen_expr(g, rhs);
  if (commutative) {
    temp_free(g, 1); /* read by the very next instruction */
    return opd_slot(t);
  }
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RCX));
  emit2(g, IR_MOVQ, opd_slot(t), opd_reg(REG_RAX));
  temp_free(g, 1);
  return opd_reg(REG_RCX);
}

static void jump_overflow(GenFn *g) { gen_jump_error(g, CC_O, ERR_OVERFLOW); }

/* The operand in RCX (where idiv and the shifts of ** want it). */
void gen_to_rcx(GenFn *g, Opd src) {
  if (!opd_is_reg(src, REG_RCX)) emit2(g, IR_MOVQ, src, opd_reg(REG_RCX));
}

/* `/` and `%`: zero divisor and MIN / -1 are checked before idiv, which
 * would trap on either. x / -1 is computed as -x (overflow only for MIN);
 * x % -1 is 0. */
void gen_divmod(GenFn *g, bool is_div, Opd src) {
  Opd rax = opd_reg(REG_RAX), rcx = opd_reg(REG_RCX);
  gen_to_rcx(g, src);
  emit2(g, IR_TESTQ, rcx, rcx);
  gen_jump_error(g, CC_Z, ERR_DIVZERO);
  int normal = gen_new_label(g), done = gen_new_label(g);
  emit2(g, IR_CMPQ, opd_imm(-1), rcx);
  emit_jcc(g, CC_NE, opd_label(normal));
  if (is_div) {
    emit1(g, IR_NEGQ, rax);
    jump_overflow(g);
  } else {
    emit2(g, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  }
  emit1(g, IR_JMP, opd_label(done));
  emit_label(g, opd_label(normal), ENTRY_JOIN);
  emit0(g, IR_CQTO);
  emit1(g, IR_IDIVQ, rcx);
  if (!is_div) emit2(g, IR_MOVQ, opd_reg(REG_RDX), rax);
  emit_label(g, opd_label(done), ENTRY_JOIN);
}

Cond gen_cond_of(Op op) {
  switch (op) {
  case OP_LT: return CC_L;
  case OP_LE: return CC_LE;
  case OP_GT: return CC_G;
  case OP_GE: return CC_GE;
  case OP_EQ: return CC_E;
  case OP_NE: return CC_NE;
  default: ICE(0, "a comparison with an unknown operator");
  }
}

static void gen_string_compare(GenFn *g, Node *n) {
  gen_expr(g, n->binary.lhs);
  int t = temp_alloc(g, 1);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(t));
  gen_expr(g, n->binary.rhs);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RSI));
  emit2(g, IR_MOVQ, opd_slot(t), opd_reg(REG_RDI));
  temp_free(g, 1);
  gen_c_call(g, "dodo_str_eq");
  if (n->binary.op == OP_NE) emit2(g, IR_XORQ, opd_imm(1), opd_reg(REG_RAX));
}

/* and / or: the right side runs only when it decides the value. */
static void gen_logic(GenFn *g, Node *n) {
  int done = gen_new_label(g);
  gen_expr(g, n->binary.lhs);
  emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
  emit_jcc(g, n->binary.op == OP_AND ? CC_Z : CC_NZ, opd_label(done));
  gen_expr(g, n->binary.rhs);
  emit_label(g, opd_label(done), ENTRY_JOIN);
}

static void gen_binary(GenFn *g, Node *n) {
  Op op = n->binary.op;
  if (op == OP_AND || op == OP_OR) {
    gen_logic(g, n);
    return;
  }
  if ((op == OP_EQ || op == OP_NE) && type_is_string(n->binary.lhs->type)) {
    gen_string_compare(g, n);
    return;
  }
  if ((op == OP_EQ || op == OP_NE) && type_is_struct(n->binary.lhs->type)) {
    gen_struct_compare(g, n);
    return;
  }
  Opd src = gen_operands(g, n->binary.lhs, n->binary.rhs, op == OP_ADD || op == OP_MUL);
  Opd rax = opd_reg(REG_RAX);
  const Type *t = n->binary.lhs->type;
  if (!type_is_plain_int(t) && (op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV ||
                                op == OP_MOD || op == OP_POW)) {
    gen_int_arith(g, t, op, src);
    return;
  }
  switch (op) {
  case OP_ADD: emit2(g, IR_ADDQ, src, rax); jump_overflow(g); break;
  case OP_SUB: emit2(g, IR_SUBQ, src, rax); jump_overflow(g); break;
  case OP_MUL: emit2(g, IR_IMULQ, src, rax); jump_overflow(g); break;
  case OP_DIV: case OP_MOD: gen_divmod(g, op == OP_DIV, src); break;
  case OP_POW: gen_int_pow(g, t, src); break;
  case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
    emit2(g, IR_CMPQ, src, rax);
    emit_setcc(g, gen_int_cond(t, op), opd_regw(REG_RAX, 1));
    emit2(g, IR_MOVZBL, opd_regw(REG_RAX, 1), opd_regw(REG_RAX, 4));
    break;
  default: ICE(0, "gen_binary: an operator without code");
  }
}

static void gen_unary(GenFn *g, Node *n) {
  gen_expr(g, n->unary.operand);
  if (n->unary.op == OP_NEG && !type_is_plain_int(n->type)) {
    gen_int_negate(g, n->type);
  } else if (n->unary.op == OP_NEG) {
    emit1(g, IR_NEGQ, opd_reg(REG_RAX));
    jump_overflow(g);
  } else {
    emit2(g, IR_XORQ, opd_imm(1), opd_reg(REG_RAX));
  }
}

static int piece_kind(const Type *t) {
  return type_is_unsigned(t) && t->width == 8 ? DODO_PIECE_UINT
         : type_is_int(t)                      ? DODO_PIECE_INT
         : type_is_bool(t)                     ? DODO_PIECE_BOOL
                                               : DODO_PIECE_STRING;
}

/* A struct's pieces (gen_struct_text), its value in S: each leaf field
 * copied out before anything else can use S. Returns the next index. */
static int struct_pieces(GenFn *g, const Type *t, int base, int i) {
  TextItem *items;
  int n = gen_struct_text(g, t, &items), s = gen_sacc(g, t);
  for (int j = 0; j < n; j++, i++) {
    Opd kind = opd_slot(base + 2 * i), value = opd_slot(base + 2 * i + 1);
    emit2(g, IR_MOVQ, opd_imm(items[j].type ? piece_kind(items[j].type) : DODO_PIECE_STRING), kind);
    if (!items[j].type) {
      emit2(g, IR_LEAQ, string_label(g, items[j].text, items[j].len), opd_reg(REG_RAX));
    } else if (type_is_string(items[j].type)) { /* in quotes, `"` doubled (§11) */
      emit2(g, IR_MOVQ, opd_slot(s + items[j].slot), opd_reg(REG_RDI));
      gen_c_call(g, "dodo_str_quote");
    } else {
      emit2(g, IR_MOVQ, opd_slot(s + items[j].slot), opd_reg(REG_RAX));
    }
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), value);
  }
  return i;
}

/* How many DodoPieces a string expression makes: a struct, several. */
static int count_pieces(GenFn *g, const Node *n) {
  int count = 0;
  for (StrPiece *p = n->str.pieces; p; p = p->next) {
    TextItem *items;
    count += p->expr && type_is_struct(p->expr->type) ? gen_struct_text(g, p->expr->type, &items) : 1;
  }
  return count;
}

/* Fills a DodoPiece array {kind, value} for the runtime (DODO_PIECE_*).
 * Returns its first slot. */
static int gen_pieces(GenFn *g, Node *n, int count) {
  int base = temp_alloc(g, 2 * count);
  int i = 0;
  for (StrPiece *p = n->str.pieces; p; p = p->next) {
    Opd kind = opd_slot(base + 2 * i), value = opd_slot(base + 2 * i + 1);
    if (!p->expr) {
      emit2(g, IR_MOVQ, opd_imm(DODO_PIECE_STRING), kind);
      emit2(g, IR_LEAQ, string_label(g, p->text, p->len), opd_reg(REG_RAX));
    } else if (type_is_struct(p->expr->type)) {
      gen_expr(g, p->expr);
      i = struct_pieces(g, p->expr->type, base, i);
      continue;
    } else {
      gen_expr(g, p->expr);
      emit2(g, IR_MOVQ, opd_imm(piece_kind(p->expr->type)), kind);
    }
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), value);
    i++;
  }
  return base;
}

/* Puts or join over a string expression's pieces; a lone literal is just
 * its label. */
static void gen_string_pieces(GenFn *g, Node *n, const char *fn) {
  int count = count_pieces(g, n);
  int base = gen_pieces(g, n, count);
  emit2(g, IR_MOVQ, opd_imm(count), opd_reg(REG_RDI));
  emit2(g, IR_LEAQ, opd_slot(base), opd_reg(REG_RSI));
  gen_c_call(g, fn);
  temp_free(g, 2 * count);
}

static void gen_str(GenFn *g, Node *n) {
  if (n->str.npieces == 1 && !n->str.pieces->expr) {
    StrPiece *p = n->str.pieces;
    emit2(g, IR_LEAQ, string_label(g, p->text, p->len), opd_reg(REG_RAX));
    return;
  }
  gen_string_pieces(g, n, "dodo_str_join");
}

/* console!out.Puts(s): pieces go straight to the output buffer. */
static void gen_puts(GenFn *g, Node *n) {
  Node *arg = n->method.args;
  if (arg->kind == ND_STR && !(arg->str.npieces == 1 && !arg->str.pieces->expr)) {
    gen_string_pieces(g, arg, "dodo_puts_pieces");
    return;
  }
  gen_expr(g, arg);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RDI));
  gen_c_call(g, "dodo_puts");
}

static bool is_int_compare(const Node *n) {
  if (n->kind != ND_BINARY || !type_is_int(n->binary.lhs->type)) return false;
  Op op = n->binary.op;
  return op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE || op == OP_EQ || op == OP_NE;
}


/* Jumps to `label` when cond evaluates to `when`: comparisons become one
 * cmp and a conditional jump; not, and, or become jumps, never values. */
void gen_cond_jump(GenFn *g, Node *cond, bool when, int label) {
  if (is_int_compare(cond)) {
    Opd src = gen_operands(g, cond->binary.lhs, cond->binary.rhs, false);
    emit2(g, IR_CMPQ, src, opd_reg(REG_RAX));
    Cond cc = gen_int_cond(cond->binary.lhs->type, cond->binary.op);
    emit_jcc(g, when ? cc : cond_invert(cc), opd_label(label));
    return;
  }
  if (cond->kind == ND_UNARY && cond->unary.op == OP_NOT) {
    gen_cond_jump(g, cond->unary.operand, !when, label);
    return;
  }
  if (cond->kind == ND_BINARY && (cond->binary.op == OP_AND || cond->binary.op == OP_OR)) {
    /* and: jump on false if either is false; or: jump on true if either is */
    bool shortcut = cond->binary.op == OP_OR;
    if (when == shortcut) {
      gen_cond_jump(g, cond->binary.lhs, when, label);
      gen_cond_jump(g, cond->binary.rhs, when, label);
    } else {
      int skip = gen_new_label(g);
      gen_cond_jump(g, cond->binary.lhs, !when, skip);
      gen_cond_jump(g, cond->binary.rhs, when, label);
      emit_label(g, opd_label(skip), ENTRY_JOIN);
    }
    return;
  }
  gen_expr(g, cond);
  emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
  emit_jcc(g, when ? CC_NZ : CC_Z, opd_label(label));
}

/* The kinds that have a value; statements go through gen_node(). */
void gen_expr(GenFn *g, Node *n) {
  if (type_is_struct(n->type) && (n->kind == ND_NAME || n->kind == ND_FIELD || n->kind == ND_NEW)) {
    gen_struct_expr(g, n);
    return;
  }
  switch (n->kind) {
  case ND_INT: load_int(g, n->num.value); break;
  case ND_BOOL: load_int(g, n->boolean); break;
  case ND_NAME: gen_name(g, n); break;
  case ND_BINARY: gen_binary(g, n); break;
  case ND_UNARY: gen_unary(g, n); break;
  case ND_STR: gen_str(g, n); break;
  case ND_METHOD: gen_puts(g, n); break;
  case ND_CALL: gen_call(g, n); break;
  case ND_IF: gen_emit_loc(g, n->loc); gen_if(g, n); break; /* arms are statements */
  case ND_FIELD: gen_struct_expr(g, n); break;
  default: ICE(0, "gen_expr: a statement where an expression belongs");
  }
}
