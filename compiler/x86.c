#include "x86.h"

#include "fatal.h"

static const char *const names[NREGS + 1][4] = {
    {"rax", "eax", "ax", "al"},       {"rcx", "ecx", "cx", "cl"},
    {"rdx", "edx", "dx", "dl"},       {"rbx", "ebx", "bx", "bl"},
    {"rsp", "esp", "sp", "spl"},      {"rbp", "ebp", "bp", "bpl"},
    {"rsi", "esi", "si", "sil"},      {"rdi", "edi", "di", "dil"},
    {"r8", "r8d", "r8w", "r8b"},      {"r9", "r9d", "r9w", "r9b"},
    {"r10", "r10d", "r10w", "r10b"},  {"r11", "r11d", "r11w", "r11b"},
    {"r12", "r12d", "r12w", "r12b"},  {"r13", "r13d", "r13w", "r13b"},
    {"r14", "r14d", "r14w", "r14b"},  {"r15", "r15d", "r15w", "r15b"},
    {"rip", "eip", "ip", "ip"},
};

const char *reg_name(int reg, int width) {
  if (reg < 0 || reg > REG_RIP) ICE(0, "a register without a name");
  return names[reg][width == 8 ? 0 : width == 4 ? 1 : width == 2 ? 2 : 3];
}

const char *cond_name(Cond cc) {
  static const char *const text[] = {
#define X(name, t) t,
      X86_CONDS(X)
#undef X
  };
  if ((unsigned)cc >= NCONDS) ICE(0, "a condition code without a name");
  return text[cc];
}
