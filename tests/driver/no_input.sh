# No input file: status 1 and a message; so does a missing .s or .o input.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
st=0; "$DODOC" 2>err || st=$?
[ $st -eq 1 ] || fail "no arguments: status $st"
grep -qxF "dodoc: error: no input files (see dodoc --help)" err || { cat err; fail "no arguments: message"; }
st=0; "$DODOC" -S -o x.s 2>err || st=$?
[ $st -eq 1 ] || fail "options only: status $st"
grep -qF "no input files" err || { cat err; fail "options only: message"; }

cp "$TESTDIR/../run/hello.dodo" hello.dodo
for missing in gone.s gone.o; do
    st=0; "$DODOC" hello.dodo "$missing" -o prog 2>err || st=$?
    [ $st -eq 1 ] || { cat err; fail "$missing: status $st"; }
    grep -qF "cannot open '$missing'" err || { cat err; fail "$missing: message does not name it"; }
    [ ! -e prog ] || fail "$missing: prog was written"
done
[ "$(ls -A | sort | tr '\n' ' ')" = "err hello.dodo " ] || fail "unexpected files: $(ls -A)"
echo ok
