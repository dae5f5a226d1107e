# '-' reads the source from standard input: diagnostics call it <stdin>, the
# module and the default output are 'stdin'.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
"$DODOC" - -o prog <"$TESTDIR/../run/hello.dodo" 2>err || { cat err; fail "building from stdin failed"; }
[ "$(./prog)" = "Hello, World!" ] || fail "prog printed: $(./prog)"

"$DODOC" -S -o - - <"$TESTDIR/../run/hello.dodo" | grep -q '^stdin\.Run:' || fail "the module from stdin is not 'stdin'"

st=0; printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts(""(nope))\n}\n' \
    | "$DODOC" - 2>err || st=$?
[ $st -eq 1 ] || fail "bad program on stdin: status $st"
grep -qxF "<stdin>:4:24: error: use of undeclared name 'nope'" err || { cat err; fail "diagnostic does not name <stdin>"; }
[ ! -e stdin ] || fail "a failed build wrote ./stdin"

st=0; "$DODOC" - </dev/null 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "empty stdin: status $st (there is no Run)"; }
grep -q '^<stdin>:' err || { cat err; fail "empty stdin: diagnostic does not name <stdin>"; }
echo ok
