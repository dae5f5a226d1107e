# Generators across the assembly boundary (abi.md §4), for
# conform_generator.dodo.

# countdown(int n, int failAt) -> yield(int) | end() | event
#   Start: RSP = SP2, RDI = SP1, RSI = n, RDX = failAt, R8 = yield,
#   R9 = end, R10 = event. Yields n, n-1, ..., 1, then ends. Raises
#   "countdown failed" when n < 0 or when the next value would be failAt.
#   Its frame lives on SP2: 0 = SP1, 8 = next value, 16 = failAt.
	.text
	.globl conform_generator.countdown
	.type conform_generator.countdown, @function
	.p2align 4
conform_generator.countdown:
	subq $24, %rsp
	movq %rdi, 0(%rsp)
	movq %rsi, 8(%rsp)
	movq %rdx, 16(%rsp)
	testq %rsi, %rsi
	js conform_generator.countdown.fail
conform_generator.countdown.next:
	movq 8(%rsp), %rax
	testq %rax, %rax
	jz conform_generator.countdown.end
	cmpq 16(%rsp), %rax
	je conform_generator.countdown.fail
	# yield(value): RSP stays; RDI = SP1, R8 = resume, R9 = unwind
	movq 0(%rsp), %rdi
	movq %r8, %r11
	leaq conform_generator.countdown.resume(%rip), %r8
	leaq conform_generator.countdown.unwind(%rip), %r9
	jmp *%r11
conform_generator.countdown.resume:
	# RSP as at the yield; RDI = SP1; fresh R8 = yield, R9 = end, R10 = event
	movq %rdi, 0(%rsp)
	decq 8(%rsp)
	jmp conform_generator.countdown.next
conform_generator.countdown.unwind:
	# RDI = SP1, R9 = where to go afterwards
	incq conform_generator.unwinds(%rip)
	movq %rdi, %rsp
	jmp *%r9
conform_generator.countdown.end:
	movq 0(%rsp), %rsp
	jmp *%r9
conform_generator.countdown.fail:
	movq 0(%rsp), %rsp
	leaq .Lstr.failed(%rip), %rax
	jmp *%r10
	.size conform_generator.countdown, .-conform_generator.countdown

# unwound() -> return(int): how many times countdown was unwound.
	.globl conform_generator.unwound
	.type conform_generator.unwound, @function
	.p2align 4
conform_generator.unwound:
	movq conform_generator.unwinds(%rip), %rax
	jmp *%r8
	.size conform_generator.unwound, .-conform_generator.unwound

# sumGen(int n) -> return(int) | event: the sum of what upto(n) yields.
#   A consumer in nested mode: SP1 = SP2 = its RSP (its frame sits at SP1:
#   0 = return, 8 = event, 16 = sum, 24 = SP1 itself, to check that the
#   generator comes back with RSP = SP1). It resumes at once after each
#   yield, from the generator's RSP, with fresh R8, R9, R10.
	.globl conform_generator.sumGen
	.type conform_generator.sumGen, @function
	.p2align 4
conform_generator.sumGen:
	subq $32, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	movq $0, 16(%rsp)
	movq %rsp, 24(%rsp)
	movq %rdi, %rsi
	movq %rsp, %rdi
	leaq conform_generator.sumGen.yield(%rip), %r8
	leaq conform_generator.sumGen.end(%rip), %r9
	leaq conform_generator.sumGen.event(%rip), %r10
	leaq conform_generator(%rip), %rax
	jmp conform_generator.upto
conform_generator.sumGen.yield:
	# RAX = value, RDI = SP1, R8 = resume, R9 = unwind
	addq %rax, 16(%rdi)
	movq %r8, %r11
	leaq conform_generator.sumGen.yield(%rip), %r8
	leaq conform_generator.sumGen.end(%rip), %r9
	leaq conform_generator.sumGen.event(%rip), %r10
	leaq conform_generator(%rip), %rax
	jmp *%r11
conform_generator.sumGen.end:
	cmpq %rsp, 24(%rsp)
	jne conform_generator.badrsp
	movq 16(%rsp), %rax
	movq 0(%rsp), %r11
	addq $32, %rsp
	jmp *%r11
conform_generator.sumGen.event:
	cmpq %rsp, 24(%rsp)
	jne conform_generator.badrsp
	movq 8(%rsp), %r11
	addq $32, %rsp
	jmp *%r11
	.size conform_generator.sumGen, .-conform_generator.sumGen

# firstGen(int n) -> return(int) | event: the first value upto(n) yields,
#   or -1 if it yields none. After the first value it stops the generator
#   early: from the generator's RSP it jumps to the unwind continuation with
#   RDI = SP1 and R9 = where to continue; the generator must come back there
#   with RSP = SP1.
	.globl conform_generator.firstGen
	.type conform_generator.firstGen, @function
	.p2align 4
conform_generator.firstGen:
	subq $32, %rsp
	movq %r8, 0(%rsp)
	movq %r9, 8(%rsp)
	movq $-1, 16(%rsp)
	movq %rsp, 24(%rsp)
	movq %rdi, %rsi
	movq %rsp, %rdi
	leaq conform_generator.firstGen.yield(%rip), %r8
	leaq conform_generator.firstGen.end(%rip), %r9
	leaq conform_generator.firstGen.event(%rip), %r10
	leaq conform_generator(%rip), %rax
	jmp conform_generator.upto
conform_generator.firstGen.yield:
	movq %rax, 16(%rdi)
	movq %r9, %r11
	leaq conform_generator.firstGen.end(%rip), %r9
	jmp *%r11
conform_generator.firstGen.end:
	cmpq %rsp, 24(%rsp)
	jne conform_generator.badrsp
	movq 16(%rsp), %rax
	movq 0(%rsp), %r11
	addq $32, %rsp
	jmp *%r11
conform_generator.firstGen.event:
	cmpq %rsp, 24(%rsp)
	jne conform_generator.badrsp
	movq 8(%rsp), %r11
	addq $32, %rsp
	jmp *%r11
	.size conform_generator.firstGen, .-conform_generator.firstGen

# A generator came back with the wrong RSP: the frame is lost; stop.
	.type conform_generator.badrsp, @function
conform_generator.badrsp:
	ud2
	.size conform_generator.badrsp, .-conform_generator.badrsp

	.data
	.p2align 3
conform_generator.unwinds:
	.quad 0

	.section .rodata
	.p2align 3
.Lstr.failed:
	.quad 16
	.ascii "countdown failed\0"

	.section .note.GNU-stack,"",@progbits
