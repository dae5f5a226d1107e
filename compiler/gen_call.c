/* Code generation for calls, in the dodo convention (abi.md §3):
 *
 *   f(a, b) -> x; H0 | e; H1
 *
 *       <a> -> tmp0 ; <b> -> tmp1          arguments, left to right
 *       movq tmp0, %rdi ; movq tmp1, %rsi
 *       leaq m.g.k1(%rip), %r8             continuation 0 (return)
 *       leaq m.g.k2(%rip), %r9             continuation 1: the event
 *       leaq m(%rip), %rax                 the callee's module context
 *       jmp m.f                            a call is a jump
 *   m.g.k1:  x = RAX ; <H0> ; jmp join
 *   m.g.k2:  e = RAX ; <H1> ; jmp join
 *   join:
 *
 * The callee truncates the stack to what it was at the jmp, so each
 * continuation finds this frame at the same RSP. Parameters after the
 * fourth, and continuations after the fourth, go on the stack below a
 * result area for values wider than RDX:RAX. A plain call passes the
 * function's own raise path as the event continuation: events propagate. */
#include <string.h>

#include "fatal.h"
#include "gen_internal.h"

static ContSig *cont_at(Func *f, int index) {
  ContSig *c = f->conts;
  while (c && index-- > 0) c = c->next;
  return c;
}

static const char *new_cont_label(GenFn *g) {
  return gen_fmt(g, "%s.k%d", g->local, ++g->kconts);
}

/* Evaluates values left to right into consecutive temporaries, each
 * taking its slots (a struct's fields inline); returns the first. */
static int gen_args(GenFn *g, Node *args, int nslots) {
  int base = temp_alloc(g, nslots), at = base;
  for (Node *a = args; a; a = a->next) {
    gen_expr(g, a);
    gen_store(g, a->type, at);
    at += type_slots(a->type);
  }
  return base;
}

/* Stores a continuation's values in the handler's variables, then drops
 * the result area. The values' slots are concatenated on the wire (abi.md
 * §3): in RAX then RDX for at most two, else in the result area at RSP.
 * Each comes with its upper bits unspecified (abi.md §1): extended. */
static void take_values(GenFn *g, Handler *h, const Type *const *tys, int ntys, int area) {
  gen_recover_frame(g, area);
  int nslots = 0;
  for (int i = 0; i < ntys; i++) nslots += type_slots(tys[i]);
  if (h) gen_bind_wire(g, h->vars, h->nnames < ntys ? h->nnames : ntys, nslots > 2,
                      opd_mem(REG_RSP, 0));
  if (area) emit2(g, IR_ADDQ, opd_imm(area), opd_reg(REG_RSP))->comment = "drop the result area";
}

/* The jump itself: arguments from their temporaries into registers and the
 * stack, continuation labels into R8–R11 and the stack. */
static void gen_jump(GenFn *g, Func *callee, int args, const char **k, int area, int in_reg,
                     int tail) {
  int nconts = callee->nconts + 1;
  int sp = gen_param_stack_slots(callee);
  int sc = nconts > ABI_REG_CONTS ? nconts - ABI_REG_CONTS : 0;
  int delta = area + 8 * (sp + sc);
  if (delta)
    emit2(g, IR_SUBQ, opd_imm(delta), opd_reg(REG_RSP))->comment =
        "result area, spilled parameters and continuations";
  gen_args_to_stack(g, callee, args, sc);
  for (int i = 0; i < sc; i++) {
    emit2(g, IR_LEAQ, opd_rip(k[ABI_REG_CONTS + i]), opd_reg(REG_RAX));
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_stack(opd_mem(REG_RSP, 8 * i)))->comment =
        gen_fmt(g, "continuation %d", ABI_REG_CONTS + 1 + i);
  }
  gen_args_to_regs(g, callee, args, in_reg);
  if (tail >= 0) { /* this function's own continuations; its frame is gone */
    emit2(g, IR_MOVQ, opd_slot(slot_of_cont(g, tail)), opd_reg(abi_cont_regs[0]));
    emit2(g, IR_MOVQ, opd_slot(slot_of_cont(g, g->ncont - 1)), opd_reg(abi_cont_regs[1]));
    emit2(g, IR_LEAQ, opd_frame(opd_mem(REG_RBP, 0), FA_UNWIND, false), opd_reg(REG_RSP));
  } else {
    for (int i = 0; i < nconts && i < ABI_REG_CONTS; i++)
      emit2(g, IR_LEAQ, opd_rip(k[i]), opd_reg(abi_cont_regs[i]));
  }
  gen_pass_context(g, callee);
  /* The callee's R is RSP + delta - area: seen from the callee, this frame
   * is found through the marker there, not through RBP (abi.md §14). */
  if (tail < 0) gen_cfa_from_marker(g, area);
  emit1(g, IR_JMP, opd_sym(gen_func_symbol(g, callee)))->no_context = gen_context_unread(g, callee);
}

/* The event continuation of a call: a handler's label, else this
 * function's raise path (after dropping a result area, if any). */
static const char *event_label(GenFn *g, int area, bool handled) {
  if (handled || area) return new_cont_label(g);
  return g->raise;
}

static void gen_handled(GenFn *g, Node *n, const char **k, int area) {
  Func *callee = n->call.func;
  int join = gen_new_label(g);
  int i = 0;
  static const Type *const event_types[] = {&ty_string};
  for (Handler *h = n->call.handlers; h; h = h->next, i++) {
    bool is_event = i == callee->nconts;
    ContSig *c = is_event ? NULL : cont_at(callee, i);
    emit_label(g, opd_sym(k[i]), ENTRY_CONT);
    emit_comment(g, "%s of %s", is_event ? "event" : c->name, callee->name);
    take_values(g, h, is_event ? event_types : c->tys, is_event ? 1 : c->ntypes, area);
    gen_node(g, h->body);
    if (!type_is_never(h->body->type)) emit1(g, IR_JMP, opd_label(join));
  }
  if (n->call.nhandlers == callee->nconts && area) {
    emit_label(g, opd_sym(k[callee->nconts]), ENTRY_CONT);
    emit2(g, IR_ADDQ, opd_imm(area), opd_reg(REG_RSP));
    emit1(g, IR_JMP, opd_sym(g->raise));
  }
  emit_label(g, opd_label(join), ENTRY_JOIN);
}

/* A call of a function; with tail >= 0, a tail call passing continuation
 * `tail` of this function (and its event) as the callee's own. */
static void gen_func_call(GenFn *g, Node *n, int tail) {
  Func *callee = n->call.func;
  int nconts = callee->nconts + 1;
  int area = gen_result_area(callee);
  const char **k = ARENA_ARRAY(&g->ir->arena, const char *, nconts);
  if (tail < 0) {
    for (int i = 0; i < callee->nconts; i++) k[i] = new_cont_label(g);
    k[nconts - 1] = event_label(g, area, n->call.nhandlers == nconts);
  }
  /* Arguments left to right into temporaries; the last one, when it travels
   * in a register, goes straight there (nothing after it can clobber it). */
  int np = callee->nparams, nslots = gen_param_slots(callee);
  int last_at, last_reg = np >= 1 ? gen_param_place(callee, np - 1, &last_at) : -1;
  int in_reg = last_reg >= 0 && !gen_param_stack_slots(callee) &&
               !type_is_struct(gen_param_type(callee, np - 1)) ? np - 1 : -1;
  int args = temp_alloc(g, nslots), at = args;
  int i = 0;
  for (Node *a = n->call.args; a; a = a->next, i++) {
    Opd leaf = i == in_reg ? gen_operand(g, a) : (Opd){0};
    if (leaf.kind != OPD_NONE) {
      emit2(g, IR_MOVQ, leaf, opd_reg(abi_param_regs[last_reg]));
      continue;
    }
    gen_expr(g, a);
    if (i == in_reg) emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_reg(abi_param_regs[last_reg]));
    else gen_store(g, a->type, at);
    at += type_slots(a->type);
  }
  emit_comment(g, tail < 0 ? "call %s" : "tail call %s", callee->name);
  gen_jump(g, callee, args, k, area, in_reg, tail);
  temp_free(g, nslots);
  if (tail >= 0) return;
  if (n->call.has_handlers) {
    gen_handled(g, n, k, area);
    return;
  }
  /* plain: the first continuation brings the value; the event propagates */
  emit_label(g, opd_sym(k[0]), ENTRY_CONT);
  gen_recover_frame(g, area);
  if (callee->conts->ntypes == 1 && type_is_struct(callee->conts->tys[0]))
    gen_wire_in(g, callee->conts->tys[0], area); /* into S */
  else if (callee->conts->ntypes == 1)
    gen_int_extend(g, callee->conts->tys[0], ABI_VALUE0);
  if (area) emit2(g, IR_ADDQ, opd_imm(area), opd_reg(REG_RSP))->comment = "drop the result area";
  if (area) {
    int past = gen_new_label(g);
    emit1(g, IR_JMP, opd_label(past));
    emit_label(g, opd_sym(k[nconts - 1]), ENTRY_CONT);
    emit2(g, IR_ADDQ, opd_imm(area), opd_reg(REG_RSP));
    emit1(g, IR_JMP, opd_sym(g->raise));
    emit_label(g, opd_label(past), ENTRY_JOIN);
  }
}

/* `yield(v)` in a generator (abi.md §4): the value in RAX, RDI = SP1,
 * R8 = resume, R9 = unwind, and RSP left as it is. The consumer comes back
 * to one of the two labels that follow. */
static void gen_yield(GenFn *g, Node *n) {
  const char *sym = g->local;
  int id = ++g->kconts;
  const char *resume = gen_fmt(g, "%s.resume%d", sym, id);
  const char *unwind = gen_fmt(g, "%s.unwind%d", sym, id);
  /* the values' slots, concatenated: in RAX, RDX, or in the room the
   * consumer left above its marker at SP1 (abi.md §4) */
  const Type *t = n->call.nargs ? n->call.args->type : NULL;
  int nslots = 0;
  for (Node *a = n->call.args; a; a = a->next) nslots += type_slots(a->type);
  if (n->call.nargs == 1 && nslots <= 2) {
    gen_expr(g, n->call.args);
    if (type_is_struct(t)) gen_wire_out(g, t);
  } else if (n->call.nargs) {
    int tmp = gen_args(g, n->call.args, nslots);
    if (nslots > 2) emit2(g, IR_MOVQ, opd_slot(gen_sp1_slot(g)), opd_reg(REG_RCX))->comment = "SP1";
    for (int i = nslots - 1; i >= 0; i--) {
      if (nslots <= 2) {
        emit2(g, IR_MOVQ, opd_slot(tmp + i), opd_reg(gen_wire_reg(i)));
        continue;
      }
      emit2(g, IR_MOVQ, opd_slot(tmp + i), opd_reg(REG_RAX));
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_stack(opd_mem(REG_RCX, 8 + 8 * i)));
    }
    temp_free(g, nslots);
  }
  emit2(g, IR_MOVQ, opd_slot(gen_sp1_slot(g)), opd_reg(ABI_GEN_SP1))->comment = "SP1";
  emit2(g, IR_LEAQ, opd_rip(resume), opd_reg(abi_cont_regs[0]));
  emit2(g, IR_LEAQ, opd_rip(unwind), opd_reg(abi_cont_regs[1]));
  emit1(g, IR_JMP, opd_star(opd_slot(slot_of_cont(g, 0))))->comment = "yield";
  /* unwind: release what this generator holds (the generators it is
   * consuming), then RSP = SP1 and on to R9 */
  emit_label(g, opd_sym(unwind), ENTRY_UNWIND);
  gen_recover_frame(g, 0);
  emit2(g, IR_MOVQ, opd_reg(ABI_GEN_SP1), opd_slot(gen_sp1_slot(g)))->comment = "SP1";
  emit2(g, IR_MOVQ, opd_reg(abi_cont_regs[1]), opd_slot(slot_of_cont(g, 1)))->comment =
      "where to go after unwinding";
  gen_unwind_loops(g, NULL);
  gen_exit(g, 1);
  /* resume: fresh SP1 and continuations, as at the start */
  emit_label(g, opd_sym(resume), ENTRY_RESUME);
  gen_recover_frame(g, 0);
  static const char *const names[3] = {"continuation yield", "continuation end",
                                       "continuation event"};
  emit2(g, IR_MOVQ, opd_reg(ABI_GEN_SP1), opd_slot(gen_sp1_slot(g)))->comment = "SP1";
  for (int i = 0; i < 3; i++)
    emit2(g, IR_MOVQ, opd_reg(abi_cont_regs[i]), opd_slot(slot_of_cont(g, i)))->comment = names[i];
}

/* Invoking a continuation of the current function: `return e`,
 * `overflow(x)`. Values go to RAX/RDX, or to the result area the caller
 * reserved above R for wider ones; generators being consumed around this
 * point are unwound first; then truncate and jump. */
static void gen_invoke(GenFn *g, Node *n) {
  if (g->f->is_generator && n->call.cont == 0) {
    gen_yield(g, n);
    return;
  }
  int nvals = n->call.nargs;
  ContSig *c = cont_at(g->f, n->call.cont);
  emit_comment(g, "invoke %s", c ? c->name : "event");
  if (!g->body_depth && !g->gen_values && nvals == 1) {
    gen_tail_value(g, n->call.args, n->call.cont, NULL);
    return;
  }
  if (!g->body_depth && !g->gen_values && nvals == 0) {
    gen_exit(g, n->call.cont);
    return;
  }
  int nslots = 0; /* the values' slots, concatenated (abi.md §3) */
  for (Node *a = n->call.args; a; a = a->next) nslots += type_slots(a->type);
  int t = gen_args(g, n->call.args, nslots);
  gen_unwind_loops(g, NULL);
  if (nslots <= 2) {
    for (int i = 0; i < nslots; i++) emit2(g, IR_MOVQ, opd_slot(t + i), opd_reg(gen_wire_reg(i)));
  } else {
    for (int i = 0; i < nslots; i++) {
      emit2(g, IR_MOVQ, opd_slot(t + i), opd_reg(REG_RAX));
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_frame(opd_mem(REG_RBP, 8 * i), FA_UNWIND, true));
    }
  }
  temp_free(g, nslots);
  gen_exit(g, n->call.cont);
}

/* T(e): the conversion's checks on e's value (gen_int.c). */
static void gen_convert(GenFn *g, Node *n) {
  gen_expr(g, n->call.args);
  gen_int_convert(g, n->call.args->type, n->type);
}

void gen_call(GenFn *g, Node *n) {
  if (n->call.target == CALL_CONVERT) gen_convert(g, n);
  else if (n->call.target == CALL_CONT) gen_invoke(g, n);
  else if (n->call.target == CALL_NEXT) gen_next(g, n);
  else if (gen_is_creation(n)) gen_gen_create(g, n);
  else gen_func_call(g, n, -1);
}

/* -O1: can `k(call)` hand continuation k of this function, and its event,
 * to the callee as the callee's own (a tail call, which keeps the stack
 * flat through tail recursion)? Only when nothing of this frame is needed
 * after the call: a plain call whose one continuation carries what k
 * carries, all in registers, outside generators and their loops. */
static bool is_tail_call(GenFn *g, const Node *n, int k) {
  if (g->gen->ctx->opt->opt_level < 1 || g->f->is_generator || g->body_depth || g->gen_values)
    return false;
  if (n->kind != ND_CALL || n->call.target != CALL_FUNC || n->call.has_handlers) return false;
  Func *callee = n->call.func;
  ContSig *mine = cont_at(g->f, k), *theirs = callee->conts;
  if (!mine || !theirs || theirs->next || callee->is_generator) return false;
  if (gen_param_stack_slots(callee) || gen_result_area(callee) || mine->ntypes != theirs->ntypes)
    return false;
  for (int i = 0; i < mine->ntypes; i++)
    if (mine->tys[i] != theirs->tys[i]) return false;
  return true;
}

void gen_tail_value(GenFn *g, Node *e, int k, const char *comment) {
  bool opt = g->gen->ctx->opt->opt_level >= 1;
  if (opt && !g->gen_values && e->kind == ND_IF && e->if_.els && !type_is_never(e->type)) {
    int els = gen_new_label(g); /* each arm leaves on its own: no join */
    gen_emit_loc(g, e->loc);
    gen_cond_jump(g, e->if_.cond, false, els);
    gen_tail_value(g, e->if_.then, k, comment);
    emit_label(g, opd_label(els), ENTRY_JOIN);
    gen_tail_value(g, e->if_.els, k, comment);
    return;
  }
  if (g->accum && k == 0) { /* the value goes into the running sum */
    gen_accum_value(g, e, comment);
    return;
  }
  if (is_tail_call(g, e, k)) {
    gen_func_call(g, e, k);
    return;
  }
  if (!ast_is_expr(e->kind)) { /* an arm that never completes: `throw`, `break`, a block */
    if (!type_is_never(e->type)) ICE(0, "gen_tail_value: a statement arm that completes");
    gen_node(g, e);
    return;
  }
  gen_expr(g, e);
  if (type_is_never(e->type)) return;
  if (type_is_struct(e->type)) gen_wire_out(g, e->type); /* S to RAX, RDX or the result area */
  if (comment) emit_comment(g, "%s", comment);
  gen_exit(g, k);
}
