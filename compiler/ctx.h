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
#include "options.h"

typedef struct Ctx {
  Arena arena;
  Diag diag;
  Source src;
  const Options *opt;
  Program *prog;
  NameMap funcs;  /* checker: name -> Func */
  NameMap consts; /* checker: name -> module constant (ND_DECL) */
  struct GenType *gen_types; /* checker: the Generator(T) types met, interned */
  int infer_depth; /* checker: nested inferences of omitted continuation lists */
  bool infer_limit_reported;
  /* Set by limits that make the tree unsafe to walk (nesting too deep):
   * later stages are skipped. */
  bool abandoned;
} Ctx;

#endif
