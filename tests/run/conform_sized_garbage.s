# Externals of conform_sized_garbage.dodo (abi.md §1 and §3): every value
# is right in its low bits and garbage above them.
	.text

# minusTwo() -> return(int32): -2 in EAX, garbage in the upper half.
	.globl conform_sized_garbage.minusTwo
	.type conform_sized_garbage.minusTwo, @function
conform_sized_garbage.minusTwo:
	movabsq $0x12345678fffffffe, %rax
	jmp *%r8
	.size conform_sized_garbage.minusTwo, .-conform_sized_garbage.minusTwo

# pair() -> return(uint16, int8): 65535 in AX and -1 in DL.
	.globl conform_sized_garbage.pair
	.type conform_sized_garbage.pair, @function
conform_sized_garbage.pair:
	movabsq $0x80000000deadffff, %rax
	movabsq $0x7f00ff00ff00ffff, %rdx
	jmp *%r8
	.size conform_sized_garbage.pair, .-conform_sized_garbage.pair

# trio() -> return(int8, uint32, int16): the result area at R = RSP (no
# spilled parameters or continuations): -128, 4294967295, 32767.
	.globl conform_sized_garbage.trio
	.type conform_sized_garbage.trio, @function
conform_sized_garbage.trio:
	movabsq $0x5555555555555580, %rax
	movq %rax, (%rsp)
	movabsq $0xaaaaaaaaffffffff, %rax
	movq %rax, 8(%rsp)
	movabsq $0xffffffffffff7fff, %rax
	movq %rax, 16(%rsp)
	jmp *%r8
	.size conform_sized_garbage.trio, .-conform_sized_garbage.trio

# callBack() -> return(int8): a tail call of back(-5), the parameter with
# garbage above DIL; back's continuations are callBack's own (R8, R9), and
# RAX the module context.
	.globl conform_sized_garbage.callBack
	.type conform_sized_garbage.callBack, @function
conform_sized_garbage.callBack:
	movabsq $0x00000001000000fb, %rdi
	leaq conform_sized_garbage(%rip), %rax
	jmp conform_sized_garbage.back
	.size conform_sized_garbage.callBack, .-conform_sized_garbage.callBack

	.section .note.GNU-stack,"",@progbits
