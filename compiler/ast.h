/* The syntax tree of a dodo source file, and the types the checker gives it.
 *
 * Everything here lives in the compilation's arena: nodes are never freed one
 * by one. The parser fills the syntactic fields; the checker fills the fields
 * marked "checker" (types, resolved variables, frame slots), which codegen
 * then reads. */
#ifndef DODOC_AST_H
#define DODOC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loc.h"

typedef struct Arena Arena;

/* ---- Types --------------------------------------------------------------- */

typedef enum TypeKind {
  TY_ERROR,  /* after a reported error: silences follow-on errors */
  TY_VOID,   /* a statement, or a handler/branch with no value */
  TY_NEVER,  /* an expression that never completes (invokes a continuation) */
  TY_INT,    /* int */
  TY_BOOL,   /* bool */
  TY_STRING, /* String */
  TY_STDOUT, /* *Stdout */
} TypeKind;

typedef struct Type {
  TypeKind kind;
  const char *name; /* as written in diagnostics: "int", "String", "*Stdout" */
} Type;

extern const Type ty_error, ty_void, ty_never, ty_int, ty_bool, ty_string,
    ty_stdout;

/* A type as written in the source: `int`, `bool`, `String`, `*Stdout`. */
typedef struct TypeRef {
  Loc loc;
  const char *name; /* without the star */
  bool is_pointer;  /* `*Name` */
  const Type *type; /* checker */
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
  int slot;      /* checker: frame slot index (8 bytes each) */
  bool used;     /* checker: read somewhere (for -Wunused-variable) */
  bool is_param;
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

/* The value of a module constant, folded by the checker. */
typedef struct ConstVal {
  const Type *type;
  int64_t i;        /* int, bool */
  const char *s;    /* String */
  size_t len;
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
  /* checker */
  bool is_generator;   /* first continuation is named `yield` */
  bool inferring;      /* guards recursive inference of omitted lists */
  bool checked;        /* body checked (inference may check it early) */
  int nslots;          /* frame size in 8-byte slots */
  int ret_slots;       /* largest stack-passed result any continuation carries, in slots */
  struct Func *next;
} Func;

/* ---- Nodes ---------------------------------------------------------------- */

typedef enum NodeKind {
  ND_INT,       /* 42  0x2a  0c52  0b101010 */
  ND_BOOL,      /* true  false */
  ND_STR,       /* "a"\n"b"(x)  — literal pieces and interpolations */
  ND_NAME,      /* x  — variable, parameter or module constant */
  ND_UNARY,     /* -e  not e */
  ND_BINARY,    /* e op e */
  ND_CALL,      /* f(a, b) [-> h1 | h2 …]  — also cont(v), return e, yield e */
  ND_METHOD,    /* console!out.Puts(s) */
  ND_IF,        /* if (c) a [else b] — statement or expression */
  ND_BLOCK,     /* { … }  or  : … . */
  ND_DECL,      /* def x = e   int x [= e]   *Stdout out */
  ND_ASSIGN,    /* .x = e */
  ND_LOOP,      /* loop block */
  ND_BREAK,     /* break */
  ND_FOR_RANGE, /* for i in a...b block */
  ND_FOR_EACH,  /* for x in g(args) block */
  ND_THROW,     /* throw e */
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
    } name;
    struct { Op op; Node *operand; } unary;
    struct { Op op; Node *lhs, *rhs; } binary;
    struct {
      const char *name;
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
      ConstVal *value;  /* checker: is_const */
      bool resolving;   /* checker: guards cyclic constants */
    } decl;
    struct { const char *name; Node *value; Var *var; } assign;
    struct { Node *body; } loop;
    struct {
      const char *var_name;
      Loc var_loc;
      Node *lo, *hi, *body;
      Var *var;        /* checker */
      int limit_slot;  /* checker: holds the evaluated upper bound */
    } for_range;
    struct {
      const char *var_name;
      Loc var_loc;
      Node *call, *body;
      Var *var; /* checker */
      /* checker: the body calls a function, yields, or holds another
       * `for … in`, so control comes back into it from outside (at a
       * continuation): codegen keeps the frame base at the body's RSP */
      bool reentered;
    } for_each;
    struct { Node *value; } throw_;
  };
};

typedef struct Use {
  Loc loc;
  const char *name;
  struct Use *next;
} Use;

typedef struct Program {
  const char *module; /* from `__Module__`, else the file's stem */
  Loc module_loc;
  bool has_main_marker; /* `__Main__` */
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

/* ---- Printing (ast_print.c) ----------------------------------------------- */

typedef struct Buf Buf;
void ast_print(Buf *out, const Program *prog);

#endif
