/* Ownership of generator values (language.md §10): a generator value
 * belongs to the block of the variable it initialises, or to the statement
 * that makes it as a temporary. The owner keeps its values in frame slots,
 * zeroed when control enters it, and calls dodo_gen_destroy on each (newest
 * first; NULL, a value not made yet, is ignored) on every way out:
 *
 *   end       at the owner's end (RAX, a statement's value, kept)
 *   break, a continuation, a generator's unwind
 *             gen_unwind_loops(), which walks the loop chain the owner sits
 *             in, so loops and owners are left inside out
 *   an event  the owner's raise path: events inside it go there first,
 *             then on to the raise path around it
 *
 * A destroyed value that is suspended is unwound first by the runtime: its
 * own owners and loops are left by its unwind continuation, the same way. */
#include "fatal.h"
#include "gen_internal.h"

/* Walks the part of n that belongs to n itself, not the statements inside
 * it (blocks, handler bodies, the arms of an `if`, loop bodies: each of them
 * owns its own), numbering the creations in evaluation order: arguments
 * before the call that takes them. */
static void walk(GenFn *g, Node *n, int *count, int base) {
  if (!n) return;
  switch (n->kind) {
  case ND_BLOCK: case ND_LOOP: return;
  case ND_IF: walk(g, n->if_.cond, count, base); return;
  case ND_FOR_RANGE:
    walk(g, n->for_range.lo, count, base);
    walk(g, n->for_range.hi, count, base);
    return;
  case ND_FOR_EACH: walk(g, n->for_each.call, count, base); return;
  default: break;
  }
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_ONE: case CHILD_OPT: walk(g, field, count, base); break;
    case CHILD_LIST:
      for (Node *k = field; k; k = k->next) walk(g, k, count, base);
      break;
    case CHILD_PIECES:
      for (StrPiece *p = field; p; p = p->next) walk(g, p->expr, count, base);
      break;
    case CHILD_HANDLERS: case CHILD_END: break;
    }
  }
  /* a creation already given to an owner (the statement being generated
   * by gen_owned_stmt itself) is not counted again */
  if (!gen_is_creation(n) || n->call.gen_slot) return;
  if (base >= 0) n->call.gen_slot = base + *count + 1; /* 0: not owned yet */
  ++*count;
}

static bool is_gen_decl(const Node *n) {
  return n->kind == ND_DECL && n->decl.var && n->decl.var->type->kind == TY_GENERATOR;
}

static void owner_open(GenFn *g, LoopLabels *o, int count) {
  *o = (LoopLabels){.is_owner = true, .nowned = count, .outer = g->loop};
  /* one more word: the event, or the statement's value, kept across the
   * destroys */
  o->owned = temp_alloc(g, count + 1);
  emit_comment(g, "%d generator value%s owned here", count, count == 1 ? "" : "s");
  for (int i = 0; i < count; i++) emit2(g, IR_MOVQ, opd_imm(0), opd_slot(o->owned + i));
  o->break_label = gen_new_label(g); /* the raise path's label */
  o->outer_raise = g->raise;
  g->raise = gen_fmt(g, "%s.owner%d.raise", g->local, o->break_label);
  g->loop = o;
}

void gen_owner_destroy(GenFn *g, const LoopLabels *o) {
  for (int i = o->nowned - 1; i >= 0; i--) {
    emit2(g, IR_MOVQ, opd_slot(o->owned + i), opd_reg(REG_RDI));
    gen_c_call(g, "dodo_gen_destroy");
  }
}

void gen_owner_close(GenFn *g, LoopLabels *o, bool reachable) {
  if (g->loop != o) ICE(0, "gen_owner_close: not the innermost owner");
  const char *raise = g->raise;
  g->loop = o->outer;
  g->raise = o->outer_raise;
  Opd keep = opd_slot(o->owned + o->nowned);
  int past = gen_new_label(g);
  if (reachable) {
    emit_comment(g, "end of the owner: destroy its generator values");
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), keep);
    gen_owner_destroy(g, o);
    emit2(g, IR_MOVQ, keep, opd_reg(REG_RAX));
    emit1(g, IR_JMP, opd_label(past));
  }
  emit_label(g, opd_sym(raise), ENTRY_RAISE);
  emit_comment(g, "an event: destroy the generator values owned here, then raise further out");
  gen_recover_frame(g, 0);
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), keep)->comment = "the event";
  gen_owner_destroy(g, o);
  emit2(g, IR_MOVQ, keep, opd_reg(REG_RAX));
  emit1(g, IR_JMP, opd_sym(g->raise));
  emit_label(g, opd_label(past), ENTRY_JOIN);
  temp_free(g, o->nowned + 1);
}

bool gen_owned_stmt(GenFn *g, Node *n) {
  if (!g->gen_values || n->kind == ND_BLOCK || is_gen_decl(n)) return false;
  int count = 0;
  walk(g, n, &count, -1);
  if (!count) return false;
  LoopLabels o;
  owner_open(g, &o, count);
  count = 0;
  walk(g, n, &count, o.owned);
  gen_node(g, n); /* its creations have slots now: no second owner */
  gen_owner_close(g, &o, !type_is_never(n->type));
  return true;
}

bool gen_block_owner_open(GenFn *g, Node *block, LoopLabels *o) {
  if (!g->gen_values) return false;
  int count = 0;
  for (Node *s = block->block.stmts; s; s = s->next)
    if (is_gen_decl(s)) walk(g, s->decl.init, &count, -1);
  if (!count) return false;
  owner_open(g, o, count);
  count = 0;
  for (Node *s = block->block.stmts; s; s = s->next)
    if (is_gen_decl(s)) walk(g, s->decl.init, &count, o->owned);
  return true;
}

static bool uses(const Node *n) {
  if (!n) return false;
  if (n->kind == ND_CALL && (n->call.target == CALL_NEXT || gen_is_creation(n))) return true;
  if (n->kind == ND_FOR_EACH && n->for_each.detached) return true;
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_ONE: case CHILD_OPT:
      if (uses(field)) return true;
      break;
    case CHILD_LIST:
      for (Node *k = field; k; k = k->next)
        if (uses(k)) return true;
      break;
    case CHILD_PIECES:
      for (StrPiece *p = field; p; p = p->next)
        if (uses(p->expr)) return true;
      break;
    case CHILD_HANDLERS:
      for (Handler *h = field; h; h = h->next)
        if (uses(h->body)) return true;
      break;
    case CHILD_END: break;
    }
  }
  return false;
}

bool gen_uses_gen_values(const Node *body) { return uses(body); }
