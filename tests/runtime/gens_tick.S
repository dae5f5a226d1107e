/* gens_tick.S — the external generator `def tick(int n) -> yield(int) | end()`
 * of gens.dodo, in assembly (abi.md §4), so that the unwinding of a
 * generator consumed by compiled code can be counted: gens_tick_unwinds.
 *   Yields 1..n. Frame (40 bytes): 0 SP1, 8 i, 16 n, 24 yield, 32 end. */

        .data
        .p2align 3
        .globl  gens_tick_unwinds
gens_tick_unwinds: .quad 0

        .text
        .globl  gens.tick
        .type   gens.tick, @function
        .p2align 4
gens.tick:
        subq    $40, %rsp
        movq    %rdi, 0(%rsp)
        movq    $1, 8(%rsp)
        movq    %rsi, 16(%rsp)
        movq    %r8, 24(%rsp)
        movq    %r9, 32(%rsp)
.Ltick_next:
        movq    8(%rsp), %rax
        cmpq    16(%rsp), %rax
        jg      .Ltick_end
        movq    0(%rsp), %rdi
        leaq    gens.tick.resume(%rip), %r8
        leaq    gens.tick.unwind(%rip), %r9
        jmp     *24(%rsp)
gens.tick.resume:
        movq    %rdi, 0(%rsp)
        movq    %r8, 24(%rsp)
        movq    %r9, 32(%rsp)
        incq    8(%rsp)
        jmp     .Ltick_next
gens.tick.unwind:
        incq    gens_tick_unwinds(%rip)
        movq    %rdi, %rsp
        jmp     *%r9
.Ltick_end:
        movq    32(%rsp), %r11
        movq    0(%rsp), %rsp
        jmp     *%r11
        .size   gens.tick, .-gens.tick

        .section .note.GNU-stack,"",@progbits
