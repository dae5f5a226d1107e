/* Shared by the checker's files: the state of checking one function. */
#ifndef DODOC_CHECK_INTERNAL_H
#define DODOC_CHECK_INTERNAL_H

#include "check.h"

typedef struct Binding {
  const char *name;
  Var *var;
  Var *shadowed; /* what `name` meant before, once `map` exists */
} Binding;

/* The loops around the statement being checked, innermost first. */
typedef struct LoopScope {
  bool broken; /* some `break` leaves it */
  struct LoopScope *outer;
} LoopScope;

typedef struct FnCheck {
  Ctx *ctx;
  Func *f;
  Binding *binds; /* visible names, innermost last */
  int nbinds, cap;
  /* name → innermost Var, built once a function has many names, so a
   * lookup stays O(1) in a function of 50,000 locals; NULL before. */
  NameMap *map;
  LoopScope *loop;
  Node *gen_source; /* the call a `for … in` consumes: may be a generator */
  Node *gen_loop;   /* the innermost nested-mode `for … in` whose body is being checked */
  Node *gen_ok;     /* the node about to be checked where a generator value may stand */
  /* A call of an undeclared function was reported: it may have been meant
   * as a continuation, so falling off the end is not reported as well. */
  bool unknown_call;
  /* The integer type the context requires of the next node check_node()
   * checks (check_expect() sets it), and that node's own, which literals,
   * `if` arms and handlers take (language.md §13); NULL: none. */
  const Type *want;
  const Type *node_want;
} FnCheck;

/* A name close to a misspelt one ("did you mean"), and where it is
 * declared (has_loc false for built-in names such as types). */
typedef struct Near {
  const char *name;
  Loc loc;
  bool has_loc;
} Near;

#define DIAG (&fc->ctx->diag)

/* An internal error in the checker: what was reported so far is printed
 * first (diagnostics wait to be sorted), then fatal_ice(). */
#define CHECK_ICE(fc, msg) (diag_flush(DIAG), ICE((fc)->ctx->diag.nerrors, (msg)))

/* check_module.c */
bool check_is_builtin_module(const char *name);
/* The Ctx of module `name`, its header read on first use; NULL after an
 * error at `at` (not found, unreadable, errors in it). */
Ctx *check_module(Ctx *ctx, const char *name, Loc at);
/* An error about module `name` was reported: looking it up finds nothing,
 * and says nothing more. */
void check_module_reported(Ctx *ctx, const char *name);
/* The Ctx of the module that defines what `module` names (ctx for NULL). */
Ctx *check_owner(Ctx *ctx, const char *module);
/* A note at loc in owner's file: "<what>'name' declared here". */
void check_note_in(Ctx *ctx, Ctx *owner, Loc loc, const char *what, const char *name);
typedef struct Lookup {
  void *found;   /* Func * or the constant's ND_DECL */
  Ctx *owner;    /* the module that defines it */
  bool reported; /* an error was reported: say nothing more */
} Lookup;
/* What `module.name` (module NULL: `name`) names among functions (func) or
 * constants, with the rules of §12; privacy, ambiguity and unknown modules
 * are reported at `at`. Not found and not reported: undeclared. */
Lookup check_lookup(Ctx *ctx, const char *module, const char *name, Loc at, bool func);

/* check.c */
/* The names of a module, its header matched against its definitions, and
 * the declared signatures resolved. */
void check_declare(Ctx *ctx);
Func *check_find_func(Ctx *ctx, const char *name);
/* Makes sure f's continuation list is known (infers an omitted one). */
bool check_signature(Ctx *ctx, Func *f);
ContSig *check_cont_at(Func *f, int index);
const Type *check_resolve_type(Ctx *ctx, TypeRef *t);
Node *check_find_const(Ctx *ctx, const char *name);
bool check_const(Ctx *ctx, Node *decl);
/* The nearest of several fixed names (built-in types, methods), or none. */
Near check_near_word(const char *want, const char *const *words, int n);
/* The nearest function of the program, or continuation of `in`. */
Near check_near_func(Ctx *ctx, const char *want, Func *in);
/* The nearest variable in scope or module constant. */
Near check_near_value(FnCheck *fc, const char *want);
/* "; did you mean 'x'?" or "". */
const char *check_near_text(Ctx *ctx, Near n);
/* After the error about `at`: the replacement as a fix-it, and a note at
 * the declaration of the suggested name. */
void check_near_explain(Ctx *ctx, Loc at, Near n);

/* check_stmt.c: scopes and statements */
int scope_begin(FnCheck *fc);
void scope_end(FnCheck *fc, int mark);
Var *scope_lookup(FnCheck *fc, const char *name);
Var *scope_declare(FnCheck *fc, const char *name, Loc loc, const Type *type);
/* Control comes back here from outside (a continuation of a call, a
 * yield's resume, a nested generator loop): marks the innermost
 * `for … in` body around it as reentered. */
void check_reentry(FnCheck *fc);

/* Checks any node, statement or expression; sets and returns n->type. */
const Type *check_node(FnCheck *fc, Node *n);
/* Checks an expression whose value is needed; reports a node with no value. */
const Type *check_value(FnCheck *fc, Node *n);
/* Checks a value against an expected type ("type mismatch" otherwise). */
const Type *check_expect(FnCheck *fc, Node *n, const Type *want);
/* The same, for a node check_node() has already checked: checking it again
 * would declare its names again (a function's `= expr` body). */
const Type *check_checked_value(FnCheck *fc, Node *n);
const Type *check_checked_expect(FnCheck *fc, Node *n, const Type *want);
/* The common type of two branches; `never` joins with anything. */
const Type *check_join(const Type *a, const Type *b, bool *mismatch);
/* A call's handlers so far (result) joined with the next one's type t; the
 * first pair that differs is kept in call.mixed for the error about it. */
const Type *check_join_handler(Node *call, const Type *result, const Type *t);

/* check_expr.c */
const Type *check_expr(FnCheck *fc, Node *n);
/* check_int.c: sized integers */
/* A literal, or arithmetic and unary minus over literals only. */
bool check_is_literal(const Node *n);
/* Types the literal expression n as the integer type `want` (not `int`),
 * folding it: a value out of want's range is an error. */
const Type *check_literal_as(FnCheck *fc, Node *n, const Type *want);
/* `to(e)`, n a call named after an integer type. */
const Type *check_convert(FnCheck *fc, Node *n, const Type *to);
/* check_struct.c: structs (language.md §11) */
/* The prototype `def name = new struct {…}`: its type and value. */
bool check_struct_proto(Ctx *ctx, Node *decl, ConstVal *out);
/* `new v(…)` and `v.x` (or `m.c`) in a module constant. */
bool check_fold_new(Ctx *ctx, Node *n, ConstVal *out);
bool check_fold_field(Ctx *ctx, Node *n, ConstVal *out);
/* The struct type a type name names through a module constant; NULL when
 * no constant has the name. */
const Type *check_struct_typeref(Ctx *ctx, TypeRef *t);
const Type *check_new(FnCheck *fc, Node *n);
const Type *check_field(FnCheck *fc, Node *n);
/* The type at the end of `.v.a.b = …`'s path from v's type t; sets the
 * assignment's slot offset. */
const Type *check_assign_path(FnCheck *fc, Node *n, const Type *t);
/* check_const.c: folds a constant expression (after a diagnostic, false). */
bool check_fold(Ctx *ctx, Node *n, ConstVal *out);
/* check_call.c */
const Type *check_call(FnCheck *fc, Node *n);
/* check_stmt.c */
const Type *check_stmt(FnCheck *fc, Node *n);

/* check_gen.c: generator values (language.md §10) */
const Type *check_gen_typeref(Ctx *ctx, TypeRef *t);
bool check_gen_syntactic(FnCheck *fc, const Node *n);
const Type *check_gen_misplaced(FnCheck *fc, Node *n);
bool check_gen_escape(FnCheck *fc, Node *value, const char *what);
const Type *check_next(FnCheck *fc, Node *n);

#endif
