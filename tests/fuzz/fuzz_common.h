/* Shared body of the libFuzzer harnesses: one call of compile_source() on the
 * input, with the Options a harness chooses.
 *
 * The input is copied into a buffer of exactly its length (no terminating
 * NUL), so a read past the end of the source text is an ASan report.
 * Diagnostics go to /dev/null, opened once. The only ways a harness fails
 * are the sanitizers' reports, a crash, a hang (libFuzzer's -timeout), or
 * the compiler's exit(4) (internal error or out of memory), which libFuzzer
 * reports as "fuzz target exited". */
#ifndef DODOC_FUZZ_COMMON_H
#define DODOC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "compile.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *fuzz_devnull(void) {
  static FILE *devnull;
  if (!devnull) {
    devnull = fopen("/dev/null", "w");
    if (!devnull) {
      perror("fuzz: /dev/null");
      abort();
    }
  }
  return devnull;
}

/* Larger inputs are skipped. libFuzzer's -max_len keeps its own inputs far
 * smaller; this bound is for replayed files (stress reproducers). */
enum { FUZZ_MAX_INPUT = 1 << 20 };

static int fuzz_compile(const Options *opt, const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT) return 0;
  char *text = malloc(size ? size : 1);
  if (!text) abort();
  if (size) memcpy(text, data, size);
  Buf out;
  buf_init(&out);
  (void)compile_source(opt, "fuzz.dodo", text, size, &out, fuzz_devnull());
  buf_free(&out);
  free(text);
  return 0;
}

#endif
