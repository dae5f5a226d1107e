/* Fuzz harness: --emit=ast: lexer, parser and the tree printer. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Options opt;
  options_init(&opt);
  opt.emit = EMIT_AST;
  return fuzz_compile(&opt, data, size);
}
