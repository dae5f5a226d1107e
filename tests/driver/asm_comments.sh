# --asm-comments writes each statement's source line as a comment
# ("# LINE: text") above its assembly; without it there are none.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
"$DODOC" -S -o plain.s hello.dodo
grep -q '# 5: ' plain.s && fail "source comments without --asm-comments"
"$DODOC" --asm-comments -S -o - hello.dodo >commented.s
grep -qF '# 4: def name = "World"' commented.s || fail "no '# 4: def name = \"World\"'"
grep -qF '# 5: console!out.Puts("Hello, "(name)"!")' commented.s || fail "no comment for line 5"
# Line 4's comment comes before line 5's, and code sits between them.
awk '/# 4: /{a=NR} /# 5: /{b=NR} END{exit !(a && b && a < b - 1)}' commented.s \
    || fail "the line comments are out of order or have no code between them"
# The commented assembly still builds the same program.
"$DODOC" --asm-comments hello.dodo -o hello
[ "$(./hello)" = "Hello, World!" ] || fail "the program printed: $(./hello)"
echo ok
