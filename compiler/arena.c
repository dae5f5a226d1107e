#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
  size_t size;   /* bytes of data */
  size_t mapped; /* 0: from malloc; else the length of the mapping */
  void *map;     /* the mapping's start (it may begin before the chunk) */
  _Alignas(ARENA_ALIGN) char data[];
};

/* Small compilations (and each function's IR) take 64 KiB chunks from
 * malloc. Once an arena holds BIG_AFTER bytes, it is a large compilation:
 * its further chunks are BIG_CHUNK-byte mappings aligned to 2 MiB and
 * advised for transparent huge pages, which fault in once per 2 MiB instead
 * of once per 4 KiB (half the time of a 100k-line -O0 compile was page
 * faults). Mapped memory comes zeroed, so it is not cleared again. */
enum {
  CHUNK_SIZE = 64 * 1024,
  BIG_AFTER = 1024 * 1024,
  HUGE_PAGE = 2 * 1024 * 1024,
  BIG_CHUNK = 2 * HUGE_PAGE,
};

void arena_init(Arena *a) { memset(a, 0, sizeof *a); }

static void chunk_free(ArenaChunk *c) {
  UNPOISON(c->data, c->size);
  if (c->mapped) munmap(c->map, c->mapped);
  else free(c);
}

void arena_free(Arena *a) {
  buf_free(&a->scratch);
  ArenaChunk *c = a->chunks;
  while (c) {
    ArenaChunk *next = c->next;
    chunk_free(c);
    c = next;
  }
  arena_init(a);
}

/* A chunk of at least `size` data bytes, mapped on a 2 MiB boundary so that
 * the kernel can back it with huge pages; NULL if mmap fails. */
static ArenaChunk *chunk_map(size_t size) {
  size_t len = (sizeof(ArenaChunk) + size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
  char *m = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return NULL;
  /* Trim to an aligned window of len bytes. */
  char *start = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
  if (start > m) munmap(m, (size_t)(start - m));
  size_t tail = (size_t)(m + len + HUGE_PAGE - (start + len));
  if (tail) munmap(start + len, tail);
#ifdef MADV_HUGEPAGE
  madvise(start, len, MADV_HUGEPAGE); /* advice only: failure is harmless */
#endif
  ArenaChunk *c = (ArenaChunk *)start;
  c->map = start;
  c->mapped = len;
  c->size = len - sizeof(ArenaChunk);
  return c;
}

static void arena_grow(Arena *a, size_t need) {
  ArenaChunk *c = NULL;
  if (a->total >= BIG_AFTER) c = chunk_map(need > BIG_CHUNK ? need : BIG_CHUNK);
  if (!c) {
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    c = malloc(sizeof(ArenaChunk) + size);
    if (!c) fatal_oom();
    c->size = size;
    c->mapped = 0;
    c->map = NULL;
  }
  c->next = a->chunks;
  a->chunks = c;
  a->cur = c->data;
  a->end = a->cur + c->size;
  a->zeroed = c->mapped != 0;
  a->total += c->size;
  POISON(c->data, c->size);
}

void *arena_alloc_uninit(Arena *a, size_t size) {
  size_t want = size;
  size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (size == 0) size = ARENA_ALIGN;
  if ((size_t)(a->end - a->cur) < size + REDZONE) arena_grow(a, size + REDZONE);
  void *p = a->cur;
  a->cur += size + REDZONE;
  UNPOISON(p, want);
  return p;
}

void *arena_alloc(Arena *a, size_t size) {
  void *p = arena_alloc_uninit(a, size);
  if (!a->zeroed) memset(p, 0, size);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len) {
  char *p = arena_alloc_uninit(a, len + 1);
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
