#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fatal.h"
#include "utf8.h"

#ifndef DODOC_VERSION
#define DODOC_VERSION "0.0.0"
#endif

/* Lines wider than this are shown as a window around the caret. */
enum { SNIPPET_MAX_WIDTH = 160, SNIPPET_CONTEXT = 70 };

typedef enum Severity { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

static const char *const sev_name[] = {"error", "warning", "note"};
static const char *const sev_color[] = {"\033[1;31m", "\033[1;35m",
                                        "\033[1;36m"};

struct DiagEntry {
  Severity sev;
  bool has_loc;
  Loc loc;
  char *msg;
  const char *option; /* "-Wunused-variable", "-Werror=…", or NULL */
  long parent;        /* a note's diagnostic; -1 for the diagnostic itself */
  char *fixit;        /* replacement text, or NULL */
  Loc fix_loc;
  const Source *src;  /* the file loc is in: another module's, for a note */
  bool foreign;       /* src is not the file being compiled */
};

void diag_init(Diag *d, FILE *out, const Source *src) {
  memset(d, 0, sizeof *d);
  d->out = out;
  d->src = d->home = src;
  d->error_limit = 20;
  d->warnings = 0;
  d->last = d->last_top = -1;
}

const Source *diag_set_source(Diag *d, const Source *src) {
  const Source *was = d->src;
  d->src = src;
  return was;
}

int diag_advance_column(int column, unsigned char byte) {
  if (byte == '\t') return ((column - 1) / 8 + 1) * 8 + 1;
  if ((byte & 0xC0) == 0x80) return column;
  return column + 1;
}

bool diag_active(const Diag *d) { return !d->limit_reached; }

static void put_styled(Diag *d, const char *style, const char *text) {
  if (d->color) fprintf(d->out, "%s%s\033[0m", style, text);
  else fputs(text, d->out);
}

/* The bytes of the line holding `offset`. */
static void find_line(const Source *src, const Loc *loc, const char **start,
                      const char **end) {
  const char *s;
  if (loc->offset >= 0) {
    size_t off = (size_t)loc->offset <= src->len ? (size_t)loc->offset : src->len;
    s = src->text + off;
  } else { /* no offset: walk to the line by number */
    s = src->text;
    for (int line = 1; line < loc->first_line; line++) {
      const char *nl = memchr(s, '\n', src->len - (size_t)(s - src->text));
      if (!nl) break;
      s = nl + 1;
    }
  }
  while (s > src->text && s[-1] != '\n') s--;
  const char *e = memchr(s, '\n', src->len - (size_t)(s - src->text));
  if (!e) e = src->text + src->len;
  if (e > s && e[-1] == '\r') e--;
  *start = s;
  *end = e;
}

bool diag_span_text(const Diag *d, Loc from, Loc to, char *out, size_t size) {
  if (!d->src || !d->src->text || from.offset < 0 || to.offset < from.offset ||
      from.first_line != to.last_line || (size_t)to.offset > d->src->len)
    return false;
  const char *p = d->src->text + to.offset, *end = d->src->text + d->src->len;
  int col = to.first_column;
  while (p < end && col < to.last_column && *p != '\n') col = diag_advance_column(col, (unsigned char)*p++);
  size_t n = (size_t)(p - (d->src->text + from.offset));
  if (n + 1 > size) return false;
  memcpy(out, d->src->text + from.offset, n);
  out[n] = '\0';
  return true;
}

/* One character of a source line as the snippet shows it. */
typedef struct Shown {
  size_t len;  /* bytes */
  int width;   /* display columns */
  unsigned cp; /* UTF8_INVALID for a stray byte */
} Shown;

static Shown shown_at(const char *p, const char *e, int display_col) {
  Shown s;
  s.len = utf8_decode(p, (size_t)(e - p), &s.cp);
  if (s.cp == '\t') s.width = 8 - (display_col - 1) % 8;
  else if (s.cp < 0x20 || s.cp == 0x7f || s.cp == UTF8_INVALID) s.width = 1;
  else if (utf8_is_bidi_control(s.cp)) s.width = 8; /* shown as <U+202E> */
  else s.width = utf8_width(s.cp);
  return s;
}

/* The display column (what a terminal shows: tabs to the next stop, wide
 * characters twice) of the character at lexer column `col` of the line. */
static int display_column(const char *s, const char *e, int col) {
  int lexcol = 1, disp = 1;
  for (const char *p = s; p < e && lexcol < col;) {
    Shown sh = shown_at(p, e, disp);
    for (size_t k = 0; k < sh.len; k++) lexcol = diag_advance_column(lexcol, (unsigned char)p[k]);
    disp += sh.width;
    p += sh.len;
  }
  return disp + (col > lexcol ? col - lexcol : 0);
}

/* Prints the source line (or a window of it), the caret under `loc`, and
 * the fix-it text under that. */
static void print_snippet(Diag *d, const DiagEntry *en) {
  Loc loc = en->loc;
  if (!d->src || !d->src->text || loc.first_line <= 0) return;
  const char *s, *e;
  find_line(d->src, &loc, &s, &e);
  if (s == d->src->text && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3; /* BOM */
  int width = 1;
  for (const char *p = s; p < e;) {
    Shown sh = shown_at(p, e, width);
    width += sh.width;
    p += sh.len;
  }
  int caret = display_column(s, e, loc.first_column);
  int caret_end = loc.last_line == loc.first_line && loc.last_column > loc.first_column
                      ? display_column(s, e, loc.last_column)
                      : caret + 1;
  int from = 1, to = width;
  if (width > SNIPPET_MAX_WIDTH) {
    from = caret > SNIPPET_CONTEXT ? caret - SNIPPET_CONTEXT : 1;
    to = from + 2 * SNIPPET_CONTEXT;
  }
  fprintf(d->out, "%5d | %s", loc.first_line, from > 1 ? "..." : "");
  int col = 1;
  for (const char *p = s; p < e;) {
    Shown sh = shown_at(p, e, col);
    if (col >= from && col < to) {
      if (sh.cp == '\t') fprintf(d->out, "%*s", sh.width, "");
      else if (sh.cp < 0x20 || sh.cp == 0x7f || sh.cp == UTF8_INVALID) fputc(' ', d->out);
      else if (utf8_is_bidi_control(sh.cp)) fprintf(d->out, "<U+%04X>", sh.cp);
      else fwrite(p, 1, sh.len, d->out);
    }
    col += sh.width;
    p += sh.len;
  }
  fprintf(d->out, "%s\n      | %s", to < width ? "..." : "", from > 1 ? "   " : "");
  if (caret < from) caret = from;
  fprintf(d->out, "%*s", caret - from, "");
  int len = caret_end > caret + 1 ? caret_end - caret : 1;
  if (caret + len > to) len = to - caret > 0 ? to - caret : 1;
  if (len > SNIPPET_MAX_WIDTH) len = SNIPPET_MAX_WIDTH;
  char under[SNIPPET_MAX_WIDTH + 8];
  int n = 0;
  under[n++] = '^';
  while (n < len) under[n++] = '~';
  under[n] = '\0';
  put_styled(d, "\033[1;32m", under);
  fputc('\n', d->out);
  if (en->fixit && en->fix_loc.first_line == loc.first_line) {
    int at = display_column(s, e, en->fix_loc.first_column);
    if (at >= from && at < to + 1) {
      fprintf(d->out, "      | %s%*s", from > 1 ? "   " : "", at - from, "");
      put_styled(d, "\033[1;32m", en->fixit);
      fputc('\n', d->out);
    }
  }
}

static char *vformat(const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
  if (!s) fatal_oom();
  vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
  return s;
}

static void add(Diag *d, Severity sev, const Loc *loc, const char *option, char *msg) {
  if (d->nentries == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    DiagEntry *grown = realloc(d->entries, d->cap * sizeof *grown);
    if (!grown) fatal_oom();
    d->entries = grown;
  }
  DiagEntry *en = &d->entries[d->nentries];
  memset(en, 0, sizeof *en);
  en->sev = sev;
  en->has_loc = loc && loc->first_line > 0;
  if (loc) en->loc = *loc;
  en->option = option;
  en->msg = msg;
  en->parent = sev == SEV_NOTE ? d->last_top : -1;
  en->src = d->src;
  en->foreign = d->src != d->home;
  d->last = (long)d->nentries;
  if (sev != SEV_NOTE) d->last_top = (long)d->nentries;
  d->nentries++;
}

static void report(Diag *d, Severity sev, const Loc *loc, const char *option,
                   const char *fmt, va_list ap) {
  if (d->limit_reached || (sev == SEV_NOTE && d->last_top < 0)) return;
  if (sev == SEV_ERROR && d->error_limit && d->nerrors >= d->error_limit) {
    d->limit_reached = true;
    d->last = d->last_top = -1;
    return;
  }
  add(d, sev, loc, option, vformat(fmt, ap));
  if (sev == SEV_ERROR) d->nerrors++;
  if (sev == SEV_WARNING) d->nwarnings++;
}

void diag_error(Diag *d, Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_ERROR, &loc, NULL, fmt, ap);
  va_end(ap);
}

void diag_plain_error(Diag *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_ERROR, NULL, NULL, fmt, ap);
  va_end(ap);
}

static const struct { Warning bit; const char *name; } warning_names[] = {
    {W_UNUSED_VARIABLE, "unused-variable"},
    {W_UNREACHABLE_CODE, "unreachable-code"},
    {W_BIDI_CHARS, "bidi-chars"},
};

unsigned diag_warning_bits(const char *name) {
  if (strcmp(name, "all") == 0) return W_ALL;
  for (size_t i = 0; i < sizeof warning_names / sizeof warning_names[0]; i++)
    if (strcmp(name, warning_names[i].name) == 0) return warning_names[i].bit;
  return 0;
}

static const char *warning_option(Warning w, bool as_error) {
  static const char *const opts[][2] = {
      {"-Wunused-variable", "-Werror=unused-variable"},
      {"-Wunreachable-code", "-Werror=unreachable-code"},
      {"-Wbidi-chars", "-Werror=bidi-chars"},
  };
  for (size_t i = 0; i < sizeof warning_names / sizeof warning_names[0]; i++)
    if (warning_names[i].bit == w) return opts[i][as_error];
  return "";
}

void diag_warning(Diag *d, Warning w, Loc loc, const char *fmt, ...) {
  if (!(d->warnings & w)) {
    d->last = d->last_top = -1; /* its notes are not shown either */
    return;
  }
  bool as_error = (d->werror_on & w) || (d->werror && !(d->werror_off & w));
  va_list ap;
  va_start(ap, fmt);
  report(d, as_error ? SEV_ERROR : SEV_WARNING, &loc, warning_option(w, as_error), fmt, ap);
  va_end(ap);
}

void diag_note(Diag *d, Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_NOTE, &loc, NULL, fmt, ap);
  va_end(ap);
}

void diag_fixit(Diag *d, Loc loc, const char *text) {
  if (d->last < 0 || d->limit_reached) return;
  DiagEntry *en = &d->entries[d->last];
  free(en->fixit);
  size_t n = strlen(text);
  en->fixit = malloc(n + 1);
  if (!en->fixit) fatal_oom();
  memcpy(en->fixit, text, n + 1);
  en->fix_loc = loc;
}

/* ---- Printing ------------------------------------------------------------ */

static void flush(Diag *d, bool final);

/* Sort keys: position, then the order of reporting (a stable sort). */
static int by_position(const void *a, const void *b) {
  const DiagEntry *x = *(DiagEntry *const *)a, *y = *(DiagEntry *const *)b;
  /* another module's (its header, read first) before the file's own */
  if (x->foreign != y->foreign) return x->foreign ? -1 : 1;
  int xl = x->has_loc ? x->loc.first_line : 0, yl = y->has_loc ? y->loc.first_line : 0;
  if (xl != yl) return xl < yl ? -1 : 1;
  int xc = x->has_loc ? x->loc.first_column : 0, yc = y->has_loc ? y->loc.first_column : 0;
  if (xc != yc) return xc < yc ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void print_text_in(Diag *d, const DiagEntry *en);

/* Each entry is printed against its own file. */
static void print_text(Diag *d, const DiagEntry *en) {
  const Source *keep = d->src;
  d->src = en->src;
  print_text_in(d, en);
  d->src = keep;
}

static void print_text_in(Diag *d, const DiagEntry *en) {
  char *where;
  const char *path = d->src && d->src->path ? d->src->path : "dodoc";
  size_t size = strlen(path) + 32;
  where = malloc(size);
  if (!where) fatal_oom();
  if (en->has_loc)
    snprintf(where, size, "%s:%d:%d:", path, en->loc.first_line, en->loc.first_column);
  else
    snprintf(where, size, "%s:", path);
  put_styled(d, "\033[1m", where);
  free(where);
  fputc(' ', d->out);
  char label[16];
  snprintf(label, sizeof label, "%s:", sev_name[en->sev]);
  put_styled(d, sev_color[en->sev], label);
  fprintf(d->out, " %s", en->msg);
  if (en->option) fprintf(d->out, " [%s]", en->option);
  fputc('\n', d->out);
  if (en->has_loc) print_snippet(d, en);
}

/* A JSON string: UTF-8 kept, bytes that are not valid UTF-8 as U+FFFD. */
static void json_str(FILE *out, const char *s) {
  fputc('"', out);
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    unsigned cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (cp == '"' || cp == '\\') fprintf(out, "\\%c", (char)cp);
    else if (cp == '\n') fputs("\\n", out);
    else if (cp == '\t') fputs("\\t", out);
    else if (cp < 0x20 || cp == 0x7f) fprintf(out, "\\u%04x", cp);
    else if (cp == UTF8_INVALID) fputs("\\ufffd", out);
    else fwrite(s + i, 1, n, out);
    i += n;
  }
  fputc('"', out);
}

static void json_point(Diag *d, int line, int column) {
  fputs("{\"file\": ", d->out);
  json_str(d->out, d->src && d->src->path ? d->src->path : "dodoc");
  fprintf(d->out, ", \"line\": %d, \"column\": %d}", line, column);
}

static void json_entry_in(Diag *d, const DiagEntry *en, const DiagEntry *all, size_t n);

static void json_entry(Diag *d, const DiagEntry *en, const DiagEntry *all, size_t n) {
  const Source *keep = d->src;
  d->src = en->src;
  json_entry_in(d, en, all, n);
  d->src = keep;
}

static void json_entry_in(Diag *d, const DiagEntry *en, const DiagEntry *all, size_t n) {
  fprintf(d->out, "{\"kind\": \"%s\", \"message\": ", sev_name[en->sev]);
  json_str(d->out, en->msg);
  if (en->option) {
    fputs(", \"option\": ", d->out);
    json_str(d->out, en->option);
  }
  fputs(", \"locations\": [", d->out);
  if (en->has_loc) {
    Loc l = en->loc;
    int last_line = l.last_line > 0 ? l.last_line : l.first_line;
    int finish = l.last_column > l.first_column || last_line > l.first_line ? l.last_column - 1
                                                                             : l.first_column;
    fputs("{\"caret\": ", d->out);
    json_point(d, l.first_line, l.first_column);
    fputs(", \"start\": ", d->out);
    json_point(d, l.first_line, l.first_column);
    fputs(", \"finish\": ", d->out);
    json_point(d, last_line, finish > 0 ? finish : 1);
    fputc('}', d->out);
  }
  fputc(']', d->out);
  if (en->fixit) {
    fputs(", \"fixits\": [{\"start\": ", d->out);
    json_point(d, en->fix_loc.first_line, en->fix_loc.first_column);
    fputs(", \"next\": ", d->out);
    json_point(d, en->fix_loc.first_line, en->fix_loc.last_column > en->fix_loc.first_column
                                              ? en->fix_loc.last_column
                                              : en->fix_loc.first_column);
    fputs(", \"string\": ", d->out);
    json_str(d->out, en->fixit);
    fputs("}]", d->out);
  }
  if (en->parent < 0) {
    fputs(", \"children\": [", d->out);
    bool first = true;
    for (size_t i = 0; i < n; i++)
      if (all[i].parent == en - all) {
        if (!first) fputs(", ", d->out);
        json_entry(d, &all[i], all, n);
        first = false;
      }
    fputs("], \"column-origin\": 1, \"escape-source\": false", d->out);
  }
  fputc('}', d->out);
}

static void sarif_location_in(Diag *d, const DiagEntry *en, bool with_message);

static void sarif_location(Diag *d, const DiagEntry *en, bool with_message) {
  const Source *keep = d->src;
  d->src = en->src;
  sarif_location_in(d, en, with_message);
  d->src = keep;
}

static void sarif_location_in(Diag *d, const DiagEntry *en, bool with_message) {
  fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", d->out);
  json_str(d->out, d->src && d->src->path ? d->src->path : "dodoc");
  fputs(", \"uriBaseId\": \"PWD\"}", d->out);
  if (en->has_loc) {
    Loc l = en->loc;
    fprintf(d->out, ", \"region\": {\"startLine\": %d, \"startColumn\": %d", l.first_line,
            l.first_column);
    if (l.last_line == l.first_line && l.last_column > l.first_column)
      fprintf(d->out, ", \"endColumn\": %d", l.last_column);
    fputc('}', d->out);
  }
  fputc('}', d->out);
  if (with_message) {
    fputs(", \"message\": {\"text\": ", d->out);
    json_str(d->out, en->msg);
    fputc('}', d->out);
  }
  fputc('}', d->out);
}

static void print_sarif(Diag *d, DiagEntry **order, size_t n) {
  char cwd[4096];
  fputs("{\"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
        "schemas/sarif-schema-2.1.0.json\", \"version\": \"2.1.0\", \"runs\": [{\"tool\": "
        "{\"driver\": {\"name\": \"dodoc\", \"fullName\": \"dodoc " DODOC_VERSION "\", "
        "\"version\": \"" DODOC_VERSION "\", \"rules\": []}}, ",
        d->out);
  fprintf(d->out, "\"invocations\": [{\"executionSuccessful\": %s, "
                  "\"toolExecutionNotifications\": []}], ",
          d->nerrors ? "false" : "true");
  if (getcwd(cwd, sizeof cwd)) {
    size_t len = strlen(cwd);
    fputs("\"originalUriBaseIds\": {\"PWD\": {\"uri\": ", d->out);
    char *uri = malloc(len + 16);
    if (!uri) fatal_oom();
    snprintf(uri, len + 16, "file://%s%s", cwd, len && cwd[len - 1] == '/' ? "" : "/");
    json_str(d->out, uri);
    free(uri);
    fputs("}}, ", d->out);
  }
  fputs("\"artifacts\": [{\"location\": {\"uri\": ", d->out);
  json_str(d->out, d->src && d->src->path ? d->src->path : "dodoc");
  fputs(", \"uriBaseId\": \"PWD\"}, \"sourceLanguage\": \"dodo\"}], \"results\": [", d->out);
  bool first = true;
  for (size_t i = 0; i < n; i++) {
    const DiagEntry *en = order[i];
    if (en->parent >= 0) continue;
    fputs(first ? "" : ", ", d->out);
    first = false;
    fputs("{\"ruleId\": ", d->out);
    json_str(d->out, en->option ? en->option : sev_name[en->sev]);
    fprintf(d->out, ", \"level\": \"%s\", \"message\": {\"text\": ", sev_name[en->sev]);
    json_str(d->out, en->msg);
    fputs("}, \"locations\": [", d->out);
    sarif_location(d, en, false);
    fputs("], \"relatedLocations\": [", d->out);
    bool first_note = true;
    for (size_t k = 0; k < d->nentries; k++)
      if (d->entries[k].parent == en - d->entries) {
        fputs(first_note ? "" : ", ", d->out);
        first_note = false;
        sarif_location(d, &d->entries[k], true);
      }
    fputs("]}", d->out);
  }
  fputs("]}]}\n", d->out);
}

void diag_flush(Diag *d) { flush(d, false); }

/* JSON and SARIF are one document per compilation: printed only at the
 * end. */
static void flush(Diag *d, bool final) {
  if (!final && d->format != DIAG_TEXT) return;
  size_t n = 0;
  DiagEntry **order = malloc((d->nentries ? d->nentries : 1) * sizeof *order);
  if (!order) fatal_oom();
  for (size_t i = 0; i < d->nentries; i++)
    if (d->entries[i].parent < 0) order[n++] = &d->entries[i];
  qsort(order, n, sizeof *order, by_position);
  if (d->format == DIAG_TEXT) {
    for (size_t i = 0; i < n; i++) {
      print_text(d, order[i]);
      for (size_t k = 0; k < d->nentries; k++)
        if (d->entries[k].parent == order[i] - d->entries) print_text(d, &d->entries[k]);
    }
    if (d->limit_reached)
      fputs("dodoc: fatal error: too many errors emitted, stopping now [-ferror-limit=]\n",
            d->out);
  } else if (d->format == DIAG_JSON) {
    fputc('[', d->out);
    for (size_t i = 0; i < n; i++) {
      if (i) fputs(", ", d->out);
      json_entry(d, order[i], d->entries, d->nentries);
    }
    fputs("]\n", d->out);
  } else {
    print_sarif(d, order, n);
  }
  free(order);
  for (size_t i = 0; i < d->nentries; i++) {
    free(d->entries[i].msg);
    free(d->entries[i].fixit);
  }
  free(d->entries);
  d->entries = NULL;
  d->nentries = d->cap = 0;
  d->last = d->last_top = -1;
  fflush(d->out);
}

void diag_summary(Diag *d) {
  flush(d, true);
  if (d->format != DIAG_TEXT) return;
  if (d->nerrors == 0 && d->nwarnings == 0) return;
  if (d->nwarnings && d->nerrors)
    fprintf(d->out, "%d warning%s and %d error%s generated.\n", d->nwarnings,
            d->nwarnings == 1 ? "" : "s", d->nerrors, d->nerrors == 1 ? "" : "s");
  else if (d->nerrors)
    fprintf(d->out, "%d error%s generated.\n", d->nerrors, d->nerrors == 1 ? "" : "s");
  else
    fprintf(d->out, "%d warning%s generated.\n", d->nwarnings, d->nwarnings == 1 ? "" : "s");
}
