# An endless input (standard input from /dev/zero, a huge file) is a clear
# error with status 1, read only up to the limit (256 MiB), instead of an
# internal error once memory runs out.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
st=0; timeout 60 "$DODOC" -fsyntax-only - </dev/zero 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "stdin from /dev/zero: status $st"; }
grep -qxF "dodoc: error: '<stdin>' is too large: a source file may hold at most 256 MiB" err \
  || { cat err; fail "stdin: message"; }
# A regular file is refused by its size, without reading it.
truncate -s 300M big.dodo
st=0; timeout 60 "$DODOC" big.dodo -o out 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "big.dodo: status $st"; }
grep -qxF "dodoc: error: 'big.dodo' is too large: a source file may hold at most 256 MiB" err \
  || { cat err; fail "big.dodo: message"; }
[ ! -e out ] || fail "an output was left"
echo ok
