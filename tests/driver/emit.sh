# --emit=tokens|ast|ir|asm print to stdout and write no file; with -o they
# write that file instead (rustc's `--emit asm -o out.s`, also as two words).
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

"$DODOC" --emit=asm hello.dodo >asm
"$DODOC" -S -o - hello.dodo >s
cmp -s asm s || fail "--emit=asm differs from -S -o -"
grep -q '^hello\.Run:' asm || fail "asm: no hello.Run label"

[ "$(ls -A | sort | tr '\n' ' ')" = "asm ast hello.dodo ir s tokens " ] || fail "files were written: $(ls -A)"

# rustc's forms: --emit KIND as two words, and -o FILE.
"$DODOC" --emit asm -o out.s hello.dodo >stdout
[ ! -s stdout ] || fail "--emit asm -o out.s also printed to stdout"
cmp -s out.s s || fail "--emit asm -o out.s differs from -S"
"$DODOC" --emit ast hello.dodo -o out.ast
cmp -s out.ast ast || fail "--emit ast -o out.ast differs from --emit=ast"
"$DODOC" --emit=tokens hello.dodo -o - >tok2
cmp -s tok2 tokens || fail "--emit=tokens -o - differs"
st=0; "$DODOC" --emit hello.dodo 2>err || st=$?
[ $st -eq 1 ] && grep -qF "unknown --emit kind 'hello.dodo'" err || { cat err; fail "--emit without a kind"; }
st=0; "$DODOC" --emit 2>err || st=$?
[ $st -eq 1 ] && grep -qF "missing kind after '--emit'" err || { cat err; fail "--emit at the end"; }
cp hello.dodo two.dodo
st=0; "$DODOC" --emit=asm hello.dodo two.dodo -o x.s 2>err || st=$?
[ $st -eq 1 ] && grep -qF "cannot specify '-o' with '--emit' and several .dodo files" err || { cat err; fail "-o with two inputs"; }
[ ! -e x.s ] || fail "x.s written"
echo ok
