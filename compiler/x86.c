#include "x86.h"

#include "fatal.h"

static const char *const names[NREGS + 1][3] = {
    {"rax", "eax", "al"},     {"rcx", "ecx", "cl"},     {"rdx", "edx", "dl"},
    {"rbx", "ebx", "bl"},     {"rsp", "esp", "spl"},    {"rbp", "ebp", "bpl"},
    {"rsi", "esi", "sil"},    {"rdi", "edi", "dil"},    {"r8", "r8d", "r8b"},
    {"r9", "r9d", "r9b"},     {"r10", "r10d", "r10b"},  {"r11", "r11d", "r11b"},
    {"r12", "r12d", "r12b"},  {"r13", "r13d", "r13b"},  {"r14", "r14d", "r14b"},
    {"r15", "r15d", "r15b"},  {"rip", "eip", "ip"},
};

const char *reg_name(int reg, int width) {
  if (reg < 0 || reg > REG_RIP) ICE(0, "a register without a name");
  return names[reg][width == 8 ? 0 : width == 4 ? 1 : 2];
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
