#include "ir_pass.h"

#include <stdlib.h>

#include "fatal.h"

MoveKind ir_move_kind(const IrInsn *in) {
  if (in->op != IR_MOVQ) return MOVE_NONE;
  Opd a = in->a[0], b = in->a[1];
  if (opd_is_slot(a) && b.kind == OPD_REG && b.reg != REG_RBP) return MOVE_LOAD;
  if (a.kind == OPD_REG && opd_is_slot(b)) return MOVE_STORE;
  if (a.kind == OPD_REG && b.kind == OPD_REG) return MOVE_COPY;
  return MOVE_OTHER;
}

bool ir_direct_jump(const IrInsn *in) {
  return (in->op == IR_JMP || in->op == IR_JCC) && opd_local_label(in->a[0]) > 0;
}

bool ir_is_jump(const IrInsn *in) {
  IrEffect fx = ir_op_effect(in->op);
  return fx == FX_LEAVE || fx == FX_BRANCH;
}

bool ir_pure_write(IrOp op) {
  return op == IR_MOVQ || op == IR_LEAQ || op == IR_MOVL || op == IR_MOVABSQ || op == IR_MOVZBL ||
         op == IR_MOVZWL || op == IR_MOVSBQ || op == IR_MOVSWQ || op == IR_MOVSLQ ||
         op == IR_SETCC;
}

unsigned ir_regs_written(const IrInsn *in) {
  switch (ir_op_effect(in->op)) {
  case FX_MOVE:
  case FX_WRITES_LAST: {
    Opd d = in->a[in->nops - 1];
    return d.kind == OPD_REG ? 1u << d.reg : 0;
  }
  case FX_DIVIDE: return 1u << REG_RAX | 1u << REG_RDX;
  case FX_WRITES_RDX: return 1u << REG_RDX;
  case FX_CALL: return ~0u;
  case FX_PUSH: return 1u << REG_RSP;
  default: return 0;
  }
}

bool ir_reads_reg(const IrInsn *in, int reg) {
  bool pure = ir_pure_write((IrOp)in->op);
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if (o.kind == OPD_MEM && o.reg == reg) return true;
    if (opd_is_reg(o, reg) && !(pure && j == in->nops - 1)) return true;
  }
  return false;
}

unsigned ir_regs_read(const IrInsn *in) {
  unsigned m = 0;
  switch (ir_op_effect(in->op)) {
  case FX_CALL: return ~0u;
  case FX_DIVIDE: m = 1u << REG_RAX | 1u << REG_RDX; break;
  case FX_WRITES_RDX: m = 1u << REG_RAX; break; /* cqto */
  case FX_PUSH: m = 1u << REG_RSP; break;
  default: break;
  }
  bool pure = ir_pure_write((IrOp)in->op);
  for (int j = 0; j < in->nops; j++) {
    Opd o = in->a[j];
    if (o.kind == OPD_MEM && o.reg < NREGS) m |= 1u << o.reg;
    if (o.kind == OPD_REG && o.reg < NREGS && !(pure && j == in->nops - 1)) m |= 1u << o.reg;
  }
  return m;
}

LabelRef *label_ref(LabelRefs *r, int n) {
  if (n <= 0 || n < r->first || n >= r->first + r->count) return NULL;
  return &r->at[n - r->first];
}

void label_refs_scan(LabelRefs *r, const IrFunc *f) {
  int lo = 0, hi = -1;
  for (int i = 0; i < f->blocks.n; i++) {
    int n = opd_local_label(f->blocks.b[i]->label);
    if (n <= 0) continue;
    if (hi < lo) lo = hi = n;
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  r->first = lo;
  r->count = hi - lo + 1;
  r->at = calloc((size_t)(r->count > 0 ? r->count : 1), sizeof *r->at);
  if (!r->at) fatal_oom();
  for (int i = 0; i < f->blocks.n; i++) {
    const IrBlock *b = f->blocks.b[i];
    for (int k = 0; k < b->n; k++) {
      const IrInsn *in = &b->insns[k];
      for (int j = 0; j < in->nops; j++) {
        LabelRef *l = label_ref(r, in->a[j].label);
        if (!l) continue;
        if (j == 0 && ir_direct_jump(in)) l->jumps++;
        else l->taken = true;
      }
    }
  }
}

void label_refs_free(LabelRefs *r) {
  free(r->at);
  r->at = NULL;
}
