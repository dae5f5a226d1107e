/* The register rules of the calling convention (abi.md §2–4), in one place:
 * which registers carry parameters and continuations, and what each kind of
 * label is entered with. Codegen, the IR printer and the passes read these;
 * nothing else spells a convention register. */
#ifndef DODOC_ABI_REGS_H
#define DODOC_ABI_REGS_H

#include "x86.h"

/* abi.md §3: parameters 1–4 in RDI, RSI, RDX, RCX; continuations 1–4 (the
 * event last) in R8, R9, R10, R11; the rest on the stack. RAX carries the
 * callee's module context at the jump, and a value at a continuation. */
enum { ABI_REG_PARAMS = 4, ABI_REG_CONTS = 4 };
static const int abi_param_regs[ABI_REG_PARAMS] = {REG_RDI, REG_RSI, REG_RDX, REG_RCX};
static const int abi_cont_regs[ABI_REG_CONTS] = {REG_R8, REG_R9, REG_R10, REG_R11};
/* abi.md §4: a generator receives SP1 in RDI, so its parameters start at
 * RSI (three in registers); it continues at yield (R8), end (R9) and event
 * (R10). A yield passes RDI = SP1, R8 = resume, R9 = unwind; a resume and
 * an unwind pass RDI, R8, R9 and R10 afresh. */
enum { ABI_GEN_SP1 = REG_RDI, ABI_GEN_REG_PARAMS = 3 };
static const int abi_gen_param_regs[ABI_GEN_REG_PARAMS] = {REG_RSI, REG_RDX, REG_RCX};
enum { ABI_VALUE0 = REG_RAX, ABI_VALUE1 = REG_RDX, ABI_CONTEXT = REG_RAX };
/* Leaving through a continuation: its address travels in R11 while RSP is
 * truncated, since RAX/RDX may carry the values. */
enum { ABI_EXIT_TARGET = REG_R11 };

/* How control reaches the start of a block, and so what the convention
 * guarantees there. `external` kinds are jumped to from outside the
 * function (their address is passed on); the others only from inside. */
#define IR_ENTRY_KINDS(X)                                                                  \
  X(ENTRY, "entry", 1, "RDI..RCX = parameters (generator: RDI = SP1, RSI.. = parameters), " \
                       "R8..R11 = continuations, RAX = module context (callers outside "   \
                       "the module), RSP = R")                                             \
  X(CONT, "continuation", 1, "RSP = R - result area, RAX/RDX = values (event: RAX)")       \
  X(YIELD, "consumer yield", 1, "RAX = value, RDI = SP1, R8 = resume, R9 = unwind, "        \
                                "RSP = the generator's")                                   \
  X(GEN_DONE, "generator end", 1, "RSP = SP1 (the marker); event: RAX = value")            \
  X(RESUME, "generator resume", 1, "RDI = SP1, R8 = yield, R9 = end, R10 = event "          \
                                   "(RAX is not part of resume)")                          \
  X(LAZY, "lazy resume", 1, "as at a resume, and RSI = the saved segment: RSP = SP1 - U "  \
                           "claimed, none of it copied in yet")                          \
  X(UNWIND, "unwind", 1, "RDI = SP1, R9 = where to go after unwinding")                    \
  X(UNWOUND, "after unwind", 1, "RSP = SP1 (the marker)")                                  \
  X(RAISE, "raise", 1, "RAX = event value (also a callee's event continuation)")                                                \
  X(JOIN, "join", 0, "as at the jumps to it")                                              \
  X(COLD, "cold", 0, "as at the branch to it")

typedef enum EntryKind {
#define X(name, text, external, facts) ENTRY_##name,
  IR_ENTRY_KINDS(X)
#undef X
  NENTRY_KINDS
} EntryKind;

const char *entry_kind_name(EntryKind k);
const char *entry_kind_facts(EntryKind k);
bool entry_kind_external(EntryKind k);

#endif
