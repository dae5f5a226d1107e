/* Unit test of compiler/tokens.h: the table of tokens agrees with the
 * grammar (each row is a %token of grammar/parser.y or a character it uses,
 * and each token of the grammar has a row), and with the scanner (each
 * fixed spelling, keyword or punctuation, lexes to its row's token). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "lex.h"
#include "options.h"

static int failures;

/* The first token of `text`, as the parser would get it. */
static int first_token(const char *text) {
  Options opt;
  options_init(&opt);
  Ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  arena_init(&ctx.arena);
  ctx.opt = &opt;
  ctx.src.path = "tokens.dodo";
  ctx.src.text = text;
  ctx.src.len = strlen(text);
  diag_init(&ctx.diag, stderr, &ctx.src);
  Lexer lx;
  lex_open(&lx, &ctx);
  YYSTYPE val;
  YYLTYPE loc;
  int kind = yylex(&val, &loc, &lx);
  lex_close(&lx);
  if (ctx.diag.nerrors) kind = -1;
  arena_free(&ctx.arena);
  return kind;
}

static void spelled(int code, const char *text) {
  char src[64];
  /* "(" after it: lexes apart from every spelling, and keeps a '.' from
   * being the end of a block */
  snprintf(src, sizeof src, "%s(", text);
  int got = first_token(src);
  if (got != code) {
    printf("FAIL: '%s' lexes as %s, but its row says %s\n", text, lex_token_name(got),
           lex_token_name(code));
    failures++;
  }
}

int main(void) {
  Buf why;
  buf_init(&why);
  if (!parse_tokens_check(&why)) {
    printf("FAIL: DODO_TOKENS and grammar/parser.y disagree:\n%s", why.data);
    failures++;
  }
  buf_free(&why);
#define K(code, word, flags) spelled(code, word);
#define T(code, text, flags) spelled(code, text);
#define V(code, what, flags)
  DODO_TOKENS(K, T, V)
#undef K
#undef T
#undef V
#define W(word) spelled(RESERVED, word);
  DODO_RESERVED_WORDS(W)
#undef W
  /* a name that is no keyword stays a name */
  spelled(LNAME, "defx");
  if (failures == 0) printf("tokens: all rows agree with the grammar and the scanner\n");
  return failures ? 1 : 0;
}
