#include "fatal.h"

#include <stdio.h>
#include <stdlib.h>

enum { EXIT_ICE = 4 };

/* Running out of memory is a failure of the environment, not a bug: an
 * error with status 1, as gcc's `out of memory allocating N bytes`. */
void fatal_oom(void) {
  fputs("dodoc: error: out of memory\n", stderr);
  exit(1);
}

void fatal_ice(int prior_errors, const char *file, int line, const char *msg) {
  if (prior_errors > 0) {
    fputs("dodoc: confused by earlier errors, bailing out\n", stderr);
    exit(1);
  }
  fprintf(stderr, "dodoc: internal compiler error: %s (at %s:%d)\n", msg, file,
          line);
  fputs("Please report this bug with the source file that caused it.\n",
        stderr);
  exit(EXIT_ICE);
}
