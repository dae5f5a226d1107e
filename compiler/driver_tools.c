/* Running the assembler and the linker (posix_spawnp, never a shell), in
 * a private work directory. A tool that cannot be started, or that fails
 * for a reason of the environment (a full disk, a signal), is an error of
 * the environment: `dodoc: error: …`, status 1. Only the assembler
 * rejecting the code dodoc generated is an internal compiler error. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"

extern char **environ;

#define die driver_die

/* ---- Interrupts ------------------------------------------------------------
 * ^C, kill, a closed pipe on stderr (`dodoc … 2>&1 | true`): the handler
 * passes the signal on to the running tool or program and waits for it,
 * removes the half-written output and the work directory, then dies of the
 * same signal, as the shell expects. A signal the caller ignores (nohup, a
 * background job) stays ignored. SIGXFSZ (`ulimit -f`) is ignored, so that
 * a write past the limit fails with EFBIG and is reported like any other
 * write error; the tools get it back at its default. */
static const int interrupts[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
static sigset_t handled;       /* the interrupts we handle */
static bool xfsz_was_ignored;
static Driver *sig_driver;
static volatile pid_t sig_child;         /* the tool or program running */
static volatile sig_atomic_t sig_child_is_program;

static void on_interrupt(int sig) {
  pid_t child = sig_child;
  int status = 0;
  bool waited = false;
  if (child > 0) {
    if (sig != SIGPIPE) kill(child, sig);
    while (!(waited = waitpid(child, &status, 0) == child) && errno == EINTR) {}
  }
  Driver *d = sig_driver;
  if (d) {
    OutFile *o = d->pending;
    if (o && o->temporary) unlink(o->tmp);
    if (d->tmpdir[0]) workdir_remove(d->tmpdir);
  }
  /* `dodoc run`: a program that handled the signal and exited gives its status. */
  if (waited && sig_child_is_program && WIFEXITED(status)) _exit(WEXITSTATUS(status));
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigaction(sig, &dfl, NULL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  raise(sig);
  sigprocmask(SIG_UNBLOCK, &only, NULL); /* delivered here */
  _exit(128 + sig);
}

void signals_install(Driver *d) {
  sig_driver = d;
  sigemptyset(&handled);
  struct sigaction sa, was;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_interrupt;
  for (size_t i = 0; i < sizeof interrupts / sizeof interrupts[0]; i++)
    sigaddset(&sa.sa_mask, interrupts[i]);
  for (size_t i = 0; i < sizeof interrupts / sizeof interrupts[0]; i++) {
    if (sigaction(interrupts[i], NULL, &was) != 0 || was.sa_handler == SIG_IGN) continue;
    sigaction(interrupts[i], &sa, NULL);
    sigaddset(&handled, interrupts[i]);
  }
  xfsz_was_ignored = sigaction(SIGXFSZ, NULL, &was) == 0 && was.sa_handler == SIG_IGN;
  signal(SIGXFSZ, SIG_IGN);
}

/* Between creating a file or a child and recording it, an interrupt would
 * leave it behind: these bracket such steps. */
static sigset_t unblocked;
void signals_block(void) { sigprocmask(SIG_BLOCK, &handled, &unblocked); }
void signals_unblock(void) { sigprocmask(SIG_SETMASK, &unblocked, NULL); }

/* -v shows each command as it is run; -### shows it quoted and runs
 * nothing, as gcc does (a backslash and a double quote in an argument are
 * escaped with a backslash). */
static bool show(Driver *d, char **argv) {
  if (!d->verbose && !d->dry_run) return true;
  for (char **a = argv; *a; a++) {
    if (!d->dry_run) {
      fprintf(stderr, " %s", *a);
      continue;
    }
    fputs(" \"", stderr);
    for (const char *c = *a; *c; c++) {
      if (*c == '"' || *c == '\\') fputc('\\', stderr);
      fputc(*c, stderr);
    }
    fputc('"', stderr);
  }
  fputc('\n', stderr);
  return !d->dry_run;
}

/* Starts argv; with `capture`, the tool's stderr goes into a pipe whose
 * reading end is stored there. */
static pid_t spawn(Driver *d, char **argv, int *capture, bool program) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  int fds[2] = {-1, -1};
  if (capture) {
    if (pipe(fds) != 0) die(d, EXIT_USER, "cannot run '%s': %s", argv[0], strerror(errno));
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
  }
  /* The child starts with the caller's signal mask and SIGXFSZ at default;
   * the handlers become defaults by exec. */
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t deflt;
  sigemptyset(&deflt);
  if (!xfsz_was_ignored) sigaddset(&deflt, SIGXFSZ);
  signals_block();
  posix_spawnattr_setsigmask(&attr, &unblocked);
  posix_spawnattr_setsigdefault(&attr, &deflt);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid;
  int err = (program ? posix_spawn : posix_spawnp)(&pid, argv[0], &fa, &attr, argv, environ);
  if (!err) {
    sig_child_is_program = program;
    sig_child = pid;
  }
  signals_unblock();
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  if (capture) {
    close(fds[1]);
    *capture = fds[0];
  }
  if (err) die(d, EXIT_USER, "cannot run '%s': %s", argv[0], strerror(err));
  return pid;
}

static int wait_for(Driver *d, pid_t pid, const char *name) {
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) die(d, EXIT_USER, "waiting for '%s' failed: %s", name, strerror(errno));
  sig_child = 0;
  return status;
}

/* A tool killed by a signal (SIGXFSZ under `ulimit -f`, SIGKILL from the
 * out-of-memory killer) failed for a reason of the environment. */
static void check_not_killed(Driver *d, const char *name, int status) {
  if (WIFSIGNALED(status))
    die(d, EXIT_USER, "'%s' was killed by signal %d (%s)", name, WTERMSIG(status),
        strsignal(WTERMSIG(status)));
}

int tool_run(Driver *d, char **argv) {
  if (!show(d, argv)) return 0;
  int status = wait_for(d, spawn(d, argv, NULL, false), argv[0]);
  check_not_killed(d, argv[0], status);
  return WEXITSTATUS(status);
}

int tool_run_program(Driver *d, char **argv) {
  if (!show(d, argv)) return 0;
  int status = wait_for(d, spawn(d, argv, NULL, true), argv[0]);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

/* Reads a pipe to its end into a NUL-terminated malloc'ed string. */
static char *read_all(Driver *d, int fd) {
  size_t cap = 4096, n = 0;
  char *text = malloc(cap);
  for (;;) {
    if (!text) die(d, EXIT_USER, "out of memory");
    if (n + 1 == cap) {
      char *p = realloc(text, cap *= 2);
      if (!p) free(text);
      text = p;
      continue;
    }
    ssize_t r = read(fd, text + n, cap - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd);
  text[n] = '\0';
  return text;
}

/* GNU as reports a problem in the code as `FILE:LINE: Error: …`; anything
 * else (`Fatal error: FILE: No space left on device`) is the environment. */
static bool rejects_code(const char *messages, const char *s_path) {
  size_t n = strlen(s_path);
  for (const char *line = messages; *line;) {
    if (strncmp(line, s_path, n) == 0 && line[n] == ':') {
      const char *p = line + n + 1;
      if (*p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9') p++;
        if (strncmp(p, ": Error: ", 9) == 0) return true;
      }
    }
    const char *nl = strchr(line, '\n');
    line = nl ? nl + 1 : line + strlen(line);
  }
  return false;
}

void tool_assemble(Driver *d, const char *s_path, const char *o_path, bool ours) {
  char *argv[] = {"as", "--64", "-o", (char *)o_path, (char *)s_path, NULL};
  if (!ours) {
    if (tool_run(d, argv) != 0) die(d, EXIT_USER, "assembling '%s' failed", s_path);
    return;
  }
  /* dodoc's own assembly: read what as says, to tell a bug from a full disk. */
  if (!show(d, argv)) return;
  int fd;
  pid_t pid = spawn(d, argv, &fd, false);
  char *messages = read_all(d, fd);
  int status = wait_for(d, pid, "as");
  fputs(messages, stderr);
  bool bug = rejects_code(messages, s_path);
  free(messages);
  check_not_killed(d, "as", status);
  if (WEXITSTATUS(status) == 0) return;
  if (bug)
    die(d, EXIT_ICE, "internal compiler error: the assembler rejected the generated code for '%s'",
        s_path);
  die(d, EXIT_USER, "the assembler could not write '%s' (see its message above)", o_path);
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

/* Removes the work directory in-process, with async-signal-safe calls only
 * (open, getdents64, unlinkat, rmdir), so that an interrupt handler can do
 * it too; running `rm` would depend on PATH. The directory holds files (and
 * whatever a tool may add); subdirectories are followed a few levels deep. */
struct dirent64_raw {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

static void remove_entries(int dirfd, int depth) {
  char buf[4096] __attribute__((aligned(8)));
  for (int pass = 0; pass < 64; pass++) { /* unlinking shifts the listing */
    bool removed = false;
    lseek(dirfd, 0, SEEK_SET);
    long n;
    while ((n = syscall(SYS_getdents64, dirfd, buf, sizeof buf)) > 0) {
      for (long off = 0; off < n;) {
        struct dirent64_raw *e = (struct dirent64_raw *)(buf + off);
        off += e->reclen;
        const char *name = e->name;
        if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
        if (unlinkat(dirfd, name, 0) == 0) {
          removed = true;
        } else if (errno == EISDIR && depth < 4) {
          int sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (sub >= 0) {
            remove_entries(sub, depth + 1);
            close(sub);
          }
          if (unlinkat(dirfd, name, AT_REMOVEDIR) == 0) removed = true;
        }
      }
    }
    if (!removed) return;
  }
}

void workdir_remove(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  remove_entries(fd, 0);
  close(fd);
  rmdir(path);
}
