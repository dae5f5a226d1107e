/* -O1 and up: stores to frame slots that nothing reads afterwards.
 *
 * Entry code parks every parameter and continuation in the frame (no
 * register survives a call), and the load pass (ir_facts.c) often leaves
 * none of those slots read: `isEven` passes n and its continuations on in
 * registers; a for loop's value is stored at each yield and read only in
 * the body that used its register. A `movq` to a slot is dropped where the
 * slot is dead (ir_live.c: no path reads it before it is overwritten, the
 * re-entries after a yield or call included), and so is a `movq` into RBP
 * where RBP is dead.
 *
 * A function too large for the liveness sets falls back to a coarser rule:
 * a store is dropped when no instruction of the function reads the slot,
 * and only if the frame's address never escapes.
 *
 * Not with -g, whose CFI tells the debugger where the continuations are
 * saved. */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* Offsets of the frame that some instruction reads (or might). */
typedef struct Reads {
  int64_t *off;
  size_t n, cap;
  bool unknown; /* the frame escapes: keep every store */
} Reads;

static void add_read(Reads *r, int64_t off) {
  if (r->n == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 64;
    r->off = realloc(r->off, r->cap * sizeof *r->off);
    if (!r->off) fatal_oom();
  }
  r->off[r->n++] = off;
}

static int cmp_off(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Does a read of 8 bytes at some r->off[i] overlap [off, off + 8)? That is,
 * off - 8 < r->off[i] < off + 8. Reads are sorted: one binary search, so a
 * function of 50,000 locals stays linear-logarithmic. */
static bool is_read(const Reads *r, int64_t off) {
  size_t lo = 0, hi = r->n; /* first index with r->off[i] > off - 8 */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->off[mid] > off - 8) hi = mid;
    else lo = mid + 1;
  }
  return lo < r->n && r->off[lo] < off + 8;
}

/* RBP as a value (not as a base), or a slot's address: the frame escapes. */
static bool frame_escapes(const IrInsn *in) {
  if (in->op == IR_LEAQ && opd_is_slot(in->a[0])) return true;
  IrEffect fx = ir_op_effect(in->op);
  for (int i = 0; i < in->nops; i++) {
    /* only a plain write of RBP (movq %rsp, %rbp) leaves its value unused */
    bool dest = i == in->nops - 1 && (fx == FX_MOVE || fx == FX_WRITES_LAST);
    if (opd_is_reg(in->a[i], REG_RBP) && !dest) return true;
  }
  return false;
}

/* Every slot operand is a read, except a store's destination. */
static void scan(Reads *r, const IrInsn *in) {
  if (ir_is_pseudo(in->op)) return;
  if (frame_escapes(in)) r->unknown = true;
  bool is_store = ir_move_kind(in) == MOVE_STORE;
  for (int i = 0; i < in->nops; i++)
    if (opd_is_slot(in->a[i]) && !(is_store && i == 1)) add_read(r, in->a[i].val);
}

/* The coarse rule, for functions without liveness. */
static void dead_stores_anywhere(IrFunc *f) {
  Reads r = {0};
  for (int i = 0; i < f->blocks.n && !r.unknown; i++)
    for (int k = 0; k < f->blocks.b[i]->n && !r.unknown; k++) scan(&r, &f->blocks.b[i]->insns[k]);
  if (!r.unknown) {
    if (r.n) qsort(r.off, r.n, sizeof *r.off, cmp_off);
    for (int i = 0; i < f->blocks.n; i++) {
      IrBlock *b = f->blocks.b[i];
      int w = 0;
      for (int k = 0; k < b->n; k++)
        if (ir_move_kind(&b->insns[k]) != MOVE_STORE || is_read(&r, b->insns[k].a[1].val))
          b->insns[w++] = b->insns[k];
      b->n = w;
    }
  }
  free(r.off);
}

/* A movq that writes a dead slot or a dead RBP and nothing else. */
static bool dead_write(const IrLive *l, const IrInsn *in, const uint64_t *live) {
  if (in->op != IR_MOVQ) return false;
  Opd to = in->a[1];
  if (opd_is_slot(to)) return !ir_live_has(live, ir_live_slot(l, to.val));
  return opd_is_reg(to, REG_RBP) && !ir_live_has(live, ir_live_rbp(l));
}

void ir_pass_dead_stores(IrFunc *f) {
  IrCfg c;
  IrLive l;
  ir_cfg_build(&c, f);
  ir_live_compute(&l, &c, f);
  if (!l.ok) {
    dead_stores_anywhere(f);
  } else {
    uint64_t *live = calloc((size_t)l.words, sizeof *live);
    if (!live) fatal_oom();
    for (int i = 0; i < f->blocks.n; i++) {
      IrBlock *b = f->blocks.b[i];
      memset(live, 0, (size_t)l.words * sizeof *live);
      if (i + 1 < f->blocks.n && ir_block_falls_through(b))
        memcpy(live, ir_live_in(&l, i + 1), (size_t)l.words * sizeof *live);
      /* backwards, marking the dead; then one forward sweep compacts */
      bool *drop = calloc((size_t)b->n + 1, sizeof *drop);
      if (!drop) fatal_oom();
      for (int k = b->n - 1; k >= 0; k--) {
        if (dead_write(&l, &b->insns[k], live)) drop[k] = true;
        else ir_live_step(&l, &c, i, k, &b->insns[k], live);
      }
      int w = 0;
      for (int k = 0; k < b->n; k++)
        if (!drop[k]) b->insns[w++] = b->insns[k];
      b->n = w;
      free(drop);
    }
    free(live);
  }
  ir_live_free(&l);
  ir_cfg_free(&c);
}
