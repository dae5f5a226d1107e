/* The scanner's state, and the token filter the parser reads from.
 *
 * flex (grammar/lexer.l) produces raw tokens, NEWLINE included. The filter
 * applies the rules of language.md §2 that need context: which newlines end
 * a statement, which '(' opens an interpolation, and bracket nesting (with a
 * depth limit, and the opener's position for "to close" messages). */
#ifndef DODOC_LEX_H
#define DODOC_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "ctx.h"
#include "parser.h"
#include "tokens.h"

/* Deepest bracket nesting accepted; deeper input is one diagnostic, not a
 * parser stack overflow. */
enum { LEX_MAX_NESTING = 256 };

typedef struct Token {
  int kind;
  YYSTYPE val;
  Loc loc;
  int end; /* byte offset just past the token */
} Token;

typedef struct Bracket {
  int kind; /* '(', INTERP_OPEN, '{' or ':' */
  Loc loc;
} Bracket;

struct Lexer {
  Ctx *ctx;
  void *scanner;
  /* raw position, advanced by every flex match */
  int line, col, offset;
  /* block comments */
  int comment_depth;
  Loc comment_loc;
  /* A string or block comment ran to the end of the input: that error is
   * the cause, and the parser's complaint about the end is not reported. */
  bool unterminated;
  /* the filter */
  int prev_kind;
  int prev2_kind; /* the token before prev_kind */
  int prev_end;
  bool prev_closed_interp; /* the previous token was the ')' of an interpolation */
  bool closed_interp;      /* the current token is such a ')' */
  Token pushback;
  bool has_pushback;
  Bracket stack[LEX_MAX_NESTING];
  int depth;
  Bracket innermost; /* innermost open bracket before the current token */
  bool has_innermost;
  /* the token last handed to the parser: its lookahead, in error messages */
  int last_kind;
  YYSTYPE last_val;
  /* the parser's list tails (top-level declarations in source order) */
  Func *last_func;
  Node *last_const;
  Use *last_use;
  Section section; /* the part of the file being parsed (language.md §12) */
};

void lex_open(Lexer *lx, Ctx *ctx);
void lex_close(Lexer *lx);
/* The filtered token stream: what bison calls. */
int yylex(YYSTYPE *lval, YYLTYPE *lloc, Lexer *lx);
/* A token kind as messages and --emit=tokens spell it ("token" for a code
 * that is none of DODO_TOKENS). */
const char *lex_token_name(int kind);
/* Its TK_ flags (tokens.h); 0 for a code that is no token. */
unsigned lex_token_flags(int kind);
/* Whether DODO_TOKENS and the grammar's %token lines name the same tokens;
 * if not, what differs goes to `why` (grammar/parser.y). */
bool parse_tokens_check(Buf *why);
/* --emit=tokens */
void lex_dump_tokens(Ctx *ctx, Buf *out);

/* Actions called from the flex rules. */

/* Every match: the token's position, and the position after it. Inline,
 * since the scanner calls it for each token and each run of blanks; printable
 * ASCII, most of any source, advances one column without asking
 * diag_advance_column (tabs and UTF-8 do). */
static inline void lex_track(Lexer *lx, Loc *loc, const char *text, size_t len) {
  int line = lx->line, col = lx->col;
  loc->first_line = line;
  loc->first_column = col;
  loc->offset = lx->offset;
  size_t i = 0;
  while (i < len && (unsigned char)(text[i] - 0x20) < 0x60) i++; /* printable ASCII */
  col += (int)i;
  for (; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c < 0x80) {
      col++;
    } else if (c == '\n') {
      line++;
      col = 1;
    } else {
      col = diag_advance_column(col, c);
    }
  }
  lx->line = line;
  lx->col = col;
  lx->offset += (int)len;
  loc->last_line = line;
  loc->last_column = col;
}
void lex_error(Lexer *lx, const Loc *loc, const char *msg);
int lex_string(Lexer *lx, YYSTYPE *val, const Loc *loc, const char *text,
               size_t len, bool terminated);
int lex_special(Lexer *lx, YYSTYPE *val, char which);
void lex_bad_special(Lexer *lx, const Loc *loc, const char *text, size_t len);
int lex_number(Lexer *lx, YYSTYPE *val, const Loc *loc, const char *text,
               size_t len, int base);
int lex_keyword(Lexer *lx, const Loc *loc, const char *text, int name_kind);
void lex_bad_identifier(Lexer *lx, const Loc *loc, const char *text);
void lex_stray_bytes(Lexer *lx, const Loc *loc, const char *text, size_t len);
void lex_comment_bytes(Lexer *lx, const Loc *loc, const char *text, size_t len);
void lex_comment_open(Lexer *lx, const Loc *loc);
void lex_unterminated_comment(Lexer *lx);
bool lex_at_end(const Lexer *lx);
void lex_bidi_controls(Lexer *lx, const Loc *loc, const char *text, size_t len,
                       const char *where);

#endif
