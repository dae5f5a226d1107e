/* dodo_runtime.h — what compiled dodo programs (and C code driving dodo code)
 * link against. The calling convention itself is in shared/spec/abi.md; this
 * header is its C side.
 *
 * Functions marked "called from compiled code" follow the System V ABI: the
 * caller aligns RSP to 16 bytes and `call dodo_x@PLT`s them, treating every
 * caller-saved register as clobbered. They run on the dodo stack.
 *
 * Runtime errors end the process with the statuses of enum DodoExit; their
 * messages are listed in runtime/README.md.
 */
#ifndef DODO_RUNTIME_H
#define DODO_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/* ---- Strings ------------------------------------------------------------ */

/* A dodo `String` value is a `DodoString *`. `data` holds `len` bytes followed
 * by one NUL byte that `len` does not count (so C can print it, although the
 * bytes may themselves contain NUL). Strings are immutable.
 *
 * The compiler emits literals in .rodata as
 *     .p2align 3
 *   label: .quad LEN
 *     .ascii "..."
 *     .byte 0
 * Strings made at run time come from a bump arena that is never freed (see
 * runtime/arena.c); they stay valid until the process exits. */
typedef struct DodoString {
    int64_t len;
    char data[];
} DodoString;

/* One piece of an interpolated string `"a"(x)"b"`, as the compiler lays them
 * out in an array (16 bytes each). */
enum {
    DODO_PIECE_STRING = 0, /* value is a DodoString * */
    DODO_PIECE_INT = 1,    /* value is an int64, written in decimal */
    DODO_PIECE_BOOL = 2,   /* value is 0 or 1, written `false` / `true` */
    DODO_PIECE_UINT = 3,   /* value is a uint64, written in decimal */
};
typedef struct DodoPiece {
    int64_t kind;
    int64_t value;
} DodoPiece;

/* Called from compiled code. Concatenates the n pieces into a new string,
 * with one allocation of exactly the needed size. n <= 0 gives "". */
DodoString *dodo_str_join(int64_t n, const DodoPiece *pieces);

/* Called from compiled code. The decimal text of v (INT64_MIN included). */
DodoString *dodo_str_from_int(int64_t v);

/* Called from compiled code: s in double quotes, each inner `"` doubled, as
 * the interpolation of a struct writes a String field (language.md §11). */
DodoString *dodo_str_quote(const DodoString *s);

/* Called from compiled code. 1 if a and b hold the same bytes, else 0. */
int64_t dodo_str_eq(const DodoString *a, const DodoString *b);

/* The running sum of a loop that the compiler made from a recursion
 * `f(a) = … X + f(Y)` (accumulator introduction, -O1: compiler/gen_accum.c).
 * The recursion would add its terms last to first as it returns, and raise
 * "integer overflow" if any of those partial sums left int64. The loop adds
 * them first to last; every partial sum of the recursion is the total minus
 * a running sum of the loop, so the exact total and the least and greatest
 * running sum decide the overflow at the end, exactly.
 *
 * Compiled code keeps the common case to itself: while every term is >= 0
 * and the sum fits, it adds to `fast` and the recursion's partial sums all
 * lie between the base value and the total. The first negative term or
 * overflow calls dodo_accum_add, which sets `exact` and parks `fast` at
 * INT64_MAX, so that every later nonzero term comes here too.
 *
 * `rounds` counts down the rounds the recursion's frames could have taken
 * on a dodo stack (DODO_STACK_SIZE over a lower bound of the frame): where
 * it would surely have overflowed, the loop stops the program the same way
 * (dodo_accum_too_deep), so unbounded recursion still ends.
 *
 * Each field is one 8-byte word of the function's frame. */
enum {
    DODO_ACCUM_FAST = 0,   /* word: the sum on the fast path */
    DODO_ACCUM_EXACT = 1,  /* word: 0 on the fast path, 1 once the sums below hold */
    DODO_ACCUM_ROUNDS = 2, /* word: rounds left before the stack would have overflowed */
    DODO_ACCUM_WORDS = 9,
};
typedef struct DodoAccum {
    int64_t fast;
    int64_t exact;
    int64_t rounds;
    uint64_t sum_lo, sum_hi; /* the running sum, 128 bits */
    uint64_t max_lo, max_hi; /* the greatest running sum so far (0 included) */
    uint64_t min_lo, min_hi; /* the least */
} DodoAccum;

/* Called from compiled code. Adds term t to a's running sum exactly. */
void dodo_accum_add(DodoAccum *a, int64_t t);

/* Called from compiled code. Stores the total a's sum + v in a->fast and
 * returns 1, or returns 0 if the recursion would have overflowed. */
int64_t dodo_accum_total(DodoAccum *a, int64_t v);

/* Called from compiled code when `rounds` runs out: `dodo: fatal: stack
 * overflow`, exit status DODO_EXIT_STACK_OVERFLOW, as the recursion would
 * have ended. */
void dodo_accum_too_deep(void);

/* Called from compiled code. -1, 0 or 1 as a sorts before, equal to or after
 * b: bytes compared as unsigned (memcmp), then the shorter string first. */
int64_t dodo_str_cmp(const DodoString *a, const DodoString *b);

/* For C callers: a new runtime string holding a copy of len bytes. */
DodoString *dodo_str_new(const char *bytes, int64_t len);

/* ---- Output ------------------------------------------------------------- */

/* Called from compiled code (`console!out.Puts(s)`). Writes s and a newline
 * to standard output through the runtime's 64 KiB buffer. The buffer is
 * flushed when full, at exit, before anything is written to stderr, and after
 * every line when stdout is a terminal. */
void dodo_puts(const DodoString *s);

/* Called from compiled code (`Puts("a"(x))`). Writes the pieces and a newline
 * straight into the output buffer, allocating nothing. */
void dodo_puts_pieces(int64_t n, const DodoPiece *pieces);

/* Writes everything buffered for stdout. If stdout cannot be written (closed,
 * disk full, EPIPE with SIGPIPE ignored, ...), prints `dodo: fatal: cannot
 * write to standard output: <reason>` and exits with DODO_EXIT_FATAL. A
 * closed pipe with SIGPIPE at its default ends the process by SIGPIPE. */
void dodo_flush(void);

/* ---- Entering dodo code ------------------------------------------------- */

/* Exit statuses of a dodo program. */
enum DodoExit {
    DODO_EXIT_OK = 0,             /* Run returned */
    DODO_EXIT_EVENT = 1,          /* an event reached the end of Run */
    DODO_EXIT_STACK_OVERFLOW = 2, /* the dodo stack ran into its guard */
    DODO_EXIT_FATAL = 3,          /* a crash (a bug), out of memory, stdout unwritable */
};

/* Emitted by the compiler in the module that defines `Run`:
 *     dodo_entry: .quad m.Run, m
 * i.e. the address of Run's code and of its module context block. The
 * runtime's main() reads it. */
extern void *const dodo_entry[2];

/* Jumps to dodo code on another stack, following abi.md §6:
 *   - saves RBX, RBP, R12–R15 and the C RSP;
 *   - sets RSP = stack_top rounded down to 16, minus 16 (the 16 bytes above
 *     that RSP hold the saved C RSP, so stack_top must have 16 bytes of room
 *     below it that nothing else uses);
 *   - RAX = context, R8 = a return continuation, R9 = an event continuation;
 *   - `jmp *code`.
 * Returns NULL when dodo code took R8, or the event (the DodoString * in RAX)
 * when it took R9. As the convention requires, the callee resets RSP to the
 * value it was entered with before taking either continuation.
 *
 * Nothing is kept in globals, so dodo_enter may be re-entered from C code that
 * dodo code called, with a stack_top on another stack (or further down the
 * same one, below everything live). */
DodoString *dodo_enter(void *code, void *context, void *stack_top);

/* Usable size of the stack dodo_main runs the program on. */
#define DODO_STACK_SIZE ((size_t)64 << 20)
/* Size of the PROT_NONE guard region below every dodo stack. */
#define DODO_STACK_GUARD ((size_t)4 << 20)

/* Maps a dodo stack of `size` usable bytes (rounded up to pages) with a
 * PROT_NONE guard of DODO_STACK_GUARD bytes below it, registers it so that
 * running into the guard is reported as a stack overflow, and returns its top
 * (page aligned), ready for dodo_enter. At most 16 stacks exist at a time.
 * Exits with DODO_EXIT_FATAL if the memory cannot be mapped. */
void *dodo_stack_create(size_t size);

/* Unmaps a stack made by dodo_stack_create (given its top). */
void dodo_stack_destroy(void *top);

/* Runs a whole program: sets up output buffering and the fatal-signal
 * handlers, makes a DODO_STACK_SIZE stack, enters code with context, then
 * flushes stdout. Returns the exit status: DODO_EXIT_OK, or DODO_EXIT_EVENT
 * after printing `dodo: unhandled event: <text>` to stderr. The other
 * statuses end the process from wherever the error happens. main() is
 * `return dodo_main(dodo_entry[0], dodo_entry[1]);`. */
int dodo_main(void *code, void *context);

/* ---- Driving a dodo generator from C (detached mode, abi.md §5) --------- */

/* A dodo generator `def upto(int n) -> yield(int) | end()` of module `m` is
 * the code symbol `m.upto`; its context is the module's context block, the
 * data symbol `m`. C reaches the dotted names through asm labels:
 *
 *     extern char m_upto[] __asm__("m.upto");
 *     extern char m_context[] __asm__("m");
 *
 *     DodoGen *g = dodo_gen_start(m_upto, m_context, 1, (int64_t[]){ 10 });
 *     int64_t v;
 *     int r;
 *     while ((r = dodo_gen_next(g, &v)) == 1)
 *         printf("%lld\n", (long long)v);
 *     if (r < 0)
 *         printf("event: %s\n", ((DodoString *)(intptr_t)v)->data);
 *     dodo_gen_destroy(g);
 *
 * The generator runs on the stack of whoever calls dodo_gen_next, below the
 * caller's frame (so it has the caller's stack limit, not the dodo stack's
 * guard). Between two calls its live stack segment is kept in a heap buffer
 * of exactly its size; each call copies it back below the current caller,
 * which may be at any depth. The protocol is abi.md §4: this API is the
 * consumer. Values are one register (int, bool, String, a one-slot struct),
 * or RDX:RAX with dodo_gen_start_wide; generators whose values take the
 * stack (structs of three slots or more) are not supported. Not thread-safe: one
 * generator must not be used by two threads at once. */
typedef struct DodoGen DodoGen;

/* Makes a generator object for `code` (e.g. m.upto) with its module context
 * and nargs parameters (64-bit words, copied; args may be NULL when nargs is
 * 0). Nothing runs yet: the first dodo_gen_next starts the generator with
 * RSP = SP2 = SP1, RDI = SP1, the parameters in RSI, RDX, RCX, then on SP2
 * (the fourth nearest RSP), R8/R9/R10 = the runtime's yield/end/event
 * continuations and RAX = context. Never returns NULL (out of memory exits
 * with DODO_EXIT_FATAL). */
DodoGen *dodo_gen_start(void *code, void *context, int nargs, const int64_t *args);

/* The same for a generator whose values take value_words (1 or 2) words:
 * a two-slot struct comes in RDX:RAX at the yield (abi.md §4), and
 * dodo_gen_next stores both words at value[0], value[1]. */
DodoGen *dodo_gen_start_wide(void *code, void *context, int nargs, const int64_t *args,
                             int value_words);

/* dodo_gen_start_wide for compiled code, which also hands over the
 * generator's table of lazy resumes (dodoc writes one per generator,
 * `m.f.resumes`; abi.md §12, "Lazy resumes"). With a table, every yield of
 * the generator passes R10 = the entry of the resume label it hands out, or
 * 0, and dodo_gen_step may resume it at the entry's code without copying
 * the segment in: the code copies the words it reads and calls
 * dodo_gen_fill before anything else. The table is a count, then entries
 * of four words: the code, the segment's size in bytes it assumes, the
 * first word the code may write before its next yield and a 64-bit mask of
 * the words it may write from that one. NULL: R10 means nothing, every step
 * copies the segment in and out whole (dodo_gen_start_wide). */
DodoGen *dodo_gen_make(void *code, void *context, int nargs, const int64_t *args,
                       int value_words, const int64_t *resumes);

/* Runs the generator until it yields, ends or raises an event:
 *    1  it yielded: *value = the value (value[0], value[1] for a two-word one);
 *    0  it ended (or had already finished): *value untouched;
 *   -1  it raised an event: *value = the event, a DodoString * (as int64).
 * After 0 or -1 the generator is finished (dodo_gen_done) and every further
 * call returns 0. value may be NULL. May be called from any depth of the C
 * stack, and also with RSP only 8-byte aligned (from hand-written or compiled
 * code); it aligns before calling C itself. Calling it for a generator that
 * is running (from C code the generator called) is a fatal error. */
int dodo_gen_next(DodoGen *g, int64_t *value);

/* Called from compiled code (dodo_gen_next for dodo callers), with RDI = g:
 * the same results, handed back as a continuation hands values over, not as
 * a C function returns: ECX = 1 (a value, its words in RAX and RDX), 0 (the
 * end) or -1 (an event, the DodoString * in RAX). The caller keeps nothing
 * but RBP in a register across it (abi.md §3), so the C registers are not
 * saved: a round trip costs what the switch and the copies cost. Not for C
 * callers: declared here as a symbol only. */
void dodo_gen_step(void);

/* dodo_gen_step for a generator whose values take three words or more
 * (dodo_gen_make's value_words > 2), which it stores above SP1: RDI = g,
 * RSI = where the words go (an event goes to the first); ECX as above.
 * Not for C callers: declared here as a symbol only. */
void dodo_gen_step_wide(void);

/* Called from a lazily resumed generator's code (dodo_gen_make) as
 * `pushq $U; call dodo_gen_fill` with RSP = SP1 - U, before the first
 * instruction that may read what the resume did not copy in: copies the
 * rest of the segment in from the buffer (once a step; the words the code
 * wrote so far are kept). Keeps every general register and the flags,
 * and returns past the pushed word. Not for C callers. */
void dodo_gen_fill(void);

/* 1 once dodo_gen_next has returned 0 or -1, else 0 (also before the first
 * dodo_gen_next: a generator is only known to be finished once it has been
 * run to its end). */
int dodo_gen_done(const DodoGen *g);

/* Frees the generator. If it is suspended at a yield, it is first unwound
 * (its unwind continuation runs, releasing what it holds: e.g. the inner
 * generators a dodo generator is consuming are unwound too). A generator
 * never started or already finished is just freed. NULL is ignored.
 * Destroying a running generator is a fatal error. */
void dodo_gen_destroy(DodoGen *g);

#endif
