/* The driver's output files. An existing special file (/dev/null, a pipe)
 * is written into, as GCC does; `-` is standard output; a symlink is
 * followed; anything else is written to a temporary beside it and renamed
 * over it only when complete, so a failed build never leaves a partial
 * output or clobbers an old one. Errors are returned as errno values for the
 * driver to report. */
#ifndef DODOC_OUTFILE_H
#define DODOC_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct OutFile {
  int fd;
  bool is_stdout; /* `-`: fd is standard output, never closed */
  bool temporary; /* tmp is renamed to path by outfile_commit */
  char path[PATH_MAX];
  char tmp[PATH_MAX + 16];
} OutFile;

int outfile_open(OutFile *o, const char *path);
int outfile_write(OutFile *o, const char *data, size_t len);
/* Gives a temporary its mode (less the umask) and its name. */
int outfile_commit(OutFile *o, mode_t mode);
/* Closes and removes a temporary; safe to call twice, and after commit. */
void outfile_abort(OutFile *o);

#endif
