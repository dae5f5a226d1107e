/* dodoc, the command line: reads sources, calls the compiler library, and
 * has the assembler and linker (driver_tools.c) build the program in a
 * private temporary directory. Arguments: driver_args.c. Outputs are written to
 * a temporary name and renamed into place only on success, so a failed
 * build never leaves (or clobbers) an output file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"
#include "diag.h"
#include "driver.h"
#include "outfile.h"

#ifndef DODOC_RUNTIME_LINK_FLAGS
#define DODOC_RUNTIME_LINK_FLAGS ""
#endif

extern char **environ;

#define die driver_die

void driver_cleanup(Driver *d) {
  if (d->pending) outfile_abort(d->pending);
  d->pending = NULL;
  if (!d->tmpdir[0]) return;
  workdir_remove(d->tmpdir);
  d->tmpdir[0] = '\0';
}

void driver_die(Driver *d, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("dodoc: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  driver_cleanup(d);
  exit(status);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_dodo_source(const char *path) {
  return has_suffix(path, ".dodo") || has_suffix(path, ".do") ||
         has_suffix(path, ".doo") || strcmp(path, "-") == 0;
}

static bool use_color(const Driver *d) {
  if (d->opt.diag_format != DIAG_TEXT) return false; /* JSON and SARIF: never */
  if (d->color && strcmp(d->color, "always") == 0) return true;
  if (d->color && strcmp(d->color, "never") == 0) return false;
  const char *nc = getenv("NO_COLOR");
  if (nc && nc[0]) return false;
  const char *term = getenv("TERM"); /* a terminal that shows escapes as text */
  if (term && strcmp(term, "dumb") == 0) return false;
  return isatty(STDERR_FILENO);
}

/* The largest source dodoc reads: far beyond any real program (the
 * compiler's positions are ints), and a clear error instead of running out
 * of memory on an endless input (`dodoc - </dev/zero`). */
#define MAX_SOURCE_BYTES ((size_t)256 << 20)

static void too_large(Driver *d, const char *path) {
  die(d, EXIT_USER, "'%s' is too large: a source file may hold at most %zu MiB",
      strcmp(path, "-") == 0 ? "<stdin>" : path, MAX_SOURCE_BYTES >> 20);
}

/* Reads a whole source file (or standard input for "-"). */
static char *read_source(Driver *d, const char *path, size_t *len) {
  int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
  if (fd < 0) die(d, EXIT_USER, "cannot open '%s': %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
    die(d, EXIT_USER, "cannot read '%s': it is a directory", path);
  if (S_ISREG(st.st_mode) && (size_t)st.st_size > MAX_SOURCE_BYTES) too_large(d, path);
  size_t cap = 1 << 16, n = 0;
  char *data = malloc(cap);
  if (!data) die(d, EXIT_USER, "out of memory");
  for (;;) {
    if (n == cap) {
      if (n > MAX_SOURCE_BYTES) too_large(d, path);
      cap = cap * 2 > MAX_SOURCE_BYTES + 1 ? MAX_SOURCE_BYTES + 1 : cap * 2;
      char *p = realloc(data, cap);
      if (!p) die(d, EXIT_USER, "out of memory");
      data = p;
    }
    ssize_t r = read(fd, data + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) die(d, EXIT_USER, "cannot read '%s': %s", path, strerror(errno));
    if (r == 0) break;
    n += (size_t)r;
  }
  if (n > MAX_SOURCE_BYTES) too_large(d, path);
  if (fd != STDIN_FILENO) close(fd);
  *len = n;
  return data;
}

/* The assembly of a compilation streams into its output file (see gen.c),
 * so a large program is never held whole in memory. */
typedef struct AsmSink {
  Driver *d;
  OutFile *file;
} AsmSink;

static void asm_sink_write(void *ctx, const char *data, size_t len) {
  AsmSink *s = ctx;
  int err = outfile_write(s->file, data, len);
  if (!err) return;
  outfile_abort(s->file);
  die(s->d, EXIT_USER, "cannot write '%s': %s", s->file->path[0] ? s->file->path : "-",
      strerror(err));
}

/* Writes a whole output held in memory (outfile.h: atomically, or into a
 * special file). */
static void write_output(Driver *d, const char *target, const char *data, size_t len,
                         mode_t mode) {
  OutFile o;
  signals_block();
  int err = outfile_open(&o, target);
  if (!err) d->pending = &o;
  signals_unblock();
  if (!err) err = outfile_write(&o, data, len);
  if (!err) err = outfile_commit(&o, mode);
  d->pending = NULL;
  if (err) {
    outfile_abort(&o);
    die(d, EXIT_USER, "cannot write '%s': %s", target, strerror(err));
  }
}

/* Copies a file built in the private directory to where the user wants it
 * (outfile.h: atomically, or into a special file). */
static void install_output(Driver *d, const char *built, const char *target, mode_t mode) {
  int in = open(built, O_RDONLY);
  if (in < 0) die(d, EXIT_USER, "cannot open '%s': %s", built, strerror(errno));
  OutFile o;
  signals_block();
  int err = outfile_open(&o, target);
  if (!err) d->pending = &o;
  signals_unblock();
  static char chunk[1 << 16];
  while (!err) {
    ssize_t r = read(in, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) die(d, EXIT_USER, "cannot read '%s': %s", built, strerror(errno));
    if (r == 0) break;
    err = outfile_write(&o, chunk, (size_t)r);
  }
  close(in);
  /* committed before it is forgotten: an interrupt in between finds the
   * temporary renamed, never left behind */
  if (!err) err = outfile_commit(&o, mode);
  d->pending = NULL;
  if (err) {
    outfile_abort(&o);
    if (strcmp(target, "-") == 0) die(d, EXIT_USER, "cannot write to standard output: %s", strerror(err));
    die(d, EXIT_USER, "cannot write '%s': %s", target, strerror(err));
  }
}

/* gcc's rule: never write over an input. */
static void check_not_an_input(Driver *d, const char *out) {
  struct stat so, si;
  if (!out || strcmp(out, "-") == 0 || stat(out, &so) != 0 || !S_ISREG(so.st_mode)) return;
  for (int i = 0; i < d->ninputs; i++)
    if (stat(d->inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
      die(d, EXIT_USER, "the output file '%s' is the input file '%s'", out, d->inputs[i]);
}

/* The runtime library: $DODOC_RUNTIME, else next to the executable (build
 * tree), else ../lib/dodoc/ relative to it (installed). */
static const char *find_runtime(Driver *d) {
  const char *env = getenv("DODOC_RUNTIME");
  if (env && env[0]) return env;
  static char path[PATH_MAX];
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash) *slash = '\0';
    const char *candidates[] = {"%s/runtime/libdodort.a", "%s/../lib/dodoc/libdodort.a"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
      snprintf(path, sizeof path, candidates[i], self);
      if (access(path, R_OK) == 0) return path;
    }
  }
  die(d, EXIT_USER, "cannot find the dodo runtime library (libdodort.a); set DODOC_RUNTIME");
}

static const char *stem_of(const char *path, char *out, size_t size) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strcmp(path, "-") == 0) base = "stdin";
  snprintf(out, size, "%s", base);
  char *dot = strrchr(out, '.');
  if (dot && dot != out) *dot = '\0';
  return out;
}

/* -MD: the headers a compilation read, for its make rule. */
typedef struct Deps {
  Buf text;
} Deps;

static void dep_read(void *ctx, const char *path) {
  Deps *deps = ctx;
  buf_putc(&deps->text, ' ');
  buf_puts(&deps->text, path);
}

/* Writes `TARGET: SOURCE HEADERS…` and an empty rule per header (so that
 * make does not stop when a module is deleted), as gcc -MD -MP does. */
static void write_deps(Driver *d, const char *src, Deps *deps) {
  char stem[PATH_MAX], object[PATH_MAX + 4], deflt[PATH_MAX + 4];
  /* -c and -S: the file written; a link: the module's object, STEM.o */
  stem_of(src, stem, sizeof stem);
  snprintf(object, sizeof object, "%s.o", stem);
  const char *target = d->dep_target ? d->dep_target : object;
  snprintf(deflt, sizeof deflt, "%s", target);
  char *dot = strrchr(deflt, '.');
  char *slash = strrchr(deflt, '/');
  if (dot && (!slash || dot > slash)) strcpy(dot, ".d");
  else snprintf(deflt, sizeof deflt, "%s.d", target);
  Buf rule;
  buf_init(&rule);
  buf_printf(&rule, "%s: %s%s\n", target, src, deps->text.data ? deps->text.data : "");
  const char *p = deps->text.data;
  while (p && *p) {
    const char *start = p + 1, *end = strchr(start, ' ');
    size_t n = end ? (size_t)(end - start) : strlen(start);
    buf_printf(&rule, "\n%.*s:\n", (int)n, start);
    p = start + n;
  }
  write_output(d, d->dep_out ? d->dep_out : deflt, rule.data, rule.len, 0666);
  buf_free(&rule);
}

/* Compiles one .dodo file into the assembly file `out_path`, or exits with
 * the compiler's status leaving no output. */
static void compile_file(Driver *d, const char *path, const char *out_path, mode_t mode) {
  size_t len;
  char *text = read_source(d, path, &len);
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  OutFile file;
  signals_block();
  int err = outfile_open(&file, out_path);
  if (!err) d->pending = &file;
  signals_unblock();
  if (err) die(d, EXIT_USER, "cannot write '%s': %s", out_path, strerror(err));
  AsmSink sink = {d, &file};
  Buf asm_out;
  buf_init(&asm_out);
  asm_out.sink = asm_sink_write;
  asm_out.sink_ctx = &sink;
  Deps deps;
  buf_init(&deps.text);
  d->search.on_read = d->dep_file || d->dep_out ? dep_read : NULL;
  d->search.on_read_ctx = &deps;
  int status = compile_source(&d->opt, shown, text, len, &asm_out, stderr);
  free(text);
  if (status) {
    buf_free(&asm_out);
    buf_free(&deps.text);
    driver_cleanup(d);
    exit(status);
  }
  buf_drain(&asm_out);
  buf_free(&asm_out);
  err = outfile_commit(&file, mode);
  d->pending = NULL;
  if (err) die(d, EXIT_USER, "cannot write '%s': %s", out_path, strerror(err));
  if (d->search.on_read) write_deps(d, shown, &deps);
  buf_free(&deps.text);
}

static void add_arg(char **argv, int *argc, const char *a) { argv[(*argc)++] = (char *)a; }

static bool is_asm_source(const char *path) {
  return has_suffix(path, ".s") || has_suffix(path, ".S");
}

static bool is_object(const char *path) {
  return has_suffix(path, ".o") || has_suffix(path, ".a");
}

static void check_readable(Driver *d, const char *in) {
  if (!is_dodo_source(in) && !is_asm_source(in) && !is_object(in))
    die(d, EXIT_USER, "'%s': unrecognised input file type (expected .dodo, .s or .o)", in);
  if (strcmp(in, "-") != 0 && access(in, R_OK) != 0)
    die(d, EXIT_USER, "cannot open '%s': %s", in, strerror(errno));
}

/* --emit and -fsyntax-only: each .dodo file on its own, to stdout or to
 * the -o file (rustc's `--emit asm -o out.s`); the worst status. */
static int dump(Driver *d) {
  int worst = 0, ndodo = 0;
  for (int i = 0; i < d->ninputs; i++) ndodo += is_dodo_source(d->inputs[i]);
  bool to_file = d->output && d->opt.emit != EMIT_NOTHING && strcmp(d->output, "-") != 0;
  if (to_file && ndodo != 1)
    die(d, EXIT_USER, "cannot specify '-o' with '--emit' and several .dodo files");
  Buf text;
  buf_init(&text);
  for (int i = 0; i < d->ninputs; i++) {
    if (!is_dodo_source(d->inputs[i])) continue;
    size_t len;
    char *src = read_source(d, d->inputs[i], &len);
    const char *shown = strcmp(d->inputs[i], "-") == 0 ? "<stdin>" : d->inputs[i];
    text.len = 0;
    int st = compile_source(&d->opt, shown, src, len, &text, stderr);
    free(src);
    if (st > worst) worst = st;
    if (st == 0 && to_file) {
      check_not_an_input(d, d->output);
      write_output(d, d->output, text.data, text.len, 0666);
    } else if (st == 0 && text.len) {
      fwrite(text.data, 1, text.len, stdout);
    }
  }
  buf_free(&text);
  if (fflush(stdout) != 0) die(d, EXIT_USER, "cannot write to standard output: %s", strerror(errno));
  return worst;
}

/* Where the assembly of input i goes: STEM.s with -save-temps, else the
 * work directory. */
static void temp_path(Driver *d, int i, const char *suffix, char *out, size_t size) {
  char stem[PATH_MAX];
  if (d->save_temps) {
    snprintf(out, size, "%s%s", stem_of(d->inputs[i], stem, sizeof stem), suffix);
    check_not_an_input(d, out);
  } else {
    snprintf(out, size, "%s/input%d%s", d->tmpdir, i, suffix);
  }
}

/* Turns input i into an object file: compiles and assembles a .dodo file,
 * assembles a .s file, takes a .o or .a as it is. */
static void make_object(Driver *d, int i, char *o, size_t size) {
  const char *in = d->inputs[i];
  if (is_object(in)) {
    snprintf(o, size, "%s", in);
    return;
  }
  temp_path(d, i, ".o", o, size);
  if (is_asm_source(in)) {
    tool_assemble(d, in, o, false);
    return;
  }
  char s[PATH_MAX + 16];
  temp_path(d, i, ".s", s, sizeof s);
  if (!d->dry_run) compile_file(d, in, s, d->save_temps ? 0666 : 0600);
  tool_assemble(d, s, o, true);
}

/* -S and -c, as gcc: each input they apply to (.dodo for -S, .dodo and .s
 * for -c) gives STEM.s or STEM.o in the current directory, or the -o file
 * when there is one such input; other inputs are ignored. */
static int compile_only(Driver *d) {
  bool asm_only = d->mode == MODE_ASM;
  int nout = 0;
  for (int i = 0; i < d->ninputs; i++) {
    check_readable(d, d->inputs[i]);
    nout += is_dodo_source(d->inputs[i]) || (!asm_only && is_asm_source(d->inputs[i]));
  }
  if (nout == 0)
    die(d, EXIT_USER, asm_only ? "-S needs a .dodo input" : "-c needs a .dodo or .s input");
  if (nout > 1 && d->output && strcmp(d->output, "-") != 0)
    die(d, EXIT_USER, "cannot specify '-o' with '-c' or '-S' with several files");
  if (nout > 1 && d->output) die(d, EXIT_USER, "'-o -' takes one input");
  if (nout > 1 && d->dep_out) die(d, EXIT_USER, "cannot specify '-MF' with several files");
  if (!asm_only) workdir_create(d);
  for (int i = 0; i < d->ninputs; i++) {
    const char *in = d->inputs[i];
    if (!is_dodo_source(in) && (asm_only || !is_asm_source(in))) continue;
    char stem[PATH_MAX], deflt[PATH_MAX + 4];
    snprintf(deflt, sizeof deflt, "%s%s", stem_of(in, stem, sizeof stem), asm_only ? ".s" : ".o");
    const char *target = d->output ? d->output : deflt;
    check_not_an_input(d, target);
    d->dep_target = target;
    if (asm_only) {
      if (!d->dry_run) compile_file(d, in, target, 0666);
      continue;
    }
    char o[PATH_MAX + 16];
    make_object(d, i, o, sizeof o);
    if (!d->dry_run && strcmp(o, target) != 0) install_output(d, o, target, 0666);
  }
  driver_cleanup(d);
  return EXIT_OK;
}

/* Links with the C compiler driver, which knows the C library's startup
 * files; the runtime owns main(). The executable is built in the work
 * directory and then installed where the user asked (or run). */
static int link_program(Driver *d) {
  int ndodo = 0;
  const char *src = NULL;
  for (int i = 0; i < d->ninputs; i++) {
    check_readable(d, d->inputs[i]);
    if (is_dodo_source(d->inputs[i])) ndodo++, src = d->inputs[i];
  }
  if (ndodo > 1 && d->dep_out) die(d, EXIT_USER, "cannot specify '-MF' with several files");
  /* One module: its diagnostic names a missing Run. Several: the modules
   * compiled count the ones that define it, checked before linking. */
  int runs = 0;
  d->opt.need_entry = ndodo == 1;
  d->opt.defines_run = &runs;
  char stem[PATH_MAX];
  stem_of(src ? src : d->inputs[0], stem, sizeof stem);
  const char *target = d->output ? d->output : stem;
  if (!d->run) check_not_an_input(d, target);
  workdir_create(d);

  static char objs[MAX_INPUTS][PATH_MAX + 16];
  char exe[PATH_MAX + 16];
  snprintf(exe, sizeof exe, "%s/%s", d->tmpdir, d->run ? stem : "a.out");
  static char *argv[2 * MAX_INPUTS + 16];
  int argc = 0, opt = 0;
  add_arg(argv, &argc, "cc");
  add_arg(argv, &argc, "-o");
  add_arg(argv, &argc, exe);
  for (int i = 0; i < d->ninputs; i++) {
    for (; opt < d->nlink_opts && d->link_pos[opt] <= i; opt++) add_arg(argv, &argc, d->link_opts[opt]);
    make_object(d, i, objs[i], sizeof objs[i]);
    add_arg(argv, &argc, objs[i]);
  }
  for (; opt < d->nlink_opts; opt++) add_arg(argv, &argc, d->link_opts[opt]);
  if (ndodo > 1 && runs > 1 && !d->dry_run)
    die(d, EXIT_USER, "several modules define 'Run'; a program has exactly one");
  if (ndodo > 1 && runs == 0 && ndodo == d->ninputs && !d->dry_run)
    die(d, EXIT_USER, "no module defines 'Run', the program's entry point");
  add_arg(argv, &argc, find_runtime(d));
  char flags[] = DODOC_RUNTIME_LINK_FLAGS;
  for (char *f = strtok(flags, " "); f; f = strtok(NULL, " ")) add_arg(argv, &argc, f);
  argv[argc] = NULL;
  if (tool_run(d, argv) != 0) die(d, EXIT_USER, "linking failed (see the linker's message above)");
  if (!d->run) {
    if (!d->dry_run) install_output(d, exe, target, 0777);
    driver_cleanup(d);
    return EXIT_OK;
  }
  char **pargv = calloc((size_t)d->nrun_args + 2, sizeof *pargv);
  if (!pargv) die(d, EXIT_USER, "out of memory");
  int pargc = 0;
  pargv[pargc++] = exe;
  for (int i = 0; i < d->nrun_args; i++) pargv[pargc++] = d->run_args[i];
  pargv[pargc] = NULL;
  int status = tool_run_program(d, pargv);
  free(pargv);
  driver_cleanup(d);
  return status;
}

static int build(Driver *d) {
  switch (d->mode) {
  case MODE_DUMP: return dump(d);
  case MODE_ASM:
  case MODE_OBJECT: return compile_only(d);
  case MODE_LINK: break;
  }
  return link_program(d);
}

/* exit() from inside the compiler (an internal error, exit status 4) still
 * removes the private directory and a half-written output. */
static Driver *exiting;
static void cleanup_at_exit(void) {
  if (exiting) driver_cleanup(exiting);
}

int main(int argc, char **argv) {
  static Driver d;
  exiting = &d;
  atexit(cleanup_at_exit);
  signals_install(&d);
  options_init(&d.opt);
  driver_parse_args(&d, argc, argv);
  d.opt.color = use_color(&d);
  /* Like C's main: only a program needs Run; -c, -S and checks do not. */
  d.opt.need_entry = d.mode == MODE_LINK;
  for (int i = 0; i < d.ninputs; i++)
    if (is_dodo_source(d.inputs[i]) && strcmp(d.inputs[i], "-") != 0)
      d.dodo_files[d.search.nfiles++] = d.inputs[i];
  d.search.files = d.dodo_files;
  d.search.dirs = d.include_dirs;
  d.search.ndirs = d.ninclude;
  d.opt.modules = &d.search;
  int status = build(&d);
  driver_cleanup(&d);
  return status;
}
