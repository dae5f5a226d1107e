/* Code generation for statements and control flow: blocks, declarations,
 * assignment, if/else, loops, ranges, break, throw. */
#include "fatal.h"
#include "gen_internal.h"

static void store_var(GenFn *g, const Var *v) {
  emit(g, "movq %%rax, %d(%%rbp)\t# %s", 8 * slot_of_var(v), v->name);
}

static void gen_block(GenFn *g, Node *n) {
  for (Node *s = n->block.stmts; s; s = s->next) {
    gen_node(g, s);
    if (s->type == &ty_never) break; /* the rest is unreachable */
  }
}

/* A declaration without initialiser takes its type's default: 0, false, "". */
static void gen_decl(GenFn *g, Node *n) {
  const Var *v = n->decl.var;
  if (v->type == &ty_stdout) return; /* a capability has no runtime value */
  if (n->decl.init) {
    gen_expr(g, n->decl.init);
  } else if (v->type == &ty_string) {
    emit(g, "leaq .L.str.%d(%%rip), %%rax", gen_string(g->gen, "", 0));
  } else {
    emit(g, "xorl %%eax, %%eax");
  }
  store_var(g, v);
}

/* -O1: `if (c) S` where S always leaves (end(), return, throw, break):
 * S goes out of line, after the body, so that the path that stays (a
 * loop's usual one) takes no branch. */
static void gen_if_leaving(GenFn *g, Node *n) {
  int cold = gen_new_label(g);
  gen_cond_jump(g, n->if_.cond, true, cold);
  Buf main = g->body;
  buf_init(&g->body); /* the arm's own text: arms nested in it go to g->cold */
  emit_label(g, ".L.%d", cold);
  /* the frame is as at the branch: RBP-based, as between any statements */
  if (g->cfi) emit(g, ".cfi_def_cfa %%rbp, " FRAME_UNWIND);
  g->line = 0; /* the arm's code, away from its line, gets its own .loc */
  gen_emit_loc(g, n->if_.then->loc);
  gen_node(g, n->if_.then);
  buf_putn(&g->cold, g->body.data, g->body.len);
  buf_free(&g->body);
  g->body = main;
  g->line = 0; /* the next statement gets its .loc again */
}

/* if (c) A else B
 *       <c> ; jz else ; <A> ; jmp end
 *   else: <B>
 *   end:
 * Used as a value, each arm leaves it in RAX. */
static void gen_if(GenFn *g, Node *n) {
  if (!n->if_.els && n->if_.then->type == &ty_never && g->gen->ctx->opt->opt_level >= 1) {
    gen_if_leaving(g, n);
    return;
  }
  int els = gen_new_label(g), end = gen_new_label(g);
  gen_cond_jump(g, n->if_.cond, false, els);
  gen_node(g, n->if_.then);
  if (n->if_.els && n->if_.then->type != &ty_never) emit(g, "jmp .L.%d", end);
  emit_label(g, ".L.%d", els);
  if (n->if_.els) {
    gen_node(g, n->if_.els);
    emit_label(g, ".L.%d", end);
  }
}

static void push_loop(GenFn *g, LoopLabels *l, int break_label) {
  *l = (LoopLabels){.break_label = break_label, .outer = g->loop};
  g->loop = l;
}

/* break: unwinds the generator if the innermost loop consumes one. */
static void gen_break(GenFn *g) {
  gen_unwind_loops(g, g->loop->outer);
  emit(g, "jmp .L.%d\t# break", g->loop->break_label);
}

/* Does the body contain a label entered from outside (a continuation of a
 * dodo call, another generator loop, a yield of this generator)? Only then
 * must it keep the frame base where those labels can find it. */
static bool needs_marker(const GenFn *g, const Node *n);

static bool list_needs_marker(const GenFn *g, const Node *n) {
  for (; n; n = n->next)
    if (needs_marker(g, n)) return true;
  return false;
}

static bool needs_marker(const GenFn *g, const Node *n) {
  if (!n) return false;
  switch (n->kind) {
  case ND_CALL:
    if (n->call.target == CALL_FUNC) return true;
    if (n->call.cont == 0 && g->f->is_generator) return true; /* a yield */
    return list_needs_marker(g, n->call.args);
  case ND_FOR_EACH: return true;
  case ND_STR:
    for (const StrPiece *p = n->str.pieces; p; p = p->next)
      if (needs_marker(g, p->expr)) return true;
    return false;
  case ND_UNARY: return needs_marker(g, n->unary.operand);
  case ND_BINARY: return needs_marker(g, n->binary.lhs) || needs_marker(g, n->binary.rhs);
  case ND_METHOD: return list_needs_marker(g, n->method.args);
  case ND_IF:
    return needs_marker(g, n->if_.cond) || needs_marker(g, n->if_.then) ||
           needs_marker(g, n->if_.els);
  case ND_BLOCK: return list_needs_marker(g, n->block.stmts);
  case ND_DECL: return needs_marker(g, n->decl.init);
  case ND_ASSIGN: return needs_marker(g, n->assign.value);
  case ND_LOOP: return needs_marker(g, n->loop.body);
  case ND_FOR_RANGE:
    return needs_marker(g, n->for_range.lo) || needs_marker(g, n->for_range.hi) ||
           needs_marker(g, n->for_range.body);
  case ND_THROW: return needs_marker(g, n->throw_.value);
  default: return false;
  }
}

static bool body_needs_marker(const GenFn *g, const Node *body) { return needs_marker(g, body); }

/* for x in gen(args) B, nested mode (abi.md §4–5): the generator's frame is
 * built right below ours, and the body runs below the generator's frame.
 *
 *       push marker                 SP1 = SP2 = RSP; [SP1] = SP1 - frame base
 *       RDI = SP1, args in RSI.., R8 = yield, R9 = end, R10 = event
 *       jmp gen
 *   yield:  RBP = RDI - [RDI]; save RSP (the generator's), R8 (resume),
 *           R9 (unwind); x = RAX; push marker; <B>
 *           RSP = saved; RDI = SP1; fresh R8/R9/R10; jmp *resume
 *   end:    RBP = RSP - [RSP]; pop        (RSP back to SP1)
 *   event:  the same, then jmp to the enclosing raise path
 * Saved addresses are kept as offsets from the frame base, so a generator
 * frame that consumes another generator can be moved (abi.md §5).
 * An event raised in B unwinds the generator first (the loop's raise path). */
static void gen_for_each(GenFn *g, Node *n) {
  Node *call = n->for_each.call;
  Func *gf = call->call.func;
  const char *sym = g->local;
  Arena *a = &g->gen->ctx->arena;
  int id = gen_new_label(g), done = gen_new_label(g);
  const char *yield = arena_printf(a, "%s.for%d.yield", sym, id);
  const char *end = arena_printf(a, "%s.for%d.end", sym, id);
  const char *event = arena_printf(a, "%s.for%d.event", sym, id);
  const char *raise = arena_printf(a, "%s.for%d.raise", sym, id);
  LoopLabels l;
  int state = temp_alloc(g, 5); /* generator RSP, SP1, resume, unwind, event value */
  int args = temp_alloc(g, gf->nparams);
  int i = 0;
  for (Node *arg = call->call.args; arg; arg = arg->next, i++) {
    gen_expr(g, arg);
    emit(g, "movq %%rax, %d(%%rbp)", 8 * (args + i));
  }
  emit_comment(g, "start generator %s below this frame", gf->name);
  gen_push_frame_marker(g);
  gen_store_loop_addr(g, "%rsp", state + 1);
  int spilled = gf->nparams > 3 ? gf->nparams - 3 : 0;
  if (spilled) emit(g, "subq $%d, %%rsp\t# parameters 4.. on SP2", 8 * spilled);
  for (int j = 0; j < spilled; j++) {
    emit(g, "movq %d(%%rbp), %%rax", 8 * (args + 3 + j));
    emit(g, "movq %%rax, %d(%%rsp)", 8 * j);
  }
  static const char *const regs[3] = {"%rsi", "%rdx", "%rcx"};
  for (int j = 0; j < gf->nparams && j < 3; j++)
    emit(g, "movq %d(%%rbp), %s", 8 * (args + j), regs[j]);
  temp_free(g, gf->nparams);
  gen_load_loop_addr(g, state + 1, "%rdi");
  emit(g, "leaq %s(%%rip), %%r8", yield);
  emit(g, "leaq %s(%%rip), %%r9", end);
  emit(g, "leaq %s(%%rip), %%r10", event);
  emit(g, "leaq %s(%%rip), %%rax", g->gen->context);
  emit(g, "jmp %s", gen_func_symbol(g->gen, gf));

  emit_label(g, "%s", yield);
  if (g->links_absolute) {
    emit(g, "movq (%%rdi), %%rbp\t# frame base from SP1");
  } else {
    emit(g, "movq %%rdi, %%rbp");
    emit(g, "subq (%%rdi), %%rbp\t# frame base = SP1 - [SP1]");
  }
  gen_store_loop_addr(g, "%rsp", state);
  emit(g, "movq %%r8, %d(%%rbp)\t# resume", 8 * (state + 2));
  emit(g, "movq %%r9, %d(%%rbp)\t# unwind", 8 * (state + 3));
  emit(g, "movq %%rax, %d(%%rbp)\t# %s", 8 * slot_of_var(n->for_each.var), n->for_each.var_name);
  push_loop(g, &l, done);
  l.marker = body_needs_marker(g, n->for_each.body);
  if (l.marker) gen_push_frame_marker(g);
  l.is_gen = true;
  l.gen_sp = state;
  l.sp1 = state + 1;
  l.resume = state + 2;
  l.unwind = state + 3;
  const char *outer_raise = g->raise;
  g->raise = raise;
  g->body_depth++;
  gen_node(g, n->for_each.body);
  if (n->for_each.body->type != &ty_never) {
    emit_comment(g, "resume the generator");
    gen_load_loop_addr(g, state, "%rsp");
    gen_load_loop_addr(g, state + 1, "%rdi");
    emit(g, "leaq %s(%%rip), %%r8", yield);
    emit(g, "leaq %s(%%rip), %%r9", end);
    emit(g, "leaq %s(%%rip), %%r10", event);
    emit(g, "leaq %s(%%rip), %%rax", g->gen->context);
    emit(g, "jmp *%d(%%rbp)", 8 * (state + 2));
  }
  /* an event in the body: unwind the generator, then raise further out */
  emit_label(g, "%s", raise);
  gen_recover_frame(g, 0);
  emit(g, "movq %%rax, %d(%%rbp)\t# the event", 8 * (state + 4));
  g->body_depth--;
  g->raise = outer_raise;
  gen_unwind_loops(g, l.outer);
  emit(g, "movq %d(%%rbp), %%rax", 8 * (state + 4));
  emit(g, "jmp %s", g->raise);
  g->loop = l.outer;

  emit_label(g, "%s", event);
  gen_pop_frame_marker(g);
  emit(g, "jmp %s", g->raise);
  emit_label(g, "%s", end);
  gen_pop_frame_marker(g);
  emit_label(g, ".L.%d", done);
  temp_free(g, 5);
}

/* loop B:   top: <B> ; jmp top ; break: */
static void gen_loop(GenFn *g, Node *n) {
  int top = gen_new_label(g), out = gen_new_label(g);
  LoopLabels l;
  push_loop(g, &l, out);
  emit_label(g, ".L.%d", top);
  gen_node(g, n->loop.body);
  emit(g, "jmp .L.%d", top);
  emit_label(g, ".L.%d", out);
  g->loop = l.outer;
}

/* for i in a...b B: both bounds once; the test before incrementing means
 * b = INT64_MAX terminates without overflow.
 *       i = a ; limit = b ; if i > limit goto out
 *   body: <B>
 *       if i >= limit goto out ; i += 1 ; goto body
 *   out: */
static void gen_for_range(GenFn *g, Node *n) {
  int ivar = 8 * slot_of_var(n->for_range.var), limit = 8 * n->for_range.limit_slot;
  int body = gen_new_label(g), out = gen_new_label(g);
  gen_expr(g, n->for_range.lo);
  emit(g, "movq %%rax, %d(%%rbp)\t# %s", ivar, n->for_range.var_name);
  gen_expr(g, n->for_range.hi);
  emit(g, "movq %%rax, %d(%%rbp)\t# upper bound", limit);
  emit(g, "cmpq %%rax, %d(%%rbp)", ivar);
  emit(g, "jg .L.%d", out);
  LoopLabels l;
  push_loop(g, &l, out);
  emit_label(g, ".L.%d", body);
  gen_node(g, n->for_range.body);
  emit(g, "movq %d(%%rbp), %%rax", ivar);
  emit(g, "cmpq %d(%%rbp), %%rax", limit);
  emit(g, "jge .L.%d", out);
  emit(g, "incq %%rax");
  emit(g, "movq %%rax, %d(%%rbp)", ivar);
  emit(g, "jmp .L.%d", body);
  emit_label(g, ".L.%d", out);
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
  Node *lhs = v->binary.lhs, *rhs = v->binary.rhs;
  if (lhs->kind != ND_NAME || lhs->name.var != n->assign.var) return false;
  const char *src = gen_operand(g, rhs);
  if (!src || (rhs->kind == ND_NAME && rhs->name.var == n->assign.var)) return false;
  if (src[0] != '$') {
    emit(g, "movq %s, %%rax", src);
    src = "%rax";
  }
  emit(g, "%s %s, %d(%%rbp)\t# %s", v->binary.op == OP_ADD ? "addq" : "subq", src,
       8 * slot_of_var(n->assign.var), n->assign.name);
  gen_jump_error(g, "jo", 0);
  return true;
}

void gen_node(GenFn *g, Node *n) {
  switch (n->kind) {
  case ND_BLOCK: gen_block(g, n); return;
  case ND_DECL: gen_emit_loc(g, n->loc); gen_decl(g, n); return;
  case ND_ASSIGN:
    gen_emit_loc(g, n->loc);
    if (gen_assign_in_place(g, n)) return;
    gen_expr(g, n->assign.value);
    store_var(g, n->assign.var);
    return;
  case ND_IF: gen_emit_loc(g, n->loc); gen_if(g, n); return;
  case ND_LOOP: gen_emit_loc(g, n->loc); gen_loop(g, n); return;
  case ND_FOR_RANGE: gen_emit_loc(g, n->loc); gen_for_range(g, n); return;
  case ND_BREAK: gen_break(g); return;
  case ND_THROW:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n->throw_.value);
    emit(g, "jmp %s", g->raise);
    return;
  case ND_FOR_EACH: gen_emit_loc(g, n->loc); gen_for_each(g, n); return;
  default:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n);
    return;
  }
}
