/* -O1: the leaf path of an expression-bodied function (shrink-wrapping).
 *
 *   def fib(int n) -> return(int) = if (n < 2) n else fib(n - 1) + fib(n - 2)
 *
 * Half of fib's calls take the arm that makes no call. That arm needs no
 * frame: its test and its value read the parameters where the convention
 * put them, and it leaves through R8 with RSP still at R (abi.md §3):
 *
 *       cmpq $2, %rdi
 *       jge .L.frame          the other arm: build the frame, go on there
 *       movq %rdi, %rax
 *       jmp *%r8
 *   .L.frame:
 *       <prologue> <the other arm, in tail position>
 *
 * Only for an `if` whose test compares parameters and literals (no effects,
 * no events) and one of whose arms is a parameter, a literal, or their sum
 * or difference (an overflow leaves through the event register, R9 or
 * later, with a stub of its own). Parameters and continuations must all
 * travel in registers, and -g keeps the plain prologue (its CFI describes
 * one frame layout per function). */
#include <string.h>

#include "gen_internal.h"

/* The register or immediate a leaf operand is at entry; OPD_NONE if the
 * node is not one. */
static Opd leaf_operand(GenFn *g, const Node *n) {
  if (n->kind == ND_NAME && n->name.var) {
    int i = 0;
    for (const Param *p = g->f->params; p; p = p->next, i++)
      if (p->var == n->name.var && !type_is_stdout(p->var->type)) return opd_reg(abi_param_regs[i]);
    return (Opd){0};
  }
  Opd o = gen_operand(g, n); /* literals and integer constants */
  return o.kind == OPD_IMM ? o : (Opd){0};
}

static bool is_leaf_value(GenFn *g, const Node *n) {
  if (n->kind == ND_BINARY && (n->binary.op == OP_ADD || n->binary.op == OP_SUB))
    return leaf_operand(g, n->binary.lhs).kind && leaf_operand(g, n->binary.rhs).kind;
  return leaf_operand(g, n).kind != OPD_NONE;
}

static Op swapped(Op op) {
  switch (op) {
  case OP_LT: return OP_GT;
  case OP_GT: return OP_LT;
  case OP_LE: return OP_GE;
  case OP_GE: return OP_LE;
  default: return op; /* == and != */
  }
}

/* The test as `cmpq src, reg`: the condition under which it holds, or false
 * if it is not a comparison of leaf operands with a parameter on one side. */
static bool leaf_test(GenFn *g, const Node *c, Opd *src, Opd *reg, Cond *cc) {
  if (c->kind != ND_BINARY || !type_is_int(c->binary.lhs->type)) return false;
  Op op = c->binary.op;
  if (op != OP_LT && op != OP_LE && op != OP_GT && op != OP_GE && op != OP_EQ && op != OP_NE)
    return false;
  Opd l = leaf_operand(g, c->binary.lhs), r = leaf_operand(g, c->binary.rhs);
  if (l.kind == OPD_NONE || r.kind == OPD_NONE) return false;
  if (l.kind == OPD_REG) {
    *reg = l, *src = r, *cc = gen_cond_of(op);
  } else if (r.kind == OPD_REG) {
    *reg = r, *src = l, *cc = gen_cond_of(swapped(op));
  } else {
    return false;
  }
  return true;
}

static bool applies(GenFn *g) {
  const Func *f = g->f;
  if (g->gen->ctx->opt->opt_level < 1 || g->cfi || f->is_generator || !f->body_is_expr) return false;
  if (f->conts->ntypes != 1 || type_is_never(f->body->type) || f->body->kind != ND_IF) return false;
  if (!f->body->if_.els || f->nparams > ABI_REG_PARAMS || g->ncont > ABI_REG_CONTS) return false;
  /* Sized integers: a parameter's upper bits are unspecified until the
   * prologue extends it, and the leaf arm's + - check only int's overflow. */
  if (type_is_int(f->conts->tys[0]) && !type_is_plain_int(f->conts->tys[0])) return false;
  for (const Param *p = f->params; p; p = p->next)
    if (type_is_int(p->var->type) && !type_is_plain_int(p->var->type)) return false;
  return gen_result_area(f) == 0;
}

/* The leaf arm's value in RAX, then out through the first continuation. */
static void leaf_value(GenFn *g, const Node *n) {
  Opd rax = opd_reg(REG_RAX);
  if (n->kind != ND_BINARY) {
    emit2(g, IR_MOVQ, leaf_operand(g, n), rax);
  } else {
    emit2(g, IR_MOVQ, leaf_operand(g, n->binary.lhs), rax);
    emit2(g, n->binary.op == OP_ADD ? IR_ADDQ : IR_SUBQ, leaf_operand(g, n->binary.rhs), rax);
    const char *stub = gen_fmt(g, "%s.leaf.overflow", g->local);
    emit_jcc(g, CC_O, opd_sym(stub));
    /* the event, with RSP still at R: the stub goes after the body */
    IrBlockList *main = g->blocks;
    IrBlock *cur = g->cur;
    g->blocks = &g->cold;
    emit_label(g, opd_sym(stub), ENTRY_COLD);
    const char *text = gen_int_error_text(ERR_OVERFLOW);
    emit2(g, IR_LEAQ, opd_rip(gen_fmt(g, ".L.str.%d", gen_string(g->gen, text, strlen(text)))), rax);
    emit1(g, IR_JMP, opd_star(opd_reg(abi_cont_regs[g->ncont - 1])));
    g->blocks = main;
    g->cur = cur;
  }
  emit_comment(g, "value to %s, no frame needed", g->f->conts->name);
  emit1(g, IR_JMP, opd_star(opd_reg(abi_cont_regs[0])));
}

Node *gen_leaf_path(GenFn *g) {
  if (!applies(g)) return NULL;
  Node *n = g->f->body;
  Opd src, reg;
  Cond cc;
  if (!leaf_test(g, n->if_.cond, &src, &reg, &cc)) return NULL;
  bool then_leaf = is_leaf_value(g, n->if_.then);
  if (!then_leaf && !is_leaf_value(g, n->if_.els)) return NULL;
  int frame = gen_new_label(g);
  emit_comment(g, "the arm without calls runs without a frame");
  emit2(g, IR_CMPQ, src, reg);
  /* to the frame when the leaf arm is not the one taken */
  emit_jcc(g, then_leaf ? cond_invert(cc) : cc, opd_label(frame));
  leaf_value(g, then_leaf ? n->if_.then : n->if_.els);
  emit_label(g, opd_label(frame), ENTRY_JOIN);
  return then_leaf ? n->if_.els : n->if_.then;
}
