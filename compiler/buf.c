#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"

void buf_init(Buf *b) { memset(b, 0, sizeof *b); }

void buf_free(Buf *b) {
  free(b->data);
  buf_init(b);
}

void buf_grow(Buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) fatal_oom();
  b->data = p;
  b->cap = cap;
}

void buf_puts(Buf *b, const char *s) { buf_putn(b, s, strlen(s)); }

void buf_drain(Buf *b) {
  if (!b->sink || b->len == 0) return;
  b->sink(b->sink_ctx, b->data, b->len);
  b->len = 0;
  b->data[0] = '\0';
}


/* vsnprintf, for what format_fast() does not handle. Formats straight into
 * the spare capacity; only text that does not fit is formatted again. */
static void format_libc(Buf *b, const char *fmt, va_list ap) {
  buf_grow(b, 256);
  va_list ap2;
  va_copy(ap2, ap);
  size_t room = b->cap - b->len;
  int n = vsnprintf(b->data + b->len, room, fmt, ap2);
  va_end(ap2);
  if (n < 0) fatal_oom(); /* only an encoding error or ENOMEM */
  if ((size_t)n >= room) {
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  }
  b->len += (size_t)n;
}

void buf_put_int(Buf *b, long long v) {
  char tmp[24];
  char *p = tmp + sizeof tmp;
  unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
  do *--p = (char)('0' + u % 10); while (u /= 10);
  if (v < 0) *--p = '-';
  buf_putn(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_unsigned(Buf *b, unsigned long long u) {
  char tmp[24];
  char *p = tmp + sizeof tmp;
  do *--p = (char)('0' + u % 10); while (u /= 10);
  buf_putn(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* The conversions the code generator and diagnostics use: %s %.*s %c %d %u
 * with l, ll or z, and %%. Emitting assembly is mostly formatting, and
 * vsnprintf spent more time parsing these than the rest of dodoc took.
 * Returns false, having written nothing, at anything else. */
static bool format_fast(Buf *b, const char *fmt, va_list ap) {
  size_t start = b->len;
  for (const char *f = fmt;;) {
    /* Runs between conversions are mostly a few bytes: look at those
     * without a call, and let strcspn take a longer one. */
    const char *pct = f;
    while (pct < f + 4 && *pct && *pct != '%') pct++;
    if (pct == f + 4) pct += strcspn(pct, "%");
    buf_putn(b, f, (size_t)(pct - f));
    if (!*pct) return true;
    f = pct + 1;
    if (*f == '%') {
      buf_putc(b, '%');
      f++;
      continue;
    }
    if (f[0] == '.' && f[1] == '*' && f[2] == 's') {
      int n = va_arg(ap, int);
      const char *s = va_arg(ap, const char *);
      if (!s) s = "(null)";
      buf_putn(b, s, n < 0 ? strlen(s) : strnlen(s, (size_t)n)); /* printf's rules */
      f += 3;
      continue;
    }
    int longs = 0;
    bool size = false;
    while (*f == 'l' && longs < 2) longs++, f++;
    if (!longs && *f == 'z') size = true, f++;
    switch (*f) {
    case 's':
      if (longs || size) break;
      const char *s = va_arg(ap, const char *);
      buf_puts(b, s ? s : "(null)");
      f++;
      continue;
    case 'c':
      if (longs || size) break;
      buf_putc(b, (char)va_arg(ap, int));
      f++;
      continue;
    case 'd':
    case 'i':
      buf_put_int(b, size ? (long long)va_arg(ap, ptrdiff_t)
                    : longs == 2 ? va_arg(ap, long long)
                    : longs == 1 ? va_arg(ap, long) : va_arg(ap, int));
      f++;
      continue;
    case 'u':
      put_unsigned(b, size ? va_arg(ap, size_t)
                      : longs == 2 ? va_arg(ap, unsigned long long)
                      : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned));
      f++;
      continue;
    default: break;
    }
    b->len = start; /* a conversion not handled here: start again with libc */
    if (b->data) b->data[start] = '\0';
    return false;
  }
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  bool done = format_fast(b, fmt, ap2);
  va_end(ap2);
  if (!done) format_libc(b, fmt, ap);
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}
