/* Making and advancing generator values (language.md §10, abi.md §5): the
 * compiled code is a C caller of the runtime's detached-mode primitives,
 * the same ones the C API offers (runtime/gen.c, gen_switch.S):
 *
 *   upto(1, 3)        args -> temporaries; dodo_gen_make(m.upto, m, 2, &args,
 *                     1, m.upto.resumes) -> the owner's slot (nothing of upto runs)
 *   next(g) -> v; A | ; B | e; C
 *                     dodo_gen_step(g): ECX = 1 -> v = RAX; A
 *                     0 -> B (the end, and every later next); -1 -> e = RAX; C,
 *                     or, without the third handler, the raise path
 *   for v in g B      a loop of the same `next`; break just leaves it (g stays
 *                     suspended where it is, to be advanced later)
 *
 * dodo_gen_next copies g's stack segment below the current RSP, wherever
 * that is (a loop body, another generator, any depth) and runs it by the
 * protocol of abi.md §4 until it yields (its segment is copied out again),
 * ends or raises. The word for the value is the temporary allocated last,
 * so the pointer handed to the runtime covers only it. */
#include "fatal.h"
#include "gen_internal.h"
#include "type_gen.h"

bool gen_is_creation(const Node *n) {
  return n->kind == ND_CALL && n->call.target == CALL_FUNC && n->type &&
         n->type->kind == TY_GENERATOR;
}

/* Words of the values, at least the one an event comes in. */
static int value_words(const Type *gen) {
  int n = type_gen_slots(gen);
  return n > 0 ? n : 1;
}

void gen_gen_create(GenFn *g, Node *n) {
  Func *gf = n->call.func;
  if (!n->call.gen_slot) ICE(0, "gen_gen_create: a generator value without an owner");
  /* The runtime hands the words out by position, as the C API's callers
   * give them: the first three to RSI, RDX, RCX, the rest to SP2 in order.
   * So each parameter goes where the convention wants it: a one-slot one in
   * its register's word, a wider one (and those past the third register)
   * in the words after the three (abi.md §3, §4). */
  int stack = gen_param_stack_slots(gf), regs = 0;
  for (int i = 0; i < gf->nparams; i++) {
    int sat;
    if (gen_param_place(gf, i, &sat) >= 0) regs++;
  }
  int np = stack ? ABI_GEN_REG_PARAMS + stack : regs;
  int args = temp_alloc(g, np > 0 ? np : 1);
  int i = 0;
  for (Node *a = n->call.args; a; a = a->next, i++) {
    gen_expr(g, a);
    int sat, r = gen_param_place(gf, i, &sat);
    gen_store(g, a->type, args + (r >= 0 ? r : ABI_GEN_REG_PARAMS + sat));
  }
  emit_comment(g, "make a generator value of %s (none of it runs yet)", gf->name);
  emit2(g, IR_LEAQ, opd_rip(gen_func_symbol(g, gf)), opd_reg(REG_RDI));
  emit2(g, IR_LEAQ, opd_rip(g->gen->context), opd_reg(REG_RSI));
  emit2(g, IR_MOVL, opd_imm(np), opd_regw(REG_RDX, 4));
  emit2(g, IR_LEAQ, opd_slot(args), opd_reg(REG_RCX))->comment = "the parameters";
  emit2(g, IR_MOVL, opd_imm(value_words(n->type)), opd_regw(REG_R8, 4))->comment = "words of a value";
  /* its lazy resumes (ir_lazy.c), known for a generator this object
   * defines at -O1; 0: every step copies the whole segment in and out */
  if (gen_lazy_resumes(g->gen) && gen_compiled_here(g->gen, gf))
    emit2(g, IR_LEAQ, opd_rip(gen_resumes_symbol(g, gf)), opd_reg(REG_R9))->comment =
        "its lazy resumes";
  else
    emit2(g, IR_XORL, opd_regw(REG_R9, 4), opd_regw(REG_R9, 4));
  gen_c_call(g, "dodo_gen_make");
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(n->call.gen_slot - 1))->comment = "owned";
  temp_free(g, np > 0 ? np : 1);
}

/* RDI = the generator value gv: dodo_gen_step's status in ECX, the value's
 * words in RAX and RDX (an event in RAX), stored in slots word.. (the -O1
 * passes read them from the registers and drop the stores nothing reads).
 * A value of three words or more comes above SP1 (abi.md §4), where
 * dodo_gen_step_wide keeps room for it: it stores the words (an event, the
 * first) at RSI, the slots word... Both are the runtime's assembly and
 * accept RSP only 8-byte aligned (they align before each C call they make,
 * runtime/README.md), so they are called as they are, without gen_c_call's
 * alignment; they keep RBP, so the frame base survives. */
static void advance(GenFn *g, Opd gv, int word, int words) {
  emit2(g, IR_MOVQ, gv, opd_reg(REG_RDI));
  if (words > 2) {
    emit2(g, IR_LEAQ, opd_slot(word), opd_reg(REG_RSI))->comment = "where the value goes";
    emit1(g, IR_CALL, opd_sym("dodo_gen_step_wide@PLT"))->comment = "RSP 8-byte aligned is enough";
    return;
  }
  emit1(g, IR_CALL, opd_sym("dodo_gen_step@PLT"))->comment = "RSP 8-byte aligned is enough";
  for (int i = 0; i < words; i++) emit2(g, IR_MOVQ, opd_reg(gen_wire_reg(i)), opd_slot(word + i));
}

/* The words advance() stored (two for two slots) into vars, the values'
 * slots one after the other (abi.md §4). */
static void take_words(GenFn *g, Var *const *vars, int nvars, int word) {
  for (int k = 0; k < nvars; k++) {
    Var *v = vars[k];
    int slot = slot_of_var(v), n = type_slots(v->type);
    for (int i = 0; i < n; i++) {
      emit2(g, IR_MOVQ, opd_slot(word + i), opd_reg(REG_RAX));
      gen_int_extend(g, v->type, REG_RAX);
      emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(slot + i))->comment = v->name;
    }
    gen_extend_fields(g, v->type, slot);
    word += n;
  }
}

static void bind(GenFn *g, Handler *h, int word) {
  if (h) take_words(g, h->vars, h->nnames, word);
}


void gen_next(GenFn *g, Node *n) {
  Opd src = gen_operand(g, n->call.args); /* a variable: read in place */
  if (src.kind == OPD_NONE) gen_expr(g, n->call.args);
  int words = value_words(n->call.args->type);
  int gv = temp_alloc(g, 1 + words), word = gv + 1;
  if (src.kind == OPD_NONE) emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(gv));
  advance(g, src.kind == OPD_NONE ? opd_slot(gv) : src, word, words);
  int not_value = gen_new_label(g), event = gen_new_label(g), join = gen_new_label(g);
  Handler *hv = n->call.handlers, *hend = hv->next, *hev = hend->next;
  emit2(g, IR_CMPL, opd_imm(1), opd_regw(REG_RCX, 4));
  emit_jcc(g, CC_NE, opd_label(not_value));
  bind(g, hv, word);
  gen_node(g, hv->body);
  if (!type_is_never(hv->body->type)) emit1(g, IR_JMP, opd_label(join));
  emit_label(g, opd_label(not_value), ENTRY_JOIN);
  emit2(g, IR_TESTL, opd_regw(REG_RCX, 4), opd_regw(REG_RCX, 4));
  emit_jcc(g, CC_NE, opd_label(event));
  gen_node(g, hend->body);
  if (!type_is_never(hend->body->type)) emit1(g, IR_JMP, opd_label(join));
  emit_label(g, opd_label(event), ENTRY_JOIN);
  emit_comment(g, "an event: the generator is finished");
  if (hev) {
    bind(g, hev, word);
    gen_node(g, hev->body);
    if (!type_is_never(hev->body->type)) emit1(g, IR_JMP, opd_label(join));
  } else {
    emit1(g, IR_JMP, opd_sym(g->raise)); /* the event is in RAX */
  }
  emit_label(g, opd_label(join), ENTRY_JOIN);
  temp_free(g, 1 + words);
}

void gen_for_value(GenFn *g, Node *n) {
  gen_expr(g, n->for_each.call);
  int words = value_words(n->for_each.call->type);
  int gv = temp_alloc(g, 1 + words), word = gv + 1;
  emit2(g, IR_MOVQ, opd_reg(REG_RAX), opd_slot(gv));
  int top = gen_new_label(g), not_value = gen_new_label(g), done = gen_new_label(g);
  emit_label(g, opd_label(top), ENTRY_JOIN);
  advance(g, opd_slot(gv), word, words);
  emit2(g, IR_CMPL, opd_imm(1), opd_regw(REG_RCX, 4));
  emit_jcc(g, CC_NE, opd_label(not_value));
  take_words(g, n->for_each.vars, n->for_each.nnames, word);
  LoopLabels l;
  gen_push_loop(g, &l, done);
  gen_node(g, n->for_each.body);
  g->loop = l.outer;
  emit1(g, IR_JMP, opd_label(top));
  emit_label(g, opd_label(not_value), ENTRY_JOIN);
  emit2(g, IR_TESTL, opd_regw(REG_RCX, 4), opd_regw(REG_RCX, 4));
  emit_jcc(g, CC_E, opd_label(done));
  emit_comment(g, "an event: the generator is finished, the event goes on (in RAX)");
  emit1(g, IR_JMP, opd_sym(g->raise));
  emit_label(g, opd_label(done), ENTRY_JOIN);
  temp_free(g, 1 + words);
}
