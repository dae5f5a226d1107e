/* Unit tests of compiler/diag.c: diagnostics are printed sorted by
 * position (stably), notes travel with their diagnostic and vanish with a
 * disabled warning, fix-its are printed under the caret, a long path keeps
 * its position, and JSON escapes what is not valid UTF-8. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static int failures;

static void expect_text(const char *name, const char *got, const char *want) {
  if (strcmp(got, want) != 0) {
    fprintf(stderr, "%s: got\n%s\nwant\n%s\n", name, got, want);
    failures++;
  }
}

static Loc at(int line, int col, int len, int offset) {
  return (Loc){line, col, line, col + len, offset};
}

int main(void) {
  const char *text = "def a = 1\ndef b = 2\n";
  Source src = {"t.dodo", text, strlen(text)};
  char *out;
  size_t size;

  FILE *f = open_memstream(&out, &size);
  Diag d;
  diag_init(&d, f, &src);
  d.warnings = W_UNUSED_VARIABLE;
  diag_error(&d, at(2, 5, 1, 14), "second");
  diag_note(&d, at(1, 5, 1, 4), "its note");
  diag_warning(&d, W_UNREACHABLE_CODE, at(1, 1, 3, 0), "disabled");
  diag_note(&d, at(1, 1, 1, 0), "note of the disabled warning");
  diag_warning(&d, W_UNUSED_VARIABLE, at(1, 5, 1, 4), "first");
  diag_fixit(&d, at(1, 5, 0, 4), "_");
  diag_error(&d, at(1, 5, 1, 4), "first too, reported later");
  diag_summary(&d);
  fclose(f);
  expect_text("sorted", out,
              "t.dodo:1:5: warning: first [-Wunused-variable]\n"
              "    1 | def a = 1\n"
              "      |     ^\n"
              "      |     _\n"
              "t.dodo:1:5: error: first too, reported later\n"
              "    1 | def a = 1\n"
              "      |     ^\n"
              "t.dodo:2:5: error: second\n"
              "    2 | def b = 2\n"
              "      |     ^\n"
              "t.dodo:1:5: note: its note\n"
              "    1 | def a = 1\n"
              "      |     ^\n"
              "1 warning and 2 errors generated.\n");
  free(out);

  char path[1300];
  memset(path, 'p', sizeof path - 6);
  strcpy(path + sizeof path - 6, ".dodo");
  Source long_src = {path, text, strlen(text)};
  f = open_memstream(&out, &size);
  diag_init(&d, f, &long_src);
  diag_error(&d, at(2, 5, 1, 14), "x");
  diag_flush(&d);
  fclose(f);
  char want[1400];
  snprintf(want, sizeof want, "%s:2:5: error: x\n", path);
  if (strncmp(out, want, strlen(want)) != 0) {
    fprintf(stderr, "long path lost its position\n");
    failures++;
  }
  free(out);

  f = open_memstream(&out, &size);
  diag_init(&d, f, &src);
  d.format = DIAG_JSON;
  diag_error(&d, at(1, 1, 1, 0), "bad \xff \"q\"");
  diag_summary(&d);
  fclose(f);
  if (!strstr(out, "\"message\": \"bad \\ufffd \\\"q\\\"\"")) {
    fprintf(stderr, "json escaping: %s\n", out);
    failures++;
  }
  free(out);

  if (failures) return 1;
  puts("ok");
  return 0;
}
