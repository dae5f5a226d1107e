/* The IR's tables and storage: opcode and entry-kind descriptions, blocks
 * and their instruction vectors. */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

#include "fatal.h"

const IrOpInfo ir_op_info[NIR_OPS] = {
#define X(name, text, effect, width) {text, effect, width},
    IR_OPS(X)
#undef X
};

void ir_unknown_op(void) { ICE(0, "an IR instruction with an unknown opcode"); }

static void check_op(IrOp op) { ir_op(op); }

static const struct {
  const char *name, *facts;
  bool external;
} entries[] = {
#define X(name, text, external, facts) {text, facts, external},
    IR_ENTRY_KINDS(X)
#undef X
};

static void check_entry(EntryKind k) {
  if ((unsigned)k >= NENTRY_KINDS) ICE(0, "an IR block with an unknown entry kind");
}

const char *entry_kind_name(EntryKind k) { check_entry(k); return entries[k].name; }
const char *entry_kind_facts(EntryKind k) { check_entry(k); return entries[k].facts; }
bool entry_kind_external(EntryKind k) { check_entry(k); return entries[k].external; }

bool opd_equal(Opd a, Opd b) {
  if (a.kind != b.kind || a.reg != b.reg || a.frame != b.frame || a.star != b.star ||
      a.label != b.label || a.val != b.val)
    return false;
  if (a.kind == OPD_REG && a.width != b.width) return false;
  if (!a.sym || !b.sym) return a.sym == b.sym;
  return strcmp(a.sym, b.sym) == 0;
}

void ir_func_init(IrFunc *f, const char *symbol) {
  memset(f, 0, sizeof *f);
  arena_init(&f->arena);
  f->symbol = symbol;
}

void ir_func_free(IrFunc *f) {
  free(f->blocks.b);
  arena_free(&f->arena);
}

static void list_push(IrBlockList *l, IrBlock *b) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->b = realloc(l->b, (size_t)l->cap * sizeof *l->b);
    if (!l->b) fatal_oom();
  }
  l->b[l->n++] = b;
}

IrBlock *ir_block_new(IrFunc *f, IrBlockList *into, Opd label, EntryKind entry) {
  check_entry(entry);
  IrBlock *b = ARENA_NEW(&f->arena, IrBlock);
  b->label = label;
  b->entry = entry;
  b->arena = &f->arena;
  list_push(into, b);
  return b;
}

void ir_blocks_append_one(IrBlockList *into, IrBlock *b) { list_push(into, b); }

void ir_blocks_append(IrBlockList *into, IrBlockList *from) {
  for (int i = 0; i < from->n; i++) list_push(into, from->b[i]);
  free(from->b);
  *from = (IrBlockList){0};
}

/* The arrays grow in the function's arena, freed with it: the arrays a block
 * outgrows stay behind, at most as much again as the last, and a block needs
 * no malloc, realloc or free of its own (most hold a handful). */
static void insns_grow(IrBlock *b) {
  int cap = b->cap ? 2 * b->cap : 8;
  IrInsn *insns = arena_alloc_uninit(b->arena, (size_t)cap * sizeof *insns);
  if (b->n) memcpy(insns, b->insns, (size_t)b->n * sizeof *insns);
  b->insns = insns;
  b->cap = cap;
}

IrInsn *ir_append(IrBlock *b, IrInsn in) {
  if (b->n == b->cap) insns_grow(b);
  b->insns[b->n] = in;
  return &b->insns[b->n++];
}

IrInsn *ir_append_op(IrBlock *b, IrOp op, int nops) {
  check_op(op);
  if (b->n == b->cap) insns_grow(b);
  IrInsn *in = &b->insns[b->n++];
  in->op = (uint8_t)op;
  in->cc = 0;
  in->nops = (uint8_t)nops;
  in->no_context = false; /* every field but the operands: set by the caller */
  in->comment = NULL;
  return in;
}

void ir_block_fact(IrBlock *b, int reg, int slot) {
  if (b->nfacts == IR_MAX_ENTRY_FACTS) ICE(0, "too many entry facts for an IR block");
  b->facts[b->nfacts++] = (EntryFact){reg, 8 * (int64_t)slot};
}

IrInsn ir_insn(IrOp op, int nops, Opd a, Opd b) {
  check_op(op);
  return (IrInsn){.op = (uint8_t)op, .nops = (uint8_t)nops, .a = {a, b}};
}
