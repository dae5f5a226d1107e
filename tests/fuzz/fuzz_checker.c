/* Fuzz harness: -fsyntax-only: lexer, parser and the type checker. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Options opt;
  options_init(&opt);
  opt.emit = EMIT_NOTHING;
  opt.warnings = ~0u; /* every warning's code path */
  return fuzz_compile(&opt, data, size);
}
