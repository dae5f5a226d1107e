/* dodo_funcs.S — hand-written "dodo functions" of a module named `test`,
 * following the dodo convention (abi.md §3): entered by jmp with RAX = the
 * context, R8 = return, R9 = event; they leave with RSP as they found it.
 * C reaches the dotted names through asm labels (see dodo_funcs.h). */

        .section .rodata
        .p2align 3
str_boom:       .quad 4
        .ascii  "boom"
        .byte   0
        .p2align 3
str_bad_context: .quad 11
        .ascii  "bad context"
        .byte   0
        .p2align 3
str_bad_continuations: .quad 17
        .ascii  "bad continuations"
        .byte   0
        .p2align 3
str_misaligned: .quad 16
        .ascii  "misaligned stack"
        .byte   0

/* The module context block. */
        .data
        .globl  test
        .p2align 3
test:   .quad   0x7e57

/* What test.scenario does after calling test_hook (both set from C). */
        .globl  test_action
        .p2align 3
test_action: .quad 0
        .globl  test_hook
test_hook: .quad 0

        .text

/* Checks how it was entered (context, two distinct continuations, RSP 16-byte
 * aligned as dodo_enter promises), clobbers every register C preserves, and
 * returns through R8; reports a failed check as an event through R9. */
        .globl  test.check_entry
        .type   test.check_entry, @function
test.check_entry:
        .cfi_startproc
        .cfi_undefined rip
        leaq    test(%rip), %r10
        cmpq    %r10, %rax
        jne     1f
        testq   %r8, %r8
        jz      2f
        testq   %r9, %r9
        jz      2f
        cmpq    %r8, %r9
        je      2f
        testq   $15, %rsp
        jnz     3f
        /* Use the stack, then truncate it back as the convention requires. */
        pushq   %r8
        pushq   %r9
        subq    $4096, %rsp
        movq    $-1, (%rsp)
        addq    $4096, %rsp
        popq    %r9
        popq    %r8
        movq    $-1, %rbx
        movq    $-1, %rbp
        movq    $-1, %r12
        movq    $-1, %r13
        movq    $-1, %r14
        movq    $-1, %r15
        movq    $-1, %rax
        jmp     *%r8
1:      leaq    str_bad_context(%rip), %rax
        jmp     *%r9
2:      leaq    str_bad_continuations(%rip), %rax
        jmp     *%r9
3:      leaq    str_misaligned(%rip), %rax
        jmp     *%r9
        .cfi_endproc
        .size   test.check_entry, .-test.check_entry

/* throw "boom" */
        .globl  test.raise
        .type   test.raise, @function
test.raise:
        .cfi_startproc
        .cfi_undefined rip
        leaq    str_boom(%rip), %rax
        jmp     *%r9
        .cfi_endproc
        .size   test.raise, .-test.raise

/* Calls test_nested_from_dodo() (C, on this stack), which enters dodo code
 * again; takes R9 with its result if that is an event, else R8. */
        .globl  test.nested
        .type   test.nested, @function
test.nested:
        .cfi_startproc
        .cfi_undefined rip
        pushq   %r8
        pushq   %r9
        movq    %rsp, %rbx              /* C preserves RBX */
        andq    $-16, %rsp
        call    test_nested_from_dodo@PLT
        movq    %rbx, %rsp
        popq    %r9
        popq    %r8
        testq   %rax, %rax
        jnz     1f
        jmp     *%r8
1:      jmp     *%r9
        .cfi_endproc
        .size   test.nested, .-test.nested

/* Calls test_hook (if set) from the dodo stack, then does test_action:
 *   0 return   1 throw "boom"   2 recurse forever (jmp, pushing)
 *   3 load from address 0   4 ud2   5 divide by zero
 *   6 recurse forever through a C function with a big frame */
        .globl  test.scenario
        .type   test.scenario, @function
test.scenario:
        .cfi_startproc
        .cfi_undefined rip
        pushq   %r8
        pushq   %r9
        movq    %rsp, %rbx
        andq    $-16, %rsp
        movq    test_hook(%rip), %rcx
        testq   %rcx, %rcx
        jz      1f
        call    *%rcx
1:      movq    %rbx, %rsp
        popq    %r9
        popq    %r8
        movq    test_action(%rip), %rcx
        cmpq    $1, %rcx
        je      .Lraise
        cmpq    $2, %rcx
        je      test.recurse
        cmpq    $3, %rcx
        je      .Lnull
        cmpq    $4, %rcx
        je      .Lillegal
        cmpq    $5, %rcx
        je      .Ldivide
        cmpq    $6, %rcx
        je      .Lrecurse_c
        jmp     *%r8
.Lraise:
        leaq    str_boom(%rip), %rax
        jmp     *%r9
.Lnull:
        xorl    %ecx, %ecx
        movq    (%rcx), %rax
        jmp     *%r8
.Lillegal:
        ud2
.Ldivide:
        movl    $1, %eax
        xorl    %ecx, %ecx
        cqto
        idivq   %rcx
        jmp     *%r8
.Lrecurse_c:
        subq    $64, %rsp
        andq    $-16, %rsp
        call    test_big_frame@PLT
        jmp     .Lrecurse_c
        .cfi_endproc
        .size   test.scenario, .-test.scenario

/* A function that calls itself forever, passing itself a fresh return
 * continuation on the stack each time. */
        .globl  test.recurse
        .type   test.recurse, @function
test.recurse:
        .cfi_startproc
        .cfi_undefined rip
        leaq    test.recurse.k(%rip), %r10
        pushq   %r10
        jmp     test.recurse
test.recurse.k:
        jmp     *%r8
        .cfi_endproc
        .size   test.recurse, .-test.recurse

/* DodoString *test_enter_keeping(void *code, void *context, void *stack_top,
 *                                uint64_t out[8]);
 * A C-callable helper: loads known values into RBX, RBP, R12–R15, calls
 * dodo_enter(code, context, stack_top), then stores what those registers hold
 * afterwards in out[0..5], RSP after the call in out[6] and RSP before it in
 * out[7]. Returns dodo_enter's result. */
        .globl  test_enter_keeping
        .type   test_enter_keeping, @function
test_enter_keeping:
        .cfi_startproc
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %rbp, 0
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %rbx, 0
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %r12, 0
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %r13, 0
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %r14, 0
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset %r15, 0
        pushq   %rcx                    /* out; RSP is now 16-byte aligned */
        .cfi_adjust_cfa_offset 8
        movq    %rsp, 56(%rcx)
        movabsq $0x1111111111111111, %rbx
        movabsq $0x2222222222222222, %rbp
        movabsq $0x3333333333333333, %r12
        movabsq $0x4444444444444444, %r13
        movabsq $0x5555555555555555, %r14
        movabsq $0x6666666666666666, %r15
        call    dodo_enter@PLT
        movq    (%rsp), %rcx
        movq    %rbx, 0(%rcx)
        movq    %rbp, 8(%rcx)
        movq    %r12, 16(%rcx)
        movq    %r13, 24(%rcx)
        movq    %r14, 32(%rcx)
        movq    %r15, 40(%rcx)
        movq    %rsp, 48(%rcx)
        popq    %rcx
        .cfi_adjust_cfa_offset -8
        popq    %r15
        .cfi_adjust_cfa_offset -8
        .cfi_restore %r15
        popq    %r14
        .cfi_adjust_cfa_offset -8
        .cfi_restore %r14
        popq    %r13
        .cfi_adjust_cfa_offset -8
        .cfi_restore %r13
        popq    %r12
        .cfi_adjust_cfa_offset -8
        .cfi_restore %r12
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        .cfi_restore %rbx
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        .cfi_restore %rbp
        ret
        .cfi_endproc
        .size   test_enter_keeping, .-test_enter_keeping

        .section .note.GNU-stack,"",@progbits
