/* Tree construction helpers and the built-in types. */
#include "ast.h"

#include <stddef.h>

#include "arena.h"

const Type ty_error = {TY_ERROR, "<error>"};
const Type ty_void = {TY_VOID, "no value"};
const Type ty_never = {TY_NEVER, "never"};
const Type ty_int = {TY_INT, "int"};
const Type ty_bool = {TY_BOOL, "bool"};
const Type ty_string = {TY_STRING, "String"};
const Type ty_stdout = {TY_STDOUT, "*Stdout"};

const char *op_spelling(Op op) {
  static const char *const s[] = {
      [OP_ADD] = "+",  [OP_SUB] = "-",   [OP_MUL] = "*",  [OP_DIV] = "/",
      [OP_MOD] = "%",  [OP_POW] = "**",  [OP_LT] = "<",   [OP_LE] = "<=",
      [OP_GT] = ">",   [OP_GE] = ">=",   [OP_EQ] = "=",   [OP_NE] = "!=",
      [OP_AND] = "and", [OP_OR] = "or",  [OP_NEG] = "-",  [OP_NOT] = "not",
  };
  return s[op];
}

/* The bytes a node of this kind needs: the header and its union member. */
static size_t node_size(NodeKind kind) {
#define MEMBER(m) (offsetof(Node, m) + sizeof(((Node *)0)->m))
  switch (kind) {
  case ND_INT: return MEMBER(num);
  case ND_BOOL: return MEMBER(boolean);
  case ND_STR: return MEMBER(str);
  case ND_NAME: return MEMBER(name);
  case ND_UNARY: return MEMBER(unary);
  case ND_BINARY: return MEMBER(binary);
  case ND_CALL: return MEMBER(call);
  case ND_METHOD: return MEMBER(method);
  case ND_IF: return MEMBER(if_);
  case ND_BLOCK: return MEMBER(block);
  case ND_DECL: return MEMBER(decl);
  case ND_ASSIGN: return MEMBER(assign);
  case ND_LOOP: return MEMBER(loop);
  case ND_FOR_RANGE: return MEMBER(for_range);
  case ND_FOR_EACH: return MEMBER(for_each);
  case ND_THROW: return MEMBER(throw_);
  case ND_BREAK: return offsetof(Node, num);
  default: return sizeof(Node);
  }
#undef MEMBER
}

Node *ast_node(Arena *a, NodeKind kind, Loc loc) {
  Node *n = arena_alloc(a, node_size(kind));
  n->kind = kind;
  n->loc = loc;
  n->depth = 1;
  return n;
}

Node *ast_int(Arena *a, Loc loc, uint64_t value) {
  Node *n = ast_node(a, ND_INT, loc);
  n->num.value = (int64_t)value; /* 2^63 becomes INT64_MIN's bits */
  n->num.too_big = value > (uint64_t)INT64_MAX;
  return n;
}

Node *ast_unary(Arena *a, Loc loc, Op op, Node *operand) {
  Node *n = ast_node(a, ND_UNARY, loc);
  n->unary.op = op;
  n->unary.operand = operand;
  return n;
}

Node *ast_binary(Arena *a, Loc loc, Op op, Node *lhs, Node *rhs) {
  Node *n = ast_node(a, ND_BINARY, loc);
  n->binary.op = op;
  n->binary.lhs = lhs;
  n->binary.rhs = rhs;
  return n;
}

Node *ast_if(Arena *a, Loc loc, Node *cond, Node *then, Node *els) {
  Node *n = ast_node(a, ND_IF, loc);
  n->if_.cond = cond;
  n->if_.then = then;
  n->if_.els = els;
  return n;
}

void ast_append(Node **head, Node **tail, Node *item) {
  if (!item) return;
  if (*tail) (*tail)->next = item;
  else *head = item;
  *tail = item;
  while ((*tail)->next) *tail = (*tail)->next;
}

int ast_list_depth(const Node *list) {
  int d = 0;
  for (; list; list = list->next)
    if (list->depth > d) d = list->depth;
  return d;
}

int ast_count(const Node *list) {
  int n = 0;
  for (; list; list = list->next) n++;
  return n;
}

bool ast_is_expr(NodeKind kind) {
  switch (kind) {
  case ND_INT: case ND_BOOL: case ND_STR: case ND_NAME: case ND_UNARY: case ND_BINARY:
  case ND_CALL: case ND_METHOD: case ND_IF:
    return true;
  default:
    return false;
  }
}
