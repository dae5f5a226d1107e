/* UTF-8 validation for string literals and stray bytes. */
#ifndef DODOC_UTF8_H
#define DODOC_UTF8_H

#include <stddef.h>

/* Index of the first byte of s[0..len) that is not part of valid UTF-8
 * (overlongs, surrogates and values past U+10FFFF included), or (size_t)-1. */
size_t utf8_invalid_at(const char *s, size_t len);

#endif
