/* Diagnostics in GCC's format:
 *
 *   prog.dodo:3:9: error: expected expression before ';'
 *       3 |    def x = ;
 *         |            ^
 *
 * with `N errors generated.` at the end and an error limit. Diagnostics are
 * collected as they are reported and printed by diag_flush() (diag_summary()
 * calls it), sorted by position, so that a warning found late (an unused
 * variable, at the end of its scope) still comes out in source order. Notes
 * and fix-it hints belong to the diagnostic reported just before them, and
 * travel with it. -fdiagnostics-format=json and =sarif print the same
 * diagnostics as GCC's machine-readable formats. */
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
  W_BIDI_CHARS = 1u << 2,        /* -Wbidi-chars (on by default, as in GCC) */
} Warning;

enum {
  W_ALL = W_UNUSED_VARIABLE | W_UNREACHABLE_CODE | W_BIDI_CHARS,
  W_DEFAULT = W_BIDI_CHARS,
};

typedef enum DiagFormat {
  DIAG_TEXT,  /* file:line:col: error: …, the source line and a caret */
  DIAG_JSON,  /* -fdiagnostics-format=json: one array, as GCC writes it */
  DIAG_SARIF, /* -fdiagnostics-format=sarif: SARIF 2.1.0, as GCC writes it */
} DiagFormat;

typedef struct DiagEntry DiagEntry;

typedef struct Diag {
  FILE *out;
  /* The file positions are in: `home`, the one being compiled, or another
   * module's while the checker reports about it (diag_set_source). */
  const Source *src, *home;
  bool color;
  DiagFormat format;
  bool werror;           /* warnings are errors */
  unsigned werror_on;    /* -Werror=NAME: these are errors */
  unsigned werror_off;   /* -Wno-error=NAME: these are not, even with -Werror */
  unsigned warnings;     /* enabled Warning bits */
  int error_limit;       /* 0: no limit */
  int nerrors, nwarnings;
  bool limit_reached; /* stop compiling: no further diagnostics are shown */
  /* Reported, not yet printed; `last` is the entry later notes and fix-its
   * attach to (-1: the last diagnostic was not shown, nor are its notes). */
  DiagEntry *entries;
  size_t nentries, cap;
  long last, last_top;
} Diag;

void diag_init(Diag *d, FILE *out, const Source *src);
/* Positions reported from now on are in `src` (another module's file);
 * returns the source they were in, to restore. */
const Source *diag_set_source(Diag *d, const Source *src);
void diag_error(Diag *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Warning w, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A note attached to the last error or warning (nothing if that one was
 * not shown). */
void diag_note(Diag *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A fix-it hint on the last diagnostic or note: `text` replaces the source
 * in `loc` (inserted before it when loc is empty, last_column ==
 * first_column). Shown as clang does, in a line under the caret. */
void diag_fixit(Diag *d, Loc loc, const char *text);
/* An error with no source position (missing file, unwritable output). */
void diag_plain_error(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* False once the error limit is reached: work done only to word a
 * diagnostic (a suggestion) can be skipped. */
bool diag_active(const Diag *d);
/* Prints what was reported, sorted by position, and forgets it (in the
 * text format; JSON and SARIF wait for diag_summary()). */
void diag_flush(Diag *d);
/* Flushes, then prints `N errors generated.` when anything was reported. */
void diag_summary(Diag *d);

/* The Warning bits of `-Wname` (`all` for every one); 0 if unknown. */
unsigned diag_warning_bits(const char *name);

/* The source text from `from`'s start to `to`'s end, when both lie on one
 * line and it fits in `size`; false otherwise. */
bool diag_span_text(const Diag *d, Loc from, Loc to, char *out, size_t size);

/* The column the lexer and the positions agree on: a tab advances to the
 * next multiple of 8 (+1), UTF-8 continuation bytes take no column. */
int diag_advance_column(int column, unsigned char byte);

#endif
