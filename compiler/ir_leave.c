/* -O1 and up, after the others: blocks nothing reaches any more, dropped;
 * and an exit through a register that only copies another,
 *
 *   movq %r8, %r11            leaq 32(%rsp), %rsp
 *   leaq 32(%rsp), %rsp  =>   jmp *%r8
 *   jmp *%r11
 *
 * Codegen loads a continuation into R11 before the frame goes (the slot
 * is gone after); where the slot facts found the continuation still in its
 * register, the load became that copy, and the jump can go through the
 * register itself. The convention gives no meaning to R11 at a
 * continuation (abi.md §3: values come in RAX and RDX, nothing else
 * survives), and every jump through R11 that codegen writes is to a
 * continuation (a return, an event, a generator's end or unwinding), never
 * a call that could read it as a fourth continuation.
 *
 * Not with -g: the CFI may name R11 as where the return address is.
 *
 * A block is reached from the function's entry, from a block whose label
 * is taken (handed out as a continuation), and on from those by jumps and
 * fall-through. Copies made by the other passes (rotation, edges) often
 * leave the original with no way in: a raise path every branch now has a
 * copy of. Its label is local to the function, so nothing else can. */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

/* The jmp *%r11 ending block b, if R11 there is a copy of a register that
 * still holds the same: jump through that register, drop the copy. */
static void through_copy(IrBlock *b) {
  int k = b->n - 1;
  while (k >= 0 && ir_is_pseudo(b->insns[k].op)) k--;
  if (k < 0 || b->insns[k].op != IR_JMP || !opd_is_reg(b->insns[k].a[0], REG_R11) ||
      !b->insns[k].a[0].star)
    return;
  for (int c = k - 1; c >= 0; c--) {
    IrInsn *in = &b->insns[c];
    if (ir_is_pseudo(in->op)) continue;
    if (ir_move_kind(in) == MOVE_COPY && opd_is_reg(in->a[1], REG_R11)) {
      int src = in->a[0].reg;
      if (src == REG_RSP) return;
      for (int m = c + 1; m < k; m++)
        if (!ir_is_pseudo(b->insns[m].op) && ir_regs_written(&b->insns[m]) & 1u << src) return;
      b->insns[k].a[0].reg = (uint8_t)src;
      memmove(in, in + 1, (size_t)(b->n - c - 1) * sizeof *in);
      b->n--;
      return;
    }
    if (ir_regs_written(in) & 1u << REG_R11 || ir_reads_reg(in, REG_R11)) return;
  }
}

void ir_pass_leave(IrFunc *f) {
  for (int i = 0; i < f->blocks.n; i++) through_copy(f->blocks.b[i]);
}

void ir_pass_unreachable(IrFunc *f) {
  IrCfg c;
  ir_cfg_build(&c, f);
  int n = f->blocks.n, *stack = calloc((size_t)n + 1, sizeof *stack);
  bool *seen = calloc((size_t)n + 1, sizeof *seen);
  if (!stack || !seen) fatal_oom();
  int top = 0;
  for (int i = 0; i < n; i++)
    if (i == 0 || c.taken[i]) seen[i] = true, stack[top++] = i;
  while (top > 0) {
    int b = stack[--top];
    for (int e = c.succ_at[b]; e < c.succ_at[b + 1]; e++)
      if (!seen[c.succ[e]]) seen[c.succ[e]] = true, stack[top++] = c.succ[e];
  }
  int w = 0;
  for (int i = 0; i < n; i++) {
    if (seen[i]) f->blocks.b[w++] = f->blocks.b[i]; /* the others' arrays are the arena's */
  }
  f->blocks.n = w;
  free(stack);
  free(seen);
  ir_cfg_free(&c);
}
