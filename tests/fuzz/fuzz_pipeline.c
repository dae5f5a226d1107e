/* Fuzz harness: --emit=asm with -g, --asm-comments and every warning: the whole compiler. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Options opt;
  options_init(&opt);
  opt.emit = EMIT_ASM;
  opt.warnings = ~0u;
  opt.debug_info = true;
  opt.asm_comments = true;
  opt.opt_level = 2;
  return fuzz_compile(&opt, data, size);
}
