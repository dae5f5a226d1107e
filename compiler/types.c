/* The built-in types and the questions about integer types. */
#include "types.h"

#include <string.h>

const Type ty_error = {.kind = TY_ERROR, .name = "<error>", .width = 8, .is_signed = false};
const Type ty_void = {.kind = TY_VOID, .name = "no value", .width = 0, .is_signed = false};
const Type ty_never = {.kind = TY_NEVER, .name = "never", .width = 0, .is_signed = false};
const Type ty_int = {.kind = TY_INT, .name = "int", .width = 8, .is_signed = true};
const Type ty_bool = {.kind = TY_BOOL, .name = "bool", .width = 8, .is_signed = false};
const Type ty_string = {.kind = TY_STRING, .name = "String", .width = 8, .is_signed = false};
const Type ty_stdout = {.kind = TY_STDOUT, .name = "*Stdout", .width = 8, .is_signed = false};
const Type ty_int8 = {.kind = TY_INT, .name = "int8", .width = 1, .is_signed = true};
const Type ty_int16 = {.kind = TY_INT, .name = "int16", .width = 2, .is_signed = true};
const Type ty_int32 = {.kind = TY_INT, .name = "int32", .width = 4, .is_signed = true};
const Type ty_uint8 = {.kind = TY_INT, .name = "uint8", .width = 1, .is_signed = false};
const Type ty_uint16 = {.kind = TY_INT, .name = "uint16", .width = 2, .is_signed = false};
const Type ty_uint32 = {.kind = TY_INT, .name = "uint32", .width = 4, .is_signed = false};
const Type ty_uint64 = {.kind = TY_INT, .name = "uint64", .width = 8, .is_signed = false};

const Type *type_int_named(const char *name) {
  /* int64 is another name of int: the same type, so they mix freely */
  static const struct { const char *name; const Type *type; } names[] = {
      {"int", &ty_int},       {"int64", &ty_int},     {"int8", &ty_int8},
      {"int16", &ty_int16},   {"int32", &ty_int32},   {"uint8", &ty_uint8},
      {"uint16", &ty_uint16}, {"uint32", &ty_uint32}, {"uint64", &ty_uint64},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(names[i].name, name) == 0) return names[i].type;
  return NULL;
}

__int128 type_int_min(const Type *t) {
  if (!t->is_signed) return 0;
  return -((__int128)1 << (8 * t->width - 1));
}

__int128 type_int_max(const Type *t) {
  int bits = 8 * t->width - (t->is_signed ? 1 : 0);
  return ((__int128)1 << bits) - 1;
}

bool type_int_fits(const Type *t, __int128 v) {
  return v >= type_int_min(t) && v <= type_int_max(t);
}

const Field *type_field(const Type *t, const char *name) {
  for (int i = 0; t && t->kind == TY_STRUCT && i < t->nfields; i++)
    if (strcmp(t->fields[i].name, name) == 0) return &t->fields[i];
  return NULL;
}

bool type_is_field_type(const Type *t) {
  return t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_STRING ||
         t->kind == TY_STRUCT;
}
