# Without -o the output is named after the source's stem (its base name
# without the last extension), in the current directory.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
mkdir src
cp "$TESTDIR/../run/hello.dodo" src/prog.dodo
cp "$TESTDIR/../run/hello.dodo" my.app.dodo

"$DODOC" src/prog.dodo
[ -x prog ] || fail "src/prog.dodo did not give ./prog"
[ ! -e src/prog ] || fail "the executable went next to the source, not into the current directory"
[ "$(./prog)" = "Hello, World!" ] || fail "./prog printed: $(./prog)"

"$DODOC" -S src/prog.dodo
[ -s prog.s ] || fail "-S did not write ./prog.s"
"$DODOC" -c src/prog.dodo
[ -s prog.o ] || fail "-c did not write ./prog.o"

# Only the last extension goes.
"$DODOC" my.app.dodo
[ -x my.app ] || fail "my.app.dodo did not give ./my.app: $(ls)"

# Standard input: the stem is 'stdin'.
"$DODOC" - <"$TESTDIR/../run/hello.dodo"
[ "$(./stdin)" = "Hello, World!" ] || fail "'-' did not give ./stdin"
echo ok
