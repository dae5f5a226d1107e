/* The words of a generator's segment that each resume may write before its
 * next yield, as a table for the runtime (abi.md §5, runtime/gen_switch.S).
 *
 * A generator value's step copies the segment in from its buffer, resumes
 * it, and at the yield copies it out again. Between the two the generator
 * usually writes a word or two: B6's writes its counter, while its live
 * locals, up to 4 KiB of them, stay as they came in. The buffer still holds
 * them, so at the yield the runtime needs to copy out only what may have
 * changed, if it knows what that is. This file works it out from the IR,
 * after the passes, for each resume label:
 *
 *   - the paths from the label (fall-through and direct jumps, ir_cfg.c) up
 *     to a yield, the exit whose re-entries include a resume block;
 *   - the frame words their instructions write: a slot (at RBP, or one the
 *     sink re-addressed, Opd.slot_at), or memory at RSP while RSP is still
 *     the frame base;
 *   - memory at RDI while RDI is still SP1 is the consumer's (above SP1,
 *     outside the segment), data at RIP is no one's;
 *   - anything else makes the label's entry absent, so that its yields copy
 *     the whole segment: a C call (it may write through a pointer into the
 *     frame), a call or a resume of another generator (the path leaves and
 *     comes back), memory through any other register, an operand relative
 *     to F or U, a yield after RSP moved (the segment is then not the frame).
 *
 * Paths that end (the end, an event) need nothing. The offsets are from the
 * frame base, which is the segment's start when the segment is U bytes:
 * each entry records U, and the runtime uses it only when the segment it
 * copied in at the resume and the one at the yield are both that size
 * (a yield inside a nested `for … in` body is deeper: copied whole). */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* The state of a path: RSP and RDI still as at the resume. */
enum { MOVED_RSP = 1, MOVED_RDI = 2, NSTATES = 4 };

typedef struct Walk {
  const IrFunc *f;
  const IrCfg *c;
  uint8_t *seen;   /* per block: the states it was entered in, */
  int *seen_walk;  /* in the walk numbered so (no clearing per label: a
                      generator of 20,000 yields stays linear) */
  int walk;
  int *stack;      /* blocks (times NSTATES, plus the state) still to scan */
  int nstack;
  bool *written;   /* per frame word */
  int *touched;    /* the words written, in the order found (each once) */
  int ntouched;
  int nwords;
  int reentries;   /* of the exit being looked at */
  bool yields;     /* one of them is a resume block: the exit is a yield */
} Walk;

static void visit_reentry(void *arg, int block) {
  Walk *w = arg;
  w->reentries++;
  if (w->f->blocks.b[block]->entry == ENTRY_RESUME) w->yields = true;
}

/* The frame words an instruction writes; false if it may write others. */
static bool mark_write(Walk *w, const IrInsn *in, int state) {
  IrEffect fx = ir_op_effect((IrOp)in->op);
  if (fx != FX_MOVE && fx != FX_WRITES_LAST) return true;
  Opd o = in->a[in->nops - 1];
  if (o.kind != OPD_MEM) return true;
  if (o.frame != FA_NONE || o.slot_at < 0) return false;
  int64_t at = opd_frame_slot(o);
  if (at < 0) {
    if (o.reg == REG_RSP && !(state & MOVED_RSP)) at = o.val; /* RSP: the frame base */
    else if (o.reg == REG_RDI && !(state & MOVED_RDI) && o.val >= 0) return true; /* above SP1 */
    else return o.reg == REG_RIP; /* data; anything else might be the frame */
  }
  int width = ir_op_width((IrOp)in->op);
  if (at < 0 || width <= 0 || at + width > 8 * (int64_t)w->nwords) return false;
  for (int64_t k = at / 8; k <= (at + width - 1) / 8; k++)
    if (!w->written[k]) {
      w->written[k] = true;
      w->touched[w->ntouched++] = (int)k;
    }
  return true;
}

static void push(Walk *w, int block, int state) {
  if (w->seen_walk[block] != w->walk) {
    w->seen_walk[block] = w->walk;
    w->seen[block] = 0;
  }
  if (w->seen[block] & (1u << state)) return;
  w->seen[block] |= (uint8_t)(1u << state);
  w->stack[w->nstack++] = block * NSTATES + state;
}

/* Scans block b entered in `state`; false if the label's entry must go. */
static bool scan_block(Walk *w, int b, int state) {
  const IrBlock *blk = w->f->blocks.b[b];
  for (int k = 0; k < blk->n; k++) {
    const IrInsn *in = &blk->insns[k];
    if (ir_is_pseudo((IrOp)in->op)) continue;
    if (ir_op_effect((IrOp)in->op) == FX_CALL) return false;
    if (!mark_write(w, in, state)) return false;
    unsigned regs = ir_regs_written(in);
    if (regs & 1u << REG_RSP) state |= MOVED_RSP;
    if (regs & 1u << REG_RDI) state |= MOVED_RDI;
    if (!ir_cfg_leaves(w->c, in)) continue;
    w->yields = false;
    w->reentries = 0;
    ir_cfg_reentries(w->c, b, k, visit_reentry, w);
    if (w->yields) {
      if (state & MOVED_RSP) return false;
    } else if (w->reentries > 0) {
      return false; /* a call, or a resume of a generator this one consumes */
    }
    if (ir_op_effect((IrOp)in->op) == FX_LEAVE) return true; /* the path ends here */
  }
  for (int s = w->c->succ_at[b]; s < w->c->succ_at[b + 1]; s++) push(w, w->c->succ[s], state);
  return true;
}

/* The words the code from resume block b may write before it yields. */
static bool words_from(Walk *w, int b) {
  w->walk++;
  for (int i = 0; i < w->ntouched; i++) w->written[w->touched[i]] = false;
  w->ntouched = 0;
  w->nstack = 0;
  push(w, b, 0);
  while (w->nstack > 0) {
    int item = w->stack[--w->nstack];
    if (!scan_block(w, item / NSTATES, item % NSTATES)) return false;
  }
  return true;
}

/* One entry: the label, U, the first word written and the mask of the
 * words from it, if they fit in 64. */
static void put_entry(Buf *out, const IrFunc *f, const IrBlock *b, const Walk *w) {
  int first = 0, last = -1;
  for (int i = 0; i < w->ntouched; i++) {
    int k = w->touched[i];
    if (last < 0 || k < first) first = k;
    if (k > last) last = k;
  }
  if (last >= 0 && last - first >= 64) return;
  uint64_t mask = 0;
  for (int i = 0; i < w->ntouched; i++) mask |= (uint64_t)1 << (w->touched[i] - first);
  buf_puts(out, "\t.quad ");
  ir_print_opd(out, f, b->label);
  buf_printf(out, ", %d, %d, %#llx\n", f->unwind, first, (unsigned long long)mask);
}

void ir_dirty_table(const IrFunc *f, Buf *out, const char *table) {
  IrCfg c;
  ir_cfg_build(&c, f);
  Walk w = {.f = f, .c = &c, .nwords = f->unwind / 8};
  w.seen = malloc((size_t)f->blocks.n + 1);
  w.seen_walk = calloc((size_t)f->blocks.n + 1, sizeof *w.seen_walk);
  w.stack = malloc(((size_t)f->blocks.n * NSTATES + 1) * sizeof *w.stack);
  w.written = calloc((size_t)w.nwords + 1, sizeof *w.written);
  w.touched = malloc(((size_t)w.nwords + 1) * sizeof *w.touched);
  Buf entries;
  buf_init(&entries);
  int n = 0;
  if (!w.seen || !w.seen_walk || !w.stack || !w.written || !w.touched) fatal_oom();
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    if (b->entry != ENTRY_RESUME || !words_from(&w, i)) continue;
    size_t before = entries.len;
    put_entry(&entries, f, b, &w);
    if (entries.len > before) n++;
  }
  buf_printf(out, "\t.section .data.rel.ro,\"aw\"\n\t.p2align 3\n%s:\t# words each resume may write "
                  "before its next yield (abi.md §5): label, segment bytes, first word, mask\n"
                  "\t.quad %d\n",
             table, n);
  if (entries.len) buf_putn(out, entries.data, entries.len);
  buf_free(&entries);
  free(w.seen);
  free(w.seen_walk);
  free(w.stack);
  free(w.written);
  free(w.touched);
  ir_cfg_free(&c);
}
