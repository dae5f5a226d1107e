/* -O1 and up: overflow checks that cannot fire, dropped.
 *
 * Every + - * and unary - on dodo integers is followed by `jo` to the
 * overflow path (language.md §7). This pass follows the range of values
 * each register and frame slot may hold, as an interval, forwards through
 * the function, and drops a `jo` whose arithmetic cannot overflow: fib's
 * `n - 1` on the arm where n >= 2, a generator's `.i = i + 1` after
 * `if (i >= n) end()`.
 *
 * Ranges come from constants and copies, from the arithmetic itself, and
 * from branches: after `cmpq A, B; jl` each path knows which of B < A and
 * B >= A holds, for both operands and for the slot a register was loaded
 * from. They flow along jumps and fall-through; where the function is
 * left, the slots' ranges (no register survives) flow on to the re-entries
 * that exit hands out (ir_cfg.c): no one else writes this frame, so what a
 * generator knew of its counter before a yield holds at the resume. Loops
 * are widened after a few rounds (a bound still moving is given up), so
 * the fixed point is reached quickly; then two rounds of narrowing take
 * back what the branches bound (a counter below n is below MAX again).
 *
 * Runs after the slot facts (its loads dropped make registers and slots
 * one) and before the passes that move stores and address slots from RSP,
 * which it relies on being RBP-relative (as ir_live.c does). */
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "ir.h"
#include "ir_pass.h"

enum { MAX_SLOTS = 1 << 12, MAX_CELLS = 1 << 20, MAX_ROUNDS = 64, WIDEN_AFTER = 3 };

typedef struct Range {
  int64_t lo, hi;
} Range;

static const Range top = {INT64_MIN, INT64_MAX};

/* What is known where an instruction runs. */
typedef struct State {
  bool known; /* false: no path reaches here (yet) */
  Range reg[NREGS];
  int mirror[NREGS]; /* the slot element a register equals, or -1 */
  Range *slot;       /* per slot element */
} State;

typedef struct Pass {
  IrFunc *f;
  IrCfg c;
  IrLive l; /* for the slot elements only */
  int nslots;
  State *in;     /* per block: where it starts */
  State *next;   /* narrowing: the starts the current round finds */
  bool narrowing;
  int *changes;  /* per block: how often its start grew, for widening */
  bool grew, rewrite;
  State cur, saved;
  /* the last comparison, for the branches right after it */
  bool have_cmp;
  Opd cmp_a, cmp_b; /* cmpq a, b: the flags of b - a; testq r, r: a = b */
  bool cmp_test;
} Pass;


static void state_alloc(Pass *p, State *s) {
  s->slot = calloc((size_t)p->nslots + 1, sizeof *s->slot);
  if (!s->slot) fatal_oom();
}

static void state_top(Pass *p, State *s) {
  s->known = true;
  for (int r = 0; r < NREGS; r++) {
    s->reg[r] = top;
    s->mirror[r] = -1;
  }
  for (int e = 0; e < p->nslots; e++) s->slot[e] = top;
}

static void state_copy(Pass *p, State *to, const State *from) {
  to->known = from->known;
  memcpy(to->reg, from->reg, sizeof to->reg);
  memcpy(to->mirror, from->mirror, sizeof to->mirror);
  memcpy(to->slot, from->slot, (size_t)p->nslots * sizeof *to->slot);
}

static Range join(Range a, Range b) {
  return (Range){a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi};
}

/* Widening: a bound that moved is given up. */
static Range widen(Range old, Range now) {
  return (Range){now.lo < old.lo ? INT64_MIN : old.lo, now.hi > old.hi ? INT64_MAX : old.hi};
}

/* into = into joined with what arrives (registers too unless `slots_only`);
 * records whether block b's start grew. */
static void arrive(Pass *p, int b, const State *s, bool slots_only) {
  if (!s->known) return;
  State *in = p->narrowing ? &p->next[b] : &p->in[b];
  bool widening = !p->narrowing && p->changes[b] >= WIDEN_AFTER, grew = false;
  if (!in->known) {
    state_copy(p, in, s);
    if (slots_only)
      for (int r = 0; r < NREGS; r++) {
        in->reg[r] = top;
        in->mirror[r] = -1;
      }
    p->changes[b]++;
    p->grew = true;
    return;
  }
  for (int r = 0; r < NREGS; r++) {
    Range now = slots_only ? top : join(in->reg[r], s->reg[r]);
    if (now.lo != in->reg[r].lo || now.hi != in->reg[r].hi) {
      in->reg[r] = widening ? widen(in->reg[r], now) : now;
      grew = true;
    }
    if (in->mirror[r] >= 0 && (slots_only || s->mirror[r] != in->mirror[r])) {
      in->mirror[r] = -1;
      grew = true;
    }
  }
  for (int e = 0; e < p->nslots; e++) {
    Range now = join(in->slot[e], s->slot[e]);
    if (now.lo != in->slot[e].lo || now.hi != in->slot[e].hi) {
      in->slot[e] = widening ? widen(in->slot[e], now) : now;
      grew = true;
    }
  }
  if (grew) {
    p->changes[b]++;
    p->grew = true;
  }
}

/* ---- Reading and writing operands ---- */

static int slot_of(const Pass *p, Opd o) {
  return opd_is_slot(o) && o.val % 8 == 0 ? ir_live_slot(&p->l, o.val) : -1;
}

static Range value(const Pass *p, Opd o) {
  if (o.kind == OPD_IMM && o.frame == FA_NONE) return (Range){o.val, o.val};
  if (o.kind == OPD_REG && o.width == 8 && o.reg < NREGS) return p->cur.reg[o.reg];
  int e = slot_of(p, o);
  return e >= 0 ? p->cur.slot[e] : top;
}

/* Registers that mirror slot e forget it (the slot changed). */
static void slot_changed(Pass *p, int e) {
  for (int r = 0; r < NREGS; r++)
    if (p->cur.mirror[r] == e) p->cur.mirror[r] = -1;
}

static void set(Pass *p, Opd o, Range v) {
  if (o.kind == OPD_MEM && o.reg != REG_RBP && o.reg != REG_RIP && !o.stack) {
    /* memory through another register might be a slot (RSP is the frame
     * base in places): every slot is unknown */
    for (int e = 0; e < p->nslots; e++) p->cur.slot[e] = top;
    for (int r = 0; r < NREGS; r++) p->cur.mirror[r] = -1;
    return;
  }
  if (o.kind == OPD_REG && o.reg < NREGS) {
    p->cur.reg[o.reg] = o.width == 8 ? v : top;
    p->cur.mirror[o.reg] = -1;
    return;
  }
  int e = slot_of(p, o);
  if (e >= 0) {
    p->cur.slot[e] = v;
    slot_changed(p, e);
  } else if (opd_is_slot(o)) { /* a part of a slot, or one not tracked */
    for (int k = 0; k < p->nslots; k++)
      if (p->l.offs[k] < o.val + 8 && o.val < p->l.offs[k] + 8) {
        p->cur.slot[k] = top;
        slot_changed(p, k);
      }
  }
}

/* Narrows what is known of operand o (and of its mirror) to v. */
static void narrow(Pass *p, Opd o, Range v) {
  Range now = value(p, o);
  if (v.lo > now.lo) now.lo = v.lo;
  if (v.hi < now.hi) now.hi = v.hi;
  if (now.lo > now.hi) { /* the path cannot be taken */
    p->cur.known = false;
    return;
  }
  int e = -1;
  if (o.kind == OPD_REG && o.width == 8 && o.reg < NREGS) {
    p->cur.reg[o.reg] = now;
    e = p->cur.mirror[o.reg];
  } else {
    e = slot_of(p, o);
  }
  if (e < 0) return;
  p->cur.slot[e] = now;
  for (int r = 0; r < NREGS; r++)
    if (p->cur.mirror[r] == e) p->cur.reg[r] = now;
}

/* Narrows o to its range without the value x, where x is one of its ends
 * (a hole in the middle is not kept: ranges are intervals). */
static void exclude(Pass *p, Opd o, int64_t x) {
  Range now = value(p, o);
  if (now.lo == x && now.hi == x) p->cur.known = false; /* the path cannot be taken */
  else if (now.lo == x) narrow(p, o, (Range){x + 1, now.hi});
  else if (now.hi == x) narrow(p, o, (Range){now.lo, x - 1});
}

static bool trackable(Opd o) {
  return (o.kind == OPD_REG && o.width == 8 && o.reg < NREGS) || opd_is_slot(o) ||
         (o.kind == OPD_IMM && o.frame == FA_NONE);
}

/* What the last comparison says on the path where `cc` holds. */
static void refine(Pass *p, Cond cc) {
  if (!p->have_cmp || !p->cur.known) return;
  if (p->cmp_test) { /* testq r, r: r itself */
    Opd r = p->cmp_b;
    if (cc == CC_S) narrow(p, r, (Range){INT64_MIN, -1});
    else if (cc == CC_NS) narrow(p, r, (Range){0, INT64_MAX});
    else if (cc == CC_Z || cc == CC_E) narrow(p, r, (Range){0, 0});
    else if (cc == CC_NZ || cc == CC_NE) exclude(p, r, 0);
    return;
  }
  Opd a = p->cmp_a, b = p->cmp_b; /* b ? a */
  Range ra = value(p, a), rb = value(p, b);
  switch (cc) {
  case CC_L: /* b < a */
    if (ra.hi == INT64_MIN || rb.lo == INT64_MAX) { p->cur.known = false; return; }
    narrow(p, b, (Range){INT64_MIN, ra.hi - 1});
    narrow(p, a, (Range){rb.lo + 1, INT64_MAX});
    break;
  case CC_GE: /* b >= a */
    narrow(p, b, (Range){ra.lo, INT64_MAX});
    narrow(p, a, (Range){INT64_MIN, rb.hi});
    break;
  case CC_LE: /* b <= a */
    narrow(p, b, (Range){INT64_MIN, ra.hi});
    narrow(p, a, (Range){rb.lo, INT64_MAX});
    break;
  case CC_G: /* b > a */
    if (ra.lo == INT64_MAX || rb.hi == INT64_MIN) { p->cur.known = false; return; }
    narrow(p, b, (Range){ra.lo + 1, INT64_MAX});
    narrow(p, a, (Range){INT64_MIN, rb.hi - 1});
    break;
  case CC_E:
  case CC_Z:
    narrow(p, b, ra);
    narrow(p, a, rb);
    break;
  case CC_NE:
  case CC_NZ: /* an end of one range that is the other's one value goes */
    if (ra.lo == ra.hi) exclude(p, b, ra.lo);
    if (rb.lo == rb.hi) exclude(p, a, rb.lo);
    break;
  default: break; /* unsigned and flag conditions: nothing to narrow */
  }
}

/* ---- Arithmetic ---- */

/* The range of x op y if no value in them can overflow; false if one can. */
static bool arith(IrOp op, Range x, Range y, Range *out) {
  int64_t a, b;
  switch (op) {
  case IR_ADDQ:
    if (__builtin_add_overflow(x.lo, y.lo, &a) || __builtin_add_overflow(x.hi, y.hi, &b)) return false;
    break;
  case IR_SUBQ: /* x - y */
    if (__builtin_sub_overflow(x.lo, y.hi, &a) || __builtin_sub_overflow(x.hi, y.lo, &b)) return false;
    break;
  case IR_IMULQ: {
    int64_t c[4];
    if (__builtin_mul_overflow(x.lo, y.lo, &c[0]) || __builtin_mul_overflow(x.lo, y.hi, &c[1]) ||
        __builtin_mul_overflow(x.hi, y.lo, &c[2]) || __builtin_mul_overflow(x.hi, y.hi, &c[3]))
      return false;
    a = b = c[0];
    for (int i = 1; i < 4; i++) {
      if (c[i] < a) a = c[i];
      if (c[i] > b) b = c[i];
    }
    break;
  }
  default: return false;
  }
  *out = (Range){a, b};
  return true;
}

/* An instruction that sets OF for `jo`: whether it cannot overflow here,
 * and what its destination then holds. */
static bool safe_arith(Pass *p, const IrInsn *in, Range *out) {
  switch (in->op) {
  case IR_ADDQ:
  case IR_SUBQ:
  case IR_IMULQ:
    return in->nops == 2 && trackable(in->a[0]) && trackable(in->a[1]) &&
           arith((IrOp)in->op, value(p, in->a[1]), value(p, in->a[0]), out);
  case IR_INCQ: return trackable(in->a[0]) && arith(IR_ADDQ, value(p, in->a[0]), (Range){1, 1}, out);
  case IR_NEGQ: {
    Range x = value(p, in->a[0]);
    if (!trackable(in->a[0]) || x.lo == INT64_MIN) return false;
    *out = (Range){-x.hi, -x.lo};
    return true;
  }
  default: return false;
  }
}

/* ---- The walk ---- */

static int next_real(const IrBlock *b, int k) {
  for (k++; k < b->n; k++)
    if (!ir_is_pseudo(b->insns[k].op)) return k;
  return -1;
}

/* The range an extension instruction's result always has (movsbq: an
 * int8's); false for any other instruction. */
static bool extension_range(const IrInsn *in, Range *r) {
  switch (in->op) {
  case IR_MOVSBQ: *r = (Range){INT8_MIN, INT8_MAX}; return true;
  case IR_MOVSWQ: *r = (Range){INT16_MIN, INT16_MAX}; return true;
  case IR_MOVSLQ: *r = (Range){INT32_MIN, INT32_MAX}; return true;
  case IR_MOVZBL: *r = (Range){0, UINT8_MAX}; return true;
  case IR_MOVZWL: *r = (Range){0, UINT16_MAX}; return true;
  case IR_MOVL: *r = (Range){0, UINT32_MAX}; return in->a[0].kind == OPD_REG; /* movl %eax, %edx */
  default: return false;
  }
}

/* The overflow check of a sized integer (gen_int.c):
 *     movsbq %al, %rdx ; cmpq %rdx, %rax ; jne <overflow>
 * When RAX's range lies within the type's, the extension changes nothing
 * and the jne cannot be taken: the compare and the jump go. */
static void drop_fits_check(Pass *p, IrBlock *blk, int k) {
  const IrInsn *in = &blk->insns[k];
  Range ext;
  if (!p->rewrite || !extension_range(in, &ext) || in->nops != 2) return;
  Opd src = in->a[0], dst = in->a[1];
  if (src.kind != OPD_REG || dst.kind != OPD_REG || src.reg == dst.reg || src.reg >= NREGS) return;
  Range v = p->cur.reg[src.reg];
  if (v.lo < ext.lo || v.hi > ext.hi) return;
  int c = next_real(blk, k), j = c >= 0 ? next_real(blk, c) : -1;
  if (j < 0) return;
  IrInsn *cmp = &blk->insns[c], *jne = &blk->insns[j];
  if (cmp->op != IR_CMPQ || !opd_is_reg(cmp->a[0], dst.reg) || !opd_is_reg(cmp->a[1], src.reg) ||
      jne->op != IR_JCC || jne->cc != CC_NE)
    return;
  *cmp = ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0});
  cmp->comment = "fits its type: no cmpq";
  *jne = ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0});
  jne->comment = "fits its type: no jne";
}

typedef struct ExitArg {
  Pass *p;
} ExitArg;

static void to_reentry(void *arg, int block) {
  Pass *p = ((ExitArg *)arg)->p;
  arrive(p, block, &p->cur, true);
}

static void jump(Pass *p, int b, int k, const IrInsn *in) {
  int t = ir_cfg_target(&p->c, in->a[0]);
  if (t >= 0) {
    arrive(p, t, &p->cur, false);
  } else {
    ExitArg a = {p};
    ir_cfg_reentries(&p->c, b, k, to_reentry, &a);
  }
}

static void moves(Pass *p, const IrInsn *in) {
  Opd src = in->a[0], dst = in->a[1];
  Range v = value(p, src);
  if (src.kind == OPD_MEM && slot_of(p, src) < 0) v = top;
  set(p, dst, v);
  if (dst.kind == OPD_REG && dst.reg < NREGS) {
    if (src.kind == OPD_REG && src.reg < NREGS) p->cur.mirror[dst.reg] = p->cur.mirror[src.reg];
    else p->cur.mirror[dst.reg] = slot_of(p, src);
  } else if (slot_of(p, dst) >= 0 && src.kind == OPD_REG && src.reg < NREGS) {
    p->cur.mirror[src.reg] = slot_of(p, dst);
  }
}

/* Any other instruction: what it writes becomes unknown, within what its
 * kind says. */
static void writes(Pass *p, const IrInsn *in) {
  switch (ir_op_effect(in->op)) {
  case FX_CALL:
    state_top(p, &p->cur);
    return;
  case FX_DIVIDE: set(p, opd_reg(REG_RAX), top); set(p, opd_reg(REG_RDX), top); return;
  case FX_WRITES_RDX: set(p, opd_reg(REG_RDX), top); return;
  case FX_MOVE:
  case FX_WRITES_LAST: break;
  default: return;
  }
  Opd d = in->a[in->nops - 1];
  Range v = top;
  if (in->op == IR_XORL && opd_equal(in->a[0], d)) v = (Range){0, 0};
  else if (in->op == IR_MOVL && in->a[0].kind == OPD_IMM) v = (Range){(uint32_t)in->a[0].val, (uint32_t)in->a[0].val};
  else if (in->op == IR_MOVL || in->op == IR_XORL) v = (Range){0, UINT32_MAX};
  else if (in->op == IR_MOVZBL) v = (Range){0, 255};
  else if (in->op == IR_MOVZWL) v = (Range){0, 65535};
  else if (in->op == IR_MOVSBQ) v = (Range){INT8_MIN, INT8_MAX};
  else if (in->op == IR_MOVSWQ) v = (Range){INT16_MIN, INT16_MAX};
  else if (in->op == IR_MOVSLQ) v = (Range){INT32_MIN, INT32_MAX};
  else if (in->op == IR_ANDQ && in->a[0].kind == OPD_IMM && in->a[0].val >= 0) v = (Range){0, in->a[0].val};
  if (d.kind == OPD_REG && d.reg < NREGS && d.width != 8 && v.lo >= 0) { /* 32-bit writes zero-extend */
    p->cur.reg[d.reg] = in->op == IR_SETCC ? top : v;
    p->cur.mirror[d.reg] = -1;
    return;
  }
  set(p, d, v);
}

/* One instruction (in the rewrite round, a jo it makes pointless goes). */
static void step(Pass *p, IrBlock *blk, int b, int k) {
  IrInsn *in = &blk->insns[k];
  if (ir_is_pseudo(in->op)) return;
  if (!p->cur.known) state_top(p, &p->cur); /* code after a jmp: entered somehow */
  IrEffect fx = ir_op_effect(in->op);
  if (fx == FX_BRANCH) {
    state_copy(p, &p->saved, &p->cur); /* the taken path, then the other */
    refine(p, (Cond)in->cc);
    if (p->cur.known) jump(p, b, k, in);
    state_copy(p, &p->cur, &p->saved);
    refine(p, cond_invert((Cond)in->cc));
    return;
  }
  if (fx == FX_LEAVE) {
    jump(p, b, k, in);
    p->cur.known = false;
    p->have_cmp = false;
    return;
  }
  p->have_cmp = false;
  if (in->op == IR_CMPQ && trackable(in->a[0]) && trackable(in->a[1])) {
    p->have_cmp = true;
    p->cmp_test = false;
    p->cmp_a = in->a[0];
    p->cmp_b = in->a[1];
    return;
  }
  if (in->op == IR_TESTQ && opd_equal(in->a[0], in->a[1]) && in->a[0].kind == OPD_REG) {
    p->have_cmp = true;
    p->cmp_test = true;
    p->cmp_a = p->cmp_b = in->a[0];
    return;
  }
  Range r;
  if (safe_arith(p, in, &r)) {
    Opd d = in->a[in->nops - 1];
    int j = next_real(blk, k);
    if (p->rewrite && j >= 0 && blk->insns[j].op == IR_JCC && blk->insns[j].cc == CC_O) {
      IrInsn *jo = &blk->insns[j];
      *jo = ir_insn(IR_COMMENT, 0, (Opd){0}, (Opd){0});
      jo->comment = "cannot overflow: no jo";
    }
    set(p, d, r);
    return;
  }
  drop_fits_check(p, blk, k);
  if (in->op == IR_MOVQ) moves(p, in);
  else writes(p, in);
  return;
}

static void walk(Pass *p) {
  State end = {0};
  state_alloc(p, &end);
  for (int b = 0; b < p->f->blocks.n; b++) {
    IrBlock *blk = p->f->blocks.b[b];
    if (b == 0) {
      state_top(p, &p->in[0]);
    } else if (end.known && ir_block_falls_through(p->f->blocks.b[b - 1])) {
      arrive(p, b, &end, false);
    }
    state_copy(p, &p->cur, &p->in[b]);
    p->have_cmp = false;
    for (int k = 0; k < blk->n; k++) step(p, blk, b, k);
    state_copy(p, &end, &p->cur);
  }
  free(end.slot);
}

/* Rounds that recompute every block's start from the others' (no join
 * with the old, no widening): each stays sound, and bounds come back. The
 * last one drops the jo that cannot fire. */
static void narrow_rounds(Pass *p, int rounds) {
  int n = p->f->blocks.n;
  p->next = calloc((size_t)n, sizeof *p->next);
  if (!p->next) fatal_oom();
  for (int b = 0; b < n; b++) state_alloc(p, &p->next[b]);
  p->narrowing = true;
  for (int r = 0; r < rounds; r++) {
    for (int b = 0; b < n; b++) p->next[b].known = false;
    p->rewrite = r == rounds - 1; /* every round's starts are sound: the last also rewrites */
    walk(p);
    for (int b = 1; b < n; b++) state_copy(p, &p->in[b], &p->next[b]);
  }
  p->narrowing = false;
  for (int b = 0; b < n; b++) free(p->next[b].slot);
  free(p->next);
  p->next = NULL;
}

void ir_pass_ranges(IrFunc *f) {
  Pass p = {.f = f};
  ir_cfg_build(&p.c, f);
  ir_live_slots(&p.l, f);
  p.nslots = p.l.nslots;
  int n = f->blocks.n;
  if (p.l.ok && p.nslots <= MAX_SLOTS && (int64_t)n * (p.nslots + NREGS) <= MAX_CELLS) {
    p.in = calloc((size_t)n, sizeof *p.in);
    p.changes = calloc((size_t)n, sizeof *p.changes);
    if (!p.in || !p.changes) fatal_oom();
    for (int b = 0; b < n; b++) state_alloc(&p, &p.in[b]);
    state_alloc(&p, &p.cur);
    state_alloc(&p, &p.saved);
    int rounds = 0;
    do {
      p.grew = false;
      walk(&p);
    } while (p.grew && ++rounds < MAX_ROUNDS);
    if (!p.grew) narrow_rounds(&p, 2); /* a fixed point: what it says holds on every path */
    for (int b = 0; b < n; b++) free(p.in[b].slot);
    free(p.cur.slot);
    free(p.saved.slot);
    free(p.in);
    free(p.changes);
  }
  ir_live_free(&p.l);
  ir_cfg_free(&p.c);
}
