/* Shared by the code generator's files.
 *
 * Frame of a dodo function. Slots are addressed off RBP, the frame base.
 * Outside generator loops RSP = RBP; inside a `for … in` body RSP is below
 * the generator's frame and the word at RSP holds RBP, so every label that
 * is entered from outside (a continuation) recovers RBP from RSP:
 *
 *   RSP+F+8*(sc+sp) = R   what the callee truncates to before a continuation
 *   RSP+F+8*sc ...        spilled parameters 5.. (copied into slots at entry)
 *   RSP+F ...             continuations 5.. passed on the stack (copied too)
 *   RBP+8*(V+C+X+A+S) ... temporaries of expression evaluation
 *   RBP+8*(V+C+X) ...     the struct accumulator S, S slots (gen_struct.c), and
 *                         the accumulator loop's words A (gen_accum.c), if any
 *   RBP+8*(V+C)           generators only (X = 1): SP1, the consumer's stack
 *   RBP+8*V ...           the function's continuations (C of them, event last)
 *   RBP+0 ...             variables: parameters, locals, handler names (V);
 *                         a struct variable takes one slot per field slot
 *
 * F (frame size) is only known once the body is generated, so operands that
 * need it say so (ir.h: FrameAdd) and the printer fills it in. */
#ifndef DODOC_GEN_INTERNAL_H
#define DODOC_GEN_INTERNAL_H

#include "buf.h"
#include "ctx.h"
#include "gen.h"
#include "ir.h"

typedef struct StrLit {
  const char *text;
  size_t len;
  int id;
  struct StrLit *next;
} StrLit;

typedef struct Gen {
  Ctx *ctx;
  Buf *out;
  const char *module;     /* symbol prefix: `m` of `m.f` */
  const char *context;    /* the module context symbol */
  StrLit *strings;
  int nstrings;
  StrLit **string_table;  /* hash buckets */
  int nbuckets;
  int labels;             /* counter for .L.N labels, unique in the module */
  int dwarf_funcs;        /* -g: counter for the .L.func_end.N labels */
  /* -g: the struct types variables have, each described once at the end
   * of the compile unit as .L.debug_info.struct.N (N: its index) */
  const Type **dwarf_structs;
  int ndwarf_structs, dwarf_structs_cap;
  /* -O1: the optimised IR of functions that tail calls may inline, by
   * function name, built when first asked (gen.c) */
  NameMap inline_ir;
} Gen;

/* The loops around the code being generated, innermost first. A generator
 * loop (`for x in g()`) keeps the generator's state in four slots. The
 * chain also holds the owners of generator values (gen_owner.c): a block or
 * statement whose values are destroyed on every way out of it, in the
 * order of the chain, so that loops and owners are left inside out. */
typedef struct LoopLabels {
  int break_label;
  bool is_gen;
  bool marker; /* the body keeps the frame base in a word at its RSP */
  int gen_sp, sp1, resume, unwind; /* slots: generator RSP, SP1, resume, unwind */
  int yield_area; /* bytes above the marker at SP1 for a yielded value wider
                     than RDX:RAX (abi.md §4): slot i at SP1 + 8 + 8·i */
  bool is_owner;     /* not a loop: an owner of generator values */
  int owned, nowned; /* its values' slots: owned .. owned + nowned - 1, oldest first */
  const char *outer_raise; /* where an event went before the owner's raise path */
  struct LoopLabels *outer;
} LoopLabels;

/* An integer-error stub: `jo <raise>.overflow` and the like. */
#define INT_ERRORS(X)                                      \
  X(OVERFLOW, "overflow", "integer overflow")              \
  X(DIVZERO, "divzero", "division by zero")                \
  X(NEGEXP, "negexp", "negative exponent")

typedef enum IntError {
#define X(name, label, text) ERR_##name,
  INT_ERRORS(X)
#undef X
} IntError;

typedef struct RaiseStub {
  const char *raise;
  IntError kind;
  const char *label; /* <raise>.<kind>, what the jumps to it name */
  struct RaiseStub *next;
} RaiseStub;

typedef struct GenFn {
  Gen *gen;
  Func *f;
  IrFunc *ir;
  IrBlockList *blocks; /* where new blocks go: the body, or an arm placed cold */
  IrBlock *cur;        /* where new instructions go */
  IrBlockList cold;    /* -O1: arms that always leave, placed after the body */
  int nvars;       /* slots of variables (V): gen_number_slots() */
  Var **slot_vars; /* -g: the variable in each of those slots (NULL: a loop bound) */
  int slot_vars_cap;
  int ncont;       /* continuations, event included */
  int ntemps, max_temps;
  int kconts;      /* counter for m.f.kN continuation labels */
  int nfixed;      /* slots before the temporaries: V + C + X */
  LoopLabels *loop;
  int body_depth;    /* generator loop bodies around the code */
  const char *raise; /* where an event goes from here */
  const char *local; /* prefix of the function's internal labels: `m.f`, or
                        `.Lm.f` with -g so debuggers see one function */
  bool cfi;          /* -g: describe frames for unwinders */
  /* Links to the frame (markers, saved generator RSP and SP1) are plain
   * addresses, except in a generator, whose frame may be copied elsewhere
   * (detached mode) and so keeps them as offsets from the frame base. */
  bool links_absolute;
  RaiseStub *stubs;
  int line;        /* last source line a .loc was emitted for */
  bool prologue_end; /* -g: the next .loc ends the prologue (where gdb breaks) */
  /* -O1, accumulator introduction (gen_accum.c): the body is a loop that
   * adds to a running sum of DODO_ACCUM_WORDS slots from accum_slot */
  bool accum;
  int accum_slot;
  int accum_loop; /* the label of the loop's top */
  /* The function makes, advances or loops over generator values: the paths
   * that would jump out without passing an owner's exit (tail calls, arms
   * leaving on their own, the leaf arm, the accumulator loop) are off. */
  bool gen_values;
  /* The struct accumulator (gen_struct.c): where an expression of struct
   * type leaves its value, as others leave theirs in RAX; as many slots
   * from sacc as the widest struct the function handles */
  int sacc, sacc_slots;
} GenFn;

/* emit.c: building the function's IR. Each returns the instruction, so a
 * caller can attach a comment: emit2(...)->comment = "SP1". */
IrInsn *emit0(GenFn *g, IrOp op);
IrInsn *emit1(GenFn *g, IrOp op, Opd a);
IrInsn *emit2(GenFn *g, IrOp op, Opd a, Opd b);
IrInsn *emit_jcc(GenFn *g, Cond cc, Opd target);
IrInsn *emit_setcc(GenFn *g, Cond cc, Opd dst);
/* Starts a block at label (opd_label or opd_sym), entered as `entry` says. */
void emit_label(GenFn *g, Opd label, EntryKind entry);
void emit_comment(GenFn *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A string that lives as long as the function's IR. */
/* Whether f's code is generated in this module (not another module's, nor
 * an external declaration). */
bool gen_compiled_here(const Gen *gen, const Func *f);
const char *gen_fmt(GenFn *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int gen_new_label(GenFn *g);
/* The label of a string literal in .rodata (deduplicated). */
int gen_string(Gen *gen, const char *text, size_t len);
void gen_emit_strings(Gen *gen);
void gen_emit_loc(GenFn *g, Loc loc);

/* gen.c: frame */
/* Numbers the function's variable slots (V), parameters first, then the
 * body's names in the order they are declared; sets g->nvars. */
void gen_number_slots(GenFn *g);
int slot_of_var(const Var *v);
int slot_of_cont(GenFn *g, int index);
int temp_alloc(GenFn *g, int n);
void temp_free(GenFn *g, int n);
/* Leaves through continuation `index` of the current function: its values
 * are already in RAX/RDX (or in the result area for larger ones). */
void gen_exit(GenFn *g, int index);
/* Leaves through continuation k with the value of e: at -O1 a call in tail
 * position (also in the arms of an `if`) is a tail call (gen_call.c). */
void gen_tail_value(GenFn *g, Node *e, int k, const char *comment);
/* At a label entered from outside: RBP from RSP (`area` bytes of result
 * area are still on the stack). */
void gen_recover_frame(GenFn *g, int area);
/* Jumps to the current raise path's stub for an integer error. */
void gen_jump_error(GenFn *g, Cond cc, IntError kind);
/* The event text of an integer error ("integer overflow"). */
const char *gen_int_error_text(IntError kind);
/* Unwinds the generators of the loops inside `stop` (exclusive), innermost
 * first (abi.md §4 unwind). RAX/RDX are not preserved. */
void gen_unwind_loops(GenFn *g, LoopLabels *stop);
int gen_sp1_slot(GenFn *g);
/* The relocatable links of generator loops (gen.c). */
void gen_push_frame_marker(GenFn *g);
/* -g, inside a generator loop body with a marker: CFI that finds the CFA
 * through the marker at RSP + area (for a call site and the labels it
 * comes back to). Elsewhere nothing. */
void gen_cfa_from_marker(GenFn *g, int area);
void gen_pop_frame_marker(GenFn *g);
void gen_load_loop_addr(GenFn *g, int slot, int reg);
void gen_store_loop_addr(GenFn *g, int reg, int slot);
const char *gen_func_symbol(GenFn *g, const Func *f);
/* The table of generator f's lazy resumes (ir_lazy.c), in the object that
 * defines f. */
const char *gen_resumes_symbol(GenFn *g, const Func *f);
/* Whether this object's generators have lazy resumes (and so a table): at
 * -O1 and up, without -g (whose debugger would see the words not copied
 * in yet). */
bool gen_lazy_resumes(const Gen *gen);
void gen_pass_context(GenFn *g, const Func *callee);
/* Whether callee, compiled in this file, is entered without a context in
 * RAX at this level (so reads none: the IR marks the jump). */
bool gen_context_unread(const GenFn *g, const Func *callee);
/* Result area a call to f must reserve: bytes for the largest value any of
 * f's continuations carries beyond RDX:RAX. */
int gen_result_area(const Func *f);

/* gen_expr.c */
/* An expression (not a statement kind): its value, if any, in RAX. */
void gen_expr(GenFn *g, Node *n);
/* A literal or variable usable in place as a source operand, else an
 * operand of kind OPD_NONE. */
Opd gen_operand(GenFn *g, const Node *n);
void gen_cond_jump(GenFn *g, Node *cond, bool when, int label);
/* The condition under which `a op b` holds, for a comparison op. */
Cond gen_cond_of(Op op);
/* Calls a C runtime function with RSP aligned to 16 (abi.md §6). */
void gen_c_call(GenFn *g, const char *fn);

/* `/` or `%` of int (and of the narrower types, kept extended): RAX by
 * src, zero and MIN / -1 checked (gen_expr.c). */
void gen_divmod(GenFn *g, bool is_div, Opd src);
/* The operand in RCX (where the divisions and ** want it). */
void gen_to_rcx(GenFn *g, Opd src);

/* gen_int.c: the sized integers. */
/* A value of type t that came in from outside (the convention leaves its
 * upper bits unspecified): extended in place in reg. */
void gen_int_extend(GenFn *g, const Type *t, int reg);
/* RAX op= src at type t (any integer type but int), with its checks. */
void gen_int_arith(GenFn *g, const Type *t, Op op, Opd src);
/* `**` at integer type t: RAX ** src, by squaring (RCX, RSI, RDI used). */
void gen_int_pow(GenFn *g, const Type *t, Opd src);
/* RAX = -RAX at type t (not int). */
void gen_int_negate(GenFn *g, const Type *t);
/* The condition of a comparison of two values of integer type t. */
Cond gen_int_cond(const Type *t, Op op);
/* t(e) with e's value in RAX. */
void gen_int_convert(GenFn *g, const Type *from, const Type *to);

/* gen_stmt.c */
/* A statement, or an expression used as one (a value ends up in RAX). */
void gen_node(GenFn *g, Node *n);
/* `if`, as a statement or for its value in RAX (gen_expr). */
void gen_if(GenFn *g, Node *n);

/* gen_dwarf.c: with -g, the DWARF that describes functions, parameters and
 * variables: the compile unit's start (after .file), each function's entry
 * (after its code, before .size), and the compile unit's end. */
void gen_dwarf_begin(Gen *gen);
void gen_dwarf_func(GenFn *g);
void gen_dwarf_end(Gen *gen);
/* The operands of the .cfi_escape that tells unwinders where a generator's
 * consumer keeps its frame base. */
const char *gen_dwarf_consumer_rbp_cfi(GenFn *g);
/* The operands of the .cfi_escape, up to U, that find the CFA through the
 * marker at RSP + area in a generator loop body. */
const char *gen_dwarf_marker_cfa_cfi(GenFn *g, int area);

/* gen_leaf.c: at -O1, the arm of an expression body that needs no frame,
 * before the prologue; returns the other arm (the body left to generate),
 * or NULL when the function does not qualify. */
Node *gen_leaf_path(GenFn *g);

/* gen_accum.c: at -O1, whether the function is a recursion `X + f(Y)`
 * that runs as a loop; its body as that loop (rest: as for gen_body); a
 * value in tail position for continuation 0 there. */
bool gen_accum_applies(const GenFn *g);
void gen_accum_body(GenFn *g, Node *rest);
void gen_accum_value(GenFn *g, Node *e, const char *comment);

/* gen_call.c */
void gen_call(GenFn *g, Node *n);

/* gen_struct.c: structs (language.md §11): values of struct type live in
 * the struct accumulator S as others live in RAX */
int gen_sacc(const GenFn *g, const Type *t);
void gen_copy_slots(GenFn *g, int from, int to, int n);
/* A value of type t from slots to RAX or S, and back. */
void gen_load(GenFn *g, const Type *t, int slot);
void gen_store(GenFn *g, const Type *t, int slot);
void gen_extend_fields(GenFn *g, const Type *t, int slot);
/* A struct-typed name, field read or `new`, into S. */
void gen_struct_expr(GenFn *g, Node *n);
/* A variable or a field path from one: its slots, read in place. */
bool gen_var_path(const Node *n, int *slot);
void gen_struct_compare(GenFn *g, Node *n);
/* A struct value on the wire (RAX, RDX, or the result area at RSP when
 * area) into S; S onto the wire, as a continuation's only value. */
void gen_wire_in(GenFn *g, const Type *t, int area);
void gen_wire_out(GenFn *g, const Type *t);
/* Values that came on the wire into vars, their slots concatenated: in
 * RAX then RDX, or (in_mem) in memory from mem, slot i at mem + 8·i
 * (abi.md §3, §4); each received value is extended (abi.md §1). */
void gen_bind_wire(GenFn *g, Var *const *vars, int nvars, bool in_mem, Opd mem);
int gen_wire_reg(int i);
/* Parameter index of f: its register's index, or -1 with its first stack
 * slot (from the lowest address) in *stack (abi.md §3). */
int gen_param_place(const Func *f, int index, int *stack);
int gen_param_stack_slots(const Func *f);
const Type *gen_param_type(const Func *f, int index);
int gen_param_slots(const Func *f);
/* The arguments of a call of f, in temporaries from args (each taking its
 * slots, in parameter order), to where f takes them: the stacked ones to
 * RSP + 8·(below + their place), the others to their registers, all but
 * parameter skip (-1: none), which is there already. */
void gen_args_to_stack(GenFn *g, const Func *f, int args, int below);
void gen_args_to_regs(GenFn *g, const Func *f, int args, int skip);
int gen_cont_slots(const ContSig *c);
bool gen_func_has_structs(const Func *f);
/* The interpolation of a struct: literal text, and leaf fields (type set)
 * at slot offsets from the struct's first slot. */
typedef struct TextItem {
  const char *text;
  size_t len;
  int slot;
  const Type *type; /* NULL: text */
} TextItem;
int gen_struct_text(GenFn *g, const Type *t, TextItem **out);

/* gen_stmt.c */
void gen_push_loop(GenFn *g, LoopLabels *l, int break_label);

/* gen_owner.c: who owns generator values (language.md §10) */
/* Whether the function body makes, advances or loops over generator values. */
bool gen_uses_gen_values(const Node *body);
/* A statement (not a block, not a declaration of a generator variable):
 * generated with its generator temporaries owned by it, if it makes any. */
bool gen_owned_stmt(GenFn *g, Node *n);
/* A block: the values its declarations make (and their temporaries) are
 * its own. gen_block_owner_open returns false when there are none. */
bool gen_block_owner_open(GenFn *g, Node *block, LoopLabels *o);
void gen_owner_close(GenFn *g, LoopLabels *o, bool reachable);
/* Destroys an owner's values, newest first (unwinding unfinished ones). */
void gen_owner_destroy(GenFn *g, const LoopLabels *o);

/* gen_values.c: making and advancing generator values */
bool gen_is_creation(const Node *n);
void gen_gen_create(GenFn *g, Node *n);
void gen_next(GenFn *g, Node *n);
void gen_for_value(GenFn *g, Node *n);

#endif
