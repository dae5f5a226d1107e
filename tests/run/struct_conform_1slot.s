# Externals of struct_conform_1slot.dodo (abi.md §1 and §3): a struct of one
# slot is passed and returned as one register, like an int.
	.text

# bump(cell c, int d) -> return(cell) | event
#   RDI = c.v, RSI = d; return(cell(v: c.v + d)) in RAX.
	.globl struct_conform_1slot.bump
	.type struct_conform_1slot.bump, @function
	.p2align 4
struct_conform_1slot.bump:
	leaq (%rdi,%rsi), %rax
	jmp *%r8
	.size struct_conform_1slot.bump, .-struct_conform_1slot.bump

# scale(int k, cell c) -> return(cell) | zero() | event
#   RDI = k, RSI = c.v; R8 = return, R9 = zero, R10 = event.
#   k < 0: event "negative k"; k * c.v = 0: zero(); else
#   return(cell(v: k * c.v)).
	.globl struct_conform_1slot.scale
	.type struct_conform_1slot.scale, @function
	.p2align 4
struct_conform_1slot.scale:
	testq %rdi, %rdi
	js 1f
	movq %rdi, %rax
	imulq %rsi, %rax
	testq %rax, %rax
	jz 2f
	jmp *%r8
2:	jmp *%r9
1:	leaq .Lstr.negk(%rip), %rax
	jmp *%r10
	.size struct_conform_1slot.scale, .-struct_conform_1slot.scale

# five(cell a, int b, cell c, int d, cell e) -> return(int) | event
#   Five one-slot parameters: RDI = a.v, RSI = b, RDX = c.v, RCX = d, and
#   e.v spilled at (%rsp); the callee pops it (RSP = R) before returning
#   a + 10b + 100c + 1000d + 10000e.
	.globl struct_conform_1slot.five
	.type struct_conform_1slot.five, @function
	.p2align 4
struct_conform_1slot.five:
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
	.size struct_conform_1slot.five, .-struct_conform_1slot.five

# flip(flag f) -> return(flag) | event
#   RDI = f.on (0 or 1); return(flag(on: not f.on)).
	.globl struct_conform_1slot.flip
	.type struct_conform_1slot.flip, @function
	.p2align 4
struct_conform_1slot.flip:
	movq %rdi, %rax
	xorq $1, %rax
	jmp *%r8
	.size struct_conform_1slot.flip, .-struct_conform_1slot.flip

# low(int n) -> return(byte) | event
#   return(byte(b: n mod 256)): the uint8 in AL, garbage in the upper bits
#   of RAX (abi.md §1: the upper bits of a sized integer are unspecified).
	.globl struct_conform_1slot.low
	.type struct_conform_1slot.low, @function
	.p2align 4
struct_conform_1slot.low:
	movabsq $0x5a5a5a5a5a5a5a00, %rax
	movb %dil, %al
	jmp *%r8
	.size struct_conform_1slot.low, .-struct_conform_1slot.low

# rewrap(cell c, wrap w) -> return(wrap) | event
#   RDI = c.v, RSI = w.c.v (a wrap is one slot); return(wrap(c: cell(v:
#   c.v + w.c.v))).
	.globl struct_conform_1slot.rewrap
	.type struct_conform_1slot.rewrap, @function
	.p2align 4
struct_conform_1slot.rewrap:
	leaq (%rdi,%rsi), %rax
	jmp *%r8
	.size struct_conform_1slot.rewrap, .-struct_conform_1slot.rewrap

# callBack(cell c) -> return(cell) | event
#   A tail call of the compiled back(cell(v: c.v + 1)): the cell in RDI,
#   back's continuations are callBack's own (R8, R9), RAX the module context.
	.globl struct_conform_1slot.callBack
	.type struct_conform_1slot.callBack, @function
	.p2align 4
struct_conform_1slot.callBack:
	incq %rdi
	leaq struct_conform_1slot(%rip), %rax
	jmp struct_conform_1slot.back
	.size struct_conform_1slot.callBack, .-struct_conform_1slot.callBack

	.section .rodata
	.p2align 3
.Lstr.negk:
	.quad 10
	.ascii "negative k\0"

	.section .note.GNU-stack,"",@progbits
