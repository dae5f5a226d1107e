# fail(int code) -> return(int) | event(String)
#   RDI = code, R8 = return, R9 = event. return(21) when code = 0, else
#   raises the event "asm failure". No frame: nothing to truncate.
	.text
	.globl conform_event_unhandled.fail
	.type conform_event_unhandled.fail, @function
	.p2align 4
conform_event_unhandled.fail:
	testq %rdi, %rdi
	jnz 1f
	movl $21, %eax
	jmp *%r8
1:	leaq .Lmsg(%rip), %rax
	jmp *%r9
	.size conform_event_unhandled.fail, .-conform_event_unhandled.fail

	.section .rodata
	.p2align 3
.Lmsg:
	.quad 11
	.ascii "asm failure\0"

	.section .note.GNU-stack,"",@progbits
