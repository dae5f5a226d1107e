/* Code generation, module and function level: symbols, the context block,
 * each function's prologue and frame, leaving through a continuation, and
 * the shared paths that raise events. */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "gen_internal.h"
#include "symbol.h"

#include "dodo_runtime.h"

/* Records, with -g, which variable each slot holds (gen_dwarf.c). */
static void record_slot_var(GenFn *g, Var *v) {
  if (!g->gen->ctx->opt->debug_info) return;
  if (v->slot >= g->slot_vars_cap) {
    int cap = g->slot_vars_cap ? 2 * g->slot_vars_cap : 16;
    while (cap <= v->slot) cap *= 2;
    Var **vars = ARENA_ARRAY(&g->ir->arena, Var *, cap);
    memset(vars, 0, sizeof *vars * (size_t)cap);
    if (g->slot_vars_cap) memcpy(vars, g->slot_vars, sizeof *vars * (size_t)g->slot_vars_cap);
    g->slot_vars = vars;
    g->slot_vars_cap = cap;
  }
  g->slot_vars[v->slot] = v;
}

static void note_struct_width(GenFn *g, const Type *t) {
  if (type_is_struct(t) && t->nslots > g->sacc_slots) g->sacc_slots = t->nslots;
}

static void number_var(GenFn *g, Var *v) {
  v->slot = g->nvars;
  g->nvars += type_is_struct(v->type) ? v->type->nslots : 1;
  note_struct_width(g, v->type);
  v->has_slot = true;
  record_slot_var(g, v);
}

static void number_node(GenFn *g, Node *n);

static void number_children(GenFn *g, Node *n) {
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_ONE: case CHILD_OPT: number_node(g, field); break;
    case CHILD_LIST:
      for (Node *k = field; k; k = k->next) number_node(g, k);
      break;
    case CHILD_PIECES:
      for (StrPiece *p = field; p; p = p->next) number_node(g, p->expr);
      break;
    case CHILD_HANDLERS:
      for (Handler *h = field; h; h = h->next) {
        for (int i = 0; i < h->nnames; i++) number_var(g, h->vars[i]);
        number_node(g, h->body);
      }
      break;
    case CHILD_END: break;
    }
  }
}

/* A name gets its slot where it comes into scope: after what it is
 * initialised from, before the body it is visible in. Recursion is bounded
 * by AST_MAX_DEPTH. */
static void number_node(GenFn *g, Node *n) {
  if (!n) return;
  note_struct_width(g, n->type);
  switch (n->kind) {
  case ND_FOR_RANGE:
    number_node(g, n->for_range.lo);
    number_node(g, n->for_range.hi);
    n->for_range.limit_slot = g->nvars++; /* the upper bound, evaluated once */
    number_var(g, n->for_range.var);
    number_node(g, n->for_range.body);
    return;
  case ND_FOR_EACH:
    number_node(g, n->for_each.call);
    for (int i = 0; i < n->for_each.nnames; i++) number_var(g, n->for_each.vars[i]);
    number_node(g, n->for_each.body);
    return;
  default:
    number_children(g, n);
    if (n->kind == ND_DECL) number_var(g, n->decl.var);
    return;
  }
}

/* Variables get slots in the order the source declares them, and a slot is
 * never reused within a function. */
void gen_number_slots(GenFn *g) {
  g->nvars = 0;
  for (Param *p = g->f->params; p; p = p->next) number_var(g, p->var);
  for (const ContSig *c = g->f->conts; c; c = c->next)
    for (int i = 0; i < c->ntypes; i++) note_struct_width(g, c->tys[i]);
  number_node(g, g->f->body);
}

int slot_of_var(const Var *v) {
  if (!v->has_slot) ICE(0, "a variable without a frame slot");
  return v->slot;
}

int slot_of_cont(GenFn *g, int index) { return g->nvars + index; }

int temp_alloc(GenFn *g, int n) {
  int first = g->nfixed + g->ntemps;
  g->ntemps += n;
  if (g->ntemps > g->max_temps) g->max_temps = g->ntemps;
  return first;
}

void temp_free(GenFn *g, int n) { g->ntemps -= n; }

int gen_sp1_slot(GenFn *g) { return g->nvars + g->ncont; }

static void gen_recover_frame_regs(GenFn *g, int area);

/* Frames must stay relocatable (abi.md §5: a detached generator's stack is
 * copied elsewhere), so the words that lead back to a frame hold the frame
 * base as an offset from their own address, never as an address. */
/* The innermost generator loop around the code, if any. */
static const LoopLabels *innermost_gen_loop(const GenFn *g) {
  for (const LoopLabels *l = g->loop; l; l = l->outer)
    if (l->is_gen) return l;
  return NULL;
}

void gen_recover_frame(GenFn *g, int area) {
  const LoopLabels *l = g->body_depth ? innermost_gen_loop(g) : NULL;
  /* A body without a marker is only entered by jumps from inside it, with
   * RBP intact. */
  if (l && !l->marker) return;
  /* Until RBP is back, the frame is found from RSP (in a loop body, through
   * the marker there). */
  if (g->cfi && !l)
    emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RSP), opd_frame(opd_num(area), FA_UNWIND, true));
  if (l) gen_cfa_from_marker(g, area);
  gen_recover_frame_regs(g, area);
  if (g->cfi) emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RBP), opd_frame(opd_num(0), FA_UNWIND, false));
}

/* -g, in a generator loop body with a marker: the CFA, described from the
 * marker at RSP + area rather than from RBP, which is right between the
 * body's instructions but not in an unwinder's view of this frame from a
 * function the body called (gen_dwarf_marker_cfa_cfi). */
void gen_cfa_from_marker(GenFn *g, int area) {
  const LoopLabels *l = g->body_depth ? innermost_gen_loop(g) : NULL;
  if (!g->cfi || !l || !l->marker) return;
  emit2(g, IR_CFI_ESCAPE, opd_sym(gen_dwarf_marker_cfa_cfi(g, area)),
        opd_frame(opd_num(0), FA_UNWIND_ULEB4, false));
}

static void gen_recover_frame_regs(GenFn *g, int area) {
  Opd rsp = opd_mem(REG_RSP, area), rbp = opd_reg(REG_RBP);
  if (g->body_depth && g->links_absolute) {
    emit2(g, IR_MOVQ, rsp, rbp)->comment = "frame base, kept at the body's RSP";
  } else if (g->body_depth) {
    emit2(g, IR_LEAQ, rsp, rbp);
    emit2(g, IR_SUBQ, rsp, rbp)->comment = "frame base = body RSP - [body RSP]";
  } else if (area) {
    emit2(g, IR_LEAQ, rsp, rbp);
  } else {
    emit2(g, IR_MOVQ, opd_reg(REG_RSP), rbp);
  }
}

/* Frames must stay relocatable (abi.md §5: a detached generator's stack is
 * copied elsewhere), so in a generator the words that lead back to a frame
 * hold the frame base as an offset from their own address. */
void gen_push_frame_marker(GenFn *g) {
  emit2(g, IR_SUBQ, opd_imm(8), opd_reg(REG_RSP));
  if (g->links_absolute) {
    emit2(g, IR_MOVQ, opd_reg(REG_RBP), opd_stack(opd_deref(REG_RSP)))->comment = "[RSP] = frame base";
    return;
  }
  emit2(g, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RCX));
  emit2(g, IR_SUBQ, opd_reg(REG_RBP), opd_reg(REG_RCX));
  emit2(g, IR_MOVQ, opd_reg(REG_RCX), opd_stack(opd_deref(REG_RSP)))->comment =
      "[RSP] = RSP - frame base";
}

void gen_pop_frame_marker(GenFn *g) {
  if (g->links_absolute) {
    emit2(g, IR_MOVQ, opd_deref(REG_RSP), opd_reg(REG_RBP));
  } else {
    emit2(g, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBP));
    emit2(g, IR_SUBQ, opd_deref(REG_RSP), opd_reg(REG_RBP))->comment = "frame base = SP1 - [SP1]";
  }
  emit2(g, IR_ADDQ, opd_imm(8), opd_reg(REG_RSP));
}

/* Loop state slots hold offsets from the frame base, for the same reason. */
void gen_load_loop_addr(GenFn *g, int slot, int reg) {
  if (g->links_absolute) {
    emit2(g, IR_MOVQ, opd_slot(slot), opd_reg(reg));
    return;
  }
  /* RSP moves once, straight to its new value: were it the frame base for
   * an instruction, every frame of the generators below would lie under RSP
   * there, free for a signal handler to overwrite (and memcheck marks them
   * undefined). The callers hold no value in RCX. */
  int to = reg == REG_RSP ? REG_RCX : reg;
  emit2(g, IR_MOVQ, opd_reg(REG_RBP), opd_reg(to));
  emit2(g, IR_SUBQ, opd_slot(slot), opd_reg(to));
  if (to != reg) emit2(g, IR_MOVQ, opd_reg(to), opd_reg(reg));
}

void gen_store_loop_addr(GenFn *g, int reg, int slot) {
  if (g->links_absolute) {
    emit2(g, IR_MOVQ, opd_reg(reg), opd_slot(slot));
    return;
  }
  emit2(g, IR_MOVQ, opd_reg(REG_RBP), opd_reg(REG_RCX));
  emit2(g, IR_SUBQ, opd_reg(reg), opd_reg(REG_RCX));
  emit2(g, IR_MOVQ, opd_reg(REG_RCX), opd_slot(slot));
}

static const char *const int_error_labels[] = {
#define X(name, label, text) label,
    INT_ERRORS(X)
#undef X
};

static const char *const int_error_texts[] = {
#define X(name, label, text) text,
    INT_ERRORS(X)
#undef X
};

const char *gen_int_error_text(IntError kind) { return int_error_texts[kind]; }

void gen_jump_error(GenFn *g, Cond cc, IntError kind) {
  RaiseStub *s;
  for (s = g->stubs; s; s = s->next)
    if (s->kind == kind && strcmp(s->raise, g->raise) == 0) break;
  if (!s) {
    s = ARENA_NEW(&g->ir->arena, RaiseStub);
    s->raise = g->raise;
    s->kind = kind;
    s->label = gen_fmt(g, "%s.%s", g->raise, int_error_labels[kind]);
    s->next = g->stubs;
    g->stubs = s;
  }
  emit_jcc(g, cc, opd_sym(s->label)); /* formatted once per stub, not per jump */
}

void gen_unwind_loops(GenFn *g, LoopLabels *stop) {
  for (LoopLabels *l = g->loop; l != stop; l = l->outer) {
    if (l->is_owner) {
      emit_comment(g, "leaving the owner of generator values: destroy them");
      gen_owner_destroy(g, l);
      continue;
    }
    if (!l->is_gen) continue;
    int after = gen_new_label(g);
    emit_comment(g, "unwind the generator, then go on at .L.%d", after);
    gen_load_loop_addr(g, l->gen_sp, REG_RSP);
    gen_load_loop_addr(g, l->sp1, ABI_GEN_SP1);
    emit2(g, IR_LEAQ, opd_rip_label(after), opd_reg(abi_cont_regs[1]));
    emit1(g, IR_JMP, opd_star(opd_slot(l->unwind)));
    emit_label(g, opd_label(after), ENTRY_UNWOUND);
    gen_pop_frame_marker(g);
    if (l->yield_area)
      emit2(g, IR_ADDQ, opd_imm(l->yield_area), opd_reg(REG_RSP))->comment = "the yield area";
  }
}

/* The callee's module context in RAX (abi.md §3), unless at -O1 the callee
 * is compiled here: dodoc's own code never reads RAX at entry. */
bool gen_context_unread(const GenFn *g, const Func *callee) {
  return gen_compiled_here(g->gen, callee) && g->gen->ctx->opt->opt_level >= 1;
}

void gen_pass_context(GenFn *g, const Func *callee) {
  if (gen_context_unread(g, callee)) return;
  bool here = gen_compiled_here(g->gen, callee);
  const char *context = here ? g->gen->context : sym_context(&g->gen->ctx->arena, callee->module);
  emit2(g, IR_LEAQ, opd_rip(context), opd_reg(ABI_CONTEXT));
}

bool gen_compiled_here(const Gen *gen, const Func *f) {
  return f->body && (!f->module || strcmp(f->module, gen->module) == 0);
}

const char *gen_func_symbol(GenFn *g, const Func *f) {
  return gen_fmt(g, "%s.%s", f->module ? f->module : g->gen->module, f->name);
}

const char *gen_resumes_symbol(GenFn *g, const Func *f) {
  return gen_fmt(g, "%s.resumes", gen_func_symbol(g, f));
}

bool gen_lazy_resumes(const Gen *gen) {
  return gen->ctx->opt->opt_level >= 1 && !gen->ctx->opt->debug_info;
}

int gen_result_area(const Func *f) {
  int words = 0;
  for (const ContSig *c = f->conts; c; c = c->next) {
    int n = gen_cont_slots(c); /* a struct's fields inline (abi.md §3) */
    if (n > 2 && n > words) words = n;
  }
  return 8 * words;
}

static int stack_params(const Func *f) { return gen_param_stack_slots(f); }
static int stack_conts(const Func *f) {
  return f->nconts + 1 > ABI_REG_CONTS ? f->nconts + 1 - ABI_REG_CONTS : 0;
}

/* Leaves through a continuation. A function truncates the stack to R
 * (abi.md §3: "the callee truncates the stack before jumping to any
 * continuation"); a generator's end and event reset RSP to SP1 (§4). R11
 * carries the address, as RAX/RDX may carry the value. */
void gen_exit(GenFn *g, int index) {
  emit2(g, IR_MOVQ, opd_slot(slot_of_cont(g, index)), opd_reg(ABI_EXIT_TARGET));
  if (g->f->is_generator)
    emit2(g, IR_MOVQ, opd_slot(gen_sp1_slot(g)), opd_reg(REG_RSP))->comment = "SP1";
  else
    emit2(g, IR_LEAQ, opd_frame(opd_mem(REG_RBP, 0), FA_UNWIND, false), opd_reg(REG_RSP));
  emit1(g, IR_JMP, opd_star(opd_reg(ABI_EXIT_TARGET)));
}

/* The function's raise path (events leave through the event continuation)
 * and the integer-error stubs of every raise path used. */
static void gen_raise_paths(GenFn *g, const char *sym) {
  emit_label(g, opd_sym(gen_fmt(g, "%s.raise", sym)), ENTRY_RAISE);
  emit_comment(g, "event value in RAX: leave through the event continuation");
  gen_recover_frame(g, 0);
  gen_exit(g, g->ncont - 1);
  for (RaiseStub *s = g->stubs; s; s = s->next) {
    const char *text = int_error_texts[s->kind];
    int id = gen_string(g->gen, text, strlen(text));
    emit_label(g, opd_sym(gen_fmt(g, "%s.%s", s->raise, int_error_labels[s->kind])), ENTRY_COLD);
    emit2(g, IR_LEAQ, opd_rip(gen_fmt(g, ".L.str.%d", id)), opd_reg(REG_RAX));
    emit1(g, IR_JMP, opd_sym(s->raise));
  }
}

/* Entry: reserve the frame, then park parameters and continuations in their
 * slots (no register survives a call, so everything lives in the frame). */
/* With -g, frames are described for unwinders (gdb, backtraces). A dodo
 * function has no return address: its "caller" is where its first
 * continuation goes, the caller's RSP (and, outside generator loop bodies,
 * its RBP) is R. A generator's "caller" is its consumer, at the yield
 * continuation, which finds its frame base through the marker at SP1. */
static void gen_prologue_cfi(GenFn *g, int step) {
  if (!g->cfi) return;
  Func *f = g->f;
  Opd unwind = opd_frame(opd_num(0), FA_UNWIND, false);
  if (step == 0) {
    emit0(g, IR_CFI_STARTPROC);
    emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RSP), opd_num(8 * (stack_conts(f) + stack_params(f))));
    emit2(g, IR_CFI_REGISTER, opd_reg(REG_RIP), opd_reg(abi_cont_regs[0]));
    if (f->is_generator) emit1(g, IR_CFI_ESCAPE, opd_sym(gen_dwarf_consumer_rbp_cfi(g)));
  } else if (step == 1) {
    emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RSP), unwind);
  } else if (step == 2) {
    emit2(g, IR_CFI_DEF_CFA, opd_reg(REG_RBP), unwind);
    if (!f->is_generator) emit2(g, IR_CFI_VAL_OFFSET, opd_reg(REG_RBP), opd_num(0));
  } else {
    emit2(g, IR_CFI_OFFSET, opd_reg(REG_RIP),
          opd_frame(opd_num(8 * slot_of_cont(g, 0)), FA_MINUS_UNWIND, false));
    /* The yield continuation is entered with RDI = SP1, which the SP1 slot
     * keeps: the runtime's yield label finds its frame from RDI (a
     * generator value's, runtime/gen_switch.S), so gdb's bt goes on past
     * it to the code that called next. */
    if (f->is_generator)
      emit2(g, IR_CFI_OFFSET, opd_reg(ABI_GEN_SP1),
            opd_frame(opd_num(8 * gen_sp1_slot(g)), FA_MINUS_UNWIND, false));
  }
}

static void gen_prologue(GenFn *g) {
  Func *f = g->f;
  gen_prologue_cfi(g, 0);
  emit2(g, IR_SUBQ, opd_frame(opd_imm(0), FA_SIZE, false), opd_reg(REG_RSP));
  gen_prologue_cfi(g, 1);
  emit2(g, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBP));
  gen_prologue_cfi(g, 2);
  /* A generator gets SP1 first, in RDI; its parameters follow (abi.md §4). */
  const int *regs = f->is_generator ? abi_gen_param_regs : abi_param_regs;
  int nregs = f->is_generator ? ABI_GEN_REG_PARAMS : ABI_REG_PARAMS;
  if (f->is_generator)
    emit2(g, IR_MOVQ, opd_reg(ABI_GEN_SP1), opd_slot(gen_sp1_slot(g)))->comment = "SP1";
  (void)nregs;
  int i = 0;
  for (Param *p = f->params; p; p = p->next, i++) {
    int at, r = gen_param_place(f, i, &at), slot = slot_of_var(p->var);
    const Type *t = p->var->type;
    if (r >= 0) {
      gen_int_extend(g, t, regs[r]); /* upper bits unspecified (abi.md §1) */
      emit2(g, IR_MOVQ, opd_reg(regs[r]), opd_slot(slot))->comment = p->name;
    } else {
      for (int j = 0; j < type_slots(t); j++) { /* laid out as in memory (abi.md §3) */
        Opd arg = opd_frame(opd_mem(REG_RBP, 8 * (stack_conts(f) + at + j)), FA_SIZE, true);
        emit2(g, IR_MOVQ, arg, opd_reg(REG_RAX));
        gen_int_extend(g, t, REG_RAX);
        emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot + j))->comment = p->name;
      }
    }
    gen_extend_fields(g, t, slot);
  }
  int k = 0;
  for (ContSig *c = f->conts;; c = c->next, k++) {
    const char *comment = gen_fmt(g, "continuation %s", c ? c->name : "event");
    if (k < ABI_REG_CONTS) {
      emit2(g, IR_MOVQ, opd_reg(abi_cont_regs[k]), opd_slot(slot_of_cont(g, k)))->comment = comment;
      if (k == 0) gen_prologue_cfi(g, 3);
    } else {
      Opd cont = opd_frame(opd_mem(REG_RBP, 8 * (k - ABI_REG_CONTS)), FA_SIZE, true);
      emit2(g, IR_MOVQ, cont, opd_reg(REG_RAX));
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot_of_cont(g, k)))->comment = comment;
    }
    if (!c) break;
  }
}

/* The body: an expression's value goes to the first continuation; a block
 * that falls off its end invokes the first continuation (it carries nothing:
 * the checker made sure). */
static void gen_body(GenFn *g, Node *rest) {
  Func *f = g->f;
  /* An expression has no statement to start the body's line: its own .loc
   * ends the prologue, so that gdb stops where the parameters are saved. */
  if (f->body_is_expr) gen_emit_loc(g, (rest ? rest : f->body)->loc);
  if (rest) { /* the leaf arm went before the prologue */
    gen_tail_value(g, rest, 0, gen_fmt(g, "value to %s", f->conts->name));
    return;
  }
  if (f->body_is_expr && !f->is_generator && f->conts->ntypes == 1 &&
      !type_is_never(f->body->type) && !g->gen_values) {
    gen_tail_value(g, f->body, 0, gen_fmt(g, "value to %s", f->conts->name));
    return;
  }
  gen_node(g, f->body);
  if (type_is_never(f->body->type)) return;
  if (f->is_generator) {
    emit_comment(g, "falling off the end of a generator is end()");
    gen_exit(g, 1);
    return;
  }
  ContSig *first = f->conts;
  if (f->body_is_expr && first->ntypes == 1) emit_comment(g, "value to %s", first->name);
  gen_exit(g, 0);
}

static void gen_func_ir(Gen *gen, Func *f, IrFunc *ir, GenFn *g, bool inline_calls);

/* ir_pass_inline's question: the optimised IR of the function of this
 * module that sym names, built once (without inlining into it), or NULL.
 * Both the function and its IR are found by name (a hash map), so a
 * program of many functions does not pay a scan per call site. */
static const IrFunc *inline_lookup(void *ctx, const char *sym) {
  Gen *gen = ctx;
  size_t n = strlen(gen->module); /* the symbol as gen_func_symbol() writes it */
  if (strncmp(sym, gen->module, n) != 0 || sym[n] != '.') return NULL;
  const char *name = sym + n + 1;
  Func *f = names_get(&gen->ctx->funcs, name);
  if (!f || !gen_compiled_here(gen, f) || f->is_generator || gen_func_has_structs(f)) return NULL;
  IrFunc *ir = names_get(&gen->inline_ir, name);
  if (!ir) {
    ir = malloc(sizeof *ir);
    if (!ir) fatal_oom();
    GenFn g;
    gen_func_ir(gen, f, ir, &g, false);
    names_put(&gen->inline_ir, &gen->ctx->arena, f->name, ir); /* sym lives with the caller's IR */
  }
  return ir;
}

/* -O1 and up: the passes over the function's IR. With inline_calls, tail
 * calls become loops first (ir_inline.c): the passes then follow the
 * parameters around the loop, the range pass in a copy for a first
 * parameter >= 0 too (which runs it). */
static void optimize(GenFn *g, bool inline_calls) {
  const Options *opt = g->gen->ctx->opt;
  if (opt->opt_level < 1) return;
  if (!g->cfi) ir_pass_rotate(g->ir); /* first: the copies start with their block's facts */
  bool versioned = false;
  if (inline_calls && !g->cfi) {
    if (!opt->no_inline) ir_pass_inline(g->ir, inline_lookup, g->gen);
    if (ir_pass_self_loop(g->ir)) {
      ir_pass_slot_facts(g->ir);
      versioned = ir_pass_version_sign(g->ir);
    }
  }
  ir_pass_slot_facts(g->ir);
  if (!versioned) ir_pass_ranges(g->ir); /* after: registers and slots are one where loads went */
  ir_pass_jumps(g->ir); /* after: dropped loads leave jumps adjacent */
  if (g->cfi) return;
  /* the sink drops dead stores on its way; without liveness, the coarse rule */
  if (!ir_pass_sink(g->ir)) ir_pass_dead_stores(g->ir);
  ir_pass_leave(g->ir);
  ir_pass_unreachable(g->ir);
  ir_pass_copies(g->ir);
  ir_pass_compact_frame(g->ir);
}

/* The comment before a function: its signature and frame. */
static void gen_func_header(Gen *gen, const Func *f, int frame) {
  Buf *out = gen->out;
  buf_printf(out, "\n# %s(", f->name);
  for (Param *p = f->params; p; p = p->next)
    buf_printf(out, "%s%s %s", p == f->params ? "" : ", ", p->var->type->name, p->name);
  buf_puts(out, ") ->");
  for (ContSig *c = f->conts; c; c = c->next) {
    buf_printf(out, " %s(", c->name);
    for (int i = 0; i < c->ntypes; i++) buf_printf(out, "%s%s", i ? ", " : "", c->tys[i]->name);
    buf_puts(out, ") |");
  }
  buf_printf(out, " event(String)%s\n# frame: %d bytes\n",
             f->is_generator ? "  [generator: RDI = SP1]" : "", frame);
}

/* Builds f's IR in ir (initialised here) and runs the -O passes on it. */
static void gen_func_ir(Gen *gen, Func *f, IrFunc *ir, GenFn *gp, bool inline_calls) {
  ir_func_init(ir, NULL);
  ir->labels = &gen->labels;
  *gp = (GenFn){.gen = gen, .f = f, .ncont = f->nconts + 1, .ir = ir, .blocks = &ir->blocks};
  GenFn *g = gp;
  const char *sym = gen_func_symbol(g, f);
  ir->symbol = sym;
  gen_number_slots(g);
  g->nfixed = g->nvars + g->ncont + (f->is_generator ? 1 : 0);
  g->cfi = gen->ctx->opt->debug_info;
  g->gen_values = gen_uses_gen_values(f->body);
  g->sacc = g->nfixed;
  g->nfixed += g->sacc_slots;
  if (!g->gen_values && !g->sacc_slots && (g->accum = gen_accum_applies(g))) {
    g->accum_slot = g->nfixed;
    g->nfixed += DODO_ACCUM_WORDS;
  }
  g->links_absolute = !f->is_generator;
  g->local = g->cfi ? gen_fmt(g, ".L%s", sym) : sym;
  g->raise = gen_fmt(g, "%s.raise", g->local);
  emit_label(g, opd_sym(sym), ENTRY_ENTRY);
  gen_emit_loc(g, f->loc);
  Node *rest = g->gen_values || g->sacc_slots ? NULL : gen_leaf_path(g);
  gen_prologue(g);
  g->line = 0; /* the body's first statement gets its own .loc, even on the same line */
  g->prologue_end = true;
  if (g->accum) gen_accum_body(g, rest);
  else gen_body(g, rest);
  ir_blocks_append(&ir->blocks, &g->cold);
  gen_raise_paths(g, g->local);
  if (g->cfi) emit0(g, IR_CFI_ENDPROC);
  ir->frame = 8 * (g->nfixed + g->max_temps);
  ir->unwind = ir->frame + 8 * (stack_params(f) + stack_conts(f));
  optimize(g, inline_calls);
}

static void gen_func(Gen *gen, Func *f) {
  if (!f->body) return; /* external: defined by another object */
  IrFunc ir;
  GenFn g;
  gen_func_ir(gen, f, &ir, &g, true);
  const char *sym = ir.symbol;
  IrLazy lazy = {0};
  bool lazy_resumes = f->is_generator && f->made_as_value && gen_lazy_resumes(gen);
  if (lazy_resumes) ir_lazy_resumes(&ir, &lazy);

  if (gen->ctx->opt->emit == EMIT_IR) {
    ir_dump(&ir, gen->out);
    ir_lazy_free(&lazy);
    ir_func_free(&ir);
    return;
  }
  gen_func_header(gen, f, ir.frame);
  const char *q = sym_asm(&gen->ctx->arena, sym);
  /* private functions (language.md §12) are local symbols (abi.md §2) */
  if (f->is_public) buf_printf(gen->out, "\t.text\n\t.globl %s\n", q);
  else buf_printf(gen->out, "\t.text\n");
  buf_printf(gen->out, "\t.type %s, @function\n\t.p2align 4\n%s:\n", q, q);
  ir_print(&ir, gen->out);
  if (g.cfi) gen_dwarf_func(&g);
  buf_printf(gen->out, "\t.size %s, .-%s\n", q, q);
  if (lazy_resumes) ir_lazy_table(&ir, &lazy, gen->out, sym_asm(&gen->ctx->arena, gen_resumes_symbol(&g, f)));
  ir_lazy_free(&lazy);
  ir_func_free(&ir);
}

/* The module context block (what RAX carries: abi.md §2), and the entry
 * record through which the runtime's main() finds Run. */
static void gen_module_data(Gen *gen, bool has_run) {
  Buf *out = gen->out;
  Arena *a = &gen->ctx->arena;
  int name = gen_string(gen, gen->module, strlen(gen->module));
  const char *ctx = sym_asm(a, gen->context);
  buf_printf(out, "\n# module context block\n\t.data\n\t.globl %s\n", ctx);
  buf_printf(out, "\t.type %s, @object\n\t.p2align 3\n%s:\n\t.quad .L.str.%d\t# module name\n"
                  "\t.size %s, 8\n", ctx, ctx, name, ctx);
  if (!has_run) return;
  buf_printf(out, "\n# program entry: Run and its context, for the runtime's main()\n"
                  "\t.section .data.rel.ro,\"aw\"\n\t.globl dodo_entry\n"
                  "\t.type dodo_entry, @object\n\t.p2align 3\ndodo_entry:\n"
                  "\t.quad %s\n\t.quad %s\n\t.size dodo_entry, 16\n",
             sym_asm(a, arena_printf(a, "%s.Run", gen->module)), ctx);
}

void gen_program(Ctx *ctx, Buf *out) {
  Gen gen = {.ctx = ctx, .out = out, .module = ctx->prog->module,
             .context = sym_context(&ctx->arena, ctx->prog->module)};
  bool ir_only = ctx->opt->emit == EMIT_IR; /* --emit=ir: the functions' IR only */
  buf_printf(out, "# %s: %s by dodoc from %s\n", gen.module, ir_only ? "IR" : "generated",
             ctx->src.path);
  if (ctx->opt->debug_info && !ir_only) {
    buf_printf(out, "\t.file 1 \"%s\"\n", ctx->src.path);
    gen_dwarf_begin(&gen);
  }
  bool has_run = false;
  for (Func *f = ctx->prog->funcs; f; f = f->next) {
    if (strcmp(f->name, "Run") == 0) has_run = true;
    gen_func(&gen, f);
    /* With a sink (the driver's output file), hold at most ~256 KiB. */
    if (out->len >= 256 * 1024) buf_drain(out);
  }
  for (size_t i = 0; i < gen.inline_ir.cap; i++) {
    IrFunc *ir = gen.inline_ir.keys[i] ? gen.inline_ir.values[i] : NULL;
    if (!ir) continue;
    ir_func_free(ir);
    free(ir);
  }
  if (ir_only) return;
  gen_module_data(&gen, has_run);
  gen_emit_strings(&gen);
  if (ctx->opt->debug_info) gen_dwarf_end(&gen);
  buf_puts(out, "\n\t.section .note.GNU-stack,\"\",@progbits\n");
}
