/* gen_switch.S — detached generators (abi.md §5): the runtime as the
 * consumer of abi.md §4, copying the generator's stack segment between the
 * machine stack and the heap buffer of its DodoGen.
 *
 *   int dodo_gen_next(DodoGen *g, int64_t *value);     (public, see the header)
 *   int dodo_gen_unwind_(DodoGen *g);                  (for dodo_gen_destroy)
 *
 * Both save the C state and push two words, after which RSP is SP1:
 *
 *   SP1+64 | return address   |
 *   SP1+56 | rbp              |
 *   SP1+48 | rbx              |
 *   SP1+40 | r12 .. r15       |  (r12 at +40, r13 +32, r14 +24, r15 +16)
 *   SP1+8  | value pointer    |  (0 for an unwind)
 *   SP1    | g                |  <- SP1 = SP2: the segment goes right below
 *          | segment          |     (generator frames, its RSP at the bottom)
 *
 * The generator only stores SP1 and comes back with it (RDI at a yield, RSP
 * at the end, an event or after an unwind), so the four continuations below
 * find g at (SP1) without any global; g->sp1 double-checks that.
 *
 * Start: RSP = SP1 (minus the parameters after the third, parameter 4
 * lowest), RDI = SP1, RSI/RDX/RCX = parameters 1-3, R8 = yielded,
 * R9 = ended, R10 = raised, RAX = context, jmp *code.
 *
 * Suspension (yielded: RSP = the generator's, RDI = SP1, RAX = value,
 * R8 = resume, R9 = unwind): the live segment [RSP, SP1) is copied into
 * g->buf, first grown when the segment is larger than its capacity
 * (dodo_gen_reserve_, called on the dead stack below the segment with RSP
 * aligned to 16); then RSP = SP1 and back to C with the value. The buffer
 * only grows: a generator whose segment size varies from step to step
 * (compiled code advancing it from different depths, nested loops in its
 * body) would otherwise pay a realloc at every step.
 *
 * Resume: RSP = SP1 - size first (the space is claimed before it is written,
 * so nothing ever lives below RSP), the segment is copied back there, and
 * RDI = SP1, fresh R8/R9/R10, RAX = context, jmp *resume. SP1 is wherever
 * the current caller's RSP puts it: another depth, maybe another alignment
 * mod 16 (dodo code promises nothing beyond 8 and aligns before calling C).
 *
 * Lazy resume (dodo_gen_step and dodo_gen_step_wide, abi.md §12): a
 * generator made with a table passes R10 = the entry of the label it hands
 * out at each yield (kept in g->entry). The next step claims the segment's
 * stack without copying it and jumps to the entry's code with RSI = the
 * buffer; that code copies in what it reads and calls dodo_gen_fill before
 * anything else could read the rest. g->lazy says a step is still lazy: its
 * yield copies out only the words the entry lists.
 *
 * Unwind: as a resume, but RDI = SP1, R9 = unwound, jmp *unwind; the
 * generator releases what it holds and comes back with RSP = SP1.
 *
 * End, event, unwound: RSP = SP1; the buffer is freed (dodo_gen_release_,
 * called with RSP aligned to 16), the state becomes GEN_DONE.
 *
 * Copies (COPY_IN, COPY_OUT) move words up to 16 bytes, 16 bytes at a time
 * below 512 bytes and use `rep movsq` from there on (the segment is a
 * whole number of words: SP1 and every RSP
 * the convention allows are 8-byte aligned). Nothing here assumes
 * RSP is 16-byte aligned: dodo_gen_next may be called with RSP only 8-byte
 * aligned, and aligns before every C call it makes.
 */
#include "c_callee_saved.h" /* SAVE_C, CFI_SAVED_REGS, RESTORE_C_AND_RETURN */
#include "gen_layout.h"

/* RCX bytes (a multiple of 8) from RSI to RDI. Scratch: RCX, RSI, RDI,
 * R10, XMM0-XMM3 (never RAX or RDX: a yield's value is there; never R11).
 *   - up to 16 bytes, the common case (a generator frame of two slots):
 *     the last word and the first (the same one for 8 bytes);
 *   - below 512 bytes, 16 bytes a move, 64 a round of the loop, after the
 *     odd word, 16 and 32 bytes that make the rest a multiple of 64;
 *   - from 512 bytes on, rep movsq, whose start-up costs more than a short
 *     segment's whole copy (B6: 27 -> 11 ns a round trip at 48 bytes) but
 *     whose copying is the faster one (4 KiB: 140 ns against 280).
 * LOAD16(d, x) puts the 16 bytes at d(RSI,RCX) in XMMx. A copy out of the
 * stack (COPY_OUT) loads them as two words: the generator has just stored
 * some of them, 8 bytes at a time, and a 16-byte load that needs a store
 * still in flight waits for it to drain (B6, 0 live bytes: 14 -> 6 ns a
 * round trip). A copy into the stack (COPY_IN) reads what COPY_OUT stored,
 * 16 bytes at a time, so it loads them at once. */
#define LOAD16_WHOLE(d, x)  movups  d(%rsi,%rcx), %xmm##x
#define LOAD16_HALVES(d, x) movq    d(%rsi,%rcx), %xmm##x; movhps  d+8(%rsi,%rcx), %xmm##x
#define MOVE16(LOAD16, d, x) LOAD16(d, x); movups %xmm##x, d(%rdi,%rcx)
#define COPY_SEGMENT(LOAD16)                            \
        cmpq    $16, %rcx;                              \
        ja      5f;                                     \
        testq   %rcx, %rcx;                             \
        jz      9f;                                     \
        movq    -8(%rsi,%rcx), %r10;                    \
        movq    %r10, -8(%rdi,%rcx);                    \
        movq    (%rsi), %r10;                           \
        movq    %r10, (%rdi);                           \
        jmp     9f;                                     \
5:      cmpq    $512, %rcx;                             \
        jb      6f;                                     \
        shrq    $3, %rcx;                               \
        rep movsq;                                      \
        jmp     9f;                                     \
6:      addq    %rcx, %rsi;                             \
        addq    %rcx, %rdi;                             \
        negq    %rcx;                                   \
        testq   $8, %rcx;                               \
        jz      7f;                                     \
        movq    (%rsi,%rcx), %r10;                      \
        movq    %r10, (%rdi,%rcx);                      \
        addq    $8, %rcx;                               \
7:      testq   $16, %rcx;                              \
        jz      8f;                                     \
        MOVE16(LOAD16, 0, 0);                           \
        addq    $16, %rcx;                              \
8:      testq   $32, %rcx;                              \
        jz      10f;                                    \
        LOAD16(0, 0);                                   \
        LOAD16(16, 1);                                  \
        movups  %xmm0, (%rdi,%rcx);                     \
        movups  %xmm1, 16(%rdi,%rcx);                   \
        addq    $32, %rcx;                              \
10:     testq   %rcx, %rcx;                             \
        jz      9f;                                     \
11:     LOAD16(0, 0);                                   \
        LOAD16(16, 1);                                  \
        LOAD16(32, 2);                                  \
        LOAD16(48, 3);                                  \
        movups  %xmm0, (%rdi,%rcx);                     \
        movups  %xmm1, 16(%rdi,%rcx);                   \
        movups  %xmm2, 32(%rdi,%rcx);                   \
        movups  %xmm3, 48(%rdi,%rcx);                   \
        addq    $64, %rcx;                              \
        jnz     11b;                                    \
9:
#define COPY_IN COPY_SEGMENT(LOAD16_WHOLE)
#define COPY_OUT COPY_SEGMENT(LOAD16_HALVES)

/* The words entry RSI lists as written (ENTRY_FIRST, ENTRY_MASK) from the
 * segment at `seg` to g's (R11) buffer, at the same offsets. Scratch: RCX,
 * RSI and the three registers given. */
#define COPY_WRITTEN(seg, src, dst, idx)                \
        movq    ENTRY_FIRST(%rsi), %rcx;                \
        movq    ENTRY_MASK(%rsi), %rsi;                 \
        testq   %rsi, %rsi;                             \
        jz      14f;                                    \
        leaq    (seg,%rcx,8), src;                      \
        movq    GEN_BUF(%r11), dst;                     \
        leaq    (dst,%rcx,8), dst;                      \
13:     bsfq    %rsi, idx;                              \
        movq    (src,idx,8), %rcx;                      \
        movq    %rcx, (dst,idx,8);                      \
        leaq    -1(%rsi), %rcx;                         \
        andq    %rcx, %rsi;                             \
        jnz     13b;                                    \
14:

/* A lazy resume (abi.md §12), with RDI = g, RCX = its size (the entry's
 * U), R10 = the entry, and SP1 in the register given (RSP = SP1): g->lazy
 * = the entry, RDI = SP1, RSI = the buffer, R11 = the entry's code; then
 * (LAZY_JUMP) the segment claimed below SP1 without copying it, and a jump
 * to the code with the three continuations given. */
#define LAZY_ENTER(sp1)                                 \
        movq    %r10, GEN_LAZY(%rdi);                   \
        movq    GEN_BUF(%rdi), %rsi;                    \
        movq    ENTRY_CODE(%r10), %r11;                 \
        movq    sp1, %rdi
#define LAZY_JUMP(yielded, ended, raised)               \
        subq    %rcx, %rsp;                             \
        leaq    yielded(%rip), %r8;                     \
        leaq    ended(%rip), %r9;                       \
        leaq    raised(%rip), %r10;                     \
        jmp     *%r11

/* With R12 = g and RBX = SP1: claims [SP1 - size, SP1) as stack, then copies
 * the saved segment into it. */
#define RESTORE_SEGMENT                                 \
        movq    GEN_SIZE(%r12), %rcx;                   \
        movq    %rbx, %rdi;                             \
        subq    %rcx, %rdi;                             \
        movq    %rdi, %rsp;                             \
        movq    GEN_BUF(%r12), %rsi;                    \
        COPY_IN

/* With R12 = g (fresh) and RBX = SP1: starts it, parameters 4.. on SP2
 * (the fourth nearest RSP), with the three continuations given. */
#define START_GENERATOR(yielded, ended, raised)         \
        movq    GEN_NARGS(%r12), %rcx;                  \
        subq    $3, %rcx;                               \
        jle     3f;                                     \
        leaq    0(,%rcx,8), %rdx;                       \
        movq    %rbx, %rdi;                             \
        subq    %rdx, %rdi;                             \
        movq    %rdi, %rsp;                             \
        leaq    GEN_ARGS+24(%r12), %rsi;                \
        rep movsq;                                      \
3:      movq    GEN_ARGS(%r12), %rsi;                   \
        movq    GEN_ARGS+8(%r12), %rdx;                 \
        movq    GEN_ARGS+16(%r12), %rcx;                \
        movq    %rbx, %rdi;                             \
        leaq    yielded(%rip), %r8;                     \
        leaq    ended(%rip), %r9;                       \
        leaq    raised(%rip), %r10;                     \
        movq    GEN_CONTEXT(%r12), %rax;                \
        jmp     *GEN_CODE(%r12)

/* With RDI = g, RAX = its state (fresh or suspended) and RBX = SP1 (g
 * stored there): marks it running, then resumes it (its segment copied back
 * below SP1) or starts it, handing it the three continuations given. */
#define RUN_GENERATOR(yielded, ended, raised)           \
        movq    %rdi, %r12;                             \
        movq    %rbx, GEN_SP1(%r12);                    \
        movq    $GEN_RUNNING, GEN_STATE(%r12);          \
        cmpq    $GEN_FRESH, %rax;                       \
        je      2f;                                     \
        RESTORE_SEGMENT;                                \
        movq    %rbx, %rdi;                             \
        leaq    yielded(%rip), %r8;                     \
        leaq    ended(%rip), %r9;                       \
        leaq    raised(%rip), %r10;                     \
        movq    GEN_CONTEXT(%r12), %rax;                \
        jmp     *GEN_RESUME(%r12);                      \
2:      START_GENERATOR(yielded, ended, raised)

/* At a yield, with g in the register given: g->entry = R10 if the
 * generator has a table of lazy resumes (its code passes R10 = the entry of
 * the label it hands out, or 0); without one, g->entry stays NULL. */
#define SET_ENTRY(g)                                    \
        cmpq    $0, GEN_RESUMES(g);                     \
        je      12f;                                    \
        movq    %r10, GEN_ENTRY(g);                     \
12:

/* At a continuation entered with RSP = SP1: R12 = g, checked. */
#define FIND_G_AT_RSP                                   \
        movq    (%rsp), %r12;                           \
        cmpq    %rsp, GEN_SP1(%r12);                    \
        jne     dodo_gen.bad_sp

        .text

/* ---- int dodo_gen_next(DodoGen *g, int64_t *value) ---------------------- */
        .globl  dodo_gen_next
        .type   dodo_gen_next, @function
        .p2align 4
dodo_gen_next:
        .cfi_startproc
        movq    GEN_STATE(%rdi), %rax
        cmpq    $GEN_SUSPENDED, %rax
        je      1f
        cmpq    $GEN_FRESH, %rax
        je      1f
        cmpq    $GEN_RUNNING, %rax
        je      dodo_gen.running
        xorl    %eax, %eax              /* finished: 0, *value untouched */
        ret
1:      SAVE_C
        pushq   %rsi                    /* value pointer */
        .cfi_adjust_cfa_offset 8
        pushq   %rdi                    /* g, at SP1 */
        .cfi_adjust_cfa_offset 8
        movq    %rsp, %rbx              /* RBX = SP1 */
        .cfi_def_cfa_register %rbx
        RUN_GENERATOR(dodo_gen.yielded, dodo_gen.ended, dodo_gen.raised)
        .cfi_endproc
        .size   dodo_gen_next, .-dodo_gen_next

/* ---- int dodo_gen_unwind_(DodoGen *g): g is GEN_SUSPENDED --------------- */
        .globl  dodo_gen_unwind_
        .hidden dodo_gen_unwind_
        .type   dodo_gen_unwind_, @function
        .p2align 4
dodo_gen_unwind_:
        .cfi_startproc
        SAVE_C
        pushq   $0                      /* no value pointer */
        .cfi_adjust_cfa_offset 8
        pushq   %rdi
        .cfi_adjust_cfa_offset 8
        movq    %rsp, %rbx
        .cfi_def_cfa_register %rbx
        movq    %rdi, %r12
        movq    %rbx, GEN_SP1(%r12)
        movq    $GEN_RUNNING, GEN_STATE(%r12)
        RESTORE_SEGMENT
        movq    %rbx, %rdi
        /* R9 is what the convention asks for; R8 and R10 catch a generator
         * that yields or raises instead of finishing (dodo_gen_destroy
         * reports the first). */
        leaq    dodo_gen.yielded(%rip), %r8
        leaq    dodo_gen.unwound(%rip), %r9
        leaq    dodo_gen.raised(%rip), %r10
        movq    GEN_CONTEXT(%r12), %rax
        jmp     *GEN_UNWIND(%r12)
        .cfi_endproc
        .size   dodo_gen_unwind_, .-dodo_gen_unwind_

/* ---- yield continuation ------------------------------------------------- */
/* RSP = the generator's RSP, RDI = SP1, RAX = value, R8 = resume,
 * R9 = unwind. */
        .type   dodo_gen.yielded, @function
        .p2align 4
        .cfi_startproc
        .cfi_def_cfa %rdi, GEN_FRAME
        CFI_SAVED_REGS
        nop                             /* for debuggers, as at step_yielded */
dodo_gen.yielded:
        movq    %rdi, %rbx              /* RBX = SP1 */
        .cfi_def_cfa_register %rbx
        movq    (%rbx), %r12            /* R12 = g */
        cmpq    %rbx, GEN_SP1(%r12)
        jne     dodo_gen.bad_sp
        movq    %rbx, %r13
        subq    %rsp, %r13              /* R13 = size of [RSP, SP1) */
        jb      dodo_gen.bad_sp         /* RSP above SP1 */
        testq   $7, %r13
        jnz     dodo_gen.bad_sp
        movq    %rax, GEN_VALUE(%r12)
        movq    %rdx, GEN_VALUE2(%r12)
        movq    %r8, GEN_RESUME(%r12)
        movq    %r9, GEN_UNWIND(%r12)
        SET_ENTRY(%r12)
        cmpq    GEN_CAP(%r12), %r13
        jbe     1f                      /* fits: the buffer is reused */
        movq    %rsp, %r14              /* grow buf, from below the segment */
        andq    $-16, %rsp
        movq    %r12, %rdi
        movq    %r13, %rsi
        call    dodo_gen_reserve_@PLT
        movq    %r14, %rsp
1:      movq    %rsp, %rsi
        movq    GEN_BUF(%r12), %rdi
        movq    %r13, %rcx
        COPY_OUT
        movq    %r13, GEN_SIZE(%r12)
        movq    $GEN_SUSPENDED, GEN_STATE(%r12)
        movq    %rbx, %rsp
        .cfi_def_cfa_register %rsp
        movl    $GEN_YIELDED, %eax
        jmp     dodo_gen.leave
        .cfi_endproc
        .size   dodo_gen.yielded, .-dodo_gen.yielded

/* ---- end, event and unwound continuations: RSP = SP1 -------------------- */
        .type   dodo_gen.ended, @function
        .p2align 4
dodo_gen.ended:
        .cfi_startproc
        .cfi_def_cfa %rsp, GEN_FRAME
        CFI_SAVED_REGS
        FIND_G_AT_RSP
        movl    $GEN_ENDED, %r13d
        jmp     dodo_gen.finish
dodo_gen.raised:                        /* RAX = the event */
        FIND_G_AT_RSP
        movq    %rax, GEN_VALUE(%r12)
        movq    $GEN_RAISED, %r13
        jmp     dodo_gen.finish
dodo_gen.unwound:
        FIND_G_AT_RSP
        movl    $GEN_UNWOUND, %r13d
dodo_gen.finish:                        /* R12 = g, R13 = status */
        movq    $GEN_DONE, GEN_STATE(%r12)
        movq    %rsp, %rbx
        .cfi_def_cfa_register %rbx
        andq    $-16, %rsp
        movq    %r12, %rdi
        call    dodo_gen_release_@PLT
        movq    %rbx, %rsp
        .cfi_def_cfa_register %rsp
        movq    %r13, %rax
dodo_gen.leave:                         /* RSP = SP1, RAX = status */
        popq    %rdi                    /* g */
        .cfi_adjust_cfa_offset -8
        popq    %rsi                    /* value pointer */
        .cfi_adjust_cfa_offset -8
        testq   %rsi, %rsi
        jz      1f
        cmpq    $GEN_ENDED, %rax
        je      1f
        movq    GEN_VALUE(%rdi), %rdx
        movq    %rdx, (%rsi)
        cmpq    $GEN_YIELDED, %rax      /* a two-word value: its second word */
        jne     1f
        cmpq    $2, GEN_NVALUE(%rdi)
        jne     1f
        movq    GEN_VALUE2(%rdi), %rdx
        movq    %rdx, 8(%rsi)
1:
        RESTORE_C_AND_RETURN
        .cfi_endproc
        .size   dodo_gen.ended, .-dodo_gen.ended

/* ---- dodo_gen_step: compiled code's next ----------------------------- */
/* RDI = g. Returns ECX = 1 (a value: its words in RAX, RDX), 0 (the end)
 * or -1 (an event: the DodoString * in RAX), like a continuation hands
 * values over: not a C function. Its caller is dodo code, which keeps
 * nothing but RBP in a register across it (abi.md §3: no register survives
 * a call; dodo code may clobber RBX, R12-R15, which every door from C
 * saved), so only RBP is saved. A generator that is not suspended (fresh,
 * finished, running) goes through dodo_gen_next. RSP = SP1 after two
 * pushes:
 *
 *   SP1+16 | return address   |
 *   SP1+8  | rbp              |
 *   SP1    | g                |  <- SP1 = SP2
 *
 * Its continuations (step_yielded, step_ended, step_raised) tell it from
 * dodo_gen_next's frame by nothing but their addresses: each resume hands
 * the generator fresh ones (abi.md §4). */
#define GEN_STEP_FRAME 24
/* The end of a yield: g (R11) suspended, back to the caller of
 * dodo_gen_step past g at SP1 (in the register given), its RBP restored,
 * ECX = 1 (the value still in RAX and RDX). */
#define STEP_SUSPENDED(sp1)                             \
        movq    $GEN_SUSPENDED, GEN_STATE(%r11);        \
        leaq    8(sp1), %rsp;                           \
        .cfi_def_cfa %rsp, GEN_STEP_FRAME - 8;          \
        popq    %rbp;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %rbp;                              \
        movl    $GEN_YIELDED, %ecx;                     \
        ret
        .globl  dodo_gen_step
        .type   dodo_gen_step, @function
        .p2align 4
dodo_gen_step:
        .cfi_startproc
        cmpq    $GEN_SUSPENDED, GEN_STATE(%rdi)
        jne     dodo_gen.step_slow
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %rbp, 0
        pushq   %rdi
        .cfi_adjust_cfa_offset 8
        movq    %rsp, GEN_SP1(%rdi)
        movq    $GEN_RUNNING, GEN_STATE(%rdi)
        movq    GEN_SIZE(%rdi), %rcx
        movq    GEN_ENTRY(%rdi), %r10   /* a lazy resume, for this size? */
        testq   %r10, %r10
        jz      1f
        cmpq    %rcx, ENTRY_U(%r10)
        je      dodo_gen.step_lazy
1:      movq    %rdi, %rdx              /* RDX = g */
        movq    %rsp, %rdi
        subq    %rcx, %rdi
        movq    %rdi, %rsp              /* claimed before it is written */
        .cfi_def_cfa %rdi, GEN_STEP_FRAME /* (RDI + size, but only briefly) */
        movq    GEN_BUF(%rdx), %rsi
        leaq    (%rdi,%rcx), %r11       /* R11 = SP1 */
        COPY_IN
        movq    %r11, %rdi
        leaq    dodo_gen.step_yielded(%rip), %r8
        leaq    dodo_gen.step_ended(%rip), %r9
        leaq    dodo_gen.step_raised(%rip), %r10
        movq    GEN_CONTEXT(%rdx), %rax
        jmp     *GEN_RESUME(%rdx)
/* Lazily (RDI = g, RCX = size = the entry's U, R10 = the entry): the
 * segment is claimed below SP1 but not copied; the entry's code copies the
 * words it reads from the buffer (RSI) and calls dodo_gen_fill before it
 * could read any other. g->lazy tells the yield (and the fill) so. */
dodo_gen.step_lazy:
        .cfi_def_cfa %rsp, GEN_STEP_FRAME
        LAZY_ENTER(%rsp)
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        LAZY_JUMP(dodo_gen.step_lazy_yielded, dodo_gen.step_ended, dodo_gen.step_raised)
        .cfi_endproc
        .size   dodo_gen_step, .-dodo_gen_step

/* Not suspended: dodo_gen_next does it (a start, the end again, misuse),
 * its value words on the stack here, then handed over as above. */
        .type   dodo_gen.step_slow, @function
        .p2align 4
dodo_gen.step_slow:
        .cfi_startproc
        subq    $24, %rsp               /* the two words (RSP 8-aligned will do) */
        .cfi_adjust_cfa_offset 24
        movq    %rsp, %rsi
        call    dodo_gen_next
        movslq  %eax, %rcx
        movq    (%rsp), %rax
        movq    8(%rsp), %rdx
        addq    $24, %rsp
        .cfi_adjust_cfa_offset -24
        ret
        .cfi_endproc
        .size   dodo_gen.step_slow, .-dodo_gen.step_slow

/* Yielded: RSP = the generator's, RDI = SP1, RAX (RDX) = the value,
 * R8 = resume, R9 = unwind. The value stays in RAX and RDX for the caller. */
        .type   dodo_gen.step_yielded, @function
        .p2align 4
        .cfi_startproc
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        .cfi_offset %rbp, -16
        /* A debugger takes the generator's "return address" (this label)
         * for one after a call and looks up the rule of the byte before:
         * this nop keeps that byte in here, not in dodo_gen_step. */
        nop
/* The yield of a lazy step: still lazy, unless its code called
 * dodo_gen_fill (which cleared g->lazy), and then as any other. */
dodo_gen.step_lazy_yielded:
        movq    (%rdi), %r11
        movq    GEN_LAZY(%r11), %rsi
        testq   %rsi, %rsi
        jnz     dodo_gen.step_lazy_out
        jmp     3f
dodo_gen.step_yielded:
        movq    (%rdi), %r11            /* R11 = g (g->sp1 is checked at the end, */
3:      movq    %rdi, %rcx              /* event or unwind: a yield's RSP is) */
        subq    %rsp, %rcx              /* RCX = size of [RSP, SP1) */
        jb      dodo_gen.bad_sp
        SET_ENTRY(%r11)
        movq    %r8, GEN_RESUME(%r11)
        movq    %r9, GEN_UNWIND(%r11)
        cmpq    GEN_CAP(%r11), %rcx
        ja      dodo_gen.step_grow
1:      movq    %rcx, GEN_SIZE(%r11)
        movq    %rdi, %r9               /* R9 = SP1 */
        .cfi_def_cfa %r9, GEN_STEP_FRAME
        movq    %rsp, %rsi
        movq    GEN_BUF(%r11), %rdi
        COPY_OUT
        STEP_SUSPENDED(%r9)
/* The buffer is too small: grown on the dead stack below the segment, RSP
 * aligned for C; SP1, g, the size and the value kept in registers C
 * preserves (RBP too: the caller's is saved at SP1+8). */
dodo_gen.step_grow:
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        movq    %rdi, %rbx
        .cfi_def_cfa %rbx, GEN_STEP_FRAME
        movq    %r11, %r12
        movq    %rcx, %r13
        movq    %rsp, %r14
        movq    %rax, %r15
        movq    %rdx, %rbp
        andq    $-16, %rsp
        movq    %r12, %rdi
        movq    %r13, %rsi
        call    dodo_gen_reserve_@PLT
        movq    %r14, %rsp
        movq    %r15, %rax
        movq    %rbp, %rdx
        movq    %rbx, %rdi
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        movq    %r12, %r11
        movq    %r13, %rcx
        jmp     1b
/* A lazy step's yield (RSI = its entry): the region of code it ran kept
 * RSP where the resume put it, so the segment is the entry's U bytes, and
 * wrote none but the words the entry lists. The buffer still holds the
 * rest: only those are copied out. */
dodo_gen.step_lazy_out:
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        movq    %r10, GEN_ENTRY(%r11)   /* a table's generator: R10 is an entry or 0 */
        movq    $0, GEN_LAZY(%r11)
        movq    %r8, GEN_RESUME(%r11)
        movq    %r9, GEN_UNWIND(%r11)
        COPY_WRITTEN(%rsp, %r8, %r9, %r10)
        STEP_SUSPENDED(%rdi)
        .cfi_endproc
        .size   dodo_gen.step_yielded, .-dodo_gen.step_yielded

/* End, event: RSP = SP1. The buffer is freed, the state becomes GEN_DONE;
 * an event's value stays in RAX. */
        .type   dodo_gen.step_ended, @function
        .p2align 4
dodo_gen.step_ended:
        .cfi_startproc
        .cfi_def_cfa %rsp, GEN_STEP_FRAME
        .cfi_offset %rbp, -16
        movl    $GEN_ENDED, %ebx
        jmp     2f
dodo_gen.step_raised:                   /* RAX = the event */
        movq    %rax, %r14
        movq    $GEN_RAISED, %rbx
2:      FIND_G_AT_RSP
        movq    $GEN_DONE, GEN_STATE(%r12)
        movq    %rsp, %r13
        .cfi_def_cfa %r13, GEN_STEP_FRAME
        andq    $-16, %rsp
        movq    %r12, %rdi
        call    dodo_gen_release_@PLT
        leaq    8(%r13), %rsp           /* past g */
        .cfi_def_cfa %rsp, GEN_STEP_FRAME - 8
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        .cfi_restore %rbp
        movq    %r14, %rax
        movq    %rbx, %rcx
        movq    %r12, %r11              /* g, for wide_return */
        ret
        .cfi_endproc
        .size   dodo_gen.step_ended, .-dodo_gen.step_ended

/* ---- dodo_gen_fill: the rest of a lazily resumed segment -------------- */
/* `pushq $U; call dodo_gen_fill` from the copy of a generator's code that a
 * lazy resume runs (compiler/ir_lazy.c), with RSP = SP1 - U, where U is the
 * segment's size: before the first instruction that may read a word the
 * lazy code did not copy in. Copies out the words written since the resume
 * (the entry lists them), then the whole segment in from the buffer, so
 * that the stack holds all of it; g->lazy = NULL, and the yield copies out
 * as after any resume. Keeps every general register and the flags (it may
 * sit between a compare and its jump); XMM0-XMM3 are scratch (dodo code
 * keeps nothing in them). Returns past the pushed U. */
        .globl  dodo_gen_fill
        .type   dodo_gen_fill, @function
        .p2align 4
dodo_gen_fill:
        .cfi_startproc
        pushfq
        .cfi_adjust_cfa_offset 8
        pushq   %rcx
        .cfi_adjust_cfa_offset 8
        pushq   %rsi
        .cfi_adjust_cfa_offset 8
        pushq   %rdi
        .cfi_adjust_cfa_offset 8
        pushq   %r8
        .cfi_adjust_cfa_offset 8
        pushq   %r9
        .cfi_adjust_cfa_offset 8
        pushq   %r10
        .cfi_adjust_cfa_offset 8
        pushq   %r11
        .cfi_adjust_cfa_offset 8
        movq    72(%rsp), %rcx          /* U, above the return address */
        leaq    80(%rsp), %r8           /* R8 = the segment, at the generator's RSP */
        leaq    (%r8,%rcx), %rdi        /* RDI = SP1 */
        movq    (%rdi), %r11            /* R11 = g */
        cmpq    %rdi, GEN_SP1(%r11)
        jne     dodo_gen.bad_sp
        movq    GEN_LAZY(%r11), %rsi
        testq   %rsi, %rsi
        jz      3f                      /* filled already (or resumed whole) */
        cmpq    %rcx, GEN_SIZE(%r11)
        jne     dodo_gen.bad_sp
        movq    $0, GEN_LAZY(%r11)
        COPY_WRITTEN(%r8, %r9, %r10, %rdi) /* the words written: stack -> buffer */
        movq    GEN_SIZE(%r11), %rcx    /* then all of it: buffer -> stack */
        movq    GEN_BUF(%r11), %rsi
        movq    %r8, %rdi
        COPY_IN
3:      popq    %r11
        .cfi_adjust_cfa_offset -8
        popq    %r10
        .cfi_adjust_cfa_offset -8
        popq    %r9
        .cfi_adjust_cfa_offset -8
        popq    %r8
        .cfi_adjust_cfa_offset -8
        popq    %rdi
        .cfi_adjust_cfa_offset -8
        popq    %rsi
        .cfi_adjust_cfa_offset -8
        popq    %rcx
        .cfi_adjust_cfa_offset -8
        popfq
        .cfi_adjust_cfa_offset -8
        ret     $8
        .cfi_endproc
        .size   dodo_gen_fill, .-dodo_gen_fill

/* ---- dodo_gen_step_wide: next of a value of 3 words or more ------------ */
/* RDI = g, RSI = where the value's words go (dodo_gen_make's value_words of
 * them; an event goes to the first). Returns ECX = 1, 0 or -1 as
 * dodo_gen_step. The generator stores such a value above SP1, slot i at
 * SP1 + 8 + 8i (abi.md §4: "space the consumer reserved on SP1"), so the
 * frame keeps that room (g->room bytes) between g and the rest:
 *
 *   SP1+24+room | return address   |
 *   SP1+16+room | rbp              |
 *   SP1+8+room  | the destination  |
 *   SP1+8       | room             |  <- the value, at the yield
 *   SP1         | g                |  <- SP1 = SP2
 *
 * Its continuations (wide_yielded, wide_ended, wide_raised) take the value
 * out of the room, then turn the frame into dodo_gen_step's (RBP at SP1+8,
 * a return address at SP1+16: wide_return, which steps over the room) and
 * go on there. A fresh generator starts here, not through dodo_gen_next,
 * whose frame has no room. The CFA is SP1 + 32 + room, room read from g. */
#define CFA_WIDE(breg, goff, k) \
        .cfi_escape 0x0f, 11, breg, goff, 0x06, 0x23, GEN_ROOM, 0x06, breg, 0x00, 0x22, 0x23, k
#define BREG_RDI 0x75
#define BREG_RBX 0x73
#define BREG_RSP 0x77
        .globl  dodo_gen_step_wide
        .type   dodo_gen_step_wide, @function
        .p2align 4
dodo_gen_step_wide:
        .cfi_startproc
        movq    GEN_STATE(%rdi), %rax
        cmpq    $GEN_SUSPENDED, %rax
        je      1f
        cmpq    $GEN_FRESH, %rax
        je      1f
        cmpq    $GEN_RUNNING, %rax
        je      dodo_gen.running
        xorl    %ecx, %ecx              /* finished: the end again */
        ret
1:      pushq   %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %rbp, 0
        pushq   %rsi                    /* the destination */
        .cfi_adjust_cfa_offset 8
        subq    GEN_ROOM(%rdi), %rsp
        pushq   %rdi                    /* g, at SP1 */
        movq    %rsp, %rbx              /* RBX = SP1 */
        CFA_WIDE(BREG_RBX, 0, 32)
        cmpq    $GEN_SUSPENDED, %rax    /* a lazy resume, for this size? */
        jne     15f
        movq    GEN_ENTRY(%rdi), %r10
        testq   %r10, %r10
        jz      15f
        movq    GEN_SIZE(%rdi), %rcx
        cmpq    %rcx, ENTRY_U(%r10)
        jne     15f
        movq    %rbx, GEN_SP1(%rdi)
        movq    $GEN_RUNNING, GEN_STATE(%rdi)
        LAZY_ENTER(%rbx)                /* (the CFA stays on RBX) */
        LAZY_JUMP(dodo_gen.wide_lazy_yielded, dodo_gen.wide_ended, dodo_gen.wide_raised)
15:     RUN_GENERATOR(dodo_gen.wide_yielded, dodo_gen.wide_ended, dodo_gen.wide_raised)
        .cfi_endproc
        .size   dodo_gen_step_wide, .-dodo_gen_step_wide

/* A wide step's continuation, with RCX = g->room and SP1 in the register
 * given: the frame becomes dodo_gen_step's (the caller's RBP at SP1 + 8,
 * the return address wide_return at SP1 + 16, over slots already copied).
 * Scratch: tmp. */
#define TO_STEP_FRAME(sp1, tmp)                         \
        movq    16(sp1,%rcx), tmp;                      \
        movq    tmp, 8(sp1);                            \
        leaq    dodo_gen.wide_return(%rip), tmp;        \
        movq    tmp, 16(sp1)

/* Yielded: RDI = SP1, the value in the room. It goes to the destination;
 * then the frame becomes dodo_gen_step's and step_yielded (after a lazy
 * resume, step_lazy_yielded) does the rest. RBX is free: the caller keeps
 * nothing but RBP across a step. */
        .type   dodo_gen.wide_yielded, @function
        .p2align 4
        .cfi_startproc
        CFA_WIDE(BREG_RDI, 0, 32)
        .cfi_offset %rbp, -16
        nop                             /* as before step_yielded */
dodo_gen.wide_lazy_yielded:             /* a lazy step's: on in step_lazy_yielded */
        leaq    dodo_gen.step_lazy_yielded(%rip), %rbx
        jmp     2f
dodo_gen.wide_yielded:
        leaq    dodo_gen.step_yielded(%rip), %rbx
2:      movq    (%rdi), %r11            /* R11 = g */
        movq    GEN_ROOM(%r11), %rcx
        movq    8(%rdi,%rcx), %rsi      /* RSI = the destination */
        xorl    %edx, %edx              /* (not R10: the entry, for step_yielded) */
1:      movq    8(%rdi,%rdx), %rax
        movq    %rax, (%rsi,%rdx)
        addq    $8, %rdx
        cmpq    %rcx, %rdx
        jb      1b
        TO_STEP_FRAME(%rdi, %rax)
        .cfi_def_cfa %rdi, GEN_STEP_FRAME
        jmp     *%rbx
        .cfi_endproc
        .size   dodo_gen.wide_yielded, .-dodo_gen.wide_yielded

/* End, event: RSP = SP1. The event goes to the destination's first word;
 * then as above, to step_ended or step_raised. */
        .type   dodo_gen.wide_ended, @function
        .p2align 4
dodo_gen.wide_ended:
        .cfi_startproc
        CFA_WIDE(BREG_RSP, 0, 32)
        .cfi_offset %rbp, -16
        leaq    dodo_gen.step_ended(%rip), %rdx
        movq    (%rsp), %r11            /* R11 = g */
        movq    GEN_ROOM(%r11), %rcx
        jmp     1f
dodo_gen.wide_raised:                   /* RAX = the event */
        leaq    dodo_gen.step_raised(%rip), %rdx
        movq    (%rsp), %r11
        movq    GEN_ROOM(%r11), %rcx
        movq    8(%rsp,%rcx), %rsi
        movq    %rax, (%rsi)
1:      TO_STEP_FRAME(%rsp, %r10)
        .cfi_def_cfa %rsp, GEN_STEP_FRAME
        jmp     *%rdx
        .cfi_endproc
        .size   dodo_gen.wide_ended, .-dodo_gen.wide_ended

/* Where dodo_gen_step's tail returns for a wide step: RSP = SP1 + 24, the
 * status in ECX, R11 = g (both tails leave it there). Steps over the room
 * to the real return address. */
        .type   dodo_gen.wide_return, @function
        .p2align 4
        .cfi_startproc
        /* CFA = RSP + 8 + g->room */
        .cfi_escape 0x0f, 10, 0x7b, 0x00, 0x23, GEN_ROOM, 0x06, BREG_RSP, 0x00, 0x22, 0x23, 8
        .cfi_offset %rbp, -16
        nop
dodo_gen.wide_return:
        addq    GEN_ROOM(%r11), %rsp
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size   dodo_gen.wide_return, .-dodo_gen.wide_return

/* ---- misuse ------------------------------------------------------------- */
        .type   dodo_gen.running, @function
dodo_gen.running:
        .cfi_startproc
        andq    $-16, %rsp
        leaq    .Lmsg_running(%rip), %rdi
        movl    $3, %esi                /* DODO_EXIT_FATAL */
        call    dodo_fatal@PLT
        ud2
dodo_gen.bad_sp:
        andq    $-16, %rsp
        leaq    .Lmsg_bad_sp(%rip), %rdi
        movl    $3, %esi
        call    dodo_fatal@PLT
        ud2
        .cfi_endproc
        .size   dodo_gen.running, .-dodo_gen.running

        .section .rodata.str1.1, "aMS", @progbits, 1
.Lmsg_running:
        .string "dodo_gen_next: the generator is already running"
.Lmsg_bad_sp:
        .string "a generator came back with a wrong stack pointer (this is a bug in dodoc or in hand-written code)"

        .section .note.GNU-stack,"",@progbits
