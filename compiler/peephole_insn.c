#include "peephole_insn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const names64[NREGS] = {
    "%rax", "%rcx", "%rdx", "%rbx", "%rsp", "%rbp", "%rsi", "%rdi",
    "%r8",  "%r9",  "%r10", "%r11", "%r12", "%r13", "%r14", "%r15"};

/* Every name of a part of a general register, by the register. */
static const struct { const char *name; int reg; } parts[] = {
    {"eax", REG_RAX}, {"ax", REG_RAX}, {"al", REG_RAX}, {"ah", REG_RAX},
    {"ecx", REG_RCX}, {"cx", REG_RCX}, {"cl", REG_RCX}, {"ch", REG_RCX},
    {"edx", REG_RDX}, {"dx", REG_RDX}, {"dl", REG_RDX}, {"dh", REG_RDX},
    {"ebx", REG_RBX}, {"bx", REG_RBX}, {"bl", REG_RBX}, {"bh", REG_RBX},
    {"esp", REG_RSP}, {"sp", REG_RSP}, {"spl", REG_RSP},
    {"ebp", REG_RBP}, {"bp", REG_RBP}, {"bpl", REG_RBP},
    {"esi", REG_RSI}, {"si", REG_RSI}, {"sil", REG_RSI},
    {"edi", REG_RDI}, {"di", REG_RDI}, {"dil", REG_RDI},
};

const char *reg_name(int reg) { return names64[reg]; }

static bool is_ident(char c) {
  return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$';
}

/* "%name" without the '%': its register, or -1. */
static int parse_reg(const char *s, size_t n) {
  if (n == 3 && s[0] == 'r' && s[1] != '1') { /* the 64-bit names, first */
    static const char pairs[][3] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    for (int r = 0; r < 8; r++)
      if (s[1] == pairs[r][0] && s[2] == pairs[r][1]) return r;
  }
  char name[8];
  if (n == 0 || n >= sizeof name) return -1;
  memcpy(name, s, n);
  name[n] = '\0';
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    if (strcmp(parts[i].name, name) == 0) return parts[i].reg;
  if (name[0] == 'r' && isdigit((unsigned char)name[1])) { /* r8, r12d, r9w, r10b */
    char *end;
    long r = strtol(name + 1, &end, 10);
    if (r >= 8 && r <= 15 && (!*end || ((*end == 'd' || *end == 'w' || *end == 'b') && !end[1])))
      return (int)r;
  }
  return -1;
}

static void parse_operand(const char *s, size_t n, Operand *op) {
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  op->text = s;
  op->len = n;
  op->kind = OP_OTHER;
  if (n == 0 || *s == '*') return;
  if (*s == '$') {
    op->kind = OP_IMM;
    return;
  }
  if (*s == '%') {
    op->reg = parse_reg(s + 1, n - 1);
    if (op->reg >= 0) op->kind = OP_REG;
    return;
  }
  const char *paren = memchr(s, '(', n);
  if (!paren) {
    op->kind = OP_SYM;
    return;
  }
  op->kind = OP_MEM;
  static const char rbp[] = "(%rbp)";
  if ((size_t)(s + n - paren) != sizeof rbp - 1 || memcmp(paren, rbp, sizeof rbp - 1) != 0)
    return;
  const char *p = s;
  bool neg = p < paren && *p == '-';
  if (neg) p++;
  long off = 0;
  for (; p < paren; p++) {
    if (!isdigit((unsigned char)*p) || off > 1L << 40) return;
    off = off * 10 + (*p - '0');
  }
  op->kind = OP_FRAME;
  op->offset = neg ? -off : off;
}

static bool starts_n(const Insn *in, const char *prefix, size_t n) {
  return in->mnemonic_len >= n && memcmp(in->mnemonic, prefix, n) == 0;
}
#define starts(in, prefix) starts_n((in), (prefix), sizeof(prefix) - 1)
#define is(in, name) \
  ((in)->mnemonic_len == sizeof(name) - 1 && memcmp((in)->mnemonic, name, sizeof(name) - 1) == 0)

static int suffix_width(const Insn *in) {
  switch (in->mnemonic[in->mnemonic_len - 1]) {
  case 'b': return 1;
  case 'w': return 2;
  case 'l': return 4;
  default: return 8;
  }
}

/* Instructions whose last operand is their only output, by first letter
 * (this runs for every line of every function at -O1). */
static bool writes_last(const Insn *in) {
  switch (in->mnemonic[0]) {
  case 'a': return starts(in, "add") || starts(in, "and");
  case 'c': return starts(in, "cmov");
  case 'd': return starts(in, "dec");
  case 'i': return starts(in, "imul") || starts(in, "inc");
  case 'l': return starts(in, "lea");
  case 'm': return starts(in, "mov");
  case 'n': return starts(in, "neg") || starts(in, "not");
  case 'o': return starts(in, "or");
  case 's': return starts(in, "sub") || starts(in, "shl") || starts(in, "shr") ||
                   starts(in, "sar") || starts(in, "set");
  case 'x': return starts(in, "xor");
  default: return false;
  }
}

static Effect classify(const Insn *in) {
  if (in->mnemonic_len == 0) return FX_UNKNOWN;
  for (int i = 0; i < in->nops; i++)
    if (in->op[i].kind == OP_OTHER && !(in->mnemonic[0] == 'j' && in->nops == 1))
      return FX_UNKNOWN;
  if (in->mnemonic[0] == 'j') {
    if (in->nops != 1) return FX_UNKNOWN;
    return is(in, "jmp") || is(in, "jmpq") ? FX_LEAVE : FX_BRANCH;
  }
  if (is(in, "movq") && in->nops == 2) {
    const Operand *a = &in->op[0], *b = &in->op[1];
    if (a->kind == OP_FRAME && b->kind == OP_REG && b->reg != REG_RBP) return FX_LOAD;
    if (a->kind == OP_REG && b->kind == OP_FRAME) return FX_STORE;
    if (a->kind == OP_REG && b->kind == OP_REG) return FX_COPY;
  }
  if (is(in, "ret") || is(in, "ud2")) return FX_LEAVE;
  if (is(in, "cqto") || is(in, "cqo")) return FX_WRITES_RDX;
  if ((is(in, "idivq") || is(in, "divq") || is(in, "imulq") || is(in, "mulq")) && in->nops == 1)
    return FX_DIVIDE;
  /* cmpq, testb...: not cmpxchg, which writes */
  if ((starts(in, "cmp") && in->mnemonic_len == 4) || (starts(in, "test") && in->mnemonic_len == 5))
    return in->nops == 2 ? FX_READS : FX_UNKNOWN;
  if (in->nops >= 1 && in->nops <= 3 && writes_last(in)) return FX_WRITES_LAST;
  return FX_UNKNOWN;
}

/* Where the operand starting at s ends: the next comma outside parentheses
 * (8(%rax,%rcx,8) is one operand), or the end. */
static const char *operand_end(const char *s, const char *end) {
  for (;;) {
    const char *comma = memchr(s, ',', (size_t)(end - s));
    const char *stop = comma ? comma : end;
    const char *open = memchr(s, '(', (size_t)(stop - s));
    if (!open) return stop;
    const char *close = memchr(open, ')', (size_t)(end - open));
    if (!close) return end;
    s = close + 1;
  }
}

bool insn_parse(const char *line, size_t len, Insn *in) {
  if (len < 2 || line[0] != '\t' || !islower((unsigned char)line[1])) return false;
  const char *hash = memchr(line, '#', len);
  size_t n = hash ? (size_t)(hash - line) : len;
  while (n > 1 && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
  in->text_len = n;
  in->mnemonic = line + 1;
  size_t m = 0;
  while (1 + m < n && isalnum((unsigned char)line[1 + m])) m++;
  in->mnemonic_len = m;
  in->nops = 0;
  const char *s = line + 1 + m, *end = line + n;
  while (s < end && (*s == ' ' || *s == '\t')) s++;
  while (s < end) {
    if (in->nops == 3) {
      in->effect = FX_UNKNOWN;
      return true;
    }
    const char *e = operand_end(s, end);
    parse_operand(s, (size_t)(e - s), &in->op[in->nops++]);
    s = e < end ? e + 1 : e;
  }
  in->width = m == 0 ? 8 : starts(in, "set") ? 1 : suffix_width(in);
  in->effect = classify(in);
  return true;
}

const char *insn_find_label(const char *line, const char *s, const char *end, long *n) {
  while (s + 3 < end && (s = memchr(s, '.', (size_t)(end - s - 3)))) {
    if (s[1] != 'L' || s[2] != '.' || !isdigit((unsigned char)s[3]) ||
        (s > line && is_ident(s[-1]))) { /* not .L.N, or inside a longer name: a.L.5 */
      s++;
      continue;
    }
    const char *p = s + 3;
    long v = 0;
    while (p < end && isdigit((unsigned char)*p) && v < 1L << 40) v = v * 10 + (*p++ - '0');
    if (p < end && is_ident(*p)) { /* .L.5x, .L.5.k */
      s++;
      continue;
    }
    *n = v;
    return s;
  }
  return NULL;
}

bool insn_label_number(const char *line, size_t len, long *n) {
  if (len < 5 || memcmp(line, ".L.", 3) != 0) return false;
  long v = 0;
  size_t i = 3;
  for (; i < len && isdigit((unsigned char)line[i]) && v <= 1L << 40; i++)
    v = v * 10 + (line[i] - '0');
  if (i == 3 || i >= len || line[i] != ':') return false;
  *n = v;
  return true;
}

bool insn_direct_jump(const Insn *in, long *n) {
  if (in->mnemonic_len == 0 || in->mnemonic[0] != 'j' || in->nops != 1) return false;
  const Operand *op = &in->op[0];
  if (op->kind != OP_SYM || op->len < 4 || memcmp(op->text, ".L.", 3) != 0) return false;
  long v = 0;
  for (size_t i = 3; i < op->len; i++) {
    if (!isdigit((unsigned char)op->text[i]) || v > 1L << 40) return false;
    v = v * 10 + (op->text[i] - '0');
  }
  *n = v;
  return true;
}

InsnIter insn_iter(const Buf *body) {
  InsnIter it = {.next = body->data, .end = body->data + body->len};
  return it;
}

bool insn_next(InsnIter *it) {
  if (!it->next || it->next >= it->end) return false;
  const char *nl = memchr(it->next, '\n', (size_t)(it->end - it->next));
  it->line = it->next;
  it->len = nl ? (size_t)(nl - it->next) : (size_t)(it->end - it->next);
  it->next = nl ? nl + 1 : it->end;
  char c = it->len ? it->line[0] : '\n';
  it->is_label = c != '\t' && c != ' ' && c != '#' && it->len > 1 &&
                 memchr(it->line, ':', it->len) != NULL;
  return true;
}
