/* Unit tests of the passes that follow control flow over the instruction IR:
 * the graph (compiler/ir_cfg.c), the liveness of frame slots and RBP
 * (ir_live.c) and the dead stores it finds (ir_stores.c), stores sunk into
 * the paths that read them (ir_sink.c), and tail duplication with loop
 * heads aligned (ir_rotate.c), tail calls into loops (ir_inline.c), and
 * arithmetic on a copy done on the register (ir_copies.c).
 *
 * Each case builds a function the way the code generator does, runs one
 * pass (or computes the graph or the liveness and writes it as text), and
 * compares the text with what must come out. The cases that must keep a
 * store, or write it on a path, are as important as the ones that drop one:
 * a store dropped where a path still reads the slot is a miscompile, a store
 * kept where nothing reads it only a missed saving.
 *
 * Slot n is opd_slot(n), written 8n(%rbp): slot 1 is 8(%rbp). Blocks the
 * sink pass adds take their labels from the function's counter, which the
 * cases start at 100: the first new block is .L.101. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ir.h"
#include "ir_cases.h"
#include "ir_pass.h"

/* ---- Building a function ---- */

/* `.L.n:` a continuation: entered from outside, at the address handed out. */
static void cont(Fn *fn, int n) { block(fn, opd_label(n), ENTRY_CONT); }

static IrInsn *jmp(Fn *fn, Opd target) { return op1(fn, IR_JMP, target); }

/* jmp *%r11: leaving through a continuation (a return). */
static void leave(Fn *fn) { jmp(fn, opd_star(opd_reg(REG_R11))); }

/* leaq .L.n(%rip), %reg: a continuation handed out. */
static void take(Fn *fn, int n, int reg) { op2(fn, IR_LEAQ, opd_rip_label(n), opd_reg(reg)); }

/* cmpq $0, %reg */
static void test0(Fn *fn, int reg) { op2(fn, IR_CMPQ, opd_imm(0), opd_reg(reg)); }

/* addq $1, %reg: an instruction that touches neither the frame nor the
 * registers a case stores from. */
static void bump(Fn *fn, int reg) { op2(fn, IR_ADDQ, opd_imm(1), opd_reg(reg)); }

/* movq %rsp, %rbp: the frame base. */
static void base(Fn *fn) { op2(fn, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_RBP)); }

/* Eight instructions that touch neither the frame nor the registers the
 * cases store from: a block with them is too long to be copied onto an
 * edge (ir_sink.c copies a leaving block of at most 8). */
static void pad(Fn *fn) {
  for (int i = 0; i < 8; i++) bump(fn, REG_RDX);
}

#define PAD_TEXT                                                                       \
  "\taddq $1, %rdx\n\taddq $1, %rdx\n\taddq $1, %rdx\n\taddq $1, %rdx\n\taddq $1, %rdx\n" \
  "\taddq $1, %rdx\n\taddq $1, %rdx\n\taddq $1, %rdx\n"

/* ---- Running a pass and checking its text ---- */

/* ir_pass_sink, whose result (whether liveness was computed) the cases
 * see in the text. */
static void sink_pass(IrFunc *f) { (void)ir_pass_sink(f); }

/* ---- The graph and the liveness, written as text ---- */

static void put_block(Buf *out, const IrFunc *f, int i) { ir_print_label(out, f->blocks.b[i]->label); }

static void put_blocks(Buf *out, const IrFunc *f, const int *v, int n) {
  for (int x = 0; x < n; x++) {
    buf_putc(out, ' ');
    put_block(out, f, v[x]);
  }
}

/* One line a block: `label: in N [external] -> successors`, then one line
 * for each exit, `  exit K: re-entries`; last, `anywhere: labels`. */
static void cfg_text(const IrFunc *f, Buf *out) {
  IrCfg c;
  ir_cfg_build(&c, f);
  for (int i = 0; i < c.nblocks; i++) {
    put_block(out, f, i);
    buf_printf(out, ": in %d%s ->", c.ways_in[i], c.reentry[i] ? " external" : "");
    put_blocks(out, f, &c.succ[c.succ_at[i]], c.succ_at[i + 1] - c.succ_at[i]);
    buf_putc(out, '\n');
    for (int e = c.exit_at[i]; e < c.exit_at[i + 1]; e++) {
      buf_printf(out, "  exit %d:", c.exits[e].insn);
      put_blocks(out, f, &c.back[c.exits[e].first], c.exits[e].n);
      buf_putc(out, '\n');
    }
  }
  buf_puts(out, "anywhere:");
  put_blocks(out, f, c.anywhere, c.nanywhere);
  buf_putc(out, '\n');
  ir_cfg_free(&c);
}

static void put_set(Buf *out, const IrLive *l, const uint64_t *set) {
  for (int e = 0; e < l->nslots; e++)
    if (ir_live_has(set, e)) buf_printf(out, " %lld", (long long)l->offs[e]);
  if (ir_live_has(set, ir_live_rbp(l))) buf_puts(out, " rbp");
}

/* `label: offsets [rbp]` live where each block starts, or `not computed`. */
static void live_text(const IrFunc *f, Buf *out) {
  IrCfg c;
  IrLive l;
  ir_cfg_build(&c, f);
  ir_live_compute(&l, &c, f);
  if (!l.ok) {
    buf_puts(out, "not computed\n");
  } else {
    for (int i = 0; i < f->blocks.n; i++) {
      put_block(out, f, i);
      buf_putc(out, ':');
      put_set(out, &l, ir_live_in(&l, i));
      buf_putc(out, '\n');
    }
  }
  ir_live_free(&l);
  ir_cfg_free(&c);
}

static void expect_text(Fn *fn, const char *name, void (*write)(const IrFunc *, Buf *),
                        const char *want) {
  Buf in, out;
  buf_init(&in);
  buf_init(&out);
  ir_print(&fn->ir, &in);
  write(&fn->ir, &out);
  check(name, text_of(&in), want, text_of(&out));
  buf_free(&in);
  buf_free(&out);
  ir_func_free(&fn->ir);
}

/* ---- ir_cfg.c: successors, ways in, and where control comes back ---- */

static void graph(void) {
  Fn fn;

  begin(&fn);
  test0(&fn, REG_RAX);
  jcc(&fn, CC_L, opd_label(3));
  bump(&fn, REG_RAX);
  join(&fn, 2);
  jmp(&fn, opd_label(3));
  join(&fn, 3);
  leave(&fn);
  expect_text(&fn, "cfg: jumps and fall-through are edges, a return is an exit", cfg_text,
              "f: in 0 external -> .L.3 .L.2\n"
              ".L.2: in 1 -> .L.3\n"
              ".L.3: in 2 ->\n"
              "  exit 0:\n"
              "anywhere:\n");

  /* A call hands out its continuation before jumping: control comes back
   * there after that exit only. A label taken after the last exit of its
   * block (here after a conditional exit) may be handed out by any later
   * exit. */
  begin(&fn);
  take(&fn, 4, REG_R8);
  jmp(&fn, opd_sym("g"));
  join(&fn, 2);
  jcc(&fn, CC_O, opd_sym("dodo_overflow"));
  take(&fn, 5, REG_R9);
  leave(&fn);
  cont(&fn, 4);
  leave(&fn);
  cont(&fn, 5);
  leave(&fn);
  expect_text(&fn, "cfg: an exit comes back at the labels taken before it in its block",
              cfg_text,
              "f: in 0 external ->\n"
              "  exit 1: .L.4\n"
              ".L.2: in 0 ->\n"
              "  exit 0:\n"
              "  exit 2: .L.5\n"
              ".L.4: in 0 external ->\n"
              "  exit 0:\n"
              ".L.5: in 0 external ->\n"
              "  exit 0:\n"
              "anywhere:\n");

  /* A label taken in a block that only jumps on: any exit may hand it out. */
  begin(&fn);
  take(&fn, 5, REG_R9);
  jmp(&fn, opd_label(2));
  join(&fn, 2);
  leave(&fn);
  cont(&fn, 5);
  leave(&fn);
  expect_text(&fn, "cfg: a label taken where no exit follows counts anywhere", cfg_text,
              "f: in 0 external -> .L.2\n"
              ".L.2: in 1 ->\n"
              "  exit 0:\n"
              ".L.5: in 0 external ->\n"
              "  exit 0:\n"
              "anywhere: .L.5\n");

  /* The function's own symbol names its first block, but a jump there is a
   * call: a new activation, so no edge. A block named by another symbol
   * (the raise stub) is an ordinary target. */
  begin(&fn);
  jcc(&fn, CC_O, opd_sym("f.raise"));
  take(&fn, 3, REG_R8);
  jmp(&fn, opd_sym("f"));
  block(&fn, opd_sym("f.raise"), ENTRY_RAISE);
  leave(&fn);
  cont(&fn, 3);
  leave(&fn);
  expect_text(&fn, "cfg: a jump to the own symbol leaves, one to f.raise does not", cfg_text,
              "f: in 0 external -> f.raise\n"
              "  exit 2: .L.3\n"
              "f.raise: in 1 external ->\n"
              "  exit 0:\n"
              ".L.3: in 0 external ->\n"
              "  exit 0:\n"
              "anywhere:\n");
}

/* ---- ir_live.c: what is live where each block starts ---- */

static void liveness(void) {
  Fn fn;

  /* The loop head reads slot 1 before the body writes it: live around the
   * back edge and at the entry. Slot 2 is written before every read. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  join(&fn, 1);
  load(&fn, 1, REG_RCX);
  store(&fn, REG_RCX, 2);
  load(&fn, 2, REG_RDX);
  bump(&fn, REG_RCX);
  store(&fn, REG_RCX, 1);
  test0(&fn, REG_RCX);
  jcc(&fn, CC_L, opd_label(1));
  leave(&fn);
  expect_text(&fn, "live: a loop carries its slot around the back edge", live_text,
              "f: rbp\n"
              ".L.1: 8 rbp\n");

  /* A slot read at a continuation is live at the exit that hands it out,
   * not at another exit of the function. */
  begin(&fn);
  test0(&fn, REG_RAX);
  jcc(&fn, CC_Z, opd_label(3));
  leave(&fn);
  join(&fn, 3);
  take(&fn, 4, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 4);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect_text(&fn, "live: a continuation's reads are live at its call only", live_text,
              "f: 8 rbp\n"
              ".L.3: 8 rbp\n"
              ".L.4: 8 rbp\n");

  /* leaq 16(%rbp) hands an array to the next C call: slots 16 and up are
   * read there, slot 8 is not. */
  begin(&fn);
  join(&fn, 2);
  op2(&fn, IR_LEAQ, opd_slot(2), opd_reg(REG_RDI));
  op1(&fn, IR_CALL, opd_sym("dodo_concat"));
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RAX, 3);
  leave(&fn);
  expect_text(&fn, "live: leaq N(%rbp) reads every slot from N up", live_text,
              "f: 16 24 rbp\n"
              ".L.2: 16 24 rbp\n");

  /* RBP stored as a value is a frame marker: RBP is live, no slot is. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  join(&fn, 2);
  op2(&fn, IR_MOVQ, opd_reg(REG_RBP), opd_deref(REG_RSP));
  jmp(&fn, opd_sym("g"));
  expect_text(&fn, "live: a frame marker reads RBP, not the slots", live_text,
              "f: rbp\n"
              ".L.2: rbp\n");

  /* movq %rsp, %rbp writes RBP without reading it: dead before it. An add
   * to a slot reads it; a movl to a slot writes half of it, so the other
   * half is still read (the next case shows RBP live without the base). */
  begin(&fn);
  join(&fn, 2);
  base(&fn);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  op2(&fn, IR_MOVL, opd_regw(REG_RAX, 4), opd_slot(2));
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect_text(&fn, "live: a frame base writes RBP; addq and movl to a slot read it", live_text,
              "f: 8 16\n"
              ".L.2: 8 16\n");

  begin(&fn);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  op2(&fn, IR_MOVL, opd_regw(REG_RAX, 4), opd_slot(2));
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect_text(&fn, "live: addq and movl to a slot read it", live_text, "f: 8 16 rbp\n");

  /* A slot at an offset that is not a multiple of 8: no liveness at all
   * (the passes fall back or do nothing). */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_MOVL, opd_mem(REG_RBP, 12), opd_regw(REG_RAX, 4));
  leave(&fn);
  expect_text(&fn, "live: a misaligned slot: not computed", live_text, "not computed\n");
}

/* ---- ir_stores.c with liveness: stores dead on every path ---- */

static void dead_stores(void) {
  Pass *p = ir_pass_dead_stores;
  Fn fn;

  /* A call: the continuation .L.2 is handed out before `jmp g`, and reads
   * slot 1 when control comes back. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  take(&fn, 2, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 2);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  keeps(&fn, "kept: a slot read after a call's continuation", p,
        "\tmovq %rax, 8(%rbp)\n"
        "\tleaq .L.2(%rip), %r8\n"
        "\tjmp g\n"
        ".L.2:\n"
        "\tmovq 8(%rbp), %rax\n"
        "\tjmp *%r11\n");

  /* The same continuation, but the store is before a return, which hands
   * out nothing: the slot is dead there (only the call in .L.3 comes back
   * to .L.4). The store before the call stays. */
  begin(&fn);
  test0(&fn, REG_RAX);
  jcc(&fn, CC_Z, opd_label(3));
  store(&fn, REG_RCX, 1);
  leave(&fn);
  join(&fn, 3);
  store(&fn, REG_RDX, 1);
  take(&fn, 4, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 4);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "dropped before a return, kept before the call that comes back", p,
         "\tcmpq $0, %rax\n"
         "\tjz .L.3\n"
         "\tjmp *%r11\n"
         ".L.3:\n"
         "\tmovq %rdx, 8(%rbp)\n"
         "\tleaq .L.4(%rip), %r8\n"
         "\tjmp g\n"
         ".L.4:\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* .L.5 is taken in the first block, which only jumps on: it may come
   * back after any exit, so the slot it reads is live at the return too. */
  begin(&fn);
  take(&fn, 5, REG_R9);
  jmp(&fn, opd_label(2));
  join(&fn, 2);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  leave(&fn);
  block(&fn, opd_label(5), ENTRY_UNWOUND);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "kept: a slot read at a label taken in an earlier block", p,
         "\tleaq .L.5(%rip), %r9\n"
         "\tjmp .L.2\n"
         ".L.2:\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tjmp *%r11\n"
         ".L.5:\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* A conditional exit (an overflow raised in the callee's event
   * continuation) comes back where its block handed out. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  take(&fn, 4, REG_R10);
  jcc(&fn, CC_O, opd_sym("dodo_overflow"));
  leave(&fn);
  cont(&fn, 4);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  keeps(&fn, "kept: a slot read where a conditional exit comes back", p,
        "\tmovq %rcx, 8(%rbp)\n"
        "\tleaq .L.4(%rip), %r10\n"
        "\tjo dodo_overflow\n"
        "\tjmp *%r11\n"
        ".L.4:\n"
        "\tmovq 8(%rbp), %rax\n"
        "\tjmp *%r11\n");

  /* A self call: `jmp f` starts a new activation with its own frame. What
   * the entry block reads is the callee's, not this frame's slot 1; slot 2,
   * read by the continuation the call passes, is this frame's. */
  begin(&fn);
  test0(&fn, REG_RDI);
  jcc(&fn, CC_Z, opd_label(3));
  load(&fn, 1, REG_RAX);
  leave(&fn);
  join(&fn, 3);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  take(&fn, 4, REG_R8);
  jmp(&fn, opd_sym("f"));
  cont(&fn, 4);
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect(&fn, "a self call: only what its continuation reads stays", p,
         "\tcmpq $0, %rdi\n"
         "\tjz .L.3\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.3:\n"
         "\tmovq %rcx, 16(%rbp)\n"
         "\tleaq .L.4(%rip), %r8\n"
         "\tjmp f\n"
         ".L.4:\n"
         "\tmovq 16(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* Inside a loop: the store before the loop is overwritten at the head
   * before any read; the one in the body is read by the next turn and
   * after the loop. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  join(&fn, 1);
  store(&fn, REG_RCX, 1);
  load(&fn, 1, REG_RDX);
  bump(&fn, REG_RCX);
  test0(&fn, REG_RDX);
  jcc(&fn, CC_L, opd_label(1));
  leave(&fn);
  expect(&fn, "overwritten on every path before a read: dropped", p,
         ".L.1:\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\taddq $1, %rcx\n"
         "\tcmpq $0, %rdx\n"
         "\tjl .L.1\n"
         "\tjmp *%r11\n");

  /* A movl writes half the slot: the store before it stays, since the
   * other half is read. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_MOVL, opd_regw(REG_RCX, 4), opd_slot(1));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  keeps(&fn, "kept: a movl writes only half the slot", p,
        "\tmovq %rax, 8(%rbp)\n"
        "\tmovl %ecx, 8(%rbp)\n"
        "\tmovq 8(%rbp), %rdx\n"
        "\tjmp *%r11\n");

  /* An array for a C call: slots from 16 up are read by it. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 3);
  op2(&fn, IR_LEAQ, opd_slot(2), opd_reg(REG_RDI));
  op1(&fn, IR_CALL, opd_sym("dodo_concat"));
  leave(&fn);
  expect(&fn, "leaq 16(%rbp) keeps the stores from 16 up only", p,
         "\tmovq %rcx, 24(%rbp)\n"
         "\tleaq 16(%rbp), %rdi\n"
         "\tcall dodo_concat\n"
         "\tjmp *%r11\n");

  /* The frame base: dead where nothing uses RBP afterwards, kept for a
   * marker. */
  begin(&fn);
  base(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RCX));
  leave(&fn);
  expect(&fn, "a frame base nothing uses: dropped", p,
         "\tmovq %rax, %rcx\n"
         "\tjmp *%r11\n");

  begin(&fn);
  base(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_MOVQ, opd_reg(REG_RBP), opd_deref(REG_RSP));
  jmp(&fn, opd_sym("g"));
  expect(&fn, "a frame base kept for its marker, the store beside it not", p,
         "\tmovq %rsp, %rbp\n"
         "\tmovq %rbp, (%rsp)\n"
         "\tjmp g\n");

  /* A slot at a misaligned offset: no liveness, so the whole-function rule
   * of before: slot 1 is read somewhere, so both its stores stay (the first
   * is dead on its path); slot 4 is read nowhere. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 1);
  load(&fn, 1, REG_RDX);
  store(&fn, REG_RDX, 4);
  op2(&fn, IR_MOVL, opd_mem(REG_RBP, 44), opd_regw(REG_RAX, 4));
  leave(&fn);
  expect(&fn, "no liveness (a misaligned slot): the whole-function rule", p,
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tmovl 44(%rbp), %eax\n"
         "\tjmp *%r11\n");
}

/* ---- ir_sink.c: stores moved to the paths that read them ---- */

static void sink(void) {
  Pass *p = sink_pass;
  Fn fn;

  /* Slot 1 is read only where the overflow branch goes, and that branch
   * is .L.2's only way in: .L.2 starts with the store still waiting, which
   * goes past what leaves the slot alone there; the hot path, which
   * returns, writes nothing. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  bump(&fn, REG_RAX);
  jcc(&fn, CC_O, opd_label(2));
  op2(&fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RDX));
  leave(&fn);
  join(&fn, 2);
  bump(&fn, REG_RDX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  jmp(&fn, opd_sym("dodo_raise"));
  expect(&fn, "a store read only on the jo edge goes into its only target", p,
         "\taddq $1, %rax\n"
         "\tjo .L.2\n"
         "\tmovq %rax, %rdx\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\taddq $1, %rdx\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\taddq $1, 8(%rbp)\n"
         "\tjmp dodo_raise\n");

  /* There, a load of the slot reads the store's register instead, and the
   * store, read by nothing else, goes. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  bump(&fn, REG_RAX);
  jcc(&fn, CC_O, opd_label(2));
  leave(&fn);
  join(&fn, 2);
  load(&fn, 1, REG_RDI);
  jmp(&fn, opd_sym("dodo_raise"));
  expect(&fn, "a load of a waiting store reads its register", p,
         "\taddq $1, %rax\n"
         "\tjo .L.2\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tmovq %rcx, %rdi\n"
         "\tjmp dodo_raise\n");

  /* The branch goes back to a block already rebuilt, entered by it alone:
   * the store is written at that block's start. */
  begin(&fn);
  jmp(&fn, opd_label(3));
  join(&fn, 2);
  load(&fn, 1, REG_RDI);
  jmp(&fn, opd_sym("dodo_raise"));
  join(&fn, 3);
  store(&fn, REG_RCX, 1);
  bump(&fn, REG_RAX);
  jcc(&fn, CC_O, opd_label(2));
  leave(&fn);
  expect(&fn, "a backward branch's only target starts with the store", p,
         "\tjmp .L.3\n"
         ".L.2:\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tmovq 8(%rbp), %rdi\n"
         "\tjmp dodo_raise\n"
         ".L.3:\n"
         "\taddq $1, %rax\n"
         "\tjo .L.2\n"
         "\tjmp *%r11\n");

  /* The target has another way in (the fall-through): the store goes in a
   * new block on the branch's edge, with the cold code at the end, and
   * where the block falls into the target. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  test0(&fn, REG_RAX);
  jcc(&fn, CC_L, opd_label(2));
  bump(&fn, REG_RAX);
  join(&fn, 2);
  pad(&fn);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "a target with several ways in: a new block on the edge", p,
         "\tcmpq $0, %rax\n"
         "\tjl .L.101\n"
         "\taddq $1, %rax\n"
         "\tmovq %rcx, 8(%rbp)\n"
         ".L.2:\n"
         PAD_TEXT
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.101:\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tjmp .L.2\n");

  /* The same with a short target that leaves: the edge gets a copy of it,
   * which the store goes through (here forwarded, and then not needed). */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  test0(&fn, REG_RAX);
  jcc(&fn, CC_L, opd_label(2));
  bump(&fn, REG_RAX);
  join(&fn, 2);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "a short leaving target is copied onto the edge", p,
         "\tcmpq $0, %rax\n"
         "\tjl .L.101\n"
         "\taddq $1, %rax\n"
         "\tmovq %rcx, 8(%rbp)\n"
         ".L.2:\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.101:\n"
         "\tmovq %rcx, %rax\n"
         "\tjmp *%r11\n");

  /* A frame still pending at such a copy meets the copy's own freeing of
   * it: neither happens on that path. */
  begin(&fn);
  op2(&fn, IR_SUBQ, opd_frame(opd_imm(0), FA_SIZE, false), opd_reg(REG_RSP));
  test0(&fn, REG_RAX);
  jcc(&fn, CC_L, opd_label(2));
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  join(&fn, 2);
  op2(&fn, IR_LEAQ, opd_frame(opd_mem(REG_RSP, 0), FA_SIZE, false), opd_reg(REG_RSP));
  leave(&fn);
  expect(&fn, "a frame and its freeing cancel in a copy on the edge", p,
         "\tcmpq $0, %rax\n"
         "\tjl .L.101\n"
         "\tsubq $64, %rsp\n"
         "\taddq $1, 8(%rbp)\n"
         ".L.2:\n"
         "\tleaq 64(%rsp), %rsp\n"
         "\tjmp *%r11\n"
         ".L.101:\n"
         "\tjmp *%r11\n");

  /* The counter is the module's: the new block's label was taken from it. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  jcc(&fn, CC_L, opd_label(2));
  jcc(&fn, CC_G, opd_label(2));
  leave(&fn);
  join(&fn, 2);
  pad(&fn);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  {
    int *counter = &fn.labels;
    expect(&fn, "two branches to one target: a block each", p,
           "\tjl .L.101\n"
           "\tjg .L.102\n"
           "\tjmp *%r11\n"
           ".L.2:\n"
           PAD_TEXT
           "\tmovq 8(%rbp), %rax\n"
           "\tjmp *%r11\n"
           ".L.101:\n"
           "\tmovq %rcx, 8(%rbp)\n"
           "\tjmp .L.2\n"
           ".L.102:\n"
           "\tmovq %rcx, 8(%rbp)\n"
           "\tjmp .L.2\n");
    if (*counter != FIRST_NEW_LABEL + 2) {
      failures++;
      printf("FAIL the label counter: %d, not %d\n", *counter, FIRST_NEW_LABEL + 2);
    }
  }

  /* A block entered from outside (a raise stub) is never written into,
   * though the branch is its only jump. */
  begin(&fn);
  store(&fn, REG_RCX, 1);
  jcc(&fn, CC_O, opd_sym("f.raise"));
  leave(&fn);
  block(&fn, opd_sym("f.raise"), ENTRY_RAISE);
  pad(&fn);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "an external target gets a new block, not the store", p,
         "\tjo .L.101\n"
         "\tjmp *%r11\n"
         "f.raise:\n"
         PAD_TEXT
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.101:\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tjmp f.raise\n");

  /* Sunk past what leaves it alone, and written before what does not. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVQ, opd_imm(5), opd_reg(REG_RAX));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "flushed before its source register is written", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq $5, %rax\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op1(&fn, IR_SETCC, opd_regw(REG_RAX, 1))->cc = CC_L;
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "flushed before a byte of its source register is written", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tsetl %al\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  /* A read that cannot become a register (it writes the slot too, or
   * reads half of it) needs the store before it. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_ADDQ, opd_reg(REG_RCX), opd_slot(1));
  leave(&fn);
  expect(&fn, "flushed before an add to its slot", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\taddq %rcx, 8(%rbp)\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVL, opd_slot(1), opd_regw(REG_RCX, 4));
  leave(&fn);
  expect(&fn, "flushed before a 4-byte read of its slot", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovl 8(%rbp), %ecx\n"
         "\tjmp *%r11\n");

  /* A compare with the slot reads the register; the store then waits for
   * the path that still needs it (here none). */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_CMPQ, opd_slot(1), opd_reg(REG_RCX));
  leave(&fn);
  expect(&fn, "a compare with a waiting store's slot reads its register", p,
         "\taddq $1, %rcx\n"
         "\tcmpq %rax, %rcx\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RAX, 3);
  bump(&fn, REG_RCX);
  op2(&fn, IR_LEAQ, opd_slot(2), opd_reg(REG_RDI));
  op1(&fn, IR_CALL, opd_sym("dodo_concat"));
  leave(&fn);
  expect(&fn, "flushed before a leaq of a slot below it", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 24(%rbp)\n"
         "\tleaq 16(%rbp), %rdi\n"
         "\tcall dodo_concat\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RBP));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "flushed before RBP is written", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq %rdi, %rbp\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RBX, 1);
  bump(&fn, REG_RCX);
  op1(&fn, IR_CALL, opd_sym("dodo_print"));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "flushed before a C call", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rbx, 8(%rbp)\n"
         "\tcall dodo_print\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  /* Memory through RSP or RDI might be a slot under another name. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RCX), opd_deref(REG_RSP));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "not moved across a store through RSP", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq %rcx, (%rsp)\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVQ, opd_mem(REG_RDI, 8), opd_reg(REG_RCX));
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "not moved across a load through RDI", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tmovq 8(%rdi), %rcx\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  /* Where the path ends: written if what comes back reads it, else not. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  bump(&fn, REG_RDX);
  take(&fn, 2, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 2);
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect(&fn, "at a call: the continuation's slot written, the other dropped", p,
         "\taddq $1, %rdx\n"
         "\tleaq .L.2(%rip), %r8\n"
         "\tmovq %rcx, 16(%rbp)\n"
         "\tjmp g\n"
         ".L.2:\n"
         "\tmovq 16(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* A conditional exit takes along what its re-entries read, and lets the
   * rest go on (here, to a load that reads its register). */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  take(&fn, 4, REG_R10);
  jcc(&fn, CC_O, opd_sym("dodo_overflow"));
  bump(&fn, REG_RDX);
  load(&fn, 2, REG_RDX);
  leave(&fn);
  cont(&fn, 4);
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "a conditional exit writes what comes back there reads", p,
         "\tleaq .L.4(%rip), %r10\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\tjo dodo_overflow\n"
         "\taddq $1, %rdx\n"
         "\tmovq %rcx, %rdx\n"
         "\tjmp *%r11\n"
         ".L.4:\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* A self call is a new activation: slot 1, read by the entry block, is
   * the callee's; slot 2, read by the continuation, is written. */
  begin(&fn);
  test0(&fn, REG_RDI);
  jcc(&fn, CC_Z, opd_label(3));
  load(&fn, 1, REG_RAX);
  leave(&fn);
  join(&fn, 3);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 2);
  take(&fn, 4, REG_R8);
  jmp(&fn, opd_sym("f"));
  cont(&fn, 4);
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect(&fn, "a self call: the caller's slot only through its continuation", p,
         "\tcmpq $0, %rdi\n"
         "\tjz .L.3\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n"
         ".L.3:\n"
         "\tleaq .L.4(%rip), %r8\n"
         "\tmovq %rcx, 16(%rbp)\n"
         "\tjmp f\n"
         ".L.4:\n"
         "\tmovq 16(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* Falling into a block with no other way in: carried into it. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  join(&fn, 2);
  bump(&fn, REG_RDX);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  leave(&fn);
  expect(&fn, "carried into the block it alone falls into", p,
         "\taddq $1, %rcx\n"
         ".L.2:\n"
         "\taddq $1, %rdx\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\taddq $1, 8(%rbp)\n"
         "\tjmp *%r11\n");

  /* A loop head has two ways in: written before it, not carried. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  bump(&fn, REG_RCX);
  join(&fn, 1);
  load(&fn, 1, REG_RDX);
  bump(&fn, REG_RDX);
  test0(&fn, REG_RDX);
  jcc(&fn, CC_L, opd_label(1));
  leave(&fn);
  expect(&fn, "written before a loop head, which has two ways in", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rax, 8(%rbp)\n"
         ".L.1:\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\taddq $1, %rdx\n"
         "\tcmpq $0, %rdx\n"
         "\tjl .L.1\n"
         "\tjmp *%r11\n");

  /* A store that a later store to its slot overwrites, before any read. */
  begin(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RCX, 1);
  bump(&fn, REG_RDX);
  op2(&fn, IR_LEAQ, opd_slot(1), opd_reg(REG_RDI));
  op1(&fn, IR_CALL, opd_sym("dodo_concat"));
  leave(&fn);
  expect(&fn, "overwritten before a read: the first store goes", p,
         "\taddq $1, %rdx\n"
         "\tmovq %rcx, 8(%rbp)\n"
         "\tleaq 8(%rbp), %rdi\n"
         "\tcall dodo_concat\n"
         "\tjmp *%r11\n");
}

/* ---- ir_sink.c: the frame base and the frame ---- */

static void sink_frame(void) {
  Pass *p = sink_pass;
  Fn fn;

  /* movq %rsp, %rbp waits; meanwhile slots are addressed from RSP. The
   * branch's target reads slot 2 through RBP: the base and the store go
   * to its start, where (RBP being RSP still) the jump reads from RSP and
   * the base is no longer needed. */
  begin(&fn);
  base(&fn);
  store(&fn, REG_R8, 2);
  test0(&fn, REG_RDI);
  jcc(&fn, CC_Z, opd_label(2));
  load(&fn, 1, REG_RAX);
  leave(&fn);
  join(&fn, 2);
  jmp(&fn, opd_star(opd_slot(2)));
  expect(&fn, "the frame base sinks; slots are addressed from RSP", p,
         "\tcmpq $0, %rdi\n"
         "\tjz .L.2\n"
         "\tmovq 8(%rsp), %rax\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tmovq %r8, 16(%rsp)\n"
         "\tjmp *16(%rsp)\n");

  /* Regression: the frame, its base and two stores from RAX all wait; RAX
   * is then reused. Writing the first store writes the frame it depends
   * on first, and the second store, next in line, must be written too
   * (it was once skipped: the scan lost its place). */
  begin(&fn);
  op2(&fn, IR_SUBQ, opd_frame(opd_imm(0), FA_SIZE, false), opd_reg(REG_RSP));
  base(&fn);
  store(&fn, REG_RAX, 1);
  store(&fn, REG_RAX, 2);
  op2(&fn, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  op2(&fn, IR_ADDQ, opd_slot(1), opd_reg(REG_RAX));
  op2(&fn, IR_ADDQ, opd_slot(2), opd_reg(REG_RAX));
  leave(&fn);
  expect(&fn, "every store waiting on the frame is written before its register changes", p,
         "\tsubq $64, %rsp\n"
         "\tmovq %rax, 8(%rsp)\n"
         "\tmovq %rax, 16(%rsp)\n"
         "\txorl %eax, %eax\n"
         "\taddq 8(%rsp), %rax\n"
         "\taddq 16(%rsp), %rax\n"
         "\tjmp *%r11\n");

  /* RSP changes while a store that is read later still waits: the base
   * is written before RSP moves, and the store then goes through RBP. */
  begin(&fn);
  base(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_SUBQ, opd_imm(16), opd_reg(REG_RSP));
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  leave(&fn);
  expect(&fn, "the frame base is written before RSP changes while needed", p,
         "\tmovq %rsp, %rbp\n"
         "\tsubq $16, %rsp\n"
         "\tmovq %rax, 8(%rbp)\n"
         "\taddq $1, 8(%rbp)\n"
         "\tjmp *%r11\n");

  /* ... and when nothing needs RBP any more, neither is written. */
  begin(&fn);
  base(&fn);
  store(&fn, REG_RAX, 1);
  op2(&fn, IR_SUBQ, opd_imm(16), opd_reg(REG_RSP));
  leave(&fn);
  expect(&fn, "a frame base nothing needs before RSP changes: dropped", p,
         "\tsubq $16, %rsp\n"
         "\tjmp *%r11\n");

  /* A marker stores RBP's value: the base is written before it. */
  begin(&fn);
  base(&fn);
  bump(&fn, REG_RCX);
  op2(&fn, IR_MOVQ, opd_reg(REG_RBP), opd_deref(REG_RSP));
  jmp(&fn, opd_sym("g"));
  expect(&fn, "the frame base is written before a marker reads it", p,
         "\taddq $1, %rcx\n"
         "\tmovq %rsp, %rbp\n"
         "\tmovq %rbp, (%rsp)\n"
         "\tjmp g\n");

  /* A C call may change RSP-relative memory and needs RBP kept: both go
   * before it, the store addressed from RSP. */
  begin(&fn);
  base(&fn);
  store(&fn, REG_RAX, 1);
  op1(&fn, IR_CALL, opd_sym("dodo_print"));
  load(&fn, 1, REG_RAX);
  leave(&fn);
  expect(&fn, "the frame base and a store are written before a C call", p,
         "\tmovq %rsp, %rbp\n"
         "\tmovq %rax, 8(%rsp)\n"
         "\tcall dodo_print\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* The prologue's frame: built only on the path that uses it; on the
   * other it meets the epilogue, and neither is written. */
  begin(&fn);
  op2(&fn, IR_SUBQ, opd_frame(opd_imm(0), FA_SIZE, false), opd_reg(REG_RSP));
  test0(&fn, REG_RDI);
  jcc(&fn, CC_Z, opd_label(2));
  op2(&fn, IR_LEAQ, opd_frame(opd_mem(REG_RSP, 0), FA_SIZE, false), opd_reg(REG_RSP));
  jmp(&fn, opd_sym("g"));
  join(&fn, 2);
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_deref(REG_RSP));
  op1(&fn, IR_CALL, opd_sym("dodo_print"));
  leave(&fn);
  expect(&fn, "the frame is allocated only on the path that uses it", p,
         "\tcmpq $0, %rdi\n"
         "\tjz .L.2\n"
         "\tjmp g\n"
         ".L.2:\n"
         "\tsubq $64, %rsp\n"
         "\tmovq %rdi, (%rsp)\n"
         "\tcall dodo_print\n"
         "\tjmp *%r11\n");
}

/* ---- ir_rotate.c: tail duplication and aligned loop heads ---- */

/* `jmp .L.3` to a block of n instructions (a comment, n - 1 adds and the
 * return): copied whole, or not at all. */
static void copy_limit(int n, bool copied) {
  Fn fn;
  begin(&fn);
  jmp(&fn, opd_label(3));
  join(&fn, 3);
  note(&fn, "a comment");
  for (int k = 1; k < n; k++) bump(&fn, REG_RAX);
  leave(&fn);
  Buf t, want;
  buf_init(&t);
  buf_init(&want);
  buf_puts(&t, "\t# a comment\n");
  for (int k = 1; k < n; k++) buf_puts(&t, "\taddq $1, %rax\n");
  buf_puts(&t, "\tjmp *%r11\n");
  buf_puts(&want, copied ? text_of(&t) : "\tjmp .L.3\n");
  buf_puts(&want, ".L.3:\n");
  buf_puts(&want, text_of(&t));
  char name[80];
  snprintf(name, sizeof name, "a block of %d instructions (and a comment) is %s", n,
           copied ? "copied" : "not copied");
  expect(&fn, name, ir_pass_rotate, text_of(&want));
  buf_free(&t);
  buf_free(&want);
}

static void rotate(void) {
  Pass *p = ir_pass_rotate;
  Fn fn;

  /* T leaves (a return): the jump becomes T's copy. */
  begin(&fn);
  bump(&fn, REG_RAX);
  jmp(&fn, opd_label(3));
  join(&fn, 2);
  bump(&fn, REG_RCX);
  join(&fn, 3);
  load(&fn, 1, REG_RDX);
  leave(&fn);
  expect(&fn, "a jump to a leaving block becomes its copy", p,
         "\taddq $1, %rax\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\taddq $1, %rcx\n"
         ".L.3:\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n");

  /* A while loop: the test T falls into the body B, which jumps back. The
   * copy at the bottom of B branches back on the inverse condition, and B
   * becomes the loop head. */
  begin(&fn);
  op2(&fn, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  join(&fn, 1);
  op2(&fn, IR_CMPQ, opd_imm(10), opd_reg(REG_RAX));
  jcc(&fn, CC_GE, opd_label(3))->comment = "end of loop";
  join(&fn, 2);
  bump(&fn, REG_RAX);
  jmp(&fn, opd_label(1));
  join(&fn, 3);
  leave(&fn);
  expect(&fn, "a falling test is copied inverted: the loop rotated", p,
         "\txorl %eax, %eax\n"
         ".L.1:\n"
         "\tcmpq $10, %rax\n"
         "\tjge .L.3\t# end of loop\n"
         "\t.p2align 4,,10\n"
         ".L.2:\n"
         "\taddq $1, %rax\n"
         "\tcmpq $10, %rax\n"
         "\tjl .L.2\n"
         "\tjmp .L.3\n"
         ".L.3:\n"
         "\tjmp *%r11\n");

  copy_limit(12, true);
  copy_limit(13, false);

  /* A block that jumps to itself is its own loop: no copy, but a loop
   * head. */
  begin(&fn);
  jmp(&fn, opd_label(1));
  join(&fn, 1);
  bump(&fn, REG_RAX);
  jmp(&fn, opd_label(1));
  expect(&fn, "the block's own loop is not copied, only aligned", p,
         "\taddq $1, %rax\n"
         "\tjmp .L.1\n"
         "\t.p2align 4,,10\n"
         ".L.1:\n"
         "\taddq $1, %rax\n"
         "\tjmp .L.1\n");

  /* T with a .loc or CFI is not copied (-g never rotates; a .loc in the
   * copy would misplace lines), nor a T that falls through at its end, nor
   * the function's own symbol (a call). */
  begin(&fn);
  jmp(&fn, opd_label(3));
  join(&fn, 3);
  op2(&fn, IR_LOC, opd_num(3), opd_num(5));
  leave(&fn);
  keeps(&fn, "a block with a .loc is not copied", p,
        "\tjmp .L.3\n"
        ".L.3:\n"
        "\t.loc 1 3 5\n"
        "\tjmp *%r11\n");

  begin(&fn);
  jmp(&fn, opd_label(3));
  join(&fn, 3);
  bump(&fn, REG_RAX);
  join(&fn, 4);
  leave(&fn);
  keeps(&fn, "a block that falls through at its end is not copied", p,
        "\tjmp .L.3\n"
        ".L.3:\n"
        "\taddq $1, %rax\n"
        ".L.4:\n"
        "\tjmp *%r11\n");

  begin(&fn);
  test0(&fn, REG_RDI);
  jmp(&fn, opd_sym("f"));
  keeps(&fn, "a jump to the own symbol is a call, not copied", p,
        "\tcmpq $0, %rdi\n"
        "\tjmp f\n");

  /* Only backward jumps make loop heads; generator resumes and consumer
   * yields are aligned as well, other external entries not. */
  begin(&fn);
  jcc(&fn, CC_Z, opd_label(2));
  leave(&fn);
  join(&fn, 2);
  leave(&fn);
  block(&fn, opd_sym("f.resume"), ENTRY_RESUME);
  leave(&fn);
  block(&fn, opd_sym("f.yield"), ENTRY_YIELD);
  leave(&fn);
  cont(&fn, 5);
  leave(&fn);
  expect(&fn, "resume and yield blocks aligned, a forward target not", p,
         "\tjz .L.2\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r11\n"
         "\t.p2align 4,,10\n"
         "f.resume:\n"
         "\tjmp *%r11\n"
         "\t.p2align 4,,10\n"
         "f.yield:\n"
         "\tjmp *%r11\n"
         ".L.5:\n"
         "\tjmp *%r11\n");
}

/* Comments after a copied block's last jump: rotation once took the
 * comment for the jump (its text cleared, a jump with no target appended),
 * and writing the text crashed. Both kinds of T. */
static void rotate_comments(void) {
  Fn fn;

  begin(&fn);
  bump(&fn, REG_RAX);
  jmp(&fn, opd_label(3));
  join(&fn, 3);
  load(&fn, 1, REG_RDX);
  leave(&fn);
  note(&fn, "end of T");
  join(&fn, 4);
  leave(&fn);
  expect(&fn, "a comment after T's jump is copied as a comment", ir_pass_rotate,
         "\taddq $1, %rax\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n"
         "\t# end of T\n"
         ".L.3:\n"
         "\tmovq 8(%rbp), %rdx\n"
         "\tjmp *%r11\n"
         "\t# end of T\n"
         ".L.4:\n"
         "\tjmp *%r11\n");

  /* The test of a while loop with a comment after its branch: the branch,
   * not the comment, is inverted. */
  begin(&fn);
  op2(&fn, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  join(&fn, 1);
  op2(&fn, IR_CMPQ, opd_imm(10), opd_reg(REG_RAX));
  jcc(&fn, CC_GE, opd_label(3));
  note(&fn, "the body");
  join(&fn, 2);
  bump(&fn, REG_RAX);
  jmp(&fn, opd_label(1));
  join(&fn, 3);
  leave(&fn);
  expect(&fn, "a comment after a falling test's branch stays a comment", ir_pass_rotate,
         "\txorl %eax, %eax\n"
         ".L.1:\n"
         "\tcmpq $10, %rax\n"
         "\tjge .L.3\n"
         "\t# the body\n"
         "\t.p2align 4,,10\n"
         ".L.2:\n"
         "\taddq $1, %rax\n"
         "\tcmpq $10, %rax\n"
         "\tjl .L.2\n"
         "\t# the body\n"
         "\tjmp .L.3\n"
         ".L.3:\n"
         "\tjmp *%r11\n");
}

/* ---- Ranges (ir_range.c): a jo dropped only where it cannot fire ---- */

static void ranges(void) {
  Pass *p = ir_pass_ranges;
  Fn fn;

  /* n >= 2 on the fall-through of jl: n - 1 is safe. */
  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(2), opd_reg(REG_RDI));
  jcc(&fn, CC_L, opd_label(2));
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  leave(&fn);
  join(&fn, 2);
  leave(&fn);
  expect(&fn, "n >= 2: n - 1 loses its jo", p,
         "\tcmpq $2, %rdi\n"
         "\tjl .L.2\n"
         "\tmovq %rdi, %rax\n"
         "\tsubq $1, %rax\n"
         "\t# cannot overflow: no jo\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r11\n");

  /* The other way round: n < 2 allows MIN, and n - 1 keeps its jo. */
  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(2), opd_reg(REG_RDI));
  jcc(&fn, CC_GE, opd_label(2));
  op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RDI));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  join(&fn, 2);
  leave(&fn);
  keeps(&fn, "n < 2: n - 1 keeps its jo", p,
        "\tcmpq $2, %rdi\n"
        "\tjge .L.2\n"
        "\tsubq $1, %rdi\n"
        "\tjo f.raise.overflow\n"
        ".L.2:\n"
        "\tjmp *%r11\n");

  /* A counting loop: i < n at the increment, whatever n is. Widening gives
   * the counter up, narrowing takes back what the test bounds. */
  begin(&fn);
  op2(&fn, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  store(&fn, REG_RAX, 1);
  join(&fn, 1);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_CMPQ, opd_slot(0), opd_reg(REG_RAX));
  jcc(&fn, CC_GE, opd_label(2));
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  jmp(&fn, opd_label(1));
  join(&fn, 2);
  leave(&fn);
  expect(&fn, "a counter below n: its increment loses its jo", p,
         "\txorl %eax, %eax\n"
         "\tmovq %rax, 8(%rbp)\n"
         ".L.1:\n"
         "\tmovq 8(%rbp), %rax\n"
         "\tcmpq 0(%rbp), %rax\n"
         "\tjge .L.2\n"
         "\taddq $1, 8(%rbp)\n"
         "\t# cannot overflow: no jo\n"
         "\tjmp .L.1\n"
         ".L.2:\n"
         "\tjmp *%r11\n");

  /* i <= n allows i = n = MAX: the increment keeps its jo. */
  begin(&fn);
  op2(&fn, IR_XORL, opd_regw(REG_RAX, 4), opd_regw(REG_RAX, 4));
  store(&fn, REG_RAX, 1);
  join(&fn, 1);
  load(&fn, 1, REG_RAX);
  op2(&fn, IR_CMPQ, opd_slot(0), opd_reg(REG_RAX));
  jcc(&fn, CC_G, opd_label(2));
  op2(&fn, IR_ADDQ, opd_imm(1), opd_slot(1));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  jmp(&fn, opd_label(1));
  join(&fn, 2);
  leave(&fn);
  keeps(&fn, "a counter up to n: its increment keeps its jo", p,
        "\txorl %eax, %eax\n"
        "\tmovq %rax, 8(%rbp)\n"
        ".L.1:\n"
        "\tmovq 8(%rbp), %rax\n"
        "\tcmpq 0(%rbp), %rax\n"
        "\tjg .L.2\n"
        "\taddq $1, 8(%rbp)\n"
        "\tjo f.raise.overflow\n"
        "\tjmp .L.1\n"
        ".L.2:\n"
        "\tjmp *%r11\n");

  /* A slot's range survives a call to the continuation it passes: no one
   * else writes the frame. */
  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(0), opd_reg(REG_RDI));
  jcc(&fn, CC_LE, opd_label(2));
  store(&fn, REG_RDI, 0);
  take(&fn, 1, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 1);
  load(&fn, 0, REG_RAX);
  op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  leave(&fn);
  join(&fn, 2);
  leave(&fn);
  expect(&fn, "n > 0 is still known at the call's continuation", p,
         "\tcmpq $0, %rdi\n"
         "\tjle .L.2\n"
         "\tmovq %rdi, 0(%rbp)\n"
         "\tleaq .L.1(%rip), %r8\n"
         "\tjmp g\n"
         ".L.1:\n"
         "\tmovq 0(%rbp), %rax\n"
         "\tsubq $1, %rax\n"
         "\t# cannot overflow: no jo\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r11\n");

  /* ... but not across a C call (it may write an array of the frame), nor
   * across a write through RSP (RSP may be the frame base). */
  for (int through_rsp = 0; through_rsp < 2; through_rsp++) {
    begin(&fn);
    op2(&fn, IR_CMPQ, opd_imm(0), opd_reg(REG_RDI));
    jcc(&fn, CC_LE, opd_label(2));
    store(&fn, REG_RDI, 0);
    if (through_rsp) op2(&fn, IR_MOVQ, opd_reg(REG_RCX), opd_mem(REG_RSP, 0));
    else op1(&fn, IR_CALL, opd_sym("dodo_puts"));
    load(&fn, 0, REG_RAX);
    op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
    jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
    leave(&fn);
    join(&fn, 2);
    leave(&fn);
    keeps(&fn, through_rsp ? "a write through RSP forgets the slots" : "a C call forgets the slots", p,
          through_rsp ? "\tcmpq $0, %rdi\n"
                        "\tjle .L.2\n"
                        "\tmovq %rdi, 0(%rbp)\n"
                        "\tmovq %rcx, 0(%rsp)\n"
                        "\tmovq 0(%rbp), %rax\n"
                        "\tsubq $1, %rax\n"
                        "\tjo f.raise.overflow\n"
                        "\tjmp *%r11\n"
                        ".L.2:\n"
                        "\tjmp *%r11\n"
                      : "\tcmpq $0, %rdi\n"
                        "\tjle .L.2\n"
                        "\tmovq %rdi, 0(%rbp)\n"
                        "\tcall dodo_puts\n"
                        "\tmovq 0(%rbp), %rax\n"
                        "\tsubq $1, %rax\n"
                        "\tjo f.raise.overflow\n"
                        "\tjmp *%r11\n"
                        ".L.2:\n"
                        "\tjmp *%r11\n");
  }

  /* A re-entry the exit does not hand out learns nothing from it. */
  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(0), opd_reg(REG_RDI));
  jcc(&fn, CC_LE, opd_label(2));
  store(&fn, REG_RDI, 0);
  take(&fn, 3, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 1);
  load(&fn, 0, REG_RAX);
  op2(&fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  leave(&fn);
  join(&fn, 2);
  take(&fn, 1, REG_R8);
  jmp(&fn, opd_sym("g"));
  cont(&fn, 3);
  leave(&fn);
  keeps(&fn, "a continuation passed where n may be anything", p,
        "\tcmpq $0, %rdi\n"
        "\tjle .L.2\n"
        "\tmovq %rdi, 0(%rbp)\n"
        "\tleaq .L.3(%rip), %r8\n"
        "\tjmp g\n"
        ".L.1:\n"
        "\tmovq 0(%rbp), %rax\n"
        "\tsubq $1, %rax\n"
        "\tjo f.raise.overflow\n"
        "\tjmp *%r11\n"
        ".L.2:\n"
        "\tleaq .L.1(%rip), %r8\n"
        "\tjmp g\n"
        ".L.3:\n"
        "\tjmp *%r11\n");

  /* -n is safe when n > MIN is known; imulq by a bounded factor too. */
  begin(&fn);
  op2(&fn, IR_CMPQ, opd_imm(-100), opd_reg(REG_RDI));
  jcc(&fn, CC_L, opd_label(2));
  op2(&fn, IR_CMPQ, opd_imm(100), opd_reg(REG_RDI));
  jcc(&fn, CC_G, opd_label(2));
  op1(&fn, IR_NEGQ, opd_reg(REG_RDI));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  op2(&fn, IR_IMULQ, opd_imm(1000), opd_reg(REG_RDI));
  jcc(&fn, CC_O, opd_sym("f.raise.overflow"));
  join(&fn, 2);
  leave(&fn);
  expect(&fn, "-n and n * 1000 with -100 <= n <= 100", p,
         "\tcmpq $-100, %rdi\n"
         "\tjl .L.2\n"
         "\tcmpq $100, %rdi\n"
         "\tjg .L.2\n"
         "\tnegq %rdi\n"
         "\t# cannot overflow: no jo\n"
         "\timulq $1000, %rdi\n"
         "\t# cannot overflow: no jo\n"
         ".L.2:\n"
         "\tjmp *%r11\n");
}

/* ---- Exits and unreachable blocks (ir_leave.c) ---- */

static void exits(void) {
  Fn fn;

  /* movq %r8, %r11 then the frame freed, then jmp *%r11: through R8. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_R8), opd_reg(REG_R11));
  op2(&fn, IR_LEAQ, opd_frame(opd_mem(REG_RSP, 0), FA_SIZE, false), opd_reg(REG_RSP));
  leave(&fn);
  expect(&fn, "an exit through a copy of R8 goes through R8", ir_pass_leave,
         "\tleaq 64(%rsp), %rsp\n"
         "\tjmp *%r8\n");

  /* R8 changes after the copy: R11 is needed. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_R8), opd_reg(REG_R11));
  take(&fn, 1, REG_R8);
  leave(&fn);
  cont(&fn, 1);
  leave(&fn);
  keeps(&fn, "the copied register changes: the copy stays", ir_pass_leave,
        "\tmovq %r8, %r11\n"
        "\tleaq .L.1(%rip), %r8\n"
        "\tjmp *%r11\n"
        ".L.1:\n"
        "\tjmp *%r11\n");

  /* R11 loaded from a slot, not copied: nothing to do. */
  begin(&fn);
  load(&fn, 1, REG_R11);
  leave(&fn);
  keeps(&fn, "a continuation loaded into R11 stays", ir_pass_leave,
        "\tmovq 8(%rbp), %r11\n"
        "\tjmp *%r11\n");

  /* RSP copied into R11 is never jumped through. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RSP), opd_reg(REG_R11));
  leave(&fn);
  keeps(&fn, "R11 copied from RSP stays", ir_pass_leave,
        "\tmovq %rsp, %r11\n"
        "\tjmp *%r11\n");

  /* A block with no way in goes; one whose label is handed out stays, as
   * does what it falls into. */
  begin(&fn);
  take(&fn, 2, REG_R8);
  jmp(&fn, opd_sym("g"));
  join(&fn, 1);
  bump(&fn, REG_RAX);
  leave(&fn);
  cont(&fn, 2);
  bump(&fn, REG_RCX);
  join(&fn, 3);
  leave(&fn);
  block(&fn, opd_sym("f.raise"), ENTRY_RAISE);
  leave(&fn);
  expect(&fn, "blocks no one reaches are dropped", ir_pass_unreachable,
         "\tleaq .L.2(%rip), %r8\n"
         "\tjmp g\n"
         ".L.2:\n"
         "\taddq $1, %rcx\n"
         ".L.3:\n"
         "\tjmp *%r11\n");
}

/* ---- A continuation moved to R11 for the jump that ends the block ---- */

static void through_r11(void) {
  Fn fn;

  /* A yield: R8's continuation is saved, R8 reused, and the jump reads the
   * slot, which nothing reads after: R11 carries it instead. */
  begin(&fn);
  store(&fn, REG_R8, 2);
  take(&fn, 1, REG_R8);
  jmp(&fn, opd_star(opd_slot(2)));
  cont(&fn, 1);
  leave(&fn);
  expect(&fn, "a continuation the jump alone reads goes through R11", sink_pass,
         "\tmovq %r8, %r11\n"
         "\tleaq .L.1(%rip), %r8\n"
         "\tjmp *%r11\n"
         ".L.1:\n"
         "\tjmp *%r11\n");

  /* The label handed out reads the slot again: it is saved, and the jump
   * reads it from there. */
  begin(&fn);
  store(&fn, REG_R8, 2);
  take(&fn, 1, REG_R8);
  jmp(&fn, opd_star(opd_slot(2)));
  cont(&fn, 1);
  load(&fn, 2, REG_RAX);
  leave(&fn);
  expect(&fn, "a continuation read again after the jump stays in its slot", sink_pass,
         "\tmovq %r8, 16(%rbp)\n"
         "\tleaq .L.1(%rip), %r8\n"
         "\tjmp *16(%rbp)\n"
         ".L.1:\n"
         "\tmovq 16(%rbp), %rax\n"
         "\tjmp *%r11\n");

  /* R11 is taken between: no. */
  begin(&fn);
  store(&fn, REG_R8, 2);
  take(&fn, 1, REG_R8);
  take(&fn, 1, REG_R11);
  jmp(&fn, opd_star(opd_slot(2)));
  cont(&fn, 1);
  leave(&fn);
  expect(&fn, "R11 in use before the jump: the slot is kept", sink_pass,
         "\tmovq %r8, 16(%rbp)\n"
         "\tleaq .L.1(%rip), %r8\n"
         "\tleaq .L.1(%rip), %r11\n"
         "\tjmp *16(%rbp)\n"
         ".L.1:\n"
         "\tjmp *%r11\n");
}

/* ---- Tail calls into loops (ir_inline.c) ---- */

static void self_loop_pass(IrFunc *f) { ir_pass_self_loop(f); }

static void version_pass(IrFunc *f) {
  if (ir_pass_self_loop(f)) ir_pass_version_sign(f);
}

/* The callee the inline cases look up: `g`, as built by begin_g. */
static IrFunc *callee;
static const IrFunc *lookup_g(void *ctx, const char *sym) {
  (void)ctx;
  return strcmp(sym, "g") == 0 ? callee : NULL;
}
static void inline_pass(IrFunc *f) { ir_pass_inline(f, lookup_g, NULL); }

/* n = RDI: `if (n = 0) return else f(n - 1)` with the check of n - 1. */
static void count_down(Fn *fn) {
  begin(fn);
  test0(fn, REG_RDI);
  jcc(fn, CC_E, opd_label(1));
  op2(fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RDI));
  jcc(fn, CC_O, opd_label(2));
  jmp(fn, opd_sym("f"));
  join(fn, 1);
  leave(fn);
  join(fn, 2);
  jmp(fn, opd_star(opd_reg(REG_R9)));
}

static void tail_loops(void) {
  Fn fn;
  count_down(&fn);
  expect(&fn, "a tail call of the function itself jumps to the top of its body", self_loop_pass,
         "\t.p2align 4,,10\n"
         ".L.101:\n"
         "\tcmpq $0, %rdi\n"
         "\tje .L.1\n"
         "\tsubq $1, %rdi\n"
         "\tjo .L.2\n"
         "\tjmp .L.101\t# tail call of itself: the loop\n"
         ".L.1:\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r9\n");

  /* A call hands out its continuation: a new frame, not the loop. */
  begin(&fn);
  take(&fn, 1, REG_R8);
  jmp(&fn, opd_sym("f"));
  cont(&fn, 1);
  leave(&fn);
  keeps(&fn, "a call of the function itself stays a call", self_loop_pass,
        "\tleaq .L.1(%rip), %r8\n"
        "\tjmp f\n"
        ".L.1:\n"
        "\tjmp *%r11\n");

  /* For n >= 0, n != 0 gives n >= 1: n - 1 cannot overflow in the copy. */
  count_down(&fn);
  expect(&fn, "a copy of the loop for RDI >= 0 drops the check it cannot need", version_pass,
         "\t# the body again for a first parameter >= 0: the loop below keeps it so\n"
         "\ttestq %rdi, %rdi\n"
         "\tjs .L.101\n"
         "\t.p2align 4,,10\n"
         ".L.102:\n"
         "\tcmpq $0, %rdi\n"
         "\tje .L.103\n"
         "\tsubq $1, %rdi\n"
         "\t# cannot overflow: no jo\n"
         "\tjmp .L.102\t# tail call of itself: the loop\n"
         ".L.103:\n"
         "\tjmp *%r11\n"
         ".L.104:\n"
         "\tjmp *%r9\n"
         "\t.p2align 4,,10\n"
         ".L.101:\n"
         "\tcmpq $0, %rdi\n"
         "\tje .L.1\n"
         "\tsubq $1, %rdi\n"
         "\tjo .L.2\n"
         "\tjmp .L.101\t# tail call of itself: the loop\n"
         ".L.1:\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r9\n");

  /* n + 1 overflows at MAX whatever the sign: no copy. */
  begin(&fn);
  op2(&fn, IR_ADDQ, opd_imm(1), opd_reg(REG_RDI));
  jcc(&fn, CC_O, opd_label(2));
  jmp(&fn, opd_sym("f"));
  join(&fn, 2);
  jmp(&fn, opd_star(opd_reg(REG_R9)));
  expect(&fn, "no copy where the sign drops no check", version_pass,
         "\t.p2align 4,,10\n"
         ".L.101:\n"
         "\taddq $1, %rdi\n"
         "\tjo .L.2\n"
         "\tjmp .L.101\t# tail call of itself: the loop\n"
         ".L.2:\n"
         "\tjmp *%r9\n");

  /* g: `n + 1`, no frame; its raise stub comes along, renamed. */
  Fn g;
  ir_func_init(&g.ir, "g");
  g.labels = 0;
  g.ir.labels = &g.labels;
  g.cur = ir_block_new(&g.ir, &g.ir.blocks, opd_sym("g"), ENTRY_ENTRY);
  op2(&g, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  op2(&g, IR_ADDQ, opd_imm(1), opd_reg(REG_RAX));
  jcc(&g, CC_O, opd_sym("g.raise.overflow"));
  jmp(&g, opd_star(opd_reg(REG_R8)));
  block(&g, opd_sym("g.raise.overflow"), ENTRY_COLD);
  op2(&g, IR_LEAQ, opd_rip(".L.str.0"), opd_reg(REG_RAX));
  jmp(&g, opd_star(opd_reg(REG_R9)));
  callee = &g.ir;
  begin(&fn);
  bump(&fn, REG_RDI);
  jmp(&fn, opd_sym("g"));
  join(&fn, 1);
  leave(&fn);
  expect(&fn, "a tail call of a short frameless function runs a copy of it", inline_pass,
         "\taddq $1, %rdi\n"
         "\t# inlined: the callee's copy follows\n"
         ".L.101:\n"
         "\tmovq %rdi, %rax\n"
         "\taddq $1, %rax\n"
         "\tjo .L.102\n"
         "\tjmp *%r8\n"
         ".L.102:\n"
         "\tleaq .L.str.0(%rip), %rax\n"
         "\tjmp *%r9\n"
         ".L.1:\n"
         "\tjmp *%r11\n");

  /* With a frame slot, g is not copied. */
  store(&g, REG_RDI, 1);
  begin(&fn);
  jmp(&fn, opd_sym("g"));
  keeps(&fn, "a callee with a frame is not copied", inline_pass, "\tjmp g\n");
  ir_func_free(&g.ir);
}

/* ---- Arithmetic on a copy done on the register (ir_copies.c) ---- */

static void copies_pass(IrFunc *f) { ir_pass_copies(f); }

/* n = RDI: a loop whose step computes n - 1 in RAX and moves it back. */
static void copy_loop(Fn *fn, bool read_rax_after) {
  begin(fn);
  join(fn, 3);
  test0(fn, REG_RDI);
  jcc(fn, CC_E, opd_label(1));
  op2(fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  op2(fn, IR_SUBQ, opd_imm(1), opd_reg(REG_RAX));
  jcc(fn, CC_O, opd_label(2));
  op2(fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RDI));
  if (read_rax_after) op2(fn, IR_ADDQ, opd_reg(REG_RAX), opd_reg(REG_RDX));
  jmp(fn, opd_label(3));
  join(fn, 1);
  op2(fn, IR_MOVQ, opd_imm(1), opd_reg(REG_RAX));
  leave(fn);
  join(fn, 2);
  jmp(fn, opd_star(opd_reg(REG_R9)));
}

static void copies(void) {
  Fn fn;
  /* RAX is written at .L.1 before anything reads it, and the overflow
   * path, where it is live, gets it back from the stub. */
  copy_loop(&fn, false);
  expect(&fn, "n - 1 computed in RAX and moved back is computed in RDI", copies_pass,
         ".L.3:\n"
         "\tcmpq $0, %rdi\n"
         "\tje .L.1\n"
         "\tsubq $1, %rdi\n"
         "\tjo .L.101\n"
         "\tjmp .L.3\n"
         ".L.1:\n"
         "\tmovq $1, %rax\n"
         "\tjmp *%r11\n"
         ".L.2:\n"
         "\tjmp *%r9\n"
         ".L.101:\n"
         "\tmovq %rdi, %rax\n"
         "\taddq $1, %rdi\t# undone: the registers as before the arithmetic\n"
         "\tjmp .L.2\n");

  copy_loop(&fn, true);
  keeps(&fn, "the copy stays where RAX is read after the move back", copies_pass,
        ".L.3:\n"
        "\tcmpq $0, %rdi\n"
        "\tje .L.1\n"
        "\tmovq %rdi, %rax\n"
        "\tsubq $1, %rax\n"
        "\tjo .L.2\n"
        "\tmovq %rax, %rdi\n"
        "\taddq %rax, %rdx\n"
        "\tjmp .L.3\n"
        ".L.1:\n"
        "\tmovq $1, %rax\n"
        "\tjmp *%r11\n"
        ".L.2:\n"
        "\tjmp *%r9\n");

  /* A copy read once by the next instruction: the instruction reads the
   * original, where RAX is written before it is read again. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  test0(&fn, REG_RAX);
  jcc(&fn, CC_E, opd_label(1));
  op2(&fn, IR_MOVQ, opd_imm(2), opd_reg(REG_RAX));
  leave(&fn);
  join(&fn, 1);
  op2(&fn, IR_MOVQ, opd_imm(3), opd_reg(REG_RAX));
  leave(&fn);
  expect(&fn, "a comparison of a copy compares the original", copies_pass,
         "\tcmpq $0, %rdi\n"
         "\tje .L.1\n"
         "\tmovq $2, %rax\n"
         "\tjmp *%r11\n"
         ".L.1:\n"
         "\tmovq $3, %rax\n"
         "\tjmp *%r11\n");

  /* The copy is the value returned on one path: it stays. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  test0(&fn, REG_RAX);
  jcc(&fn, CC_E, opd_label(1));
  leave(&fn);
  join(&fn, 1);
  op2(&fn, IR_MOVQ, opd_imm(3), opd_reg(REG_RAX));
  leave(&fn);
  keeps(&fn, "a copy returned on a path after its comparison stays", copies_pass,
        "\tmovq %rdi, %rax\n"
        "\tcmpq $0, %rax\n"
        "\tje .L.1\n"
        "\tjmp *%r11\n"
        ".L.1:\n"
        "\tmovq $3, %rax\n"
        "\tjmp *%r11\n");

  /* A call of a function compiled here reads no RAX (it is passed no
   * context); one of another module's does. */
  for (int here = 1; here >= 0; here--) {
    begin(&fn);
    op2(&fn, IR_MOVQ, opd_reg(REG_RSI), opd_reg(REG_RAX));
    op2(&fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RDI));
    jmp(&fn, opd_sym("g"))->no_context = here;
    if (here)
      expect(&fn, "a copy moved on before a call of a function compiled here", copies_pass,
             "\tmovq %rsi, %rdi\n"
             "\tjmp g\n");
    else
      keeps(&fn, "a copy left in RAX before a call that may read it", copies_pass,
            "\tmovq %rsi, %rax\n"
            "\tmovq %rax, %rdi\n"
            "\tjmp g\n");
  }

  /* A tail call leaves: the callee may read RAX (a context), so it stays. */
  begin(&fn);
  op2(&fn, IR_MOVQ, opd_reg(REG_RDI), opd_reg(REG_RAX));
  op2(&fn, IR_ADDQ, opd_imm(2), opd_reg(REG_RAX));
  op2(&fn, IR_MOVQ, opd_reg(REG_RAX), opd_reg(REG_RDI));
  jmp(&fn, opd_sym("g"));
  keeps(&fn, "every register is live where the function is left", copies_pass,
        "\tmovq %rdi, %rax\n"
        "\taddq $2, %rax\n"
        "\tmovq %rax, %rdi\n"
        "\tjmp g\n");
}

int main(void) {
  graph();
  liveness();
  dead_stores();
  sink();
  sink_frame();
  rotate();
  rotate_comments();
  ranges();
  exits();
  through_r11();
  tail_loops();
  copies();
  if (failures) printf("%d failed\n", failures);
  return failures != 0;
}
