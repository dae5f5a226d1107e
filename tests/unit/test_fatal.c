/* Unit tests of compiler/fatal.c: an internal error is status 4 with
 * `internal compiler error`, unless errors in the program were reported
 * before it, when it is status 1 and `confused by earlier errors` (GCC's
 * rule); running out of memory is an error of the environment, status 1.
 * Each case runs in a child process, since all exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fatal.h"

static int failures;

static void expect(const char *name, int prior_errors, int want_status, const char *want_text) {
  /* prior_errors < 0: the out-of-memory path */
  int pipefd[2];
  fflush(stdout); /* else the child's exit() prints our buffered lines again */
  if (pipe(pipefd) != 0) abort();
  pid_t pid = fork();
  if (pid < 0) abort();
  if (pid == 0) {
    dup2(pipefd[1], STDERR_FILENO);
    close(pipefd[0]);
    if (prior_errors < 0) fatal_oom();
    ICE(prior_errors, "a test of the internal-error path");
  }
  close(pipefd[1]);
  char text[512] = {0};
  size_t n = 0;
  ssize_t r;
  while (n + 1 < sizeof text && (r = read(pipefd[0], text + n, sizeof text - 1 - n)) > 0)
    n += (size_t)r;
  close(pipefd[0]);
  int st;
  waitpid(pid, &st, 0);
  int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  if (status != want_status || !strstr(text, want_text)) {
    failures++;
    printf("FAIL %s: status %d (want %d), stderr: %s\n", name, status, want_status, text);
  } else {
    printf("ok %s\n", name);
  }
}

int main(void) {
  expect("no earlier errors", 0, 4, "dodoc: internal compiler error: a test of the internal-error path");
  expect("after errors", 2, 1, "dodoc: confused by earlier errors, bailing out");
  expect("out of memory", -1, 1, "dodoc: error: out of memory\n");
  return failures != 0;
}
