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

/* Called from compiled code. 1 if a and b hold the same bytes, else 0. */
int64_t dodo_str_eq(const DodoString *a, const DodoString *b);

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

/* Writes everything buffered for stdout. If stdout cannot be written (EPIPE,
 * closed, ...), prints `dodo: fatal: cannot write to standard output` and
 * exits with DODO_EXIT_FATAL. */
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

#endif
