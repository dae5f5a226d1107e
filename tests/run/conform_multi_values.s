# Externals of conform_multi_values.dodo (abi.md §3).

# divmod(int a, int b) -> return(int, int) | event
#   return(a / b, a % b) in RAX (quotient) and RDX (remainder).
	.text
	.globl conform_multi_values.divmod
	.type conform_multi_values.divmod, @function
	.p2align 4
conform_multi_values.divmod:
	movq %rdi, %rax
	cqto
	idivq %rsi
	jmp *%r8
	.size conform_multi_values.divmod, .-conform_multi_values.divmod

# split(int n) -> pair(int, int) | single(int) | event
#   R8 = pair, R9 = single, R10 = event. n >= 10: pair(n / 10, n % 10);
#   else single(n).
	.globl conform_multi_values.split
	.type conform_multi_values.split, @function
	.p2align 4
conform_multi_values.split:
	movq %rdi, %rax
	cmpq $10, %rdi
	jl 1f
	cqto
	movl $10, %ecx
	idivq %rcx
	jmp *%r8
1:	jmp *%r9
	.size conform_multi_values.split, .-conform_multi_values.split

# stats(int a, b, c, d, e) -> return(int, int, int) | event
#   (%rsp) = e (parameter 5); the 24-byte result area starts at 8(%rsp) = R.
#   return(min, max, sum) of the five, stored at R, R+8, R+16; event
#   "too big" if the maximum exceeds 1000000.
	.globl conform_multi_values.stats
	.type conform_multi_values.stats, @function
	.p2align 4
conform_multi_values.stats:
	movq (%rsp), %rax
	movq %rax, %r10
	movq %rax, %r11
	cmpq %r10, %rdi
	cmovlq %rdi, %r10
	cmpq %r11, %rdi
	cmovgq %rdi, %r11
	addq %rdi, %rax
	cmpq %r10, %rsi
	cmovlq %rsi, %r10
	cmpq %r11, %rsi
	cmovgq %rsi, %r11
	addq %rsi, %rax
	cmpq %r10, %rdx
	cmovlq %rdx, %r10
	cmpq %r11, %rdx
	cmovgq %rdx, %r11
	addq %rdx, %rax
	cmpq %r10, %rcx
	cmovlq %rcx, %r10
	cmpq %r11, %rcx
	cmovgq %rcx, %r11
	addq %rcx, %rax
	addq $8, %rsp
	cmpq $1000000, %r11
	jg 1f
	movq %r10, 0(%rsp)
	movq %r11, 8(%rsp)
	movq %rax, 16(%rsp)
	jmp *%r8
1:	leaq .Lstr.big(%rip), %rax
	jmp *%r9
	.size conform_multi_values.stats, .-conform_multi_values.stats

# spread(int a, b, c, d, e) -> trio(int, int, int) | none() | one(int) | two(int, int) | event
#   R8 = trio, R9 = none, R10 = one, R11 = two; five continuations, so the
#   event is on the stack: (%rsp) = event, 8(%rsp) = e (parameter 5), and
#   the 24-byte result area for trio starts at 16(%rsp) = R.
#   a = 0: none(); 1: one(b + c + d + e); 2: two(b + c, d + e);
#   3: trio(b, c, d + e); otherwise event "bad a".
	.globl conform_multi_values.spread
	.type conform_multi_values.spread, @function
	.p2align 4
conform_multi_values.spread:
	addq 8(%rsp), %rcx
	movq (%rsp), %rax
	addq $16, %rsp
	cmpq $0, %rdi
	je 1f
	cmpq $1, %rdi
	je 2f
	cmpq $2, %rdi
	je 3f
	cmpq $3, %rdi
	je 4f
	movq %rax, %rdi
	leaq .Lstr.bada(%rip), %rax
	jmp *%rdi
1:	jmp *%r9
2:	leaq (%rsi,%rdx), %rax
	addq %rcx, %rax
	jmp *%r10
3:	leaq (%rsi,%rdx), %rax
	movq %rcx, %rdx
	jmp *%r11
4:	movq %rsi, 0(%rsp)
	movq %rdx, 8(%rsp)
	movq %rcx, 16(%rsp)
	jmp *%r8
	.size conform_multi_values.spread, .-conform_multi_values.spread

	.section .rodata
	.p2align 3
.Lstr.bada:
	.quad 5
	.ascii "bad a\0"
	.p2align 3
.Lstr.big:
	.quad 7
	.ascii "too big\0"

	.section .note.GNU-stack,"",@progbits
