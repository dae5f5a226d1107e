/* The command line: options and inputs into a Driver (driver.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "driver.h"

#ifndef DODOC_VERSION
#define DODOC_VERSION "0.0.0"
#endif

#define die driver_die

static void add_link_opt(Driver *d, const char *opt) {
  if (d->nlink_opts == MAX_INPUTS) die(d, EXIT_USER, "too many linker options");
  d->link_pos[d->nlink_opts] = d->ninputs;
  d->link_opts[d->nlink_opts++] = opt;
}

static void set_emit(Driver *d, const char *k) {
  d->mode = MODE_DUMP;
  if (strcmp(k, "tokens") == 0) d->opt.emit = EMIT_TOKENS;
  else if (strcmp(k, "ast") == 0) d->opt.emit = EMIT_AST;
  else if (strcmp(k, "ir") == 0) d->opt.emit = EMIT_IR;
  else if (strcmp(k, "asm") == 0) d->opt.emit = EMIT_ASM;
  else die(d, EXIT_USER, "unknown --emit kind '%s' (expected tokens, ast, ir or asm)", k);
}

static void usage(FILE *out) {
  fputs(
      "Usage: dodoc [options] file.dodo [file.s | file.o | file.a ...]\n"
      "       dodoc run [options] file.dodo [file.s ...] [-- program arguments]\n"
      "\n"
      "Compiles a dodo program to an executable (named after the source's\n"
      "stem unless -o is given); `dodoc run` builds it and runs it.\n"
      "\n"
      "Options:\n"
      "  -o FILE            write the output to FILE ('-' = standard output)\n"
      "  -S                 write assembly (STEM.s for each .dodo input)\n"
      "  -c                 write object files (STEM.o for each .dodo or .s input)\n"
      "  --emit=KIND        print tokens, ast, ir or asm (to FILE with -o);\n"
      "                     also --emit KIND\n"
      "  -fsyntax-only      check the program, write nothing\n"
      "  -g                 emit debug information (.loc and CFI)\n"
      "  -O0, -O1, -O2      optimisation level (default -O0)\n"
      "  --asm-comments     write each source line above its assembly\n"
      "  --color=WHEN       colour diagnostics: auto, always or never\n"
      "                     (also -fdiagnostics-color=WHEN)\n"
      "  -fdiagnostics-format=FORMAT  diagnostics as text, json or sarif\n"
      "  -ferror-limit=N    stop after N errors (0 = no limit; default 20)\n"
      "  -Wall              enable all warnings (off by default)\n"
      "  -Wunused-variable, -Wunreachable-code, -Wbidi-chars   enable one warning\n"
      "  -Wno-NAME          disable warning NAME;  -w  disable all warnings\n"
      "  -Werror            make warnings errors\n"
      "  -Werror=NAME       make warning NAME an error (and enable it)\n"
      "  -Wno-error=NAME    keep warning NAME a warning under -Werror\n"
      "  -I DIR, -IDIR      look for the modules a source names in DIR\n"
      "  -MD                write a make rule of each module's dependencies (STEM.d)\n"
      "  -MF FILE           write that rule to FILE (one .dodo input)\n"
      "  -lLIB, -LDIR       passed to the linker (also -l LIB, -L DIR)\n"
      "  -Wl,OPT[,OPT...]   pass options to the linker\n"
      "  -static            link statically\n"
      "  -save-temps        keep STEM.s and STEM.o in the current directory\n"
      "  -v                 show the as and cc commands as they run\n"
      "  -###               show them, quoted, without running anything\n"
      "  --help             print this help\n"
      "  --version          print the version\n"
      "\n"
      "Exit status: 0 success, 1 errors in the program, its inputs or the\n"
      "environment (a missing tool, a full disk), 4 internal compiler error.\n"
      "`dodoc run` exits with the program's status.\n",
      out);
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool set_warning(Driver *d, const char *name, bool on) {
  unsigned bit = diag_warning_bits(name);
  if (!bit) return false;
  if (on) d->opt.warnings |= bit;
  else d->opt.warnings &= ~bit;
  return true;
}

/* -Werror=NAME enables NAME and makes it an error; -Wno-error=NAME keeps it
 * a warning under -Werror (GCC's meaning of both). */
static bool set_warning_error(Driver *d, const char *name, bool on) {
  unsigned bit = diag_warning_bits(name);
  if (!bit) return false;
  if (on) {
    d->opt.warnings |= bit;
    d->opt.werror_on |= bit;
    d->opt.werror_off &= ~bit;
  } else {
    d->opt.werror_off |= bit;
    d->opt.werror_on &= ~bit;
  }
  return true;
}

static void set_color(Driver *d, const char *when, const char *opt) {
  if (strcmp(when, "auto") && strcmp(when, "always") && strcmp(when, "never"))
    die(d, EXIT_USER, "invalid argument '%s' to %s (expected auto, always or never)", when, opt);
  d->color = when;
}

void driver_parse_args(Driver *d, int argc, char **argv) {
  int i = 1;
  if (argc > 1 && strcmp(argv[1], "run") == 0) {
    d->run = true;
    i = 2;
  }
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (d->run && strcmp(a, "--") == 0) {
      d->run_args = argv + i + 1;
      d->nrun_args = argc - i - 1;
      break;
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      exit(EXIT_OK);
    } else if (strcmp(a, "--version") == 0) {
      printf("dodoc %s\n", DODOC_VERSION);
      exit(EXIT_OK);
    } else if (strcmp(a, "-o") == 0) {
      if (++i >= argc) die(d, EXIT_USER, "missing file name after '-o'");
      d->output = argv[i];
    } else if (starts_with(a, "-o") && a[2]) {
      d->output = a + 2;
    } else if (strcmp(a, "-S") == 0) {
      d->mode = MODE_ASM;
    } else if (strcmp(a, "-c") == 0) {
      d->mode = MODE_OBJECT;
    } else if (strcmp(a, "-fsyntax-only") == 0) {
      d->mode = MODE_DUMP;
      d->opt.emit = EMIT_NOTHING;
    } else if (starts_with(a, "--emit=")) {
      set_emit(d, a + 7);
    } else if (strcmp(a, "--emit") == 0) { /* rustc's form: --emit asm */
      if (++i >= argc) die(d, EXIT_USER, "missing kind after '--emit' (tokens, ast, ir or asm)");
      set_emit(d, argv[i]);
    } else if (strcmp(a, "-v") == 0) {
      d->verbose = true;
    } else if (strcmp(a, "-###") == 0) {
      d->dry_run = true;
    } else if (strcmp(a, "-save-temps") == 0 || strcmp(a, "--save-temps") == 0) {
      d->save_temps = true;
    } else if (strcmp(a, "-I") == 0 || (starts_with(a, "-I") && a[2])) {
      if (!a[2] && ++i >= argc) die(d, EXIT_USER, "missing directory after '-I'");
      if (d->ninclude >= MAX_INPUTS) die(d, EXIT_USER, "too many -I directories (at most %d)", MAX_INPUTS);
      d->include_dirs[d->ninclude++] = a[2] ? a + 2 : argv[i];
    } else if (strcmp(a, "-MD") == 0) {
      d->dep_file = true;
    } else if (strcmp(a, "-MF") == 0) {
      if (++i >= argc) die(d, EXIT_USER, "missing file after '-MF'");
      d->dep_out = argv[i];
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "-L") == 0) {
      if (++i >= argc) die(d, EXIT_USER, "missing argument after '%s'", a);
      char *joined = malloc(strlen(argv[i]) + 3);
      if (!joined) die(d, EXIT_USER, "out of memory");
      sprintf(joined, "%s%s", a, argv[i]);
      add_link_opt(d, joined); /* freed at exit */
    } else if ((starts_with(a, "-l") || starts_with(a, "-L") || starts_with(a, "-Wl,")) && a[2]) {
      add_link_opt(d, a);
    } else if (strcmp(a, "-static") == 0) {
      add_link_opt(d, a);
    } else if (strcmp(a, "-g") == 0) {
      d->opt.debug_info = true;
    } else if (strcmp(a, "-O") == 0 || strcmp(a, "-O1") == 0) {
      d->opt.opt_level = 1;
    } else if (strcmp(a, "-O0") == 0) {
      d->opt.opt_level = 0;
    } else if (strcmp(a, "-O2") == 0 || strcmp(a, "-O3") == 0 || strcmp(a, "-Os") == 0) {
      d->opt.opt_level = 2;
    } else if (strcmp(a, "-fno-accumulate") == 0 || strcmp(a, "-faccumulate") == 0) {
      d->opt.no_accumulate = a[2] == 'n';
    } else if (strcmp(a, "-fno-inline") == 0 || strcmp(a, "-finline") == 0) {
      d->opt.no_inline = a[2] == 'n';
    } else if (strcmp(a, "--asm-comments") == 0) {
      d->opt.asm_comments = true;
    } else if (starts_with(a, "--color=")) {
      set_color(d, a + 8, "--color");
    } else if (starts_with(a, "-fdiagnostics-color=")) {
      set_color(d, a + 20, "-fdiagnostics-color");
    } else if (strcmp(a, "-fdiagnostics-color") == 0) {
      d->color = "always";
    } else if (strcmp(a, "-fno-diagnostics-color") == 0) {
      d->color = "never";
    } else if (starts_with(a, "-fdiagnostics-format=")) {
      const char *f = a + 21;
      if (strcmp(f, "text") == 0) d->opt.diag_format = DIAG_TEXT;
      else if (strcmp(f, "json") == 0) d->opt.diag_format = DIAG_JSON;
      else if (strcmp(f, "sarif") == 0 || strcmp(f, "sarif-stderr") == 0) d->opt.diag_format = DIAG_SARIF;
      else die(d, EXIT_USER, "invalid argument '%s' to -fdiagnostics-format (expected text, json or sarif)", f);
    } else if (starts_with(a, "-ferror-limit=")) {
      char *end;
      long n = strtol(a + 14, &end, 10);
      if (*end || end == a + 14 || n < 0 || n > 1000000)
        die(d, EXIT_USER, "invalid error limit in '%s'", a);
      d->opt.error_limit = (int)n;
    } else if (strcmp(a, "-Werror") == 0) {
      d->opt.werror = true;
    } else if (strcmp(a, "-Wno-error") == 0) {
      d->opt.werror = false;
    } else if (starts_with(a, "-Werror=")) {
      if (!set_warning_error(d, a + 8, true)) die(d, EXIT_USER, "unknown warning option '%s'", a);
    } else if (starts_with(a, "-Wno-error=")) {
      if (!set_warning_error(d, a + 11, false)) die(d, EXIT_USER, "unknown warning option '%s'", a);
    } else if (strcmp(a, "-w") == 0) {
      d->opt.warnings = 0;
    } else if (starts_with(a, "-Wno-")) {
      if (!set_warning(d, a + 5, false)) die(d, EXIT_USER, "unknown warning option '%s'", a);
    } else if (starts_with(a, "-W")) {
      if (!set_warning(d, a + 2, true)) die(d, EXIT_USER, "unknown warning option '%s'", a);
    } else if (a[0] == '-' && a[1]) {
      die(d, EXIT_USER, "unknown option '%s' (see dodoc --help)", a);
    } else {
      if (d->ninputs == MAX_INPUTS) die(d, EXIT_USER, "too many input files");
      d->inputs[d->ninputs++] = a;
    }
  }
  if (d->ninputs == 0 && (d->verbose || d->dry_run) && !d->run) { /* gcc -v */
    fprintf(stderr, "dodoc %s\n", DODOC_VERSION);
    exit(EXIT_OK);
  }
  if (d->ninputs == 0) die(d, EXIT_USER, "no input files (see dodoc --help)");
  if (d->run && d->mode != MODE_LINK)
    die(d, EXIT_USER, "'dodoc run' builds and runs a program; -S, -c and --emit do not apply");
}

