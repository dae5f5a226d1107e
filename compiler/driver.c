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
  if (d->color && strcmp(d->color, "always") == 0) return true;
  if (d->color && strcmp(d->color, "never") == 0) return false;
  const char *nc = getenv("NO_COLOR");
  if (nc && nc[0]) return false;
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
  if (!data) die(d, EXIT_ICE, "internal compiler error: out of memory");
  for (;;) {
    if (n == cap) {
      if (n > MAX_SOURCE_BYTES) too_large(d, path);
      cap = cap * 2 > MAX_SOURCE_BYTES + 1 ? MAX_SOURCE_BYTES + 1 : cap * 2;
      char *p = realloc(data, cap);
      if (!p) die(d, EXIT_ICE, "internal compiler error: out of memory");
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
  int status = compile_source(&d->opt, shown, text, len, &asm_out, stderr);
  free(text);
  if (status) {
    buf_free(&asm_out);
    driver_cleanup(d);
    exit(status);
  }
  buf_drain(&asm_out);
  buf_free(&asm_out);
  err = outfile_commit(&file, mode);
  d->pending = NULL;
  if (err) die(d, EXIT_USER, "cannot write '%s': %s", out_path, strerror(err));
}

static void add_arg(char **argv, int *argc, const char *a) { argv[(*argc)++] = (char *)a; }

static int build(Driver *d) {
  Buf asm_text;
  buf_init(&asm_text);
  int ndodo = 0;
  for (int i = 0; i < d->ninputs; i++) ndodo += is_dodo_source(d->inputs[i]);

  if (d->mode == MODE_DUMP) {
    int worst = 0;
    for (int i = 0; i < d->ninputs; i++) {
      if (!is_dodo_source(d->inputs[i])) continue;
      size_t len;
      char *text = read_source(d, d->inputs[i], &len);
      const char *shown = strcmp(d->inputs[i], "-") == 0 ? "<stdin>" : d->inputs[i];
      asm_text.len = 0;
      int st = compile_source(&d->opt, shown, text, len, &asm_text, stderr);
      free(text);
      if (st > worst) worst = st;
      if (st == 0 && asm_text.len) fwrite(asm_text.data, 1, asm_text.len, stdout);
    }
    buf_free(&asm_text);
    if (fflush(stdout) != 0) die(d, EXIT_USER, "cannot write to standard output");
    return worst;
  }

  if (d->mode != MODE_LINK && (ndodo != 1 || d->ninputs != 1))
    die(d, EXIT_USER, "-S and -c take exactly one input, a .dodo file");
  if (ndodo > 1)
    die(d, EXIT_USER, "a program is one .dodo file (several modules are not supported yet)");

  const char *src = NULL;
  for (int i = 0; i < d->ninputs; i++)
    if (is_dodo_source(d->inputs[i])) src = d->inputs[i];
  char stem[PATH_MAX], deflt[PATH_MAX + 4];
  stem_of(src ? src : d->inputs[0], stem, sizeof stem);

  if (d->mode == MODE_ASM) {
    snprintf(deflt, sizeof deflt, "%s.s", stem);
    check_not_an_input(d, d->output ? d->output : deflt);
    compile_file(d, src, d->output ? d->output : deflt, 0666);
    buf_free(&asm_text);
    return EXIT_OK;
  }

  if (d->mode == MODE_OBJECT) snprintf(deflt, sizeof deflt, "%s.o", stem);
  else snprintf(deflt, sizeof deflt, "%s", stem);
  if (!d->run) check_not_an_input(d, d->output ? d->output : deflt);
  workdir_create(d);
  static char objpaths[MAX_INPUTS][PATH_MAX];
  char *objs[MAX_INPUTS + 1];
  int nobjs = 0;
  for (int i = 0; i < d->ninputs; i++) {
    const char *in = d->inputs[i];
    char *o = objpaths[i];
    snprintf(o, PATH_MAX, "%s/input%d.o", d->tmpdir, i);
    if (is_dodo_source(in)) {
      char s[PATH_MAX];
      snprintf(s, sizeof s, "%s/input%d.s", d->tmpdir, i);
      compile_file(d, in, s, 0600);
      tool_assemble(d, s, o, true);
    } else if (has_suffix(in, ".s") || has_suffix(in, ".S")) {
      if (access(in, R_OK) != 0) die(d, EXIT_USER, "cannot open '%s': %s", in, strerror(errno));
      tool_assemble(d, in, o, false);
    } else if (has_suffix(in, ".o") || has_suffix(in, ".a")) {
      if (access(in, R_OK) != 0) die(d, EXIT_USER, "cannot open '%s': %s", in, strerror(errno));
      snprintf(o, PATH_MAX, "%s", in);
    } else {
      die(d, EXIT_USER, "'%s': unrecognised input file type (expected .dodo, .s or .o)", in);
    }
    objs[nobjs++] = o;
  }
  buf_free(&asm_text);

  if (d->mode == MODE_OBJECT) {
    install_output(d, objs[0], d->output ? d->output : deflt, 0666);
    return EXIT_OK;
  }

  /* Link with the C compiler driver, which knows the C library's startup
   * files; the runtime owns main(). The executable is built privately and
   * then installed where the user asked. */
  char exe[PATH_MAX + 16];
  snprintf(exe, sizeof exe, "%s/%s", d->tmpdir, d->run ? stem : "a.out");
  char *argv[MAX_INPUTS + 16];
  int argc = 0;
  add_arg(argv, &argc, "cc");
  add_arg(argv, &argc, "-o");
  add_arg(argv, &argc, exe);
  for (int i = 0; i < nobjs; i++) add_arg(argv, &argc, objs[i]);
  add_arg(argv, &argc, find_runtime(d));
  char flags[] = DODOC_RUNTIME_LINK_FLAGS;
  for (char *f = strtok(flags, " "); f; f = strtok(NULL, " ")) add_arg(argv, &argc, f);
  argv[argc] = NULL;
  if (tool_run(d, argv) != 0) die(d, EXIT_USER, "linking failed (see the linker's message above)");
  if (!d->run) install_output(d, exe, d->output ? d->output : deflt, 0777);
  if (!d->run) {
    driver_cleanup(d);
    return EXIT_OK;
  }
  char **pargv = calloc((size_t)d->nrun_args + 2, sizeof *pargv);
  if (!pargv) die(d, EXIT_ICE, "internal compiler error: out of memory");
  int pargc = 0;
  pargv[pargc++] = exe;
  for (int i = 0; i < d->nrun_args; i++) pargv[pargc++] = d->run_args[i];
  pargv[pargc] = NULL;
  int status = tool_run_program(d, pargv);
  free(pargv);
  driver_cleanup(d);
  return status;
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
  int status = build(&d);
  driver_cleanup(&d);
  return status;
}
