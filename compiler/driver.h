/* dodoc, the command line. driver.c reads like the pipeline (read, compile,
 * assemble, link, install); driver_args.c parses the arguments;
 * driver_tools.c runs `as` and the linker in a private work directory. */
#ifndef DODOC_DRIVER_H
#define DODOC_DRIVER_H

#include <limits.h>
#include <stdbool.h>

#include "module_search.h"
#include "options.h"
#include "outfile.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_ICE = 4, MAX_INPUTS = 256 };

typedef enum Mode { MODE_LINK, MODE_OBJECT, MODE_ASM, MODE_DUMP } Mode;

typedef struct Driver {
  Options opt;
  Mode mode;
  const char *output;
  const char *inputs[MAX_INPUTS];
  int ninputs;
  bool run;              /* `dodoc run file.dodo [-- args]` */
  char **run_args;
  int nrun_args;
  char tmpdir[PATH_MAX]; /* private, removed at exit */
  OutFile *pending;      /* an output being written: removed if we fail */
  const char *color;     /* auto | always | never */
  bool verbose;          /* -v: show the as and cc commands */
  bool dry_run;          /* -###: show them quoted, run nothing */
  bool save_temps;       /* -save-temps: STEM.s and STEM.o kept */
  /* -l, -L, -Wl, and -static, for the linker, each after the inputs that
   * preceded it on the command line (link_pos[i] of them). */
  const char *link_opts[MAX_INPUTS];
  int link_pos[MAX_INPUTS];
  int nlink_opts;
  /* Modules (language.md §12): -I directories, and the .dodo inputs a
   * compilation may read the header of. */
  const char *include_dirs[MAX_INPUTS];
  int ninclude;
  const char *dodo_files[MAX_INPUTS];
  ModuleSearch search;
  /* -MD: a make rule per compiled module, in STEM.d or the -MF file */
  bool dep_file;
  const char *dep_out;
  const char *dep_target; /* what the rule builds: the object, assembly or program */
} Driver;

/* driver_args.c */
void driver_parse_args(Driver *d, int argc, char **argv);

/* driver.c: reports `dodoc: error: …`, removes what the build wrote, and
 * exits with `status`. */
_Noreturn void driver_die(Driver *d, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void driver_cleanup(Driver *d);

/* driver_tools.c */
/* Interrupts remove the output's temporary and the work directory, and are
 * passed on to a running tool or program (see driver_tools.c). */
void signals_install(Driver *d);
void signals_block(void);
void signals_unblock(void);
/* Runs a tool and waits; returns its exit status (or 128+signal). */
int tool_run(Driver *d, char **argv);
/* `as --64 -o o_path s_path`; `ours`: s_path is dodoc's own output, so a
 * rejection is an internal compiler error. */
/* `dodoc run`: runs the built program; its status, or 128+signal. */
int tool_run_program(Driver *d, char **argv);
void tool_assemble(Driver *d, const char *s_path, const char *o_path, bool ours);
void workdir_create(Driver *d);
/* Async-signal-safe. */
void workdir_remove(const char *path);

#endif
