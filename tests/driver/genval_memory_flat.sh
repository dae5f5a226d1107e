# One million generator values made and dropped (tests/run/genval_million)
# run within a 120 MB address-space limit: the dodo stack (68 MiB mapped)
# and the C library fit, a leak of the values or their buffers (at least
# 150 bytes each, 150 MB) does not.
set -euo pipefail
# A sanitizer's shadow memory needs far more address space: there the ASan
# run of the same program checks for leaks instead.
echo 'def Run() { }' > hello.dodo
if "$DODOC" -### hello.dodo 2>&1 | grep -q fsanitize; then exit 0; fi
"$DODOC" -O1 "$TESTDIR/../run/genval_million.dodo" -o prog
out=$( (ulimit -v 120000; ./prog) ) || { echo "the program failed under the limit"; exit 1; }
[ "$out" = "total 250000500000" ] || { echo "unexpected output: $out"; exit 1; }
