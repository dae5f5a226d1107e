#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t current_umask(void) {
  mode_t m = umask(0);
  umask(m);
  return m;
}

static bool is_special(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int outfile_open(OutFile *o, const char *path) {
  memset(o, 0, sizeof *o);
  o->fd = -1;
  if (strcmp(path, "-") == 0) {
    o->fd = STDOUT_FILENO;
    o->is_stdout = true;
    return 0;
  }
  snprintf(o->path, sizeof o->path, "%s", path);
  if (is_special(path)) {
    o->fd = open(path, O_WRONLY | O_TRUNC);
    return o->fd < 0 ? errno : 0;
  }
  char real[PATH_MAX];
  struct stat lst;
  if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && realpath(path, real))
    snprintf(o->path, sizeof o->path, "%s", real);
  snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", o->path);
  o->fd = mkstemp(o->tmp);
  if (o->fd < 0) return errno;
  o->temporary = true;
  return 0;
}

int outfile_write(OutFile *o, const char *data, size_t len) {
  while (len > 0) {
    ssize_t w = write(o->fd, data, len);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return errno;
    data += w;
    len -= (size_t)w;
  }
  return 0;
}

int outfile_commit(OutFile *o, mode_t mode) {
  if (o->is_stdout) return 0;
  int err = 0;
  if (o->temporary) fchmod(o->fd, mode & ~current_umask());
  if (close(o->fd) != 0) err = errno;
  o->fd = -1;
  if (o->temporary && !err && rename(o->tmp, o->path) != 0) err = errno;
  if (err) outfile_abort(o);
  o->temporary = false;
  return err;
}

void outfile_abort(OutFile *o) {
  if (o->fd >= 0 && !o->is_stdout) close(o->fd);
  o->fd = -1;
  if (o->temporary) unlink(o->tmp);
  o->temporary = false;
}
