/* Reading back the x86-64 AT&T lines the code generator emits, for the
 * peephole pass: what an instruction reads and writes, in the few terms the
 * pass needs. Anything it does not recognise is FX_UNKNOWN, which the pass
 * treats as "may have changed every register and all memory". */
#ifndef DODOC_PEEPHOLE_INSN_H
#define DODOC_PEEPHOLE_INSN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum {
  REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
  REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
  NREGS
};

typedef enum OperandKind {
  OP_REG,   /* %rax, %eax, %al...: reg is the full register */
  OP_FRAME, /* N(%rbp): a frame slot at offset N */
  OP_MEM,   /* any other memory operand */
  OP_IMM,   /* $... */
  OP_SYM,   /* a bare symbol: a jump target */
  OP_OTHER  /* *%r11, *16(%rbp), registers this file does not know */
} OperandKind;

typedef struct Operand {
  OperandKind kind;
  int reg;
  long offset;
  const char *text;
  size_t len;
} Operand;

typedef enum Effect {
  FX_LOAD,        /* movq N(%rbp), %r */
  FX_STORE,       /* movq %r, N(%rbp) */
  FX_COPY,        /* movq %s, %r */
  FX_WRITES_LAST, /* writes its last operand only */
  FX_READS,       /* writes no register or memory (cmp, test) */
  FX_DIVIDE,      /* writes RAX and RDX */
  FX_WRITES_RDX,  /* cqto */
  FX_BRANCH,      /* conditional jump: execution may go on */
  FX_LEAVE,       /* jmp, ret: execution does not go on */
  FX_UNKNOWN
} Effect;

typedef struct Insn {
  int nops;
  Operand op[3];
  int width;       /* bytes written to a memory operand */
  Effect effect;
  size_t text_len; /* the instruction without its trailing comment */
  const char *mnemonic;
  size_t mnemonic_len;
} Insn;

/* The lines of a body, one at a time. */
typedef struct InsnIter {
  const char *next, *end;
  const char *line;
  size_t len;
  bool is_label; /* a definition `name:` */
} InsnIter;

InsnIter insn_iter(const Buf *body);
bool insn_next(InsnIter *it);

/* false for directives, comments and blank lines. */
bool insn_parse(const char *line, size_t len, Insn *in);
/* A jump (jmp or jcc) straight to a .L.N label: its N. */
bool insn_direct_jump(const Insn *in, long *n);
/* The next whole `.L.N` token in [s, end) of `line`, with its N; NULL if
 * none. */
const char *insn_find_label(const char *line, const char *s, const char *end, long *n);
/* A definition line `.L.N:`: its N. */
bool insn_label_number(const char *line, size_t len, long *n);
const char *reg_name(int reg);

#endif
