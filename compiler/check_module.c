/* Programs of several modules (language.md §12): reading the header of a
 * module a source names, and what a name means across modules — `m.f`,
 * `m.c`, and an unqualified name exported by a used module. Each module
 * read gets its own Ctx (its file, its names, its diagnostics), which the
 * compilation keeps until it ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check_internal.h"
#include "compile.h"

Program *parse_program(Ctx *ctx);

/* What by_name holds for a module looked for and not found (reported
 * once): the address of this constant. */
static const char missing_mark;
#define MISSING ((Ctx *)(void *)&missing_mark)

void check_module_begin(Ctx *ctx) {
  Program *p = ctx->prog;
  if (!p->module) {
    char name[256];
    compile_module_name(ctx->src.path, name, sizeof name);
    p->module = arena_strdup(&ctx->arena, name);
  }
  for (Func *f = p->funcs; f; f = f->next) f->module = p->module;
}

bool check_is_builtin_module(const char *name) {
  return strcmp(name, "console") == 0 || strcmp(name, "modules") == 0;
}

static char *read_file(Arena *a, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  Buf b;
  buf_init(&b);
  char chunk[1 << 14];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    buf_grow(&b, n);
    memcpy(b.data + b.len, chunk, n);
    b.len += n;
  }
  fclose(f);
  char *text = arena_strndup(a, b.data ? b.data : "", b.len);
  *len = b.len;
  buf_free(&b);
  return text;
}

static bool readable(const char *path) { return access(path, R_OK) == 0; }

/* The name a `__Module__` line gives, if the file's first line that is not
 * blank or a comment is one: how a file of the command line whose stem is
 * not its module's name (`prog.geometry.dodo`) is found. */
static bool named_in_file(const char *path, const char *name) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  char line[512];
  bool match = false;
  while (fgets(line, sizeof line, f)) {
    char *p = line;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) p += 3;
    p += strspn(p, " \t\r\n");
    if (!*p || *p == '#') continue;
    if (strncmp(p, "__Module__", 10) == 0) {
      p += 10;
      p += strspn(p, " \t");
      size_t n = strcspn(p, " \t\r\n;#");
      match = n == strlen(name) && strncmp(p, name, n) == 0;
    }
    break;
  }
  fclose(f);
  return match;
}

/* The file of module `name`, in the order of §12; NULL after writing the
 * places searched into `searched`. */
static const char *find_file(Ctx *ctx, const char *name, Buf *searched) {
  const ModuleSearch *s = ctx->modules->search;
  char stem[256];
  for (int i = 0; s && i < s->nfiles; i++) {
    compile_module_name(s->files[i], stem, sizeof stem);
    if (strcmp(stem, name) == 0 || named_in_file(s->files[i], name)) return s->files[i];
  }
  for (int i = 0; s && i < s->ndirs; i++) {
    const char *path = arena_printf(&ctx->arena, "%s/%s.dodo", s->dirs[i], name);
    if (readable(path)) return path;
    buf_printf(searched, "'%s', ", s->dirs[i]);
  }
  const char *slash = strrchr(ctx->src.path, '/');
  const char *dir = slash ? arena_strndup(&ctx->arena, ctx->src.path, (size_t)(slash - ctx->src.path))
                          : ".";
  const char *path = slash ? arena_printf(&ctx->arena, "%s/%s.dodo", dir, name)
                           : arena_printf(&ctx->arena, "%s.dodo", name);
  if (readable(path)) return path;
  buf_printf(searched, "'%s'", dir);
  return NULL;
}

static void remember(Modules *m, Ctx *c) {
  if (m->nread == m->cap) {
    m->cap = m->cap ? 2 * m->cap : 8;
    m->read = realloc(m->read, (size_t)m->cap * sizeof *m->read);
    if (!m->read) abort();
  }
  m->read[m->nread++] = c;
}

/* Parses the module's file and declares its names; its bodies are checked
 * only as far as inferring a signature needs. */
static Ctx *read_module(Ctx *ctx, const char *name, const char *path, Loc at) {
  Ctx *m = calloc(1, sizeof *m);
  if (!m) abort();
  arena_init(&m->arena);
  m->opt = ctx->opt;
  m->modules = ctx->modules;
  m->is_header = true;
  m->src.path = arena_strdup(&m->arena, path);
  m->src.text = read_file(&m->arena, path, &m->src.len);
  diag_init(&m->diag, ctx->diag.out, &m->src);
  m->diag.color = ctx->diag.color;
  m->diag.format = ctx->diag.format;
  m->diag.error_limit = ctx->diag.error_limit;
  remember(ctx->modules, m);
  *names_slot(&ctx->modules->by_name, &ctx->arena, name) = m;
  if (!m->src.text) {
    diag_error(&ctx->diag, at, "cannot read module '%s' from '%s'", name, path);
    return MISSING;
  }
  if (ctx->modules->search && ctx->modules->search->on_read)
    ctx->modules->search->on_read(ctx->modules->search->on_read_ctx, path);
  parse_program(m);
  check_module_begin(m);
  if (strcmp(m->prog->module, name) != 0) {
    diag_error(&ctx->diag, at, "'%s' is module '%s', not '%s'", path, m->prog->module, name);
    return MISSING;
  }
  if (m->diag.nerrors || m->abandoned) return MISSING;
  check_declare(m);
  return m;
}

Ctx *check_module(Ctx *ctx, const char *name, Loc at) {
  if (strcmp(name, ctx->prog->module) == 0) return ctx;
  Ctx *m = names_get(&ctx->modules->by_name, name);
  if (m) return m == MISSING ? NULL : m;
  Buf searched;
  buf_init(&searched);
  const char *path = find_file(ctx, name, &searched);
  if (!path) {
    *names_slot(&ctx->modules->by_name, &ctx->arena, name) = MISSING;
    diag_error(&ctx->diag, at, "module '%s' not found: no '%s.dodo' among the inputs, nor in %s",
               name, name, searched.data ? searched.data : "");
    buf_free(&searched);
    return NULL;
  }
  buf_free(&searched);
  m = read_module(ctx, name, path, at);
  return m == MISSING ? NULL : m;
}

void check_module_reported(Ctx *ctx, const char *name) {
  *names_slot(&ctx->modules->by_name, &ctx->arena, name) = MISSING;
}

Ctx *check_owner(Ctx *ctx, const char *module) {
  if (!module || strcmp(module, ctx->prog->module) == 0) return ctx;
  Ctx *m = names_get(&ctx->modules->by_name, module);
  return m && m != MISSING ? m : ctx;
}

void check_note_in(Ctx *ctx, Ctx *owner, Loc loc, const char *what, const char *name) {
  const Source *was = diag_set_source(&ctx->diag, &owner->src);
  diag_note(&ctx->diag, loc, "%s'%s' declared here", what, name);
  diag_set_source(&ctx->diag, was);
}

/* A name of module m: its function or constant, public or not. */
static void *member(Ctx *m, const char *name, bool func, bool *public, Loc *loc) {
  if (func) {
    Func *f = names_get(&m->funcs, name);
    if (f) *public = f->is_public, *loc = f->name_loc;
    return f;
  }
  Node *c = names_get(&m->consts, name);
  if (c) *public = !m->prog->has_sections || c->decl.in_header, *loc = c->loc;
  return c;
}

static void private_error(Ctx *ctx, Ctx *m, Loc at, const char *name, Loc decl) {
  diag_error(&ctx->diag, at, "'%s' is private to module '%s': it is not declared in its '__Header__'",
             name, m->prog->module);
  check_note_in(ctx, m, decl, "", name);
}

Lookup check_lookup(Ctx *ctx, const char *module, const char *name, Loc at, bool func) {
  Lookup r = {.owner = ctx};
  if (!module || strcmp(module, ctx->prog->module) == 0) {
    r.found = func ? (void *)names_get(&ctx->funcs, name) : (void *)names_get(&ctx->consts, name);
    if (r.found || module) return r;
    /* not the module's own: the one used module that exports it */
    Ctx *hidden_in = NULL;
    Loc hidden_loc = {0};
    int n = 0;
    for (Use *u = ctx->prog->uses; u; u = u->next) {
      if (check_is_builtin_module(u->name)) continue;
      Ctx *m = check_module(ctx, u->name, u->loc);
      if (!m || m == ctx) continue;
      bool public = false;
      Loc loc;
      void *x = member(m, name, func, &public, &loc);
      if (x && !public && !hidden_in) hidden_in = m, hidden_loc = loc;
      if (!x || !public) continue;
      if (n == 1) {
        diag_error(&ctx->diag, at, "'%s' is ambiguous: modules '%s' and '%s' both export it; "
                   "write '%s.%s' or '%s.%s'", name, r.owner->prog->module, m->prog->module,
                   r.owner->prog->module, name, m->prog->module, name);
        Loc first = func ? ((Func *)r.found)->name_loc : ((Node *)r.found)->loc;
        check_note_in(ctx, r.owner, first, "", name);
        check_note_in(ctx, m, loc, "", name);
        r.reported = true;
      }
      if (n++ == 0) r.found = x, r.owner = m;
    }
    if (r.reported) r.found = NULL;
    if (n == 0 && hidden_in) {
      private_error(ctx, hidden_in, at, name, hidden_loc);
      r.reported = true;
    }
    return r;
  }
  Ctx *m = check_module(ctx, module, at);
  if (!m) {
    r.reported = true;
    return r;
  }
  bool public = false;
  Loc loc;
  void *x = member(m, name, func, &public, &loc);
  r.reported = true;
  if (!x)
    diag_error(&ctx->diag, at, "module '%s' has no %s '%s'", module, func ? "function" : "constant", name);
  else if (!public)
    private_error(ctx, m, at, name, loc);
  else
    r.found = x, r.owner = m, r.reported = false;
  return r;
}

void check_modules_end(Ctx *ctx) {
  Modules *mods = ctx->modules;
  for (int i = 0; i < mods->nread; i++) {
    Ctx *m = mods->read[i];
    diag_flush(&m->diag);
    ctx->diag.nerrors += m->diag.nerrors;
  }
}

void check_modules_free(Modules *mods) {
  for (int i = 0; i < mods->nread; i++) {
    diag_flush(&mods->read[i]->diag);
    arena_free(&mods->read[i]->arena);
    free(mods->read[i]);
  }
  free(mods->read);
}
