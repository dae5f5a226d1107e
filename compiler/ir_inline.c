/* -O1, after the other passes: tail calls that become loops.
 *
 * Inlining. A tail call `jmp m.g` leaves with everything g's entry needs in
 * place (abi.md §3): parameters in RDI…, continuations in R8…, RSP = R. So
 * when g is compiled in this module, makes no call and has no frame once
 * optimised, and is short, a copy of g's blocks can stand in for it: the
 * jump goes to the copy, whose labels are renamed, and whose own tail calls
 * stay as they are. Mutual recursion (isEven calls isOdd, which calls
 * isEven) then holds a call of the function itself.
 *
 * Loops. A tail call of the function itself, `jmp m.f`, enters its first
 * block again with the same facts as any caller. It becomes a jump to a
 * label at the top of the body, `.L.top`, so the graph has the loop (the
 * passes take a jump to the function's own symbol for an exit: a new
 * frame). The range pass then follows the parameters around it.
 *
 * Sign versioning. In such a loop, `n - 1` after `n = 0` was tested still
 * overflows for n = MIN, so the range pass keeps its `jo`. When the loop
 * counts its first parameter down, a copy of the body for RDI >= 0, entered
 * by one `js` at the entry, lets the range pass see the parameter never
 * goes below 0 there: the checks go from the copy that runs. The original
 * stays for negative arguments, with its checks and events exactly as they
 * were. The copy is kept only if it lost a check. */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir_pass.h"

enum { INLINE_MAX_INSNS = 32 };

/* Whether g can be copied into another function: no frame (no operand
 * relative to F or U, no memory at RSP or RBP), no C call, no CFI, and short. */
static bool inlinable(const IrFunc *g) {
  int count = 0;
  for (int i = 0; i < g->blocks.n; i++) {
    const IrBlock *b = g->blocks.b[i];
    if (b->nfacts) return false;
    for (int k = 0; k < b->n; k++) {
      const IrInsn *in = &b->insns[k];
      IrOp op = (IrOp)in->op;
      if (op == IR_CALL || (ir_is_pseudo(op) && op != IR_COMMENT)) return false;
      if (!ir_is_pseudo(op) && ++count > INLINE_MAX_INSNS) return false;
      for (int j = 0; j < in->nops; j++) {
        Opd o = in->a[j];
        if (o.frame != FA_NONE) return false;
        if (o.kind == OPD_MEM && (o.reg == REG_RSP || o.reg == REG_RBP)) return false;
        if (o.kind == OPD_REG && (o.reg == REG_RSP || o.reg == REG_RBP)) return false;
      }
    }
  }
  return true;
}

/* g's block labels and the .L labels of f that replace them. */
typedef struct LabelMap {
  IrBlock *const *from; /* the blocks copied */
  int n;
  int *to; /* the label of each one's copy */
} LabelMap;

static int mapped_block(const LabelMap *m, Opd o) {
  for (int i = 0; i < m->n; i++) {
    Opd l = m->from[i]->label;
    if (o.label > 0 ? l.label == o.label : !l.label && l.sym && o.sym && strcmp(l.sym, o.sym) == 0)
      return i;
  }
  return -1;
}

static Opd rename(const LabelMap *m, Opd o) {
  bool target = o.kind == OPD_SYM && !o.star;
  bool address = o.kind == OPD_MEM && o.reg == REG_RIP;
  if (!target && !address) return o;
  if (!o.label && !o.sym) return o;
  int i = mapped_block(m, o);
  if (i < 0) return o; /* another function, a string: the same in f */
  Opd r = target ? opd_label(m->to[i]) : opd_rip_label(m->to[i]);
  r.val = o.val;
  return r;
}

/* Copies of blocks from[0..n) of some function into a new list of f's,
 * their labels renamed to fresh .L labels (m->to), and every reference to
 * them in the copies too. */
static IrBlockList copy_blocks(IrFunc *f, LabelMap *m) {
  m->to = ARENA_ARRAY(&f->arena, int, m->n);
  for (int i = 0; i < m->n; i++) m->to[i] = ++*f->labels;
  IrBlockList copies = {0};
  for (int i = 0; i < m->n; i++) {
    const IrBlock *from = m->from[i];
    EntryKind entry = from->entry == ENTRY_ENTRY ? ENTRY_JOIN : from->entry;
    IrBlock *to = ir_block_new(f, &copies, opd_label(m->to[i]), entry);
    to->align = from->align;
    for (int j = 0; j < from->nfacts; j++) to->facts[j] = from->facts[j];
    to->nfacts = from->nfacts;
    for (int k = 0; k < from->n; k++) {
      IrInsn in = from->insns[k];
      for (int j = 0; j < in.nops; j++) in.a[j] = rename(m, in.a[j]);
      ir_append(to, in);
    }
  }
  return copies;
}

/* f's blocks with `ins` put after block `at`, in their order. */
static void insert_blocks(IrFunc *f, int at, IrBlockList *ins) {
  IrBlockList out = {0};
  for (int i = 0; i <= at; i++) ir_blocks_append_one(&out, f->blocks.b[i]);
  ir_blocks_append(&out, ins);
  for (int i = at + 1; i < f->blocks.n; i++) ir_blocks_append_one(&out, f->blocks.b[i]);
  free(f->blocks.b);
  f->blocks = out;
}

/* Puts a copy of g's blocks into f after block `at` (the copies keep their
 * order, so g's fall-throughs hold); returns the label of its entry. */
static int copy_in(IrFunc *f, const IrFunc *g, int at) {
  if (g->blocks.n && ir_block_falls_through(g->blocks.b[g->blocks.n - 1]))
    ICE(0, "an inlined function that runs off its end");
  LabelMap m = {g->blocks.b, g->blocks.n, NULL};
  IrBlockList copies = copy_blocks(f, &m);
  insert_blocks(f, at, &copies);
  return m.to[0];
}

static bool is_tail_jump_to(const IrInsn *in, const char *sym) {
  Opd t = in->a[0];
  return in->op == IR_JMP && t.kind == OPD_SYM && !t.star && !t.label && t.sym &&
         strcmp(t.sym, sym) == 0;
}

/* Whether b hands out the address of one of the function's blocks (c was
 * built on it) before insn k (a continuation of a call): then its jump is a
 * call, not a tail call. */
static bool hands_out_label(const IrCfg *c, const IrBlock *b, int k) {
  for (int x = 0; x < k; x++) {
    const IrInsn *in = &b->insns[x];
    for (int j = 0; j < in->nops; j++) {
      Opd o = in->a[j];
      if (o.kind != OPD_MEM || o.reg != REG_RIP || (!o.label && !o.sym)) continue;
      if (ir_cfg_block_of(c, o) >= 0) return true;
    }
  }
  return false;
}

/* The last real instruction of b, or NULL. */
static IrInsn *last_insn(IrBlock *b) {
  for (int k = b->n - 1; k >= 0; k--)
    if (!ir_is_pseudo((IrOp)b->insns[k].op)) return &b->insns[k];
  return NULL;
}

bool ir_pass_inline(IrFunc *f, IrInlineLookup lookup, void *ctx) {
  bool changed = false;
  IrCfg c; /* the blocks as they are: copies hand out none of them */
  ir_cfg_build(&c, f);
  /* only the jump that ends a block: the copy goes right after it, in
   * its place (a jump in the middle would be a branch's target anyway) */
  for (int i = 0; i < f->blocks.n; i++) {
    IrBlock *b = f->blocks.b[i];
    IrInsn *in = last_insn(b);
    if (!in || in->op != IR_JMP || hands_out_label(&c, b, (int)(in - b->insns))) continue;
    Opd t = in->a[0];
    if (t.kind != OPD_SYM || t.star || t.label || !t.sym || strcmp(t.sym, f->symbol) == 0)
      continue;
    const IrFunc *g = lookup(ctx, t.sym);
    if (!g || !inlinable(g)) continue;
    int n = g->blocks.n;
    copy_in(f, g, i);
    /* the copy follows: the jump becomes a fall-through */
    *in = ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0});
    in->comment = "inlined: the callee's copy follows";
    changed = true;
    i += n; /* copies are not inlined into again */
  }
  ir_cfg_free(&c);
  return changed;
}

/* `jmp f` in f with no continuation handed out before it: a tail call. (A
 * call of f enters it just the same, but with a new frame below this one:
 * the passes must keep seeing it as an exit, whose frame is another.) */
static bool is_self_tail_call(const IrFunc *f, const IrCfg *c, const IrBlock *b, int k) {
  return is_tail_jump_to(&b->insns[k], f->symbol) && !hands_out_label(c, b, k);
}

bool ir_pass_self_loop(IrFunc *f) {
  int jumps = 0;
  IrCfg c; /* the blocks before .L.top: both scans below ask it the same */
  ir_cfg_build(&c, f);
  for (int i = 0; i < f->blocks.n; i++)
    for (int k = 0; k < f->blocks.b[i]->n; k++)
      jumps += is_self_tail_call(f, &c, f->blocks.b[i], k);
  if (!jumps || f->blocks.n == 0) {
    ir_cfg_free(&c);
    return false;
  }
  /* the entry keeps the symbol and falls into .L.top, which takes its code */
  IrBlock *entry = f->blocks.b[0];
  IrBlockList rest = f->blocks;
  f->blocks = (IrBlockList){0};
  IrBlock *head = ir_block_new(f, &f->blocks, entry->label, ENTRY_ENTRY);
  int top = ++*f->labels;
  entry->label = opd_label(top);
  entry->entry = ENTRY_JOIN;
  entry->align = true;
  (void)head;
  ir_blocks_append(&f->blocks, &rest);
  for (int i = 0; i < f->blocks.n; i++)
    for (int k = 0; k < f->blocks.b[i]->n; k++) {
      IrInsn *in = &f->blocks.b[i]->insns[k];
      if (!is_self_tail_call(f, &c, f->blocks.b[i], k)) continue;
      in->a[0] = opd_label(top);
      in->comment = "tail call of itself: the loop";
    }
  ir_cfg_free(&c);
  return true;
}

static int count_overflow_checks(const IrBlockList *l, int from, int to) {
  int n = 0;
  for (int i = from; i < to; i++)
    for (int k = 0; k < l->b[i]->n; k++) {
      const IrInsn *in = &l->b[i]->insns[k];
      n += in->op == IR_JCC && in->cc == CC_O;
    }
  return n;
}

bool ir_pass_version_sign(IrFunc *f) {
  IrBlockList *l = &f->blocks;
  /* what ir_pass_self_loop left: an empty entry falling into .L.top */
  if (l->n < 2 || l->b[0]->n != 0 || !l->b[1]->label.label || !l->b[1]->align) return false;
  int checks = count_overflow_checks(l, 1, l->n);
  if (!checks) return false;
  IrBlockList saved = {0};
  for (int i = 0; i < l->n; i++) ir_blocks_append_one(&saved, l->b[i]);
  int slow_top = l->b[1]->label.label;
  LabelMap m = {l->b + 1, l->n - 1, NULL};
  IrBlockList fast = copy_blocks(f, &m);
  int nfast = fast.n;
  /* entry: testq %rdi, %rdi ; js <the body as it was> ; the copy follows */
  IrBlock *entry = l->b[0];
  ir_append(entry, ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0}))->comment =
      "the body again for a first parameter >= 0: the loop below keeps it so";
  ir_append(entry, ir_insn(IR_TESTQ, 2, opd_reg(REG_RDI), opd_reg(REG_RDI)));
  IrInsn js = ir_insn(IR_JCC, 1, opd_label(slow_top), (Opd){0});
  js.cc = CC_S;
  ir_append(entry, js);
  insert_blocks(f, 0, &fast);
  ir_pass_ranges(f);
  if (count_overflow_checks(&f->blocks, 1, 1 + nfast) < checks) {
    free(saved.b);
    return true;
  }
  /* nothing gained: the body as it was, without the copy */
  entry->n = 0;
  free(f->blocks.b);
  f->blocks = saved;
  return false;
}
