/* -O1 and up: redundant frame loads and stores, removed from the IR.
 *
 * Every value lives in a frame slot N(%rbp) (docs/abi.md), so the code
 * generator reloads what a register often still holds. This pass follows,
 * instruction by instruction, which registers hold the same value as which
 * slot, and then
 *
 *   movq N(%rbp), %r    is dropped when %r already holds slot N,
 *                       or becomes movq %s, %r when %s does;
 *   movq %r, N(%rbp)    is dropped when slot N already holds %r.
 *
 * The facts die with whatever could change them: a write to the register or
 * the slot, any other memory write, a write to RBP, or a call. At a block
 * they survive only when every way in is known: a .L.N block whose every
 * reference is a forward jump already seen (the facts at those jumps and at
 * the fall-through are intersected). Other blocks are continuations,
 * entered from anywhere. */
#include <stdlib.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

enum { NO_SLOT = -(1 << 30) };

typedef struct Facts {
  bool known;        /* false: unreachable (after a jmp), facts meaningless */
  int64_t slot[NREGS]; /* the RBP offset register r mirrors, or NO_SLOT */
} Facts;

/* What the pass knows of one .L.N block. */
typedef struct LabelFacts {
  int seen;     /* direct jumps to it already passed */
  Facts at;     /* intersection of the facts at the jumps seen */
} LabelFacts;

typedef struct Pass {
  Facts f;
  LabelRefs refs;
  LabelFacts *labels;
} Pass;

static void forget_all(Facts *f) {
  f->known = true;
  for (int r = 0; r < NREGS; r++) f->slot[r] = NO_SLOT;
}

/* Facts true on both paths. */
static void meet(Facts *into, const Facts *other) {
  if (!other->known) return;
  if (!into->known) {
    *into = *other;
    return;
  }
  for (int r = 0; r < NREGS; r++)
    if (into->slot[r] != other->slot[r]) into->slot[r] = NO_SLOT;
}

static void forget_slot(Facts *f, int64_t off, int width) {
  for (int r = 0; r < NREGS; r++)
    if (f->slot[r] != NO_SLOT && f->slot[r] < off + width && off < f->slot[r] + 8)
      f->slot[r] = NO_SLOT;
}

/* The instruction wrote `op` (its width in bytes: 8 for ...q). */
static void clobber(Facts *f, Opd op, int width) {
  if (op.kind == OPD_REG) {
    if (op.reg == REG_RBP) forget_all(f);
    else f->slot[op.reg] = NO_SLOT;
  } else if (opd_is_slot(op)) {
    forget_slot(f, op.val, width);
  } else if (op.kind == OPD_MEM) {
    forget_all(f); /* might alias a frame slot */
  }
}

/* At a block: the facts every way in agrees on. */
static void enter_block(Pass *p, const IrBlock *b) {
  LabelRef *r = label_ref(&p->refs, opd_local_label(b->label));
  if (!r || r->taken || r->jumps != p->labels[r - p->refs.at].seen) {
    forget_all(&p->f);
    return;
  }
  meet(&p->f, &p->labels[r - p->refs.at].at);
  if (!p->f.known) forget_all(&p->f); /* no way in: dead code */
}

/* movq N(%rbp), %r: false to drop it; or read another register that holds
 * slot N. */
static bool load(Pass *p, IrInsn *in) {
  int r = in->a[1].reg;
  int64_t n = in->a[0].val;
  if (p->f.slot[r] == n) return false;
  for (int s = 0; s < NREGS; s++) {
    if (s != r && p->f.slot[s] == n) {
      in->a[0] = opd_reg(s);
      break;
    }
  }
  p->f.slot[r] = n;
  return true;
}

/* movq %r, N(%rbp): false to drop it, when the slot holds that already. */
static bool store(Pass *p, const IrInsn *in) {
  int r = in->a[0].reg;
  int64_t n = in->a[1].val;
  if (p->f.slot[r] == n) return false;
  forget_slot(&p->f, n, 8);
  p->f.slot[r] = n;
  return true;
}

static void copy(Facts *f, const IrInsn *in) {
  int64_t slot = f->slot[in->a[0].reg];
  int to = in->a[1].reg;
  if (to == REG_RBP) forget_all(f);
  else f->slot[to] = slot;
}

/* Updates the facts past one instruction; false to drop it. */
static bool instruction(Pass *p, IrInsn *in) {
  Facts *f = &p->f;
  LabelRef *r = ir_direct_jump(in) ? label_ref(&p->refs, in->a[0].label) : NULL;
  if (r && !r->taken) {
    LabelFacts *l = &p->labels[r - p->refs.at];
    if (l->seen++ == 0) l->at.known = false;
    meet(&l->at, f);
  }
  switch (ir_move_kind(in)) {
  case MOVE_LOAD: return load(p, in);
  case MOVE_STORE: return store(p, in);
  case MOVE_COPY: copy(f, in); return true;
  case MOVE_OTHER: clobber(f, in->a[in->nops - 1], ir_op_width(in->op)); return true;
  case MOVE_NONE: break;
  }
  switch (ir_op_effect(in->op)) {
  case FX_MOVE:
  case FX_WRITES_LAST: clobber(f, in->a[in->nops - 1], ir_op_width(in->op)); break;
  case FX_READS: break;
  case FX_DIVIDE: f->slot[REG_RAX] = f->slot[REG_RDX] = NO_SLOT; break;
  case FX_WRITES_RDX: f->slot[REG_RDX] = NO_SLOT; break;
  case FX_BRANCH: break;
  case FX_LEAVE: f->known = false; break;
  case FX_CALL: forget_all(f); break;
  case FX_NONE: break;
  }
  return true;
}

void ir_pass_slot_facts(IrFunc *fn) {
  Pass p = {0};
  label_refs_scan(&p.refs, fn);
  p.labels = calloc((size_t)p.refs.count + 1, sizeof *p.labels);
  if (!p.labels) fatal_oom();
  forget_all(&p.f);
  for (int i = 0; i < fn->blocks.n; i++) {
    IrBlock *b = fn->blocks.b[i];
    if (i > 0) enter_block(&p, b);
    int w = 0;
    for (int k = 0; k < b->n; k++) {
      IrInsn *in = &b->insns[k];
      bool keep = true;
      if (!ir_is_pseudo(in->op)) {
        if (!p.f.known) forget_all(&p.f); /* code after a jmp with no label */
        keep = instruction(&p, in);
      }
      if (keep) b->insns[w++] = *in;
    }
    b->n = w;
  }
  free(p.labels);
  label_refs_free(&p.refs);
}
