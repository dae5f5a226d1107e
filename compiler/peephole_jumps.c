/* -O1 and up: a conditional jump over an unconditional one,
 *
 *   jge .L.1                jl .L.2
 *   jmp .L.2        =>    .L.1:
 * .L.1:
 *
 * (an if-expression's then-arm ending in a jump past its else-arm) becomes
 * the inverse condition: one taken branch fewer on that path. */
#include "peephole.h"

#include <string.h>

#include "peephole_insn.h"

static const char *const inverse[][2] = {
    {"je", "jne"}, {"jz", "jnz"}, {"jl", "jge"}, {"jle", "jg"}, {"jb", "jae"},
    {"jbe", "ja"}, {"js", "jns"}, {"jo", "jno"}, {"jp", "jnp"},
};

static const char *invert(const Insn *in) {
  for (size_t i = 0; i < sizeof inverse / sizeof inverse[0]; i++)
    for (int k = 0; k < 2; k++)
      if (in->mnemonic_len == strlen(inverse[i][k]) &&
          memcmp(in->mnemonic, inverse[i][k], in->mnemonic_len) == 0)
        return inverse[i][1 - k];
  return NULL;
}

/* The line defines the label `op` names. */
static bool defines(const InsnIter *it, const Operand *op) {
  return it->is_label && it->len == op->len + 1 && memcmp(it->line, op->text, op->len) == 0 &&
         it->line[op->len] == ':';
}

void peephole_jumps(Buf *body) {
  Buf out;
  buf_init(&out);
  InsnIter it = insn_iter(body);
  bool more = insn_next(&it);
  while (more) {
    InsnIter a = it;
    Insn ja, jb;
    long n;
    const char *cc = NULL;
    if (!a.is_label && a.len > 2 && a.line[1] == 'j' && insn_parse(a.line, a.len, &ja) &&
        ja.effect == FX_BRANCH &&
        insn_direct_jump(&ja, &n))
      cc = invert(&ja);
    if (cc) {
      InsnIter b = a;
      InsnIter c = a;
      if (insn_next(&b) && !b.is_label && insn_parse(b.line, b.len, &jb) &&
          jb.effect == FX_LEAVE && jb.nops == 1 && jb.mnemonic_len == 3 &&
          memcmp(jb.mnemonic, "jmp", 3) == 0 && jb.op[0].kind == OP_SYM &&
          (c = b, insn_next(&c)) && defines(&c, &ja.op[0])) {
        buf_printf(&out, "\t%s %.*s\n", cc, (int)jb.op[0].len, jb.op[0].text);
        it = c; /* the label is written next round */
        continue;
      }
    }
    buf_putn(&out, it.line, it.len);
    buf_putc(&out, '\n');
    more = insn_next(&it);
  }
  buf_free(body);
  *body = out;
}
