/* Fuzz harness: --emit=asm with every warning: the whole compiler. The
 * input's length picks the rest, so that each configuration is fuzzed:
 * -g and --asm-comments on even lengths (the -O1 dead-store pass is off with
 * -g), -O2 unless the length is a multiple of 3 (then -O0). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Options opt;
  options_init(&opt);
  opt.emit = EMIT_ASM;
  opt.warnings = ~0u;
  opt.debug_info = size % 2 == 0;
  opt.asm_comments = size % 2 == 0;
  opt.opt_level = size % 3 == 0 ? 0 : 2;
  return fuzz_compile(&opt, data, size);
}
