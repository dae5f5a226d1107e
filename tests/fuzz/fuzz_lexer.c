/* Fuzz harness: --emit=tokens: the token filter and lex_dump_tokens(). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Options opt;
  options_init(&opt);
  opt.emit = EMIT_TOKENS;
  return fuzz_compile(&opt, data, size);
}
