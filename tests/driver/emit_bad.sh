# An unknown --emit kind is a command-line error: status 1, a message naming
# the kind and the valid ones, nothing on stdout.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
for kind in bogus ''; do
    st=0; "$DODOC" --emit="$kind" hello.dodo >out 2>err || st=$?
    [ "$st" -eq 1 ] || { cat err; fail "--emit=$kind: status $st, expected 1"; }
    grep -q "^dodoc: error: unknown --emit kind '$kind' (expected tokens, ast, ir or asm)$" err \
        || { cat err; fail "--emit=$kind: unexpected message"; }
    [ ! -s out ] || fail "--emit=$kind printed on stdout"
done
echo ok
