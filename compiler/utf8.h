/* UTF-8 validation for string literals and stray bytes; code points and their
 * display width for the caret under a source line. */
#ifndef DODOC_UTF8_H
#define DODOC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* What utf8_decode() gives for a byte that starts no valid sequence. */
#define UTF8_INVALID 0xFFFFFFFFu

/* Index of the first byte of s[0..len) that is not part of valid UTF-8
 * (overlongs, surrogates and values past U+10FFFF included), or (size_t)-1. */
size_t utf8_invalid_at(const char *s, size_t len);

/* The code point at s (len > 0 bytes available) in *cp, and its length in
 * bytes; an invalid byte is UTF8_INVALID, one byte long. */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);
/* Columns a terminal gives the code point: 2 for East Asian Wide and
 * Fullwidth, 0 for combining marks, 1 otherwise. */
int utf8_width(unsigned cp);
/* U+202A..U+202E and U+2066..U+2069: the controls that reorder text
 * (CVE-2021-42574, "Trojan Source"). */
bool utf8_is_bidi_control(unsigned cp);

#endif
