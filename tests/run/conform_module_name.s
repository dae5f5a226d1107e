# triple(int n) -> return(int) | event, for the module `geo`:
#   returns 3 * half(n) (half is compiled dodo: geo.half), or raises
#   "bad context" when RAX is not the context block `geo`, or "negative"
#   when n < 0.
	.text
	.globl geo.triple
	.type geo.triple, @function
	.p2align 4
geo.triple:
	leaq geo(%rip), %r11
	cmpq %r11, %rax
	jne 1f
	testq %rdi, %rdi
	js 2f
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq geo.triple.back(%rip), %r8
	leaq geo.triple.event(%rip), %r9
	leaq geo(%rip), %rax
	jmp geo.half
geo.triple.back:
	imulq $3, %rax, %rax
	movq 0(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
geo.triple.event:
	movq 8(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
1:	leaq .Lbadctx(%rip), %rax
	jmp *%r9
2:	leaq .Lneg(%rip), %rax
	jmp *%r9
	.size geo.triple, .-geo.triple

	.section .rodata
	.p2align 3
.Lbadctx:
	.quad 11
	.ascii "bad context\0"
	.p2align 3
.Lneg:
	.quad 8
	.ascii "negative\0"

	.section .note.GNU-stack,"",@progbits
