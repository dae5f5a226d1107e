/* Bump allocation for everything that lives as long as one compilation.
 * Nothing is freed individually; arena_free releases it all at once. */
#ifndef DODOC_ARENA_H
#define DODOC_ARENA_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct ArenaChunk ArenaChunk;

/* Every allocation is aligned to this: enough for any type the compiler
 * allocates (pointers, int64_t; nothing needs max_align_t's 16). */
enum { ARENA_ALIGN = 8 };

typedef struct Arena {
  ArenaChunk *chunks;
  char *cur, *end;
  size_t total; /* bytes of the chunks, which decides their kind (arena.c) */
  bool zeroed;  /* cur..end is fresh zeroed memory: no need to clear it */
  Buf scratch;  /* arena_printf formats here, then copies exactly */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Zeroed memory aligned for any object; aborts the process on OOM (the only
 * sensible reaction of a compiler, reported as an internal error). */
void *arena_alloc(Arena *a, size_t size);
/* The same, not cleared: for what the caller fills completely. */
void *arena_alloc_uninit(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t len);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
