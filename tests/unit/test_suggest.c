/* Unit tests of the "did you mean" distance (compiler/names.c) and of the
 * display width the caret is placed by (compiler/utf8.c). */
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "utf8.h"

static int failures;

#define EXPECT(cond)                                                   \
  do {                                                                 \
    if (!(cond)) {                                                     \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                      \
    }                                                                  \
  } while (0)

static const char *nearest(const char *want, const char *const *cands, int n) {
  Suggest s;
  suggest_init(&s, want);
  for (int i = 0; i < n; i++) suggest_offer(&s, cands[i], NULL);
  return s.best;
}

int main(void) {
  EXPECT(names_distance("totl", "total", 5, false) == 1);
  EXPECT(names_distance("retrun", "return", 5, false) == 1); /* a transposition is one edit */
  EXPECT(names_distance("Int", "int", 5, false) == 1);
  EXPECT(names_distance("Int", "int", 5, true) == 0);
  EXPECT(names_distance("abc", "xyz", 1, false) == 2); /* past the limit: limit + 1 */
  char long_name[100];
  memset(long_name, 'a', 99);
  long_name[99] = '\0';
  EXPECT(names_distance(long_name, long_name, 5, false) == 6); /* too long to compare */

  const char *types[] = {"int", "bool", "String"};
  EXPECT(nearest("Int", types, 3) && strcmp(nearest("Int", types, 3), "int") == 0);
  EXPECT(nearest("string", types, 3) && strcmp(nearest("string", types, 3), "String") == 0);
  EXPECT(nearest("float", types, 3) == NULL);
  const char *vars[] = {"y", "X"};
  EXPECT(nearest("x", vars, 2) && strcmp(nearest("x", vars, 2), "X") == 0); /* case only */
  const char *one[] = {"y"};
  EXPECT(nearest("x", one, 1) == NULL); /* a one-letter name is not one typo away */
  const char *cased[] = {"Count", "coun"};
  EXPECT(strcmp(nearest("count", cased, 2), "Count") == 0); /* case beats an edit */
  const char *same[] = {"total"};
  EXPECT(nearest("total", same, 1) == NULL);

  EXPECT(utf8_width('a') == 1);
  EXPECT(utf8_width(0x65E5) == 2);  /* 日 */
  EXPECT(utf8_width(0xFF21) == 2);  /* fullwidth A */
  EXPECT(utf8_width(0x0301) == 0);  /* combining acute */
  EXPECT(utf8_width(0x1F600) == 2); /* emoji */
  EXPECT(utf8_is_bidi_control(0x202E) && utf8_is_bidi_control(0x2066));
  EXPECT(!utf8_is_bidi_control(0x202F) && !utf8_is_bidi_control(0x2065));
  unsigned cp;
  EXPECT(utf8_decode("\xe2\x80\xae", 3, &cp) == 3 && cp == 0x202E);
  EXPECT(utf8_decode("\xff", 1, &cp) == 1 && cp == UTF8_INVALID);
  EXPECT(utf8_decode("\xe2\x80", 2, &cp) == 1 && cp == UTF8_INVALID);

  if (failures) return 1;
  puts("ok");
  return 0;
}
