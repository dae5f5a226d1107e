/* Unit tests of compiler/arena.c: allocations are aligned, zeroed (also in
 * the huge-page chunks a large compilation gets, which are not cleared
 * again), distinct, and keep their contents across chunk changes; requests
 * larger than any chunk work; arena_free leaves an arena that can be used
 * again; the growable instruction arrays of the IR keep their order. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ir.h"

static int failures;

#define EXPECT(cond, ...)              \
  do {                                 \
    if (!(cond)) {                     \
      failures++;                      \
      printf("FAIL line %d: ", __LINE__); \
      printf(__VA_ARGS__);             \
      printf("\n");                    \
    }                                  \
  } while (0)

static bool all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return false;
  return true;
}

/* Fills each allocation with a pattern of its own, then checks every one:
 * an overlap or a lost chunk would break someone's pattern. */
static void many_sizes(void) {
  Arena a;
  arena_init(&a);
  enum { N = 20000 };
  static unsigned char *ptrs[N];
  static size_t sizes[N];
  size_t total = 0;
  for (int i = 0; i < N; i++) {
    size_t size = (size_t)(i * 7919 % 1500); /* 0 .. 1499 bytes, 15 MB in all */
    if (i % 5000 == 4999) size = 5 * 1024 * 1024; /* bigger than any chunk */
    unsigned char *p = i % 3 ? arena_alloc(&a, size) : arena_alloc_uninit(&a, size);
    EXPECT((uintptr_t)p % ARENA_ALIGN == 0, "allocation %d of %zu bytes is misaligned", i, size);
    if (i % 3) EXPECT(all_zero(p, size), "allocation %d of %zu bytes is not zeroed", i, size);
    memset(p, (unsigned char)(i * 31 + 1), size);
    ptrs[i] = p;
    sizes[i] = size;
    total += size;
  }
  for (int i = 0; i < N; i++)
    for (size_t k = 0; k < sizes[i]; k++)
      if (ptrs[i][k] != (unsigned char)(i * 31 + 1)) {
        EXPECT(0, "allocation %d lost its contents at byte %zu", i, k);
        break;
      }
  EXPECT(a.total >= total, "the arena holds %zu bytes for %zu allocated", a.total, total);
  arena_free(&a);
  EXPECT(a.chunks == NULL && a.total == 0, "arena_free leaves chunks behind");
  /* Used again after arena_free: small chunks from the start. */
  char *s = arena_strndup(&a, "hello, world", 5);
  EXPECT(strcmp(s, "hello") == 0, "arena_strndup gave '%s'", s);
  s = arena_printf(&a, "%s.%d", "f", 42);
  EXPECT(strcmp(s, "f.42") == 0, "arena_printf gave '%s'", s);
  arena_free(&a);
}

static void insn_arrays(void) {
  IrFunc f;
  ir_func_init(&f, "f");
  IrBlock *b[3];
  for (int k = 0; k < 3; k++) b[k] = ir_block_new(&f, &f.blocks, opd_label(k + 1), ENTRY_JOIN);
  /* Interleaved, so each block's array grows between the others'. */
  for (int i = 0; i < 1000; i++)
    for (int k = 0; k < 3; k++)
      ir_append(b[k], ir_insn(IR_ADDQ, 2, opd_imm(i * 3 + k), opd_reg(REG_RAX)));
  for (int k = 0; k < 3; k++) {
    EXPECT(b[k]->n == 1000, "block %d has %d instructions", k, b[k]->n);
    for (int i = 0; i < b[k]->n; i++)
      if (b[k]->insns[i].a[0].val != i * 3 + k) {
        EXPECT(0, "block %d instruction %d holds %lld", k, i, (long long)b[k]->insns[i].a[0].val);
        break;
      }
  }
  ir_func_free(&f);
}

int main(void) {
  many_sizes();
  insn_arrays();
  if (!failures) printf("ok arena\n");
  return failures != 0;
}
