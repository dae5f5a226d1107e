/* Unit tests of the -O1 passes over the instruction IR (compiler/ir_facts.c,
 * ir_jumps.c, ir_stores.c). Each case builds a function the way the code
 * generator does, runs one pass, and compares what ir_print writes with the
 * AT&T text that must come out. The cases that must keep a load or a store
 * are as important as the ones that drop one: a wrong drop is a miscompile,
 * a wrong keep only a missed saving.
 *
 * They began as the text peephole's tests and keep its case names. Where an
 * old case leaned on something only text can say (an unknown mnemonic, an
 * operand the parser could not read), a comment at the case says what stands
 * in for it. The cases marked "IR:" are new: behaviour the IR adds.
 *
 * Slot n is opd_slot(n), written 8n(%rbp): slot 1 is 8(%rbp). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ir.h"
#include "ir_cases.h"

/* ---- Building a function ---- */

/* `sym:` a continuation: entered from outside, so nothing is known there. */
static void cont(Fn *fn, const char *sym) { block(fn, opd_sym(sym), ENTRY_CONT); }

/* set<cc> dst */
static IrInsn *setcc(Fn *fn, Cond cc, Opd dst) {
  IrInsn *in = op1(fn, IR_SETCC, dst);
  in->cc = (uint8_t)cc;
  return in;
}

/* .loc 1 line col: a directive, no instruction. */
static void loc(Fn *fn, int line, int col) {
  op2(fn, IR_LOC, opd_num(line), opd_num(col));
}

/* Operands at RBP whose offset is not known until the frame is laid out:
 * F+off(%rbp) (a stack parameter) and U+off(%rbp) (the caller's area).
 * Neither is a frame slot of this function. */
static Opd at_f(int off) { return opd_frame(opd_mem(REG_RBP, off), FA_SIZE, true); }
static Opd at_u(int off) { return opd_frame(opd_mem(REG_RBP, off), FA_UNWIND, off != 0); }

/* ---- ir_pass_slot_facts: redundant loads and stores, in one block ---- */

static void loads(void) {
  Pass *p = ir_pass_slot_facts;
  Fn fn;

  begin(&fn);
  store(&fn, REG_RAX, 1)->comment = "x";
  load(&fn, 1, REG_RAX)->comment = "x";
  op2(&fn, IR_ADDQ, opd_imm(1), opd_reg(REG_RAX));
  expect(&fn, "reload after store", p,
         "\tmovq %rax, 8(%rbp)\t# x\n"
         "\taddq $1, %rax\n");

  begin(&fn);
  store(&fn, REG_RDI, 0)->comment = "n";
  load(&fn, 0, REG_RAX)->comment = "n";
  expect(&fn, "load from another register", p,
         "\tmovq %rdi, 0(%rbp)\t# n\n"
         "\tmovq %rdi, %rax\t# n\n");

  begin(&fn);
  load(&fn, 1, REG_RCX);
  store(&fn, REG_RCX, 1);
  expect(&fn, "store of what the slot holds", p, "\tmovq 8(%rbp), %rcx\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_reg(REG_RAX));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "register written in between", p,
        "\tmovq 8(%rbp), %rax\n"
        "\taddq $1, %rax\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  setcc(&fn, CC_L, opd_regw(REG_RAX, 1));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "part of the register written", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tsetl %al\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "slot written in between", p,
        "\tmovq 8(%rbp), %rax\n"
        "\taddq $1, 8(%rbp)\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_MOVQ, opd_imm(0), opd_slot(2));
  load(&fn, 1, REG_RAX);
  expect(&fn, "other slot written: fact kept", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tmovq $0, 16(%rbp)\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RCX), opd_deref(REG_RSP));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "memory through another base", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tmovq %rcx, (%rsp)\n"
        "\tmovq 8(%rbp), %rax\n");

  /* IR: the same store, marked as stack below the frame (a marker that
   * codegen pushed: opd_stack), is no slot: the fact holds. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RCX), opd_stack(opd_deref(REG_RSP)));
  load(&fn, 1, REG_RAX);
  expect(&fn, "IR: a store to the stack below the frame keeps the facts", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tmovq %rcx, (%rsp)\n");

  /* The text pass forgot everything when RBP was written, and this case
   * kept the reload. The IR pass does not (0596a8a): inside a function RBP
   * only ever becomes this frame's base again (a continuation recovering
   * it), so slots, named by their offset from it, name the same memory. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBP));
  load(&fn, 1, REG_RAX);
  expect(&fn, "RBP recovered: facts survive", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tmovq %rsp, %rbp\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op1(&fn, IR_CALL, opd_sym("dodo_print"));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "a call", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tcall dodo_print\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RDX);
  load(&fn, 2, REG_RAX);
  op0(&fn, IR_CQTO);
  op1(&fn, IR_IDIVQ, opd_slot(3));
  load(&fn, 1, REG_RDX);
  load(&fn, 2, REG_RAX);
  keeps(&fn, "division writes RAX and RDX", p,
        "\tmovq 8(%rbp), %rdx\n"
        "\tmovq 16(%rbp), %rax\n"
        "\tcqto\n"
        "\tidivq 24(%rbp)\n"
        "\tmovq 8(%rbp), %rdx\n"
        "\tmovq 16(%rbp), %rax\n");

  /* IR: idivq writes RDX by itself, with no cqto before it to say so. */
  begin(&fn);
  load(&fn, 1, REG_RDX);
  op1(&fn, IR_IDIVQ, opd_reg(REG_RCX));
  load(&fn, 1, REG_RDX);
  keeps(&fn, "IR: idivq writes RDX without a cqto", p,
        "\tmovq 8(%rbp), %rdx\n"
        "\tidivq %rcx\n"
        "\tmovq 8(%rbp), %rdx\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_CMPQ, opd_slot(0), opd_reg(REG_RAX));
  load(&fn, 1, REG_RAX);
  expect(&fn, "compare writes nothing", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tcmpq 0(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RCX));
  load(&fn, 1, REG_RCX);
  expect(&fn, "copy carries the fact", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tmovq %rax, %rcx\n");

  /* Was "unknown instruction" (pushq %rbx: the text pass forgot everything
   * at a mnemonic it did not know). Every IR opcode has a known effect, so
   * here is what a push does, spelled in the IR: RSP moves, and memory
   * through RSP is written, which might be the frame. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_SUBQ, opd_imm(8), opd_reg(REG_RSP));
  op2(&fn, IR_MOVQ, opd_reg(REG_RBX), opd_deref(REG_RSP));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "a push, spelled in the IR", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tsubq $8, %rsp\n"
        "\tmovq %rbx, (%rsp)\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  loc(&fn, 3, 5);
  note(&fn, "note");
  load(&fn, 1, REG_RAX);
  expect(&fn, "directives and comments are no instructions", p,
         "\tmovq 8(%rbp), %rax\n"
         "\t.loc 1 3 5\n"
         "\t# note\n");

  /* IR: U+8(%rbp) is the caller's area, not slot 1, though both are 8 from
   * something at RBP; loading it is no load of slot 1. */
  begin(&fn);
  op2(&fn, IR_MOVQ, at_u(8), opd_reg(REG_RAX));
  load(&fn, 1, REG_RAX);
  keeps(&fn, "IR: a load from U+8 is no load of slot 1", p,
        "\tmovq 80+8(%rbp), %rax\n"
        "\tmovq 8(%rbp), %rax\n");

  /* IR: and storing to F+8 (a stack parameter) is no store to slot 1. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RCX), at_f(8));
  load(&fn, 1, REG_RCX);
  keeps(&fn, "IR: a store to F+8 is no store to slot 1", p,
        "\tmovq %rcx, 64+8(%rbp)\n"
        "\tmovq 8(%rbp), %rcx\n");
}

/* ---- ir_pass_slot_facts: what survives into a block ---- */

static void labels(void) {
  Pass *p = ir_pass_slot_facts;
  Fn fn;

  begin(&fn);
  load(&fn, 1, REG_RAX);
  cont(&fn, "f.k1");
  load(&fn, 1, REG_RAX);
  keeps(&fn, "continuation label: facts die", p,
        "\tmovq 8(%rbp), %rax\n"
        "f.k1:\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  jcc(&fn, CC_L, opd_label(3));
  op2(&fn, IR_ADDQ, opd_imm(0), opd_reg(REG_RCX));
  join(&fn, 3);
  load(&fn, 1, REG_RAX);
  expect(&fn, "forward jump and fall-through agree", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tjl .L.3\n"
         "\taddq $0, %rcx\n"
         ".L.3:\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  jcc(&fn, CC_L, opd_label(3));
  load(&fn, 2, REG_RAX);
  join(&fn, 3);
  load(&fn, 1, REG_RAX);
  keeps(&fn, "fall-through disagrees", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tjl .L.3\n"
        "\tmovq 16(%rbp), %rax\n"
        ".L.3:\n"
        "\tmovq 8(%rbp), %rax\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  jcc(&fn, CC_GE, opd_label(1));
  load(&fn, 2, REG_RAX);
  op1(&fn, IR_JMP, opd_star(opd_reg(REG_R11)));
  join(&fn, 1);
  load(&fn, 1, REG_RAX);
  expect(&fn, "only way in is the jump", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tjge .L.1\n"
         "\tmovq 16(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.1:\n");

  /* Was "a backward jump comes later": the text pass knew nothing at a loop
   * head. The IR pass meets the back edge too (a fixed point), and there the
   * slot has been written. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  join(&fn, 1);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  op1(&fn, IR_JMP, opd_label(1));
  keeps(&fn, "loop head: the back edge writes the slot", p,
        "\tmovq 8(%rbp), %rax\n"
        ".L.1:\n"
        "\tmovq 8(%rbp), %rax\n"
        "\taddq $1, 8(%rbp)\n"
        "\tjmp .L.1\n");

  /* The jump and the fall-through agree, but a block whose address is
   * taken (leaq .L.4(%rip)) has ways in that the pass cannot see. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_LEAQ, opd_rip_label(4), opd_reg(REG_R9));
  jcc(&fn, CC_L, opd_label(4));
  join(&fn, 4);
  load(&fn, 1, REG_RAX);
  keeps(&fn, "address taken: unknown ways in", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tleaq .L.4(%rip), %r9\n"
        "\tjl .L.4\n"
        ".L.4:\n"
        "\tmovq 8(%rbp), %rax\n");

  /* The text pass had to tell a.L.4 from .L.4 by its spelling; in the IR a
   * symbol is never a block label, whatever its name. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_LEAQ, opd_rip("a.L.4"), opd_reg(REG_R9));
  jcc(&fn, CC_L, opd_label(4));
  join(&fn, 4);
  load(&fn, 1, REG_RAX);
  expect(&fn, "a longer name is not the label", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tleaq a.L.4(%rip), %r9\n"
         "\tjl .L.4\n"
         ".L.4:\n");

  begin(&fn);
  load(&fn, 1, REG_RAX);
  op1(&fn, IR_JMP, opd_label(9));
  load(&fn, 1, REG_RAX);
  join(&fn, 9);
  keeps(&fn, "after a jmp, no label: nothing known", p,
        "\tmovq 8(%rbp), %rax\n"
        "\tjmp .L.9\n"
        "\tmovq 8(%rbp), %rax\n"
        ".L.9:\n");

  /* IR: references are counted over the whole function before the pass, so
   * an address taken after the block counts as well. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  join(&fn, 4);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_LEAQ, opd_rip_label(4), opd_reg(REG_R9));
  keeps(&fn, "IR: address taken further on", p,
        "\tmovq 8(%rbp), %rax\n"
        ".L.4:\n"
        "\tmovq 8(%rbp), %rax\n"
        "\tleaq .L.4(%rip), %r9\n");

  /* IR: the same without the leaq: a join nothing names is entered only by
   * falling into it. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  join(&fn, 4);
  load(&fn, 1, REG_RAX);
  expect(&fn, "IR: a join nothing names", p,
         "\tmovq 8(%rbp), %rax\n"
         ".L.4:\n");

  /* IR: two jumps and the fall-through: only what all three agree on
   * survives (RAX holds slot 1 on every way in, RCX does not hold slot 2). */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  load(&fn, 2, REG_RCX);
  jcc(&fn, CC_L, opd_label(3));
  load(&fn, 3, REG_RCX);
  jcc(&fn, CC_G, opd_label(3));
  join(&fn, 3);
  load(&fn, 1, REG_RAX);
  load(&fn, 2, REG_RCX);
  expect(&fn, "IR: the facts at every jump are met", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tmovq 16(%rbp), %rcx\n"
         "\tjl .L.3\n"
         "\tmovq 24(%rbp), %rcx\n"
         "\tjg .L.3\n"
         ".L.3:\n"
         "\tmovq 16(%rbp), %rcx\n");

  /* IR: the same loop when the back edge leaves slot 1 alone: RAX holds it
   * on both ways in. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  join(&fn, 1);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_reg(REG_RCX));
  op1(&fn, IR_JMP, opd_label(1));
  expect(&fn, "IR: loop head: the back edge agrees", p,
         "\tmovq 8(%rbp), %rax\n"
         ".L.1:\n"
         "\taddq $1, %rcx\n"
         "\tjmp .L.1\n");

  /* IR: a .L.N block entered from outside (after an unwind) knows nothing,
   * though nothing in the function names it and RAX held slot 1 when the
   * code fell into it: the entry kind says so, not the references. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  block(&fn, opd_label(5), ENTRY_UNWOUND);
  load(&fn, 1, REG_RAX);
  keeps(&fn, "IR: an external entry kind: facts die", p,
        "\tmovq 8(%rbp), %rax\n"
        ".L.5:\n"
        "\tmovq 8(%rbp), %rax\n");

  /* IR: a block entered from outside starts with what the convention puts
   * there (IrBlock.facts): at a consumer's yield, RDI = SP1, which slot 2
   * holds. Nothing from before the block crosses into it. */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  op1(&fn, IR_JMP, opd_star(opd_reg(REG_R11)));
  block(&fn, opd_sym("f.yield"), ENTRY_YIELD);
  ir_block_fact(fn.cur, REG_RDI, 2);
  load(&fn, 2, REG_RDI)->comment = "SP1";
  load(&fn, 1, REG_RAX);
  expect(&fn, "IR: a block's entry facts", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         "f.yield:\n"
         "\tmovq 8(%rbp), %rax\n");

  /* IR: a comment's text is text (the text pass once read labels in it). */
  begin(&fn);
  load(&fn, 1, REG_RAX);
  jcc(&fn, CC_L, opd_label(4))->comment = "leaq .L.4(%rip), %r9";
  note(&fn, "leaq .L.4(%rip), %r9");
  join(&fn, 4);
  load(&fn, 1, REG_RAX);
  expect(&fn, "IR: a comment naming a label takes nothing", p,
         "\tmovq 8(%rbp), %rax\n"
         "\tjl .L.4\t# leaq .L.4(%rip), %r9\n"
         "\t# leaq .L.4(%rip), %r9\n"
         ".L.4:\n");
}

/* ---- ir_pass_jumps: jcc over jmp ---- */

static void jumps(void) {
  Pass *p = ir_pass_jumps;
  Fn fn;

  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(2), opd_reg(REG_RAX));
  jcc(&fn, CC_GE, opd_label(1));
  op1(&fn, IR_JMP, opd_label(2));
  join(&fn, 1);
  op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
  expect(&fn, "jump over a jump", p,
         "\tcmpq $2, %rax\n"
         "\tjl .L.2\n"
         ".L.1:\n"
         "\tsubq $1, %rax\n");

  begin(&fn);
  jcc(&fn, CC_NZ, opd_label(5));
  op1(&fn, IR_JMP, opd_sym("f.raise"));
  join(&fn, 5);
  expect(&fn, "jz/jnz", p,
         "\tjz f.raise\n"
         ".L.5:\n");

  begin(&fn);
  jcc(&fn, CC_GE, opd_label(1));
  op1(&fn, IR_JMP, opd_label(2));
  join(&fn, 7);
  keeps(&fn, "another label follows: kept", p,
        "\tjge .L.1\n"
        "\tjmp .L.2\n"
        ".L.7:\n");

  begin(&fn);
  jcc(&fn, CC_GE, opd_label(1));
  op1(&fn, IR_JMP, opd_star(opd_reg(REG_R11)));
  join(&fn, 1);
  keeps(&fn, "indirect jmp: kept", p,
        "\tjge .L.1\n"
        "\tjmp *%r11\n"
        ".L.1:\n");

  /* IR: through a slot is as indirect as through a register. */
  begin(&fn);
  jcc(&fn, CC_GE, opd_label(1));
  op1(&fn, IR_JMP, opd_star(opd_slot(3)));
  join(&fn, 1);
  keeps(&fn, "IR: indirect jmp through a slot: kept", p,
        "\tjge .L.1\n"
        "\tjmp *24(%rbp)\n"
        ".L.1:\n");

  /* IR: the jcc's comment described the old target; it goes (as with the
   * text pass, whose output is kept byte for byte under --asm-comments). */
  begin(&fn);
  jcc(&fn, CC_GE, opd_label(1))->comment = "then";
  op1(&fn, IR_JMP, opd_label(2))->comment = "else";
  join(&fn, 1);
  expect(&fn, "IR: the pair's comments go with it", p,
         "\tjl .L.2\n"
         ".L.1:\n");
}

/* IR: every condition becomes its inverse, spelled as codegen spelled it
 * (jz stays a z, not an e). */
static void inverts(Cond cc, const char *inverse) {
  char name[64], want[64];
  snprintf(name, sizeof name, "IR: j%s over a jmp becomes j%s", cond_name(cc), inverse);
  snprintf(want, sizeof want, "\tj%s .L.2\n.L.1:\n", inverse);
  Fn fn;
  begin(&fn);
  jcc(&fn, cc, opd_label(1));
  op1(&fn, IR_JMP, opd_label(2));
  join(&fn, 1);
  expect(&fn, name, ir_pass_jumps, want);
}

static void inverse_conditions(void) {
  static const struct {
    Cond cc;
    const char *inverse;
  } pairs[] = {
      {CC_E, "ne"}, {CC_NE, "e"}, {CC_Z, "nz"}, {CC_NZ, "z"}, {CC_L, "ge"}, {CC_GE, "l"},
      {CC_LE, "g"}, {CC_G, "le"}, {CC_S, "ns"}, {CC_NS, "s"}, {CC_O, "no"}, {CC_NO, "o"},
      {CC_B, "ae"}, {CC_AE, "b"}, {CC_BE, "a"}, {CC_A, "be"},
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) inverts(pairs[i].cc, pairs[i].inverse);
}

/* ---- ir_pass_dead_stores: stores nothing reads ---- */

static void dead_stores(void) {
  Pass *p = ir_pass_dead_stores;
  Fn fn;

  begin(&fn);
  store(&fn, REG_RDI, 0)->comment = "n";
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  expect(&fn, "a slot nothing reads", p, "\tmovq %rdi, %rax\n");

  begin(&fn);
  store(&fn, REG_RDI, 0);
  load(&fn, 0, REG_RAX);
  keeps(&fn, "a slot read later", p,
        "\tmovq %rdi, 0(%rbp)\n"
        "\tmovq 0(%rbp), %rax\n");

  begin(&fn);
  store(&fn, REG_R8, 2);
  op1(&fn, IR_JMP, opd_star(opd_slot(2)));
  keeps(&fn, "read by an indirect jump", p,
        "\tmovq %r8, 16(%rbp)\n"
        "\tjmp *16(%rbp)\n");

  begin(&fn);
  store(&fn, REG_RAX, 3);
  op2(&fn, IR_ADDQ, opd_slot(3), opd_reg(REG_RAX));
  keeps(&fn, "read as an operand", p,
        "\tmovq %rax, 24(%rbp)\n"
        "\taddq 24(%rbp), %rax\n");

  begin(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_MOVL, opd_mem(REG_RBP, 12), opd_regw(REG_RAX, 4));
  keeps(&fn, "an overlapping read", p,
        "\tmovq %rax, 8(%rbp)\n"
        "\tmovl 12(%rbp), %eax\n");

  /* U(%rbp) and U+8(%rbp) look like slots 0 and 1 with U added; they are
   * the caller's area, so neither the leaq nor the load keeps slot 1. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_LEAQ, at_u(0), opd_reg(REG_RSP));
  op2(&fn, IR_MOVQ, at_u(8), opd_reg(REG_RAX));
  expect(&fn, "the caller's area is no slot", p,
         "\tleaq 80(%rbp), %rsp\n"
         "\tmovq 80+8(%rbp), %rax\n");

  /* Was "the frame base escapes", when RBP used as a value kept every
   * store. It is a frame marker (movq %rbp, (%rsp) before a call or a
   * yield), read back only to recover RBP, and the frame is then reached
   * through RBP-relative slots that liveness sees: the marker keeps no
   * store. Slot 1, read after it, keeps its store; slot 2, never read,
   * loses it. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  op2(&fn, IR_MOVQ, opd_reg(REG_RBP), opd_deref(REG_RSP));
  load(&fn, 1, REG_RDX);
  expect(&fn, "a frame marker keeps no store: only the slot read later", p,
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq %rbp, (%rsp)\n"
         "\tmovq 8(%rbp), %rdx\n");

  /* The address is of another slot than the one stored to: any slot may be
   * reached from it, so every store stays (the leaq's operand is no read). */
  begin(&fn);
  store(&fn, REG_RAX, 2);
  op2(&fn, IR_LEAQ, opd_slot(1), opd_reg(REG_RDI));
  keeps(&fn, "a slot's address escapes", p,
        "\tmovq %rax, 16(%rbp)\n"
        "\tleaq 8(%rbp), %rdi\n");

  /* Was "an unknown slot expression" (x(%rbp), which the text pass could
   * not read, so it kept every store). Every IR operand is structured, so
   * none is unknown; the nearest is a slot spelled another way: (%rbp),
   * with no displacement, is slot 0. */
  begin(&fn);
  store(&fn, REG_RAX, 0);
  op2(&fn, IR_MOVQ, opd_deref(REG_RBP), opd_reg(REG_RCX));
  keeps(&fn, "a slot with no displacement: (%rbp) is slot 0", p,
        "\tmovq %rax, 0(%rbp)\n"
        "\tmovq (%rbp), %rcx\n");

  /* IR: a jump through slot 3 reads slot 3, and only that: the store to
   * slot 4 beside it still goes. */
  begin(&fn);
  store(&fn, REG_R8, 3);
  store(&fn, REG_R9, 4);
  op1(&fn, IR_JMP, opd_star(opd_slot(3)));
  expect(&fn, "IR: jmp *24(%rbp) reads slot 3", p,
         "\tmovq %r8, 24(%rbp)\n"
         "\tjmp *24(%rbp)\n");

  /* IR: F+8(%rbp) (a stack parameter) is not slot 1: reading it keeps no
   * store to slot 1. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_MOVQ, at_f(8), opd_reg(REG_RCX));
  expect(&fn, "IR: a read of F+8 is no read of slot 1", p, "\tmovq 64+8(%rbp), %rcx\n");

  /* IR: a store into the caller's area (a result for a continuation) is
   * read after the function is left: never dead, though nothing here reads
   * it. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RAX), at_u(8));
  keeps(&fn, "IR: a store to U+8 is not a slot's", p, "\tmovq %rax, 80+8(%rbp)\n");

  /* IR: another store to the slot writes it and reads nothing. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 1);
  expect(&fn, "IR: a store is no read of its slot", p, "");

  /* IR: a comment's text is text (the text pass read slots in it). */
  begin(&fn);
  store(&fn, REG_RAX, 1)->comment = "8(%rbp)";
  note(&fn, "movq 8(%rbp), %rax");
  expect(&fn, "IR: a comment naming a slot reads nothing", p, "\t# movq 8(%rbp), %rax\n");
}

int main(void) {
  loads();
  labels();
  jumps();
  inverse_conditions();
  dead_stores();
  if (failures) printf("%d failed\n", failures);
  return failures != 0;
}
