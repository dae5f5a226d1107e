/* gen.c — detached generators, the C side: making and destroying DodoGen
 * objects and sizing their stack buffers. Running them (start, resume,
 * unwind, and the copying of their stack segments) is gen_switch.S.
 *
 * The buffer holds the live segment of a suspended generator. It grows (with
 * realloc) when a suspension's segment is larger than it, and is never
 * shrunk: once large enough it is reused at every step, so advancing a
 * generator allocates nothing. It is freed when the generator finishes or
 * is destroyed. */
#include <stdlib.h>

#include "runtime_internal.h"

_Static_assert(offsetof(DodoGen, code) == GEN_CODE, "GEN_CODE");
_Static_assert(offsetof(DodoGen, context) == GEN_CONTEXT, "GEN_CONTEXT");
_Static_assert(offsetof(DodoGen, resume) == GEN_RESUME, "GEN_RESUME");
_Static_assert(offsetof(DodoGen, unwind) == GEN_UNWIND, "GEN_UNWIND");
_Static_assert(offsetof(DodoGen, buf) == GEN_BUF, "GEN_BUF");
_Static_assert(offsetof(DodoGen, size) == GEN_SIZE, "GEN_SIZE");
_Static_assert(offsetof(DodoGen, cap) == GEN_CAP, "GEN_CAP");
_Static_assert(offsetof(DodoGen, value) == GEN_VALUE, "GEN_VALUE");
_Static_assert(offsetof(DodoGen, state) == GEN_STATE, "GEN_STATE");
_Static_assert(offsetof(DodoGen, sp1) == GEN_SP1, "GEN_SP1");
_Static_assert(offsetof(DodoGen, nargs) == GEN_NARGS, "GEN_NARGS");
_Static_assert(offsetof(DodoGen, value2) == GEN_VALUE2, "GEN_VALUE2");
_Static_assert(offsetof(DodoGen, nvalue) == GEN_NVALUE, "GEN_NVALUE");
_Static_assert(offsetof(DodoGen, resumes) == GEN_RESUMES, "GEN_RESUMES");
_Static_assert(offsetof(DodoGen, entry) == GEN_ENTRY, "GEN_ENTRY");
_Static_assert(offsetof(DodoGen, lazy) == GEN_LAZY, "GEN_LAZY");
_Static_assert(offsetof(DodoGen, room) == GEN_ROOM, "GEN_ROOM");
_Static_assert(offsetof(DodoGen, args) == GEN_ARGS, "GEN_ARGS");

DodoGen *dodo_gen_start(void *code, void *context, int nargs, const int64_t *args)
{
    return dodo_gen_start_wide(code, context, nargs, args, 1);
}

DodoGen *dodo_gen_start_wide(void *code, void *context, int nargs, const int64_t *args,
                             int value_words)
{
    if (value_words < 1 || value_words > 2)
        dodo_fatal("dodo_gen_start_wide: a value takes 1 or 2 words", DODO_EXIT_FATAL);
    return dodo_gen_make(code, context, nargs, args, value_words, NULL);
}

DodoGen *dodo_gen_make(void *code, void *context, int nargs, const int64_t *args,
                       int value_words, const int64_t *resumes)
{
    if (value_words < 1 || value_words > (1 << 20))
        dodo_fatal("dodo_gen_make: a value takes 1 to 2^20 words", DODO_EXIT_FATAL);
    if (nargs < 0)
        nargs = 0;
    /* Room for at least three parameters: the switch always loads RSI, RDX
     * and RCX. */
    size_t words = nargs < 3 ? 3 : (size_t)nargs;
    DodoGen *g = calloc(1, sizeof(DodoGen) + words * sizeof(int64_t));
    if (g == NULL)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    g->code = code;
    g->context = context;
    g->state = GEN_FRESH;
    g->nargs = nargs;
    g->nvalue = value_words;
    g->room = value_words > 2 ? 8 * (int64_t)value_words : 0;
    g->resumes = resumes;
    for (int i = 0; i < nargs; i++)
        g->args[i] = args[i];
    return g;
}

int dodo_gen_done(const DodoGen *g)
{
    return g->state == GEN_DONE;
}

void dodo_gen_destroy(DodoGen *g)
{
    if (g == NULL)
        return;
    if (g->state == GEN_RUNNING)
        dodo_fatal("dodo_gen_destroy: the generator is running", DODO_EXIT_FATAL);
    if (g->state == GEN_SUSPENDED && dodo_gen_unwind_(g) == GEN_YIELDED)
        dodo_fatal("a generator yielded while being unwound (this is a bug in dodoc or in "
                   "hand-written code)",
                   DODO_EXIT_FATAL);
    free(g->buf);
    free(g);
}

/* Called by gen_switch.S on the dead stack below a suspending generator's
 * segment when it does not fit: makes g->buf size bytes (size > g->cap). */
void dodo_gen_reserve_(DodoGen *g, int64_t size)
{
    char *buf = realloc(g->buf, (size_t)size);
    if (buf == NULL)
        dodo_fatal("out of memory", DODO_EXIT_FATAL);
    g->buf = buf;
    g->cap = size;
}

/* Called by gen_switch.S when a generator has finished. */
void dodo_gen_release_(DodoGen *g)
{
    free(g->buf);
    g->buf = NULL;
    g->size = 0;
    g->cap = 0;
}
