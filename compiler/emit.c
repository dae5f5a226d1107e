/* Building a function's IR: instructions, labels, comments; and the pool of
 * string literals (deduplicated, emitted once in .rodata). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "gen_internal.h"

/* Each instruction is written once, where it lives (not built, returned
 * and copied in): codegen appends about ten per source line. */
IrInsn *emit2(GenFn *g, IrOp op, Opd a, Opd b) {
  IrInsn *in = ir_append_op(g->cur, op, 2);
  in->a[0] = a;
  in->a[1] = b;
  return in;
}

IrInsn *emit1(GenFn *g, IrOp op, Opd a) {
  IrInsn *in = ir_append_op(g->cur, op, 1);
  in->a[0] = a;
  in->a[1] = (Opd){0};
  return in;
}

IrInsn *emit0(GenFn *g, IrOp op) {
  IrInsn *in = ir_append_op(g->cur, op, 0);
  in->a[0] = (Opd){0};
  in->a[1] = (Opd){0};
  return in;
}

IrInsn *emit_jcc(GenFn *g, Cond cc, Opd target) {
  IrInsn *in = emit1(g, IR_JCC, target);
  in->cc = (uint8_t)cc;
  return in;
}

IrInsn *emit_setcc(GenFn *g, Cond cc, Opd dst) {
  IrInsn *in = emit1(g, IR_SETCC, dst);
  in->cc = (uint8_t)cc;
  return in;
}

void emit_label(GenFn *g, Opd label, EntryKind entry) {
  g->cur = ir_block_new(g->ir, g->blocks, label, entry);
}

static const char *vfmt(GenFn *g, const char *fmt, va_list ap) {
  Arena *a = &g->ir->arena;
  a->scratch.len = 0;
  buf_vprintf(&a->scratch, fmt, ap);
  return arena_strndup(a, a->scratch.data, a->scratch.len);
}

const char *gen_fmt(GenFn *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *s = vfmt(g, fmt, ap);
  va_end(ap);
  return s;
}

void emit_comment(GenFn *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit0(g, IR_COMMENT)->comment = vfmt(g, fmt, ap);
  va_end(ap);
}

int gen_new_label(GenFn *g) { return ++g->gen->labels; }

/* .loc for -g, and the source line as a comment for --asm-comments. */
void gen_emit_loc(GenFn *g, Loc loc) {
  const Options *opt = g->gen->ctx->opt;
  if (loc.first_line <= 0 || loc.first_line == g->line) return;
  g->line = loc.first_line;
  if (opt->debug_info) {
    IrInsn *in = emit2(g, IR_LOC, opd_num(loc.first_line), opd_num(loc.first_column));
    in->cc = g->prologue_end;
    g->prologue_end = false;
  }
  if (opt->asm_comments && loc.offset >= 0) {
    const Source *src = &g->gen->ctx->src;
    const char *s = src->text + loc.offset;
    while (s > src->text && s[-1] != '\n') s--;
    const char *e = memchr(s, '\n', src->len - (size_t)(s - src->text));
    if (!e) e = src->text + src->len;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    int n = (int)(e - s) > 120 ? 120 : (int)(e - s);
    char *text = (char *)gen_fmt(g, "%d: %*s", loc.first_line, n, "");
    char *p = text + strlen(text) - n; /* control bytes (NUL too) become spaces */
    for (int i = 0; i < n; i++) p[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
    emit0(g, IR_COMMENT)->comment = text;
  }
}

static unsigned hash_bytes(const char *s, size_t len) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

int gen_string(Gen *gen, const char *text, size_t len) {
  if (!gen->string_table) {
    gen->nbuckets = 1024;
    gen->string_table = ARENA_ARRAY(&gen->ctx->arena, StrLit *, gen->nbuckets);
  }
  unsigned h = hash_bytes(text, len) % (unsigned)gen->nbuckets;
  for (StrLit *s = gen->string_table[h]; s; s = s->next)
    if (s->len == len && memcmp(s->text, text, len) == 0) return s->id;
  StrLit *s = ARENA_NEW(&gen->ctx->arena, StrLit);
  s->text = text;
  s->len = len;
  s->id = gen->nstrings++;
  s->next = gen->string_table[h];
  gen->string_table[h] = s;
  return s->id;
}

/* Strings are length-prefixed and NUL-terminated (runtime/dodo_runtime.h). */
void gen_emit_strings(Gen *gen) {
  if (!gen->nstrings) return;
  StrLit **byid = calloc((size_t)gen->nstrings, sizeof *byid);
  if (!byid) fatal_oom();
  for (int b = 0; b < gen->nbuckets; b++)
    for (StrLit *s = gen->string_table[b]; s; s = s->next) byid[s->id] = s;
  buf_puts(gen->out, "\n\t.section .rodata\n");
  for (int i = 0; i < gen->nstrings; i++) {
    StrLit *s = byid[i];
    buf_printf(gen->out, "\t.p2align 3\n.L.str.%d:\n\t.quad %zu\n\t.ascii \"", i, s->len);
    for (size_t k = 0; k < s->len; k++) {
      unsigned char c = (unsigned char)s->text[k];
      if (c == '"' || c == '\\') buf_printf(gen->out, "\\%c", c);
      else if (c < 0x20 || c >= 0x7f) buf_printf(gen->out, "\\%03o", c);
      else buf_putc(gen->out, (char)c);
      if (k % 64 == 63 && k + 1 < s->len) buf_puts(gen->out, "\"\n\t.ascii \"");
    }
    buf_puts(gen->out, "\\0\"\n");
  }
  free(byid);
}
