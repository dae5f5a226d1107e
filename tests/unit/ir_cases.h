/* What the unit tests of the IR passes share (test_ir_passes.c,
 * test_ir_flow.c): building a function the way the code generator does,
 * and running one pass on it against the text that must come out.
 *
 * Slot n is opd_slot(n), written 8n(%rbp): slot 1 is 8(%rbp). F and U are
 * chosen apart from every slot offset the cases use (F+8(%rbp) prints as
 * 64+8(%rbp), U+8(%rbp) as 80+8(%rbp)); blocks a pass adds take their
 * labels from the function's counter, which starts at 100: the first new
 * block is .L.101. Each including file counts its own failures. */
#ifndef DODOC_TESTS_IR_CASES_H
#define DODOC_TESTS_IR_CASES_H

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ir.h"

#define UNUSED __attribute__((unused))

static int failures;

/* ---- Building a function ---- */

/* The function a case builds and the block instructions go to. */
typedef struct Fn {
  IrFunc ir;
  IrBlock *cur;
  int labels; /* the module's .L.N counter (IrFunc.labels points here) */
} Fn;

enum { TEST_F = 64, TEST_U = 80, FIRST_NEW_LABEL = 100 };

/* A function `f`: its first block is the entry, labelled by the symbol. */
static UNUSED void begin(Fn *fn) {
  ir_func_init(&fn->ir, "f");
  fn->ir.frame = TEST_F;
  fn->ir.unwind = TEST_U;
  fn->labels = FIRST_NEW_LABEL;
  fn->ir.labels = &fn->labels;
  fn->cur = ir_block_new(&fn->ir, &fn->ir.blocks, opd_sym("f"), ENTRY_ENTRY);
}

/* `label:` a new block, entered as `entry` says; instructions go there. */
static UNUSED void block(Fn *fn, Opd label, EntryKind entry) {
  fn->cur = ir_block_new(&fn->ir, &fn->ir.blocks, label, entry);
}

/* `.L.n:` a join: entered only by jumps inside the function and by falling
 * into it. */
static UNUSED void join(Fn *fn, int n) { block(fn, opd_label(n), ENTRY_JOIN); }

/* One instruction at the end of the current block. The returned pointer is
 * for setting ->comment or ->cc, before the next one is appended. */
static UNUSED IrInsn *op0(Fn *fn, IrOp op) {
  return ir_append(fn->cur, ir_insn(op, 0, (Opd){0}, (Opd){0}));
}
static UNUSED IrInsn *op1(Fn *fn, IrOp op, Opd a) {
  return ir_append(fn->cur, ir_insn(op, 1, a, (Opd){0}));
}
/* AT&T order: source, destination. */
static UNUSED IrInsn *op2(Fn *fn, IrOp op, Opd src, Opd dst) {
  return ir_append(fn->cur, ir_insn(op, 2, src, dst));
}

/* movq 8n(%rbp), %reg */
static UNUSED IrInsn *load(Fn *fn, int slot, int reg) {
  return op2(fn, IR_MOVQ, opd_slot(slot), opd_reg(reg));
}

/* movq %reg, 8n(%rbp) */
static UNUSED IrInsn *store(Fn *fn, int reg, int slot) {
  return op2(fn, IR_MOVQ, opd_reg(reg), opd_slot(slot));
}

/* j<cc> target */
static UNUSED IrInsn *jcc(Fn *fn, Cond cc, Opd target) {
  IrInsn *in = op1(fn, IR_JCC, target);
  in->cc = (uint8_t)cc;
  return in;
}

/* # text: a comment line, no instruction. */
static UNUSED void note(Fn *fn, const char *text) { op0(fn, IR_COMMENT)->comment = text; }

/* ---- Running a pass and checking its text ---- */

typedef void Pass(IrFunc *);

static UNUSED const char *text_of(const Buf *b) { return b->data ? b->data : ""; }

static UNUSED void check(const char *name, const char *input, const char *want, const char *got) {
  if (strcmp(got, want) != 0) {
    failures++;
    printf("FAIL %s\n--- input\n%s--- expected\n%s--- got\n%s", name, input, want, got);
  } else {
    printf("ok %s\n", name);
  }
}

/* Whether every instruction can be written: a comment with its text, the
 * operands an instruction counts all there (ir_print would stop on one). */
static UNUSED bool printable(const IrFunc *f) {
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    for (int k = 0; k < b->n; k++) {
      const IrInsn *in = &b->insns[k];
      if (in->op == IR_COMMENT && !in->comment) return false;
      for (int j = 0; j < in->nops; j++)
        if (in->a[j].kind == OPD_NONE) return false;
    }
  }
  return true;
}

/* Runs the pass and compares its text with `want`; when `built` is given,
 * the text before the pass must be that (a slip in the case's builder must
 * not pass for a kept instruction). Frees the function. */
static UNUSED void run(Fn *fn, const char *name, Pass *pass, const char *built, const char *want) {
  Buf in, out;
  buf_init(&in);
  buf_init(&out);
  ir_print(&fn->ir, &in);
  pass(&fn->ir);
  if (!printable(&fn->ir)) {
    failures++;
    printf("FAIL %s: the pass left an instruction that cannot be written\n--- input\n%s", name,
           text_of(&in));
  } else {
    ir_print(&fn->ir, &out);
    if (built && strcmp(text_of(&in), built) != 0) {
      failures++;
      printf("FAIL %s: the case built something else\n--- built\n%s--- meant\n%s", name,
             text_of(&in), built);
    } else {
      check(name, text_of(&in), want, text_of(&out));
    }
  }
  buf_free(&in);
  buf_free(&out);
  ir_func_free(&fn->ir);
}

/* The pass must change the function into `want`. */
static UNUSED void expect(Fn *fn, const char *name, Pass *pass, const char *want) {
  run(fn, name, pass, NULL, want);
}

/* The pass must leave the function, which is `text`, as it is. */
static UNUSED void keeps(Fn *fn, const char *name, Pass *pass, const char *text) {
  run(fn, name, pass, text, text);
}

#endif
