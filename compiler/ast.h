/* The syntax tree of a dodo source file, and the types the checker gives it.
 *
 * Everything here lives in the compilation's arena: nodes are never freed one
 * by one. The parser fills the syntactic fields; the checker fills the fields
 * marked "checker" (types, resolved variables, call targets), which codegen
 * then reads. Fields marked "codegen" (frame slots) are the code generator's,
 * set when it lowers a function. */
#ifndef DODOC_AST_H
#define DODOC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loc.h"
#include "types.h"

typedef struct Arena Arena;

/* ---- Types (types.h) ------------------------------------------------------ */

/* A type as written in the source: `int`, `bool`, `String`, `*Stdout`. */
typedef struct TypeRef {
  Loc loc;
  int nargs;
  bool is_pointer;  /* `*Name` */
  bool has_args;    /* written with parentheses, even empty */
  const char *name; /* without the star */
  const char *module; /* `geometry.square`: a type of module geometry */
  struct TypeRef *args; /* `Generator(T, …)`: the types in parentheses */
  const Type *type; /* checker */
  struct Node *proto; /* checker: the constant a struct type name names (its default) */
  struct TypeRef *next;
} TypeRef;

/* ---- Operators ----------------------------------------------------------- */

typedef enum Op {
  OP_ADD, /* + */
  OP_SUB, /* - */
  OP_MUL, /* * */
  OP_DIV, /* / */
  OP_MOD, /* % */
  OP_POW, /* ** */
  OP_LT,  /* < */
  OP_LE,  /* <= */
  OP_GT,  /* > */
  OP_GE,  /* >= */
  OP_EQ,  /* = (equality, never assignment) */
  OP_NE,  /* != */
  OP_AND, /* and (short-circuit) */
  OP_OR,  /* or (short-circuit) */
  OP_NEG, /* unary - */
  OP_NOT, /* not */
} Op;

const char *op_spelling(Op op);

/* ---- Variables, continuations, functions --------------------------------- */

/* A local variable, parameter or handler-bound name. */
typedef struct Var {
  const char *name;
  Loc loc;
  const Type *type;
  bool used;     /* checker: read somewhere (for -Wunused-variable) */
  bool is_param;
  bool has_slot; /* codegen: `slot` is set */
  int slot;      /* codegen: frame slot index (8 bytes each), set when the
                    function is lowered (gen.c) */
} Var;

/* A continuation in a signature: `exact(int)`, `end()`. */
typedef struct ContSig {
  Loc loc;
  const char *name;
  TypeRef *types; /* list */
  int ntypes;
  const Type **tys; /* checker: resolved types, ntypes of them */
  struct ContSig *next;
} ContSig;

typedef struct Param {
  Loc loc;
  TypeRef *tref; /* NULL: carries the previous parameter's type */
  const char *name;
  Var *var; /* checker */
  struct Param *next;
} Param;

typedef struct Node Node;

/* The fields after the variable of `.p.a.x = e`, outermost first (kept
 * apart from the node: most assignments have none). */
typedef struct FieldPath {
  const char **names;
  Loc *locs;
  int n;
  int slot; /* checker: the assigned slots start this many slots into the variable */
} FieldPath;

/* The value of a module constant, folded by the checker. */
typedef struct ConstVal {
  const Type *type;
  int64_t i;        /* int, bool */
  const char *s;    /* String */
  size_t len;
  struct ConstVal *fields; /* a struct: one per field of type->fields */
} ConstVal;

typedef struct Func {
  Loc loc;      /* of `def` */
  Loc name_loc;
  const char *name;
  Param *params;
  int nparams;
  ContSig *conts; /* declared continuations, without the implicit event */
  int nconts;
  bool conts_omitted; /* no `->` list: the checker infers it */
  Node *body;         /* NULL for an external declaration */
  bool body_is_expr;  /* `= expr` */
  bool in_header;     /* declared in `__Header__` */
  /* checker */
  const char *module;  /* the module that defines it (another one's, for a call across) */
  bool is_public;      /* in the header, or every function of a file without sections */
  struct Func *decl;   /* its declaration in the header, for a definition */
  bool is_generator;   /* first continuation is named `yield` */
  bool made_as_value;  /* a call of it makes a generator value (language.md
                          §10): codegen gives it lazy resumes (ir_lazy.c) */
  bool inferring;      /* guards recursive inference of omitted lists */
  bool checked;        /* body checked (inference may check it early) */
  struct Func *next;
} Func;

/* ---- Nodes ---------------------------------------------------------------- */

/* Every node kind, one row each; the enum, node sizes, the kinds' names,
 * which kinds are expressions, and the walks over a node's children are all
 * expanded from it (ast.c, ast_print.c, the parser's depth).
 *
 *   X(kind, name, class, fields, children)  dodo syntax
 *
 * name      the word that starts the kind's line in --emit=ast
 * class     EXPR: may stand where a value is needed (the grammar's `expr`);
 *           STMT: a statement only
 * fields    FIELDS(m): the union member that holds its fields (a node is
 *           allocated only that large); NO_FIELDS
 * children  in source order, each ONE(field, label) (never NULL in a tree
 *           without errors), OPT(field, label) (may be NULL), LIST(field)
 *           (a list linked by `next`), PIECES(field) (a string's StrPiece
 *           list) or HANDLERS(field) (a call's Handler list); a label names
 *           the child in --emit=ast (NULL: none) */
#define AST_NODE_KINDS(X)                                                                  \
  X(ND_INT, "int", EXPR, FIELDS(num), )               /* 42  0x2a  0c52  0b101010 */       \
  X(ND_BOOL, "bool", EXPR, FIELDS(boolean), )         /* true  false */                    \
  X(ND_STR, "string", EXPR, FIELDS(str),              /* "a"\n"b"(x): pieces */            \
    PIECES(str.pieces))                                                                    \
  X(ND_NAME, "name", EXPR, FIELDS(name), )            /* x: variable, parameter, constant */ \
  X(ND_UNARY, "unary", EXPR, FIELDS(unary),           /* -e  not e */                      \
    ONE(unary.operand, NULL))                                                              \
  X(ND_BINARY, "binary", EXPR, FIELDS(binary),        /* e op e */                         \
    ONE(binary.lhs, NULL) ONE(binary.rhs, NULL))                                           \
  X(ND_CALL, "call", EXPR, FIELDS(call),              /* f(a, b) [-> h1 | h2 …]; also */   \
    LIST(call.args) HANDLERS(call.handlers))          /* cont(v), return e, yield e */     \
  X(ND_METHOD, "method", EXPR, FIELDS(method),        /* console!out.Puts(s) */            \
    LIST(method.args))                                                                     \
  X(ND_IF, "if", EXPR, FIELDS(if_),                   /* if (c) a [else b]: also a */      \
    ONE(if_.cond, "cond") ONE(if_.then, "then")       /* statement (its arms are) */       \
    OPT(if_.els, "else"))                                                                  \
  X(ND_BLOCK, "block", STMT, FIELDS(block),           /* { … }  or  : … . */               \
    LIST(block.stmts))                                                                     \
  X(ND_DECL, "decl", STMT, FIELDS(decl),              /* def x = e  int x [= e] */         \
    OPT(decl.init, NULL))                             /* *Stdout out */                    \
  X(ND_ASSIGN, "assign", STMT, FIELDS(assign),        /* .x = e */                         \
    ONE(assign.value, NULL))                                                               \
  X(ND_LOOP, "loop", STMT, FIELDS(loop),              /* loop block */                     \
    ONE(loop.body, NULL))                                                                  \
  X(ND_BREAK, "break", STMT, NO_FIELDS, )             /* break */                          \
  X(ND_FOR_RANGE, "for", STMT, FIELDS(for_range),     /* for i in a...b block */           \
    ONE(for_range.lo, "from") ONE(for_range.hi, "to") ONE(for_range.body, "body"))         \
  X(ND_FOR_EACH, "for", STMT, FIELDS(for_each),       /* for x in g(args) block */         \
    ONE(for_each.call, "source") ONE(for_each.body, "body"))                               \
  X(ND_THROW, "throw", STMT, FIELDS(throw_),          /* throw e */                        \
    ONE(throw_.value, NULL))                                                               \
  X(ND_STRUCT_DEF, "struct", EXPR, FIELDS(struct_def), /* new struct { int x, y } */      \
    LIST(struct_def.fields))                          /* (fields: ND_DECL) */              \
  X(ND_NEW, "new", EXPR, FIELDS(new_),                /* new p(x: e, …) */                 \
    ONE(new_.base, NULL) LIST(new_.inits))                                                 \
  X(ND_FIELD_INIT, "init", STMT, FIELDS(init),        /* x: e, in new p(…) */             \
    ONE(init.value, NULL))                                                               \
  X(ND_FIELD, "field", EXPR, FIELDS(field),           /* p.x, f(a).x, m.name */           \
    ONE(field.base, NULL))

typedef enum NodeKind {
#define X(kind, name, class, fields, children) kind,
  AST_NODE_KINDS(X)
#undef X
  ND_NKINDS
} NodeKind;

/* One piece of a string expression: literal text, or an interpolated value. */
typedef struct StrPiece {
  const char *text; /* literal bytes (not NUL-terminated in meaning) */
  size_t len;
  size_t cap;       /* parser: room in text, so joining pieces stays linear */
  Node *expr; /* non-NULL: an interpolation `(expr)` */
  struct StrPiece *next;
} StrPiece;

/* A handler in a call: `x, y; body`. */
typedef struct Handler {
  Loc loc;
  const char **names;
  Loc *name_locs;
  int nnames;
  Node *body;
  Var **vars; /* checker: one per name */
  struct Handler *next;
} Handler;

/* What a call's name resolved to (checker). */
typedef enum CallTarget {
  CALL_UNRESOLVED,
  CALL_FUNC, /* a function: jmp with continuations */
  CALL_CONT, /* a continuation of the enclosing function: never returns */
  CALL_CONVERT, /* int8(e) … uint64(e), int(e): a conversion (language.md §13) */
  CALL_NEXT, /* `next(g) -> …`: advances a generator value (language.md §10) */
} CallTarget;

/* A node is allocated only as large as its kind's member of the union
 * (ast_node), so the common ones (names, numbers, operators) take 56-64
 * bytes instead of the 130 a call needs: only the member of n->kind may be
 * touched. */
struct Node {
  NodeKind kind : 16;
  unsigned depth : 16; /* height of this subtree, at most AST_MAX_DEPTH + 1 */
  Loc loc;
  const Type *type; /* checker */
  Node *next;       /* next statement / argument in a list */
  union {
    struct {
      int64_t value;
      bool too_big;       /* the literal 9223372036854775808 not directly negated */
      bool parenthesized; /* written in parentheses: (9223372036854775808) */
    } num; /* ND_INT */
    bool boolean;                                 /* ND_BOOL */
    struct { StrPiece *pieces; int npieces; } str; /* ND_STR */
    struct {
      const char *name;
      Var *var;      /* checker: local */
      Node *konst;   /* checker: module constant (its ND_DECL) */
      const char *module; /* `m.name`: of module m, else NULL */
      Loc module_loc;
    } name;
    struct { Op op; Node *operand; } unary;
    struct { Op op; Node *lhs, *rhs; } binary;
    struct {
      const char *name;
      const char *module; /* `m.f(…)`: a function of module m, else NULL */
      Loc module_loc;
      bool keyword;      /* written `return e` / `yield e`, not `name(...)` */
      Node *args;
      int nargs;
      Handler *handlers; /* NULL and has_handlers false: a plain call */
      int nhandlers;
      bool has_handlers;
      CallTarget target; /* checker */
      Func *func;        /* checker: CALL_FUNC */
      int cont;          /* checker: CALL_CONT, index into the enclosing function's continuations (nconts = event) */
      const Type *mixed[2]; /* checker: handler types that disagree (the call then has no value) */
      int gen_slot;         /* codegen: a generator value's creation: the slot
                               of its owner that holds it (gen_owner.c) */
    } call;
    struct {
      const char *service; /* console */
      const char *cap;     /* out */
      const char *method;  /* Puts */
      Loc method_loc;
      Node *args;
      int nargs;
      Var *cap_var; /* checker */
    } method;
    struct { Node *cond, *then, *els; } if_;
    struct { Node *stmts; } block;
    struct {
      TypeRef *tref; /* NULL: `def x = e` (inferred) */
      const char *name;
      Node *init;    /* NULL: the type's default value */
      Var *var;      /* checker */
      bool is_const; /* top-level `def x = e`: a module constant */
      bool in_header; /* is_const: declared in `__Header__`, public */
      ConstVal *value;  /* checker: is_const */
      bool resolving;   /* checker: guards cyclic constants */
    } decl;
    struct {
      const char *name;
      Node *value;
      Var *var;
      struct FieldPath *path; /* `.p.a.x = e`; NULL for `.p = e` */
    } assign;
    struct {
      const char *name;
      Node *value;
      int slot; /* checker: the field's first slot in the struct */
    } init;
    struct { Node *fields; int nfields; } struct_def;
    struct {
      Node *base;  /* the struct value copied: a name or a field path */
      Node *inits; /* ND_FIELD_INIT list */
    } new_;
    struct {
      Node *base;
      const char *name;
      Loc name_loc;
      const Field *field; /* checker */
      /* checker: `m.name` where m is a module, not a value: the constant it
       * names (an ND_NAME made by the checker), read in place of the field */
      Node *qualified;
    } field;
    struct { Node *body; } loop;
    struct {
      const char *var_name;
      Loc var_loc;
      Node *lo, *hi, *body;
      Var *var;        /* checker */
      int limit_slot;  /* codegen: holds the evaluated upper bound */
    } for_range;
    struct {
      const char *var_name; /* the first name */
      Loc var_loc;
      Node *call, *body;
      Var *var; /* checker: the first name's */
      /* `for a, b in g`: one name per yielded value (language.md §10) */
      const char **names;
      Loc *name_locs;
      int nnames;
      Var **vars; /* checker */
      /* checker: the body calls a function, yields, or holds another
       * `for … in`, so control comes back into it from outside (at a
       * continuation): codegen keeps the frame base at the body's RSP */
      bool reentered;
      bool detached; /* checker: `for x in g`, g a generator value (§10) */
    } for_each;
    struct { Node *value; } throw_;
  };
};

/* The part of a file a top-level declaration is in (language.md §12). */
typedef enum Section { SECTION_NONE, SECTION_HEADER, SECTION_MAIN } Section;

typedef struct Use {
  Loc loc;
  const char *name;
  struct Use *next;
} Use;

typedef struct Program {
  const char *module; /* from `__Module__`, else the file's stem */
  Loc module_loc;
  bool has_main_marker; /* `__Main__` */
  bool has_sections;    /* `__Header__` or `__Main__`: only the header is public */
  bool has_header;      /* `__Header__` seen (so far, while parsing) */
  Use *uses;
  Node *consts; /* top-level ND_DECL with is_const */
  Func *funcs;
} Program;

/* ---- Construction (ast.c) ------------------------------------------------- */

/* Deepest tree the parser builds; deeper input is a diagnostic, so that every
 * recursive walk over the tree is bounded. */
enum { AST_MAX_DEPTH = 4000 };

Node *ast_node(Arena *a, NodeKind kind, Loc loc);
Node *ast_int(Arena *a, Loc loc, uint64_t value);
Node *ast_unary(Arena *a, Loc loc, Op op, Node *operand);
Node *ast_binary(Arena *a, Loc loc, Op op, Node *lhs, Node *rhs);
Node *ast_if(Arena *a, Loc loc, Node *cond, Node *then, Node *els);
/* Appends `item` to the list whose last element is *tail (head in *head). */
void ast_append(Node **head, Node **tail, Node *item);
int ast_list_depth(const Node *list);
int ast_count(const Node *list);
/* Nodes of this kind are expressions (the grammar's `expr`: they may stand
 * where a value is needed); the others are statements. `if` is both. */
bool ast_is_expr(NodeKind kind);
/* The kind's name, as --emit=ast writes it. */
const char *ast_kind_name(NodeKind kind);

/* A node's children, from AST_NODE_KINDS: ast_children() gives the kind's
 * rows, ended by one of shape CHILD_END. */
typedef enum ChildShape {
  CHILD_END,
  CHILD_ONE,      /* Node * */
  CHILD_OPT,      /* Node *, may be NULL */
  CHILD_LIST,     /* Node *, a list linked by `next` */
  CHILD_PIECES,   /* StrPiece * */
  CHILD_HANDLERS, /* Handler * */
} ChildShape;

typedef struct AstChild {
  ChildShape shape;
  size_t offset; /* of the field in Node */
  const char *label;
} AstChild;

const AstChild *ast_children(NodeKind kind);
/* The field a row describes, in n: a Node *, StrPiece * or Handler *. */
void *ast_child_field(const Node *n, const AstChild *c);
/* The greatest depth of n's children (nodes under a string's pieces and a
 * call's handlers included), 0 for none. */
int ast_children_depth(const Node *n);

/* ---- Printing (ast_print.c) ----------------------------------------------- */

typedef struct Buf Buf;
void ast_print(Buf *out, const Program *prog);

#endif
