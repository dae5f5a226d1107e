/* Running the assembler and the linker (posix_spawnp, never a shell), in
 * a private work directory. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"

extern char **environ;

#define die driver_die

int tool_run(Driver *d, char **argv) {
  pid_t pid;
  int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
  if (err) die(d, EXIT_ICE, "cannot run '%s': %s", argv[0], strerror(err));
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) die(d, EXIT_ICE, "waiting for '%s' failed", argv[0]);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

void workdir_create(Driver *d) {
  const char *base = getenv("TMPDIR");
  if (!base || !base[0]) base = "/tmp";
  snprintf(d->tmpdir, sizeof d->tmpdir, "%s/dodoc-XXXXXX", base);
  if (!mkdtemp(d->tmpdir)) {
    int e = errno;
    d->tmpdir[0] = '\0';
    die(d, EXIT_USER, "cannot create a temporary directory in '%s': %s", base, strerror(e));
  }
}

