/* lazy_funcs.S — a hand-written generator with a table of lazy resumes
 * (abi.md §12 "Lazy resumes"), for test_gen_lazy.c: what dodoc's lazy code
 * relies on, tested on the runtime alone.
 *
 * lz.counter(n) yields 0, 1, …, n-1. Its frame, U = 32 bytes:
 *   0: k (the count)   8: a = 111   16: b = 222 + fills so far   24: n
 * Its one resume label has an entry: the lazy code copies in k and n only,
 * writes -1 over a and b on the stack (words the entry does not list as
 * written: the runtime must not copy them out), then adds 1 to k. For an
 * odd k it yields at once (only k goes out). For an even k it calls
 * dodo_gen_fill with every general register and the flags set to known
 * values, checks that all of them survive and that a and b came back from
 * the buffer, and adds 1 to b (the yield after a fill copies out the whole
 * segment). Anything wrong raises the event "corrupt"; the count of fills
 * is in lz_fills. */

        .section .rodata
        .p2align 3
str_corrupt:    .quad 7
        .ascii  "corrupt"
        .byte   0

        .section .data.rel.ro,"aw"
        .p2align 3
        .globl  lz.counter.resumes
lz.counter.resumes:
        .quad   1
lz.counter.entry:
        .quad   lz.counter.lazy, 32, 0, 0x1     /* code, U, first word, mask: k */

        .data
        .p2align 3
        .globl  lz_fills
lz_fills:       .quad 0
flags_before:   .quad 0
flags_after:    .quad 0

        .text

/* RDI = SP1, RSI = n, R8 = yield, R9 = end, R10 = event. */
        .globl  lz.counter
        .type   lz.counter, @function
        .p2align 4
lz.counter:
        subq    $32, %rsp
        movq    $0, 0(%rsp)
        movq    $111, 8(%rsp)
        movq    $222, 16(%rsp)
        movq    %rsi, 24(%rsp)
/* Yields k unless k = n (the end). Reads k and n only. */
lz.counter.step:
        movq    0(%rsp), %rax
        cmpq    24(%rsp), %rax
        jge     lz.counter.end
        movq    %r8, %r11
        leaq    lz.counter.resume(%rip), %r8
        leaq    lz.counter.unwind(%rip), %r9
        leaq    lz.counter.entry(%rip), %r10
        jmp     *%r11
lz.counter.end:
        movq    %rdi, %rsp
        jmp     *%r9
lz.counter.unwind:
        movq    %rdi, %rsp
        jmp     *%r9
lz.counter.corrupt:                     /* R10 = event, RDI = SP1 */
        movq    %rdi, %rsp
        leaq    str_corrupt(%rip), %rax
        jmp     *%r10

/* A resume of the whole segment (dodo_gen_next, or a step that did not
 * take the entry): b must be 222 + the fills so far. */
lz.counter.resume:
        addq    $1, 0(%rsp)
        cmpq    $111, 8(%rsp)
        jne     lz.counter.corrupt
        movq    lz_fills(%rip), %rax
        addq    $222, %rax
        cmpq    %rax, 16(%rsp)
        jne     lz.counter.corrupt
        jmp     lz.counter.step

/* The lazy resume: RSP = SP1 - 32 claimed, RSI = the buffer. */
lz.counter.lazy:
        movq    0(%rsi), %rax
        movq    %rax, 0(%rsp)
        movq    24(%rsi), %rax
        movq    %rax, 24(%rsp)
        movq    $-1, 8(%rsp)
        movq    $-1, 16(%rsp)
        addq    $1, 0(%rsp)
        testq   $1, 0(%rsp)
        jnz     lz.counter.step
        /* the continuations and SP1 wait in XMM registers the fill keeps */
        movq    %r8, %xmm8
        movq    %r9, %xmm9
        movq    %r10, %xmm10
        movq    %rdi, %xmm11
        movl    $0x11111111, %eax
        movl    $0x22222222, %ebx
        movl    $0x33333333, %ecx
        movl    $0x44444444, %edx
        movl    $0x55555555, %esi
        movl    $0x66666666, %edi
        movl    $0x77777777, %ebp
        movl    $0x08080808, %r8d
        movl    $0x09090909, %r9d
        movl    $0x10101010, %r10d
        movl    $0x11111112, %r11d
        movl    $0x12121212, %r12d
        movl    $0x13131313, %r13d
        movl    $0x14141414, %r14d
        movl    $0x15151515, %r15d
        cmpq    $0x7fffffff, %r15       /* CF and SF set, ZF clear */
        pushfq
        popq    flags_before(%rip)
        pushq   $32
        call    dodo_gen_fill@PLT
        pushfq
        popq    flags_after(%rip)
        cmpq    $0x11111111, %rax
        jne     1f
        cmpq    $0x22222222, %rbx
        jne     1f
        cmpq    $0x33333333, %rcx
        jne     1f
        cmpq    $0x44444444, %rdx
        jne     1f
        cmpq    $0x55555555, %rsi
        jne     1f
        cmpq    $0x66666666, %rdi
        jne     1f
        cmpq    $0x77777777, %rbp
        jne     1f
        cmpq    $0x08080808, %r8
        jne     1f
        cmpq    $0x09090909, %r9
        jne     1f
        cmpq    $0x10101010, %r10
        jne     1f
        cmpq    $0x11111112, %r11
        jne     1f
        cmpq    $0x12121212, %r12
        jne     1f
        cmpq    $0x13131313, %r13
        jne     1f
        cmpq    $0x14141414, %r14
        jne     1f
        cmpq    $0x15151515, %r15
        jne     1f
        movq    flags_before(%rip), %rax
        cmpq    %rax, flags_after(%rip)
        jne     1f
        movq    %xmm8, %r8
        movq    %xmm9, %r9
        movq    %xmm10, %r10
        movq    %xmm11, %rdi
        cmpq    $111, 8(%rsp)           /* a and b are back from the buffer */
        jne     lz.counter.corrupt
        movq    lz_fills(%rip), %rax
        addq    $222, %rax
        cmpq    %rax, 16(%rsp)
        jne     lz.counter.corrupt
        addq    $1, 16(%rsp)
        addq    $1, lz_fills(%rip)
        jmp     lz.counter.step
1:      movq    %xmm10, %r10
        movq    %xmm11, %rdi
        jmp     lz.counter.corrupt
        .size   lz.counter, .-lz.counter

/* int test_step(DodoGen *g, int64_t *value): dodo_gen_step from C, its
 * status (ECX) returned and its value (RAX) stored. */
        .globl  test_step
        .type   test_step, @function
        .p2align 4
test_step:
        .cfi_startproc
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        pushq   %rsi
        .cfi_adjust_cfa_offset 56
        call    dodo_gen_step@PLT
        popq    %rsi
        movq    %rax, (%rsi)
        movl    %ecx, %eax
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        .cfi_adjust_cfa_offset -56
        ret
        .cfi_endproc
        .size   test_step, .-test_step

        .section .note.GNU-stack,"",@progbits
