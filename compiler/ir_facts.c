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
 * the slot, any other memory write, or a call. A write to RBP does not kill
 * them: inside a function RBP only ever becomes this frame's base again (a
 * continuation recovering it), and slots are named by their offset from it.
 *
 * Facts flow along the control-flow graph: where a .L.N block starts, they
 * are what every way in (fall-through and direct jumps, backward ones too)
 * agrees on, found by iterating to a fixed point. A block entered from
 * outside (a continuation, or any block whose address is taken) starts with
 * only what the convention guarantees there (IrBlock.facts). */
#include <stdlib.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

enum { NO_SLOT = -(1 << 30) };

typedef struct Facts {
  bool known;        /* false: unreachable (after a jmp), facts meaningless */
  int64_t slot[NREGS]; /* the RBP offset register r mirrors, or NO_SLOT */
} Facts;

typedef struct Pass {
  Facts f;
  LabelRefs refs;
  Facts *jumped; /* per .L.N: the meet of the facts at every jump to it */
  Facts *in;     /* per block: the facts where it starts */
  Facts *out;    /* per block: the facts where it ends, in the last round */
  bool walked;   /* a round has been walked: in and out are meaningful */
  bool rewrite;  /* the last round: drop and rewrite instructions */
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

static bool same(const Facts *a, const Facts *b) {
  if (a->known != b->known) return false;
  for (int r = 0; a->known && r < NREGS; r++)
    if (a->slot[r] != b->slot[r]) return false;
  return true;
}

static void forget_slot(Facts *f, int64_t off, int width) {
  for (int r = 0; r < NREGS; r++)
    if (f->slot[r] != NO_SLOT && f->slot[r] < off + width && off < f->slot[r] + 8)
      f->slot[r] = NO_SLOT;
}

/* The instruction wrote `op` (its width in bytes: 8 for ...q). */
static void clobber(Facts *f, Opd op, int width) {
  if (op.kind == OPD_REG) {
    if (op.reg != REG_RBP) f->slot[op.reg] = NO_SLOT;
  } else if (opd_is_slot(op)) {
    forget_slot(f, op.val, width);
  } else if (op.kind == OPD_MEM && !op.stack) {
    forget_all(f); /* might alias a frame slot */
  }
}

/* The facts where block i starts, given the end of block i - 1 (`prev`). */
static Facts block_entry(Pass *p, const IrFunc *fn, int i, const Facts *prev) {
  const IrBlock *b = fn->blocks.b[i];
  Facts f;
  LabelRef *r = label_ref(&p->refs, opd_local_label(b->label));
  if (i == 0 || !r || r->taken || entry_kind_external(b->entry)) {
    forget_all(&f);
    for (int k = 0; k < b->nfacts; k++) f.slot[b->facts[k].reg] = b->facts[k].offset;
    return f;
  }
  f = *prev;
  meet(&f, &p->jumped[r - p->refs.at]);
  if (!f.known) forget_all(&f); /* no way in seen yet: assume nothing */
  return f;
}

/* movq N(%rbp), %r: false to drop it; or read another register that holds
 * slot N. */
static bool load(Pass *p, IrInsn *in) {
  int r = in->a[1].reg;
  int64_t n = in->a[0].val;
  if (p->f.slot[r] == n) return false;
  for (int s = 0; s < NREGS && p->rewrite; s++) {
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
  int to = in->a[1].reg;
  if (to != REG_RBP) f->slot[to] = f->slot[in->a[0].reg];
}

/* Updates the facts past one instruction; false to drop it. */
static bool instruction(Pass *p, IrInsn *in) {
  Facts *f = &p->f;
  LabelRef *r = ir_direct_jump(in) ? label_ref(&p->refs, in->a[0].label) : NULL;
  if (r && !r->taken) meet(&p->jumped[r - p->refs.at], f);
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
  case FX_CALL:
  case FX_PUSH: forget_all(f); break;
  case FX_NONE: break;
  }
  return true;
}

/* One walk over the function; returns whether any block's entry facts
 * changed. In the rewrite round, drops and rewrites instructions. */
static bool walk(Pass *p, IrFunc *fn) {
  bool changed = false;
  Facts end = {0};
  for (int i = 0; i < fn->blocks.n; i++) {
    IrBlock *b = fn->blocks.b[i];
    Facts in = block_entry(p, fn, i, &end);
    if (!same(&in, &p->in[i])) {
      changed = true;
    } else if (p->walked && !p->rewrite) {
      /* Same facts in, same instructions: the same facts out, and its jumps
       * meet what they met last round (meet is idempotent). */
      end = p->out[i];
      continue;
    }
    p->in[i] = in;
    p->f = in;
    int w = 0;
    for (int k = 0; k < b->n; k++) {
      IrInsn *in = &b->insns[k];
      bool keep = true;
      if (!ir_is_pseudo(in->op)) {
        if (!p->f.known) forget_all(&p->f); /* code after a jmp with no label */
        keep = instruction(p, in);
      }
      if (keep || !p->rewrite) {
        if (w != k) b->insns[w] = *in; /* else an 80-byte copy onto itself */
        w++;
      }
    }
    b->n = w;
    end = p->f;
    p->out[i] = end;
  }
  p->walked = true;
  return changed;
}

enum { MAX_ROUNDS = 32 };

void ir_pass_slot_facts(IrFunc *fn) {
  Pass p = {0};
  label_refs_scan(&p.refs, fn);
  p.jumped = calloc((size_t)p.refs.count + 1, sizeof *p.jumped);
  p.in = calloc((size_t)fn->blocks.n + 1, sizeof *p.in);
  p.out = malloc(((size_t)fn->blocks.n + 1) * sizeof *p.out); /* the first round fills it */
  if (!p.jumped || !p.in || !p.out) fatal_oom();
  /* Facts only shrink from round to round (meet never adds one), so this
   * ends; a function that needs more rounds than the bound keeps the facts
   * of straight-line code only. */
  int rounds = 0;
  while (walk(&p, fn))
    if (++rounds == MAX_ROUNDS) {
      for (int i = 0; i < p.refs.count; i++) forget_all(&p.jumped[i]);
      break;
    }
  p.rewrite = true;
  walk(&p, fn);
  free(p.jumped);
  free(p.in);
  free(p.out);
  label_refs_free(&p.refs);
}
