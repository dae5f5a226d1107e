/* Debug information for -g: DWARF 4 .debug_info and .debug_abbrev, written
 * as assembler directives, so that gdb can `print` a dodo variable, list
 * `info locals` and `info args`, and walk from a generator to its consumer.
 *
 * `as` makes .debug_line from the .loc directives; this file adds one
 * compile unit per module:
 *
 *   compile unit "prog.dodo" (producer, directory, text range, line table)
 *     base types int, bool, char; String (a char * past the length word);
 *     Stdout (declared only: a capability has no value)
 *     subprogram per function: name as written, linkage name m.f, its code,
 *       frame base = the CFA (R, what the function truncates to: abi.md §7)
 *       formal_parameter / variable per name: its frame slot, CFA - U + 8*slot
 *
 * The CU's header and types are written before the first function, each
 * function's DIE right after its code (.pushsection), and the rest at the
 * end of the module. Locations are relative to the CFA rather than RBP: the
 * CFI describes the CFA everywhere, before the prologue too, and a caller's
 * frame (gdb's `up`) then finds its variables through the unwound CFA. */
#include <string.h>
#include <unistd.h>

#include "gen_internal.h"
#include "symbol.h"

enum {
  /* tags */
  DW_TAG_array_type = 0x01, DW_TAG_member = 0x0d, DW_TAG_subrange_type = 0x21,
  DW_TAG_formal_parameter = 0x05, DW_TAG_pointer_type = 0x0f, DW_TAG_compile_unit = 0x11,
  DW_TAG_structure_type = 0x13, DW_TAG_typedef = 0x16, DW_TAG_base_type = 0x24,
  DW_TAG_subprogram = 0x2e, DW_TAG_variable = 0x34,
  /* attributes */
  DW_AT_location = 0x02, DW_AT_name = 0x03, DW_AT_byte_size = 0x0b, DW_AT_stmt_list = 0x10,
  DW_AT_low_pc = 0x11, DW_AT_high_pc = 0x12, DW_AT_language = 0x13, DW_AT_comp_dir = 0x1b,
  DW_AT_producer = 0x25, DW_AT_decl_file = 0x3a, DW_AT_decl_line = 0x3b,
  DW_AT_declaration = 0x3c, DW_AT_encoding = 0x3e, DW_AT_external = 0x3f,
  DW_AT_frame_base = 0x40, DW_AT_type = 0x49, DW_AT_linkage_name = 0x6e,
  DW_AT_data_member_location = 0x38,
  /* forms */
  DW_FORM_addr = 0x01, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07, DW_FORM_string = 0x08,
  DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05, DW_FORM_udata = 0x0f, DW_FORM_ref4 = 0x13,
  DW_FORM_sec_offset = 0x17, DW_FORM_exprloc = 0x18, DW_FORM_flag_present = 0x19,
  /* base type encodings, language */
  DW_ATE_boolean = 0x02, DW_ATE_signed = 0x05, DW_ATE_signed_char = 0x06, DW_ATE_unsigned = 0x08,
  DW_LANG_C99 = 0x0c,
  /* expression operators */
  DW_OP_deref = 0x06, DW_OP_breg7_rsp = 0x77, DW_OP_const1u = 0x08, DW_OP_dup = 0x12, DW_OP_drop = 0x13,
  DW_OP_swap = 0x16, DW_OP_minus = 0x1c, DW_OP_plus_uconst = 0x23, DW_OP_shr = 0x25,
  DW_OP_bra = 0x28, DW_OP_skip = 0x2f, DW_OP_fbreg = 0x91, DW_OP_call_frame_cfa = 0x9c,
  DW_OP_stack_value = 0x9f,
  /* call frame instructions */
  DW_CFA_def_cfa_expression = 0x0f, DW_CFA_val_expression = 0x16, DWARF_REG_RBP = 6,
};

/* Abbreviation codes: one per kind of DIE written below. */
enum {
  AB_CU = 1, AB_BASE, AB_POINTER, AB_TYPEDEF, AB_DECLARED_STRUCT, AB_FUNC, AB_PARAM,
  AB_VAR, AB_PARAM_NOLOC, AB_VAR_NOLOC, AB_STRUCT, AB_MEMBER, AB_ARRAY, AB_SUBRANGE,
};

/* The abbreviation table: code, tag, children?, then (attribute, form)
 * pairs up to a 0. */
static const unsigned char abbrevs[][24] = {
    {AB_CU, DW_TAG_compile_unit, 1, DW_AT_producer, DW_FORM_string, DW_AT_language,
     DW_FORM_data2, DW_AT_name, DW_FORM_string, DW_AT_comp_dir, DW_FORM_string, DW_AT_low_pc,
     DW_FORM_addr, DW_AT_high_pc, DW_FORM_data8, DW_AT_stmt_list, DW_FORM_sec_offset, 0},
    {AB_BASE, DW_TAG_base_type, 0, DW_AT_name, DW_FORM_string, DW_AT_encoding, DW_FORM_data1,
     DW_AT_byte_size, DW_FORM_data1, 0},
    {AB_POINTER, DW_TAG_pointer_type, 0, DW_AT_byte_size, DW_FORM_data1, DW_AT_type,
     DW_FORM_ref4, 0},
    {AB_TYPEDEF, DW_TAG_typedef, 0, DW_AT_name, DW_FORM_string, DW_AT_type, DW_FORM_ref4, 0},
    {AB_DECLARED_STRUCT, DW_TAG_structure_type, 0, DW_AT_name, DW_FORM_string,
     DW_AT_declaration, DW_FORM_flag_present, 0},
    {AB_FUNC, DW_TAG_subprogram, 1, DW_AT_name, DW_FORM_string, DW_AT_linkage_name,
     DW_FORM_string, DW_AT_decl_file, DW_FORM_data1, DW_AT_decl_line, DW_FORM_udata,
     DW_AT_external, DW_FORM_flag_present, DW_AT_low_pc, DW_FORM_addr, DW_AT_high_pc,
     DW_FORM_data8, DW_AT_frame_base, DW_FORM_exprloc, 0},
    {AB_PARAM, DW_TAG_formal_parameter, 0, DW_AT_name, DW_FORM_string, DW_AT_decl_file,
     DW_FORM_data1, DW_AT_decl_line, DW_FORM_udata, DW_AT_type, DW_FORM_ref4, DW_AT_location,
     DW_FORM_exprloc, 0},
    {AB_VAR, DW_TAG_variable, 0, DW_AT_name, DW_FORM_string, DW_AT_decl_file, DW_FORM_data1,
     DW_AT_decl_line, DW_FORM_udata, DW_AT_type, DW_FORM_ref4, DW_AT_location,
     DW_FORM_exprloc, 0},
    {AB_PARAM_NOLOC, DW_TAG_formal_parameter, 0, DW_AT_name, DW_FORM_string, DW_AT_decl_file,
     DW_FORM_data1, DW_AT_decl_line, DW_FORM_udata, DW_AT_type, DW_FORM_ref4, 0},
    {AB_VAR_NOLOC, DW_TAG_variable, 0, DW_AT_name, DW_FORM_string, DW_AT_decl_file,
     DW_FORM_data1, DW_AT_decl_line, DW_FORM_udata, DW_AT_type, DW_FORM_ref4, 0},
    {AB_STRUCT, DW_TAG_structure_type, 1, DW_AT_name, DW_FORM_string, DW_AT_byte_size,
     DW_FORM_udata, 0},
    {AB_MEMBER, DW_TAG_member, 0, DW_AT_name, DW_FORM_string, DW_AT_type, DW_FORM_ref4,
     DW_AT_data_member_location, DW_FORM_udata, 0},
    {AB_ARRAY, DW_TAG_array_type, 1, DW_AT_type, DW_FORM_ref4, 0},
    {AB_SUBRANGE, DW_TAG_subrange_type, 0, 0},
};

/* A DWARF expression being built: a few bytes, written with `.byte`. */
typedef struct Expr {
  unsigned char b[32];
  int n;
} Expr;

static void expr_byte(Expr *e, int byte) { e->b[e->n++] = (unsigned char)byte; }

static void expr_uleb(Expr *e, uint64_t v) {
  do {
    unsigned char byte = v & 0x7f;
    v >>= 7;
    expr_byte(e, v ? byte | 0x80 : byte);
  } while (v);
}

static void expr_sleb(Expr *e, int64_t v) {
  for (;;) {
    unsigned char byte = v & 0x7f;
    v >>= 7; /* arithmetic: gcc and clang shift signed values so */
    bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
    expr_byte(e, done ? byte : byte | 0x80);
    if (done) return;
  }
}

static void put_bytes(Buf *out, const unsigned char *b, int n) {
  buf_puts(out, "\t.byte ");
  for (int i = 0; i < n; i++) buf_printf(out, "%s%#x", i ? "," : "", b[i]);
  buf_putc(out, '\n');
}

/* An exprloc: its length, then its bytes. */
static void put_exprloc(Buf *out, const Expr *e) {
  buf_printf(out, "\t.uleb128 %d\n", e->n);
  put_bytes(out, e->b, e->n);
}

/* A NUL-terminated string in the section, escaped for `as`. */
static void put_string(Buf *out, const char *s) {
  buf_puts(out, "\t.string \"");
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') buf_printf(out, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f) buf_printf(out, "\\%03o", c);
    else buf_putc(out, (char)c);
  }
  buf_puts(out, "\"\n");
}

/* A reference to a type DIE: its offset in the compile unit. */
static void put_type_ref(Buf *out, const char *label) {
  buf_printf(out, "\t.long %s-.L.debug_info.cu\n", label);
}

/* The type DIE of a dodo type, NULL for none (a capability). */
/* The sized integers, each a base type of its own (int64 is int): 8 bytes,
 * as their slots hold them extended. */
static const struct {
  const Type *type;
  const char *label;
} sized_types[] = {
    {&ty_int8, ".L.debug_info.int8"},     {&ty_int16, ".L.debug_info.int16"},
    {&ty_int32, ".L.debug_info.int32"},   {&ty_uint8, ".L.debug_info.uint8"},
    {&ty_uint16, ".L.debug_info.uint16"}, {&ty_uint32, ".L.debug_info.uint32"},
    {&ty_uint64, ".L.debug_info.uint64"},
};
enum { NSIZED = sizeof sized_types / sizeof sized_types[0] };

/* A struct type's DIE, described at the end of the compile unit. */
static const char *struct_label(Gen *gen, const Type *t) {
  int i = 0;
  while (i < gen->ndwarf_structs && gen->dwarf_structs[i] != t) i++;
  if (i == gen->ndwarf_structs) {
    if (i == gen->dwarf_structs_cap) {
      gen->dwarf_structs_cap = i ? 2 * i : 8;
      const Type **a = ARENA_ARRAY(&gen->ctx->arena, const Type *, gen->dwarf_structs_cap);
      if (i) memcpy(a, gen->dwarf_structs, sizeof *a * (size_t)i);
      gen->dwarf_structs = a;
    }
    gen->dwarf_structs[gen->ndwarf_structs++] = t;
  }
  return arena_printf(&gen->ctx->arena, ".L.debug_info.struct.%d", i);
}

static const char *type_label(Gen *gen, const Type *t) {
  switch (t->kind) {
  case TY_STRUCT: return struct_label(gen, t);
  case TY_INT:
    for (int i = 0; i < NSIZED; i++)
      if (t == sized_types[i].type) return sized_types[i].label;
    return ".L.debug_info.int";
  case TY_BOOL: return ".L.debug_info.bool";
  case TY_STRING: return ".L.debug_info.String";
  case TY_STDOUT: return ".L.debug_info.Stdout_ptr";
  default: return NULL;
  }
}

void gen_dwarf_begin(Gen *gen) {
  Buf *out = gen->out;
  char dir[4096];
  if (!getcwd(dir, sizeof dir)) strcpy(dir, ".");
  buf_puts(out, "\n# debug information (-g): the compile unit and its types\n"
                "\t.text\n.L.text.begin:\n"
                "\t.section .debug_line,\"\",@progbits\n.L.debug_line.begin:\n"
                "\t.section .debug_info,\"\",@progbits\n.L.debug_info.cu:\n"
                "\t.long .L.debug_info.end-.L.debug_info.version\t# unit length\n"
                ".L.debug_info.version:\n"
                "\t.value 4\t# DWARF version\n"
                "\t.long .L.debug_abbrev.begin\n"
                "\t.byte 8\t# address size\n");
  buf_printf(out, "\t.uleb128 %d\t# compile unit\n", AB_CU);
  put_string(out, "dodoc");
  buf_printf(out, "\t.value %#x\t# DW_LANG_C99: gdb prints and evaluates as in C\n",
             DW_LANG_C99);
  put_string(out, gen->ctx->src.path);
  put_string(out, dir);
  buf_puts(out, "\t.quad .L.text.begin\n\t.quad .L.text.end-.L.text.begin\n"
                "\t.long .L.debug_line.begin\n");
  /* int and bool fill their 8-byte slot; a String is a DodoString *, shown as
   * the char * to its bytes (after the 8-byte length, NUL-terminated). */
  buf_printf(out, ".L.debug_info.int:\n\t.uleb128 %d\n", AB_BASE);
  put_string(out, "int");
  buf_printf(out, "\t.byte %#x, 8\n", DW_ATE_signed);
  for (int i = 0; i < NSIZED; i++) {
    buf_printf(out, "%s:\n\t.uleb128 %d\n", sized_types[i].label, AB_BASE);
    put_string(out, sized_types[i].type->name);
    buf_printf(out, "\t.byte %#x, 8\n",
               sized_types[i].type->is_signed ? DW_ATE_signed : DW_ATE_unsigned);
  }
  buf_printf(out, ".L.debug_info.bool:\n\t.uleb128 %d\n", AB_BASE);
  put_string(out, "bool");
  buf_printf(out, "\t.byte %#x, 8\n", DW_ATE_boolean);
  buf_printf(out, ".L.debug_info.char:\n\t.uleb128 %d\n", AB_BASE);
  put_string(out, "char");
  buf_printf(out, "\t.byte %#x, 1\n", DW_ATE_signed_char);
  buf_printf(out, ".L.debug_info.char_ptr:\n\t.uleb128 %d\n\t.byte 8\n", AB_POINTER);
  put_type_ref(out, ".L.debug_info.char");
  buf_printf(out, ".L.debug_info.String:\n\t.uleb128 %d\n", AB_TYPEDEF);
  put_string(out, "String");
  put_type_ref(out, ".L.debug_info.char_ptr");
  buf_printf(out, ".L.debug_info.Stdout:\n\t.uleb128 %d\n", AB_DECLARED_STRUCT);
  put_string(out, "Stdout");
  buf_printf(out, ".L.debug_info.Stdout_ptr:\n\t.uleb128 %d\n\t.byte 8\n", AB_POINTER);
  put_type_ref(out, ".L.debug_info.Stdout");
  /* a String field of a struct holds the DodoString *, shown as what it
   * points to: { len, data } */
  buf_printf(out, ".L.debug_info.DodoString:\n\t.uleb128 %d\n", AB_STRUCT);
  put_string(out, "DodoString");
  buf_puts(out, "\t.uleb128 8\n");
  buf_printf(out, "\t.uleb128 %d\n", AB_MEMBER);
  put_string(out, "len");
  put_type_ref(out, ".L.debug_info.int");
  buf_puts(out, "\t.uleb128 0\n");
  buf_printf(out, "\t.uleb128 %d\n", AB_MEMBER);
  put_string(out, "data");
  put_type_ref(out, ".L.debug_info.char_array");
  buf_puts(out, "\t.uleb128 8\n\t.byte 0\n");
  buf_printf(out, ".L.debug_info.char_array:\n\t.uleb128 %d\n", AB_ARRAY);
  put_type_ref(out, ".L.debug_info.char");
  buf_printf(out, "\t.uleb128 %d\n\t.byte 0\n", AB_SUBRANGE);
  buf_printf(out, ".L.debug_info.DodoString_ptr:\n\t.uleb128 %d\n\t.byte 8\n", AB_POINTER);
  put_type_ref(out, ".L.debug_info.DodoString");
  buf_puts(out, "\t.text\n");
}

/* The struct types the variables have (and the ones inside them): each
 * field a member at 8 bytes per slot. */
static void put_structs(Gen *gen) {
  Buf *out = gen->out;
  for (int i = 0; i < gen->ndwarf_structs; i++) { /* grows as nested ones are met */
    const Type *t = gen->dwarf_structs[i];
    buf_printf(out, ".L.debug_info.struct.%d:\n\t.uleb128 %d\t# struct %s\n", i, AB_STRUCT, t->name);
    put_string(out, t->name);
    buf_printf(out, "\t.uleb128 %d\n", 8 * t->nslots);
    for (int j = 0; j < t->nfields; j++) {
      const Field *f = &t->fields[j];
      buf_printf(out, "\t.uleb128 %d\n", AB_MEMBER);
      put_string(out, f->name);
      put_type_ref(out, type_is_string(f->type) ? ".L.debug_info.DodoString_ptr"
                                                : type_label(gen, f->type));
      buf_printf(out, "\t.uleb128 %d\n", 8 * f->slot);
    }
    buf_puts(out, "\t.byte 0\n");
  }
}

/* Where a variable lives: its slot, 8*slot above the frame base, which is
 * U below the CFA. A String's value is the address of its DodoString; gdb
 * is given the address of the bytes, as a value (not an lvalue). */
static void var_location(Expr *e, const Var *v, int unwind) {
  expr_byte(e, DW_OP_fbreg);
  expr_sleb(e, 8 * (int64_t)v->slot - unwind);
  if (v->type->kind == TY_STRING) {
    expr_byte(e, DW_OP_deref);
    expr_byte(e, DW_OP_plus_uconst);
    expr_uleb(e, 8);
    expr_byte(e, DW_OP_stack_value);
  }
}

static void put_var(Gen *gen, Buf *out, const Var *v, int unwind) {
  const char *type = type_label(gen, v->type);
  if (!type) return;
  bool has_value = v->type->kind != TY_STDOUT; /* gdb says <optimized out> */
  int code = v->is_param ? (has_value ? AB_PARAM : AB_PARAM_NOLOC)
                         : (has_value ? AB_VAR : AB_VAR_NOLOC);
  buf_printf(out, "\t.uleb128 %d\t# %s %s\n", code, v->is_param ? "parameter" : "variable",
             v->name);
  put_string(out, v->name);
  buf_printf(out, "\t.byte 1\n\t.uleb128 %d\n", v->loc.first_line > 0 ? v->loc.first_line : 0);
  put_type_ref(out, type);
  if (!has_value) return;
  Expr e = {.n = 0};
  var_location(&e, v, unwind);
  put_exprloc(out, &e);
}

void gen_dwarf_func(GenFn *g) {
  Buf *out = g->gen->out;
  const Func *f = g->f;
  const char *sym = g->ir->symbol;
  int id = g->gen->dwarf_funcs++;
  buf_printf(out, ".L.func_end.%d:\n", id);
  buf_printf(out, "\t.pushsection .debug_info\n\t.uleb128 %d\t# function %s\n", AB_FUNC,
             f->name);
  put_string(out, f->name);
  put_string(out, sym);
  buf_printf(out, "\t.byte 1\n\t.uleb128 %d\n", f->loc.first_line > 0 ? f->loc.first_line : 0);
  const char *q = sym_asm(&g->gen->ctx->arena, sym);
  buf_printf(out, "\t.quad %s\n\t.quad .L.func_end.%d-%s\n", q, id, q);
  Expr cfa = {.n = 0};
  expr_byte(&cfa, DW_OP_call_frame_cfa);
  put_exprloc(out, &cfa);
  for (int i = 0; i < g->nvars && i < g->slot_vars_cap; i++) /* past cap: none */
    if (g->slot_vars[i]) put_var(g->gen, out, g->slot_vars[i], g->ir->unwind);
  buf_puts(out, "\t.byte 0\t# end of the function's children\n\t.popsection\n");
}

void gen_dwarf_end(Gen *gen) {
  Buf *out = gen->out;
  buf_puts(out, "\n# debug information (-g): the end of the compile unit, the abbreviations\n"
                "\t.text\n.L.text.end:\n"
                "\t.section .debug_info,\"\",@progbits\n");
  put_structs(gen);
  buf_puts(out, "\t.byte 0\t# end of the compile unit's children\n.L.debug_info.end:\n"
                "\t.section .debug_abbrev,\"\",@progbits\n.L.debug_abbrev.begin:\n");
  for (size_t i = 0; i < sizeof abbrevs / sizeof abbrevs[0]; i++) {
    const unsigned char *a = abbrevs[i];
    int n = 3;
    while (a[n]) n += 2;
    buf_printf(out, "\t.uleb128 %d\n", a[0]);
    put_bytes(out, a + 1, n - 1);
    buf_puts(out, "\t.byte 0,0\n");
  }
  buf_puts(out, "\t.byte 0\n");
}

/* A generator's consumer resumes at the yield continuation with RBP = its
 * frame base, which the generator can find from SP1 (abi.md §12): the
 * generator's CFA is SP1 (its R, SP2, plus the stacked parameters), and the
 * marker at SP1 holds the consumer's frame base (an ordinary function) or
 * SP1 minus it (a generator consuming a generator: a small negative number).
 * So the consumer's RBP is [CFA] if that is not negative, else
 * CFA - [CFA]:
 *
 *   (CFA)  dup deref dup 63 shr bra L1 swap drop skip L2  L1: minus  L2:
 */
const char *gen_dwarf_consumer_rbp_cfi(GenFn *g) {
  static const unsigned char expr[] = {
      DW_OP_dup, DW_OP_deref, DW_OP_dup, DW_OP_const1u, 63, DW_OP_shr,
      DW_OP_bra, 5, 0, DW_OP_swap, DW_OP_drop, DW_OP_skip, 1, 0, DW_OP_minus,
  };
  Buf b;
  buf_init(&b);
  buf_printf(&b, "%#x,%#x,%#zx", DW_CFA_val_expression, DWARF_REG_RBP, sizeof expr);
  for (size_t i = 0; i < sizeof expr; i++) buf_printf(&b, ",%#x", expr[i]);
  const char *text = gen_fmt(g, "%s", b.data);
  buf_free(&b);
  return text;
}

/* Inside a generator loop's body RSP is below the generators' frames and
 * RBP is only the frame base between the body's own instructions; a function
 * the body calls says its caller's RSP and RBP are R (its CFA), and R is then
 * the body's RSP (less a result area), where the body keeps its marker: the
 * frame base in an ordinary function, the marker's address minus the frame
 * base in a generator (abi.md §12). So at the body's call sites and entry
 * labels the CFA, frame base + U, is found from RSP alone:
 *
 *   breg7 AREA deref plus_uconst U                   (the frame base)
 *   breg7 AREA breg7 AREA deref minus plus_uconst U  (an offset)
 *
 * These are the bytes of the .cfi_escape up to U, which the printer writes
 * as a padded ULEB128 once it is known (FA_UNWIND_ULEB4). */
const char *gen_dwarf_marker_cfa_cfi(GenFn *g, int area) {
  Expr e = {.n = 0};
  for (int i = 0; i < (g->links_absolute ? 1 : 2); i++) {
    expr_byte(&e, DW_OP_breg7_rsp);
    expr_sleb(&e, area);
  }
  expr_byte(&e, DW_OP_deref);
  if (!g->links_absolute) expr_byte(&e, DW_OP_minus);
  expr_byte(&e, DW_OP_plus_uconst);
  Buf b;
  buf_init(&b);
  buf_printf(&b, "%#x,%#x", DW_CFA_def_cfa_expression, e.n + 4);
  for (int i = 0; i < e.n; i++) buf_printf(&b, ",%#x", e.b[i]);
  const char *text = gen_fmt(g, "%s", b.data);
  buf_free(&b);
  return text;
}
