# Hand-written implementations of the external functions of
# conform_two_conts.dodo, following abi.md §3. Neither has a frame or
# spilled arguments, so RSP is already R: nothing to truncate.

# checkedAdd(int a, int b) -> ok(int) | overflow(int) | event(String)
#   RDI = a, RSI = b, R8 = ok, R9 = overflow, R10 = event, RAX = context.
#   ok(a + b); overflow(the wrapped sum) when a + b overflows;
#   event "nothing to add" when a = b = 0; event "bad context" when RAX is
#   not the module context block.
	.text
	.globl conform_two_conts.checkedAdd
	.type conform_two_conts.checkedAdd, @function
	.p2align 4
conform_two_conts.checkedAdd:
	leaq conform_two_conts(%rip), %r11
	cmpq %r11, %rax
	jne .Ladd.badctx
	movq %rdi, %rax
	orq %rsi, %rax
	jz .Ladd.nothing
	movq %rdi, %rax
	addq %rsi, %rax
	jo .Ladd.overflow
	jmp *%r8
.Ladd.overflow:
	jmp *%r9
.Ladd.nothing:
	leaq .Lstr.nothing(%rip), %rax
	jmp *%r10
.Ladd.badctx:
	leaq .Lstr.badctx(%rip), %rax
	jmp *%r10
	.size conform_two_conts.checkedAdd, .-conform_two_conts.checkedAdd

# checkedDiv(int a, int b) -> return(int) | event(String)
#   RDI = a, RSI = b, R8 = return, R9 = event.
#   return(a / b), or event "asm: division by zero" when b = 0.
	.globl conform_two_conts.checkedDiv
	.type conform_two_conts.checkedDiv, @function
	.p2align 4
conform_two_conts.checkedDiv:
	leaq conform_two_conts(%rip), %r11
	cmpq %r11, %rax
	jne .Ldiv.badctx
	testq %rsi, %rsi
	jz .Ldiv.zero
	movq %rdi, %rax
	cqto
	idivq %rsi
	jmp *%r8
.Ldiv.zero:
	leaq .Lstr.divzero(%rip), %rax
	jmp *%r9
.Ldiv.badctx:
	leaq .Lstr.badctx(%rip), %rax
	jmp *%r9
	.size conform_two_conts.checkedDiv, .-conform_two_conts.checkedDiv

# Events are length-prefixed, NUL-terminated strings (dodo_runtime.h).
	.section .rodata
	.p2align 3
.Lstr.nothing:
	.quad 14
	.ascii "nothing to add\0"
	.p2align 3
.Lstr.divzero:
	.quad 21
	.ascii "asm: division by zero\0"
	.p2align 3
.Lstr.badctx:
	.quad 11
	.ascii "bad context\0"

	.section .note.GNU-stack,"",@progbits
