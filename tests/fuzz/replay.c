/* A plain main() for a fuzz harness: runs LLVMFuzzerTestOneInput() once per
 * file, for every file given and every regular file under every directory
 * given (recursively, dot files skipped). Builds with any C compiler, so the
 * corpus and the saved crashes are replayed by ctest in every build.
 *
 *   replay_fuzz_parser [-v] [-rss_limit_mb=N] [-timeout=S] PATH...
 *
 * -v names each input on stderr before running it (then the last name
 * printed is the culprit of a crash). As with libFuzzer, an input fails when
 * it takes more than -timeout seconds (default 60) or when the process's
 * peak RSS passes -rss_limit_mb (default 2048; 0 = no limit) after it.
 * Exits 0 when every input ran; 1 on a timeout or the RSS limit; a crash, a
 * sanitizer report or the compiler's exit(4) ends the process first; 2 on a
 * usage or I/O error. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int verbose;
static long ran;
static const char *current; /* the input being run */
static long rss_limit_mb = 2048;
static unsigned timeout_s = 60;

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "replay: timeout: an input ran longer than the -timeout limit\n";
  if (write(2, msg, sizeof msg - 1) < 0) {}
  _exit(1);
}

static long peak_rss_mb(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return ru.ru_maxrss / 1024; /* kilobytes on Linux */
}

/* The compiler's exit(4) (internal error, out of memory) lands here. */
static void report_exit(void) {
  if (current) fprintf(stderr, "replay: process exited while running %s\n", current);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  size_t cap = 4096, len = 0;
  unsigned char *data = malloc(cap);
  if (!data) abort();
  size_t n;
  while ((n = fread(data + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      cap *= 2;
      data = realloc(data, cap);
      if (!data) abort();
    }
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    perror(path);
    free(data);
    return 1;
  }
  /* Named before the run, so a crash's report follows the input's name. */
  if (verbose) fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
  current = path;
  alarm(timeout_s);
  LLVMFuzzerTestOneInput(data, len);
  alarm(0);
  current = NULL;
  long rss = peak_rss_mb();
  if (rss_limit_mb > 0 && rss > rss_limit_mb) {
    fprintf(stderr, "replay: %s: peak RSS %ld MB passes the limit of %ld MB\n", path, rss,
            rss_limit_mb);
    exit(1);
  }
  free(data);
  ran++;
  return 0;
}

static int run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) return run_file(path);
  DIR *dir = opendir(path);
  if (!dir) {
    perror(path);
    return 1;
  }
  char **names = NULL;
  size_t count = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (count == cap) {
      cap = cap ? cap * 2 : 64;
      names = realloc(names, cap * sizeof *names);
      if (!names) abort();
    }
    names[count++] = strdup(e->d_name);
  }
  closedir(dir);
  if (count) qsort(names, count, sizeof *names, cmp_names);
  int status = 0;
  for (size_t i = 0; i < count; i++) {
    size_t n = strlen(path) + strlen(names[i]) + 2;
    char *child = malloc(n);
    if (!child) abort();
    snprintf(child, n, "%s/%s", path, names[i]);
    status |= run_path(child);
    free(child);
    free(names[i]);
  }
  free(names);
  return status;
}

int main(int argc, char **argv) {
  int status = 0, paths = 0;
  atexit(report_exit);
  signal(SIGALRM, on_alarm);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) {
      verbose = 1;
      continue;
    }
    if (strncmp(argv[i], "-rss_limit_mb=", 14) == 0) {
      rss_limit_mb = atol(argv[i] + 14);
      continue;
    }
    if (strncmp(argv[i], "-timeout=", 9) == 0) {
      timeout_s = (unsigned)atoi(argv[i] + 9);
      continue;
    }
    paths++;
    status |= run_path(argv[i]);
  }
  if (!paths) {
    fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", argv[0]);
    return 2;
  }
  printf("replayed %ld inputs\n", ran);
  return status ? 2 : 0;
}
