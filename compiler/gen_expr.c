/* Code generation for expressions. Every expression leaves its value in
 * RAX. Operands that are literals or variables are used in place; anything
 * else is evaluated first and parked in a temporary slot. */
#include <string.h>

#include "fatal.h"
#include "gen_internal.h"

/* Calls into C (System V): RBX is callee-saved there, so it holds our RSP
 * while RSP is aligned to 16 for the call. */
void gen_c_call(GenFn *g, const char *fn) {
  emit(g, "movq %%rsp, %%rbx");
  emit(g, "andq $-16, %%rsp");
  emit(g, "call %s@PLT", fn);
  emit(g, "movq %%rbx, %%rsp");
}

static bool fits_imm32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

/* A literal or variable usable directly as an instruction's source operand;
 * NULL if the node needs evaluating. */
const char *gen_operand(GenFn *g, const Node *n) {
  Arena *a = &g->gen->ctx->arena;
  if (n->kind == ND_INT && fits_imm32(n->num.value))
    return arena_printf(a, "$%lld", (long long)n->num.value);
  if (n->kind == ND_BOOL) return n->boolean ? "$1" : "$0";
  if (n->kind == ND_NAME && n->name.var)
    return arena_printf(a, "%d(%%rbp)", 8 * slot_of_var(n->name.var));
  if (n->kind == ND_NAME && n->name.konst) {
    const ConstVal *v = n->name.konst->decl.value;
    if (v->type != &ty_string && fits_imm32(v->i)) return arena_printf(a, "$%lld", (long long)v->i);
  }
  return NULL;
}

static void load_int(GenFn *g, int64_t v) {
  if (v == 0) emit(g, "xorl %%eax, %%eax");
  else if (fits_imm32(v)) emit(g, "movq $%lld, %%rax", (long long)v);
  else emit(g, "movabsq $%lld, %%rax", (long long)v);
}

static void gen_name(GenFn *g, Node *n) {
  if (n->name.var) {
    emit(g, "movq %d(%%rbp), %%rax\t# %s", 8 * slot_of_var(n->name.var), n->name.name);
    return;
  }
  const ConstVal *v = n->name.konst->decl.value;
  if (v->type == &ty_string)
    emit(g, "leaq .L.str.%d(%%rip), %%rax\t# %s", gen_string(g->gen, v->s, v->len), n->name.name);
  else
    load_int(g, v->i);
}

/* Evaluates lhs, then rhs (in that order: the events of lhs fire first);
 * lhs ends in RAX, and the returned operand holds rhs: in place if simple,
 * else in RCX. For a commutative op
 * the operand may be lhs's spill slot, with rhs in RAX (`addq 24(%rbp),
 * %rax`). */
static const char *gen_operands(GenFn *g, Node *lhs, Node *rhs, bool commutative) {
  const char *src = gen_operand(g, rhs);
  if (src) {
    gen_expr(g, lhs);
    return src;
  }
  gen_expr(g, lhs);
  int t = temp_alloc(g, 1);
  emit(g, "movq %%rax, %d(%%rbp)", 8 * t);
  gen_expr(g, rhs);
  if (commutative) {
    temp_free(g, 1); /* read by the very next instruction */
    return arena_printf(&g->gen->ctx->arena, "%d(%%rbp)", 8 * t);
  }
  emit(g, "movq %%rax, %%rcx");
  emit(g, "movq %d(%%rbp), %%rax", 8 * t);
  temp_free(g, 1);
  return "%rcx";
}

static void jump_overflow(GenFn *g) { gen_jump_error(g, "jo", 0); }

/* `/` and `%`: zero divisor and MIN / -1 are checked before idiv, which
 * would trap on either. x / -1 is computed as -x (overflow only for MIN);
 * x % -1 is 0. */
static void gen_divmod(GenFn *g, Node *n, const char *src) {
  bool is_div = n->binary.op == OP_DIV;
  if (strcmp(src, "%rcx") != 0) emit(g, "movq %s, %%rcx", src);
  emit(g, "testq %%rcx, %%rcx");
  gen_jump_error(g, "jz", 1);
  int normal = gen_new_label(g), done = gen_new_label(g);
  emit(g, "cmpq $-1, %%rcx");
  emit(g, "jne .L.%d", normal);
  if (is_div) {
    emit(g, "negq %%rax");
    jump_overflow(g);
  } else {
    emit(g, "xorl %%eax, %%eax");
  }
  emit(g, "jmp .L.%d", done);
  emit_label(g, ".L.%d", normal);
  emit(g, "cqto");
  emit(g, "idivq %%rcx");
  if (!is_div) emit(g, "movq %%rdx, %%rax");
  emit_label(g, ".L.%d", done);
}

/* `**` by squaring; a base is squared only while exponent bits remain, so
 * overflow is reported exactly when the result overflows. */
static void gen_pow(GenFn *g, const char *src) {
  if (strcmp(src, "%rcx") != 0) emit(g, "movq %s, %%rcx", src);
  emit(g, "testq %%rcx, %%rcx");
  gen_jump_error(g, "js", 2);
  int loop = gen_new_label(g), skip = gen_new_label(g), done = gen_new_label(g);
  emit(g, "movq %%rax, %%rsi\t# base");
  emit(g, "movl $1, %%eax\t# result");
  emit_label(g, ".L.%d", loop);
  emit(g, "testq %%rcx, %%rcx");
  emit(g, "jz .L.%d", done);
  emit(g, "testb $1, %%cl");
  emit(g, "jz .L.%d", skip);
  emit(g, "imulq %%rsi, %%rax");
  jump_overflow(g);
  emit_label(g, ".L.%d", skip);
  emit(g, "shrq %%rcx");
  emit(g, "jz .L.%d", done);
  emit(g, "imulq %%rsi, %%rsi");
  jump_overflow(g);
  emit(g, "jmp .L.%d", loop);
  emit_label(g, ".L.%d", done);
}

static const char *setcc(Op op) {
  switch (op) {
  case OP_LT: return "setl";
  case OP_LE: return "setle";
  case OP_GT: return "setg";
  case OP_GE: return "setge";
  case OP_EQ: return "sete";
  default: return "setne";
  }
}

static void gen_string_compare(GenFn *g, Node *n) {
  gen_expr(g, n->binary.lhs);
  int t = temp_alloc(g, 1);
  emit(g, "movq %%rax, %d(%%rbp)", 8 * t);
  gen_expr(g, n->binary.rhs);
  emit(g, "movq %%rax, %%rsi");
  emit(g, "movq %d(%%rbp), %%rdi", 8 * t);
  temp_free(g, 1);
  gen_c_call(g, "dodo_str_eq");
  if (n->binary.op == OP_NE) emit(g, "xorq $1, %%rax");
}

/* and / or: the right side runs only when it decides the value. */
static void gen_logic(GenFn *g, Node *n) {
  int done = gen_new_label(g);
  gen_expr(g, n->binary.lhs);
  emit(g, "testq %%rax, %%rax");
  emit(g, "%s .L.%d", n->binary.op == OP_AND ? "jz" : "jnz", done);
  gen_expr(g, n->binary.rhs);
  emit_label(g, ".L.%d", done);
}

static void gen_binary(GenFn *g, Node *n) {
  Op op = n->binary.op;
  if (op == OP_AND || op == OP_OR) {
    gen_logic(g, n);
    return;
  }
  if ((op == OP_EQ || op == OP_NE) && n->binary.lhs->type == &ty_string) {
    gen_string_compare(g, n);
    return;
  }
  const char *src = gen_operands(g, n->binary.lhs, n->binary.rhs, op == OP_ADD || op == OP_MUL);
  switch (op) {
  case OP_ADD: emit(g, "addq %s, %%rax", src); jump_overflow(g); break;
  case OP_SUB: emit(g, "subq %s, %%rax", src); jump_overflow(g); break;
  case OP_MUL: emit(g, "imulq %s, %%rax", src); jump_overflow(g); break;
  case OP_DIV: case OP_MOD: gen_divmod(g, n, src); break;
  case OP_POW: gen_pow(g, src); break;
  default:
    emit(g, "cmpq %s, %%rax", src);
    emit(g, "%s %%al", setcc(op));
    emit(g, "movzbl %%al, %%eax");
    break;
  }
}

static void gen_unary(GenFn *g, Node *n) {
  gen_expr(g, n->unary.operand);
  if (n->unary.op == OP_NEG) {
    emit(g, "negq %%rax");
    jump_overflow(g);
  } else {
    emit(g, "xorq $1, %%rax");
  }
}

/* Fills a DodoPiece array {kind, value} for the runtime: kind 0 String,
 * 1 int, 2 bool. Returns its first slot. */
static int gen_pieces(GenFn *g, Node *n) {
  int base = temp_alloc(g, 2 * n->str.npieces);
  int i = 0;
  for (StrPiece *p = n->str.pieces; p; p = p->next, i++) {
    int kind_off = 8 * (base + 2 * i), value_off = kind_off + 8;
    if (!p->expr) {
      emit(g, "movq $0, %d(%%rbp)", kind_off);
      emit(g, "leaq .L.str.%d(%%rip), %%rax", gen_string(g->gen, p->text, p->len));
    } else {
      gen_expr(g, p->expr);
      const Type *t = p->expr->type;
      emit(g, "movq $%d, %d(%%rbp)", t == &ty_int ? 1 : t == &ty_bool ? 2 : 0, kind_off);
    }
    emit(g, "movq %%rax, %d(%%rbp)", value_off);
  }
  return base;
}

/* Puts or join over a string expression's pieces; a lone literal is just
 * its label. */
static void gen_string_pieces(GenFn *g, Node *n, const char *fn) {
  int base = gen_pieces(g, n);
  emit(g, "movq $%d, %%rdi", n->str.npieces);
  emit(g, "leaq %d(%%rbp), %%rsi", 8 * base);
  gen_c_call(g, fn);
  temp_free(g, 2 * n->str.npieces);
}

static void gen_str(GenFn *g, Node *n) {
  if (n->str.npieces == 1 && !n->str.pieces->expr) {
    StrPiece *p = n->str.pieces;
    emit(g, "leaq .L.str.%d(%%rip), %%rax", gen_string(g->gen, p->text, p->len));
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
  emit(g, "movq %%rax, %%rdi");
  gen_c_call(g, "dodo_puts");
}

static bool is_int_compare(const Node *n) {
  if (n->kind != ND_BINARY || n->binary.lhs->type != &ty_int) return false;
  Op op = n->binary.op;
  return op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE || op == OP_EQ || op == OP_NE;
}

/* The jump taken when `a op b` holds (or, with negate, when it fails). */
static const char *jcc(Op op, bool negate) {
  switch (op) {
  case OP_LT: return negate ? "jge" : "jl";
  case OP_LE: return negate ? "jg" : "jle";
  case OP_GT: return negate ? "jle" : "jg";
  case OP_GE: return negate ? "jl" : "jge";
  case OP_EQ: return negate ? "jne" : "je";
  default: return negate ? "je" : "jne";
  }
}

/* Jumps to `label` when cond evaluates to `when`: comparisons become one
 * cmp and a conditional jump; not, and, or become jumps, never values. */
void gen_cond_jump(GenFn *g, Node *cond, bool when, int label) {
  if (is_int_compare(cond)) {
    const char *src = gen_operands(g, cond->binary.lhs, cond->binary.rhs, false);
    emit(g, "cmpq %s, %%rax", src);
    emit(g, "%s .L.%d", jcc(cond->binary.op, !when), label);
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
      emit_label(g, ".L.%d", skip);
    }
    return;
  }
  gen_expr(g, cond);
  emit(g, "testq %%rax, %%rax");
  emit(g, "%s .L.%d", when ? "jnz" : "jz", label);
}

void gen_expr(GenFn *g, Node *n) {
  switch (n->kind) {
  case ND_INT: load_int(g, n->num.value); break;
  case ND_BOOL: load_int(g, n->boolean); break;
  case ND_NAME: gen_name(g, n); break;
  case ND_BINARY: gen_binary(g, n); break;
  case ND_UNARY: gen_unary(g, n); break;
  case ND_STR: gen_str(g, n); break;
  case ND_METHOD: gen_puts(g, n); break;
  case ND_CALL: gen_call(g, n); break;
  default: gen_node(g, n); break;
  }
}
