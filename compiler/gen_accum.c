/* -O1: accumulator introduction. A function whose value, in some arm, is a
 * term plus a call of itself
 *
 *   def fib(int n) -> return(int) = if (n < 2) n else fib(n - 1) + fib(n - 2)
 *
 * keeps a frame per pending addition and returns through an indirect jump
 * per call, which the CPU mispredicts (bench/README.md, B7). Here the
 * self-call on the right of `+` becomes a jump back to the top of the body,
 * and the term goes into a running sum kept in the frame:
 *
 *   fib:      <prologue> ; sum = 0
 *   .L.loop:  if (n < 2) goto .L.base
 *             t = fib(n - 1)             the left call stays a call
 *             sum += t                   fast path: t >= 0 and no overflow
 *             n = n - 2 ; jmp .L.loop    the right call is gone
 *   .L.base:  rax = n + sum ; jo <overflow> ; leave through return
 *
 * Behaviour stays exactly the recursion's. Calls and the evaluation of the
 * term and arguments happen in the same order; only the additions move, and
 * the recursion does them after its last call, when nothing else can
 * happen. It raises "integer overflow" when one of its partial sums leaves
 * int64; each of those is the total minus a running sum of the loop, so
 * the exact total and the extreme running sums decide it at the end. While
 * every term is >= 0 that is just the total's own overflow; otherwise the
 * runtime keeps the sums in 128 bits (runtime/accum.c, DodoAccum).
 *
 * Other arms keep their meaning: a plain self-call is a jump back (its
 * value is the rest of the sum), any other value v leaves as sum + v. */
#include "fatal.h"
#include "gen_internal.h"

#include "dodo_runtime.h"

static bool is_self_call(const GenFn *g, const Node *n) {
  return n->kind == ND_CALL && n->call.target == CALL_FUNC && n->call.func == g->f &&
         !n->call.has_handlers;
}

/* `X + f(Y)`: the shape that gives the loop its term. */
static bool is_accumulating(const GenFn *g, const Node *n) {
  return n->kind == ND_BINARY && n->binary.op == OP_ADD && type_is_plain_int(n->type) &&
         is_self_call(g, n->binary.rhs);
}

/* Whether some value the body leaves with (through the arms of `if`) has
 * the accumulating shape. */
static bool has_accumulating_arm(const GenFn *g, const Node *n) {
  if (n->kind == ND_IF && n->if_.els && !type_is_never(n->type))
    return has_accumulating_arm(g, n->if_.then) || has_accumulating_arm(g, n->if_.els);
  return is_accumulating(g, n);
}

/* Whether n invokes the return continuation explicitly anywhere (`return(e)`
 * inside a handler, say): that exit would skip the sum. */
static bool names_return(const Node *n) {
  if (!n) return false;
  if (n->kind == ND_CALL && n->call.target == CALL_CONT && n->call.cont == 0) return true;
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_ONE: case CHILD_OPT:
      if (names_return(field)) return true;
      break;
    case CHILD_LIST:
      for (const Node *k = field; k; k = k->next)
        if (names_return(k)) return true;
      break;
    case CHILD_PIECES:
      for (const StrPiece *p = field; p; p = p->next)
        if (names_return(p->expr)) return true;
      break;
    case CHILD_HANDLERS:
      for (const Handler *h = field; h; h = h->next)
        if (names_return(h->body)) return true;
      break;
    case CHILD_END: break;
    }
  }
  return false;
}

bool gen_accum_applies(const GenFn *g) {
  const Func *f = g->f;
  const Options *opt = g->gen->ctx->opt;
  if (opt->opt_level < 1 || opt->no_accumulate || g->cfi || f->is_generator || !f->body_is_expr)
    return false;
  if (f->nconts != 1 || f->conts->ntypes != 1 || !type_is_plain_int(f->conts->tys[0])) return false;
  if (type_is_never(f->body->type) || gen_result_area(f)) return false;
  for (const Param *p = f->params; p; p = p->next)
    if (type_is_stdout(p->var->type)) return false; /* a capability has no slot to assign */
  return has_accumulating_arm(g, f->body) && !names_return(f->body);
}

static Opd word(const GenFn *g, int w) { return opd_slot(g->accum_slot + w); }

/* The body as a loop: the sum starts at 0 after the prologue; the leaf
 * path (gen_leaf.c), if any, already tested the arm it takes, so the first
 * round starts in the other one. */
void gen_accum_body(GenFn *g, Node *rest) {
  Node *body = g->f->body;
  emit_comment(g, "the recursion `X + %s(…)` runs as a loop with a running sum", g->f->name);
  emit2(g, IR_MOVQ, opd_imm(0), word(g, DODO_ACCUM_FAST))->comment = "running sum";
  emit2(g, IR_MOVQ, opd_imm(0), word(g, DODO_ACCUM_EXACT))->comment = "sum kept by the runtime";
  /* Each round stands for a frame of the recursion, at least its variables
   * and continuations: past the stack's size in those it would have
   * overflowed. */
  int64_t frame = 8 * (int64_t)(g->nvars + g->ncont);
  emit2(g, IR_MOVQ, opd_imm((int64_t)(DODO_STACK_SIZE / (size_t)frame)), word(g, DODO_ACCUM_ROUNDS))
      ->comment = "rounds before the recursion's stack would overflow";
  g->accum_loop = gen_new_label(g);
  const char *value = gen_fmt(g, "value to %s", g->f->conts->name);
  if (!rest || body->kind != ND_IF) {
    emit_label(g, opd_label(g->accum_loop), ENTRY_JOIN);
    gen_tail_value(g, body, 0, value);
    return;
  }
  int first = gen_new_label(g), els = gen_new_label(g);
  emit1(g, IR_JMP, opd_label(rest == body->if_.then ? first : els));
  emit_label(g, opd_label(g->accum_loop), ENTRY_JOIN);
  gen_emit_loc(g, body->loc);
  gen_cond_jump(g, body->if_.cond, false, els);
  emit_label(g, opd_label(first), ENTRY_JOIN);
  gen_tail_value(g, body->if_.then, 0, value);
  emit_label(g, opd_label(els), ENTRY_JOIN);
  gen_tail_value(g, body->if_.els, 0, value);
}

/* Blocks that go after the body: g->blocks points at `list` meanwhile. */
static IrBlockList *cold_begin(GenFn *g, IrBlockList *list, int label) {
  IrBlockList *main = g->blocks;
  g->blocks = list;
  emit_label(g, opd_label(label), ENTRY_COLD);
  return main;
}

static void cold_end(GenFn *g, IrBlockList *list, IrBlockList *main, IrBlock *cur) {
  ir_blocks_append(&g->cold, list);
  g->blocks = main;
  g->cur = cur;
}

/* RAX = t: sum += t. The fast path is four instructions; the first negative
 * term or overflow goes to the runtime, which keeps the sum from then on. */
static void add_term(GenFn *g) {
  int exact = gen_new_label(g), back = gen_new_label(g);
  emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
  emit_jcc(g, CC_S, opd_label(exact));
  emit2(g, IR_MOVQ, word(g, DODO_ACCUM_FAST), opd_reg(REG_RCX));
  emit2(g, IR_ADDQ, opd_reg(REG_RAX), opd_reg(REG_RCX));
  emit_jcc(g, CC_O, opd_label(exact));
  emit2(g, IR_MOVQ, opd_reg(REG_RCX), word(g, DODO_ACCUM_FAST))->comment = "running sum";
  IrBlock *cur = g->cur;
  IrBlockList list = {0};
  IrBlockList *main = cold_begin(g, &list, exact);
  emit2(g, IR_LEAQ, word(g, 0), opd_reg(REG_RDI));
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RSI));
  gen_c_call(g, "dodo_accum_add");
  emit1(g, IR_JMP, opd_label(back));
  cold_end(g, &list, main, cur);
  emit_label(g, opd_label(back), ENTRY_JOIN);
}

/* A self-call's arguments become the parameters of the next round: all are
 * evaluated before any is assigned, as for a call. */
static void next_round(GenFn *g, Node *call) {
  int n = call->call.nargs;
  if (n != g->f->nparams) ICE(0, "a self-call whose arguments do not match the parameters");
  /* The last argument stays in RAX: only the ones before it need a
   * temporary (a later argument may read the parameter an earlier one
   * replaces). */
  int t = temp_alloc(g, n);
  int i = 0;
  for (Node *a = call->call.args; a; a = a->next, i++) {
    gen_expr(g, a);
    if (a->next) emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(t + i));
  }
  i = 0;
  for (Param *p = g->f->params; p; p = p->next, i++) {
    Opd slot = opd_slot(slot_of_var(p->var));
    if (!p->next) {
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), slot)->comment = p->name;
    } else {
      emit2(g, IR_MOVQ, opd_slot(t + i), opd_reg(REG_RCX));
      emit2(g, IR_MOVQ, opd_reg(REG_RCX), slot)->comment = p->name;
    }
  }
  temp_free(g, n);
  emit_comment(g, "call %s: the next round of the loop", g->f->name);
  int deep = gen_new_label(g);
  emit2(g, IR_SUBQ, opd_imm(1), word(g, DODO_ACCUM_ROUNDS));
  emit_jcc(g, CC_Z, opd_label(deep));
  emit1(g, IR_JMP, opd_label(g->accum_loop));
  IrBlock *cur = g->cur;
  IrBlockList list = {0};
  IrBlockList *main = cold_begin(g, &list, deep);
  gen_c_call(g, "dodo_accum_too_deep");
  emit1(g, IR_JMP, opd_sym(g->raise)); /* not reached: the call ends the program */
  cold_end(g, &list, main, cur);
}

/* RAX = v, the value of an arm that ends the recursion: leaves with sum + v,
 * or raises "integer overflow" where the recursion would have. */
static void leave_with_total(GenFn *g, const char *comment) {
  int exact = gen_new_label(g), out = gen_new_label(g);
  emit2(g, IR_CMPQ, opd_imm(0), word(g, DODO_ACCUM_EXACT));
  emit_jcc(g, CC_NE, opd_label(exact));
  emit2(g, IR_ADDQ, word(g, DODO_ACCUM_FAST), opd_reg(REG_RAX));
  gen_jump_error(g, CC_O, ERR_OVERFLOW);
  emit_label(g, opd_label(out), ENTRY_JOIN);
  if (comment) emit_comment(g, "%s", comment);
  gen_exit(g, 0);
  IrBlock *cur = g->cur;
  IrBlockList list = {0};
  IrBlockList *main = cold_begin(g, &list, exact);
  emit2(g, IR_LEAQ, word(g, 0), opd_reg(REG_RDI));
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RSI));
  gen_c_call(g, "dodo_accum_total");
  emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
  gen_jump_error(g, CC_Z, ERR_OVERFLOW);
  emit2(g, IR_MOVQ, word(g, DODO_ACCUM_FAST), opd_reg(REG_RAX));
  emit1(g, IR_JMP, opd_label(out));
  cold_end(g, &list, main, cur);
}

void gen_accum_value(GenFn *g, Node *e, const char *comment) {
  if (is_self_call(g, e)) {
    next_round(g, e);
  } else if (is_accumulating(g, e)) {
    gen_expr(g, e->binary.lhs);
    add_term(g);
    next_round(g, e->binary.rhs);
  } else if (!ast_is_expr(e->kind) || type_is_never(e->type)) {
    if (!type_is_never(e->type)) ICE(0, "gen_accum_value: a statement arm that completes");
    gen_node(g, e); /* `throw`: events leave as they would from the recursion */
  } else {
    gen_expr(g, e);
    leave_with_total(g, comment);
  }
}
