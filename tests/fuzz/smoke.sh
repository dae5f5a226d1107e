#!/bin/sh
# A bounded fuzzing run of one harness, as ctest's fuzz/smoke_<harness>.
# usage: smoke.sh FUZZER WORKDIR SECONDS DICT CORPUS
# New inputs go to WORKDIR/corpus (CORPUS, the committed one, is only read);
# a crash, leak, timeout or out-of-memory input is written to WORKDIR/ and
# libFuzzer's nonzero exit fails the test.
set -eu
fuzzer=$1 work=$2 seconds=$3 dict=$4 corpus=$5
mkdir -p "$work/corpus"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1 -dict="$dict" -artifact_prefix="$work/" \
  "$work/corpus" "$corpus"
