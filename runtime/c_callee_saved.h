/* c_callee_saved.h — saving and restoring the C callee-saved registers
 * (System V: RBP, RBX, R12–R15), with their unwind information. Every door
 * from C into dodo code (enter.S, gen_switch.S) saves them on the way in and
 * restores them on the way out, because dodo code preserves no register.
 * For assembly files only (.S, preprocessed). */
#ifndef DODO_C_CALLEE_SAVED_H
#define DODO_C_CALLEE_SAVED_H

/* Pushes them, the CFA following each push. */
#define SAVE_C                                          \
        pushq   %rbp;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %rbp, 0;                        \
        pushq   %rbx;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %rbx, 0;                        \
        pushq   %r12;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %r12, 0;                        \
        pushq   %r13;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %r13, 0;                        \
        pushq   %r14;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %r14, 0;                        \
        pushq   %r15;                                   \
        .cfi_adjust_cfa_offset 8;                       \
        .cfi_rel_offset %r15, 0

/* Where SAVE_C left them, relative to a CFA 56 bytes above the last push. */
#define CFI_SAVED_REGS          \
        .cfi_offset %rbp, -16;  \
        .cfi_offset %rbx, -24;  \
        .cfi_offset %r12, -32;  \
        .cfi_offset %r13, -40;  \
        .cfi_offset %r14, -48;  \
        .cfi_offset %r15, -56

/* Pops them (RSP at the last push) and returns to the C caller. */
#define RESTORE_C_AND_RETURN                            \
        popq    %r15;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %r15;                              \
        popq    %r14;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %r14;                              \
        popq    %r13;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %r13;                              \
        popq    %r12;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %r12;                              \
        popq    %rbx;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %rbx;                              \
        popq    %rbp;                                   \
        .cfi_adjust_cfa_offset -8;                      \
        .cfi_restore %rbp;                              \
        ret

#endif
