/* gen_layout.h — the layout of struct DodoGen and its states, shared by the
 * C side (gen.c, through runtime_internal.h) and the assembly side
 * (gen_switch.S). Only #defines, so that the assembler can read it; gen.c
 * checks every offset against the struct with _Static_assert. */
#ifndef DODO_GEN_LAYOUT_H
#define DODO_GEN_LAYOUT_H

/* Byte offsets in struct DodoGen. */
#define GEN_CODE 0     /* void *: the generator's code (m.f) */
#define GEN_CONTEXT 8  /* void *: its module context block (m) */
#define GEN_RESUME 16  /* void *: resume continuation of the last yield */
#define GEN_UNWIND 24  /* void *: unwind continuation of the last yield */
#define GEN_BUF 32     /* char *: the saved stack segment (NULL when empty) */
#define GEN_SIZE 40    /* int64: bytes of the segment saved in buf */
#define GEN_CAP 48     /* int64: bytes allocated for buf */
#define GEN_VALUE 56   /* int64: last value yielded, or the event */
#define GEN_STATE 64   /* int64: one of GEN_FRESH .. GEN_DONE */
#define GEN_SP1 72     /* int64: SP1 of the current run (checks only) */
#define GEN_NARGS 80   /* int64: number of parameters */
#define GEN_VALUE2 88  /* int64: second word of a two-slot value (RDX at the yield) */
#define GEN_NVALUE 96  /* int64: words of a yielded value stored at *value (1, 2) */
#define GEN_RESUMES 104 /* const int64 *: the generator's table of lazy resumes
                           (dodo_gen_make), or NULL: its yields' R10 means nothing */
#define GEN_ROOM 112   /* int64: bytes of a value of 3 words or more, which the
                          generator stores above SP1 (abi.md §4); else 0 */
#define GEN_ENTRY 120  /* const int64 *: the entry of the label of the last yield
                          (R10 there), or NULL: the next step copies it all in */
#define GEN_LAZY 128   /* const int64 *: while a step resumed lazily runs, its
                          entry (until dodo_gen_fill or the yield); else NULL */
#define GEN_ARGS 136   /* int64[max(nargs, 3)]: the parameters */

/* A lazy resume's entry (compiler/ir_lazy.c writes them): where the lazy
 * code starts, the segment's size it assumes, and the words the code may
 * write before its next yield (a first word and a mask of 64 from it). */
#define ENTRY_CODE 0
#define ENTRY_U 8
#define ENTRY_FIRST 16
#define ENTRY_MASK 24

/* States. */
#define GEN_FRESH 0     /* made by dodo_gen_start, not run yet */
#define GEN_SUSPENDED 1 /* stopped at a yield; its segment is in buf */
#define GEN_RUNNING 2   /* its code is running (on the stack of a next/destroy) */
#define GEN_DONE 3      /* ended, raised an event, or was unwound */

/* What the switch returns to C. */
#define GEN_YIELDED 1
#define GEN_ENDED 0
#define GEN_RAISED (-1)
#define GEN_UNWOUND 2

/* Bytes the switch keeps on the C stack above SP1: return address, RBP, RBX,
 * R12-R15, the value pointer; g itself is at SP1. CFA = SP1 + this. */
#define GEN_FRAME 72

#endif
