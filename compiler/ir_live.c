/* Liveness of frame slots and of RBP over a function's IR (ir_pass.h).
 *
 * A backward data-flow problem solved by iterating to a fixed point: a
 * slot is live where some path reads it before a movq overwrites it whole.
 * Paths run through direct jumps and fall-through, and, where the function
 * is left (a call, a yield, a resume), on into the re-entries that exit
 * hands out (ir_cfg.c): a yield's resume may read what the body stored
 * before yielding, while after a return nothing is read.
 *
 * Only RBP-relative slots name frame memory: codegen addresses every slot
 * through RBP, and RSP-, RDI- or RIP-relative memory is the stack below the
 * frame (markers, argument areas) or data. The frame's address escapes only
 * through `leaq N(%rbp)`: an array of pieces handed to the runtime by the C
 * call that follows, which keeps no pointer. The leaq stands for that
 * call's reads: every slot from N up counts as read there. */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* Larger functions go without (the passes that need it then do nothing):
 * blocks x slots bits, here 8 MiB. */
enum { MAX_WORDS = 1 << 20, MAX_ROUNDS = 64 };

static int cmp_off(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int ir_live_slot(const IrLive *l, int64_t off) {
  int lo = 0, hi = l->nslots;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (l->offs[mid] < off) lo = mid + 1;
    else hi = mid;
  }
  return lo < l->nslots && l->offs[lo] == off ? lo : -1;
}

/* The distinct slots the function names; false if one is misaligned. */
static bool collect_slots(IrLive *l, const IrFunc *f) {
  size_t n = 0, cap = 64;
  int64_t *offs = malloc(cap * sizeof *offs);
  if (!offs) fatal_oom();
  bool ok = true;
  for (int i = 0; i < f->blocks.n && ok; i++) {
    const IrBlock *b = f->blocks.b[i];
    for (int k = 0; k < b->n; k++) {
      const IrInsn *in = &b->insns[k];
      if (ir_is_pseudo(in->op)) continue;
      for (int j = 0; j < in->nops; j++) {
        if (!opd_is_slot(in->a[j])) continue;
        int64_t off = in->a[j].val;
        if (off % 8 != 0) ok = false;
        if (n == cap) {
          cap *= 2;
          offs = realloc(offs, cap * sizeof *offs);
          if (!offs) fatal_oom();
        }
        offs[n++] = off;
      }
    }
  }
  qsort(offs, n, sizeof *offs, cmp_off);
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (w == 0 || offs[w - 1] != offs[i]) offs[w++] = offs[i];
  l->offs = offs;
  l->nslots = (int)w;
  return ok;
}

static void set_bit(uint64_t *s, int e) { s[e >> 6] |= (uint64_t)1 << (e & 63); }
static void clear_bit(uint64_t *s, int e) { s[e >> 6] &= ~((uint64_t)1 << (e & 63)); }

/* What the instruction itself reads and writes, applied to `set`. A movq to
 * a slot or to RBP that is dead after it reads nothing either: the passes
 * drop such stores, so what they read is not needed for them ("strong"
 * liveness: the frame base a dead store would address stays dead). */
static void access(const IrLive *l, const IrInsn *in, uint64_t *set) {
  int last = in->nops - 1;
  if (in->op == IR_MOVQ && in->nops == 2) {
    Opd to = in->a[1];
    if (opd_is_slot(to) && !ir_live_has(set, ir_live_slot(l, to.val))) return;
    if (opd_is_reg(to, REG_RBP) && !ir_live_has(set, ir_live_rbp(l))) return;
  }
  for (int j = 0; j < in->nops; j++) { /* writes first: an add to a slot reads it too */
    Opd o = in->a[j];
    if (j != last || !ir_pure_write((IrOp)in->op)) continue;
    if (opd_is_slot(o) && in->op == IR_MOVQ) clear_bit(set, ir_live_slot(l, o.val));
    if (opd_is_reg(o, REG_RBP)) clear_bit(set, ir_live_rbp(l));
  }
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    bool written = j == last && ir_pure_write((IrOp)in->op);
    if (o.kind == OPD_MEM && o.reg == REG_RBP) {
      set_bit(set, ir_live_rbp(l));
      if (opd_is_slot(o) && in->op == IR_LEAQ) {
        for (int e = 0; e < l->nslots; e++)
          if (l->offs[e] >= o.val) set_bit(set, e);
      } else if (opd_is_slot(o) && !(written && in->op == IR_MOVQ)) {
        set_bit(set, ir_live_slot(l, o.val));
      }
    } else if (opd_is_reg(o, REG_RBP) && !written) {
      set_bit(set, ir_live_rbp(l));
    }
  }
}

typedef struct Union {
  const IrLive *l;
  uint64_t *set;
} Union;

static void add_live_in(void *arg, int block) {
  Union *u = arg;
  const uint64_t *in = ir_live_in(u->l, block);
  for (int w = 0; w < u->l->words; w++) u->set[w] |= in[w];
}

void ir_live_exit(const IrLive *l, const IrCfg *c, int b, int k, uint64_t *set) {
  for (int w = 0; w < l->words; w++) set[w] = l->anywhere[w];
  Union u = {l, set};
  ir_cfg_reentries(c, b, k, add_live_in, &u);
}

void ir_live_step(const IrLive *l, const IrCfg *c, int b, int k, const IrInsn *in, uint64_t *set) {
  if (ir_is_pseudo(in->op)) return;
  IrEffect fx = ir_op_effect(in->op);
  if (ir_is_jump(in)) {
    int t = ir_cfg_target(c, in->a[0]);
    if (t >= 0) {
      const uint64_t *there = ir_live_in(l, t);
      for (int w = 0; w < l->words; w++) set[w] = fx == FX_LEAVE ? there[w] : set[w] | there[w];
    } else if (fx == FX_LEAVE) {
      ir_live_exit(l, c, b, k, set);
    } else {
      Union u = {l, set};
      for (int w = 0; w < l->words; w++) set[w] |= l->anywhere[w];
      ir_cfg_reentries(c, b, k, add_live_in, &u);
    }
  }
  access(l, in, set);
}

/* Block i's live-in from its successors; true if it grew. */
static bool transfer(IrLive *l, const IrCfg *c, const IrFunc *f, int i, uint64_t *set) {
  const IrBlock *b = f->blocks.b[i];
  memset(set, 0, (size_t)l->words * sizeof *set);
  if (i + 1 < f->blocks.n && ir_block_falls_through(b))
    memcpy(set, ir_live_in(l, i + 1), (size_t)l->words * sizeof *set);
  for (int k = b->n - 1; k >= 0; k--) ir_live_step(l, c, i, k, &b->insns[k], set);
  uint64_t *in = l->in + (size_t)i * (size_t)l->words;
  bool grew = false;
  for (int w = 0; w < l->words; w++) {
    if ((set[w] | in[w]) != in[w]) grew = true;
    in[w] |= set[w];
  }
  return grew;
}

static void solve(IrLive *l, const IrCfg *c, const IrFunc *f) {
  uint64_t *set = calloc((size_t)l->words, sizeof *set);
  if (!set) fatal_oom();
  for (int round = 0;; round++) {
    if (round == MAX_ROUNDS) {
      l->ok = false;
      break;
    }
    bool grew = false;
    for (int i = f->blocks.n - 1; i >= 0; i--) grew |= transfer(l, c, f, i, set);
    for (int x = 0; x < c->nanywhere; x++) {
      const uint64_t *in = ir_live_in(l, c->anywhere[x]);
      for (int w = 0; w < l->words; w++) {
        if ((l->anywhere[w] | in[w]) != l->anywhere[w]) grew = true;
        l->anywhere[w] |= in[w];
      }
    }
    if (!grew) break;
  }
  free(set);
}

void ir_live_compute(IrLive *l, const IrCfg *c, const IrFunc *f) {
  memset(l, 0, sizeof *l);
  l->ok = collect_slots(l, f);
  l->words = (l->nslots + 1 + 63) / 64;
  if (!l->ok || (int64_t)l->words * (f->blocks.n + 2) > MAX_WORDS) {
    l->ok = false;
    return;
  }
  l->in = calloc((size_t)l->words * (size_t)f->blocks.n + 1, sizeof *l->in);
  l->anywhere = calloc((size_t)l->words, sizeof *l->anywhere);
  if (!l->in || !l->anywhere) fatal_oom();
  solve(l, c, f);
}

void ir_live_slots(IrLive *l, const IrFunc *f) {
  memset(l, 0, sizeof *l);
  l->ok = collect_slots(l, f);
  l->words = (l->nslots + 1 + 63) / 64;
}

void ir_live_free(IrLive *l) {
  free(l->offs);
  free(l->in);
  free(l->anywhere);
  memset(l, 0, sizeof *l);
}
