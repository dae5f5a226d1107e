/* The x86-64 facts the back end needs: registers and their names at each
 * width, and condition codes with their inverses. One table each; the IR,
 * its printer and its passes all read these. */
#ifndef DODOC_X86_H
#define DODOC_X86_H

#include <stdbool.h>

enum {
  REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
  REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
  NREGS,
  REG_RIP = NREGS, /* only as the base of a symbol's address: sym(%rip) */
  REG_NONE
};

/* The register's name (without '%') when accessed `width` bytes wide (1, 2,
 * 4 or 8). */
const char *reg_name(int reg, int width);

/* Condition codes, in pairs: cc ^ 1 is the inverse. Both spellings of the
 * same condition (je, jz) are kept, so the text says what codegen meant. */
#define X86_CONDS(X) \
  X(E, "e") X(NE, "ne") X(Z, "z") X(NZ, "nz") X(L, "l") X(GE, "ge") \
  X(LE, "le") X(G, "g") X(S, "s") X(NS, "ns") X(O, "o") X(NO, "no") \
  X(B, "b") X(AE, "ae") X(BE, "be") X(A, "a")

typedef enum Cond {
#define X(name, text) CC_##name,
  X86_CONDS(X)
#undef X
  NCONDS
} Cond;

const char *cond_name(Cond cc);
static inline Cond cond_invert(Cond cc) { return (Cond)(cc ^ 1); }

#endif
