/* What the flex rules do with what they match: positions, literals,
 * keywords, and lexical errors. */
#include <stdio.h>
#include <string.h>

#include "lex.h"
#include "utf8.h"

void lex_error(Lexer *lx, const Loc *loc, const char *msg) {
  diag_error(&lx->ctx->diag, *loc, "%s", msg);
}

bool lex_at_end(const Lexer *lx) {
  return (size_t)lx->offset >= lx->ctx->src.len;
}

/* Bidirectional control characters reorder how text is shown, so that a
 * string or comment can make code read differently from how it compiles
 * (CVE-2021-42574). In strings and comments each is a warning, as GCC's
 * -Wbidi-chars gives; elsewhere lex_stray_bytes() makes it an error. */
void lex_bidi_controls(Lexer *lx, const Loc *loc, const char *text, size_t len,
                       const char *where) {
  int line = loc->first_line, col = loc->first_column;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    if (c == 0xE2) {
      unsigned cp;
      size_t n = utf8_decode(text + i, len - i, &cp);
      if (utf8_is_bidi_control(cp)) {
        Loc at = {line, col, line, col + 1, loc->offset + (int)i};
        diag_warning(&lx->ctx->diag, W_BIDI_CHARS, at,
                     "unicode bidirectional control character U+%04X in %s", cp, where);
      }
      for (size_t k = 0; k < n; k++) col = diag_advance_column(col, (unsigned char)text[i + k]);
      i += n;
      continue;
    }
    if (c == '\n') {
      line++;
      col = 1;
    } else {
      col = diag_advance_column(col, c);
    }
    i++;
  }
}

/* A string literal: "…" with "" standing for one quote. */
int lex_string(Lexer *lx, YYSTYPE *val, const Loc *loc, const char *text,
               size_t len, bool terminated) {
  if (!terminated) {
    lx->unterminated = true;
    Loc open = *loc;
    open.last_line = open.first_line;
    open.last_column = open.first_column + 1;
    lex_error(lx, &open, "missing terminating '\"' character");
  }
  size_t body = terminated ? len - 2 : len - 1;
  const char *src = text + 1;
  char *out = arena_alloc(&lx->ctx->arena, body + 1);
  size_t n = 0;
  for (size_t i = 0; i < body; i++) {
    out[n++] = src[i];
    if (src[i] == '"') i++; /* "" is one quote */
  }
  if (memchr(out, '\0', n)) lex_error(lx, loc, "NUL byte in string literal");
  lex_bidi_controls(lx, loc, text, len, "string literal");
  size_t bad = utf8_invalid_at(out, n);
  if (bad != (size_t)-1) {
    char msg[96];
    snprintf(msg, sizeof msg, "invalid UTF-8 in string literal (byte 0x%02x)",
             (unsigned char)out[bad]);
    lex_error(lx, loc, msg);
  }
  val->str.text = out;
  val->str.len = n;
  return STRING;
}

/* \n \t \q: special characters written outside strings. */
int lex_special(Lexer *lx, YYSTYPE *val, char which) {
  const char *text = which == 'n' ? "\n" : which == 't' ? "\t" : "\"";
  val->str.text = arena_strdup(&lx->ctx->arena, text);
  val->str.len = 1;
  return SPECIAL;
}

void lex_bad_special(Lexer *lx, const Loc *loc, const char *text, size_t len) {
  char msg[128];
  if (len < 2 || text[1] == '\n' || (unsigned char)text[1] < 0x20 ||
      (unsigned char)text[1] >= 0x7f)
    snprintf(msg, sizeof msg,
             "stray '\\' in program (special characters are \\n, \\t and \\q)");
  else
    snprintf(msg, sizeof msg,
             "unknown special character '\\%c' (expected \\n, \\t or \\q)",
             text[1]);
  lex_error(lx, loc, msg);
}

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Integer literals. Values up to 2^64 - 1 are kept (a uint64 may hold
 * them); whether one fits the type its context gives it is the checker's
 * question, and 2^63 as an `int` is legal only directly after a unary
 * minus, which the parser decides. */
int lex_number(Lexer *lx, YYSTYPE *val, const Loc *loc, const char *text,
               size_t len, int base) {
  const char *digits = base == 10 ? text : text + 2;
  size_t ndigits = base == 10 ? len : len - 2;
  static const char *const base_name[17] = {[2] = "binary", [8] = "octal",
                                             [10] = "decimal", [16] = "hexadecimal"};
  val->num = 0;
  if (ndigits == 0) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s literal has no digits", base_name[base]);
    lex_error(lx, loc, msg);
    return INTLIT;
  }
  const uint64_t limit = UINT64_MAX;
  bool too_big = false;
  uint64_t v = 0;
  for (size_t i = 0; i < ndigits; i++) {
    int d = digit_value(digits[i]);
    if (d >= base) {
      char msg[128];
      if (d < 36)
        snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", digits[i],
                 base_name[base]);
      else
        snprintf(msg, sizeof msg, "invalid character '%c' in %s literal",
                 digits[i], base_name[base]);
      lex_error(lx, loc, msg);
      return INTLIT;
    }
    if (v > (limit - (uint64_t)d) / (uint64_t)base) too_big = true;
    else v = v * (uint64_t)base + (uint64_t)d;
  }
  if (too_big) {
    char msg[160];
    snprintf(msg, sizeof msg, "integer literal %.*s%s is out of range", len > 60 ? 60 : (int)len,
             text, len > 60 ? "..." : "");
    lex_error(lx, loc, msg);
    return INTLIT;
  }
  val->num = v;
  return INTLIT;
}

void lex_bad_identifier(Lexer *lx, const Loc *loc, const char *text) {
  char msg[160];
  snprintf(msg, sizeof msg, "identifier '%.60s%s' must start with a letter",
           text, strlen(text) > 60 ? "..." : "");
  lex_error(lx, loc, msg);
}

/* Bytes that cannot start any token. */
void lex_stray_bytes(Lexer *lx, const Loc *loc, const char *text, size_t len) {
  char msg[128];
  unsigned char c = (unsigned char)text[0];
  if (c >= 0x80) {
    size_t bad = utf8_invalid_at(text, len);
    unsigned cp;
    utf8_decode(text, len, &cp);
    if (bad != (size_t)-1)
      snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02x in program",
               (unsigned char)text[bad]);
    else if (utf8_is_bidi_control(cp))
      snprintf(msg, sizeof msg,
               "unicode bidirectional control character U+%04X outside a string or comment", cp);
    else if (utf8_width(cp) == 0) /* invisible: name it */
      snprintf(msg, sizeof msg, "invisible character U+%04X outside a string or comment", cp);
    else
      snprintf(msg, sizeof msg,
               "non-ASCII character '%.*s' outside a string or comment",
               (int)(len > 16 ? 16 : len), text);
  } else if (c < 0x20 || c == 0x7f) {
    snprintf(msg, sizeof msg, "stray '\\x%02x' in program", c);
  } else {
    snprintf(msg, sizeof msg, "stray '%c' in program", c);
  }
  lex_error(lx, loc, msg);
}

/* Comments may hold any bytes but NUL, which is always an error. */
void lex_comment_bytes(Lexer *lx, const Loc *loc, const char *text, size_t len) {
  if (memchr(text, '\0', len)) lex_error(lx, loc, "NUL byte in source file");
  lex_bidi_controls(lx, loc, text, len, "comment");
}

void lex_comment_open(Lexer *lx, const Loc *loc) {
  lx->comment_depth = 1;
  lx->comment_loc = *loc;
}

void lex_unterminated_comment(Lexer *lx) {
  lx->unterminated = true;
  lex_error(lx, &lx->comment_loc,
            "unterminated block comment: '#---' has no matching '+++'");
}
