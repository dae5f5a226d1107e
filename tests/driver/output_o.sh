# -o FILE and -oFILE name the executable; nothing else is written.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
mkdir out

"$DODOC" hello.dodo -o out/app
[ -x out/app ] || fail "-o out/app: no executable"
[ "$(out/app)" = "Hello, World!" ] || fail "out/app printed: $(out/app)"
[ ! -e hello ] || fail "-o given, yet ./hello was written too"

"$DODOC" -oout/joined hello.dodo
[ "$(out/joined)" = "Hello, World!" ] || fail "-oFILE (joined form) did not build out/joined"

# Only the source and the two outputs remain: no temporaries.
[ "$(ls -A . out | tr '\n' ' ')" = ".: hello.dodo out  out: app joined " ] \
    || fail "unexpected files: $(ls -A . out)"

"$DODOC" hello.dodo -o 2>err && fail "-o with no file name was accepted"
grep -q "missing file name after '-o'" err || { cat err; fail "no message for a bare -o"; }
echo ok
