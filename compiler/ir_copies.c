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

/* What liveness needs of one instruction, worked out once. */
/* STEP_CALL_HERE: a jump into a function compiled in this file, which
 * reads every register but RAX (it is passed no context: gen.c). */
typedef enum { STEP_SKIP, STEP_PLAIN, STEP_LEAVES, STEP_CALL_HERE, STEP_BRANCH } StepKind;
typedef struct Step {
  unsigned reads, writes;
  int target; /* STEP_BRANCH: the block a jcc or local jmp goes to */
  StepKind kind;
} Step;

typedef struct Live {
  const IrFunc *f;
  Step **steps;  /* per block, per instruction */
  unsigned *in;  /* per block: registers live where it starts */
} Live;

static Step step_of(const IrCfg *cfg, const IrInsn *in) {
  Step s = {ir_regs_read(in) & ALL_REGS, ir_regs_written(in), -1, STEP_PLAIN};
  if (ir_is_pseudo((IrOp)in->op)) s.kind = STEP_SKIP;
  else if (ir_cfg_leaves(cfg, in) && in->no_context) s.kind = STEP_CALL_HERE;
  else if (ir_cfg_leaves(cfg, in)) s.kind = STEP_LEAVES;
  else if (ir_is_jump(in)) s.kind = STEP_BRANCH, s.target = ir_cfg_target(cfg, in->a[0]);
  return s;
}

/* Live registers before instruction k of block b, given those live after
 * it. A jmp's target comes in through live_out, a jcc's here. */
static unsigned step(const Live *l, int b, int k, unsigned after) {
  const Step *s = &l->steps[b][k];
  switch (s->kind) {
  case STEP_SKIP: return after;
  case STEP_LEAVES: return ALL_REGS;
  case STEP_CALL_HERE: return ALL_REGS & ~(1u << REG_RAX);
  case STEP_BRANCH:
    if (l->f->blocks.b[b]->insns[k].op == IR_JCC) after |= l->in[s->target];
    break;
  case STEP_PLAIN: break;
  }
  return (after & ~s->writes) | s->reads;
}

/* Live registers where block b ends: its fall-through successor or the
 * target of its final jmp. */
static unsigned live_out(const Live *l, int b) {
  const IrBlock *blk = l->f->blocks.b[b];
  unsigned out = 0;
  if (ir_block_falls_through(blk)) out |= b + 1 < l->f->blocks.n ? l->in[b + 1] : ALL_REGS;
  for (int k = blk->n - 1; k >= 0; k--) {
    const Step *s = &l->steps[b][k];
    if (s->kind == STEP_SKIP) continue;
    if (s->kind == STEP_BRANCH && blk->insns[k].op == IR_JMP) out |= l->in[s->target];
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
  IrCfg cfg;
  ir_cfg_build(&cfg, f);
  l->in = calloc((size_t)f->blocks.n + 1, sizeof *l->in);
  l->steps = calloc((size_t)f->blocks.n + 1, sizeof *l->steps);
  if (!l->in || !l->steps) fatal_oom();
  for (int b = 0; b < f->blocks.n; b++) {
    const IrBlock *blk = f->blocks.b[b];
    l->steps[b] = malloc(((size_t)blk->n + 1) * sizeof **l->steps);
    if (!l->steps[b]) fatal_oom();
    for (int k = 0; k < blk->n; k++) l->steps[b][k] = step_of(&cfg, &blk->insns[k]);
  }
  ir_cfg_free(&cfg);
  for (bool changed = true; changed;) {
    changed = false;
    for (int b = f->blocks.n - 1; b >= 0; b--) {
      unsigned in = live_after(l, b, -1);
      if (in != l->in[b]) l->in[b] = in, changed = true;
    }
  }
}

static void live_free(Live *l, int nblocks) {
  for (int b = 0; b < nblocks; b++) free(l->steps[b]);
  free(l->steps);
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

/* movq %a, %b at k, between two plain registers: the instruction after it
 * (-1 if none, or if k is no such copy). */
static int copy_at(const IrBlock *blk, int k, int *a, int *b) {
  const IrInsn *c = &blk->insns[k];
  if (ir_move_kind(c) != MOVE_COPY || !plain_reg(c->a[0]) || !plain_reg(c->a[1])) return -1;
  *a = c->a[0].reg, *b = c->a[1].reg;
  return *a == *b ? -1 : next_real(blk, k);
}

static bool match_at(const IrBlock *blk, int k, Match *m) {
  m->copy = k;
  m->arith = copy_at(blk, k, &m->a, &m->b);
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

/* movq %a, %b at k, then an instruction x that reads %b as a plain source
 * (no other width, not as an address, not implicitly) and does not write
 * it: x can read %a instead, if nothing reads %b after x. */
typedef struct Use {
  int copy, x;
  int a, b;
} Use;

static bool use_at(const IrBlock *blk, int k, Use *u) {
  u->copy = k;
  u->x = copy_at(blk, k, &u->a, &u->b);
  if (u->x < 0) return false;
  const IrInsn *x = &blk->insns[u->x];
  IrEffect fx = ir_op_effect(x->op);
  if (fx != FX_MOVE && fx != FX_WRITES_LAST && fx != FX_READS) return false;
  if (x->op == IR_SETCC || ir_regs_written(x) >> u->b & 1) return false;
  bool reads = false;
  for (int j = 0; j < x->nops; j++) {
    Opd o = x->a[j];
    if (o.kind == OPD_MEM && o.reg == u->b) return false;
    if (o.kind == OPD_REG && o.reg == u->b) {
      if (o.width != 8) return false;
      reads = true;
    }
  }
  return reads;
}

/* x reads %a for %b; the copy goes, its comment (a variable's name) to x. */
static void use_source(IrBlock *blk, const Use *u) {
  IrInsn *x = &blk->insns[u->x];
  for (int j = 0; j < x->nops; j++)
    if (opd_is_reg(x->a[j], u->b)) x->a[j] = opd_reg(u->a);
  if (!x->comment) x->comment = blk->insns[u->copy].comment;
  drop(&blk->insns[u->copy], NULL);
}

static bool any_match(const IrFunc *f) {
  Match m;
  Use u;
  for (int b = 0; b < f->blocks.n; b++)
    for (int k = 0; k < f->blocks.b[b]->n; k++)
      if (match_at(f->blocks.b[b], k, &m) || use_at(f->blocks.b[b], k, &u)) return true;
  return false;
}

void ir_pass_copies(IrFunc *f) {
  /* the stubs go after the last block, which must not run into them */
  if (f->blocks.n == 0 || ir_block_falls_through(f->blocks.b[f->blocks.n - 1])) return;
  if (!any_match(f)) return; /* most functions: no liveness to compute */
  Live l;
  live_compute(&l, f);
  int nblocks = f->blocks.n; /* stubs are added after: not scanned */
  for (int b = 0; b < nblocks; b++) {
    IrBlock *blk = f->blocks.b[b];
    Match m;
    Use u;
    for (int k = 0; k < blk->n; k++) {
      if (!match_at(blk, k, &m) || live_after(&l, b, m.back) >> m.b & 1) {
        if (use_at(blk, k, &u) && !(live_after(&l, b, u.x) >> u.b & 1)) use_source(blk, &u);
        continue;
      }
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
  live_free(&l, nblocks);
  /* the dropped moves leave empty comments: take them out */
  for (int b = 0; b < f->blocks.n; b++) {
    IrBlock *blk = f->blocks.b[b];
    int n = 0;
    for (int k = 0; k < blk->n; k++)
      if (!(blk->insns[k].op == IR_COMMENT && !blk->insns[k].comment)) blk->insns[n++] = blk->insns[k];
    blk->n = n;
  }
}
