/* -O1 and up: stores to frame slots that nothing in the function reads.
 *
 * Entry code parks every parameter and continuation in the frame (no
 * register survives a call), and the load pass (peephole.c) often leaves
 * none of those slots read: `isEven` passes n and its continuations on in
 * registers. A `movq %reg, N(%rbp)` is dropped when no other text of the
 * function mentions a slot overlapping N(%rbp).
 *
 * Only where every read is visible as text: not when the frame's address
 * escapes (RBP used as a value, or `leaq N(%rbp)`), and not with -g, whose
 * CFI tells the debugger where the continuations are saved. */
#define _GNU_SOURCE /* memmem */
#include "peephole.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "peephole_insn.h"

/* Byte ranges of the frame that some instruction reads (or might). */
typedef struct Reads {
  long *off;
  size_t n, cap;
  bool unknown; /* the frame escapes: keep every store */
} Reads;

static void add_read(Reads *r, long off) {
  if (r->n == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 64;
    r->off = realloc(r->off, r->cap * sizeof *r->off);
    if (!r->off) fatal_oom();
  }
  r->off[r->n++] = off;
}

static int cmp_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

/* Reads sorted, so that each store is one binary search: a function of
 * 50,000 locals stays linear-logarithmic. */
static void sort_reads(Reads *r) {
  if (r->n) qsort(r->off, r->n, sizeof *r->off, cmp_long);
}

/* Does a read of 8 bytes at some r->off[i] overlap [off, off + 8)? That is,
 * off - 8 < r->off[i] < off + 8. */
static bool is_read(const Reads *r, long off) {
  size_t lo = 0, hi = r->n; /* first index with r->off[i] > off - 8 */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->off[mid] > off - 8) hi = mid;
    else lo = mid + 1;
  }
  return lo < r->n && r->off[lo] < off + 8;
}

/* Every `…(%rbp)` of the line is a read of that slot, except the one at
 * `skip` (a candidate store's destination). A slot written as anything but
 * a number, other than the frame-size placeholders (which address the
 * caller's area above this frame), is unknown. */
static void scan_line(Reads *r, const char *line, size_t len, const char *skip) {
  static const char base[] = "(%rbp)";
  const char *end = line + len;
  for (const char *p = line; (p = memmem(p, (size_t)(end - p), base, sizeof base - 1)); p++) {
    if (p == skip) continue;
    const char *q = p;
    while (q > line && ((q[-1] >= '0' && q[-1] <= '9') || q[-1] == '-')) q--;
    if (q > line && (q[-1] == '\001' || q[-1] == '+')) continue; /* placeholder */
    if (q > line && q[-1] != ' ' && q[-1] != ',' && q[-1] != '\t' && q[-1] != '*') {
      r->unknown = true;
      return;
    }
    add_read(r, q == p ? 0 : strtol(q, NULL, 10));
  }
}

/* RBP as a value (not as a base), or a slot's address: the frame escapes. */
static bool frame_escapes(const Insn *in) {
  if (in->mnemonic_len == 4 && memcmp(in->mnemonic, "leaq", 4) == 0 && in->nops == 2 &&
      in->op[0].kind == OP_FRAME)
    return true;
  for (int i = 0; i < in->nops; i++) {
    const Operand *op = &in->op[i];
    /* only a plain write of RBP (movq %rsp, %rbp) leaves its value unused */
    bool dest = i == in->nops - 1 && (in->effect == FX_COPY || in->effect == FX_LOAD ||
                                      in->effect == FX_WRITES_LAST);
    if (op->kind == OP_REG && op->reg == REG_RBP && (!dest || in->effect == FX_UNKNOWN))
      return true;
    if (op->kind == OP_OTHER && in->effect == FX_UNKNOWN) return true;
  }
  return false;
}

/* A store's destination "(%rbp)", to be skipped as a read. */
static const char *store_dest(const Insn *in) {
  if (in->effect != FX_STORE) return NULL;
  return in->op[1].text + in->op[1].len - 6;
}

void peephole_dead_stores(Buf *body) {
  Reads r = {0};
  for (InsnIter it = insn_iter(body); insn_next(&it) && !r.unknown;) {
    Insn in;
    bool insn = !it.is_label && insn_parse(it.line, it.len, &in);
    if (insn && frame_escapes(&in)) r.unknown = true;
    scan_line(&r, it.line, it.len, insn ? store_dest(&in) : NULL);
  }
  if (r.unknown) {
    free(r.off);
    return;
  }
  sort_reads(&r);
  Buf out;
  buf_init(&out);
  for (InsnIter it = insn_iter(body); insn_next(&it);) {
    Insn in;
    if (!it.is_label && insn_parse(it.line, it.len, &in) && in.effect == FX_STORE &&
        !is_read(&r, in.op[1].offset))
      continue;
    buf_putn(&out, it.line, it.len);
    buf_putc(&out, '\n');
  }
  free(r.off);
  buf_free(body);
  *body = out;
}
