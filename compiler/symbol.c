#include "symbol.h"

#include <string.h>

#include "arena.h"

/* The list covers every C symbol the runtime imports
 * (tests/driver/context_symbol_clash.sh checks it against the built
 * library) and libc's data symbols. */
bool sym_context_clashes(const char *name) {
  static const char *const reserved[] = {
      "main", "exit", "_exit", "abort", "atexit", "write", "read", "open", "close",
      "malloc", "calloc", "realloc", "free", "memcpy", "memmove", "memset", "memcmp",
      "strlen", "strerror", "environ", "errno", "stdin", "stdout", "stderr", "signal",
      "sigaction", "sigaltstack", "sigfillset", "sigemptyset", "sigaddset", "sigprocmask",
      "raise", "kill", "getpid", "fork", "waitpid", "mmap", "munmap", "mprotect",
      "sysconf", "getrlimit", "setrlimit", "isatty", "printf", "fprintf", "snprintf",
      "vsnprintf", "puts", "fputs", "fwrite", "fflush", "perror", "time", "pipe",
      "dup2", "select", "poll", "sleep", "usleep", "pthread_getattr_np",
      "pthread_attr_getstack", "pthread_attr_destroy", "pthread_self",
  };
  if (strncmp(name, "dodo_", 5) == 0 || name[0] == '_') return true;
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp(reserved[i], name) == 0) return true;
  return false;
}

const char *sym_context(Arena *a, const char *module) {
  return sym_context_clashes(module) ? arena_printf(a, "%s..context", module) : module;
}

/* dodo names are letters, digits, `_` and apostrophes; only the last need
 * quotes. Other operand text the code generator writes (`.cfi_escape`
 * bytes, `0x16,0x6`) passes through, so no wider rule applies. */
static bool needs_quotes(unsigned char c) { return c == '\'' || c == '"' || c == '\\'; }

/* The name part of s: a call into C is `name@PLT`, whose relocation
 * suffix stays outside the quotes. */
static size_t name_len(const char *s) {
  const char *at = strrchr(s, '@');
  return at ? (size_t)(at - s) : strlen(s);
}

static bool plain_n(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (needs_quotes((unsigned char)s[i])) return false;
  return true;
}

bool sym_is_plain(const char *s) { return plain_n(s, name_len(s)); }

/* Inside quotes GNU as reads `\` as an escape: `"` and `\` get one. Names
 * never hold them today; the rule keeps any symbol assemblable. */
size_t sym_len(const char *s) {
  size_t n = name_len(s), len = strlen(s);
  if (plain_n(s, n)) return len;
  len += 2;
  for (size_t i = 0; i < n; i++) len += s[i] == '"' || s[i] == '\\';
  return len;
}

char *sym_put(char *p, const char *s) {
  size_t n = name_len(s), len = strlen(s);
  if (plain_n(s, n)) {
    memcpy(p, s, len);
    return p + len;
  }
  *p++ = '"';
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"' || s[i] == '\\') *p++ = '\\';
    *p++ = s[i];
  }
  *p++ = '"';
  memcpy(p, s + n, len - n);
  return p + len - n;
}

const char *sym_asm(Arena *a, const char *s) {
  if (sym_is_plain(s)) return s;
  char *q = arena_alloc(a, sym_len(s) + 1);
  *sym_put(q, s) = '\0';
  return q;
}
