/* A growable byte buffer: assembly text and AST dumps are written here, then
 * to their file in one write. */
#ifndef DODOC_BUF_H
#define DODOC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct Buf {
  char *data;
  size_t len, cap;
  /* Optional: where buf_drain() sends the text, so that a large output
   * streams to its file instead of being held whole. */
  void (*sink)(void *ctx, const char *data, size_t len);
  void *sink_ctx;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
/* Room for `extra` more bytes and the terminating NUL (out of line). */
void buf_grow(Buf *b, size_t extra);

/* Inline: emitting assembly is mostly these, a few bytes at a time. */
static inline void buf_putn(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) buf_grow(b, n);
  /* Through a local pointer: a store through b->data could change b->data
   * or b->len as far as the compiler knows, so it would reload them. */
  char *d = b->data + b->len;
  /* Mostly a register, a label, a few words: no call for those. Two fixed
   * copies that overlap cover 4..16 bytes, reading only s[0..n). */
  if (n >= 8 && n <= 16) {
    memcpy(d, s, 8);
    memcpy(d + n - 8, s + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    memcpy(d, s, 4);
    memcpy(d + n - 4, s + n - 4, 4);
  } else if (n < 4) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
  } else {
    memcpy(d, s, n);
  }
  d[n] = '\0';
  b->len += n;
}

static inline void buf_putc(Buf *b, char c) {
  if (b->len + 2 > b->cap) buf_grow(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s);
/* A decimal integer, without going through a format string. */
void buf_put_int(Buf *b, long long v);
/* Hands the text to the sink, if there is one, and empties the buffer. */
void buf_drain(Buf *b);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);

#endif
