# -S writes STEM.s (or the -o file, '-' for stdout) and no executable.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo

"$DODOC" -S hello.dodo
[ -s hello.s ] || fail "no hello.s"
[ ! -e hello ] || fail "-S also linked ./hello"
grep -q '^hello\.Run:' hello.s || fail "hello.s has no hello.Run label"
grep -q 'section .note.GNU-stack' hello.s || fail "hello.s lacks the GNU-stack note"
as --64 -o hello.o hello.s || fail "hello.s does not assemble"

"$DODOC" -S hello.dodo -o other.s
cmp -s hello.s other.s || fail "-S -o other.s differs from the default hello.s"

"$DODOC" -S hello.dodo -o - >stdout.s
cmp -s hello.s stdout.s || fail "-S -o - did not print the same assembly to stdout"
[ ! -e ./- ] || fail "-o - wrote a file named '-'"

[ "$(ls -A | sort | tr '\n' ' ')" = "hello.dodo hello.o hello.s other.s stdout.s " ] \
    || fail "unexpected files: $(ls -A)"
echo ok
