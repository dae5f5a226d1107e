/* The control-flow graph of one function's IR: successors, ways in, and
 * the blocks entered from outside (ir_pass.h). */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

static void *zalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) fatal_oom();
  return p;
}

static unsigned hash_sym(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static int *sym_slot(const IrCfg *c, const char *sym, bool *found) {
  unsigned i = hash_sym(sym) & (unsigned)(c->sym_cap - 1);
  while (c->sym_key[i] && strcmp(c->sym_key[i], sym) != 0) i = (i + 1) & (unsigned)(c->sym_cap - 1);
  *found = c->sym_key[i] != NULL;
  return &c->sym_block[i];
}

static void index_labels(IrCfg *c, const IrFunc *f) {
  int lo = 0, hi = -1, nsyms = 0;
  for (int i = 0; i < f->blocks.n; i++) {
    Opd l = f->blocks.b[i]->label;
    if (l.label <= 0) {
      nsyms++;
      continue;
    }
    if (hi < lo) lo = hi = l.label;
    if (l.label < lo) lo = l.label;
    if (l.label > hi) hi = l.label;
  }
  c->label_first = lo;
  c->nlabels = hi - lo + 1;
  c->label_block = zalloc((size_t)c->nlabels, sizeof *c->label_block);
  for (int i = 0; i < c->nlabels; i++) c->label_block[i] = -1;
  for (c->sym_cap = 8; c->sym_cap < 2 * nsyms; c->sym_cap *= 2) {}
  c->sym_key = zalloc((size_t)c->sym_cap, sizeof *c->sym_key);
  c->sym_block = zalloc((size_t)c->sym_cap, sizeof *c->sym_block);
  for (int i = 0; i < f->blocks.n; i++) {
    Opd l = f->blocks.b[i]->label;
    if (l.label > 0) {
      c->label_block[l.label - lo] = i;
    } else if (l.sym) {
      bool found;
      int *at = sym_slot(c, l.sym, &found);
      if (found) ICE(0, "two IR blocks with one label");
      c->sym_key[at - c->sym_block] = l.sym;
      *at = i;
    }
  }
}

/* The block named by a jump target or a label operand, or -1. */
static int block_named(const IrCfg *c, int label, const char *sym) {
  if (label > 0) {
    int n = label - c->label_first;
    return n >= 0 && n < c->nlabels ? c->label_block[n] : -1;
  }
  if (!sym) return -1;
  bool found;
  int *at = sym_slot(c, sym, &found);
  return found ? *at : -1;
}

int ir_cfg_block_of(const IrCfg *c, Opd o) { return block_named(c, o.label, o.sym); }

/* Where a symbol's address sits in the table of addresses. */
static unsigned ptr_hash(const IrCfg *c, const char *sym) {
  uintptr_t h = (uintptr_t)sym;
  h ^= h >> 17;
  h *= 0x9e3779b97f4a7c15u;
  return (unsigned)(h >> 20) & (unsigned)(c->ptr_cap - 1);
}

static int *ptr_slot(const IrCfg *c, const char *sym, bool *found) {
  unsigned i = ptr_hash(c, sym);
  while (c->ptr_key[i] && c->ptr_key[i] != sym) i = (i + 1) & (unsigned)(c->ptr_cap - 1);
  *found = c->ptr_key[i] != NULL;
  return &c->ptr_block[i];
}

/* The block a symbol names, by the string's address when it was seen while
 * building (the passes ask again and again), else by its text. */
static int sym_target(const IrCfg *c, const char *sym) {
  bool found;
  int *at = c->ptr_cap ? ptr_slot(c, sym, &found) : NULL;
  if (at && found) return *at;
  return block_named(c, 0, sym);
}

static void remember_sym(IrCfg *c, const char *sym) {
  bool found;
  int *at = ptr_slot(c, sym, &found);
  if (found) return;
  c->ptr_key[at - c->ptr_block] = sym;
  *at = block_named(c, 0, sym);
}

int ir_cfg_target(const IrCfg *c, Opd t) {
  if (t.kind != OPD_SYM || t.star) return -1;
  int b = t.label > 0 ? block_named(c, t.label, NULL) : t.sym ? sym_target(c, t.sym) : -1;
  return b > 0 ? b : -1; /* the function's own symbol: a call, a new frame */
}

bool ir_block_falls_through(const IrBlock *b) {
  for (int k = b->n - 1; k >= 0; k--)
    if (!ir_is_pseudo(b->insns[k].op)) return ir_op_effect(b->insns[k].op) != FX_LEAVE;
  return true;
}

bool ir_cfg_leaves(const IrCfg *c, const IrInsn *in) {
  return ir_is_jump(in) && ir_cfg_target(c, in->a[0]) < 0;
}

/* The block whose address an operand takes (not a jump's target), or -1. */
static int address_taken(const IrCfg *c, const IrInsn *in, int j) {
  Opd o = in->a[j];
  if (o.kind == OPD_MEM ? o.reg != REG_RIP : o.kind != OPD_SYM) return -1;
  if (j == 0 && ir_is_jump(in)) return -1;
  return block_named(c, o.label, o.sym);
}

typedef struct IntList {
  int *v, n, cap;
} IntList;

static void int_push(IntList *l, int x) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
    if (!l->v) fatal_oom();
  }
  l->v[l->n++] = x;
}

/* Block i's successors, exits, and the labels it hands out. */
static void scan_block(IrCfg *c, const IrFunc *f, int i, IntList *succ, IntList *exits,
                       IntList *back, IntList *anywhere) {
  const IrBlock *b = f->blocks.b[i];
  int taken_from = back->n, after_exit = back->n;
  for (int k = 0; k < b->n; k++) {
    const IrInsn *in = &b->insns[k];
    for (int j = 0; j < in->nops; j++) {
      int t = address_taken(c, in, j);
      if (t < 0) continue;
      c->reentry[t] = c->taken[t] = true;
      int_push(back, t);
    }
    if (!ir_is_jump(in)) continue;
    int t = ir_cfg_target(c, in->a[0]);
    if (t >= 0) {
      int_push(succ, t);
      c->ways_in[t]++;
      continue;
    }
    int_push(exits, k);
    int_push(exits, taken_from);
    int_push(exits, back->n - taken_from);
    after_exit = back->n;
  }
  for (int x = after_exit; x < back->n; x++) int_push(anywhere, back->v[x]);
  if (i + 1 < f->blocks.n && ir_block_falls_through(b)) {
    int_push(succ, i + 1);
    c->ways_in[i + 1]++;
  }
}

/* Every symbol a jump or a block names, by address: 2x their number. */
static void index_addresses(IrCfg *c, const IrFunc *f) {
  int n = 0;
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    if (b->label.sym) n++;
    for (int k = 0; k < b->n; k++)
      if (ir_is_jump(&b->insns[k]) && b->insns[k].a[0].kind == OPD_SYM && b->insns[k].a[0].sym) n++;
  }
  for (c->ptr_cap = 16; c->ptr_cap < 2 * n; c->ptr_cap *= 2) {}
  c->ptr_key = zalloc((size_t)c->ptr_cap, sizeof *c->ptr_key);
  c->ptr_block = zalloc((size_t)c->ptr_cap, sizeof *c->ptr_block);
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    if (b->label.sym) remember_sym(c, b->label.sym);
    for (int k = 0; k < b->n; k++)
      if (ir_is_jump(&b->insns[k]) && b->insns[k].a[0].kind == OPD_SYM && b->insns[k].a[0].sym)
        remember_sym(c, b->insns[k].a[0].sym);
  }
}

void ir_cfg_build(IrCfg *c, const IrFunc *f) {
  memset(c, 0, sizeof *c);
  int n = c->nblocks = f->blocks.n;
  index_labels(c, f);
  index_addresses(c, f);
  c->ways_in = zalloc((size_t)n, sizeof *c->ways_in);
  c->reentry = zalloc((size_t)n, sizeof *c->reentry);
  c->taken = zalloc((size_t)n, sizeof *c->taken);
  c->succ_at = zalloc((size_t)n + 1, sizeof *c->succ_at);
  c->exit_at = zalloc((size_t)n + 1, sizeof *c->exit_at);
  IntList succ = {0}, exits = {0}, back = {0}, anywhere = {0};
  for (int i = 0; i < n; i++) {
    c->reentry[i] = c->reentry[i] || i == 0 || entry_kind_external(f->blocks.b[i]->entry);
    c->succ_at[i] = succ.n;
    c->exit_at[i] = exits.n / 3;
    scan_block(c, f, i, &succ, &exits, &back, &anywhere);
  }
  c->succ_at[n] = succ.n;
  c->exit_at[n] = exits.n / 3;
  c->succ = succ.v ? succ.v : zalloc(1, sizeof *c->succ);
  c->exits = zalloc((size_t)exits.n / 3 + 1, sizeof *c->exits);
  for (int e = 0; e < exits.n / 3; e++)
    c->exits[e] = (struct IrExit){exits.v[3 * e], exits.v[3 * e + 1], exits.v[3 * e + 2]};
  free(exits.v);
  c->back = back.v;
  c->nback = back.n;
  c->anywhere = anywhere.v;
  c->nanywhere = anywhere.n;
}

void ir_cfg_reentries(const IrCfg *c, int b, int k, void (*visit)(void *arg, int block), void *arg) {
  for (int e = c->exit_at[b]; e < c->exit_at[b + 1]; e++) {
    if (c->exits[e].insn != k) continue;
    for (int x = 0; x < c->exits[e].n; x++) visit(arg, c->back[c->exits[e].first + x]);
  }
  for (int x = 0; x < c->nanywhere; x++) visit(arg, c->anywhere[x]);
}

void ir_cfg_free(IrCfg *c) {
  free(c->exit_at);
  free(c->exits);
  free(c->back);
  free(c->anywhere);
  free(c->succ_at);
  free(c->succ);
  free(c->ways_in);
  free(c->reentry);
  free(c->taken);
  free(c->label_block);
  free(c->sym_key);
  free(c->sym_block);
  free(c->ptr_key);
  free(c->ptr_block);
  memset(c, 0, sizeof *c);
}
