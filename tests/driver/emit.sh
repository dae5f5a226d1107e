# --emit=tokens|ast|ir|asm print to stdout, write no file, and ignore -o.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo

"$DODOC" --emit=tokens hello.dodo >tokens
head -n 2 tokens | grep -q "^1:1 'use'" || { head tokens; fail "tokens: no 1:1 'use'"; }
grep -q "capitalised name Run" tokens || fail "tokens: no 'capitalised name Run'"

"$DODOC" --emit=ast hello.dodo >ast
head -n 1 ast | grep -q '^module hello$' || { head ast; fail "ast: no 'module hello'"; }
grep -q '^func Run @2:1' ast || fail "ast: no 'func Run @2:1'"

"$DODOC" --emit=ir hello.dodo >ir
grep -q '^function hello\.Run  frame F=' ir || { head ir; fail "ir: no 'function hello.Run'"; }
grep -q '^hello\.Run:.*; entry: ' ir || { head ir; fail "ir: no entry block"; }
grep -q '^	subq \$F, %rsp$' ir || { head ir; fail "ir: the frame is not symbolic"; }

"$DODOC" --emit=asm hello.dodo -o ignored >asm
"$DODOC" -S -o - hello.dodo >s
cmp -s asm s || fail "--emit=asm differs from -S -o -"
grep -q '^hello\.Run:' asm || fail "asm: no hello.Run label"

[ "$(ls -A | sort | tr '\n' ' ')" = "asm ast hello.dodo ir s tokens " ] || fail "files were written: $(ls -A)"
echo ok
