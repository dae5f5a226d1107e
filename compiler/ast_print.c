/* --emit=ast: one node a line, indented by depth, `@line:col` last, so that
 * two dumps diff cleanly. Strings are quoted in dodo style ("" for a quote,
 * \n \t outside). */
#include "ast.h"
#include "buf.h"

static void indent(Buf *b, int level) {
  for (int i = 0; i < level; i++) buf_puts(b, "  ");
}

static void loc_suffix(Buf *b, Loc loc) {
  buf_printf(b, " @%d:%d\n", loc.first_line, loc.first_column);
}

static void print_text(Buf *b, const char *s, size_t len) {
  buf_putc(b, '"');
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') buf_puts(b, "\"\"");
    else if (c == '\n') buf_puts(b, "\"\\n\"");
    else if (c == '\t') buf_puts(b, "\"\\t\"");
    else if (c < 0x20 || c == 0x7f) buf_printf(b, "\\x%02x", c);
    else buf_putc(b, (char)c);
  }
  buf_putc(b, '"');
}

static void print_tref(Buf *b, const TypeRef *t) {
  if (!t) {
    buf_puts(b, "inferred");
    return;
  }
  buf_printf(b, "%s%s%s%s", t->is_pointer ? "*" : "", t->module ? t->module : "", t->module ? "." : "", t->name);
  if (!t->has_args) return;
  buf_putc(b, '('); /* Generator(int): the types it takes */
  for (const TypeRef *a = t->args; a; a = a->next) {
    print_tref(b, a);
    if (a->next) buf_puts(b, ", ");
  }
  buf_putc(b, ')');
}

static void print_node(Buf *b, const Node *n, int level);

static void print_list(Buf *b, const Node *n, int level) {
  for (; n; n = n->next) print_node(b, n, level);
}

static void print_labelled(Buf *b, const char *label, const Node *n, int level) {
  indent(b, level);
  buf_printf(b, "%s:\n", label);
  print_node(b, n, level + 1);
}

static void print_pieces(Buf *b, const StrPiece *p, int level) {
  for (; p; p = p->next) {
    indent(b, level);
    if (p->expr) {
      buf_puts(b, "interpolate\n");
      print_node(b, p->expr, level + 1);
    } else {
      buf_puts(b, "text ");
      print_text(b, p->text, p->len);
      buf_putc(b, '\n');
    }
  }
}

static void print_handlers(Buf *b, const Handler *h, int level) {
  for (int i = 0; h; h = h->next, i++) {
    indent(b, level);
    buf_printf(b, "handler %d (", i);
    for (int k = 0; k < h->nnames; k++)
      buf_printf(b, "%s%s", k ? ", " : "", h->names[k]);
    buf_putc(b, ')');
    loc_suffix(b, h->loc);
    print_node(b, h->body, level + 1);
  }
}

/* The children, as AST_NODE_KINDS lists them, one level deeper. */
static void print_children(Buf *b, const Node *n, int level) {
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_OPT:
      if (!field) break;
      /* fall through */
    case CHILD_ONE:
      if (c->label) print_labelled(b, c->label, field, level + 1);
      else print_node(b, field, level + 1);
      break;
    case CHILD_LIST: print_list(b, field, level + 1); break;
    case CHILD_PIECES: print_pieces(b, field, level + 1); break;
    case CHILD_HANDLERS: print_handlers(b, field, level + 1); break;
    case CHILD_END: break;
    }
  }
}

/* The word that starts a node's line: its kind's name, except that a
 * `return e` or `yield e` is an invoke and a top-level `def` a const. */
static const char *head_word(const Node *n) {
  if (n->kind == ND_CALL && n->call.keyword) return "invoke";
  if (n->kind == ND_DECL && n->decl.is_const) return "const";
  return ast_kind_name(n->kind);
}

/* What follows the word on a node's line, for the kinds that have more. */
static void print_details(Buf *b, const Node *n) {
  switch (n->kind) {
  case ND_INT:
    buf_printf(b, " %lld%s", (long long)n->num.value, n->num.too_big ? " (out of range)" : "");
    break;
  case ND_BOOL: buf_puts(b, n->boolean ? " true" : " false"); break;
  case ND_NAME: buf_printf(b, " %s", n->name.name); break;
  case ND_UNARY: buf_printf(b, " %s", op_spelling(n->unary.op)); break;
  case ND_BINARY: buf_printf(b, " %s", op_spelling(n->binary.op)); break;
  case ND_CALL: buf_printf(b, " %s", n->call.name); break;
  case ND_METHOD:
    buf_printf(b, " %s!%s.%s", n->method.service, n->method.cap, n->method.method);
    break;
  case ND_DECL:
    buf_printf(b, " %s ", n->decl.name);
    print_tref(b, n->decl.tref);
    break;
  case ND_ASSIGN:
    buf_printf(b, " %s", n->assign.name);
    for (int i = 0; n->assign.path && i < n->assign.path->n; i++)
      buf_printf(b, ".%s", n->assign.path->names[i]);
    break;
  case ND_FIELD_INIT: buf_printf(b, " %s", n->init.name); break;
  case ND_FIELD: buf_printf(b, " %s", n->field.name); break;
  case ND_FOR_RANGE: buf_printf(b, " %s in range", n->for_range.var_name); break;
  case ND_FOR_EACH: buf_printf(b, " %s in generator", n->for_each.var_name); break;
  default: break; /* the word says it all: string, if, block, loop, break, throw */
  }
}

static void print_node(Buf *b, const Node *n, int level) {
  indent(b, level);
  if (!n) {
    buf_puts(b, "<error>\n");
    return;
  }
  buf_puts(b, head_word(n));
  print_details(b, n);
  loc_suffix(b, n->loc);
  print_children(b, n, level);
}

static void print_func(Buf *b, const Func *f) {
  buf_printf(b, "func %s", f->name);
  loc_suffix(b, f->loc);
  for (const Param *p = f->params; p; p = p->next) {
    indent(b, 1);
    buf_printf(b, "param %s ", p->name);
    if (p->tref) print_tref(b, p->tref);
    else buf_puts(b, "(previous type)");
    loc_suffix(b, p->loc);
  }
  if (f->conts_omitted) {
    indent(b, 1);
    buf_puts(b, "continuations inferred\n");
  }
  for (const ContSig *c = f->conts; c; c = c->next) {
    indent(b, 1);
    buf_printf(b, "continuation %s(", c->name);
    for (const TypeRef *t = c->types; t; t = t->next) {
      print_tref(b, t);
      if (t->next) buf_puts(b, ", ");
    }
    buf_putc(b, ')');
    loc_suffix(b, c->loc);
  }
  indent(b, 1);
  if (!f->body) {
    buf_puts(b, "external\n");
    return;
  }
  buf_puts(b, f->body_is_expr ? "body = expression\n" : "body\n");
  print_node(b, f->body, 2);
}

void ast_print(Buf *b, const Program *prog) {
  buf_printf(b, "module %s%s\n", prog->module ? prog->module : "?",
             prog->has_main_marker ? " (main)" : "");
  for (const Use *u = prog->uses; u; u = u->next) {
    buf_printf(b, "use %s", u->name);
    loc_suffix(b, u->loc);
  }
  for (const Node *c = prog->consts; c; c = c->next) print_node(b, c, 0);
  for (const Func *f = prog->funcs; f; f = f->next) print_func(b, f);
}
