/* gen_shim.S — a C-callable shim for the tests of detached generators. */

        .text

/* int test_next_misaligned(DodoGen *g, int64_t *value)
 * Calls dodo_gen_next with RSP 8 bytes off the System V alignment, as code
 * that only keeps RSP 8-byte aligned may (dodo_gen_next allows it). */
        .globl  test_next_misaligned
        .type   test_next_misaligned, @function
        .p2align 4
test_next_misaligned:
        .cfi_startproc
        /* Entered with RSP = 8 mod 16; a call from here enters dodo_gen_next
         * with RSP = 0 mod 16 instead of the usual 8. */
        call    dodo_gen_next@PLT
        ret
        .cfi_endproc
        .size   test_next_misaligned, .-test_next_misaligned

        .section .note.GNU-stack,"",@progbits
