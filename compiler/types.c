/* The built-in types and the questions about integer types. */
#include "types.h"

#include <string.h>

const Type ty_error = {TY_ERROR, "<error>", 8, false};
const Type ty_void = {TY_VOID, "no value", 0, false};
const Type ty_never = {TY_NEVER, "never", 0, false};
const Type ty_int = {TY_INT, "int", 8, true};
const Type ty_bool = {TY_BOOL, "bool", 8, false};
const Type ty_string = {TY_STRING, "String", 8, false};
const Type ty_stdout = {TY_STDOUT, "*Stdout", 8, false};
const Type ty_int8 = {TY_INT, "int8", 1, true};
const Type ty_int16 = {TY_INT, "int16", 2, true};
const Type ty_int32 = {TY_INT, "int32", 4, true};
const Type ty_uint8 = {TY_INT, "uint8", 1, false};
const Type ty_uint16 = {TY_INT, "uint16", 2, false};
const Type ty_uint32 = {TY_INT, "uint32", 4, false};
const Type ty_uint64 = {TY_INT, "uint64", 8, false};

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
