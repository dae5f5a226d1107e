/* -O1 and up, the last pass: saves sunk into the paths that read them, and
 * the frame addressed from RSP where RSP is the frame base.
 *
 * A function's entries park what the convention hands over in frame slots
 * (a resume saves SP1 and three continuations; a consumer's yield saves the
 * generator's RSP, resume and unwind), but on the hot path most of those
 * slots are read only by paths taken once: the end, an event, unwinding.
 * This pass carries each `movq %r, N(%rbp)` forward, past instructions that
 * neither read the slot nor change %r or RBP, and writes it
 *
 *   - just before the first instruction that needs it there;
 *   - on a conditional branch whose target reads the slot: at the target's
 *     start if the branch is its only way in, else in a new block on that
 *     edge (`movq ...; jmp target`), placed with the cold code;
 *   - where the path ends or joins another: only if the slot is live there
 *     (ir_live.c; a yield's re-entries count), else nowhere.
 *
 * A frame base computed from a register, `movq %rsp, %rbp` (a generator's
 * resume, a raise) or `leaq 8(%rdi), %rbp` (a consumer's yield), travels
 * the same way: from it on, while neither register changes, slots are
 * addressed from that register, so RBP is needed only on the paths that
 * read it.
 *
 * So does the prologue's `subq $F, %rsp`, until something uses RSP: where
 * it meets the epilogue's `leaq F(%rsp), %rsp` first (a tail call that
 * needed no frame), both go; every branch and exit before that takes it
 * along. A function's frame is then built only on the paths that use it.
 *
 * On the way it drops every movq to a slot or to RBP that nothing reads
 * afterwards (the dead-store rule, from the liveness it computes anyway).
 *
 * Slots addressed from RSP are no longer slots to the other passes, so this
 * one runs after them all. Only without -g (CFI describes the frame through
 * RBP and names where continuations are saved). */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

enum { MAX_PENDING = 24 };

/* An instruction carried forward: a slot store, the frame base from RSP, or
 * the prologue's frame allocation. Each depends on those before it of the
 * kinds before its own. */
typedef enum PendingKind { P_FRAME, P_BASE, P_STORE } PendingKind;

typedef struct Pending {
  IrInsn in;
  PendingKind kind;
  int elem; /* liveness element: the slot's, RBP's; -1 for the frame (always needed) */
} Pending;

/* RBP = reg + off here (or will be, once a pending frame base runs); reg
 * -1: nothing known. */
typedef struct Base {
  int reg;
  int64_t off;
} Base;

/* What a block entered only by a branch not yet rebuilt starts with. */
typedef struct Inherited {
  Pending p[MAX_PENDING];
  int np;
  Base base;
  bool set;
} Inherited;

/* A short block that leaves, copied onto a branch edge so that what is
 * pending there goes through it (and may cancel, or forward, or die). */
typedef struct Copy {
  int block, of;
  Inherited start;
} Copy;

typedef struct Sink {
  IrFunc *f;
  IrCfg c;
  IrLive l;
  int nblocks;      /* before the pass added edge blocks */
  int cur;          /* the block being rebuilt */
  int *shift;       /* per block: movqs placed at its start, before the graph's insns[0] */
  int k;            /* the instruction being placed: its index in the graph */
  uint64_t *before; /* per instruction of the block: live before it; NULL if too large */
  int nbefore;      /* instructions `before` covers (from the rebuilt block's start) */
  int at;           /* the instruction being placed: its index in the rebuilt block */
  uint64_t *tmp;    /* a scratch set */
  int64_t r11_slot; /* the block ends in jmp *slot(%rbp), now jmp *%r11 (R11 holds it) */
  bool r11_set;
  struct Inherited *inherit; /* per block: pending instructions it starts with (a branch's) */
  int cfg_cur;      /* the block being rebuilt, as the graph knows it (a copy: its original) */
  struct Copy *copies; /* blocks copied onto branch edges, rebuilt after the others */
  int ncopies, capcopies;
  Pending p[MAX_PENDING];
  int np;
  Base base;        /* what RBP is known to equal, so slots are addressed from that */
  IrBlock out;      /* the block being rebuilt */
} Sink;

/* A frame base from a register: movq %rsp, %rbp or leaq k(%reg), %rbp. */
static bool is_base_def(const IrInsn *in, Base *b) {
  if (!opd_is_reg(in->a[1], REG_RBP) || in->nops != 2) return false;
  Opd a = in->a[0];
  if (in->op == IR_MOVQ && opd_is_reg(a, REG_RSP)) {
    if (b) *b = (Base){REG_RSP, 0};
    return true;
  }
  if (in->op != IR_LEAQ || a.kind != OPD_MEM || a.reg >= NREGS || a.reg == REG_RBP || a.frame ||
      a.sym || a.label || a.bare)
    return false;
  if (b) *b = (Base){a.reg, a.val};
  return true;
}

static bool is_slot_store(const Sink *s, const IrInsn *in) {
  return ir_move_kind(in) == MOVE_STORE && ir_live_slot(&s->l, in->a[1].val) >= 0;
}

/* Memory that is neither a frame slot, the frame above F, nor data: it
 * might be a slot under another name. */
static bool unknown_memory(const IrInsn *in) {
  if (in->op == IR_LEAQ) return false;
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if (o.kind == OPD_MEM && o.reg != REG_RBP && o.reg != REG_RIP && !o.stack) return true;
  }
  return false;
}

/* 0: the instruction leaves slot `off` alone; 1: reads it; 2: overwrites it. */
static int slot_use(const IrInsn *in, int64_t off) {
  int use = 0;
  /* an array for the next C call: it reads from there up (ir_live.c) */
  if (in->op == IR_LEAQ && opd_is_slot(in->a[0])) return in->a[0].val < off + 8;
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if (!opd_is_slot(o) || o.val + 8 <= off || off + 8 <= o.val) continue;
    bool whole = in->op == IR_MOVQ && j == in->nops - 1 && o.val == off;
    if (!whole) return 1;
    use = 2;
  }
  return use;
}

/* RBP-relative operands become relative to what RBP equals. */
static void address_from_base(IrInsn *in, Base b) {
  for (int j = 0; j < in->nops; j++) {
    Opd *o = &in->a[j];
    if (o->kind != OPD_MEM || o->reg != REG_RBP) continue;
    if (opd_is_slot(*o)) /* for ir_frame.c, which renumbers slots */
      o->slot_at = o->val >= 0 && o->val < INT32_MAX ? (int32_t)(o->val + 1) : -1;
    o->reg = (uint8_t)b.reg;
    o->val += b.off;
    o->bare = false;
  }
}

static void put(IrBlock *b, IrInsn in) { ir_append(b, in); }

static void remove_pending(Sink *s, int i) {
  memmove(&s->p[i], &s->p[i + 1], (size_t)(s->np - i - 1) * sizeof *s->p);
  s->np--;
}

static int pending_kind(const Sink *s, PendingKind k) {
  for (int i = 0; i < s->np; i++)
    if (s->p[i].kind == k) return i;
  return -1;
}

/* Writes pending instruction i into `to`, after what it depends on: a store
 * addressed from RSP needs the frame allocated, one from RBP needs RBP; the
 * frame base needs the frame allocated. */
static int flush_one(Sink *s, int i, IrBlock *to);

/* Writes the pending instructions `pick` chooses, in order. Writing one may
 * first write what it depends on, below it: the scan steps back as many. */
static void flush_where(Sink *s, IrBlock *to, bool (*pick)(const Sink *s, int i, const void *arg),
                        const void *arg) {
  for (int i = 0; i < s->np;) {
    if (pick(s, i, arg)) i -= flush_one(s, i, to);
    else i++;
  }
}

/* Writes pending instruction i into `to` and returns how many pending
 * instructions below i it wrote first (what it depends on). */
static int flush_one(Sink *s, int i, IrBlock *to) {
  Pending it = s->p[i];
  remove_pending(s, i); /* what it depends on was pushed before it: indices below i hold */
  int need = P_FRAME; /* a frame base from RSP, a store from RSP: the frame first */
  if (it.kind == P_BASE && !opd_is_reg(it.in.a[0], REG_RSP) && it.in.a[0].reg != REG_RSP) need = -1;
  if (it.kind == P_STORE && s->base.reg >= 0) {
    address_from_base(&it.in, s->base);
    if (s->base.reg != REG_RSP) need = -1;
  } else if (it.kind == P_STORE) {
    need = P_BASE;
  }
  int d = it.kind == P_FRAME || need < 0 ? -1 : pending_kind(s, (PendingKind)need), below = 0;
  if (d >= 0 && d < i) below = 1 + flush_one(s, d, to);
  put(to, it.in);
  return below;
}

static bool live_has(const uint64_t *live, int elem) { return elem < 0 || ir_live_has(live, elem); }

/* Writes every pending movq that `live` needs, drops the rest. */
static bool pick_live(const Sink *s, int i, const void *live) { return live_has(live, s->p[i].elem); }

static void flush_live(Sink *s, const uint64_t *live, IrBlock *to) {
  flush_where(s, to, pick_live, live);
  s->np = 0;
}

/* Whether pending store j is still read: by the current instruction (as it
 * reads now, forwarded operands being registers), or after it. */
static bool store_needed(const Sink *s, int j, const IrInsn *seen) {
  if (slot_use(seen, s->p[j].in.a[1].val) == 1) return true;
  return ir_live_has(&s->before[(size_t)(s->at + 1) * (size_t)s->l.words], s->p[j].elem);
}

/* Whether pending instruction i, which the current instruction forces out,
 * is needed at all: a store if its slot is still read; the frame base if
 * the instruction reads RBP (`now`, as it will be written), if RBP is live
 * after it, or if a pending store that is still read will want RBP. */
static bool needed_here(const Sink *s, int i, const IrInsn *seen, const IrInsn *now) {
  if (s->p[i].kind == P_FRAME || !s->before) return true;
  if (s->p[i].kind == P_STORE) return store_needed(s, i, seen);
  if (ir_reads_reg(now, REG_RBP)) return true;
  for (int j = i + 1; j < s->np; j++)
    if (s->p[j].kind == P_STORE && store_needed(s, j, seen)) return true;
  return ir_live_has(&s->before[(size_t)(s->at + 1) * (size_t)s->l.words], ir_live_rbp(&s->l));
}

/* Uses RSP, or the frame through RBP (which is only ever set from a built
 * frame): the frame must be there. */
static bool uses_frame(const IrInsn *in) {
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if ((o.kind == OPD_REG || o.kind == OPD_MEM) && o.reg == REG_RSP) return true;
    if (o.kind == OPD_MEM && o.reg == REG_RBP) return true;
  }
  return false;
}

/* Whether the pending instruction must come before this one (flush), is
 * made pointless by it (drop), or may go on past it. */
static void conflict(const Sink *s, int i, const IrInsn *orig, const IrInsn *now, bool *flush,
                     bool *drop) {
  unsigned w = ir_regs_written(orig);
  bool call = ir_op_effect(orig->op) == FX_CALL, unknown = unknown_memory(orig);
  const IrInsn *p = &s->p[i].in;
  *drop = false;
  *flush = true;
  switch (s->p[i].kind) {
  case P_FRAME: /* a store or frame base that will itself wait is no use of RSP yet */
    *flush = call || unknown || (uses_frame(now) && !is_base_def(orig, NULL) && !is_slot_store(s, orig));
    return;
  case P_BASE: {
    Base from;
    is_base_def(p, &from);
    *flush = call || ir_reads_reg(now, REG_RBP) || (w & 1u << from.reg);
    *drop = !*flush && (w & 1u << REG_RBP);
    return;
  }
  case P_STORE: {
    int use = slot_use(orig, p->a[1].val);
    *flush = call || unknown || use == 1 || (w & 1u << p->a[0].reg) || (w & 1u << REG_RBP);
    *drop = !*flush && use == 2;
    return;
  }
  }
  ICE(0, "a pending instruction of unknown kind");
}

/* A store forced out because its register is reused (the continuation in
 * R8 before `leaq resume, %r8`), whose slot is read only by the jump that
 * ends the block (`jmp *16(%rbp)`, a yield or a resume) and is dead after
 * it: the value goes to R11 instead, and the jump through R11. The
 * convention gives R11 no meaning at a yield, a resume or a continuation
 * (abi.md §3, §4), and such a jump through a slot is never a call. No
 * memory round trip on the way to an indirect jump. */
static bool via_r11(Sink *s, int i, const IrInsn *now) {
  const Pending *p = &s->p[i];
  if (p->kind != P_STORE || s->r11_set || !s->before || s->cur >= s->nblocks) return false;
  int src = p->in.a[0].reg;
  if (src == REG_R11 || src == REG_RSP || !(ir_regs_written(now) & 1u << src)) return false;
  int64_t off = p->in.a[1].val;
  const IrBlock *b = s->f->blocks.b[s->cur];
  for (int k = s->at; k < b->n; k++) {
    const IrInsn *in = &b->insns[k];
    if (ir_is_pseudo(in->op)) continue;
    IrEffect fx = ir_op_effect(in->op);
    Opd t = in->a[0];
    if (fx == FX_LEAVE && t.star && opd_is_slot(t) && t.val == off) {
      ir_live_exit(&s->l, &s->c, s->cfg_cur, k - s->shift[s->cur], s->tmp);
      if (ir_live_has(s->tmp, p->elem)) return false;
      put(&s->out, ir_insn(IR_MOVQ, 2, opd_reg(src), opd_reg(REG_R11)));
      s->r11_slot = off;
      s->r11_set = true;
      return true;
    }
    if (fx == FX_LEAVE || fx == FX_BRANCH || fx == FX_CALL) return false;
    if (k > s->at && slot_use(in, off)) return false;
    for (int j = 0; j < in->nops; j++)
      if ((in->a[j].kind == OPD_REG || in->a[j].kind == OPD_MEM) && in->a[j].reg == REG_R11) return false;
  }
  return false;
}

/* The pending instructions this one must follow (or makes pointless). */
static void resolve(Sink *s, const IrInsn *orig, const IrInsn *now) {
  for (int i = 0; i < s->np;) { /* the frame last: what is left decides whether it is needed */
    if (s->p[i].kind == P_FRAME) {
      i++;
      continue;
    }
    bool flush, drop;
    conflict(s, i, orig, now, &flush, &drop);
    if (flush && !needed_here(s, i, orig, now)) {
      flush = false;
      drop = true;
    }
    if (flush && via_r11(s, i, orig)) flush = false, drop = true;
    if (flush) i -= flush_one(s, i, &s->out);
    else if (drop) remove_pending(s, i);
    else i++;
  }
  int fr = pending_kind(s, P_FRAME);
  if (fr < 0) return;
  bool flush, drop;
  conflict(s, fr, orig, now, &flush, &drop);
  if (!flush) return;
  /* RSP overwritten whole (movq SP1, %rsp) with nothing left that needs the
   * frame: it was never needed */
  bool overwritten = orig->op == IR_MOVQ && opd_is_reg(orig->a[1], REG_RSP) &&
                     orig->a[0].kind == OPD_REG && orig->a[0].reg != REG_RSP && s->before;
  for (int j = fr + 1; j < s->np && overwritten; j++)
    if (s->p[j].kind != P_STORE || store_needed(s, j, orig)) overwritten = false;
  if (overwritten) remove_pending(s, fr);
  else flush_one(s, fr, &s->out);
}

static void push(Sink *s, IrInsn in, PendingKind kind, int elem) {
  if (s->np == MAX_PENDING) flush_one(s, 0, &s->out);
  s->p[s->np++] = (Pending){in, kind, elem};
}

/* subq $F, %rsp */
static bool is_frame_alloc(const IrInsn *in) {
  return in->op == IR_SUBQ && in->a[0].kind == OPD_IMM && in->a[0].frame == FA_SIZE &&
         in->a[0].val == 0 && opd_is_reg(in->a[1], REG_RSP);
}

/* leaq F(%rsp), %rsp or leaq U(%rsp), %rsp with U = F: the frame freed. */
static bool is_frame_free(const Sink *s, const IrInsn *in) {
  Opd a = in->a[0];
  if (in->op != IR_LEAQ || !opd_is_reg(in->a[1], REG_RSP) || a.kind != OPD_MEM ||
      a.reg != REG_RSP || a.val != 0 || a.sym || a.label)
    return false;
  return a.frame == FA_SIZE || (a.frame == FA_UNWIND && s->f->unwind == s->f->frame);
}

/* The frame freed while its allocation is still pending, and nothing that
 * needs it is: neither happens. */
static bool cancel_frame(Sink *s, const IrInsn *now) {
  int fr = pending_kind(s, P_FRAME);
  if (fr < 0 || !is_frame_free(s, now)) return false;
  for (int j = fr + 1; j < s->np; j++)
    if (needed_here(s, j, now, now)) return false;
  s->np = fr; /* it and everything pushed after it */
  s->base.reg = -1;
  return true;
}

/* A block of a few instructions that ends in leaving the function (a raise
 * path, a return): worth a copy on an edge. */
static bool short_exit(const IrBlock *b) {
  int n = 0, last = -1;
  for (int k = 0; k < b->n; k++) {
    if (b->insns[k].op == IR_LOC || b->insns[k].op == IR_CFI_DEF_CFA) return false;
    /* no branch: a block it reaches may have been rebuilt for the original's
     * way in alone (a pending state inherited) */
    if (ir_op_effect(b->insns[k].op) == FX_BRANCH) return false;
    if (!ir_is_pseudo(b->insns[k].op)) n++, last = k;
  }
  return n > 0 && n <= 8 && ir_op_effect(b->insns[last].op) == FX_LEAVE;
}

/* A conditional branch to block t: what t reads goes onto that edge. A
 * block entered only by this branch, and rebuilt later, starts with the
 * pending instructions themselves, to carry them on. */
static void branch_edge(Sink *s, IrInsn *jcc, int t) {
  bool one_way = s->c.ways_in[t] == 1 && !s->c.reentry[t] && s->cur < s->nblocks;
  if (one_way && t > s->cur) {
    Inherited *in = &s->inherit[t];
    memcpy(in->p, s->p, (size_t)s->np * sizeof *s->p);
    in->np = s->np;
    in->base = s->base;
    in->set = true;
    return;
  }
  const uint64_t *live = ir_live_in(&s->l, t);
  Sink edge = *s; /* flush a copy: the pending movqs go on along the fall-through */
  edge.out = (IrBlock){.arena = &s->f->arena}; /* arrays live in the function's arena */
  flush_where(&edge, &edge.out, pick_live, live);
  if (!edge.out.n) return;
  IrBlock *to = s->f->blocks.b[t];
  if (one_way && t != s->cur) {
    s->shift[t] += edge.out.n;
    for (int k = 0; k < to->n; k++) put(&edge.out, to->insns[k]);
    to->insns = edge.out.insns;
    to->n = edge.out.n;
    to->cap = edge.out.cap;
    return;
  }
  Opd label = opd_label(++*s->f->labels);
  IrBlock *e = ir_block_new(s->f, &s->f->blocks, label, ENTRY_COLD);
  jcc->a[0] = label;
  /* the target's code itself, rebuilt later; only a target not rebuilt yet,
   * whose instructions are still the ones the graph and liveness index */
  if (s->cur < s->nblocks && t > s->cur && short_exit(to)) {
    for (int k = 0; k < to->n; k++) put(e, to->insns[k]);
    if (s->ncopies == s->capcopies) {
      s->capcopies = s->capcopies ? 2 * s->capcopies : 8;
      s->copies = realloc(s->copies, (size_t)s->capcopies * sizeof *s->copies);
      if (!s->copies) fatal_oom();
    }
    Copy *c = &s->copies[s->ncopies++];
    c->block = s->f->blocks.n - 1;
    c->of = t;
    memcpy(c->start.p, s->p, (size_t)s->np * sizeof *s->p);
    c->start.np = s->np;
    c->start.base = s->base;
    return;
  }
  for (int k = 0; k < edge.out.n; k++) put(e, edge.out.insns[k]);
  put(e, ir_insn(IR_JMP, 1, to->label, (Opd){0}));
}

/* Whether operand j of the instruction may be a register instead of the
 * slot it reads: a 64-bit read that is not also a write. */
static bool reg_may_replace(const IrInsn *in, int j) {
  if (ir_op_width(in->op) != 8 || in->op == IR_LEAQ || in->op == IR_MOVABSQ) return false;
  switch (ir_op_effect(in->op)) {
  case FX_MOVE:
  case FX_WRITES_LAST: return in->nops == 2 && j == 0;
  case FX_READS: return true;
  case FX_DIVIDE: return true;
  case FX_LEAVE: return in->a[j].star;
  default: return false;
  }
}

/* Store-to-load forwarding: a read of a slot whose store is still pending
 * reads the store's register instead (it holds the value until the store
 * is written), so the store may wait on. False if the instruction became
 * a move of a register to itself, to be dropped. */
static bool forward(Sink *s, const IrInsn *orig, IrInsn *now) {
  for (int j = 0; j < orig->nops; j++) {
    if (!opd_is_slot(orig->a[j]) || !reg_may_replace(orig, j)) continue;
    for (int i = s->np - 1; i >= 0; i--) {
      const IrInsn *p = &s->p[i].in;
      if (s->p[i].kind != P_STORE || p->a[1].val != orig->a[j].val) continue;
      bool star = now->a[j].star;
      now->a[j] = opd_reg(p->a[0].reg);
      now->a[j].star = star;
      break;
    }
  }
  return !(now->op == IR_MOVQ && now->a[0].kind == OPD_REG && opd_equal(now->a[0], now->a[1]));
}

/* A movq that writes only a slot or RBP that nothing reads afterwards (the
 * dead-store rule of ir_stores.c, from the liveness this pass has anyway). */
static bool dead_write(const Sink *s, const IrInsn *in) {
  if (!s->before || in->op != IR_MOVQ) return false;
  const uint64_t *after = &s->before[(size_t)(s->at + 1) * (size_t)s->l.words];
  Opd to = in->a[1];
  if (opd_is_slot(to)) {
    int e = ir_live_slot(&s->l, to.val);
    return e >= 0 && !ir_live_has(after, e);
  }
  return opd_is_reg(to, REG_RBP) && !ir_live_has(after, ir_live_rbp(&s->l));
}

/* One instruction of the block being rebuilt. */
static void step(Sink *s, IrInsn in) {
  IrInsn orig = in;
  if (ir_is_pseudo(in.op)) {
    put(&s->out, in);
    return;
  }
  if (dead_write(s, &orig)) return; /* RBP or the slot keeps its value: nothing reads it */
  if (s->r11_set && in.op == IR_JMP && in.a[0].star && opd_is_slot(in.a[0]) &&
      in.a[0].val == s->r11_slot) {
    in.a[0] = opd_star(opd_reg(REG_R11));
    orig = in;
    s->r11_set = false;
  }
  Base def;
  if (is_base_def(&orig, &def) && def.reg == s->base.reg && def.off == s->base.off)
    return; /* RBP is (or will be) that already: a raise path's movq %rsp, %rbp */
  if (s->base.reg >= 0) address_from_base(&in, s->base);
  if (!forward(s, &orig, &in)) return;
  if (cancel_frame(s, &in)) return;
  IrInsn seen = in; /* the slots it still reads, as they were named */
  for (int j = 0; j < in.nops; j++)
    if (in.a[j].kind == OPD_REG && orig.a[j].kind == OPD_MEM) seen.a[j] = in.a[j];
    else seen.a[j] = orig.a[j];
  resolve(s, &seen, &in);
  orig = seen;
  unsigned w = ir_regs_written(&orig);
  if (is_base_def(&orig, &def)) {
    push(s, orig, P_BASE, ir_live_rbp(&s->l));
    s->base = def;
    return;
  }
  if ((s->base.reg >= 0 && (w & 1u << s->base.reg)) || (w & 1u << REG_RBP) ||
      ir_op_effect(orig.op) == FX_CALL)
    s->base.reg = -1;
  if (is_frame_alloc(&orig)) {
    push(s, orig, P_FRAME, -1);
    return;
  }
  if (is_slot_store(s, &orig)) {
    push(s, orig, P_STORE, ir_live_slot(&s->l, orig.a[1].val));
    return;
  }
  IrEffect fx = ir_op_effect(in.op);
  if (fx == FX_BRANCH) {
    int t = ir_cfg_target(&s->c, in.a[0]);
    if (t >= 0) {
      branch_edge(s, &in, t);
    } else { /* a branch out of the function: what the re-entries read */
      ir_live_exit(&s->l, &s->c, s->cfg_cur, s->k, s->tmp);
      flush_where(s, &s->out, pick_live, s->tmp);
    }
  } else if (fx == FX_LEAVE) {
    int t = ir_cfg_target(&s->c, in.a[0]);
    if (t < 0) ir_live_exit(&s->l, &s->c, s->cfg_cur, s->k, s->tmp);
    flush_live(s, t >= 0 ? ir_live_in(&s->l, t) : s->tmp, &s->out);
  }
  put(&s->out, in);
}

/* Live before each instruction of block i (and after the last), as the
 * block stands, for the decision to write a pending movq or drop it. */
static void live_before(Sink *s, int i, int cfg_i, int shift) {
  const IrBlock *b = s->f->blocks.b[i];
  size_t words = (size_t)s->l.words;
  free(s->before);
  s->before = NULL;
  if ((size_t)(b->n + 1) * words > 1u << 20) return;
  s->before = calloc((size_t)(b->n + 1) * words, sizeof *s->before);
  if (!s->before) fatal_oom();
  uint64_t *set = &s->before[(size_t)b->n * words];
  if (i + 1 < s->nblocks && ir_block_falls_through(b))
    memcpy(set, ir_live_in(&s->l, i + 1), words * sizeof *set);
  for (int k = b->n - 1; k >= 0; k--) {
    uint64_t *to = &s->before[(size_t)k * words];
    memcpy(to, &s->before[(size_t)(k + 1) * words], words * sizeof *to);
    ir_live_step(&s->l, &s->c, cfg_i, k - shift, &b->insns[k], to);
  }
}

/* Rebuilds block i (as the graph knows it: block cfg_i) from `start`, or
 * from what is pending when carried in, or from nothing. */
static void rebuild(Sink *s, int i, int cfg_i, const Inherited *start, bool carried) {
  IrBlock *b = s->f->blocks.b[i];
  int shift = i < s->nblocks ? s->shift[i] : 0;
  s->cur = i;
  s->cfg_cur = cfg_i;
  s->r11_set = false;
  if (start && start->set) {
    memcpy(s->p, start->p, (size_t)start->np * sizeof *s->p);
    s->np = start->np;
    s->base = start->base;
  } else if (!carried) {
    s->np = 0;
    s->base.reg = -1;
  }
  live_before(s, i, cfg_i, shift);
  s->out = (IrBlock){.arena = &s->f->arena};
  for (int k = 0; k < b->n; k++) {
    s->k = k - shift;
    s->at = k;
    step(s, b->insns[k]);
  }
  b->insns = s->out.insns; /* the old array stays in the arena, freed with the function */
  b->n = s->out.n;
  b->cap = s->out.cap;
}

bool ir_pass_sink(IrFunc *f) {
  Sink s = {.f = f};
  ir_cfg_build(&s.c, f);
  ir_live_compute(&s.l, &s.c, f);
  if (s.l.ok) {
    s.nblocks = f->blocks.n;
    s.shift = calloc((size_t)s.nblocks, sizeof *s.shift);
    s.tmp = calloc((size_t)s.l.words, sizeof *s.tmp);
    s.inherit = calloc((size_t)s.nblocks, sizeof *s.inherit);
    if (!s.shift || !s.tmp || !s.inherit) fatal_oom();
    bool carried = false;
    for (int i = 0; i < s.nblocks; i++) {
      rebuild(&s, i, i, &s.inherit[i], carried);
      IrBlock *b = f->blocks.b[i];
      /* falling into a block with no other way in: carry on into it */
      carried = i + 1 < s.nblocks && ir_block_falls_through(b) && s.c.ways_in[i + 1] == 1 &&
                !s.c.reentry[i + 1];
      if (!carried && ir_block_falls_through(b)) {
        memset(s.tmp, 0, (size_t)s.l.words * sizeof *s.tmp);
        flush_live(&s, i + 1 < s.nblocks ? ir_live_in(&s.l, i + 1) : s.tmp, b);
      }
    }
    for (int c = 0; c < s.ncopies; c++) { /* their own branches get plain edges */
      s.copies[c].start.set = true;
      rebuild(&s, s.copies[c].block, s.copies[c].of, &s.copies[c].start, false);
    }
    free(s.copies);
    free(s.shift);
    free(s.tmp);
    free(s.inherit);
    free(s.before);
  }
  bool done = s.l.ok;
  ir_live_free(&s.l);
  ir_cfg_free(&s.c);
  return done;
}
