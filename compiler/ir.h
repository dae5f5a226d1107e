/* The back end's instruction IR: one function at a time, a list of blocks
 * of x86-64 instructions with structured operands.
 *
 * Codegen builds it (gen*.c through the builders below), the -O1 passes
 * rewrite it (ir_facts.c, ir_jumps.c, ir_stores.c), and ir_print.c writes
 * it as AT&T text; --emit=ir shows it before printing (ir_dump.c).
 *
 * A block starts at a label (the first block at the function's symbol) and
 * records how it is entered (abi_regs.h: ENTRY_*), so that passes know what
 * the convention guarantees there. Directives that belong to the text (.loc,
 * CFI, comments) are pseudo-instructions, kept in place. */
#ifndef DODOC_IR_H
#define DODOC_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "abi_regs.h"
#include "arena.h"
#include "buf.h"
#include "x86.h"

/* Opcodes: the name, the mnemonic, and what the instruction does to its
 * operands (IrEffect), which is all the passes ask of an opcode. */
#define IR_OPS(X)                           \
  X(MOVQ, "movq", FX_MOVE, 8)               \
  X(MOVL, "movl", FX_WRITES_LAST, 4)        \
  X(MOVABSQ, "movabsq", FX_WRITES_LAST, 8)  \
  X(MOVZBL, "movzbl", FX_WRITES_LAST, 4)    \
  X(MOVZWL, "movzwl", FX_WRITES_LAST, 4)    \
  X(MOVSBQ, "movsbq", FX_WRITES_LAST, 8)    \
  X(MOVSWQ, "movswq", FX_WRITES_LAST, 8)    \
  X(MOVSLQ, "movslq", FX_WRITES_LAST, 8)    \
  X(LEAQ, "leaq", FX_WRITES_LAST, 8)        \
  X(ADDQ, "addq", FX_WRITES_LAST, 8)        \
  X(SUBQ, "subq", FX_WRITES_LAST, 8)        \
  X(ANDQ, "andq", FX_WRITES_LAST, 8)        \
  X(XORQ, "xorq", FX_WRITES_LAST, 8)        \
  X(XORL, "xorl", FX_WRITES_LAST, 4)        \
  X(IMULQ, "imulq", FX_WRITES_LAST, 8)      \
  X(NEGQ, "negq", FX_WRITES_LAST, 8)        \
  X(INCQ, "incq", FX_WRITES_LAST, 8)        \
  X(SHRQ, "shrq", FX_WRITES_LAST, 8)        \
  X(SETCC, "set", FX_WRITES_LAST, 1)        \
  X(CMPQ, "cmpq", FX_READS, 8)              \
  X(TESTQ, "testq", FX_READS, 8)            \
  X(TESTB, "testb", FX_READS, 1)            \
  X(CMPL, "cmpl", FX_READS, 4)              \
  X(TESTL, "testl", FX_READS, 4)            \
  X(CQTO, "cqto", FX_WRITES_RDX, 8)         \
  X(IDIVQ, "idivq", FX_DIVIDE, 8)           \
  X(DIVQ, "divq", FX_DIVIDE, 8)             \
  X(MULQ, "mulq", FX_DIVIDE, 8)             \
  X(JCC, "j", FX_BRANCH, 0)                 \
  X(JMP, "jmp", FX_LEAVE, 0)                \
  X(CALL, "call", FX_CALL, 0)               \
  X(PUSHQ, "pushq", FX_PUSH, 8)             \
  X(COMMENT, "#", FX_NONE, 0)               \
  X(LOC, ".loc", FX_NONE, 0)                \
  X(CFI_STARTPROC, ".cfi_startproc", FX_NONE, 0) \
  X(CFI_ENDPROC, ".cfi_endproc", FX_NONE, 0)     \
  X(CFI_DEF_CFA, ".cfi_def_cfa", FX_NONE, 0)     \
  X(CFI_UNDEFINED, ".cfi_undefined", FX_NONE, 0) \
  X(CFI_REGISTER, ".cfi_register", FX_NONE, 0)   \
  X(CFI_VAL_OFFSET, ".cfi_val_offset", FX_NONE, 0) \
  X(CFI_OFFSET, ".cfi_offset", FX_NONE, 0)       \
  X(CFI_ESCAPE, ".cfi_escape", FX_NONE, 0)

typedef enum IrOp {
#define X(name, text, effect, width) IR_##name,
  IR_OPS(X)
#undef X
  NIR_OPS
} IrOp;

typedef enum IrEffect {
  FX_MOVE,        /* movq: a load, a store, a copy, or a plain write */
  FX_WRITES_LAST, /* writes its last operand only */
  FX_READS,       /* writes no register or memory (cmp, test) */
  FX_WRITES_RDX,  /* cqto */
  FX_DIVIDE,      /* writes RAX and RDX (idivq, divq, and mulq, which
                     reads less: RAX only besides its operand) */
  FX_BRANCH,      /* conditional jump: execution may go on */
  FX_LEAVE,       /* jmp: execution does not go on */
  FX_CALL,        /* a C call: any register but the callee-saved, any memory */
  FX_PUSH,        /* pushq: RSP and the word below it (only ir_lazy.c adds one,
                     after the passes: `pushq $U; call dodo_gen_fill`) */
  FX_NONE,        /* a pseudo-instruction: no machine effect */
} IrEffect;

/* The table of IR_OPS, and what it says of an opcode. Inline: the passes
 * ask it of every instruction, several times a round. An unknown opcode is
 * an internal error. */
typedef struct IrOpInfo {
  const char *name;
  IrEffect effect;
  int width; /* bytes an instruction writes to a memory destination */
} IrOpInfo;
extern const IrOpInfo ir_op_info[NIR_OPS];
_Noreturn void ir_unknown_op(void);
static inline const IrOpInfo *ir_op(IrOp op) {
  if ((unsigned)op >= NIR_OPS) ir_unknown_op();
  return &ir_op_info[op];
}
static inline const char *ir_op_name(IrOp op) { return ir_op(op)->name; }
static inline IrEffect ir_op_effect(IrOp op) { return ir_op(op)->effect; }
static inline int ir_op_width(IrOp op) { return ir_op(op)->width; }
static inline bool ir_is_pseudo(IrOp op) { return ir_op(op)->effect == FX_NONE; }

/* Operands. A frame slot is memory at RBP plus a number; the frame's size is
 * known only after the body is generated, so an operand may add it (F) or
 * the bytes up to R (U, abi.md §3) to its displacement. */
typedef enum OpdKind {
  OPD_NONE,
  OPD_REG,  /* reg, width bytes wide */
  OPD_IMM,  /* $val */
  OPD_NUM,  /* a bare number (a directive's operand) */
  OPD_MEM,  /* val(%reg); reg REG_RIP: sym(%rip) or .L.label(%rip) */
  OPD_SYM,  /* a jump or call target: sym, or .L.label */
} OpdKind;

typedef enum FrameAdd {
  FA_NONE,
  FA_SIZE,        /* + F */
  FA_UNWIND,      /* + U = F + spilled parameters and continuations */
  FA_MINUS_UNWIND, /* - U (a CFI offset from R) */
  FA_UNWIND_ULEB4  /* U+val as the bytes of a ULEB128 padded to four, for a
                      .cfi_escape whose length must not depend on U */
} FrameAdd;

typedef struct Opd {
  uint8_t kind;   /* OpdKind */
  uint8_t reg;    /* OPD_REG: the register; OPD_MEM: the base */
  uint8_t width;  /* OPD_REG: 1, 4 or 8 */
  uint8_t frame;  /* FrameAdd */
  bool star;      /* an indirect jump's target: *%r11, *16(%rbp) */
  bool bare;      /* OPD_MEM: (%rsp), no displacement written */
  bool plus;      /* with frame: write F+val even when val is 0 */
  bool stack;     /* OPD_MEM: stack below the frame (a marker, an outgoing
                     argument), written after RSP went down: never a slot */
  int label;      /* > 0: .L.label instead of sym */
  int32_t slot_at; /* a slot ir_sink.c re-addressed from RSP or another
                      base: its offset from the frame base + 1 (-1: an
                      offset outside 0..INT32_MAX-1); else 0 */
  int64_t val;    /* OPD_IMM, OPD_NUM: the number; OPD_MEM: displacement */
  const char *sym;
} Opd;

static inline Opd opd_reg(int reg) { return (Opd){.kind = OPD_REG, .reg = (uint8_t)reg, .width = 8}; }
static inline Opd opd_regw(int reg, int width) {
  return (Opd){.kind = OPD_REG, .reg = (uint8_t)reg, .width = (uint8_t)width};
}
static inline Opd opd_imm(int64_t v) { return (Opd){.kind = OPD_IMM, .val = v}; }
static inline Opd opd_num(int64_t v) { return (Opd){.kind = OPD_NUM, .val = v}; }
static inline Opd opd_mem(int reg, int64_t disp) {
  return (Opd){.kind = OPD_MEM, .reg = (uint8_t)reg, .val = disp};
}
/* (%reg) */
static inline Opd opd_deref(int reg) { return (Opd){.kind = OPD_MEM, .reg = (uint8_t)reg, .bare = true}; }
/* Frame slot n: 8n(%rbp). */
static inline Opd opd_slot(int n) { return opd_mem(REG_RBP, 8 * (int64_t)n); }
static inline Opd opd_sym(const char *s) { return (Opd){.kind = OPD_SYM, .sym = s}; }
static inline Opd opd_label(int n) { return (Opd){.kind = OPD_SYM, .label = n}; }
static inline Opd opd_rip(const char *s) { return (Opd){.kind = OPD_MEM, .reg = REG_RIP, .sym = s}; }
static inline Opd opd_rip_label(int n) { return (Opd){.kind = OPD_MEM, .reg = REG_RIP, .label = n}; }
static inline Opd opd_star(Opd o) { o.star = true; return o; }
/* Memory RSP reserved below the frame: the passes know it is no slot. */
static inline Opd opd_stack(Opd o) { o.stack = true; return o; }
/* F+disp or U+disp, as an immediate ($F), a number, or at RBP. */
static inline Opd opd_frame(Opd o, FrameAdd fa, bool plus) {
  o.frame = (uint8_t)fa;
  o.plus = plus;
  return o;
}

static inline bool opd_is_reg(Opd o, int reg) { return o.kind == OPD_REG && o.reg == reg; }
/* A frame slot whose offset is known now (no F or U added). */
static inline bool opd_is_slot(Opd o) {
  return o.kind == OPD_MEM && o.reg == REG_RBP && o.frame == FA_NONE && !o.sym && !o.label;
}
/* The offset in the frame of the slot o names, or -1 if it names none (or
 * one outside 0..INT32_MAX-1, Opd.slot_at -1): an operand at RBP, or one the
 * sink re-addressed from another base (ir_frame.c, ir_lazy.c). */
static inline int64_t opd_frame_slot(Opd o) {
  if (opd_is_slot(o)) return o.val;
  return o.kind == OPD_MEM && o.slot_at > 0 ? o.slot_at - 1 : -1;
}
/* The .L.N a direct jump or block label names, else 0. */
static inline int opd_local_label(Opd o) { return o.kind == OPD_SYM && !o.star ? o.label : 0; }
bool opd_equal(Opd a, Opd b);

typedef struct IrInsn {
  uint8_t op;    /* IrOp */
  uint8_t cc;    /* IR_JCC, IR_SETCC: Cond; IR_LOC: prologue_end */
  uint8_t nops;
  bool no_context; /* IR_JMP to a function compiled here (-O1): it reads no RAX */
  Opd a[2];      /* AT&T order: source, destination */
  const char *comment; /* written after the instruction, `# comment` */
} IrInsn;

/* A register that holds the value of a frame slot where a block starts,
 * because the convention puts it there (a consumer's yield: RDI = SP1, the
 * value its SP1 slot holds). */
typedef struct EntryFact {
  int reg;
  int64_t offset; /* of the slot, from the frame base */
} EntryFact;

enum { IR_MAX_ENTRY_FACTS = 2 };

typedef struct IrBlock {
  Opd label;        /* OPD_SYM; the first block's is the function symbol */
  EntryKind entry;
  bool align;       /* a hot jump target: aligned to 16 bytes (up to 10 of padding) */
  EntryFact facts[IR_MAX_ENTRY_FACTS];
  int nfacts;
  IrInsn *insns;      /* in the function's arena */
  int n, cap;
  Arena *arena;       /* the function's, where insns grows */
} IrBlock;

typedef struct IrBlockList {
  IrBlock **b;
  int n, cap;
} IrBlockList;

typedef struct IrFunc {
  Arena arena;        /* operand strings and blocks; freed with the function */
  const char *symbol;
  IrBlockList blocks; /* in layout order */
  int frame, unwind;  /* F and U, once the body is generated */
  int *labels;        /* the module's .L.N counter, for blocks the passes add */
} IrFunc;

void ir_func_init(IrFunc *f, const char *symbol);
void ir_func_free(IrFunc *f);
/* Starts a block at `label` (OPD_SYM) in list `into`. */
IrBlock *ir_block_new(IrFunc *f, IrBlockList *into, Opd label, EntryKind entry);
void ir_blocks_append(IrBlockList *into, IrBlockList *from);
void ir_blocks_append_one(IrBlockList *into, IrBlock *b);
IrInsn *ir_append(IrBlock *b, IrInsn in);
/* Appends an instruction with no operands yet (nops says how many the caller
 * fills in): the builders fill it in place instead of copying one in. */
IrInsn *ir_append_op(IrBlock *b, IrOp op, int nops);
/* Records that `reg` holds frame slot `slot` where b starts. */
void ir_block_fact(IrBlock *b, int reg, int slot);
IrInsn ir_insn(IrOp op, int nops, Opd a, Opd b);

/* ir_print.c: the function body as AT&T text (after the symbol's label). */
void ir_print(const IrFunc *f, Buf *out);
/* With f NULL, frame sizes are written as F and U (as --emit=ir shows). */
void ir_print_opd(Buf *out, const IrFunc *f, Opd o);
void ir_print_insn(Buf *out, const IrFunc *f, const IrInsn *in);
void ir_print_label(Buf *out, Opd label);
/* ir_dump.c: --emit=ir, the blocks with their entry kinds and facts. */
void ir_dump(const IrFunc *f, Buf *out);

/* The -O1 passes, in the order they run. */
void ir_pass_rotate(IrFunc *f);     /* ir_rotate.c: tail duplication, loop heads aligned */
void ir_pass_slot_facts(IrFunc *f); /* ir_facts.c: redundant loads and stores */
void ir_pass_ranges(IrFunc *f);     /* ir_range.c: overflow checks that cannot fire */
void ir_pass_jumps(IrFunc *f);      /* ir_jumps.c: jcc over jmp inverted */
void ir_pass_dead_stores(IrFunc *f); /* ir_stores.c: stores nothing reads */
/* ir_sink.c: saves sunk into the paths that read them, dead ones dropped;
 * false if the function was too large for liveness (nothing done). */
bool ir_pass_sink(IrFunc *f);
void ir_pass_leave(IrFunc *f);       /* ir_leave.c: exits through the register R11 copies */
void ir_pass_unreachable(IrFunc *f); /* ir_leave.c: blocks nothing reaches */
/* ir_inline.c, after the passes above: a tail call of a short frameless
 * function of the module (lookup gives its optimised IR, or NULL) becomes a
 * jump to a copy of it; a tail call of the function itself a jump to the
 * top of its body. Each returns whether it changed anything. */
typedef const IrFunc *(*IrInlineLookup)(void *ctx, const char *sym);
bool ir_pass_inline(IrFunc *f, IrInlineLookup lookup, void *ctx);
bool ir_pass_self_loop(IrFunc *f);
/* After ir_pass_self_loop: a copy of the loop for RDI >= 0, kept if the
 * range pass then drops an overflow check from it (runs the range pass). */
bool ir_pass_version_sign(IrFunc *f);
/* ir_copies.c, last: `movq %a, %b; addq/subq $k, %b; [jo L;] movq %b, %a`
 * done on %a where nothing reads %b after. */
void ir_pass_copies(IrFunc *f);
/* ir_frame.c, after them all: the frame words nothing reads, dropped. */
void ir_pass_compact_frame(IrFunc *f);
/* ir_lazy.c, after the -O1 passes, on a generator: its lazy resumes
 * (copies of the code each resume label runs first, which read the words
 * they need from the buffer), and R10 = the entry of the label each yield
 * hands out, or 0. */
typedef struct IrLazyEntry {
  const char *lazy, *entry;          /* the label's lazy code, its entry */
  int block;                         /* the resume block */
  int first;                         /* the first word written, */
  uint64_t mask;                     /* and the words written from it */
} IrLazyEntry;
typedef struct IrLazy {
  IrLazyEntry *e;
  int n;
} IrLazy;
void ir_lazy_resumes(IrFunc *f, IrLazy *out);
/* The table m.f.resumes (symbol `table`, quoted as needed) of the entries. */
void ir_lazy_table(const IrFunc *f, const IrLazy *z, Buf *out, const char *table);
void ir_lazy_free(IrLazy *z);

#endif
