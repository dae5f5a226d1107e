# Externals of conform_call_dodo.dodo that call back into compiled dodo code
# (abi.md §3). No register survives a call, so each keeps its caller's
# continuations in a small frame of its own, and pops it before leaving.

# drive(int n) -> return(int) | event: return(twice(n) + 1); an event of
# twice is passed on to drive's own event continuation.
	.text
	.globl conform_call_dodo.drive
	.type conform_call_dodo.drive, @function
	.p2align 4
conform_call_dodo.drive:
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq conform_call_dodo.drive.back(%rip), %r8
	leaq conform_call_dodo.drive.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.twice
conform_call_dodo.drive.back:
	addq $1, %rax
	movq 0(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
conform_call_dodo.drive.event:
	movq 8(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
	.size conform_call_dodo.drive, .-conform_call_dodo.drive

# probe(int n) -> return(int) | event: calls check(n). Returns 1000 + its
# value, or, when check raises an event, -(1000 * length + first byte) of
# the event string. The frame also records R to check that check() left
# RSP where it was at the jmp.
	.globl conform_call_dodo.probe
	.type conform_call_dodo.probe, @function
	.p2align 4
conform_call_dodo.probe:
	subq $24, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	movq %rsp, 16(%rsp)
	leaq conform_call_dodo.probe.back(%rip), %r8
	leaq conform_call_dodo.probe.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.check
conform_call_dodo.probe.back:
	cmpq %rsp, 16(%rsp)
	jne conform_call_dodo.badrsp
	addq $1000, %rax
	jmp conform_call_dodo.probe.ret
conform_call_dodo.probe.event:
	cmpq %rsp, 16(%rsp)
	jne conform_call_dodo.badrsp
	imulq $1000, (%rax), %rcx
	movzbq 8(%rax), %rax
	addq %rcx, %rax
	negq %rax
conform_call_dodo.probe.ret:
	movq 0(%rsp), %r11
	addq $24, %rsp
	jmp *%r11
	.size conform_call_dodo.probe, .-conform_call_dodo.probe

# relay(int n) -> return(int) | event: return(check(n)); an event of check
# is raised again, unchanged, through relay's own event continuation.
	.globl conform_call_dodo.relay
	.type conform_call_dodo.relay, @function
	.p2align 4
conform_call_dodo.relay:
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq conform_call_dodo.relay.back(%rip), %r8
	leaq conform_call_dodo.relay.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.check
conform_call_dodo.relay.back:
	movq 0(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
conform_call_dodo.relay.event:
	movq 8(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
	.size conform_call_dodo.relay, .-conform_call_dodo.relay

# callMix(int k) -> return(int) | event: calls
#   mix(k, 2, 3, 4, 5, 6) -> c1(int) | c2(int) | c3(int) | c4(int) | c5(int) | event
# with k, 2, 3, 4 in RDI-RCX, c1-c4 in R8-R11 and, on the stack from RSP up:
# c5, event, 5 (parameter 5), 6 (parameter 6). Continuation ci adds
# 100000 * i to the value; mix's event is passed on.
	.globl conform_call_dodo.callMix
	.type conform_call_dodo.callMix, @function
	.p2align 4
conform_call_dodo.callMix:
	subq $24, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	movq %rsp, 16(%rsp)
	subq $32, %rsp
	leaq conform_call_dodo.callMix.c5(%rip), %rax
	movq %rax, 0(%rsp)
	leaq conform_call_dodo.callMix.event(%rip), %rax
	movq %rax, 8(%rsp)
	movq $5, 16(%rsp)
	movq $6, 24(%rsp)
	movl $2, %esi
	movl $3, %edx
	movl $4, %ecx
	leaq conform_call_dodo.callMix.c1(%rip), %r8
	leaq conform_call_dodo.callMix.c2(%rip), %r9
	leaq conform_call_dodo.callMix.c3(%rip), %r10
	leaq conform_call_dodo.callMix.c4(%rip), %r11
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.mix
conform_call_dodo.callMix.c1:
	movl $100000, %ecx
	jmp conform_call_dodo.callMix.back
conform_call_dodo.callMix.c2:
	movl $200000, %ecx
	jmp conform_call_dodo.callMix.back
conform_call_dodo.callMix.c3:
	movl $300000, %ecx
	jmp conform_call_dodo.callMix.back
conform_call_dodo.callMix.c4:
	movl $400000, %ecx
	jmp conform_call_dodo.callMix.back
conform_call_dodo.callMix.c5:
	movl $500000, %ecx
conform_call_dodo.callMix.back:
	cmpq %rsp, 16(%rsp)
	jne conform_call_dodo.badrsp
	addq %rcx, %rax
	movq 0(%rsp), %r11
	addq $24, %rsp
	jmp *%r11
conform_call_dodo.callMix.event:
	cmpq %rsp, 16(%rsp)
	jne conform_call_dodo.badrsp
	movq 8(%rsp), %r11
	addq $24, %rsp
	jmp *%r11
	.size conform_call_dodo.callMix, .-conform_call_dodo.callMix

# forward(int n) -> return(int) | event: a tail call. It has no frame, so
# it hands its own continuations (R8, R9) straight to twice.
	.globl conform_call_dodo.forward
	.type conform_call_dodo.forward, @function
	.p2align 4
conform_call_dodo.forward:
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.twice
	.size conform_call_dodo.forward, .-conform_call_dodo.forward

# viaAsm(int n) -> return(int) | event: return(sumTo(n)); sumTo calls
# viaAsm again, so dodo and assembly frames alternate on the stack.
	.globl conform_call_dodo.viaAsm
	.type conform_call_dodo.viaAsm, @function
	.p2align 4
conform_call_dodo.viaAsm:
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq conform_call_dodo.viaAsm.back(%rip), %r8
	leaq conform_call_dodo.viaAsm.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.sumTo
conform_call_dodo.viaAsm.back:
	movq 0(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
conform_call_dodo.viaAsm.event:
	movq 8(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
	.size conform_call_dodo.viaAsm, .-conform_call_dodo.viaAsm

# callQr(int a, int b) -> return(int) | event: calls
#   qr(a, b) -> return(int, int) | event
# which returns the quotient in RAX and the remainder in RDX; returns
# 1000 * quotient + remainder. An event of qr is passed on.
	.globl conform_call_dodo.callQr
	.type conform_call_dodo.callQr, @function
	.p2align 4
conform_call_dodo.callQr:
	subq $16, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq conform_call_dodo.callQr.back(%rip), %r8
	leaq conform_call_dodo.callQr.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.qr
conform_call_dodo.callQr.back:
	imulq $1000, %rax, %rax
	addq %rdx, %rax
	movq 0(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
conform_call_dodo.callQr.event:
	movq 8(%rsp), %r11
	addq $16, %rsp
	jmp *%r11
	.size conform_call_dodo.callQr, .-conform_call_dodo.callQr

# callSpread(int k) -> return(int) | event: calls
#   spread3(k, 2, 3, 4, 10) -> return(int, int, int) | event
# Below its own 24-byte frame (saved R8, R9, and R) it reserves the 24-byte
# result area (RSP = R), then pushes parameter 5. The three values come
# back at R, R+8, R+16 with RSP = R, for a return or an event alike.
# Returns 10000 * x + 100 * y + z.
	.globl conform_call_dodo.callSpread
	.type conform_call_dodo.callSpread, @function
	.p2align 4
conform_call_dodo.callSpread:
	subq $24, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	leaq -24(%rsp), %rax
	movq %rax, 16(%rsp)
	subq $32, %rsp
	movq $10, 0(%rsp)
	movl $2, %esi
	movl $3, %edx
	movl $4, %ecx
	leaq conform_call_dodo.callSpread.back(%rip), %r8
	leaq conform_call_dodo.callSpread.event(%rip), %r9
	leaq conform_call_dodo(%rip), %rax
	jmp conform_call_dodo.spread3
conform_call_dodo.callSpread.back:
	cmpq %rsp, 40(%rsp)
	jne conform_call_dodo.badrsp
	imulq $10000, 0(%rsp), %rax
	imulq $100, 8(%rsp), %rcx
	addq %rcx, %rax
	addq 16(%rsp), %rax
	addq $24, %rsp
	movq 0(%rsp), %r11
	addq $24, %rsp
	jmp *%r11
conform_call_dodo.callSpread.event:
	cmpq %rsp, 40(%rsp)
	jne conform_call_dodo.badrsp
	addq $24, %rsp
	movq 8(%rsp), %r11
	addq $24, %rsp
	jmp *%r11
	.size conform_call_dodo.callSpread, .-conform_call_dodo.callSpread

# Reached when a dodo callee did not restore RSP: the frame cannot be
# trusted any more, so stop with an illegal instruction (the test fails).
	.type conform_call_dodo.badrsp, @function
conform_call_dodo.badrsp:
	ud2
	.size conform_call_dodo.badrsp, .-conform_call_dodo.badrsp

	.section .note.GNU-stack,"",@progbits
