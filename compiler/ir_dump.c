/* --emit=ir: a function's IR as the passes leave it, before the frame sizes
 * are filled in (F is the frame, U the bytes up to R, abi.md §3). Each
 * block shows how it is entered and what the convention guarantees there. */
#include "ir.h"

void ir_dump(const IrFunc *f, Buf *out) {
  buf_printf(out, "\nfunction %s  frame F=%d U=%d\n", f->symbol, f->frame, f->unwind);
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    ir_print_label(out, b->label);
    buf_printf(out, ":\t\t; %s: %s", entry_kind_name(b->entry), entry_kind_facts(b->entry));
    for (int k = 0; k < b->nfacts; k++)
      buf_printf(out, "; %%%s = %lld(%%rbp)", reg_name(b->facts[k].reg, 8),
                 (long long)b->facts[k].offset);
    buf_putc(out, '\n');
    for (int k = 0; k < b->n; k++) ir_print_insn(out, NULL, &b->insns[k]);
  }
}
