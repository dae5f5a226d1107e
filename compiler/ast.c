/* Tree construction helpers. */
#include "ast.h"

#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "fatal.h"

const char *op_spelling(Op op) {
  static const char *const s[] = {
      [OP_ADD] = "+",  [OP_SUB] = "-",   [OP_MUL] = "*",  [OP_DIV] = "/",
      [OP_MOD] = "%",  [OP_POW] = "**",  [OP_LT] = "<",   [OP_LE] = "<=",
      [OP_GT] = ">",   [OP_GE] = ">=",   [OP_EQ] = "=",   [OP_NE] = "!=",
      [OP_AND] = "and", [OP_OR] = "or",  [OP_NEG] = "-",  [OP_NOT] = "not",
  };
  return s[op];
}

/* What AST_NODE_KINDS says of each kind. */
typedef struct KindInfo {
  const char *name;
  bool is_expr;
  size_t size; /* the header and the kind's union member */
  const AstChild *children;
} KindInfo;

#define EXPR true
#define STMT false
#define FIELDS(m) (offsetof(Node, m) + sizeof(((Node *)0)->m))
#define NO_FIELDS offsetof(Node, num)
#define ONE(f, label) {CHILD_ONE, offsetof(Node, f), label},
#define OPT(f, label) {CHILD_OPT, offsetof(Node, f), label},
#define LIST(f) {CHILD_LIST, offsetof(Node, f), NULL},
#define PIECES(f) {CHILD_PIECES, offsetof(Node, f), NULL},
#define HANDLERS(f) {CHILD_HANDLERS, offsetof(Node, f), NULL},

#define X(kind, name, class, fields, children) \
  static const AstChild children_of_##kind[] = {children{CHILD_END, 0, NULL}};
AST_NODE_KINDS(X)
#undef X

static const KindInfo kinds[ND_NKINDS] = {
#define X(kind, name, class, fields, children) [kind] = {name, class, fields, children_of_##kind},
    AST_NODE_KINDS(X)
#undef X
};

#undef EXPR
#undef STMT
#undef FIELDS
#undef NO_FIELDS
#undef ONE
#undef OPT
#undef LIST
#undef PIECES
#undef HANDLERS

static const KindInfo *kind_info(NodeKind kind) {
  if ((unsigned)kind >= ND_NKINDS) ICE(0, "a node of no known kind");
  return &kinds[kind];
}

bool ast_is_expr(NodeKind kind) { return kind_info(kind)->is_expr; }

const char *ast_kind_name(NodeKind kind) { return kind_info(kind)->name; }

const AstChild *ast_children(NodeKind kind) { return kind_info(kind)->children; }

void *ast_child_field(const Node *n, const AstChild *c) {
  void *p;
  memcpy(&p, (const char *)n + c->offset, sizeof p);
  return p;
}

int ast_children_depth(const Node *n) {
  int d = 0;
  for (const AstChild *c = ast_children(n->kind); c->shape != CHILD_END; c++) {
    void *field = ast_child_field(n, c);
    switch (c->shape) {
    case CHILD_ONE: case CHILD_OPT: case CHILD_LIST:
      for (const Node *k = field; k; k = c->shape == CHILD_LIST ? k->next : NULL)
        if (k->depth > d) d = k->depth;
      break;
    case CHILD_PIECES:
      for (const StrPiece *p = field; p; p = p->next)
        if (p->expr && p->expr->depth > d) d = p->expr->depth;
      break;
    case CHILD_HANDLERS:
      for (const Handler *h = field; h; h = h->next)
        if (h->body && h->body->depth > d) d = h->body->depth;
      break;
    case CHILD_END: break;
    }
  }
  return d;
}

Node *ast_node(Arena *a, NodeKind kind, Loc loc) {
  Node *n = arena_alloc(a, kind_info(kind)->size);
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
