/* -O1 and up, the first pass: loops rotated, and loop heads aligned.
 *
 * A block that ends in `jmp T`, where T is short, gets a copy of T instead
 * of the jump (tail duplication), which is loop rotation where T is a loop
 * test:
 *
 *   - T ends in a jump of its own (a generator's loop test ending in the
 *     yield): the copy replaces the jmp whole, so a resume runs straight
 *     into the test and the yield with no jump to a jump;
 *
 *   - T ends in a conditional jump and falls into the next block B (the
 *     test of a loop whose body is B): the copy ends in the inverse
 *     condition back to B and a jump out, so each turn of the loop takes
 *     one branch, at its bottom, instead of a jmp and the test's branch.
 *
 * The copy starts where the block's facts hold, so the passes after this
 * one find more to drop in it. Then the blocks that hot code jumps back to
 * are aligned: targets of backward jumps, a generator's resume and a
 * consumer's yield (each turn of a for loop jumps to both).
 *
 * Not with -g: the copies would repeat CFI directives. */
#include "ir.h"
#include "ir_pass.h"

enum { MAX_COPY = 12 }; /* instructions of T, pseudo-instructions not counted */

static int last_real(const IrBlock *b) {
  for (int k = b->n - 1; k >= 0; k--)
    if (!ir_is_pseudo(b->insns[k].op)) return k;
  return -1;
}

/* Whether T (block t) can be copied: short, no CFI, and it either leaves
 * or ends in a conditional jump that falls into the next block. */
static bool copyable(const IrFunc *f, const IrCfg *c, int t) {
  const IrBlock *b = f->blocks.b[t];
  int n = 0;
  for (int k = 0; k < b->n; k++) {
    IrOp op = (IrOp)b->insns[k].op;
    if (op == IR_CFI_STARTPROC || op == IR_CFI_ENDPROC || op == IR_CFI_DEF_CFA || op == IR_LOC)
      return false;
    if (!ir_is_pseudo(op)) n++;
  }
  int last = last_real(b);
  if (n == 0 || n > MAX_COPY || last < 0) return false;
  IrEffect fx = ir_op_effect(b->insns[last].op);
  if (fx == FX_LEAVE) return true;
  return fx == FX_BRANCH && t + 1 < f->blocks.n && ir_cfg_target(c, b->insns[last].a[0]) >= 0;
}

/* Block i ends in `jmp T`: T's instructions instead. T's last real
 * instruction (comments may follow it) is its jump out. */
static void duplicate(IrFunc *f, int i, int t) {
  IrBlock *b = f->blocks.b[i], *from = f->blocks.b[t];
  int jmp = last_real(b), n = from->n;
  b->n = jmp; /* the jmp goes; anything after it was unreachable */
  for (int k = 0; k < n; k++) ir_append(b, from->insns[k]);
  IrInsn *last = &b->insns[last_real(b)];
  if (ir_op_effect(last->op) == FX_LEAVE) return;
  /* j<cc> X, falling into B  =>  j<!cc> B; jmp X */
  Opd out = last->a[0];
  last->cc = (uint8_t)cond_invert((Cond)last->cc);
  last->a[0] = f->blocks.b[t + 1]->label;
  last->comment = NULL;
  ir_append(b, ir_insn(IR_JMP, 1, out, (Opd){0}));
}

static void rotate(IrFunc *f, const IrCfg *c) {
  for (int i = 0; i < f->blocks.n; i++) {
    IrBlock *b = f->blocks.b[i];
    int last = last_real(b);
    if (last < 0 || b->insns[last].op != IR_JMP) continue;
    int t = ir_cfg_target(c, b->insns[last].a[0]);
    if (t < 0 || t == i || !copyable(f, c, t)) continue;
    duplicate(f, i, t);
  }
}

/* Loop heads: blocks a later block jumps back to; and the targets of a
 * generator loop's two indirect jumps. */
static void align_hot_labels(IrFunc *f, const IrCfg *c) {
  for (int i = 1; i < f->blocks.n; i++) {
    IrBlock *b = f->blocks.b[i];
    if (b->entry == ENTRY_RESUME || b->entry == ENTRY_YIELD) b->align = true;
    for (int k = 0; k < b->n; k++) {
      if (!ir_is_jump(&b->insns[k])) continue;
      int t = ir_cfg_target(c, b->insns[k].a[0]);
      if (t > 0 && t <= i) f->blocks.b[t]->align = true;
    }
  }
}

/* One graph serves both: copies change blocks' instructions, not which
 * block a label names, and they copy jumps whose targets it knows. */
void ir_pass_rotate(IrFunc *f) {
  IrCfg c;
  ir_cfg_build(&c, f);
  rotate(f, &c);
  align_hot_labels(f, &c);
  ir_cfg_free(&c);
}
