# Externals of struct_conform_2slot.dodo (abi.md §1 and §3): a struct of two
# slots comes back in RAX (first slot) and RDX (second); as a parameter it
# is spilled, laid out as in memory, and takes no register. No callee here
# has a result too large for RDX:RAX, so nothing is reserved above the
# spilled parameters: R = RSP + their size, and the callee sets RSP = R
# before it jumps to a continuation.
	.text

# swap(point p) -> return(point) | event
#   (%rsp) = p.x, 8(%rsp) = p.y; return(point(x: p.y, y: p.x)).
	.globl struct_conform_2slot.swap
	.type struct_conform_2slot.swap, @function
	.p2align 4
struct_conform_2slot.swap:
	movq 8(%rsp), %rax
	movq 0(%rsp), %rdx
	addq $16, %rsp
	jmp *%r8
	.size struct_conform_2slot.swap, .-struct_conform_2slot.swap

# move(point p, int dx, int dy) -> return(point) | event
#   p on the stack ((%rsp) = x, 8(%rsp) = y), dx in RDI, dy in RSI (the
#   first two one-slot parameters); return(point(x: x + dx, y: y + dy)).
	.globl struct_conform_2slot.move
	.type struct_conform_2slot.move, @function
	.p2align 4
struct_conform_2slot.move:
	movq 0(%rsp), %rax
	addq %rdi, %rax
	movq 8(%rsp), %rdx
	addq %rsi, %rdx
	addq $16, %rsp
	jmp *%r8
	.size struct_conform_2slot.move, .-struct_conform_2slot.move

# mid(int a, point p, point q, int b) -> inside(point) | outside(int, int) | event
#   RDI = a, RSI = b; p at (%rsp) and 8(%rsp), q at 16(%rsp) and 24(%rsp).
#   R8 = inside, R9 = outside, R10 = event.
#   x = p.x + 10 q.x + 100 a, y = p.y + 10 q.y + 100 b;
#   a = 0: event "a is zero"; x < 0: outside(x, y); else inside(point(x, y)).
	.globl struct_conform_2slot.mid
	.type struct_conform_2slot.mid, @function
	.p2align 4
struct_conform_2slot.mid:
	movq 0(%rsp), %rax
	movq 16(%rsp), %r11
	imulq $10, %r11, %r11
	addq %r11, %rax
	imulq $100, %rdi, %r11
	addq %r11, %rax
	movq 8(%rsp), %rdx
	movq 24(%rsp), %r11
	imulq $10, %r11, %r11
	addq %r11, %rdx
	imulq $100, %rsi, %r11
	addq %r11, %rdx
	addq $32, %rsp
	testq %rdi, %rdi
	jz 2f
	testq %rax, %rax
	js 1f
	jmp *%r8
1:	jmp *%r9
2:	leaq .Lstr.azero(%rip), %rax
	jmp *%r10
	.size struct_conform_2slot.mid, .-struct_conform_2slot.mid

# bumpTag(tagged t) -> return(tagged) | event
#   (%rsp) = t.name (a String), 8(%rsp) = t.n;
#   return(tagged(name: t.name, n: t.n + 1)).
	.globl struct_conform_2slot.bumpTag
	.type struct_conform_2slot.bumpTag, @function
	.p2align 4
struct_conform_2slot.bumpTag:
	movq 0(%rsp), %rax
	movq 8(%rsp), %rdx
	incq %rdx
	addq $16, %rsp
	jmp *%r8
	.size struct_conform_2slot.bumpTag, .-struct_conform_2slot.bumpTag

# newTag(int n) -> return(tagged) | event
#   return(tagged(name: "say ""hi""", n: n)): a String of this file.
	.globl struct_conform_2slot.newTag
	.type struct_conform_2slot.newTag, @function
	.p2align 4
struct_conform_2slot.newTag:
	leaq .Lstr.sayhi(%rip), %rax
	movq %rdi, %rdx
	jmp *%r8
	.size struct_conform_2slot.newTag, .-struct_conform_2slot.newTag

# pixel(int r, int s) -> return(pix) | event
#   return(pix(r: r mod 256, s: the low byte of s as an int8)): the uint8 in
#   AL and the int8 in DL, with garbage in the upper bits of both registers.
	.globl struct_conform_2slot.pixel
	.type struct_conform_2slot.pixel, @function
	.p2align 4
struct_conform_2slot.pixel:
	movabsq $0x0123456789abcd00, %rax
	movb %dil, %al
	movabsq $0x7edcba9876543200, %rdx
	movb %sil, %dl
	jmp *%r8
	.size struct_conform_2slot.pixel, .-struct_conform_2slot.pixel

# sumPix(pix p) -> return(int) | event
#   (%rsp) = p.r (uint8), 8(%rsp) = p.s (int8), their upper bits
#   unspecified: zero- and sign-extended here; return(p.r + p.s).
	.globl struct_conform_2slot.sumPix
	.type struct_conform_2slot.sumPix, @function
	.p2align 4
struct_conform_2slot.sumPix:
	movzbq 0(%rsp), %rax
	movsbq 8(%rsp), %rdx
	addq %rdx, %rax
	addq $16, %rsp
	jmp *%r8
	.size struct_conform_2slot.sumPix, .-struct_conform_2slot.sumPix

# viaDodo(point p) -> return(point) | event
#   Adds 1000 to p.x where it lies and tail-calls the compiled mirror with
#   the same stack (p at (%rsp)), its own R8 and R9, RAX = module context.
	.globl struct_conform_2slot.viaDodo
	.type struct_conform_2slot.viaDodo, @function
	.p2align 4
struct_conform_2slot.viaDodo:
	addq $1000, 0(%rsp)
	leaq struct_conform_2slot(%rip), %rax
	jmp struct_conform_2slot.mirror
	.size struct_conform_2slot.viaDodo, .-struct_conform_2slot.viaDodo

# normVia(int x, int y) -> return(int) | event
#   Calls the compiled mk(x, y) -> return(point) | event with RDI, RSI as
#   received and continuations of its own; its frame: 0 = return, 8 = event.
#   mk's point comes back in RAX, RDX with RSP where it was at the jmp:
#   return(100 p.x + p.y). mk's event (RAX = the String) goes on to
#   normVia's event continuation.
	.globl struct_conform_2slot.normVia
	.type struct_conform_2slot.normVia, @function
	.p2align 4
struct_conform_2slot.normVia:
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq .LnormVia.back(%rip), %r8
	leaq .LnormVia.event(%rip), %r9
	leaq struct_conform_2slot(%rip), %rax
	jmp struct_conform_2slot.mk
.LnormVia.back:
	imulq $100, %rax, %rax
	addq %rdx, %rax
	movq 0(%rsp), %r8
	addq $16, %rsp
	jmp *%r8
.LnormVia.event:
	movq 8(%rsp), %r9
	addq $16, %rsp
	jmp *%r9
	.size struct_conform_2slot.normVia, .-struct_conform_2slot.normVia

	.section .rodata
	.p2align 3
.Lstr.azero:
	.quad 9
	.ascii "a is zero\0"
	.p2align 3
.Lstr.sayhi:
	.quad 8
	.ascii "say \"hi\"\0"

	.section .note.GNU-stack,"",@progbits
