/* Unit tests of the -O1 peephole passes (compiler/peephole*.c): assembly text
 * in, assembly text out. Each case is a body as the code generator writes it
 * and what must come out; the cases that must keep a load are as important
 * as the ones that drop one. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "peephole.h"

static int failures;

static void check(const char *name, void (*pass)(Buf *), const char *in, const char *want) {
  Buf b;
  buf_init(&b);
  buf_puts(&b, in);
  pass(&b);
  const char *got = b.data ? b.data : "";
  if (strcmp(got, want) != 0) {
    failures++;
    printf("FAIL %s\n--- input\n%s--- expected\n%s--- got\n%s", name, in, want, got);
  } else {
    printf("ok %s\n", name);
  }
  buf_free(&b);
}

static void loads(void) {
  check("reload after store", peephole_run,
        "\tmovq %rax, 8(%rbp)\t# x\n\tmovq 8(%rbp), %rax\t# x\n\taddq $1, %rax\n",
        "\tmovq %rax, 8(%rbp)\t# x\n\taddq $1, %rax\n");
  check("load from another register", peephole_run,
        "\tmovq %rdi, 0(%rbp)\t# n\n\tmovq 0(%rbp), %rax\t# n\n",
        "\tmovq %rdi, 0(%rbp)\t# n\n\tmovq %rdi, %rax\t# n\n");
  check("store of what the slot holds", peephole_run,
        "\tmovq 8(%rbp), %rcx\n\tmovq %rcx, 8(%rbp)\n",
        "\tmovq 8(%rbp), %rcx\n");
  check("register written in between", peephole_run,
        "\tmovq 8(%rbp), %rax\n\taddq $1, %rax\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\taddq $1, %rax\n\tmovq 8(%rbp), %rax\n");
  check("part of the register written", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tsetl %al\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tsetl %al\n\tmovq 8(%rbp), %rax\n");
  check("slot written in between", peephole_run,
        "\tmovq 8(%rbp), %rax\n\taddq $1, 8(%rbp)\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\taddq $1, 8(%rbp)\n\tmovq 8(%rbp), %rax\n");
  check("other slot written: fact kept", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tmovq $0, 16(%rbp)\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tmovq $0, 16(%rbp)\n");
  check("memory through another base", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tmovq %rcx, (%rsp)\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tmovq %rcx, (%rsp)\n\tmovq 8(%rbp), %rax\n");
  check("RBP changes", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tmovq %rsp, %rbp\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tmovq %rsp, %rbp\n\tmovq 8(%rbp), %rax\n");
  check("a call", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tcall dodo_print\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tcall dodo_print\n\tmovq 8(%rbp), %rax\n");
  check("division writes RAX and RDX", peephole_run,
        "\tmovq 8(%rbp), %rdx\n\tmovq 16(%rbp), %rax\n\tcqto\n\tidivq 24(%rbp)\n"
        "\tmovq 8(%rbp), %rdx\n\tmovq 16(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rdx\n\tmovq 16(%rbp), %rax\n\tcqto\n\tidivq 24(%rbp)\n"
        "\tmovq 8(%rbp), %rdx\n\tmovq 16(%rbp), %rax\n");
  check("compare writes nothing", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tcmpq 0(%rbp), %rax\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tcmpq 0(%rbp), %rax\n");
  check("copy carries the fact", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tmovq %rax, %rcx\n\tmovq 8(%rbp), %rcx\n",
        "\tmovq 8(%rbp), %rax\n\tmovq %rax, %rcx\n");
  check("unknown instruction", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tpushq %rbx\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tpushq %rbx\n\tmovq 8(%rbp), %rax\n");
  check("directives and comments are no instructions", peephole_run,
        "\tmovq 8(%rbp), %rax\n\t.loc 1 3 5\n\t# note\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\t.loc 1 3 5\n\t# note\n");
}

static void labels(void) {
  check("continuation label: facts die", peephole_run,
        "\tmovq 8(%rbp), %rax\nm.f.k1:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\nm.f.k1:\n\tmovq 8(%rbp), %rax\n");
  check("forward jump and fall-through agree", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tjl .L.3\n\taddq $0, %rcx\n.L.3:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tjl .L.3\n\taddq $0, %rcx\n.L.3:\n");
  check("fall-through disagrees", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tjl .L.3\n\tmovq 16(%rbp), %rax\n.L.3:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tjl .L.3\n\tmovq 16(%rbp), %rax\n.L.3:\n\tmovq 8(%rbp), %rax\n");
  check("only way in is the jump", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tjge .L.1\n\tmovq 16(%rbp), %rax\n\tjmp *%r11\n"
        ".L.1:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tjge .L.1\n\tmovq 16(%rbp), %rax\n\tjmp *%r11\n.L.1:\n");
  check("loop head: a backward jump comes later", peephole_run,
        "\tmovq 8(%rbp), %rax\n.L.1:\n\tmovq 8(%rbp), %rax\n\taddq $1, 8(%rbp)\n\tjmp .L.1\n",
        "\tmovq 8(%rbp), %rax\n.L.1:\n\tmovq 8(%rbp), %rax\n\taddq $1, 8(%rbp)\n\tjmp .L.1\n");
  check("address taken: unknown ways in", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tleaq .L.4(%rip), %r9\n\tjl .L.4\n.L.4:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tleaq .L.4(%rip), %r9\n\tjl .L.4\n.L.4:\n\tmovq 8(%rbp), %rax\n");
  check("a longer name is not the label", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tleaq a.L.4(%rip), %r9\n\tjl .L.4\n.L.4:\n\tmovq 8(%rbp), %rax\n",
        "\tmovq 8(%rbp), %rax\n\tleaq a.L.4(%rip), %r9\n\tjl .L.4\n.L.4:\n");
  check("after a jmp, no label: nothing known", peephole_run,
        "\tmovq 8(%rbp), %rax\n\tjmp .L.9\n\tmovq 8(%rbp), %rax\n.L.9:\n",
        "\tmovq 8(%rbp), %rax\n\tjmp .L.9\n\tmovq 8(%rbp), %rax\n.L.9:\n");
}

static void jumps(void) {
  check("jump over a jump", peephole_jumps,
        "\tcmpq $2, %rax\n\tjge .L.1\n\tjmp .L.2\n.L.1:\n\tsubq $1, %rax\n",
        "\tcmpq $2, %rax\n\tjl .L.2\n.L.1:\n\tsubq $1, %rax\n");
  check("jz/jnz", peephole_jumps, "\tjnz .L.5\n\tjmp m.f.raise\n.L.5:\n",
        "\tjz m.f.raise\n.L.5:\n");
  check("another label follows: kept", peephole_jumps,
        "\tjge .L.1\n\tjmp .L.2\n.L.7:\n", "\tjge .L.1\n\tjmp .L.2\n.L.7:\n");
  check("indirect jmp: kept", peephole_jumps, "\tjge .L.1\n\tjmp *%r11\n.L.1:\n",
        "\tjge .L.1\n\tjmp *%r11\n.L.1:\n");
}

static void dead_stores(void) {
  check("a slot nothing reads", peephole_dead_stores,
        "\tmovq %rdi, 0(%rbp)\t# n\n\tmovq %rdi, %rax\n",
        "\tmovq %rdi, %rax\n");
  check("a slot read later", peephole_dead_stores,
        "\tmovq %rdi, 0(%rbp)\n\tmovq 0(%rbp), %rax\n",
        "\tmovq %rdi, 0(%rbp)\n\tmovq 0(%rbp), %rax\n");
  check("read by an indirect jump", peephole_dead_stores,
        "\tmovq %r8, 16(%rbp)\n\tjmp *16(%rbp)\n",
        "\tmovq %r8, 16(%rbp)\n\tjmp *16(%rbp)\n");
  check("read as an operand", peephole_dead_stores,
        "\tmovq %rax, 24(%rbp)\n\taddq 24(%rbp), %rax\n",
        "\tmovq %rax, 24(%rbp)\n\taddq 24(%rbp), %rax\n");
  check("an overlapping read", peephole_dead_stores,
        "\tmovq %rax, 8(%rbp)\n\tmovl 12(%rbp), %eax\n",
        "\tmovq %rax, 8(%rbp)\n\tmovl 12(%rbp), %eax\n");
  check("the caller's area is no slot", peephole_dead_stores,
        "\tmovq %rax, 8(%rbp)\n\tleaq \001UNWIND\001(%rbp), %rsp\n"
        "\tmovq \001UNWIND\001+8(%rbp), %rax\n",
        "\tleaq \001UNWIND\001(%rbp), %rsp\n\tmovq \001UNWIND\001+8(%rbp), %rax\n");
  check("the frame base escapes", peephole_dead_stores,
        "\tmovq %rax, 8(%rbp)\n\tmovq %rbp, (%rsp)\n",
        "\tmovq %rax, 8(%rbp)\n\tmovq %rbp, (%rsp)\n");
  check("a slot's address escapes", peephole_dead_stores,
        "\tmovq %rax, 8(%rbp)\n\tleaq 8(%rbp), %rdi\n",
        "\tmovq %rax, 8(%rbp)\n\tleaq 8(%rbp), %rdi\n");
  check("an unknown slot expression", peephole_dead_stores,
        "\tmovq %rax, 8(%rbp)\n\tmovq x(%rbp), %rcx\n",
        "\tmovq %rax, 8(%rbp)\n\tmovq x(%rbp), %rcx\n");
}

int main(void) {
  loads();
  labels();
  jumps();
  dead_stores();
  if (failures) printf("%d failed\n", failures);
  return failures != 0;
}
