/* What the driver asks the compiler library to do. */
#ifndef DODOC_OPTIONS_H
#define DODOC_OPTIONS_H

#include <stdbool.h>

typedef enum EmitKind {
  EMIT_NOTHING, /* -fsyntax-only: check only */
  EMIT_TOKENS,  /* --emit=tokens */
  EMIT_AST,     /* --emit=ast */
  EMIT_IR,      /* --emit=ir: the back end's IR, after the -O passes */
  EMIT_ASM,     /* --emit=asm, -S, and the first stage of -c and linking */
} EmitKind;

typedef struct Options {
  EmitKind emit;
  int opt_level;      /* -O0 … -O2 */
  bool debug_info;    /* -g */
  bool no_accumulate; /* -fno-accumulate: keep `X + f(Y)` recursions recursive */
  bool no_inline;     /* -fno-inline: tail calls of other functions stay jumps */
  bool asm_comments;  /* --asm-comments */
  bool color;
  bool werror;
  unsigned werror_on;  /* -Werror=NAME */
  unsigned werror_off; /* -Wno-error=NAME */
  int diag_format;     /* DiagFormat (diag.h): -fdiagnostics-format= */
  unsigned warnings;  /* enabled Warning bits (diag.h) */
  int error_limit;    /* -ferror-limit=N, 0 = none */
  bool need_entry;    /* linking a program: `Run` must exist */
  const struct ModuleSearch *modules; /* where named modules are found; NULL: none */
  int *defines_run;   /* incremented when the module compiled defines `Run`; may be NULL */
} Options;

void options_init(Options *o);

#endif
