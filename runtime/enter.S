/* enter.S — dodo_enter, the door from C into dodo code (abi.md §6).
 *
 *   DodoString *dodo_enter(void *code, void *context, void *stack_top);
 *                          %rdi        %rsi           %rdx
 *
 *   C stack, after the pushes          dodo stack (X = (stack_top & -16) - 16)
 *   | return address |                  X+8 | unused           |
 *   | rbp, rbx,      |                  X   | saved C rsp      |  <- RSP at the jmp
 *   | r12 .. r15     | <- saved C rsp       | dodo frames ...  |
 *
 * Dodo code is entered with RSP = X, RAX = context, R8 = dodo_enter.returned,
 * R9 = dodo_enter.raised. By the convention it resets RSP to X before taking
 * either continuation, so both find the saved C rsp at (%rsp). Nothing is
 * kept in globals: each (nested) entry keeps its own slot on its own stack.
 * Dodo code does not touch the direction flag, MXCSR or the x87 control word,
 * so they need no saving.
 */

/* DW_CFA_def_cfa_expression: CFA = *(rsp) + 56, i.e. the caller's RSP found
 * through the saved C rsp, so gdb can unwind from the continuations (and from
 * the jump) back into the C caller. */
#include "c_callee_saved.h"

#define CFA_FROM_SAVED_RSP .cfi_escape 0x0f, 0x05, 0x77, 0x00, 0x06, 0x23, 0x38

        .text
        .globl  dodo_enter
        .type   dodo_enter, @function
        .p2align 4
dodo_enter:
        .cfi_startproc
        SAVE_C

        andq    $-16, %rdx
        subq    $16, %rdx               /* X: 16-byte aligned, slot above it */
        movq    %rsp, (%rdx)            /* the saved C rsp */
        movq    %rsi, %rax              /* RAX = module context */
        leaq    dodo_enter.returned(%rip), %r8
        leaq    dodo_enter.raised(%rip), %r9
        movq    %rdx, %rsp
        CFA_FROM_SAVED_RSP
        jmp     *%rdi
        .cfi_endproc
        .size   dodo_enter, .-dodo_enter

/* The two continuations, entered by jmp with RSP = X. A debugger looks a
 * caller's frame up at its resume address minus one (it assumes a return
 * address after a call), so the unwind information starts one byte before
 * dodo_enter.returned: the nop below, not alignment padding. */
        .type   dodo_enter.continuations, @function
        .p2align 4
dodo_enter.continuations:
        .cfi_startproc
        CFA_FROM_SAVED_RSP
        CFI_SAVED_REGS
        nop
dodo_enter.returned:
        xorl    %eax, %eax              /* no event */
        jmp     dodo_enter.leave
dodo_enter.raised:                      /* RAX = the event (DodoString *) */
dodo_enter.leave:
        movq    (%rsp), %rsp
        .cfi_def_cfa %rsp, 56
        RESTORE_C_AND_RETURN
        .cfi_endproc
        .size   dodo_enter.continuations, .-dodo_enter.continuations

        .section .note.GNU-stack,"",@progbits
