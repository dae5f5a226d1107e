/* arena.c — the bump allocator behind every string made at run time.
 *
 * The trade-off, honestly: nothing allocated here is ever freed. dodo has no
 * garbage collector and strings are immutable values that may be shared
 * freely, so the runtime cannot know when one dies. A bump arena makes each
 * allocation a pointer increment and needs no bookkeeping, which suits short
 * programs; a long-running loop that builds strings grows memory until exit,
 * and the unused tail of a chunk is wasted when the next request does not fit.
 * Reclaiming memory would need reference counts or a collector emitted by the
 * compiler; until then this is the honest minimum.
 *
 * Chunks are malloc'd and linked together from a static list head, so they
 * stay reachable (LeakSanitizer does not report them).
 */
#include <stdlib.h>

#include "runtime_internal.h"

enum {
    CHUNK_SIZE = 1 << 20,          /* 1 MiB per ordinary chunk */
    BIG_REQUEST = CHUNK_SIZE / 4,  /* larger requests get a chunk of their own */
    ALIGN = 8,
};

typedef struct Chunk {
    struct Chunk *prev;
    /* 8 bytes of header keep the payload 8-byte aligned (malloc gives 16). */
} Chunk;

static Chunk *chunks;      /* newest chunk first */
static char *bump;         /* next free byte of the current ordinary chunk */
static size_t bump_left;   /* bytes left after it */

static void *new_chunk(size_t payload)
{
    if (payload > SIZE_MAX - sizeof(Chunk))
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    Chunk *c = malloc(sizeof(Chunk) + payload);
    if (c == NULL)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    c->prev = chunks;
    chunks = c;
    return c + 1;
}

void *dodo_arena_alloc(size_t size)
{
    if (size > SIZE_MAX - ALIGN)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size >= BIG_REQUEST)
        return new_chunk(size);
    if (bump_left < size) {
        bump = new_chunk(CHUNK_SIZE);
        bump_left = CHUNK_SIZE;
    }
    void *p = bump;
    bump += size;
    bump_left -= size;
    return p;
}
