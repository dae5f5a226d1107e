/* Code generation for structs (language.md §11, abi.md §1 and §3).
 *
 * A value of one slot lives in RAX between the instructions that make and
 * use it. A struct lives in the function's struct accumulator S instead: a
 * run of frame slots as long as the widest struct the function handles,
 * which plays RAX's part for structs. An expression of struct type leaves
 * its value in S, and whoever uses it copies it out at once (into a
 * variable, a temporary, a parameter, the wire), as with RAX. Because S is
 * frame slots addressed by number, the IR passes see every read and write
 * of a field, and a generator's frame stays relocatable (no address of a
 * slot is ever kept).
 *
 * On the wire (abi.md §3) a value's slots travel in RAX, then RDX, or in the
 * result area at R when there are more than two; a struct parameter wider
 * than one slot goes on the stack. A received struct has its sized integer
 * fields extended, as a received sized integer is. */
#include "fatal.h"
#include "gen_internal.h"

int gen_sacc(const GenFn *g, const Type *t) {
  if (type_slots(t) > g->sacc_slots) ICE(0, "a struct wider than the struct accumulator");
  return g->sacc;
}

void gen_copy_slots(GenFn *g, int from, int to, int n) {
  if (from == to) return;
  for (int i = 0; i < n; i++) {
    int k = from < to ? n - 1 - i : i; /* overlapping runs copy away from the overlap */
    emit2(g, IR_MOVQ, opd_slot(from + k), opd_reg(REG_RAX));
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(to + k));
  }
}

void gen_load(GenFn *g, const Type *t, int slot) {
  if (type_is_struct(t)) gen_copy_slots(g, slot, gen_sacc(g, t), t->nslots);
  else emit2(g, IR_MOVQ, opd_slot(slot), opd_reg(REG_RAX));
}

void gen_store(GenFn *g, const Type *t, int slot) {
  if (type_is_struct(t)) gen_copy_slots(g, gen_sacc(g, t), slot, t->nslots);
  else emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot));
}

/* The sized integer fields of the struct in slots from `slot`, extended in
 * place: they came from outside, upper bits unspecified (abi.md §3). */
void gen_extend_fields(GenFn *g, const Type *t, int slot) {
  for (int i = 0; type_is_struct(t) && i < t->nfields; i++) {
    const Field *f = &t->fields[i];
    if (type_is_struct(f->type)) {
      gen_extend_fields(g, f->type, slot + f->slot);
    } else if (type_is_narrow_int(f->type)) {
      emit2(g, IR_MOVQ, opd_slot(slot + f->slot), opd_reg(REG_RAX));
      gen_int_extend(g, f->type, REG_RAX);
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot + f->slot));
    }
  }
}

/* ---- Values of struct type ------------------------------------------------ */

static void const_into(GenFn *g, const ConstVal *v, int slot) {
  const Type *t = v->type;
  if (type_is_struct(t)) {
    for (int i = 0; i < t->nfields; i++) const_into(g, &v->fields[i], slot + t->fields[i].slot);
    return;
  }
  if (type_is_string(t)) {
    int id = gen_string(g->gen, v->s, v->len);
    emit2(g, IR_LEAQ, opd_rip(gen_fmt(g, ".L.str.%d", id)), opd_reg(REG_RAX));
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot));
  } else if (v->i >= INT32_MIN && v->i <= INT32_MAX) {
    emit2(g, IR_MOVQ, opd_imm(v->i), opd_slot(slot));
  } else {
    emit2(g, IR_MOVABSQ, opd_imm(v->i), opd_reg(REG_RAX));
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot));
  }
}

/* Whether n is a variable or a field path from one (`p`, `p.at.x`): its
 * value is read in place, from *slot. */
bool gen_var_path(const Node *n, int *slot) {
  if (n->kind == ND_NAME && n->name.var) {
    *slot = slot_of_var(n->name.var);
    return true;
  }
  if (n->kind != ND_FIELD || n->field.qualified || !gen_var_path(n->field.base, slot)) return false;
  *slot += n->field.field->slot;
  return true;
}

/* p.x: in place from a variable; else the base into S, then its field. */
static void gen_field(GenFn *g, Node *n) {
  int slot;
  if (n->field.qualified) {
    gen_expr(g, n->field.qualified);
    return;
  }
  if (gen_var_path(n, &slot) && type_is_struct(n->type)) {
    gen_load(g, n->type, slot);
  } else if (gen_var_path(n, &slot)) {
    emit2(g, IR_MOVQ, opd_slot(slot), opd_reg(REG_RAX))->comment = gen_fmt(g, "field %s", n->field.name);
  }
  if (gen_var_path(n, &slot)) return;
  const Type *bt = n->field.base->type;
  gen_expr(g, n->field.base);
  gen_load(g, n->type, gen_sacc(g, bt) + n->field.field->slot);
}

/* Whether evaluating n may use S: some part of it is a struct. */
static bool uses_sacc(const Node *n) {
  int slot;
  if (!n) return false;
  if (!type_is_struct(n->type) && gen_var_path(n, &slot)) return false; /* read in place */
  if (type_is_struct(n->type) || n->kind == ND_STR) return true; /* a string may print one */
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    if (c->shape == CHILD_ONE || c->shape == CHILD_OPT) {
      if (uses_sacc(field)) return true;
    } else if (c->shape == CHILD_LIST) {
      for (const Node *k = field; k; k = k->next)
        if (uses_sacc(k)) return true;
    } else if (c->shape != CHILD_END) {
      return true; /* handlers and pieces: assume so */
    }
  }
  return false;
}

/* new v(x: e, …): v's value, then each field given. Built in S when no
 * field expression uses S, else in a temporary first. v itself is read in
 * place when it is a variable. */
static void gen_new(GenFn *g, Node *n) {
  const Type *t = n->type;
  bool direct = true;
  for (Node *e = n->new_.inits; e && direct; e = e->next) direct = !uses_sacc(e->init.value);
  int from;
  if (direct) {
    int s = gen_sacc(g, t);
    if (gen_var_path(n->new_.base, &from)) gen_copy_slots(g, from, s, t->nslots);
    else gen_expr(g, n->new_.base);
    for (Node *e = n->new_.inits; e; e = e->next) {
      gen_expr(g, e->init.value);
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(s + e->init.slot))->comment = e->init.name;
    }
    return;
  }
  int tmp = temp_alloc(g, t->nslots);
  gen_expr(g, n->new_.base);
  gen_store(g, t, tmp);
  for (Node *e = n->new_.inits; e; e = e->next) {
    gen_expr(g, e->init.value);
    gen_store(g, e->init.value->type, tmp + e->init.slot);
  }
  gen_load(g, t, tmp);
  temp_free(g, t->nslots);
}

void gen_struct_expr(GenFn *g, Node *n) {
  switch (n->kind) {
  case ND_NAME:
    if (n->name.var) gen_load(g, n->type, slot_of_var(n->name.var));
    else const_into(g, n->name.konst->decl.value, gen_sacc(g, n->type));
    return;
  case ND_FIELD: gen_field(g, n); return;
  case ND_NEW: gen_new(g, n); return;
  default: ICE(0, "gen_struct_expr: not a struct expression");
  }
}

/* a = b on structs: field by field, Strings by content (dodo_str_eq). */
static void compare_fields(GenFn *g, const Type *t, int a, int b, int differ) {
  for (int i = 0; i < t->nfields; i++) {
    const Field *f = &t->fields[i];
    if (type_is_struct(f->type)) {
      compare_fields(g, f->type, a + f->slot, b + f->slot, differ);
    } else if (type_is_string(f->type)) {
      emit2(g, IR_MOVQ, opd_slot(a + f->slot), opd_reg(REG_RDI));
      emit2(g, IR_MOVQ, opd_slot(b + f->slot), opd_reg(REG_RSI));
      gen_c_call(g, "dodo_str_eq");
      emit2(g, IR_TESTQ, opd_reg(REG_RAX), opd_reg(REG_RAX));
      emit_jcc(g, CC_Z, opd_label(differ));
    } else {
      emit2(g, IR_MOVQ, opd_slot(a + f->slot), opd_reg(REG_RAX));
      emit2(g, IR_CMPQ, opd_slot(b + f->slot), opd_reg(REG_RAX))->comment = f->name;
      emit_jcc(g, CC_NE, opd_label(differ));
    }
  }
}

void gen_struct_compare(GenFn *g, Node *n) {
  const Type *t = n->binary.lhs->type;
  int tmp = temp_alloc(g, t->nslots);
  gen_expr(g, n->binary.lhs);
  gen_store(g, t, tmp);
  gen_expr(g, n->binary.rhs);
  int differ = gen_new_label(g), done = gen_new_label(g);
  compare_fields(g, t, tmp, gen_sacc(g, t), differ);
  bool eq = n->binary.op == OP_EQ;
  emit2(g, IR_MOVQ, opd_imm(eq ? 1 : 0), opd_reg(REG_RAX));
  emit1(g, IR_JMP, opd_label(done));
  emit_label(g, opd_label(differ), ENTRY_JOIN);
  emit2(g, IR_MOVQ, opd_imm(eq ? 0 : 1), opd_reg(REG_RAX));
  emit_label(g, opd_label(done), ENTRY_JOIN);
  temp_free(g, t->nslots);
}

/* ---- The wire ------------------------------------------------------------- */

/* Register of wire slot i of a value of at most two slots. */
int gen_wire_reg(int i) { return i == 0 ? ABI_VALUE0 : ABI_VALUE1; }

void gen_wire_in(GenFn *g, const Type *t, int area) {
  int s = gen_sacc(g, t);
  for (int i = 0; i < t->nslots; i++) {
    if (area) {
      emit2(g, IR_MOVQ, opd_mem(REG_RSP, 8 * i), opd_reg(REG_RAX));
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(s + i));
    } else {
      emit2(g, IR_MOVQ, opd_reg(gen_wire_reg(i)), opd_slot(s + i));
    }
  }
  gen_extend_fields(g, t, s);
}

void gen_bind_wire(GenFn *g, Var *const *vars, int nvars, bool in_mem, Opd mem) {
  for (int k = 0, wire = 0; k < nvars; k++) {
    Var *v = vars[k];
    int slot = slot_of_var(v);
    for (int j = 0; j < type_slots(v->type); j++, wire++) {
      int reg = in_mem ? REG_RAX : gen_wire_reg(wire);
      if (in_mem) emit2(g, IR_MOVQ, opd_mem(mem.reg, mem.val + 8 * wire), opd_reg(REG_RAX));
      gen_int_extend(g, v->type, reg);
      emit2(g, IR_MOVQ, opd_reg(reg), opd_slot(slot + j))->comment = v->name;
    }
    gen_extend_fields(g, v->type, slot);
  }
}

void gen_wire_out(GenFn *g, const Type *t) {
  int s = gen_sacc(g, t);
  if (t->nslots <= 2) {
    for (int i = t->nslots - 1; i >= 0; i--) emit2(g, IR_MOVQ, opd_slot(s + i), opd_reg(gen_wire_reg(i)));
    return;
  }
  for (int i = 0; i < t->nslots; i++) {
    emit2(g, IR_MOVQ, opd_slot(s + i), opd_reg(REG_RAX));
    emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_frame(opd_mem(REG_RBP, 8 * i), FA_UNWIND, true));
  }
}

/* ---- Where a function's parameters travel --------------------------------- */

/* A parameter's type: its variable's, or for an external declaration (no
 * body, no variables) its written type, or the one before it (`int a, b`). */
static const Type *param_type(const Param *p, const Type *prev) {
  if (p->var) return p->var->type;
  if (p->tref && p->tref->type) return p->tref->type;
  if (!p->tref && prev) return prev;
  ICE(0, "a parameter whose type the checker did not resolve");
}

/* One walk over f's parameters, placing each as abi.md §3 (§4 for a
 * generator) says: a one-slot parameter in the next register while there is
 * one, anything else on the stack after the stacked ones before it. */
typedef struct ParamWalk {
  const Func *f;
  const Param *p;   /* the current parameter; NULL past the last */
  const Type *type; /* its type */
  int slots;        /* its slots */
  int reg;          /* its register's index, or -1: on the stack */
  int stack;        /* its first stack slot (when reg < 0) */
  int index;        /* its place in the list, from 0 */
  int off;          /* its first slot among the arguments, all laid end to end */
  int regs, words;  /* registers and stack slots taken before it */
} ParamWalk;

static void walk_place(ParamWalk *w) {
  if (!w->p) return;
  int nregs = w->f->is_generator ? ABI_GEN_REG_PARAMS : ABI_REG_PARAMS;
  w->type = param_type(w->p, w->type);
  w->slots = type_slots(w->type);
  bool in_reg = w->slots == 1 && w->regs < nregs;
  w->reg = in_reg ? w->regs : -1;
  w->stack = w->words;
}

static ParamWalk walk_start(const Func *f) {
  ParamWalk w = {.f = f, .p = f->params};
  walk_place(&w);
  return w;
}

static void walk_next(ParamWalk *w) {
  if (w->reg >= 0) w->regs++;
  else w->words += w->slots;
  w->off += w->slots;
  w->index++;
  w->p = w->p->next;
  walk_place(w);
}

static ParamWalk walk_to(const Func *f, int index) {
  ParamWalk w = walk_start(f);
  for (int i = 0; i < index && w.p; i++) walk_next(&w);
  if (!w.p) ICE(0, "a parameter index past the last");
  return w;
}

const Type *gen_param_type(const Func *f, int index) { return walk_to(f, index).type; }

int gen_param_place(const Func *f, int index, int *stack) {
  ParamWalk w = walk_to(f, index);
  *stack = w.stack;
  return w.reg;
}

int gen_param_stack_slots(const Func *f) {
  ParamWalk w = walk_start(f);
  while (w.p) walk_next(&w);
  return w.words;
}

int gen_param_slots(const Func *f) {
  ParamWalk w = walk_start(f);
  while (w.p) walk_next(&w);
  return w.off;
}

void gen_args_to_stack(GenFn *g, const Func *f, int args, int below) {
  for (ParamWalk w = walk_start(f); w.p; walk_next(&w))
    for (int j = 0; w.reg < 0 && j < w.slots; j++) { /* laid out as in memory */
      emit2(g, IR_MOVQ, opd_slot(args + w.off + j), opd_reg(REG_RAX));
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_stack(opd_mem(REG_RSP, 8 * (below + w.stack + j))))
          ->comment = gen_fmt(g, "parameter %d", w.index + 1);
    }
}

void gen_args_to_regs(GenFn *g, const Func *f, int args, int skip) {
  const int *regs = f->is_generator ? abi_gen_param_regs : abi_param_regs;
  for (ParamWalk w = walk_start(f); w.p; walk_next(&w))
    if (w.reg >= 0 && w.index != skip) emit2(g, IR_MOVQ, opd_slot(args + w.off), opd_reg(regs[w.reg]));
}

int gen_cont_slots(const ContSig *c) {
  int n = 0;
  for (int i = 0; c && i < c->ntypes; i++) n += type_slots(c->tys[i]);
  return n;
}

bool gen_func_has_structs(const Func *f) {
  for (ParamWalk w = walk_start(f); w.p; walk_next(&w))
    if (type_is_struct(w.type)) return true;
  for (const ContSig *c = f->conts; c; c = c->next)
    for (int i = 0; i < c->ntypes; i++)
      if (type_is_struct(c->tys[i])) return true;
  return false;
}

/* ---- Interpolation: point(x: 8, label: "a""b") ---------------------------- */

/* Literal text lives as long as the module's string table, which keeps
 * it (a function's IR arena goes with the function). */
static const char *module_text(GenFn *g, const Buf *text) {
  return arena_strndup(&g->gen->ctx->arena, text->data ? text->data : "", text->len);
}

static void text_items(GenFn *g, const Type *t, int slot, Buf *text, TextItem *items, int *n) {
  buf_printf(text, "%s(", t->name);
  for (int i = 0; i < t->nfields; i++) {
    const Field *f = &t->fields[i];
    buf_printf(text, "%s%s: ", i ? ", " : "", f->name);
    if (type_is_struct(f->type)) {
      text_items(g, f->type, slot + f->slot, text, items, n);
      continue;
    }
    items[(*n)++] = (TextItem){.text = module_text(g, text), .len = text->len};
    text->len = 0;
    items[(*n)++] = (TextItem){.slot = slot + f->slot, .type = f->type};
  }
  buf_putc(text, ')');
}

static int leaves(const Type *t) {
  int n = 0;
  for (int i = 0; i < t->nfields; i++)
    n += type_is_struct(t->fields[i].type) ? leaves(t->fields[i].type) : 1;
  return n;
}

int gen_struct_text(GenFn *g, const Type *t, TextItem **out) {
  TextItem *items = ARENA_ARRAY(&g->ir->arena, TextItem, 2 * leaves(t) + 1);
  int n = 0;
  Buf text;
  buf_init(&text);
  text_items(g, t, 0, &text, items, &n);
  items[n++] = (TextItem){.text = module_text(g, &text), .len = text.len};
  buf_free(&text);
  *out = items;
  return n;
}
