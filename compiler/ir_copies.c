/* -O1, the last pass: arithmetic on a register's copy done on the register.
 *
 * The code generator computes in RAX, so an argument `n - 1` passed on in
 * RDI, where n already was, reads
 *
 *     movq %rdi, %rax            subq $1, %rdi
 *     subq $1, %rax       =>     jo .L.fix
 *     jo .L.raise
 *     movq %rax, %rdi
 *
 * when nothing reads RAX after the last move. The overflow path must find
 * the registers as before (RDI the old n, RAX the wrapped result), so it
 * goes through a stub that puts them back: `movq %rdi, %rax ; addq $1,
 * %rdi ; jmp .L.raise` (wrapping arithmetic undoes itself exactly).
 *
 * "Nothing reads RAX" is register liveness over the graph, with every
 * register live where the function is left (a continuation or a callee may
 * read any of them). Flags are the same either way: the arithmetic is the
 * same, and moves do not touch them. */
#include "fatal.h"
#include "ir_pass.h"

#include <stdlib.h>

enum { ALL_REGS = (1u << NREGS) - 1 };

static unsigned reads(const IrInsn *in) {
  if (in->op == IR_CALL) return ALL_REGS;
  unsigned m = 0;
  for (int r = 0; r < NREGS; r++)
    if (ir_reads_reg(in, r)) m |= 1u << r;
  return m;
}

typedef struct Live {
  const IrFunc *f;
  IrCfg cfg;
  unsigned *in; /* per block: registers live where it starts */
} Live;

/* Live registers before insns[k] of block b, given those live after it. */
static unsigned step(const Live *l, int b, int k, unsigned after) {
  const IrInsn *in = &l->f->blocks.b[b]->insns[k];
  if (ir_is_pseudo((IrOp)in->op)) return after;
  if (ir_cfg_leaves(&l->cfg, in)) return ALL_REGS;
  if (in->op == IR_JCC) {
    int t = ir_cfg_target(&l->cfg, in->a[0]);
    after |= t >= 0 ? l->in[t] : ALL_REGS;
  }
  return (after & ~ir_regs_written(in)) | reads(in);
}

/* Live registers where block b ends (its successors by falling through or
 * by a final jmp; a jcc's target is taken in by step). */
static unsigned live_out(const Live *l, int b) {
  const IrBlock *blk = l->f->blocks.b[b];
  unsigned out = 0;
  if (ir_block_falls_through(blk)) out |= b + 1 < l->f->blocks.n ? l->in[b + 1] : ALL_REGS;
  for (int k = blk->n - 1; k >= 0; k--) {
    const IrInsn *in = &blk->insns[k];
    if (ir_is_pseudo((IrOp)in->op)) continue;
    if (in->op == IR_JMP && !ir_cfg_leaves(&l->cfg, in)) out |= l->in[ir_cfg_target(&l->cfg, in->a[0])];
    break;
  }
  return out;
}

static unsigned live_after(const Live *l, int b, int k) {
  unsigned live = live_out(l, b);
  for (int x = l->f->blocks.b[b]->n - 1; x > k; x--) live = step(l, b, x, live);
  return live;
}

static void live_compute(Live *l, const IrFunc *f) {
  l->f = f;
  ir_cfg_build(&l->cfg, f);
  l->in = calloc((size_t)f->blocks.n + 1, sizeof *l->in);
  if (!l->in) fatal_oom();
  for (bool changed = true; changed;) {
    changed = false;
    for (int b = f->blocks.n - 1; b >= 0; b--) {
      unsigned in = live_after(l, b, -1);
      if (in != l->in[b]) l->in[b] = in, changed = true;
    }
  }
}

static void live_free(Live *l) {
  ir_cfg_free(&l->cfg);
  free(l->in);
}

/* The next instruction after k that is not a comment, or -1. */
static int next_real(const IrBlock *b, int k) {
  for (k++; k < b->n; k++)
    if (b->insns[k].op != IR_COMMENT) return k;
  return -1;
}

static bool plain_reg(Opd o) {
  return o.kind == OPD_REG && o.width == 8 && o.reg < NREGS && o.reg != REG_RSP &&
         o.reg != REG_RBP;
}

/* movq %a, %b at k, then addq/subq $imm, %b [jo L], then movq %b, %a. */
typedef struct Match {
  int copy, arith, jo, back;
  int a, b;
} Match;

static bool match_at(const IrBlock *blk, int k, Match *m) {
  const IrInsn *c = &blk->insns[k];
  if (ir_move_kind(c) != MOVE_COPY || !plain_reg(c->a[0]) || !plain_reg(c->a[1])) return false;
  m->a = c->a[0].reg, m->b = c->a[1].reg;
  if (m->a == m->b) return false;
  m->copy = k;
  m->arith = next_real(blk, k);
  if (m->arith < 0) return false;
  const IrInsn *op = &blk->insns[m->arith];
  if ((op->op != IR_ADDQ && op->op != IR_SUBQ) || op->a[0].kind != OPD_IMM ||
      op->a[0].frame != FA_NONE || !opd_is_reg(op->a[1], m->b) || op->a[1].width != 8)
    return false;
  int x = next_real(blk, m->arith);
  m->jo = -1;
  if (x >= 0 && blk->insns[x].op == IR_JCC && blk->insns[x].cc == CC_O &&
      blk->insns[x].a[0].kind == OPD_SYM && !blk->insns[x].a[0].star) {
    m->jo = x;
    x = next_real(blk, x);
  }
  if (x < 0) return false;
  const IrInsn *back = &blk->insns[x];
  if (ir_move_kind(back) != MOVE_COPY || !opd_is_reg(back->a[0], m->b) ||
      !opd_is_reg(back->a[1], m->a) || back->a[1].width != 8 || back->a[0].width != 8)
    return false;
  m->back = x;
  return true;
}

static void drop(IrInsn *in, const char *why) {
  *in = ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0});
  in->comment = why;
}

/* The overflow path's stub: the registers as the original left them. */
static int fix_stub(IrFunc *f, const Match *m, IrOp op, int64_t imm, Opd target) {
  int label = ++*f->labels;
  IrBlock *b = ir_block_new(f, &f->blocks, opd_label(label), ENTRY_COLD);
  ir_append(b, ir_insn(IR_MOVQ, 2, opd_reg(m->a), opd_reg(m->b)));
  ir_append(b, ir_insn(op == IR_ADDQ ? IR_SUBQ : IR_ADDQ, 2, opd_imm(imm), opd_reg(m->a)))
      ->comment = "undone: the registers as before the arithmetic";
  ir_append(b, ir_insn(IR_JMP, 1, target, (Opd){0}));
  return label;
}

void ir_pass_copies(IrFunc *f) {
  /* the stubs go after the last block, which must not run into them */
  if (f->blocks.n == 0 || ir_block_falls_through(f->blocks.b[f->blocks.n - 1])) return;
  Live l;
  live_compute(&l, f);
  int nblocks = f->blocks.n; /* stubs are added after: not scanned */
  for (int b = 0; b < nblocks; b++) {
    IrBlock *blk = f->blocks.b[b];
    Match m;
    for (int k = 0; k < blk->n; k++) {
      if (!match_at(blk, k, &m)) continue;
      if (live_after(&l, b, m.back) >> m.b & 1) continue;
      IrInsn *op = &blk->insns[m.arith];
      op->a[1] = opd_reg(m.a);
      if (m.jo >= 0) {
        IrInsn *jo = &blk->insns[m.jo];
        int stub = fix_stub(f, &m, (IrOp)op->op, op->a[0].val, jo->a[0]);
        blk = f->blocks.b[b];
        op = &blk->insns[m.arith];
        blk->insns[m.jo].a[0] = opd_label(stub);
      }
      drop(&blk->insns[m.copy], NULL);
      drop(&blk->insns[m.back], NULL);
      k = m.back;
    }
  }
  live_free(&l);
  /* the dropped moves leave empty comments: take them out */
  for (int b = 0; b < f->blocks.n; b++) {
    IrBlock *blk = f->blocks.b[b];
    int n = 0;
    for (int k = 0; k < blk->n; k++)
      if (!(blk->insns[k].op == IR_COMMENT && !blk->insns[k].comment)) blk->insns[n++] = blk->insns[k];
    blk->n = n;
  }
}
