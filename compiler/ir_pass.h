/* What the IR passes share: how a move is classified, and the references
 * to each .L.N block. */
#ifndef DODOC_IR_PASS_H
#define DODOC_IR_PASS_H

#include "ir.h"

typedef enum MoveKind {
  MOVE_NONE,  /* not a movq */
  MOVE_LOAD,  /* movq N(%rbp), %r (r not RBP) */
  MOVE_STORE, /* movq %r, N(%rbp) */
  MOVE_COPY,  /* movq %s, %r */
  MOVE_OTHER, /* any other movq: writes its destination */
} MoveKind;

MoveKind ir_move_kind(const IrInsn *in);
/* A jmp or jcc straight to a .L.N block. */
bool ir_direct_jump(const IrInsn *in);
/* A jmp or a jcc, whatever its target. */
bool ir_is_jump(const IrInsn *in);
/* An instruction that writes its last operand without reading it. */
bool ir_pure_write(IrOp op);
/* The registers the instruction writes, as a mask (a C call: all). */
unsigned ir_regs_written(const IrInsn *in);
/* Whether the instruction reads `reg`: as a value, or as a memory base. */
bool ir_reads_reg(const IrInsn *in, int reg);
/* Every register the instruction reads, as a mask: its operands and the
 * implicit ones (cqto and idivq read RAX, idivq RDX too; a call, all). */
unsigned ir_regs_read(const IrInsn *in);

/* The .L.N blocks of a function, and how each is referenced. */
typedef struct LabelRef {
  int jumps;  /* direct jumps to it */
  bool taken; /* referenced otherwise (its address is used): unknown ways in */
} LabelRef;

typedef struct LabelRefs {
  LabelRef *at; /* at[n - first] for .L.n */
  int first, count;
} LabelRefs;

void label_refs_scan(LabelRefs *r, const IrFunc *f);
void label_refs_free(LabelRefs *r);
/* The entry of .L.n if n is a block of the function, else NULL. */
LabelRef *label_ref(LabelRefs *r, int n);

/* ---- The control-flow graph (ir_cfg.c) ----
 *
 * Blocks are joined by fall-through and by direct jumps, to a .L.N label or
 * to a block named by a symbol (m.f.raise, m.f itself for a self call).
 * Everything else leaves the function: an indirect jump through a
 * continuation, or a jump to a function (this one's own symbol included: a
 * call starts a new activation with its own frame). Control comes back only
 * at a block whose address the function handed out (leaq .L.6(%rip), %r9):
 * every exit passes afresh the continuations it may come back through (a
 * call its return and event labels, a yield its resume and unwind, a
 * resume the consumer's three), so after an exit the function is re-entered
 * only at the labels taken in the same block before it. A label taken
 * where no exit follows in its block is counted at every exit. */
typedef struct IrCfg {
  int nblocks;
  int *succ_at, *succ; /* successors of block i: succ[succ_at[i] .. succ_at[i + 1]) */
  int *ways_in;        /* fall-through and direct jumps into each block */
  bool *reentry;       /* entered from outside the function */
  bool *taken;         /* its address is taken (a leaq of its label) */
  int *exit_at;        /* exits of block i: exits[exit_at[i] .. exit_at[i + 1]) */
  struct IrExit { int insn, first, n; } *exits; /* re-entries: back[first .. first + n) */
  int *back, nback;
  int *anywhere, nanywhere; /* labels taken with no exit after them in their block */
  int label_first, nlabels;
  int *label_block;    /* .L.n -> its block, or -1 */
  const char **sym_key; /* open addressing: symbol-labelled blocks */
  int *sym_block, sym_cap;
  const char **ptr_key; /* the same by the string's address: every symbol */
  int *ptr_block, ptr_cap; /* a jump names, looked up once while building */
} IrCfg;

void ir_cfg_build(IrCfg *c, const IrFunc *f);
void ir_cfg_free(IrCfg *c);
/* The block a direct jump to `target` reaches, or -1 if it leaves. */
int ir_cfg_target(const IrCfg *c, Opd target);
/* The block a label names (a jump's target, or an address at RIP), the
 * function's own first block included, or -1. */
int ir_cfg_block_of(const IrCfg *c, Opd o);
/* Whether execution can run off the end of b into the next block. */
bool ir_block_falls_through(const IrBlock *b);
/* A jump that leaves the function: through a register or memory, or to
 * another function's symbol. */
bool ir_cfg_leaves(const IrCfg *c, const IrInsn *in);

/* The blocks control may come back to after the exit at insns[k] of block
 * b: `visit(arg, block)` for each (the labels taken anywhere included). */
void ir_cfg_reentries(const IrCfg *c, int b, int k, void (*visit)(void *arg, int block), void *arg);

/* ---- Liveness of frame slots and RBP (ir_live.c) ----
 *
 * Which frame slots (and whether RBP) may still be read, where each block
 * starts. A slot is named by its RBP offset; only whole, 8-byte aligned
 * slots are tracked. Where the function is left, what the re-entries that
 * exit hands out read is live; a `leaq N(%rbp)` (an array handed to the
 * runtime's next C call) reads every slot from N up. */
typedef struct IrLive {
  bool ok;           /* false: not computed (too large, or a misaligned slot) */
  int words;         /* 64-bit words per set */
  int64_t *offs;     /* the slot of each element, sorted; the last is RBP */
  int nslots;        /* elements that are slots; element nslots is RBP */
  uint64_t *in;      /* per block: live where it starts */
  uint64_t *anywhere; /* live-in of the labels taken with no exit after them */
} IrLive;

void ir_live_compute(IrLive *l, const IrCfg *c, const IrFunc *f);
/* Only the slots and their elements (no liveness): for passes that need
 * to name slots, not to know which are live. */
void ir_live_slots(IrLive *l, const IrFunc *f);
void ir_live_free(IrLive *l);
/* The element of the slot at RBP offset `off`, or -1. */
int ir_live_slot(const IrLive *l, int64_t off);
static inline int ir_live_rbp(const IrLive *l) { return l->nslots; }
static inline bool ir_live_has(const uint64_t *set, int e) { return set[e >> 6] >> (e & 63) & 1; }
static inline const uint64_t *ir_live_in(const IrLive *l, int block) {
  return l->in + (size_t)block * (size_t)l->words;
}
/* `set` (live after `in`, which is insns[k] of block b as the graph was
 * built) becomes live before it. */
void ir_live_step(const IrLive *l, const IrCfg *c, int b, int k, const IrInsn *in, uint64_t *set);
/* What is live after the exit at insns[k] of block b, into `set`. */
void ir_live_exit(const IrLive *l, const IrCfg *c, int b, int k, uint64_t *set);

#endif
