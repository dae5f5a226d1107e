/* -O1 and up: a peephole pass over a function body's assembly text. It only
 * removes instructions that provably change nothing:
 *
 *   movq %rax, 16(%rbp)         movq %rax, 16(%rbp)
 *   movq 16(%rbp), %rax    =>   (reload dropped: RAX already holds it)
 *
 * Lines are compared without their `# comment`. A label between the two
 * (another way in) keeps the reload. */
#include <stdbool.h>
#include <string.h>

#include "peephole.h"

/* The instruction of a line, without leading tab and trailing comment. */
static size_t instr_len(const char *line, size_t len) {
  const char *hash = memchr(line, '#', len);
  size_t n = hash ? (size_t)(hash - line) : len;
  while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
  return n;
}

/* "movq %rax, X" followed by "movq X, %rax": the second is redundant. */
static bool is_reload_of(const char *store, size_t slen, const char *load, size_t llen) {
  static const char st[] = "\tmovq %rax, ";
  static const char ld[] = "\tmovq ";
  static const char to_rax[] = ", %rax";
  size_t sp = sizeof st - 1, lp = sizeof ld - 1, tp = sizeof to_rax - 1;
  if (slen <= sp || strncmp(store, st, sp) != 0) return false;
  if (llen <= lp + tp || strncmp(load, ld, lp) != 0) return false;
  if (strncmp(load + llen - tp, to_rax, tp) != 0) return false;
  const char *slot = store + sp;
  size_t slot_len = slen - sp;
  if (memchr(slot, '(', slot_len) == NULL) return false; /* memory operands only */
  return llen - lp - tp == slot_len && strncmp(load + lp, slot, slot_len) == 0;
}

void peephole_run(Buf *body) {
  Buf out;
  buf_init(&out);
  const char *s = body->data, *end = s + body->len;
  const char *prev = NULL;
  size_t prev_len = 0;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
    size_t ilen = instr_len(s, len);
    bool drop = prev && is_reload_of(prev, prev_len, s, ilen);
    if (!drop) {
      buf_putn(&out, s, len);
      buf_putc(&out, '\n');
      /* only instructions (tab-indented, not directives or comments) chain */
      if (ilen > 1 && s[0] == '\t' && s[1] != '.') {
        prev = s;
        prev_len = ilen;
      } else if (ilen > 0 && s[0] != '\t') {
        prev = NULL; /* a label: another way in */
      }
    }
    s += len + 1;
  }
  buf_free(body);
  *body = out;
}
