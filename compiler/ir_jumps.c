/* -O1 and up: a conditional jump over an unconditional one,
 *
 *   jge .L.1                jl .L.2
 *   jmp .L.2        =>    .L.1:
 * .L.1:
 *
 * (an if-expression's then-arm ending in a jump past its else-arm) becomes
 * the inverse condition: one taken branch fewer on that path. */
#include "ir.h"
#include "ir_pass.h"

void ir_pass_jumps(IrFunc *f) {
  for (int i = 0; i + 1 < f->blocks.n; i++) {
    IrBlock *b = f->blocks.b[i];
    if (b->n < 2) continue;
    IrInsn *jcc = &b->insns[b->n - 2], *jmp = &b->insns[b->n - 1];
    if (jcc->op != IR_JCC || !ir_direct_jump(jcc) || jmp->op != IR_JMP ||
        jmp->a[0].kind != OPD_SYM || jmp->a[0].star)
      continue;
    if (opd_local_label(f->blocks.b[i + 1]->label) != jcc->a[0].label) continue;
    jcc->cc = (uint8_t)cond_invert((Cond)jcc->cc);
    jcc->a[0] = jmp->a[0];
    jcc->comment = NULL;
    b->n--;
  }
}
