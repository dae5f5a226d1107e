# -fsyntax-only checks the program and writes nothing (not even with -o);
# errors still give status 1.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts(""(nope))\n}\n' >bad.dodo

st=0; "$DODOC" -fsyntax-only hello.dodo >out 2>err || st=$?
[ "$st" -eq 0 ] || { cat err; fail "status $st on a good program"; }
[ ! -s out ] && [ ! -s err ] || fail "output on a good program: $(cat out err)"

"$DODOC" -fsyntax-only hello.dodo -o prog || fail "-fsyntax-only -o prog failed"

st=0; "$DODOC" -fsyntax-only bad.dodo 2>err || st=$?
[ "$st" -eq 1 ] || fail "status $st on a bad program, expected 1"
grep -q "^bad.dodo:4:24: error: use of undeclared name 'nope'" err || { cat err; fail "no diagnostic"; }

[ "$(ls -A | sort | tr '\n' ' ')" = "bad.dodo err hello.dodo out " ] || fail "files were written: $(ls -A)"
echo ok
