/* Assembly symbols (abi.md §2): the symbol of a module's context block, and
 * how any symbol is written so that GNU as takes it. Every place that names
 * a function, a label derived from one or a context block in the output goes
 * through here, so that the rules live in one file. */
#ifndef DODOC_SYMBOL_H
#define DODOC_SYMBOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Arena Arena;

/* Whether a module's own name cannot be its context symbol: it would clash
 * with the runtime (`dodo_…`), a symbol dodoc emits (`dodo_entry`), the C
 * library the runtime imports (`main`, `write`), or a reserved `_` name. */
bool sym_context_clashes(const char *module);

/* The context block's symbol: the module's name, or `NAME..context` when
 * that clashes. No function symbol (`m.f`, f never empty) nor C name (no
 * dot) can be spelt so, and every module computes the same from the name. */
const char *sym_context(Arena *a, const char *module);

/* Whether GNU as takes s unquoted: it holds no apostrophe (`m.f'`), the
 * one character of a dodo name that GNU as does not take bare. */
bool sym_is_plain(const char *s);

/* The bytes sym_put writes for s. */
size_t sym_len(const char *s);

/* Writes s at p as the assembly spells it (in double quotes unless plain),
 * returning the end; the caller reserved sym_len(s) bytes. */
char *sym_put(char *p, const char *s);

/* s as the assembly spells it: s itself when plain, else a quoted copy. */
const char *sym_asm(Arena *a, const char *s);

#endif
