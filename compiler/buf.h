/* A growable byte buffer: assembly text and AST dumps are written here, then
 * to their file in one write. */
#ifndef DODOC_BUF_H
#define DODOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
  char *data;
  size_t len, cap;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_putn(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);

#endif
