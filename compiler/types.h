/* The types of dodo values, as data: every fact about a type (what kind it
 * is, how many bytes and 8-byte slots it takes, whether it is signed, its
 * fields) lives in its Type, so the checker and the code generator ask a
 * type instead of comparing it against a list of built-in objects.
 *
 * The built-in types are constant objects (ty_int, ty_uint8, …); a type is
 * identified by its address, so two types are the same type exactly when
 * their pointers are equal (struct types, nominal, will be arena objects). */
#ifndef DODOC_TYPES_H
#define DODOC_TYPES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum TypeKind {
  TY_ERROR,  /* after a reported error: silences follow-on errors */
  TY_VOID,   /* a statement, or a handler/branch with no value */
  TY_NEVER,  /* an expression that never completes (invokes a continuation) */
  TY_INT,    /* int, int8 … int64, uint8 … uint64 (width, is_signed) */
  TY_BOOL,   /* bool */
  TY_STRING, /* String */
  TY_STDOUT, /* *Stdout */
  TY_GENERATOR, /* Generator(T), tier 2: interned per compilation (type_gen.c) */
  TY_STRUCT,    /* a prototype's type, tier 2 (language.md §11): nominal, one
                   arena object per `def name = new struct {…}` */
} TypeKind;

struct Node;

/* A field of a struct type: its own 8-byte slots (nested structs inline)
 * start at `slot` slots from the start of the struct (abi.md §1). */
typedef struct Field {
  const char *name;
  const struct Type *type;
  int slot;
} Field;

typedef struct Type {
  TypeKind kind;
  const char *name; /* as written in diagnostics: "int", "String", "*Stdout" */
  int width;        /* TY_INT: bytes of the value (1, 2, 4, 8); TY_STRUCT:
                       8 per slot; others 8 */
  bool is_signed;   /* TY_INT */
  /* TY_STRUCT */
  const Field *fields;
  int nfields;
  int nslots;             /* 8-byte slots of a value, all fields inline */
  struct Node *proto;     /* the `def name = new struct {…}` that declares it */
  const char *module;     /* the module that declares it */
} Type;

extern const Type ty_error, ty_void, ty_never, ty_int, ty_bool, ty_string, ty_stdout;
/* The sized integers of language.md §13; `int` is int64 (ty_int). */
extern const Type ty_int8, ty_int16, ty_int32, ty_uint8, ty_uint16, ty_uint32, ty_uint64;

/* NULL (no type yet) is no kind, as it was no built-in type. */
static inline bool type_is_error(const Type *t) { return t && t->kind == TY_ERROR; }
static inline bool type_is_void(const Type *t) { return t && t->kind == TY_VOID; }
static inline bool type_is_never(const Type *t) { return t && t->kind == TY_NEVER; }
/* Any integer type, sized or not. */
static inline bool type_is_int(const Type *t) { return t && t->kind == TY_INT; }
static inline bool type_is_bool(const Type *t) { return t && t->kind == TY_BOOL; }
static inline bool type_is_string(const Type *t) { return t && t->kind == TY_STRING; }
static inline bool type_is_stdout(const Type *t) { return t && t->kind == TY_STDOUT; }
static inline bool type_is_struct(const Type *t) { return t && t->kind == TY_STRUCT; }
/* The 8-byte slots a value of type t takes in memory and on the wire
 * (abi.md §1): a struct's fields inline, every other value one, none for
 * a statement or an expression that never completes. */
static inline int type_slots(const Type *t) {
  if (!t || t->kind == TY_VOID || t->kind == TY_NEVER) return 0;
  return t->kind == TY_STRUCT ? t->nslots : 1;
}
/* `int` itself (int64), the type of an integer literal without context. */
static inline bool type_is_plain_int(const Type *t) { return t == &ty_int; }
/* An integer narrower than a register: its registers and slots are
 * extended (abi.md §1 leaves the upper bits unspecified on the wire). */
static inline bool type_is_narrow_int(const Type *t) { return t->kind == TY_INT && t->width < 8; }
static inline bool type_is_unsigned(const Type *t) { return t->kind == TY_INT && !t->is_signed; }
/* Neither an error nor `never`: a type a diagnostic may talk about. */
static inline bool type_is_known(const Type *t) { return !type_is_error(t) && !type_is_never(t); }

/* The integer type named `name` (int, int8 … uint64), or NULL. */
const Type *type_int_named(const char *name);
/* The least and greatest value of an integer type, as 128-bit integers so
 * that uint64's greatest value and int64's least fit one representation. */
__int128 type_int_min(const Type *t);
__int128 type_int_max(const Type *t);
bool type_int_fits(const Type *t, __int128 v);
/* The field of struct type t named `name`, or NULL. */
const Field *type_field(const Type *t, const char *name);
/* Whether a value of type t may be a struct field (language.md §11). */
bool type_is_field_type(const Type *t);

#endif
