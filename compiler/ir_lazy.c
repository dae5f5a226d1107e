/* Lazy resumes: a generator value's step that copies in only the words the
 * code it resumes reads (abi.md §12 "Lazy resumes", runtime/gen_switch.S).
 *
 * A step copies the generator's segment in from its buffer, resumes it, and
 * at the next yield copies it out again. B6's generator reads two words per
 * step and writes one, while up to 4 KiB of live locals wait for its loop to
 * end. So, after the passes, for each resume label:
 *
 *   - its region: the code from the label, up to a yield, an exit, or the
 *     first instruction this file cannot follow (a call, memory it cannot
 *     place in the frame, RSP moved, a frame address taken), and without
 *     the blocks from which no yield is reachable that touch the frame (the
 *     code after a generator's loop, which reads its locals once);
 *   - the frame words the region reads or writes (R), and writes (W).
 *
 * For a label with a region, the function gains `label.lazy`: moves of the
 * R words from the buffer (RSI) to the stack, then a copy of the region's
 * blocks. Where the region stops, the copy calls the runtime's
 * dodo_gen_fill (`pushq $U; call`), which copies the rest in, once, and the
 * copy goes on as the original code. A yield reached in the copy needs only
 * the W words copied out. The original code stays as it was: nested mode,
 * the C API and an unwind never run a copy.
 *
 * Every yield of the generator passes R10 = the entry of the label it hands
 * out (or 0): {label.lazy, U, first word of W, mask of W from it}, in the
 * table m.f.resumes. The runtime takes a lazy resume only when the segment
 * is U bytes (a yield inside a nested `for … in` body is deeper). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* Bad facts on a path (a join ORs them): RDI is no longer SP1, RBP is not
 * the frame base, RCX is not a copy of SP1 (a wide yield stores its value
 * through one, at SP1 + 8 + 8i). At a resume RDI = SP1 and RBP and RCX are
 * unknown. */
enum { MOVED_RDI = 1, RBP_UNKNOWN = 2, RCX_NOT_SP1 = 4, NSTATES = 8 };
enum { AT_RESUME = RBP_UNKNOWN | RCX_NOT_SP1 };
enum { OUTSIDE = -1, HARD = -2 };
enum { NONE = INT_MAX };       /* no fill point in the block */
enum { MAX_R_WORDS = 32 };     /* the lazy code moves each: beyond, no entry */
enum { MAX_REGION_BLOCKS = 128 }; /* a label's walk; beyond, no entry */
enum { WALK_BUDGET_PER_BLOCK = 8 }; /* all the walks: linear in the blocks */

typedef struct Lazy {
  IrFunc *f;
  IrCfg c;
  int nwords;      /* U / 8: the segment's words at a resume */
  int *state;      /* per block: the states it is entered in lazy code (-1: none) */
  int *fill;       /* per block: its first instruction lazy code cannot run, or NONE */
  bool *reaches;   /* a yield is reachable from it in lazy code */
  bool *touches;   /* it reads or writes frame words before its fill point */
  int *stack, nstack;
  /* the walk of one label */
  int *seen, walk;
  bool *inr, *inw; /* per word */
  int *words, nr;  /* the R words, in the order found */
  int wfirst, wlast;
  bool recording;
  int64_t budget;  /* blocks the walks may still visit, in all */
  int cur;         /* the block being scanned, for record_edge */
  int *efrom, *eto, nedges, capedges;
  /* the entries */
  int *entry_of;   /* per block: its entry, or -1 */
  int *copy;       /* per block: 1 (then the .L.N) if lazy code runs a copy of it */
  int *visit;      /* the blocks of one walk */
  int *rwords;     /* per entry: its R words, MAX_R_WORDS apart, sorted */
  int *rcount;
} Lazy;

/* The bytes an instruction's memory operand covers when it reads it. */
static int read_width(IrOp op) {
  switch (op) {
  case IR_MOVZBL: case IR_MOVSBQ: case IR_TESTB: return 1;
  case IR_MOVZWL: case IR_MOVSWQ: return 2;
  case IR_MOVL: case IR_CMPL: case IR_TESTL: case IR_MOVSLQ: case IR_XORL: return 4;
  default: return 8;
  }
}

/* Where memory operand o is, in state: its byte offset in the segment,
 * OUTSIDE (data, or the consumer's memory above SP1) or HARD. */
static int64_t frame_at(const Lazy *z, Opd o, int state, int width) {
  if (o.reg == REG_RIP) return OUTSIDE;
  if (o.sym || o.label || o.frame != FA_NONE || o.slot_at < 0) return HARD;
  /* above SP1: the consumer's (a wide value's room), not the segment */
  if (o.reg == REG_RDI && !(state & MOVED_RDI) && o.val >= 0 && !o.slot_at) return OUTSIDE;
  if (o.reg == REG_RCX && !(state & RCX_NOT_SP1) && o.val >= 0 && !o.slot_at) return OUTSIDE;
  if (o.stack) return HARD; /* below the frame: RSP went down */
  int64_t at;
  bool rbp_frame = o.reg == REG_RBP && !(state & RBP_UNKNOWN);
  if (o.slot_at > 0 && (o.reg == REG_RSP || rbp_frame)) at = o.slot_at - 1;
  else if (o.slot_at > 0) return HARD;
  else if (o.reg == REG_RSP || rbp_frame) at = o.val;
  else return HARD;
  if (at < 0 || width <= 0 || at + width > 8 * (int64_t)z->nwords) return HARD;
  return at;
}

static void note_word(Lazy *z, int k, bool write) {
  if (!z->recording) return;
  if (!z->inr[k]) {
    z->inr[k] = true;
    z->words[z->nr++] = k;
  }
  if (write && !z->inw[k]) {
    z->inw[k] = true;
    if (z->wlast < 0 || k < z->wfirst) z->wfirst = k;
    if (k > z->wlast) z->wlast = k;
  }
}

/* The frame words the instruction reads and writes (noted while
 * recording); false if lazy code cannot run it. */
static bool insn_ok(Lazy *z, const IrInsn *in, int state, bool *touched) {
  IrOp op = (IrOp)in->op;
  IrEffect fx = ir_op_effect(op);
  if (fx == FX_CALL || fx == FX_PUSH) return false;
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if (o.kind != OPD_MEM) continue;
    if (op == IR_LEAQ) { /* an address, no access: of the frame, it escapes */
      if (o.reg != REG_RIP && (o.reg == REG_RSP || o.reg == REG_RBP || o.slot_at)) return false;
      continue;
    }
    /* a word written is in R as well: the lazy code copies it in, since a
     * path may read it before it writes it, or write only part of it */
    bool write = (fx == FX_MOVE || fx == FX_WRITES_LAST) && j == in->nops - 1;
    int width = write ? ir_op_width(op) : read_width(op);
    int64_t at = frame_at(z, o, state, width);
    if (at == HARD) return false;
    if (at == OUTSIDE) continue;
    *touched = true;
    for (int64_t k = at / 8; k <= (at + width - 1) / 8; k++) note_word(z, (int)k, write);
  }
  return true;
}

static int next_real(const IrBlock *b, int k) {
  for (k++; k < b->n && ir_is_pseudo((IrOp)b->insns[k].op); k++) {}
  return k;
}

typedef struct Exit {
  bool yields;
  int reentries;
  const IrFunc *f;
} Exit;

static void visit_reentry(void *arg, int block) {
  Exit *e = arg;
  e->reentries++;
  if (e->f->blocks.b[block]->entry == ENTRY_RESUME) e->yields = true;
}

/* What the exit at insns[k] of block b is: a yield is an indirect jump (to
 * the consumer's continuation) that may come back at a resume block; a
 * jump to a function that comes back is a call. */
static Exit exit_kind(const Lazy *z, int b, int k) {
  Exit e = {.f = z->f};
  ir_cfg_reentries(&z->c, b, k, visit_reentry, &e);
  if (!z->f->blocks.b[b]->insns[k].a[0].star) e.yields = false;
  return e;
}

typedef void (*EdgeFn)(Lazy *z, int to, int state);

/* Scans block b entered in `state` as lazy code: its fill point (or NONE),
 * its successors in lazy code (edge), whether it yields and touches the
 * frame before the fill point. */
static int scan_block(Lazy *z, int b, int state, EdgeFn edge, bool *yields, bool *touched) {
  const IrBlock *blk = z->f->blocks.b[b];
  *yields = *touched = false;
  for (int k = 0; k < blk->n; k++) {
    const IrInsn *in = &blk->insns[k];
    if (ir_is_pseudo((IrOp)in->op)) continue;
    if (!insn_ok(z, in, state, touched)) return k;
    unsigned regs = ir_regs_written(in);
    if (regs & 1u << REG_RSP) {
      /* only to leave for good right after: the end, an event */
      int j = next_real(blk, k);
      if (j >= blk->n) return k;
      const IrInsn *out = &blk->insns[j];
      if (!ir_cfg_leaves(&z->c, out) || out->op != IR_JMP || out->a[0].kind != OPD_REG) return k;
      if (exit_kind(z, b, j).reentries > 0) return k;
      return NONE;
    }
    if (regs & 1u << REG_RCX) {
      bool sp1 = in->op == IR_MOVQ && opd_is_reg(in->a[0], REG_RDI) && !(state & MOVED_RDI);
      state = sp1 ? state & ~RCX_NOT_SP1 : state | RCX_NOT_SP1;
    }
    if (regs & 1u << REG_RDI) state |= MOVED_RDI;
    if (regs & 1u << REG_RBP) {
      bool base = in->op == IR_MOVQ && opd_is_reg(in->a[0], REG_RSP);
      state = base ? state & ~RBP_UNKNOWN : state | RBP_UNKNOWN;
    }
    if (!ir_is_jump(in)) continue;
    if (ir_cfg_leaves(&z->c, in)) {
      if (in->op != IR_JMP) return k;
      Exit e = exit_kind(z, b, k);
      if (e.yields) *yields = true;
      else if (e.reentries > 0) return k; /* a call, or a resume of a generator consumed here */
      return NONE;
    }
    edge(z, ir_cfg_target(&z->c, in->a[0]), state);
    if (in->op == IR_JMP) return NONE;
  }
  if (b + 1 < z->f->blocks.n) edge(z, b + 1, state);
  return NONE;
}

/* ---- Where lazy code runs: every resume block and what it reaches ---- */

static void push_state(Lazy *z, int to, int state) {
  int had = z->state[to];
  int now = had < 0 ? state : had | state;
  if (had == now) return;
  z->state[to] = now;
  z->stack[z->nstack++] = to;
}

static void record_edge(Lazy *z, int to, int state) {
  (void)state;
  if (z->nedges == z->capedges) {
    z->capedges = z->capedges ? 2 * z->capedges : 64;
    z->efrom = realloc(z->efrom, (size_t)z->capedges * sizeof *z->efrom);
    z->eto = realloc(z->eto, (size_t)z->capedges * sizeof *z->eto);
    if (!z->efrom || !z->eto) fatal_oom();
  }
  z->efrom[z->nedges] = z->cur;
  z->eto[z->nedges++] = to;
}

/* The states lazy code enters each block in (a fixpoint: states only grow,
 * NSTATES of them), then with the final ones what each block does. A block
 * from which no yield is reachable and that touches the frame fills at its
 * start: that code runs once, at the generator's end, and may read every
 * word (B6's loop exit reads its locals). */
static void find_regions(Lazy *z) {
  int n = z->f->blocks.n;
  for (int b = 0; b < n; b++)
    if (z->f->blocks.b[b]->entry == ENTRY_RESUME) push_state(z, b, AT_RESUME);
  bool y, t;
  while (z->nstack > 0) {
    int b = z->stack[--z->nstack];
    scan_block(z, b, z->state[b], push_state, &y, &t);
  }
  for (int b = 0; b < n; b++) {
    if (z->state[b] < 0) continue;
    z->cur = b;
    /* a block that yields reaches a yield */
    z->fill[b] = scan_block(z, b, z->state[b], record_edge, &z->reaches[b], &z->touches[b]);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int e = z->nedges - 1; e >= 0; e--)
      if (z->reaches[z->eto[e]] && !z->reaches[z->efrom[e]]) z->reaches[z->efrom[e]] = changed = true;
  }
  for (int b = 0; b < n; b++)
    if (z->state[b] >= 0 && !z->reaches[b] && z->touches[b]) z->fill[b] = 0;
}

/* ---- One label's region: the words it needs ---- */

static void walk_edge(Lazy *z, int to, int state) {
  (void)state;
  if (z->seen[to] == z->walk) return;
  z->seen[to] = z->walk;
  z->stack[z->nstack++] = to;
}

/* Walks the region of resume block r, noting R and W; the blocks visited
 * are z->visit[0 .. returned). -1 if the label gets no entry. */
static int walk_region(Lazy *z, int r, int *visit) {
  for (int i = 0; i < z->nr; i++) z->inr[z->words[i]] = z->inw[z->words[i]] = false;
  z->nr = 0;
  z->wfirst = 0;
  z->wlast = -1;
  z->walk++;
  z->nstack = 0;
  if (z->fill[r] == 0) return -1;
  walk_edge(z, r, 0);
  int nvisit = 0;
  z->recording = true;
  while (z->nstack > 0) {
    int b = z->stack[--z->nstack];
    if (nvisit == MAX_REGION_BLOCKS || z->budget-- <= 0) {
      z->recording = false;
      return -1;
    }
    visit[nvisit++] = b;
    if (z->fill[b] == 0) continue; /* a fill at its start: nothing of it runs lazily */
    bool y, t;
    scan_block(z, b, z->state[b], walk_edge, &y, &t);
  }
  z->recording = false;
  if (z->nr > MAX_R_WORDS || (z->wlast >= 0 && z->wlast - z->wfirst >= 64)) return -1;
  return nvisit;
}

/* ---- The code: R10 at the yields, the lazy code, the copies ---- */

static void insert_at(IrBlock *b, int k, IrInsn in) {
  ir_append(b, in);
  memmove(&b->insns[k + 1], &b->insns[k], (size_t)(b->n - 1 - k) * sizeof *b->insns);
  b->insns[k] = in;
}

typedef struct Resumes {
  int n;     /* changes of block among the re-entries */
  int block; /* the last resume block found */
  const IrFunc *f;
} Resumes;

static void visit_resume(void *arg, int block) {
  Resumes *r = arg;
  if (r->f->blocks.b[block]->entry != ENTRY_RESUME) return;
  if (r->n == 0 || r->block != block) r->n++;
  r->block = block;
}

/* Before each yield: R10 = the entry of the label it hands out, or 0. */
static void entries_at_yields(Lazy *z, const IrLazy *out) {
  IrFunc *f = z->f;
  for (int b = 0; b < f->blocks.n; b++) {
    IrBlock *blk = f->blocks.b[b];
    for (int k = blk->n - 1; k >= 0; k--) {
      IrInsn *in = &blk->insns[k];
      if (!ir_is_jump(in) || !ir_cfg_leaves(&z->c, in) || !exit_kind(z, b, k).yields) continue;
      if (in->op != IR_JMP) ICE(0, "a conditional yield");
      Resumes r = {.f = f, .block = -1};
      ir_cfg_reentries(&z->c, b, k, visit_resume, &r);
      if (ir_reads_reg(in, REG_R10)) ICE(0, "a yield leaves through R10, which carries its entry");
      int e = r.n == 1 ? z->entry_of[r.block] : -1;
      IrInsn set = e >= 0 ? ir_insn(IR_LEAQ, 2, opd_rip(out->e[e].entry), opd_reg(REG_R10))
                          : ir_insn(IR_XORL, 2, opd_regw(REG_R10, 4), opd_regw(REG_R10, 4));
      set.comment = e >= 0 ? "its lazy resume" : "no lazy resume";
      insert_at(blk, k, set);
    }
  }
}

static void append_fill(Lazy *z, IrBlock *to) {
  ir_append(to, ir_insn(IR_PUSHQ, 1, opd_imm(8 * (int64_t)z->nwords), (Opd){0}));
  ir_append(to, ir_insn(IR_CALL, 1, opd_sym("dodo_gen_fill@PLT"), (Opd){0}))->comment =
      "the rest of the segment, before what lazy code cannot run";
}

/* The copy of block b that lazy code runs: its jumps before the fill point
 * go to copies, the rest of it (after the fill) is the original's. */
static void copy_block(Lazy *z, int b, IrBlockList *into) {
  IrFunc *f = z->f;
  const int *copy = z->copy;
  const IrBlock *blk = f->blocks.b[b];
  IrBlock *c = ir_block_new(f, into, opd_label(copy[b]), ENTRY_JOIN);
  if (z->fill[b] == 0) {
    append_fill(z, c);
    ir_append(c, ir_insn(IR_JMP, 1, blk->label, (Opd){0}));
    return;
  }
  int fill = z->fill[b] < blk->n ? z->fill[b] : blk->n;
  for (int k = 0; k < blk->n; k++) {
    if (k == fill) append_fill(z, c);
    IrInsn in = blk->insns[k];
    if (k < fill && ir_is_jump(&in) && !ir_cfg_leaves(&z->c, &in)) {
      int t = ir_cfg_target(&z->c, in.a[0]);
      if (t < 0 || !copy[t]) ICE(0, "lazy code jumps to a block it has no copy of");
      in.a[0] = opd_label(copy[t]);
    }
    ir_append(c, in);
  }
  if (ir_block_falls_through(blk)) {
    if (b + 1 >= f->blocks.n) ICE(0, "a generator's last block falls through");
    Opd next = fill == blk->n ? opd_label(copy[b + 1]) : f->blocks.b[b + 1]->label;
    if (fill == blk->n && !copy[b + 1]) ICE(0, "lazy code falls through to a block it has no copy of");
    ir_append(c, ir_insn(IR_JMP, 1, next, (Opd){0}));
  }
}

/* label.lazy: the R words from the buffer (RSI), then the region's copy. */
static void lazy_entry_block(Lazy *z, const IrLazyEntry *e, int *rwords, int nr, IrBlockList *into) {
  IrBlock *b = ir_block_new(z->f, into, opd_sym(e->lazy), ENTRY_LAZY);
  b->align = true;
  for (int i = 0; i < nr; i++) {
    int64_t at = 8 * (int64_t)rwords[i];
    ir_append(b, ir_insn(IR_MOVQ, 2, opd_mem(REG_RSI, at), opd_reg(REG_RAX)));
    ir_append(b, ir_insn(IR_MOVQ, 2, opd_reg(REG_RAX), opd_mem(REG_RSP, at)));
  }
  if (nr == 0) ir_append(b, ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0}))->comment = "it reads no frame word";
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* The entries: each resume label whose region the walk can bound, with
 * its R and W; the blocks their lazy code runs copies of. */
static void pick_entries(Lazy *z, IrLazy *out) {
  IrFunc *f = z->f;
  for (int b = 0; b < f->blocks.n; b++) {
    const IrBlock *blk = f->blocks.b[b];
    if (blk->entry != ENTRY_RESUME || blk->label.kind != OPD_SYM || !blk->label.sym) continue;
    int nvisit = walk_region(z, b, z->visit);
    if (nvisit < 0) continue;
    for (int i = 0; i < nvisit; i++) z->copy[z->visit[i]] = 1;
    IrLazyEntry *e = &out->e[out->n];
    e->lazy = arena_printf(&f->arena, "%s.lazy", blk->label.sym);
    e->entry = arena_printf(&f->arena, "%s.entry", blk->label.sym);
    e->block = b;
    e->first = z->wlast < 0 ? 0 : z->wfirst;
    e->mask = 0;
    for (int i = 0; i < z->nr; i++)
      if (z->inw[z->words[i]]) e->mask |= (uint64_t)1 << (z->words[i] - e->first);
    int *r = &z->rwords[MAX_R_WORDS * out->n];
    memcpy(r, z->words, (size_t)z->nr * sizeof *r);
    qsort(r, (size_t)z->nr, sizeof *r, cmp_int);
    z->rcount[out->n] = z->nr;
    z->entry_of[b] = out->n++;
  }
}

/* The lazy code after the function: each label's moves, then the copy of
 * its own block right after them (no jump), the other copies after all. */
static void place_lazy_code(Lazy *z, const IrLazy *out) {
  IrFunc *f = z->f;
  int n = f->blocks.n;
  IrBlockList added = {0};
  for (int b = 0; b < n; b++)
    if (z->copy[b]) z->copy[b] = ++*f->labels;
  bool *placed = calloc((size_t)n + 1, sizeof *placed);
  if (!placed) fatal_oom();
  for (int i = 0; i < out->n; i++) {
    int b = out->e[i].block;
    lazy_entry_block(z, &out->e[i], &z->rwords[MAX_R_WORDS * i], z->rcount[i], &added);
    if (placed[b]) {
      ir_append(added.b[added.n - 1], ir_insn(IR_JMP, 1, opd_label(z->copy[b]), (Opd){0}));
      continue;
    }
    placed[b] = true;
    copy_block(z, b, &added);
  }
  for (int b = 0; b < n; b++)
    if (z->copy[b] && !placed[b]) copy_block(z, b, &added);
  ir_blocks_append(&f->blocks, &added);
  free(placed);
}

static void *alloc_n(size_t n, size_t size) {
  void *p = calloc(n + 1, size);
  if (!p) fatal_oom();
  return p;
}

void ir_lazy_resumes(IrFunc *f, IrLazy *out) {
  size_t n = (size_t)f->blocks.n;
  *out = (IrLazy){0};
  Lazy z = {.f = f, .nwords = f->unwind / 8,
            .budget = (int64_t)WALK_BUDGET_PER_BLOCK * f->blocks.n + MAX_REGION_BLOCKS};
  ir_cfg_build(&z.c, f);
  z.state = alloc_n(n, sizeof *z.state);
  z.fill = alloc_n(n, sizeof *z.fill);
  z.reaches = alloc_n(n, sizeof *z.reaches);
  z.touches = alloc_n(n, sizeof *z.touches);
  z.stack = alloc_n(n * NSTATES, sizeof *z.stack);
  z.seen = alloc_n(n, sizeof *z.seen);
  z.inr = alloc_n((size_t)z.nwords, sizeof *z.inr);
  z.inw = alloc_n((size_t)z.nwords, sizeof *z.inw);
  z.words = alloc_n((size_t)z.nwords, sizeof *z.words);
  z.entry_of = alloc_n(n, sizeof *z.entry_of);
  z.copy = alloc_n(n, sizeof *z.copy);
  z.visit = alloc_n(MAX_REGION_BLOCKS, sizeof *z.visit);
  z.rwords = alloc_n(MAX_R_WORDS * n, sizeof *z.rwords);
  z.rcount = alloc_n(n, sizeof *z.rcount);
  out->e = alloc_n(n, sizeof *out->e);
  for (size_t b = 0; b < n; b++) {
    z.state[b] = -1;
    z.fill[b] = NONE;
    z.entry_of[b] = -1;
  }
  find_regions(&z);
  pick_entries(&z, out);
  entries_at_yields(&z, out);
  place_lazy_code(&z, out);
  void *owned[] = {z.state, z.fill, z.reaches, z.touches, z.stack, z.seen, z.inr, z.inw,
                   z.words, z.efrom, z.eto, z.entry_of, z.copy, z.visit, z.rwords, z.rcount};
  for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) free(owned[i]);
  ir_cfg_free(&z.c);
}

/* Each entry's four words in the order runtime/gen_layout.h reads them
 * (ENTRY_CODE, ENTRY_U, ENTRY_FIRST, ENTRY_MASK). */
void ir_lazy_table(const IrFunc *f, const IrLazy *z, Buf *out, const char *table) {
  buf_printf(out, "\t.section .data.rel.ro,\"aw\"\n\t.p2align 3\n%s:\t# lazy resumes (abi.md §12): "
                  "count, then per resume label: its lazy code, segment bytes, first word written, mask\n"
                  "\t.quad %d\n",
             table, z->n);
  for (int i = 0; i < z->n; i++) {
    ir_print_opd(out, f, opd_sym(z->e[i].entry));
    buf_puts(out, ":\n\t.quad ");
    ir_print_opd(out, f, opd_sym(z->e[i].lazy));
    buf_printf(out, ", %d, %d, %#llx\n", f->unwind, z->e[i].first, (unsigned long long)z->e[i].mask);
  }
}

void ir_lazy_free(IrLazy *z) {
  free(z->e);
  *z = (IrLazy){0};
}
