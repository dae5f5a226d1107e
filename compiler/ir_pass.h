/* What the IR passes share: how a move is classified, and the references
 * to each .L.N block. */
#ifndef DODOC_IR_PASS_H
#define DODOC_IR_PASS_H

#include "ir.h"

typedef enum MoveKind {
  MOVE_NONE,  /* not a movq */
  MOVE_LOAD,  /* movq N(%rbp), %r (r not RBP) */
  MOVE_STORE, /* movq %r, N(%rbp) */
  MOVE_COPY,  /* movq %s, %r */
  MOVE_OTHER, /* any other movq: writes its destination */
} MoveKind;

MoveKind ir_move_kind(const IrInsn *in);
/* A jmp or jcc straight to a .L.N block. */
bool ir_direct_jump(const IrInsn *in);

/* The .L.N blocks of a function, and how each is referenced. */
typedef struct LabelRef {
  int jumps;  /* direct jumps to it */
  bool taken; /* referenced otherwise (its address is used): unknown ways in */
} LabelRef;

typedef struct LabelRefs {
  LabelRef *at; /* at[n - first] for .L.n */
  int first, count;
} LabelRefs;

void label_refs_scan(LabelRefs *r, const IrFunc *f);
void label_refs_free(LabelRefs *r);
/* The entry of .L.n if n is a block of the function, else NULL. */
LabelRef *label_ref(LabelRefs *r, int n);

#endif
