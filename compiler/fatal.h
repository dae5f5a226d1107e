/* The compiler's own failures: out of memory and internal errors. These are
 * the only places that end the process from inside the library. An internal
 * error prints `internal compiler error` and exits with status 4, as GCC
 * does; running out of memory is an error of the environment (status 1). */
#ifndef DODOC_FATAL_H
#define DODOC_FATAL_H

_Noreturn void fatal_oom(void);
/* With prior_errors > 0 (errors in the program were already reported, and
 * they may be what confused the compiler), GCC's rule: no internal-error
 * report, only `confused by earlier errors, bailing out`, and status 1. */
_Noreturn void fatal_ice(int prior_errors, const char *file, int line, const char *msg);

#define ICE(prior_errors, msg) fatal_ice((prior_errors), __FILE__, __LINE__, (msg))

#endif
