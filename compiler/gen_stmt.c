/* Code generation for statements and control flow: blocks, declarations,
 * assignment, if/else, loops, ranges, break, throw. */
#include "fatal.h"
#include "gen_internal.h"

static void store_var(GenFn *g, const Var *v) {
  if (type_is_struct(v->type)) gen_store(g, v->type, slot_of_var(v));
  else emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot_of_var(v)))->comment = v->name;
}

static void gen_block(GenFn *g, Node *n) {
  LoopLabels owner;
  bool owns = gen_block_owner_open(g, n, &owner);
  for (Node *s = n->block.stmts; s; s = s->next) {
    gen_node(g, s);
    if (type_is_never(s->type)) break; /* the rest is unreachable */
  }
  if (owns) gen_owner_close(g, &owner, !type_is_never(n->type));
}

/* A declaration without initialiser takes its type's default: 0, false, "";
 * a struct's (its prototype) is made an initialiser by the checker. */
static void gen_decl(GenFn *g, Node *n) {
  const Var *v = n->decl.var;
  if (type_is_stdout(v->type)) return; /* a capability has no runtime value */
  if (n->decl.init) {
    gen_expr(g, n->decl.init);
  } else if (type_is_string(v->type)) {
    emit2(g, IR_LEAQ, opd_rip(gen_fmt(g, ".L.str.%d", gen_string(g->gen, "", 0))),
          opd_reg(REG_RAX));
  } else {
    emit2(g, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  }
  store_var(g, v);
}

/* -O1: `if (c) S` where S always leaves (end(), return, throw, break):
 * S goes out of line, after the body, so that the path that stays (a
 * loop's usual one) takes no branch. */
static void gen_if_leaving(GenFn *g, Node *n) {
  int cold = gen_new_label(g);
  gen_cond_jump(g, n->if_.cond, true, cold);
  IrBlockList *main = g->blocks, arm = {0};
  IrBlock *cur = g->cur;
  g->blocks = &arm; /* the arm's own blocks: arms nested in it go to g->cold */
  emit_label(g, opd_label(cold), ENTRY_COLD);
  /* the frame is as at the branch: RBP-based, as between any statements */
  if (g->cfi) emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RBP), opd_frame(opd_num(0), FA_UNWIND, false));
  g->line = 0; /* the arm's code, away from its line, gets its own .loc */
  gen_emit_loc(g, n->if_.then->loc);
  gen_node(g, n->if_.then);
  ir_blocks_append(&g->cold, &arm);
  g->blocks = main;
  g->cur = cur;
  g->line = 0; /* the next statement gets its .loc again */
}

/* if (c) A else B
 *       <c> ; jz else ; <A> ; jmp end
 *   else: <B>
 *   end:
 * Used as a value, each arm leaves it in RAX. */
void gen_if(GenFn *g, Node *n) {
  if (!n->if_.els && type_is_never(n->if_.then->type) && g->gen->ctx->opt->opt_level >= 1) {
    gen_if_leaving(g, n);
    return;
  }
  int els = gen_new_label(g), end = gen_new_label(g);
  gen_cond_jump(g, n->if_.cond, false, els);
  gen_node(g, n->if_.then);
  if (n->if_.els && !type_is_never(n->if_.then->type)) emit1(g, IR_JMP, opd_label(end));
  emit_label(g, opd_label(els), ENTRY_JOIN);
  if (n->if_.els) {
    gen_node(g, n->if_.els);
    emit_label(g, opd_label(end), ENTRY_JOIN);
  }
}

void gen_push_loop(GenFn *g, LoopLabels *l, int break_label) {
  *l = (LoopLabels){.break_label = break_label, .outer = g->loop};
  g->loop = l;
}

/* break: unwinds the generator if the innermost loop consumes one, and
 * destroys the generator values owned inside the loop. */
static void gen_break(GenFn *g) {
  LoopLabels *l = g->loop;
  while (l->is_owner) l = l->outer;
  gen_unwind_loops(g, l->outer);
  emit1(g, IR_JMP, opd_label(l->break_label))->comment = "break";
}

/* The continuations a consumer hands its generator at the start and at each
 * resume (abi.md §4): R8 = yield, R9 = end, R10 = event, and the context. */
static void gen_consumer_conts(GenFn *g, const char *yield, const char *end, const char *event,
                               const Func *start) {
  const char *k[3] = {yield, end, event};
  for (int i = 0; i < 3; i++) emit2(g, IR_LEAQ, opd_rip(k[i]), opd_reg(abi_cont_regs[i]));
  /* RAX is not part of resume (abi.md §4): a generator finds its context */
  if (start) gen_pass_context(g, start);
}

/* for x in gen(args) B, nested mode (abi.md §4–5): the generator's frame is
 * built right below ours, and the body runs below the generator's frame.
 *
 *       push marker                 SP1 = SP2 = RSP; [SP1] = SP1 - frame base
 *       RDI = SP1, args in RSI.., R8 = yield, R9 = end, R10 = event
 *       jmp gen
 *   yield:  RBP = RDI - [RDI] (RDI + 8 outside generator bodies); save RSP
 *           (the generator's), R8 (resume),
 *           R9 (unwind); x = RAX; push marker; <B>
 *           RSP = saved; RDI = SP1; fresh R8/R9/R10; jmp *resume
 *   end:    RBP = RSP - [RSP]; pop        (RSP back to SP1)
 *   event:  the same, then jmp to the enclosing raise path
 * Saved addresses are kept as offsets from the frame base, so a generator
 * frame that consumes another generator can be moved (abi.md §5).
 * An event raised in B unwinds the generator first (the loop's raise path). */
/* At a for loop's end or event (RSP = SP1, the marker it pushed): the
 * marker goes, and RBP is the frame base again. Outside generator bodies
 * the marker sat just below the frame (see the yield label). */
static void pop_loop_marker(GenFn *g, int area) {
  if (!g->links_absolute || g->body_depth) {
    gen_pop_frame_marker(g);
    if (area) emit2(g, IR_ADDQ, opd_imm(area), opd_reg(REG_RSP))->comment = "the yield area";
    return;
  }
  emit2(g, IR_ADDQ, opd_imm(8 + area), opd_reg(REG_RSP));
  emit2(g, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBP))->comment = "frame base: above the marker";
}

static void gen_for_each(GenFn *g, Node *n) {
  Node *call = n->for_each.call;
  Func *gf = call->call.func;
  const char *sym = g->local;
  int id = gen_new_label(g), done = gen_new_label(g);
  const char *yield = gen_fmt(g, "%s.for%d.yield", sym, id);
  const char *end = gen_fmt(g, "%s.for%d.end", sym, id);
  const char *event = gen_fmt(g, "%s.for%d.event", sym, id);
  const char *raise = gen_fmt(g, "%s.for%d.raise", sym, id);
  LoopLabels l;
  int state = temp_alloc(g, 5); /* generator RSP, SP1, resume, unwind, event value */
  int nslots = gen_param_slots(gf);
  int args = temp_alloc(g, nslots), at = args;
  for (Node *arg = call->call.args; arg; arg = arg->next) {
    gen_expr(g, arg);
    gen_store(g, arg->type, at);
    at += type_slots(arg->type);
  }
  /* a yielded value wider than RDX:RAX comes in room above the marker */
  int ys = gen_cont_slots(gf->conts), area = ys > 2 ? 8 * ys : 0;
  emit_comment(g, "start generator %s below this frame", gf->name);
  if (area) emit2(g, IR_SUBQ, opd_imm(area), opd_reg(REG_RSP))->comment = "room for a yielded value";
  gen_push_frame_marker(g);
  gen_store_loop_addr(g, REG_RSP, state + 1);
  int spilled = gen_param_stack_slots(gf);
  if (spilled)
    emit2(g, IR_SUBQ, opd_imm(8 * spilled), opd_reg(REG_RSP))->comment = "parameters 4.. on SP2";
  /* as for a call (abi.md §3, §4): one-slot parameters in RSI, RDX, RCX,
   * the others on SP2 in order, laid out as in memory */
  gen_args_to_stack(g, gf, args, 0);
  gen_args_to_regs(g, gf, args, -1);
  temp_free(g, nslots);
  gen_load_loop_addr(g, state + 1, ABI_GEN_SP1);
  gen_consumer_conts(g, yield, end, event, gf);
  emit1(g, IR_JMP, opd_sym(gen_func_symbol(g, gf)))->no_context = gen_context_unread(g, gf);

  emit_label(g, opd_sym(yield), ENTRY_YIELD);
  /* RDI = SP1, which the SP1 slot holds as an address outside generators */
  if (g->links_absolute) ir_block_fact(g->cur, ABI_GEN_SP1, state + 1);
  if (g->links_absolute && !g->body_depth) {
    /* outside generator bodies RSP is the frame base at statement level, so
     * the marker at SP1 sits just below the frame: no load on the way in */
    emit2(g, IR_LEAQ, opd_mem(ABI_GEN_SP1, 8 + area), opd_reg(REG_RBP))->comment =
        "frame base: just above the marker at SP1";
  } else if (g->links_absolute) {
    emit2(g, IR_MOVQ, opd_deref(ABI_GEN_SP1), opd_reg(REG_RBP))->comment = "frame base from SP1";
  } else {
    emit2(g, IR_MOVQ, opd_reg(ABI_GEN_SP1), opd_reg(REG_RBP));
    emit2(g, IR_SUBQ, opd_deref(ABI_GEN_SP1), opd_reg(REG_RBP))->comment =
        "frame base = SP1 - [SP1]";
  }
  gen_store_loop_addr(g, REG_RSP, state);
  emit2(g, IR_MOVQ, opd_reg(abi_cont_regs[0]), opd_slot(state + 2))->comment = "resume";
  emit2(g, IR_MOVQ, opd_reg(abi_cont_regs[1]), opd_slot(state + 3))->comment = "unwind";
  /* the values' slots: in RAX, RDX, or above the marker at SP1 (abi.md §4) */
  gen_bind_wire(g, n->for_each.vars, n->for_each.nnames, area, opd_mem(ABI_GEN_SP1, 8));
  gen_push_loop(g, &l, done);
  l.marker = n->for_each.reentered; /* labels in the body are entered from outside */
  if (l.marker) gen_push_frame_marker(g);
  l.is_gen = true;
  l.gen_sp = state;
  l.sp1 = state + 1;
  l.resume = state + 2;
  l.unwind = state + 3;
  l.yield_area = area;
  const char *outer_raise = g->raise;
  g->raise = raise;
  g->body_depth++;
  gen_node(g, n->for_each.body);
  if (!type_is_never(n->for_each.body->type)) {
    emit_comment(g, "resume the generator");
    gen_load_loop_addr(g, state, REG_RSP);
    gen_load_loop_addr(g, state + 1, ABI_GEN_SP1);
    gen_consumer_conts(g, yield, end, event, NULL);
    emit1(g, IR_JMP, opd_star(opd_slot(state + 2)));
  }
  /* an event in the body: unwind the generator, then raise further out */
  emit_label(g, opd_sym(raise), ENTRY_RAISE);
  gen_recover_frame(g, 0);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(state + 4))->comment = "the event";
  g->body_depth--;
  g->raise = outer_raise;
  gen_unwind_loops(g, l.outer);
  emit2(g, IR_MOVQ, opd_slot(state + 4), opd_reg(REG_RAX));
  emit1(g, IR_JMP, opd_sym(g->raise));
  g->loop = l.outer;

  emit_label(g, opd_sym(event), ENTRY_GEN_DONE);
  pop_loop_marker(g, area);
  emit1(g, IR_JMP, opd_sym(g->raise));
  emit_label(g, opd_sym(end), ENTRY_GEN_DONE);
  pop_loop_marker(g, area);
  emit_label(g, opd_label(done), ENTRY_JOIN);
  temp_free(g, 5);
}

/* loop B:   top: <B> ; jmp top ; break: */
static void gen_loop(GenFn *g, Node *n) {
  int top = gen_new_label(g), out = gen_new_label(g);
  LoopLabels l;
  gen_push_loop(g, &l, out);
  emit_label(g, opd_label(top), ENTRY_JOIN);
  gen_node(g, n->loop.body);
  emit1(g, IR_JMP, opd_label(top));
  emit_label(g, opd_label(out), ENTRY_JOIN);
  g->loop = l.outer;
}

/* for i in a...b B: both bounds once; the test before incrementing means
 * b = INT64_MAX terminates without overflow.
 *       i = a ; limit = b ; if i > limit goto out
 *   body: <B>
 *       if i >= limit goto out ; i += 1 ; goto body
 *   out: */
static void gen_for_range(GenFn *g, Node *n) {
  Opd ivar = opd_slot(slot_of_var(n->for_range.var)), limit = opd_slot(n->for_range.limit_slot);
  Opd rax = opd_reg(REG_RAX);
  int body = gen_new_label(g), out = gen_new_label(g);
  gen_expr(g, n->for_range.lo);
  emit2(g, IR_MOVQ, rax, ivar)->comment = n->for_range.var_name;
  gen_expr(g, n->for_range.hi);
  emit2(g, IR_MOVQ, rax, limit)->comment = "upper bound";
  emit2(g, IR_CMPQ, rax, ivar);
  emit_jcc(g, gen_int_cond(n->for_range.var->type, OP_GT), opd_label(out));
  LoopLabels l;
  gen_push_loop(g, &l, out);
  emit_label(g, opd_label(body), ENTRY_JOIN);
  gen_node(g, n->for_range.body);
  emit2(g, IR_MOVQ, ivar, rax);
  emit2(g, IR_CMPQ, limit, rax);
  emit_jcc(g, gen_int_cond(n->for_range.var->type, OP_GE), opd_label(out));
  emit1(g, IR_INCQ, rax);
  emit2(g, IR_MOVQ, rax, ivar);
  emit1(g, IR_JMP, opd_label(body));
  emit_label(g, opd_label(out), ENTRY_JOIN);
  g->loop = l.outer;
}

/* -O1: `.x = x + k` / `.x = x - k` updates the slot in place. On overflow
 * the slot holds the wrapped value, but the event always leaves the
 * function (no frame resumes after its own arithmetic raised), so it is
 * never seen. */
static bool gen_assign_in_place(GenFn *g, Node *n) {
  Node *v = n->assign.value;
  if (g->gen->ctx->opt->opt_level < 1 || v->kind != ND_BINARY) return false;
  if (v->binary.op != OP_ADD && v->binary.op != OP_SUB) return false;
  if (!type_is_plain_int(v->type)) return false; /* jo is int's overflow check only */
  Node *lhs = v->binary.lhs, *rhs = v->binary.rhs;
  if (lhs->kind != ND_NAME || lhs->name.var != n->assign.var || n->assign.path) return false;
  Opd src = gen_operand(g, rhs);
  if (src.kind == OPD_NONE || (rhs->kind == ND_NAME && rhs->name.var == n->assign.var))
    return false;
  if (src.kind != OPD_IMM) {
    emit2(g, IR_MOVQ, src, opd_reg(REG_RAX));
    src = opd_reg(REG_RAX);
  }
  emit2(g, v->binary.op == OP_ADD ? IR_ADDQ : IR_SUBQ, src, opd_slot(slot_of_var(n->assign.var)))
      ->comment = n->assign.name;
  gen_jump_error(g, CC_O, ERR_OVERFLOW);
  return true;
}

void gen_node(GenFn *g, Node *n) {
  if (gen_owned_stmt(g, n)) return; /* it makes generator temporaries */
  switch (n->kind) {
  case ND_BLOCK: gen_block(g, n); return;
  case ND_DECL: gen_emit_loc(g, n->loc); gen_decl(g, n); return;
  case ND_ASSIGN:
    gen_emit_loc(g, n->loc);
    if (gen_assign_in_place(g, n)) return;
    gen_expr(g, n->assign.value);
    if (n->assign.path) /* `.p.a.x = e`: the field's slots in p */
      gen_store(g, n->assign.value->type, slot_of_var(n->assign.var) + n->assign.path->slot);
    else
      store_var(g, n->assign.var);
    return;
  case ND_IF: gen_emit_loc(g, n->loc); gen_if(g, n); return;
  case ND_LOOP: gen_emit_loc(g, n->loc); gen_loop(g, n); return;
  case ND_FOR_RANGE: gen_emit_loc(g, n->loc); gen_for_range(g, n); return;
  case ND_BREAK: gen_break(g); return;
  case ND_THROW:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n->throw_.value);
    emit1(g, IR_JMP, opd_sym(g->raise));
    return;
  case ND_FOR_EACH:
    gen_emit_loc(g, n->loc);
    if (n->for_each.detached) gen_for_value(g, n);
    else gen_for_each(g, n);
    return;
  default:
    if (!ast_is_expr(n->kind)) ICE(0, "gen_node: a statement kind without code");
    gen_emit_loc(g, n->loc); /* an expression statement */
    gen_expr(g, n);
    return;
  }
}
