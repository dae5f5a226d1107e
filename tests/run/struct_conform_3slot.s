# Externals of struct_conform_3slot.dodo (abi.md §1 and §3). At the jmp, from
# the top of the stack: the continuations beyond the fourth, the spilled
# parameters (structs wider than a slot, laid out as in memory, and one-slot
# parameters beyond the fourth), then R: the result area, as large as the
# largest value any continuation of the callee receives when that is more
# than two slots. The callee sets RSP = R, stores slot i of a wide result at
# R + 8i, and jumps.
	.text

# rotate(vec3 v) -> return(vec3) | event
#   v at 0, 8, 16(%rsp); R = RSP + 24, 24 bytes of result;
#   return(vec3(x: v.y, y: v.z, z: v.x)).
	.globl struct_conform_3slot.rotate
	.type struct_conform_3slot.rotate, @function
	.p2align 4
struct_conform_3slot.rotate:
	movq 0(%rsp), %rax
	movq 8(%rsp), %rdx
	movq 16(%rsp), %rcx
	addq $24, %rsp
	movq %rdx, 0(%rsp)
	movq %rcx, 8(%rsp)
	movq %rax, 16(%rsp)
	jmp *%r8
	.size struct_conform_3slot.rotate, .-struct_conform_3slot.rotate

# split(vec3 v, int k) -> big(vec3, int) | small(int) | event
#   k in RDI; v at 0, 8, 16(%rsp); R = RSP + 24, 32 bytes of result (big
#   carries four slots). R8 = big, R9 = small, R10 = event.
#   k < 0: event "negative k". With s = v.x + v.y + v.z: s > k:
#   big(vec3(x: k v.x, y: k v.y, z: k v.z), s) at R .. R+24; else small(s).
	.globl struct_conform_3slot.split
	.type struct_conform_3slot.split, @function
	.p2align 4
struct_conform_3slot.split:
	testq %rdi, %rdi
	js 1f
	movq 0(%rsp), %rax
	movq 8(%rsp), %rdx
	movq 16(%rsp), %rcx
	addq $24, %rsp
	movq %rax, %rsi
	addq %rdx, %rsi
	addq %rcx, %rsi
	cmpq %rdi, %rsi
	jle 2f
	imulq %rdi, %rax
	imulq %rdi, %rdx
	imulq %rdi, %rcx
	movq %rax, 0(%rsp)
	movq %rdx, 8(%rsp)
	movq %rcx, 16(%rsp)
	movq %rsi, 24(%rsp)
	jmp *%r8
2:	movq %rsi, %rax
	jmp *%r9
1:	addq $24, %rsp
	leaq .Lstr.negk(%rip), %rax
	jmp *%r10
	.size struct_conform_3slot.split, .-struct_conform_3slot.split

# mkseg(int a, b, c, d, e) -> return(seg) | event
#   RDI..RCX = a..d, e spilled at (%rsp); R = RSP + 8, 24 bytes of result.
#   return(seg(a: point(x: a b, y: c d), name: "pos" if e > 0 else
#   "not pos")).
	.globl struct_conform_3slot.mkseg
	.type struct_conform_3slot.mkseg, @function
	.p2align 4
struct_conform_3slot.mkseg:
	movq 0(%rsp), %r11
	addq $8, %rsp
	imulq %rsi, %rdi
	imulq %rcx, %rdx
	movq %rdi, 0(%rsp)
	movq %rdx, 8(%rsp)
	leaq .Lstr.pos(%rip), %rax
	leaq .Lstr.notpos(%rip), %rcx
	testq %r11, %r11
	cmovleq %rcx, %rax
	movq %rax, 16(%rsp)
	jmp *%r8
	.size struct_conform_3slot.mkseg, .-struct_conform_3slot.mkseg

# pick(seg s, vec3 v, int i)
#     -> none() | one(int) | two(point) | three(vec3) | all(seg, vec3) | event
#   R8 = none, R9 = one, R10 = two, R11 = three; on the stack: (%rsp) = all
#   (the fifth continuation), 8(%rsp) = event, then the spilled parameters:
#   s at 16, 24, 32(%rsp) (a.x, a.y, name), v at 40, 48, 56(%rsp); i in RDI.
#   R = RSP + 64, 48 bytes of result (all carries six slots).
#   i = 0: none(); 1: one(s.a.x + v.x); 2: two(point(x: s.a.y, y: v.y));
#   3: three(vec3(x: v.z, y: v.y, z: v.x)); 4: all(s, v); else event "bad i".
	.globl struct_conform_3slot.pick
	.type struct_conform_3slot.pick, @function
	.p2align 4
struct_conform_3slot.pick:
	cmpq $0, %rdi
	je .Lpick.none
	cmpq $1, %rdi
	je .Lpick.one
	cmpq $2, %rdi
	je .Lpick.two
	cmpq $3, %rdi
	je .Lpick.three
	cmpq $4, %rdi
	je .Lpick.all
	movq 8(%rsp), %rdi
	addq $64, %rsp
	leaq .Lstr.badi(%rip), %rax
	jmp *%rdi
.Lpick.none:
	addq $64, %rsp
	jmp *%r8
.Lpick.one:
	movq 16(%rsp), %rax
	addq 40(%rsp), %rax
	addq $64, %rsp
	jmp *%r9
.Lpick.two:
	movq 24(%rsp), %rax
	movq 48(%rsp), %rdx
	addq $64, %rsp
	jmp *%r10
.Lpick.three:
	movq 56(%rsp), %rax
	movq 48(%rsp), %rdx
	movq 40(%rsp), %rcx
	addq $64, %rsp
	movq %rax, 0(%rsp)
	movq %rdx, 8(%rsp)
	movq %rcx, 16(%rsp)
	jmp *%r11
.Lpick.all:
	movq 0(%rsp), %rdi
	movq 16(%rsp), %rax
	movq %rax, 64(%rsp)
	movq 24(%rsp), %rax
	movq %rax, 72(%rsp)
	movq 32(%rsp), %rax
	movq %rax, 80(%rsp)
	movq 40(%rsp), %rax
	movq %rax, 88(%rsp)
	movq 48(%rsp), %rax
	movq %rax, 96(%rsp)
	movq 56(%rsp), %rax
	movq %rax, 104(%rsp)
	addq $64, %rsp
	jmp *%rdi
	.size struct_conform_3slot.pick, .-struct_conform_3slot.pick

# total3(int a, b, c) -> return(int) | event
#   Calls the compiled make3(a, b, c) -> return(vec3) | event, reserving its
#   24-byte result area at the top of a frame of its own: 0..23 = make3's
#   result (R for make3 = RSP at the jmp: no spilled parameters),
#   24 = return, 32 = event. make3 comes back with RSP = R:
#   return(x + 10 y + 100 z); its event goes on to total3's event.
	.globl struct_conform_3slot.total3
	.type struct_conform_3slot.total3, @function
	.p2align 4
struct_conform_3slot.total3:
	subq $40, %rsp
	movq %r8, 24(%rsp)
	movq %r9, 32(%rsp)
	leaq .Ltotal3.back(%rip), %r8
	leaq .Ltotal3.event(%rip), %r9
	leaq struct_conform_3slot(%rip), %rax
	jmp struct_conform_3slot.make3
.Ltotal3.back:
	movq 8(%rsp), %rax
	imulq $10, %rax, %rax
	movq 16(%rsp), %rdx
	imulq $100, %rdx, %rdx
	addq %rdx, %rax
	addq 0(%rsp), %rax
	movq 24(%rsp), %r8
	addq $40, %rsp
	jmp *%r8
.Ltotal3.event:
	movq 32(%rsp), %r9
	addq $40, %rsp
	jmp *%r9
	.size struct_conform_3slot.total3, .-struct_conform_3slot.total3

# viaDodo(vec3 v) -> return(vec3) | event
#   Adds 10 to v.y where it lies (8(%rsp)) and tail-calls the compiled flipv
#   with the same stack: v spilled, the 24-byte result area above it.
	.globl struct_conform_3slot.viaDodo
	.type struct_conform_3slot.viaDodo, @function
	.p2align 4
struct_conform_3slot.viaDodo:
	addq $10, 8(%rsp)
	leaq struct_conform_3slot(%rip), %rax
	jmp struct_conform_3slot.flipv
	.size struct_conform_3slot.viaDodo, .-struct_conform_3slot.viaDodo

	.section .rodata
	.p2align 3
.Lstr.negk:
	.quad 10
	.ascii "negative k\0"
	.p2align 3
.Lstr.pos:
	.quad 3
	.ascii "pos\0"
	.p2align 3
.Lstr.notpos:
	.quad 7
	.ascii "not pos\0"
	.p2align 3
.Lstr.badi:
	.quad 5
	.ascii "bad i\0"

	.section .note.GNU-stack,"",@progbits
