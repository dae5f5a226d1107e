/* Code generation for statements and control flow: blocks, declarations,
 * assignment, if/else, loops, ranges, break, throw. */
#include "fatal.h"
#include "gen_internal.h"

static void store_var(GenFn *g, const Var *v) {
  emit(g, "movq %%rax, %d(%%rsp)\t# %s", 8 * slot_of_var(v), v->name);
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

/* if (c) A else B
 *       <c> ; jz else ; <A> ; jmp end
 *   else: <B>
 *   end:
 * Used as a value, each arm leaves it in RAX. */
static void gen_if(GenFn *g, Node *n) {
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
  l->break_label = break_label;
  l->outer = g->loop;
  g->loop = l;
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
  emit(g, "movq %%rax, %d(%%rsp)\t# %s", ivar, n->for_range.var_name);
  gen_expr(g, n->for_range.hi);
  emit(g, "movq %%rax, %d(%%rsp)\t# upper bound", limit);
  emit(g, "cmpq %%rax, %d(%%rsp)", ivar);
  emit(g, "jg .L.%d", out);
  LoopLabels l;
  push_loop(g, &l, out);
  emit_label(g, ".L.%d", body);
  gen_node(g, n->for_range.body);
  emit(g, "movq %d(%%rsp), %%rax", ivar);
  emit(g, "cmpq %d(%%rsp), %%rax", limit);
  emit(g, "jge .L.%d", out);
  emit(g, "incq %%rax");
  emit(g, "movq %%rax, %d(%%rsp)", ivar);
  emit(g, "jmp .L.%d", body);
  emit_label(g, ".L.%d", out);
  g->loop = l.outer;
}

void gen_node(GenFn *g, Node *n) {
  switch (n->kind) {
  case ND_BLOCK: gen_block(g, n); return;
  case ND_DECL: gen_emit_loc(g, n->loc); gen_decl(g, n); return;
  case ND_ASSIGN:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n->assign.value);
    store_var(g, n->assign.var);
    return;
  case ND_IF: gen_emit_loc(g, n->loc); gen_if(g, n); return;
  case ND_LOOP: gen_emit_loc(g, n->loc); gen_loop(g, n); return;
  case ND_FOR_RANGE: gen_emit_loc(g, n->loc); gen_for_range(g, n); return;
  case ND_BREAK: emit(g, "jmp .L.%d\t# break", g->loop->break_label); return;
  case ND_THROW:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n->throw_.value);
    emit(g, "jmp %s.raise", gen_func_symbol(g->gen, g->f));
    return;
  case ND_FOR_EACH: ICE("generator loops are not implemented");
  default:
    gen_emit_loc(g, n->loc);
    gen_expr(g, n);
    return;
  }
}
