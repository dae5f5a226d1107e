/* The compiler as a library: source text in, assembly (or a dump) out.
 * Reports diagnostics to `diag_out`; never exits the process except for an
 * internal error (status 4) or running out of memory. */
#ifndef DODOC_COMPILE_H
#define DODOC_COMPILE_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "options.h"

/* Returns 0 on success, 1 if errors were reported. `out` receives the
 * tokens, the tree or the assembly, as opt->emit says. */
int compile_source(const Options *opt, const char *path, const char *text,
                   size_t len, Buf *out, FILE *diag_out);

/* The module name a file gets when it has no `__Module__` line: its stem,
 * made an identifier. Written into `out` (at most `size` bytes). */
void compile_module_name(const char *path, char *out, size_t size);

#endif
