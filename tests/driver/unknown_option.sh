# An unknown option is a command-line error: status 1, one message naming
# the option, and nothing compiled.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
for opt in --bogus -x -fno-such-thing --color; do
    st=0; "$DODOC" "$opt" hello.dodo >out 2>err || st=$?
    [ $st -eq 1 ] || { cat err; fail "$opt: status $st, expected 1"; }
    grep -qxF "dodoc: error: unknown option '$opt' (see dodoc --help)" err || { cat err; fail "$opt: unexpected message"; }
    [ ! -s out ] || fail "$opt: stdout not empty"
done
[ "$(ls -A | sort | tr '\n' ' ')" = "err hello.dodo out " ] || fail "files were written: $(ls -A)"
echo ok
