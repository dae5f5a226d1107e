/* Unit tests of compiler/types.c: every integer type's name resolves to a
 * type whose width and signedness give the bounds of language.md §13, the
 * bounds agree with the C limits of the same width, int64 is int itself,
 * and the predicates answer by kind (NULL, "no type yet", is no kind). */
#include <stdint.h>
#include <stdio.h>

#include "types.h"

static int failures;

#define EXPECT(cond, ...)                 \
  do {                                    \
    if (!(cond)) {                        \
      failures++;                         \
      printf("FAIL line %d: ", __LINE__); \
      printf(__VA_ARGS__);                \
      printf("\n");                       \
    }                                     \
  } while (0)

static void expect_bounds(const char *name, int width, bool is_signed, __int128 lo, __int128 hi) {
  const Type *t = type_int_named(name);
  EXPECT(t, "%s is no type", name);
  if (!t) return;
  EXPECT(type_is_int(t), "%s is not an integer type", name);
  EXPECT(t->width == width, "%s is %d bytes wide", name, t->width);
  EXPECT(t->is_signed == is_signed, "%s signedness", name);
  EXPECT(type_int_min(t) == lo && type_int_max(t) == hi, "%s bounds", name);
  EXPECT(type_int_fits(t, lo) && type_int_fits(t, hi), "%s: its bounds fit", name);
  EXPECT(!type_int_fits(t, lo - 1) && !type_int_fits(t, hi + 1), "%s: past its bounds fit", name);
  EXPECT(type_is_narrow_int(t) == (width < 8), "%s narrow", name);
  EXPECT(type_is_unsigned(t) == !is_signed, "%s unsigned", name);
}

int main(void) {
  expect_bounds("int8", 1, true, INT8_MIN, INT8_MAX);
  expect_bounds("int16", 2, true, INT16_MIN, INT16_MAX);
  expect_bounds("int32", 4, true, INT32_MIN, INT32_MAX);
  expect_bounds("int64", 8, true, INT64_MIN, INT64_MAX);
  expect_bounds("int", 8, true, INT64_MIN, INT64_MAX);
  expect_bounds("uint8", 1, false, 0, UINT8_MAX);
  expect_bounds("uint16", 2, false, 0, UINT16_MAX);
  expect_bounds("uint32", 4, false, 0, UINT32_MAX);
  expect_bounds("uint64", 8, false, 0, UINT64_MAX);
  EXPECT(type_int_named("int64") == &ty_int, "int64 is another type than int");
  EXPECT(type_is_plain_int(&ty_int) && !type_is_plain_int(&ty_int32), "plain int");
  EXPECT(!type_int_named("bool") && !type_int_named("int128") && !type_int_named("Int8"),
         "a name that is no integer type resolved");
  EXPECT(!type_is_int(NULL) && !type_is_never(NULL) && !type_is_error(NULL), "NULL has a kind");
  EXPECT(type_is_string(&ty_string) && !type_is_int(&ty_bool) && type_is_never(&ty_never),
         "kinds of the built-in types");
  if (failures) printf("%d failures\n", failures);
  return failures != 0;
}
