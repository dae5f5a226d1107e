/* The compiler's own failures: out of memory and internal errors. These are
 * the only places that end the process from inside the library; both print
 * `internal compiler error` and exit with status 4, as GCC does. */
#ifndef DODOC_FATAL_H
#define DODOC_FATAL_H

_Noreturn void fatal_oom(void);
_Noreturn void fatal_ice(const char *file, int line, const char *msg);

#define ICE(msg) fatal_ice(__FILE__, __LINE__, (msg))

#endif
