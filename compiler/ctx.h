/* The state of one compilation. The front end keeps no global mutable state:
 * everything it needs travels in this struct, so several compilations (or a
 * fuzzer's millions of them) can run in one process. */
#ifndef DODOC_CTX_H
#define DODOC_CTX_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "names.h"
#include "module_search.h"
#include "options.h"

typedef struct Ctx Ctx;

/* The modules one compilation knows (language.md §12): the one compiled
 * and those whose headers it read, found as `search` says. Shared by the
 * compilation's Ctx and the Ctx of each module read. */
typedef struct Modules {
  NameMap by_name;          /* module name -> its Ctx, or &modules_missing */
  const ModuleSearch *search;
  Ctx **read;               /* the Ctx of each module read, freed at the end */
  int nread, cap;
  /* the Generator(T…) types of every module of the compilation, so that a
   * Generator(int) parameter of another module's function is the caller's
   * Generator(int) (type_gen.c) */
  struct GenType *gen_types;
} Modules;

struct Ctx {
  Arena arena;
  Diag diag;
  Source src;
  const Options *opt;
  Program *prog;
  NameMap funcs;  /* checker: name -> Func */
  NameMap consts; /* checker: name -> module constant (ND_DECL) */
  struct GenType *gen_types; /* checker: Generator(T…) types, without Modules */
  int infer_depth; /* checker: nested inferences of omitted continuation lists */
  bool infer_limit_reported;
  /* Set by limits that make the tree unsafe to walk (nesting too deep):
   * later stages are skipped. */
  bool abandoned;
  Modules *modules; /* shared with the modules this one names */
  bool is_header;   /* read for its header: its bodies are not compiled */
};

#endif
