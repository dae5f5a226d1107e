/* Writing the IR as AT&T assembly text: the last step of code generation.
 * Frame sizes are filled in here, from IrFunc.frame and .unwind. */
#include "ir.h"

#include "fatal.h"

/* With f NULL (ir_dump), the frame sizes are written as F and U. */
static void put_frame_size(Buf *out, const IrFunc *f, FrameAdd fa) {
  if (!f) buf_putc(out, fa == FA_SIZE ? 'F' : 'U');
  else buf_put_int(out, fa == FA_SIZE ? f->frame : f->unwind);
}

static void put_frame_number(Buf *out, const IrFunc *f, Opd o) {
  switch ((FrameAdd)o.frame) {
  case FA_NONE: buf_put_int(out, o.val); return;
  case FA_SIZE:
  case FA_UNWIND:
    put_frame_size(out, f, (FrameAdd)o.frame);
    if (o.plus || o.val) {
      buf_putc(out, '+');
      buf_put_int(out, o.val);
    }
    return;
  case FA_MINUS_UNWIND:
    buf_put_int(out, o.val);
    buf_putc(out, '-');
    put_frame_size(out, f, FA_UNWIND);
    return;
  }
  ICE(0, "an operand with an unknown frame addend");
}

void ir_print_label(Buf *out, Opd o) {
  if (o.label > 0) {
    buf_putn(out, ".L.", 3);
    buf_put_int(out, o.label);
  } else if (o.sym) {
    buf_puts(out, o.sym);
  } else {
    ICE(0, "a symbolic operand without a symbol");
  }
}

void ir_print_opd(Buf *out, const IrFunc *f, Opd o) {
  if (o.star) buf_putc(out, '*');
  switch ((OpdKind)o.kind) {
  case OPD_REG:
    buf_putc(out, '%');
    buf_puts(out, reg_name(o.reg, o.width));
    return;
  case OPD_IMM:
    buf_putc(out, '$');
    put_frame_number(out, f, o);
    return;
  case OPD_NUM: put_frame_number(out, f, o); return;
  case OPD_MEM:
    if (o.reg == REG_RIP) {
      ir_print_label(out, o);
      buf_putn(out, "(%rip)", 6);
      return;
    }
    if (!o.bare) put_frame_number(out, f, o);
    buf_putn(out, "(%", 2);
    buf_puts(out, reg_name(o.reg, 8));
    buf_putc(out, ')');
    return;
  case OPD_SYM: ir_print_label(out, o); return;
  case OPD_NONE: break;
  }
  ICE(0, "an IR operand of unknown kind");
}

void ir_print_insn(Buf *out, const IrFunc *f, const IrInsn *in) {
  if (in->op == IR_COMMENT) {
    buf_putn(out, "\t# ", 3);
    buf_puts(out, in->comment);
    buf_putc(out, '\n');
    return;
  }
  buf_putc(out, '\t');
  if (in->op == IR_LOC) {
    buf_putn(out, ".loc 1 ", 7);
    buf_put_int(out, in->a[0].val);
    buf_putc(out, ' ');
    buf_put_int(out, in->a[1].val);
    if (in->cc) buf_puts(out, " prologue_end");
    buf_putc(out, '\n');
    return;
  }
  buf_puts(out, ir_op_name(in->op));
  if (in->op == IR_JCC || in->op == IR_SETCC) buf_puts(out, cond_name(in->cc));
  for (int i = 0; i < in->nops; i++) {
    buf_putn(out, i ? ", " : " ", i ? 2 : 1);
    ir_print_opd(out, f, in->a[i]);
  }
  if (in->comment) {
    buf_putn(out, "\t# ", 3);
    buf_puts(out, in->comment);
  }
  buf_putc(out, '\n');
}

void ir_print(const IrFunc *f, Buf *out) {
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    if (i > 0) { /* the first block's label is the symbol, written with it */
      if (b->align) buf_puts(out, "\t.p2align 4,,10\n");
      ir_print_label(out, b->label);
      buf_putn(out, ":\n", 2);
    }
    for (int k = 0; k < b->n; k++) ir_print_insn(out, f, &b->insns[k]);
  }
}
