/* compile_source(): one line per stage, each stage skipped once errors make
 * its input unreliable. */
#include "compile.h"

#include <ctype.h>
#include <string.h>

#include "check.h"
#include "ctx.h"
#include "gen.h"
#include "lex.h"

void options_init(Options *o) {
  memset(o, 0, sizeof *o);
  o->emit = EMIT_ASM;
  /* as in GCC and Clang: enabled by -Wall or -Wname, but for -Wbidi-chars */
  o->warnings = W_DEFAULT;
  o->error_limit = 20;
}

void compile_module_name(const char *path, char *out, size_t size) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t len = strcspn(base, ".");
  if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0) {
    base = "stdin";
    len = 5;
  }
  size_t n = 0;
  if (len == 0 || isdigit((unsigned char)base[0])) out[n++] = 'm';
  for (size_t i = 0; i < len && n + 1 < size; i++) {
    unsigned char c = (unsigned char)base[i];
    out[n++] = (char)(isalnum(c) && c < 0x80 ? c : '_');
  }
  out[n] = '\0';
}

int compile_source(const Options *opt, const char *path, const char *text,
                   size_t len, Buf *out, FILE *diag_out) {
  Ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  arena_init(&ctx.arena);
  ctx.opt = opt;
  ctx.src.path = path;
  ctx.src.text = text;
  ctx.src.len = len;
  diag_init(&ctx.diag, diag_out, &ctx.src);
  ctx.diag.color = opt->color;
  ctx.diag.werror = opt->werror;
  ctx.diag.werror_on = opt->werror_on;
  ctx.diag.werror_off = opt->werror_off;
  ctx.diag.format = (DiagFormat)opt->diag_format;
  ctx.diag.warnings = opt->warnings;
  ctx.diag.error_limit = opt->error_limit;
  Modules modules = {.search = opt->modules};
  ctx.modules = &modules;

  if (opt->emit == EMIT_TOKENS) {
    lex_dump_tokens(&ctx, out);
  } else {
    parse_program(&ctx);
    check_module_begin(&ctx);
    bool ok = ctx.diag.nerrors == 0 && !ctx.abandoned;
    if (ok && opt->emit == EMIT_AST) ast_print(out, ctx.prog);
    if (ok && opt->emit != EMIT_AST) check_program(&ctx);
    check_modules_end(&ctx);
    /* The front end's diagnostics are out before code generation, so that
     * an internal error there cannot swallow them. */
    diag_flush(&ctx.diag);
    ok = ctx.diag.nerrors == 0 && !ctx.abandoned;
    if (ok && (opt->emit == EMIT_ASM || opt->emit == EMIT_IR)) gen_program(&ctx, out);
  }
  diag_summary(&ctx.diag);
  int status = ctx.diag.nerrors ? 1 : 0;
  check_modules_free(&modules);
  arena_free(&ctx.arena);
  return status;
}
