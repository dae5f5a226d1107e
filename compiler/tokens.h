/* Every token of the grammar, one row each: what the lexer matches, what
 * diagnostics call it, and the classes the newline filter and the syntax
 * error messages ask about. lex.c expands it (lex_keyword, lex_token_name,
 * lex_token_flags); the grammar's message code (grammar/parser.y) lists the
 * tokens from it, and parse_tokens_check() makes sure the rows and the
 * grammar's %token lines name the same tokens (a unit test runs it, and
 * also lexes each fixed spelling to check that grammar/lexer.l agrees).
 *
 *   K(code, "word", flags)       a keyword: lex_keyword() finds the word
 *   T(code, "text", flags)       fixed text the flex rules match
 *   V(code, "what it is", flags) text that varies (names, literals) or a
 *                                token the token filter makes
 *
 * code is bison's name from grammar/parser.y or a character; K and T rows are
 * called 'word' / 'text' in messages. Flags:
 *   TK_BINOP   a binary operator: may follow any expression (messages leave
 *              it out when more telling tokens are expected)
 *   TK_EXPR    starts an expression
 *   TK_STMT    starts a statement other than an expression
 *   TK_OPEN    a newline after it does not end a statement (language.md §2)
 *   TK_JOIN    a line starting with it continues the previous one */
#ifndef DODOC_TOKENS_H
#define DODOC_TOKENS_H

#include "parser.h"

enum {
  TK_BINOP = 1 << 0,
  TK_EXPR = 1 << 1,
  TK_STMT = 1 << 2,
  TK_OPEN = 1 << 3,
  TK_JOIN = 1 << 4,
};

#define DODO_TOKENS(K, T, V)                                  \
  V(YYEOF, "end of file", 0)                                  \
  V(NEWLINE, "end of line", TK_OPEN)                          \
  V(INTLIT, "integer literal", TK_EXPR)                       \
  V(STRING, "string literal", TK_EXPR)                        \
  V(SPECIAL, "special character", TK_EXPR)                    \
  V(LNAME, "name", TK_EXPR)                                   \
  V(UNAME, "capitalised name", TK_STMT)                       \
  V(RESERVED, "reserved word", 0)                             \
  V(INTERP_OPEN, "'('", TK_OPEN)                              \
  V(DOTCLOSE, "'.' (end of block)", 0)                        \
  T(ARROW, "->", TK_OPEN | TK_JOIN)                           \
  T(ELLIPSIS, "...", TK_OPEN)                                 \
  T(POW, "**", TK_BINOP | TK_OPEN)                            \
  T(LE, "<=", TK_BINOP | TK_OPEN)                             \
  T(GE, ">=", TK_BINOP | TK_OPEN)                             \
  T(NE, "!=", TK_BINOP | TK_OPEN)                             \
  T(MODULE_KW, "__Module__", 0)                               \
  T(MAIN_KW, "__Main__", 0)                                   \
  T(HEADER_KW, "__Header__", 0)                               \
  K(DEF, "def", TK_STMT)                                      \
  K(USE, "use", 0)                                            \
  K(IF, "if", TK_EXPR)                                        \
  K(ELSE, "else", TK_OPEN | TK_JOIN)                          \
  K(LOOP, "loop", TK_STMT)                                    \
  K(BREAK, "break", TK_STMT)                                  \
  K(FOR, "for", TK_STMT)                                      \
  K(IN, "in", TK_OPEN)                                        \
  K(RETURN, "return", TK_STMT)                                \
  K(THROW, "throw", TK_STMT)                                  \
  K(YIELD, "yield", TK_STMT)                                  \
  K(AND, "and", TK_BINOP | TK_OPEN)                           \
  K(OR, "or", TK_BINOP | TK_OPEN)                             \
  K(NOT, "not", TK_EXPR | TK_OPEN)                            \
  K(TRUE, "true", TK_EXPR)                                    \
  K(FALSE, "false", TK_EXPR)                                  \
  K(INT_KW, "int", TK_STMT | TK_EXPR) /* int x; int(e) */     \
  K(BOOL_KW, "bool", TK_STMT)                                 \
  K(NEW, "new", TK_EXPR)                                      \
  K(STRUCT, "struct", 0)                                      \
  T('(', "(", TK_EXPR | TK_OPEN)                              \
  T(')', ")", 0)                                              \
  T('{', "{", TK_OPEN | TK_JOIN)                              \
  T('}', "}", 0)                                              \
  T(':', ":", TK_OPEN)                                        \
  T(',', ",", TK_OPEN)                                        \
  T(';', ";", TK_OPEN)                                        \
  T('|', "|", TK_OPEN | TK_JOIN)                              \
  T('=', "=", TK_BINOP | TK_OPEN)                             \
  T('<', "<", TK_BINOP | TK_OPEN)                             \
  T('>', ">", TK_BINOP | TK_OPEN)                             \
  T('+', "+", TK_BINOP | TK_OPEN)                             \
  T('-', "-", TK_BINOP | TK_EXPR | TK_OPEN)                   \
  T('*', "*", TK_BINOP | TK_STMT | TK_OPEN)                   \
  T('/', "/", TK_BINOP | TK_OPEN)                             \
  T('%', "%", TK_BINOP | TK_OPEN)                             \
  T('!', "!", TK_OPEN)                                        \
  T('.', ".", TK_STMT | TK_OPEN)

/* Words that are reserved for later versions: each is the token RESERVED. */
#define DODO_RESERVED_WORDS(W) \
  W("catch") W("fun") W("make") W("method") W("self") W("try")

#endif
