/* -O1 and up: redundant frame loads and stores, removed from a function
 * body's assembly text.
 *
 * Every value lives in a frame slot N(%rbp) (docs/abi.md §12), so the code
 * generator reloads what a register often still holds. This pass follows,
 * instruction by instruction, which registers hold the same value as which
 * slot, and then
 *
 *   movq N(%rbp), %r    is dropped when %r already holds slot N,
 *                       or becomes movq %s, %r when %s does;
 *   movq %r, N(%rbp)    is dropped when slot N already holds %r.
 *
 * The facts die with whatever could change them: a write to the register or
 * the slot, any other memory write, a write to RBP, a call, or an
 * instruction this pass does not know. At a label they survive only when
 * every way in is known: a .L.N label whose every reference is a forward
 * jump already seen (the facts at those jumps and at the fall-through are
 * intersected). Other labels are continuations, entered from anywhere. */
#include "peephole.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "peephole_insn.h"

enum { NO_SLOT = -(1 << 30) };

typedef struct Facts {
  bool known;        /* false: unreachable (after a jmp), facts meaningless */
  int slot[NREGS];   /* the RBP offset register r mirrors, or NO_SLOT */
} Facts;


/* What the pass knows of one .L.N label of the body. */
typedef struct LabelInfo {
  int refs;     /* direct jumps to it in the body */
  int seen;     /* ... of which already passed */
  bool taken;   /* referenced otherwise (its address is used): unknown ways in */
  Facts at;     /* intersection of the facts at the jumps seen */
} LabelInfo;

typedef struct Pass {
  Facts f;
  LabelInfo *labels;
  long first; /* N of labels[0] */
  long count;
  Buf out;
} Pass;

static void forget_all(Facts *f) {
  f->known = true;
  for (int r = 0; r < NREGS; r++) f->slot[r] = NO_SLOT;
}

/* Facts true on both paths. */
static void meet(Facts *into, const Facts *other) {
  if (!other->known) return;
  if (!into->known) {
    *into = *other;
    return;
  }
  for (int r = 0; r < NREGS; r++)
    if (into->slot[r] != other->slot[r]) into->slot[r] = NO_SLOT;
}

static void forget_slot(Facts *f, long off, int width) {
  for (int r = 0; r < NREGS; r++)
    if (f->slot[r] != NO_SLOT && f->slot[r] < off + width && off < f->slot[r] + 8)
      f->slot[r] = NO_SLOT;
}

/* The instruction wrote `op` (its width in bytes: 8 for ...q). */
static void clobber(Facts *f, const Operand *op, int width) {
  switch (op->kind) {
  case OP_REG:
    if (op->reg == REG_RBP) forget_all(f);
    else f->slot[op->reg] = NO_SLOT;
    break;
  case OP_FRAME: forget_slot(f, op->offset, width); break;
  case OP_MEM: forget_all(f); break; /* might alias a frame slot */
  default: break;
  }
}

static LabelInfo *label_info(Pass *p, long n) {
  if (n < p->first || n >= p->first + p->count) return NULL;
  return &p->labels[n - p->first];
}

/* First pass: the .L.N labels of the body, how often each is jumped to, and
 * which are referenced any other way. */
static void scan_labels(Pass *p, const Buf *body) {
  long lo = 0, hi = -1, n;
  /* The range of the labels defined here: references to others (or text
   * that merely looks like one) need no entry. */
  for (InsnIter it = insn_iter(body); insn_next(&it);) {
    if (!it.is_label || !insn_label_number(it.line, it.len, &n)) continue;
    if (hi < lo) lo = hi = n;
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  p->first = lo;
  p->count = hi - lo + 1;
  if (p->count <= 0) return;
  p->labels = calloc((size_t)p->count, sizeof *p->labels);
  if (!p->labels) fatal_oom();
  for (InsnIter it = insn_iter(body); insn_next(&it);) {
    if (it.is_label) continue; /* a definition */
    Insn in;
    long target = -1;
    bool direct = it.len > 2 && it.line[1] == 'j' && insn_parse(it.line, it.len, &in) &&
                  insn_direct_jump(&in, &target);
    const char *hash = memchr(it.line, '#', it.len); /* comments say nothing */
    const char *end = hash ? hash : it.line + it.len;
    for (const char *s = it.line; (s = insn_find_label(it.line, s, end, &n)); s++) {
      LabelInfo *l = label_info(p, n);
      if (!l) continue;
      if (direct && n == target) l->refs++;
      else l->taken = true;
    }
  }
}

/* At a label: the facts every way in agrees on. */
static void enter_label(Pass *p, const char *line, size_t len) {
  long n;
  LabelInfo *l = NULL;
  if (insn_label_number(line, len, &n)) l = label_info(p, n);
  if (!l || l->taken || l->seen != l->refs) {
    forget_all(&p->f);
    return;
  }
  meet(&p->f, &l->at);
  if (!p->f.known) forget_all(&p->f); /* no way in: dead code */
}

static void put_line(Pass *p, const char *line, size_t len) {
  buf_putn(&p->out, line, len);
  buf_putc(&p->out, '\n');
}

/* movq N(%rbp), %r: drop it, or read another register that holds slot N. */
static void load(Pass *p, const Insn *in, const char *line, size_t len) {
  int r = in->op[1].reg;
  long n = in->op[0].offset;
  if (p->f.slot[r] == n) return;
  for (int s = 0; s < NREGS; s++) {
    if (s != r && p->f.slot[s] == n) {
      buf_printf(&p->out, "\tmovq %s, %s%.*s\n", reg_name(s), reg_name(r),
                 (int)(len - in->text_len), line + in->text_len);
      p->f.slot[r] = (int)n;
      return;
    }
  }
  put_line(p, line, len);
  p->f.slot[r] = (int)n;
}

/* movq %r, N(%rbp): drop it when the slot holds that already. */
static void store(Pass *p, const Insn *in, const char *line, size_t len) {
  int r = in->op[0].reg;
  long n = in->op[1].offset;
  if (p->f.slot[r] == n) return;
  forget_slot(&p->f, n, 8);
  p->f.slot[r] = (int)n;
  put_line(p, line, len);
}

static void instruction(Pass *p, const Insn *in, const char *line, size_t len) {
  Facts *f = &p->f;
  long target;
  if (insn_direct_jump(in, &target)) {
    LabelInfo *l = label_info(p, target);
    if (l && !l->taken) {
      if (l->seen++ == 0) l->at.known = false;
      meet(&l->at, f);
    }
  }
  switch (in->effect) {
  case FX_LOAD: load(p, in, line, len); return;
  case FX_STORE: store(p, in, line, len); return;
  case FX_COPY: {
    int slot = f->slot[in->op[0].reg];
    f->slot[in->op[1].reg] = NO_SLOT;
    if (in->op[1].reg == REG_RBP) forget_all(f);
    else f->slot[in->op[1].reg] = slot;
    break;
  }
  case FX_WRITES_LAST: clobber(f, &in->op[in->nops - 1], in->width); break;
  case FX_READS: break;
  case FX_DIVIDE: f->slot[REG_RAX] = f->slot[REG_RDX] = NO_SLOT; break;
  case FX_WRITES_RDX: f->slot[REG_RDX] = NO_SLOT; break;
  case FX_BRANCH: break;
  case FX_LEAVE: f->known = false; break;
  case FX_UNKNOWN: forget_all(f); break;
  }
  put_line(p, line, len);
}

void peephole_run(Buf *body) {
  Pass p = {0};
  scan_labels(&p, body);
  buf_init(&p.out);
  forget_all(&p.f);
  for (InsnIter it = insn_iter(body); insn_next(&it);) {
    if (it.is_label) {
      enter_label(&p, it.line, it.len);
      put_line(&p, it.line, it.len);
      continue;
    }
    Insn in;
    if (!insn_parse(it.line, it.len, &in)) { /* directive, comment, blank */
      put_line(&p, it.line, it.len);
      continue;
    }
    if (!p.f.known) forget_all(&p.f); /* code after a jmp with no label */
    instruction(&p, &in, it.line, it.len);
  }
  free(p.labels);
  buf_free(body);
  *body = p.out;
}
