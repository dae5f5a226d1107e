#include "diag.h"

#include <stdarg.h>
#include <string.h>

/* Lines wider than this are shown as a window around the caret. */
enum { SNIPPET_MAX_WIDTH = 160, SNIPPET_CONTEXT = 70 };

typedef enum Severity { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

static const char *const sev_name[] = {"error", "warning", "note"};
static const char *const sev_color[] = {"\033[1;31m", "\033[1;35m",
                                        "\033[1;36m"};

void diag_init(Diag *d, FILE *out, const Source *src) {
  memset(d, 0, sizeof *d);
  d->out = out;
  d->src = src;
  d->error_limit = 20;
  d->warnings = 0;
}

int diag_advance_column(int column, unsigned char byte) {
  if (byte == '\t') return ((column - 1) / 8 + 1) * 8 + 1;
  if ((byte & 0xC0) == 0x80) return column;
  return column + 1;
}

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

/* Prints the source line (or a window of it) and the caret under `loc`. */
static void print_snippet(Diag *d, Loc loc) {
  if (!d->src || !d->src->text || loc.first_line <= 0) return;
  const char *s, *e;
  find_line(d->src, &loc, &s, &e);
  int width = 1;
  for (const char *p = s; p < e; p++) width = diag_advance_column(width, (unsigned char)*p);
  int from = 1, to = width;
  if (width > SNIPPET_MAX_WIDTH) {
    from = loc.first_column > SNIPPET_CONTEXT ? loc.first_column - SNIPPET_CONTEXT : 1;
    to = from + 2 * SNIPPET_CONTEXT;
  }
  fprintf(d->out, "%5d | %s", loc.first_line, from > 1 ? "..." : "");
  int col = 1;
  for (const char *p = s; p < e; p++) {
    unsigned char c = (unsigned char)*p;
    int next = diag_advance_column(col, c);
    if (col >= from && col < to) {
      if (c == '\t') fprintf(d->out, "%*s", next - col, "");
      else if (c < 0x20 || c == 0x7f) fputc(' ', d->out);
      else fputc(c, d->out);
    }
    col = next;
  }
  fprintf(d->out, "%s\n      | %s", to < width ? "..." : "", from > 1 ? "   " : "");
  int caret = loc.first_column < from ? from : loc.first_column;
  fprintf(d->out, "%*s", caret - from, "");
  int len = 1;
  if (loc.last_line == loc.first_line && loc.last_column > caret + 1)
    len = loc.last_column - caret;
  if (caret + len > to) len = to - caret > 0 ? to - caret : 1;
  char under[SNIPPET_MAX_WIDTH + 8];
  int n = 0;
  under[n++] = '^';
  while (n < len && n < SNIPPET_MAX_WIDTH) under[n++] = '~';
  under[n] = '\0';
  put_styled(d, "\033[1;32m", under);
  fputc('\n', d->out);
}

static void report(Diag *d, Severity sev, const Loc *loc, const char *fmt,
                   va_list ap) {
  if (d->limit_reached) return;
  if (sev == SEV_ERROR && d->error_limit && d->nerrors >= d->error_limit) {
    d->limit_reached = true;
    fprintf(d->out, "dodoc: fatal error: too many errors emitted, stopping now "
                    "[-ferror-limit=]\n");
    return;
  }
  char where[1024];
  if (loc && loc->first_line > 0)
    snprintf(where, sizeof where, "%s:%d:%d:", d->src->path, loc->first_line,
             loc->first_column);
  else
    snprintf(where, sizeof where, "%s:", d->src && d->src->path ? d->src->path : "dodoc");
  put_styled(d, "\033[1m", where);
  fputc(' ', d->out);
  char label[16];
  snprintf(label, sizeof label, "%s:", sev_name[sev]);
  put_styled(d, sev_color[sev], label);
  fputc(' ', d->out);
  vfprintf(d->out, fmt, ap);
  fputc('\n', d->out);
  if (loc) print_snippet(d, *loc);
  if (sev == SEV_ERROR) d->nerrors++;
  if (sev == SEV_WARNING) d->nwarnings++;
}

void diag_error(Diag *d, Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_ERROR, &loc, fmt, ap);
  va_end(ap);
}

void diag_plain_error(Diag *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_ERROR, NULL, fmt, ap);
  va_end(ap);
}

static void report_fmt(Diag *d, Severity sev, const Loc *loc,
                       const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, sev, loc, fmt, ap);
  va_end(ap);
}

static const char *warning_name(Warning w) {
  switch (w) {
  case W_UNUSED_VARIABLE: return "unused-variable";
  case W_UNREACHABLE_CODE: return "unreachable-code";
  }
  return "";
}

void diag_warning(Diag *d, Warning w, Loc loc, const char *fmt, ...) {
  if (!(d->warnings & w)) return;
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (d->werror)
    report_fmt(d, SEV_ERROR, &loc, "%s [-Werror=%s]", msg, warning_name(w));
  else
    report_fmt(d, SEV_WARNING, &loc, "%s [-W%s]", msg, warning_name(w));
}

void diag_note(Diag *d, Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  report(d, SEV_NOTE, &loc, fmt, ap);
  va_end(ap);
}

void diag_summary(Diag *d) {
  if (d->nerrors == 0 && d->nwarnings == 0) return;
  if (d->nwarnings && d->nerrors)
    fprintf(d->out, "%d warning%s and %d error%s generated.\n", d->nwarnings,
            d->nwarnings == 1 ? "" : "s", d->nerrors, d->nerrors == 1 ? "" : "s");
  else if (d->nerrors)
    fprintf(d->out, "%d error%s generated.\n", d->nerrors, d->nerrors == 1 ? "" : "s");
  else
    fprintf(d->out, "%d warning%s generated.\n", d->nwarnings, d->nwarnings == 1 ? "" : "s");
}
