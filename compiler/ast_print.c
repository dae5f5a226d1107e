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
  buf_printf(b, "%s%s", t->is_pointer ? "*" : "", t->name);
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

static void print_call(Buf *b, const Node *n, int level) {
  buf_printf(b, "%s %s", n->call.keyword ? "invoke" : "call", n->call.name);
  loc_suffix(b, n->loc);
  print_list(b, n->call.args, level + 1);
  int i = 0;
  for (const Handler *h = n->call.handlers; h; h = h->next, i++) {
    indent(b, level + 1);
    buf_printf(b, "handler %d (", i);
    for (int k = 0; k < h->nnames; k++)
      buf_printf(b, "%s%s", k ? ", " : "", h->names[k]);
    buf_putc(b, ')');
    loc_suffix(b, h->loc);
    print_node(b, h->body, level + 2);
  }
}

static void print_node(Buf *b, const Node *n, int level) {
  if (!n) {
    indent(b, level);
    buf_puts(b, "<error>\n");
    return;
  }
  indent(b, level);
  switch (n->kind) {
  case ND_INT:
    buf_printf(b, "int %lld%s", (long long)n->num.value,
               n->num.too_big ? " (out of range)" : "");
    loc_suffix(b, n->loc);
    break;
  case ND_BOOL:
    buf_printf(b, "bool %s", n->boolean ? "true" : "false");
    loc_suffix(b, n->loc);
    break;
  case ND_STR:
    buf_puts(b, "string");
    loc_suffix(b, n->loc);
    for (const StrPiece *p = n->str.pieces; p; p = p->next) {
      if (p->expr) {
        indent(b, level + 1);
        buf_puts(b, "interpolate\n");
        print_node(b, p->expr, level + 2);
      } else {
        indent(b, level + 1);
        buf_puts(b, "text ");
        print_text(b, p->text, p->len);
        buf_putc(b, '\n');
      }
    }
    break;
  case ND_NAME:
    buf_printf(b, "name %s", n->name.name);
    loc_suffix(b, n->loc);
    break;
  case ND_UNARY:
    buf_printf(b, "unary %s", op_spelling(n->unary.op));
    loc_suffix(b, n->loc);
    print_node(b, n->unary.operand, level + 1);
    break;
  case ND_BINARY:
    buf_printf(b, "binary %s", op_spelling(n->binary.op));
    loc_suffix(b, n->loc);
    print_node(b, n->binary.lhs, level + 1);
    print_node(b, n->binary.rhs, level + 1);
    break;
  case ND_CALL:
    print_call(b, n, level);
    break;
  case ND_METHOD:
    buf_printf(b, "method %s!%s.%s", n->method.service, n->method.cap,
               n->method.method);
    loc_suffix(b, n->loc);
    print_list(b, n->method.args, level + 1);
    break;
  case ND_IF:
    buf_puts(b, "if");
    loc_suffix(b, n->loc);
    print_labelled(b, "cond", n->if_.cond, level + 1);
    print_labelled(b, "then", n->if_.then, level + 1);
    if (n->if_.els) print_labelled(b, "else", n->if_.els, level + 1);
    break;
  case ND_BLOCK:
    buf_puts(b, "block");
    loc_suffix(b, n->loc);
    print_list(b, n->block.stmts, level + 1);
    break;
  case ND_DECL:
    buf_printf(b, "%s %s ", n->decl.is_const ? "const" : "decl", n->decl.name);
    print_tref(b, n->decl.tref);
    loc_suffix(b, n->loc);
    if (n->decl.init) print_node(b, n->decl.init, level + 1);
    break;
  case ND_ASSIGN:
    buf_printf(b, "assign %s", n->assign.name);
    loc_suffix(b, n->loc);
    print_node(b, n->assign.value, level + 1);
    break;
  case ND_LOOP:
    buf_puts(b, "loop");
    loc_suffix(b, n->loc);
    print_node(b, n->loop.body, level + 1);
    break;
  case ND_BREAK:
    buf_puts(b, "break");
    loc_suffix(b, n->loc);
    break;
  case ND_FOR_RANGE:
    buf_printf(b, "for %s in range", n->for_range.var_name);
    loc_suffix(b, n->loc);
    print_labelled(b, "from", n->for_range.lo, level + 1);
    print_labelled(b, "to", n->for_range.hi, level + 1);
    print_labelled(b, "body", n->for_range.body, level + 1);
    break;
  case ND_FOR_EACH:
    buf_printf(b, "for %s in generator", n->for_each.var_name);
    loc_suffix(b, n->loc);
    print_labelled(b, "source", n->for_each.call, level + 1);
    print_labelled(b, "body", n->for_each.body, level + 1);
    break;
  case ND_THROW:
    buf_puts(b, "throw");
    loc_suffix(b, n->loc);
    print_node(b, n->throw_.value, level + 1);
    break;
  }
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
