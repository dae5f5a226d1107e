/* runtime_internal.h — what the runtime's files share with each other (and
 * with the runtime's unit tests). Compiled code never calls these. */
#ifndef DODO_RUNTIME_INTERNAL_H
#define DODO_RUNTIME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dodo_runtime.h"

/* dodo_fatal never returns, but it is declared noreturn only outside
 * AddressSanitizer builds: ASan makes every caller of a noreturn function
 * first call __asan_handle_no_return, which, when run on the dodo stack
 * (where runtime functions called from compiled code run), tries to unpoison
 * everything up to the top of the C stack, refuses and prints a warning. The
 * functions that really end the process are excluded from ASan instead. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) /* clang */
#define DODO_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) /* gcc */
#define DODO_ASAN 1
#endif

#ifdef DODO_ASAN
#define DODO_NORETURN
#else
#define DODO_NORETURN __attribute__((noreturn))
#endif

#define DODO_NO_ASAN __attribute__((no_sanitize("address")))

/* ---- arena.c ---- */

/* size bytes, 8-byte aligned, valid until exit. Exits with DODO_EXIT_FATAL
 * when memory runs out. */
void *dodo_arena_alloc(size_t size);

/* ---- string.c ---- */

/* Longest decimal text of an int64: "-9223372036854775808". */
#define DODO_INT_TEXT_MAX 20

/* Writes the decimal text of v at the END of buf[DODO_INT_TEXT_MAX] and
 * returns where it starts; its length is buf + DODO_INT_TEXT_MAX - start. */
char *dodo_format_int(int64_t v, char buf[DODO_INT_TEXT_MAX]);
/* The same for a uint64 (its greatest value has 20 digits too). */
char *dodo_format_uint(uint64_t u, char buf[DODO_INT_TEXT_MAX]);

/* The text of one interpolation piece: returns its bytes and stores its
 * length in *len. buf is scratch space for integers. */
const char *dodo_piece_text(const DodoPiece *piece, char buf[DODO_INT_TEXT_MAX], size_t *len);

/* ---- output.c ---- */

/* Decides line buffering (stdout a terminal). SIGPIPE is left alone. */
void dodo_output_init(void);

/* Writes the stdout buffer; returns 0, or the errno of a failed write (the
 * buffer is then dropped). */
int dodo_try_flush(void);

/* `cannot write to standard output: <strerror(err)>`, in a static buffer. */
const char *dodo_output_failure(int err);

/* Appends n bytes to the stdout buffer. */
void dodo_out_write(const char *bytes, size_t n);

/* Async-signal-safe: writes what is buffered for stdout, ignoring errors. Used
 * on the way out of the process. */
void dodo_flush_from_signal(void);

/* Async-signal-safe write(2) of all n bytes, retrying on EINTR and partial
 * writes. false if a write failed. */
bool dodo_write_all(int fd, const void *bytes, size_t n);

/* ---- fatal.c ---- */

/* Installs an alternate signal stack and the SIGSEGV/SIGBUS/SIGILL/SIGFPE
 * handler that turns faults into `dodo: fatal: ...` and an exit status. */
void dodo_fatal_init(void);

/* Async-signal-safe: flushes stdout (ignoring errors), prints
 * `dodo: fatal: <message>` to stderr and _exits with status. */
DODO_NORETURN void dodo_fatal(const char *message, int status);

/* The same message, without exiting. */
void dodo_fatal_message(const char *message);

/* ---- stack.c ---- */

/* Async-signal-safe: does a fault at fault_addr with the stack pointer at sp
 * mean that a dodo stack overflowed (the fault is in a guard region, or the
 * stack pointer itself is in or just below one)? */
bool dodo_stack_overflowed(uintptr_t fault_addr, uintptr_t sp);

/* ---- gen.c, gen_switch.S: detached generators ---- */

#include "gen_layout.h"

/* A detached generator. The offsets are in gen_layout.h (gen_switch.S reads
 * them); gen.c checks that they match. */
struct DodoGen {
    void *code;
    void *context;
    void *resume;   /* continuations of the last yield */
    void *unwind;
    char *buf;      /* the saved segment, NULL when there is none */
    int64_t size;   /* bytes of the segment in buf */
    int64_t cap;    /* bytes allocated for buf: equal to size at every suspension */
    int64_t value;  /* the last value yielded, or the event (DodoString *) */
    int64_t state;  /* GEN_FRESH, GEN_SUSPENDED, GEN_RUNNING or GEN_DONE */
    int64_t sp1;    /* SP1 of the current run, to check what comes back */
    int64_t nargs;
    int64_t value2;  /* the second word of a two-slot value (RDX at the yield) */
    int64_t nvalue;  /* words of a yielded value stored at *value: 1 or 2 */
    const int64_t *resumes; /* its lazy resumes (dodo_gen_make), or NULL: R10 at
                               its yields means nothing */
    int64_t room;   /* bytes of a value of 3 words or more (dodo_gen_step_wide), else 0 */
    const int64_t *entry; /* the lazy resume of the last yield's label, or NULL */
    const int64_t *lazy;  /* the entry of a lazy step still running, else NULL */
    int64_t args[]; /* max(nargs, 3) words */
};

/* Runs the unwind continuation of a GEN_SUSPENDED generator (gen_switch.S).
 * Returns GEN_UNWOUND, or GEN_RAISED / GEN_YIELDED if the generator raised
 * or yielded instead of finishing. */
int dodo_gen_unwind_(DodoGen *g);

/* Called from gen_switch.S with RSP aligned to 16: makes g->buf exactly size
 * bytes (NULL for 0), exits with DODO_EXIT_FATAL when memory runs out. */
void dodo_gen_reserve_(DodoGen *g, int64_t size);

/* Called from gen_switch.S: frees g->buf once the generator has finished. */
void dodo_gen_release_(DodoGen *g);

#endif
