#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"

/* Under AddressSanitizer, memory of a chunk not handed out stays poisoned,
 * and every allocation is followed by a poisoned red zone, so reading past
 * an object (say, a field of another kind's union member in a Node, which
 * ast_node allocates only as large as its kind needs) is reported. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
enum { REDZONE = 64 };
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
enum { REDZONE = 0 };
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct ArenaChunk {
  ArenaChunk *next;
  size_t size;
  max_align_t data[];
};

enum { CHUNK_SIZE = 64 * 1024 };

void arena_init(Arena *a) { memset(a, 0, sizeof *a); }

void arena_free(Arena *a) {
  buf_free(&a->scratch);
  ArenaChunk *c = a->chunks;
  while (c) {
    ArenaChunk *next = c->next;
    UNPOISON(c->data, c->size);
    free(c);
    c = next;
  }
  arena_init(a);
}

static void arena_grow(Arena *a, size_t need) {
  size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
  ArenaChunk *c = malloc(sizeof(ArenaChunk) + size);
  if (!c) fatal_oom();
  c->next = a->chunks;
  c->size = size;
  a->chunks = c;
  a->cur = (char *)c->data;
  a->end = a->cur + size;
  a->total += size;
  POISON(c->data, size);
}

void *arena_alloc(Arena *a, size_t size) {
  size_t want = size;
  size_t align = _Alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0) size = align;
  if ((size_t)(a->end - a->cur) < size + REDZONE) arena_grow(a, size + REDZONE);
  void *p = a->cur;
  a->cur += size + REDZONE;
  UNPOISON(p, want);
  memset(p, 0, want);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len) {
  char *p = arena_alloc(a, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  a->scratch.len = 0;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&a->scratch, fmt, ap);
  va_end(ap);
  return arena_strndup(a, a->scratch.data, a->scratch.len);
}
