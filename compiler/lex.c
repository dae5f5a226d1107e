/* The token filter between flex and bison (language.md §2). */
#include "lex.h"

#include <string.h>

/* Declared by the flex-generated scanner. */
typedef void *yyscan_t;
int dlex_lex_init_extra(Lexer *extra, yyscan_t *scanner);
int dlex_lex_destroy(yyscan_t scanner);
struct yy_buffer_state *dlex__scan_bytes(const char *bytes, int len,
                                         yyscan_t scanner);
int lex_raw(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);

void lex_open(Lexer *lx, Ctx *ctx) {
  memset(lx, 0, sizeof *lx);
  lx->ctx = ctx;
  lx->line = 1;
  lx->col = 1;
  lx->prev_kind = NEWLINE; /* the start of the file behaves like a fresh line */
  dlex_lex_init_extra(lx, &lx->scanner);
  /* The length is given, so a NUL byte is a character like any other (and a
   * diagnostic), never the end of the input. */
  size_t skip = 0;
  /* A UTF-8 byte-order mark (some editors write one) is skipped, as GCC and
   * Clang do; positions still count bytes from the start of the file. */
  if (ctx->src.len >= 3 && memcmp(ctx->src.text, "\xEF\xBB\xBF", 3) == 0) skip = 3;
  lx->offset = (int)skip;
  dlex__scan_bytes(ctx->src.text + skip, (int)(ctx->src.len - skip), lx->scanner);
}

void lex_close(Lexer *lx) {
  if (lx->scanner) dlex_lex_destroy(lx->scanner);
  lx->scanner = NULL;
}

/* Fills *t in place: the parser asks for every token, and a Token is too
 * big to copy around by value for nothing. */
static void raw_next(Lexer *lx, Token *t) {
  if (lx->has_pushback) {
    lx->has_pushback = false;
    *t = lx->pushback;
    return;
  }
  memset(t, 0, sizeof *t);
  t->kind = lex_raw(&t->val, &t->loc, lx->scanner);
  t->end = lx->offset;
  if (t->kind == YYEOF) {
    /* EOF sits just past the last character. */
    t->loc.first_line = t->loc.last_line = lx->line;
    t->loc.first_column = t->loc.last_column = lx->col;
    t->loc.offset = lx->offset;
  }
}

/* DODO_TOKENS by token code. */
typedef struct TokenInfo {
  const char *name;
  unsigned flags;
} TokenInfo;

static const TokenInfo tokens[] = {
#define K(code, word, flags) [code] = {"'" word "'", flags},
#define T(code, text, flags) [code] = {"'" text "'", flags},
#define V(code, what, flags) [code] = {what, flags},
    DODO_TOKENS(K, T, V)
#undef K
#undef T
#undef V
};

static const TokenInfo *token_info(int kind) {
  if (kind < 0 || (size_t)kind >= sizeof tokens / sizeof tokens[0] || !tokens[kind].name)
    return NULL;
  return &tokens[kind];
}

unsigned lex_token_flags(int kind) {
  const TokenInfo *t = token_info(kind);
  return t ? t->flags : 0;
}

/* A token kind as messages and --emit=tokens spell it. */
const char *lex_token_name(int kind) {
  const TokenInfo *t = token_info(kind);
  return t ? t->name : "token";
}

static const struct {
  const char *word;
  int kind;
} keywords[] = {
#define K(code, word, flags) {word, code},
#define T(code, text, flags)
#define V(code, what, flags)
    DODO_TOKENS(K, T, V)
#undef K
#undef T
#undef V
#define W(word) {word, RESERVED},
    DODO_RESERVED_WORDS(W)
#undef W
};

/* Keywords and reserved words: the lexer asks this of every lower-case
 * name, and most names differ from every keyword in their first letter. */
int lex_keyword(Lexer *lx, const Loc *loc, const char *text, int name_kind) {
  (void)lx;
  (void)loc;
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (keywords[i].word[0] == text[0] && strcmp(keywords[i].word, text) == 0)
      return keywords[i].kind;
  return name_kind;
}

/* A newline after these does not end a statement: operators, commas, `->`,
 * `|`, `=`, openers, and `else`. */
static bool continues_line(int kind) { return lex_token_flags(kind) & TK_OPEN; }

/* A line starting with one of these continues the previous one. `{` is a
 * dialect choice: it lets a block open on its own line (Allman style). */
static bool continues_previous(int kind) { return lex_token_flags(kind) & TK_JOIN; }

static bool inside_parens(const Lexer *lx) {
  return lx->depth > 0 && (lx->stack[lx->depth - 1].kind == '(' ||
                           lx->stack[lx->depth - 1].kind == INTERP_OPEN);
}

static bool closes(int closer, int opener) {
  return (closer == ')' && (opener == '(' || opener == INTERP_OPEN)) ||
         (closer == '}' && opener == '{') || (closer == DOTCLOSE && opener == ':');
}

/* `name:` right after `(` or `,` inside parentheses labels a field of
 * `new v(x: 1, y: 2)` (language.md §11): that ':' opens no block. */
static bool labels_field(const Lexer *lx) {
  return inside_parens(lx) && lx->prev_kind == LNAME &&
         (lx->prev2_kind == '(' || lx->prev2_kind == ',');
}

/* Tracks nesting. Returns false when the depth limit is hit. */
static bool track_brackets(Lexer *lx, const Token *t) {
  if (t->kind == ':' && labels_field(lx)) return true;
  switch (t->kind) {
  case '(': case INTERP_OPEN: case '{': case ':':
    if (lx->depth == LEX_MAX_NESTING) {
      diag_error(&lx->ctx->diag, t->loc,
                 "brackets are nested too deeply (the limit is %d levels)",
                 LEX_MAX_NESTING);
      lx->ctx->abandoned = true;
      return false;
    }
    lx->stack[lx->depth].kind = t->kind;
    lx->stack[lx->depth].loc = t->loc;
    lx->depth++;
    return true;
  case ')': case '}': case DOTCLOSE:
    /* A closer that does not match the innermost opener closes the nearest
     * one it does match (if any), so one typo does not derail the rest. */
    for (int i = lx->depth - 1; i >= 0; i--) {
      if (closes(t->kind, lx->stack[i].kind)) {
        lx->closed_interp = lx->stack[i].kind == INTERP_OPEN;
        lx->depth = i;
        break;
      }
    }
    return true;
  default:
    return true;
  }
}

int yylex(YYSTYPE *lval, YYLTYPE *lloc, Lexer *lx) {
  Token t;
  for (;;) {
    raw_next(lx, &t);
    if (t.kind != NEWLINE) break;
    if (inside_parens(lx) || continues_line(lx->prev_kind)) continue;
    Token *next = &lx->pushback;
    do raw_next(lx, next); while (next->kind == NEWLINE);
    lx->has_pushback = true;
    if (continues_previous(next->kind)) continue;
    break;
  }
  /* "a"(x) and "a"(x)(y): a '(' right after a string piece, or right after
   * an interpolation, splices a value into the string. */
  bool after_piece = lx->prev_kind == STRING || lx->prev_kind == SPECIAL ||
                     (lx->prev_kind == ')' && lx->prev_closed_interp);
  if (t.kind == '(' && after_piece && t.loc.offset == lx->prev_end) t.kind = INTERP_OPEN;
  lx->closed_interp = false;
  lx->has_innermost = lx->depth > 0;
  if (lx->has_innermost) lx->innermost = lx->stack[lx->depth - 1];
  if (lx->ctx->abandoned || !track_brackets(lx, &t)) {
    t.kind = YYEOF;
  }
  lx->prev2_kind = lx->prev_kind;
  lx->prev_kind = t.kind;
  lx->prev_end = t.end;
  lx->prev_closed_interp = lx->closed_interp;
  lx->last_kind = t.kind;
  lx->last_val = t.val;
  *lval = t.val;
  *lloc = t.loc;
  return t.kind;
}

static void dump_text(Buf *out, const char *s, size_t len) {
  buf_putc(out, '"');
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') buf_puts(out, "\"\"");
    else if (c == '\n') buf_puts(out, "\\n");
    else if (c == '\t') buf_puts(out, "\\t");
    else if (c < 0x20 || c == 0x7f) buf_printf(out, "\\x%02x", c);
    else buf_putc(out, (char)c);
  }
  buf_putc(out, '"');
}

void lex_dump_tokens(Ctx *ctx, Buf *out) {
  Lexer lx;
  lex_open(&lx, ctx);
  for (;;) {
    YYSTYPE val;
    YYLTYPE loc;
    int kind = yylex(&val, &loc, &lx);
    buf_printf(out, "%d:%d %s", loc.first_line, loc.first_column,
               kind == YYEOF ? "eof" : lex_token_name(kind));
    if (kind == LNAME || kind == UNAME) buf_printf(out, " %s", val.str.text);
    if (kind == STRING || kind == SPECIAL) {
      buf_putc(out, ' ');
      dump_text(out, val.str.text, val.str.len);
    }
    if (kind == INTLIT) buf_printf(out, " %llu", (unsigned long long)val.num);
    buf_putc(out, '\n');
    if (kind == YYEOF) break;
  }
  lex_close(&lx);
}
