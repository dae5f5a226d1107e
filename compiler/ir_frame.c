/* -O1 and up, the last pass: frame words that nothing reads leave the
 * frame.
 *
 * gen_func_ir() lays the frame out before the body exists: the variables,
 * the continuations and SP1, the struct accumulator, then the temporaries.
 * After the load pass (ir_facts.c) many of those words are read nowhere.
 * A generator, for instance, keeps SP1 and its continuations in registers
 * from one yield to the next, so the words parked for them are written
 * (if at all) and never read. In a generator value such a word costs
 * more than stack space: abi.md §5 copies the whole segment out at every
 * yield and back in at every next (B6's generator: 6 words, 2 read).
 *
 * The model of frame memory is ir_live.c's. Only RBP-relative operands
 * name slots; `leaq N(%rbp)` hands out the address of the words from N up,
 * so it reads them all. A word that no operand reads is dropped, with the
 * movqs that store to it (they have no other effect). The words above it
 * move down, and F and U shrink by as much. Every operand relative to F or
 * U (the prologue's `subq $F, %rsp`, the parameters above the frame, R)
 * follows by itself when it is printed. The words from the lowest leaq up
 * are all read, so they move as one block and the pointers into it stay
 * right.
 *
 * Not with -g: DWARF and CFI name each variable's and continuation's slot. */
#include <stdint.h>
#include <stdlib.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* A movq that writes one whole slot and does nothing else. */
static bool is_slot_store(const IrInsn *in) {
  return in->op == IR_MOVQ && in->nops == 2 && opd_frame_slot(in->a[1]) >= 0 &&
         (in->a[0].kind == OPD_REG || in->a[0].kind == OPD_IMM);
}

/* Marks the words each instruction reads; false if some slot operand is not
 * a whole word inside the frame (then the frame is left as it is). */
static bool mark_reads(const IrFunc *f, bool *read, int nwords) {
  int pinned = nwords; /* the lowest word a leaq takes the address of */
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    for (int k = 0; k < b->n; k++) {
      const IrInsn *in = &b->insns[k];
      if (ir_is_pseudo(in->op)) continue;
      bool store = is_slot_store(in);
      for (int j = 0; j < in->nops; j++) {
        int64_t at = opd_frame_slot(in->a[j]);
        if (at < 0 && (opd_is_slot(in->a[j]) || in->a[j].slot_at < 0)) return false;
        if (at < 0) continue;
        if (at % 8 || at / 8 >= nwords) return false;
        int w = (int)(at / 8);
        if (in->op == IR_LEAQ) {
          if (w < pinned) pinned = w;
        } else if (!(store && j == 1)) {
          read[w] = true;
        }
      }
    }
  }
  for (int w = pinned; w < nwords; w++) read[w] = true;
  return true;
}

static void move_slot(Opd *o, const int *to) {
  int64_t at = opd_frame_slot(*o), moved = 8 * (int64_t)to[at / 8];
  o->val += moved - at;
  if (o->slot_at) o->slot_at = (int32_t)(moved + 1);
  if (o->val) o->bare = false;
}

/* Drops the stores to unread words, renumbers the slot operands and the
 * block facts. */
static void renumber(IrFunc *f, const bool *read, const int *to) {
  for (int i = 0; i < f->blocks.n; i++) {
    IrBlock *b = f->blocks.b[i];
    int n = 0;
    for (int k = 0; k < b->n; k++) {
      IrInsn in = b->insns[k];
      if (is_slot_store(&in) && !read[opd_frame_slot(in.a[1]) / 8]) continue;
      for (int j = 0; j < in.nops; j++)
        if (opd_frame_slot(in.a[j]) >= 0) move_slot(&in.a[j], to);
      b->insns[n++] = in;
    }
    b->n = n;
    int nf = 0;
    for (int k = 0; k < b->nfacts; k++) {
      EntryFact fact = b->facts[k];
      int w = (int)(fact.offset / 8);
      if (fact.offset < 0 || fact.offset % 8 || w >= f->frame / 8 || !read[w]) continue;
      fact.offset = 8 * (int64_t)to[w];
      b->facts[nf++] = fact;
    }
    b->nfacts = nf;
  }
}

void ir_pass_compact_frame(IrFunc *f) {
  int nwords = f->frame / 8;
  if (nwords <= 0 || f->frame >= INT32_MAX / 2) return; /* Opd.slot_at holds an offset */
  bool *read = calloc((size_t)nwords, sizeof *read);
  int *to = malloc((size_t)nwords * sizeof *to);
  if (!read || !to) fatal_oom();
  int kept = 0;
  if (mark_reads(f, read, nwords)) {
    for (int w = 0; w < nwords; w++) {
      to[w] = kept;
      if (read[w]) kept++;
    }
    if (kept < nwords) {
      renumber(f, read, to);
      int dropped = 8 * (nwords - kept);
      f->frame -= dropped;
      f->unwind -= dropped;
    }
  }
  free(read);
  free(to);
}
