/* gen_funcs.S — hand-written dodo generators of module `test` (abi.md §4)
 * that test_gen_asm.c drives through dodo_gen_*.
 *
 * Every generator checks how it is entered, at its start and at every
 * resume: RAX = the context `test`, R8/R9/R10 non-zero and distinct;
 * otherwise it raises "bad entry". Each keeps SP1 (from RDI) in its frame and
 * comes back with RSP = SP1 at its end, at an event and after an unwind. */

        .section .rodata
        .p2align 3
str_asm_boom:   .quad 8
        .ascii  "asm boom"
        .byte   0
        .p2align 3
str_bad_entry:  .quad 9
        .ascii  "bad entry"
        .byte   0
        .p2align 3
str_corrupt:    .quad 7
        .ascii  "corrupt"
        .byte   0

        .data
        .p2align 3
/* Unwinds of test.count, test.probe and test.breathe. */
        .globl  test_gen_unwinds
test_gen_unwinds: .quad 0
/* How many values test.flat still yields. */
        .globl  test_flat_left
test_flat_left: .quad 0

        .text

/* Start or resume: the registers as abi.md §4 promises them. */
        .macro  check_entry
        leaq    test(%rip), %r11
        cmpq    %r11, %rax
        jne     test.bad_entry
        testq   %r8, %r8
        jz      test.bad_entry
        testq   %r9, %r9
        jz      test.bad_entry
        testq   %r10, %r10
        jz      test.bad_entry
        cmpq    %r8, %r9
        je      test.bad_entry
        cmpq    %r8, %r10
        je      test.bad_entry
        cmpq    %r9, %r10
        je      test.bad_entry
        .endm

/* RDI = SP1, R10 = event (if there is one...). */
        .type   test.bad_entry, @function
test.bad_entry:
        movq    %rdi, %rsp
        leaq    str_bad_entry(%rip), %rax
        jmp     *%r10
        .size   test.bad_entry, .-test.bad_entry

/* count(int from, to, failAt) -> yield(int) | end()
 *   Yields from, from+1, ..., to; raises "asm boom" instead of yielding
 *   failAt (0: never). Frame (56 bytes): 0 SP1, 8 i, 16 to, 24 failAt,
 *   32 yield, 40 end, 48 event. */
        .globl  test.count
        .type   test.count, @function
        .p2align 4
test.count:
        check_entry
        subq    $56, %rsp
        movq    %rdi, 0(%rsp)
        movq    %rsi, 8(%rsp)
        movq    %rdx, 16(%rsp)
        movq    %rcx, 24(%rsp)
        movq    %r8, 32(%rsp)
        movq    %r9, 40(%rsp)
        movq    %r10, 48(%rsp)
.Lcount_next:
        movq    8(%rsp), %rax
        cmpq    16(%rsp), %rax
        jg      .Lcount_end
        cmpq    24(%rsp), %rax
        je      .Lcount_fail
        movq    0(%rsp), %rdi
        leaq    test.count.resume(%rip), %r8
        leaq    test.count.unwind(%rip), %r9
        jmp     *32(%rsp)
test.count.resume:
        check_entry
        movq    %rdi, 0(%rsp)
        movq    %r8, 32(%rsp)
        movq    %r9, 40(%rsp)
        movq    %r10, 48(%rsp)
        incq    8(%rsp)
        jmp     .Lcount_next
test.count.unwind:
        incq    test_gen_unwinds(%rip)
        movq    %rdi, %rsp
        jmp     *%r9
.Lcount_end:
        movq    40(%rsp), %r11
        movq    0(%rsp), %rsp
        jmp     *%r11
.Lcount_fail:
        movq    48(%rsp), %r11
        movq    0(%rsp), %rsp
        leaq    str_asm_boom(%rip), %rax
        jmp     *%r11
        .size   test.count, .-test.count

/* probe(int n) -> yield(int) | end()
 *   For i = 1..n: pushes i % 3 marker words (so its RSP takes both
 *   alignments mod 16) and their count, calls the C function
 *   test_gen_probe(i) after aligning RSP the way compiled code does, and
 *   yields what it returns. On resume it checks the markers.
 *   Frame (48 bytes): 0 SP1, 8 i, 16 n, 24 yield, 32 end, 40 event; below
 *   it at a yield: the markers (each = i), then their count at RSP. */
        .globl  test.probe
        .type   test.probe, @function
        .p2align 4
test.probe:
        check_entry
        subq    $48, %rsp
        movq    %rdi, 0(%rsp)
        movq    $1, 8(%rsp)
        movq    %rsi, 16(%rsp)
        movq    %r8, 24(%rsp)
        movq    %r9, 32(%rsp)
        movq    %r10, 40(%rsp)
.Lprobe_next:
        movq    8(%rsp), %rax
        cmpq    16(%rsp), %rax
        jg      .Lprobe_end
        xorl    %edx, %edx
        movl    $3, %r11d
        divq    %r11                    /* RDX = i % 3 */
        movq    8(%rsp), %rax
        movq    %rdx, %rcx
1:      testq   %rcx, %rcx
        jz      2f
        pushq   %rax
        decq    %rcx
        jmp     1b
2:      pushq   %rdx
        movq    %rax, %rdi
        movq    %rsp, %rbx              /* as compiled code calls C */
        andq    $-16, %rsp
        call    test_gen_probe@PLT
        movq    %rbx, %rsp
        movq    (%rsp), %rcx
        leaq    8(%rsp,%rcx,8), %r11    /* frame base */
        movq    0(%r11), %rdi
        leaq    test.probe.resume(%rip), %r8
        leaq    test.probe.unwind(%rip), %r9
        jmp     *24(%r11)
test.probe.resume:
        check_entry
        movq    (%rsp), %rcx
        leaq    8(%rsp,%rcx,8), %r11
        movq    %rdi, 0(%r11)
        movq    %r8, 24(%r11)
        movq    %r9, 32(%r11)
        movq    %r10, 40(%r11)
        movq    8(%r11), %rax
1:      testq   %rcx, %rcx
        jz      2f
        cmpq    %rax, (%rsp,%rcx,8)
        jne     .Lprobe_corrupt
        decq    %rcx
        jmp     1b
2:      movq    %r11, %rsp
        incq    8(%rsp)
        jmp     .Lprobe_next
test.probe.unwind:
        incq    test_gen_unwinds(%rip)
        movq    %rdi, %rsp
        jmp     *%r9
.Lprobe_end:
        movq    32(%rsp), %r11
        movq    0(%rsp), %rsp
        jmp     *%r11
.Lprobe_corrupt:                        /* R11 = frame base, R10 = event */
        movq    0(%r11), %rsp
        leaq    str_corrupt(%rip), %rax
        jmp     *%r10
        .size   test.probe, .-test.probe

/* breathe(int n, words) -> yield(int) | end()
 *   `words` is the address of an int64 table (C's). For i = 0..n-1 it
 *   pushes words[i] marker words (word k = i * 65536 + k) and their count,
 *   and yields its live size, SP1 - RSP. On resume it checks the markers
 *   and pops them. Frame (56 bytes): 0 SP1, 8 i, 16 n, 24 table, 32 yield,
 *   40 end, 48 event. */
        .globl  test.breathe
        .type   test.breathe, @function
        .p2align 4
test.breathe:
        check_entry
        subq    $56, %rsp
        movq    %rdi, 0(%rsp)
        movq    $0, 8(%rsp)
        movq    %rsi, 16(%rsp)
        movq    %rdx, 24(%rsp)
        movq    %r8, 32(%rsp)
        movq    %r9, 40(%rsp)
        movq    %r10, 48(%rsp)
.Lbreathe_next:
        movq    8(%rsp), %rax
        cmpq    16(%rsp), %rax
        jge     .Lbreathe_end
        movq    %rsp, %r11              /* frame base */
        movq    24(%rsp), %rcx
        movq    (%rcx,%rax,8), %rcx     /* words */
        movq    %rcx, %rsi
        shlq    $16, %rax
1:      testq   %rcx, %rcx
        jz      2f
        decq    %rcx
        leaq    (%rax,%rcx), %rdx
        pushq   %rdx
        jmp     1b
2:      pushq   %rsi
        movq    0(%r11), %rdi
        movq    %rdi, %rax
        subq    %rsp, %rax              /* the live size */
        leaq    test.breathe.resume(%rip), %r8
        leaq    test.breathe.unwind(%rip), %r9
        jmp     *32(%r11)
test.breathe.resume:
        check_entry
        movq    (%rsp), %rcx
        leaq    8(%rsp,%rcx,8), %r11
        movq    %rdi, 0(%r11)
        movq    %r8, 32(%r11)
        movq    %r9, 40(%r11)
        movq    %r10, 48(%r11)
        movq    8(%r11), %rax
        shlq    $16, %rax
1:      testq   %rcx, %rcx
        jz      2f
        decq    %rcx
        leaq    (%rax,%rcx), %rdx
        cmpq    %rdx, 8(%rsp,%rcx,8)
        jne     .Lbreathe_corrupt
        jmp     1b
2:      movq    %r11, %rsp
        incq    8(%rsp)
        jmp     .Lbreathe_next
test.breathe.unwind:
        incq    test_gen_unwinds(%rip)
        movq    %rdi, %rsp
        jmp     *%r9
.Lbreathe_end:
        movq    40(%rsp), %r11
        movq    0(%rsp), %rsp
        jmp     *%r11
.Lbreathe_corrupt:
        movq    0(%r11), %rsp
        leaq    str_corrupt(%rip), %rax
        jmp     *%r10
        .size   test.breathe, .-test.breathe

/* args(int a, b, c, d, e, f, g, h) -> yield(int) | end()
 *   Yields its eight parameters in order: a, b, c from RSI, RDX, RCX; d..h
 *   from SP2, d nearest RSP. Frame (56 bytes): 0 SP1, 8 k, 16 yield, 24 end,
 *   32 a, 40 b, 48 c; d..h follow at 56..88, where the consumer put them. */
        .globl  test.args
        .type   test.args, @function
        .p2align 4
test.args:
        check_entry
        subq    $56, %rsp
        movq    %rdi, 0(%rsp)
        movq    $0, 8(%rsp)
        movq    %r8, 16(%rsp)
        movq    %r9, 24(%rsp)
        movq    %rsi, 32(%rsp)
        movq    %rdx, 40(%rsp)
        movq    %rcx, 48(%rsp)
.Largs_next:
        movq    8(%rsp), %rcx
        cmpq    $8, %rcx
        je      .Largs_end
        movq    32(%rsp,%rcx,8), %rax
        movq    0(%rsp), %rdi
        leaq    test.args.resume(%rip), %r8
        leaq    test.args.unwind(%rip), %r9
        jmp     *16(%rsp)
test.args.resume:
        check_entry
        movq    %rdi, 0(%rsp)
        movq    %r8, 16(%rsp)
        movq    %r9, 24(%rsp)
        incq    8(%rsp)
        jmp     .Largs_next
test.args.unwind:
        movq    %rdi, %rsp
        jmp     *%r9
.Largs_end:
        movq    24(%rsp), %r11
        movq    0(%rsp), %rsp
        jmp     *%r11
        .size   test.args, .-test.args

/* flat() -> yield(int) | end()
 *   No frame at all: yields 42 with RSP = SP1 (an empty live segment) while
 *   test_flat_left > 0, decrementing it. */
        .globl  test.flat
        .type   test.flat, @function
        .p2align 4
test.flat:
        check_entry
        cmpq    %rdi, %rsp
        jne     test.bad_entry
.Lflat_next:
        cmpq    $0, test_flat_left(%rip)
        je      .Lflat_end
        decq    test_flat_left(%rip)
        movq    %r8, %r11
        movl    $42, %eax
        leaq    test.flat.resume(%rip), %r8
        leaq    test.flat.unwind(%rip), %r9
        jmp     *%r11
test.flat.resume:
        check_entry
        cmpq    %rdi, %rsp
        jne     test.bad_entry
        jmp     .Lflat_next
test.flat.unwind:
        movq    %rdi, %rsp
        jmp     *%r9
.Lflat_end:
        jmp     *%r9
        .size   test.flat, .-test.flat

        .section .note.GNU-stack,"",@progbits
