# Externals of conform_six_params.dodo (abi.md §3). Every one has at most
# four continuations, so on entry (%rsp) is parameter 5 and 8(%rsp)
# parameter 6; the callee pops them (RSP = R) before jumping on.

# weigh5(a, b, c, d, e) -> return(int) | event
#   return(a + 10b + 100c + 1000d + 10000e); RDI..RCX = a..d, (%rsp) = e.
	.text
	.globl conform_six_params.weigh5
	.type conform_six_params.weigh5, @function
	.p2align 4
conform_six_params.weigh5:
	movq %rdi, %rax
	imulq $10, %rsi, %rsi
	addq %rsi, %rax
	imulq $100, %rdx, %rdx
	addq %rdx, %rax
	imulq $1000, %rcx, %rcx
	addq %rcx, %rax
	movq (%rsp), %rdx
	imulq $10000, %rdx, %rdx
	addq %rdx, %rax
	addq $8, %rsp
	jmp *%r8
	.size conform_six_params.weigh5, .-conform_six_params.weigh5

# weigh6(a, b, c, d, e, f) -> return(int) | event
#   return(a + 10b + 100c + 1000d + 10000e + 100000f);
#   (%rsp) = e, 8(%rsp) = f.
	.globl conform_six_params.weigh6
	.type conform_six_params.weigh6, @function
	.p2align 4
conform_six_params.weigh6:
	movq %rdi, %rax
	imulq $10, %rsi, %rsi
	addq %rsi, %rax
	imulq $100, %rdx, %rdx
	addq %rdx, %rax
	imulq $1000, %rcx, %rcx
	addq %rcx, %rax
	movq (%rsp), %rdx
	imulq $10000, %rdx, %rdx
	addq %rdx, %rax
	movq 8(%rsp), %rdx
	imulq $100000, %rdx, %rdx
	addq %rdx, %rax
	addq $16, %rsp
	jmp *%r8
	.size conform_six_params.weigh6, .-conform_six_params.weigh6

# pick6(a, b, c, d, e, f) -> low(int) | high(int) | same() | event
#   R8 = low, R9 = high, R10 = same, R11 = event (all four in registers).
#   s = a + b + c + d; low(s + e) if e < f, high(s + f) if e > f, same()
#   if e = f; event "negative a" if a < 0.
	.globl conform_six_params.pick6
	.type conform_six_params.pick6, @function
	.p2align 4
conform_six_params.pick6:
	testq %rdi, %rdi
	js .Lpick.neg
	leaq (%rdi,%rsi), %rax
	addq %rdx, %rax
	addq %rcx, %rax
	movq (%rsp), %rdi
	movq 8(%rsp), %rsi
	addq $16, %rsp
	cmpq %rsi, %rdi
	jl .Lpick.low
	jg .Lpick.high
	jmp *%r10
.Lpick.low:
	addq %rdi, %rax
	jmp *%r8
.Lpick.high:
	addq %rsi, %rax
	jmp *%r9
.Lpick.neg:
	leaq .Lstr.neg(%rip), %rax
	addq $16, %rsp
	jmp *%r11
	.size conform_six_params.pick6, .-conform_six_params.pick6

	.section .rodata
	.p2align 3
.Lstr.neg:
	.quad 10
	.ascii "negative a\0"

	.section .note.GNU-stack,"",@progbits
