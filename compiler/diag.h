/* Diagnostics in GCC's format:
 *
 *   prog.dodo:3:9: error: expected expression before ';'
 *       3 |    def x = ;
 *         |            ^
 *
 * with `N errors generated.` at the end and an error limit. */
#ifndef DODOC_DIAG_H
#define DODOC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "loc.h"

typedef struct Source {
  const char *path; /* as given by the user; printed in diagnostics */
  const char *text;
  size_t len;
} Source;

/* Warnings that can be enabled or disabled one by one (-Wname, -Wno-name). */
typedef enum Warning {
  W_UNUSED_VARIABLE = 1u << 0,   /* -Wunused-variable */
  W_UNREACHABLE_CODE = 1u << 1,  /* -Wunreachable-code */
} Warning;

typedef struct Diag {
  FILE *out;
  const Source *src;
  bool color;
  bool werror;        /* warnings are errors */
  unsigned warnings;  /* enabled Warning bits */
  int error_limit;    /* 0: no limit */
  int nerrors, nwarnings;
  bool limit_reached; /* stop compiling: no further diagnostics are shown */
} Diag;

void diag_init(Diag *d, FILE *out, const Source *src);
void diag_error(Diag *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Warning w, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(Diag *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error with no source position (missing file, unwritable output). */
void diag_plain_error(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints `N errors generated.` when anything was reported. */
void diag_summary(Diag *d);

/* The display width the lexer and the caret agree on: a tab advances to the
 * next multiple of 8 (+1), UTF-8 continuation bytes take no column. */
int diag_advance_column(int column, unsigned char byte);

#endif
