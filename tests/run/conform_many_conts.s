# Externals of conform_many_conts.dodo (abi.md §3): continuations 1-4 in
# R8-R11, the rest on the stack at (%rsp), 8(%rsp), ..., followed by the
# spilled parameters. Each function pops all of them (RSP = R) before
# jumping to a continuation.

# classify(int n) -> neg(int) | zero() | small(int) | big(int) | huge(int) | event
#   R8 = neg, R9 = zero, R10 = small, R11 = big, (%rsp) = huge,
#   8(%rsp) = event. n < 0: neg(n); 0: zero(); 1-9: small(n);
#   10-999: big(n), except 13: event "unlucky"; 1000 and up: huge(n).
	.text
	.globl conform_many_conts.classify
	.type conform_many_conts.classify, @function
	.p2align 4
conform_many_conts.classify:
	movq (%rsp), %rcx
	movq 8(%rsp), %rdx
	addq $16, %rsp
	movq %rdi, %rax
	cmpq $13, %rdi
	je .Lcls.event
	testq %rdi, %rdi
	js .Lcls.neg
	jz .Lcls.zero
	cmpq $10, %rdi
	jl .Lcls.small
	cmpq $1000, %rdi
	jl .Lcls.big
	jmp *%rcx
.Lcls.neg:
	jmp *%r8
.Lcls.zero:
	jmp *%r9
.Lcls.small:
	jmp *%r10
.Lcls.big:
	jmp *%r11
.Lcls.event:
	leaq .Lstr.unlucky(%rip), %rax
	jmp *%rdx
	.size conform_many_conts.classify, .-conform_many_conts.classify

# quad(int n) -> a(int) | b(int) | c(int) | d(int) | event
#   R8-R11 = a-d; the event is continuation 5, so it is at (%rsp).
#   n = 0-3 takes a-d with 10 * n; otherwise event "out of range".
	.globl conform_many_conts.quad
	.type conform_many_conts.quad, @function
	.p2align 4
conform_many_conts.quad:
	movq (%rsp), %rcx
	addq $8, %rsp
	imulq $10, %rdi, %rax
	cmpq $0, %rdi
	je .Lquad.a
	cmpq $1, %rdi
	je .Lquad.b
	cmpq $2, %rdi
	je .Lquad.c
	cmpq $3, %rdi
	je .Lquad.d
	leaq .Lstr.range(%rip), %rax
	jmp *%rcx
.Lquad.a:	jmp *%r8
.Lquad.b:	jmp *%r9
.Lquad.c:	jmp *%r10
.Lquad.d:	jmp *%r11
	.size conform_many_conts.quad, .-conform_many_conts.quad

# route(int k, a, b, c, d, e) -> c1(int) | ... | c6(int) | event
#   R8-R11 = c1-c4, (%rsp) = c5, 8(%rsp) = c6, 16(%rsp) = event,
#   24(%rsp) = d (parameter 5), 32(%rsp) = e (parameter 6).
#   Takes continuation ck with 10000a + 1000b + 100c + 10d + e; any other k
#   raises the event "no route".
	.globl conform_many_conts.route
	.type conform_many_conts.route, @function
	.p2align 4
conform_many_conts.route:
	imulq $10000, %rsi, %rax
	imulq $1000, %rdx, %rdx
	addq %rdx, %rax
	imulq $100, %rcx, %rcx
	addq %rcx, %rax
	movq 24(%rsp), %rdx
	imulq $10, %rdx, %rdx
	addq %rdx, %rax
	addq 32(%rsp), %rax
	movq (%rsp), %rcx
	movq 8(%rsp), %rdx
	movq 16(%rsp), %rsi
	addq $40, %rsp
	cmpq $1, %rdi
	je .Lrt.1
	cmpq $2, %rdi
	je .Lrt.2
	cmpq $3, %rdi
	je .Lrt.3
	cmpq $4, %rdi
	je .Lrt.4
	cmpq $5, %rdi
	je .Lrt.5
	cmpq $6, %rdi
	je .Lrt.6
	leaq .Lstr.noroute(%rip), %rax
	jmp *%rsi
.Lrt.1:	jmp *%r8
.Lrt.2:	jmp *%r9
.Lrt.3:	jmp *%r10
.Lrt.4:	jmp *%r11
.Lrt.5:	jmp *%rcx
.Lrt.6:	jmp *%rdx
	.size conform_many_conts.route, .-conform_many_conts.route

	.section .rodata
	.p2align 3
.Lstr.range:
	.quad 12
	.ascii "out of range\0"
	.p2align 3
.Lstr.unlucky:
	.quad 7
	.ascii "unlucky\0"
	.p2align 3
.Lstr.noroute:
	.quad 8
	.ascii "no route\0"

	.section .note.GNU-stack,"",@progbits
