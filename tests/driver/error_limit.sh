# -ferror-limit=N stops after N errors with the "too many errors" line;
# 0 means no limit; the default is 20; a bad N is a command-line error.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
{
    printf 'use console\ndef Run() {\n   *Stdout out\n'
    for i in $(seq 1 25); do printf '   console!out.Puts(""(u%d))\n' "$i"; done
    printf '}\n'
} >many.dodo
fatal='dodoc: fatal error: too many errors emitted, stopping now [-ferror-limit=]'
errors() { grep -c "^many.dodo:[0-9]*:[0-9]*: error: " "$1" || true; }

st=0; "$DODOC" -ferror-limit=3 many.dodo -o prog 2>err3 || st=$?
[ $st -eq 1 ] || fail "-ferror-limit=3: status $st"
[ "$(errors err3)" -eq 3 ] || { cat err3; fail "-ferror-limit=3: expected 3 errors"; }
grep -qxF "$fatal" err3 || { cat err3; fail "-ferror-limit=3: no 'too many errors' line"; }
grep -q "u3'" err3 && ! grep -q "u4'" err3 || fail "-ferror-limit=3: not the first three errors"
[ ! -e prog ] || fail "an output was written"

"$DODOC" many.dodo 2>errdef || true
[ "$(errors errdef)" -eq 20 ] || fail "default limit: expected 20 errors, got $(errors errdef)"
grep -qxF "$fatal" errdef || fail "default limit: no 'too many errors' line"

"$DODOC" -ferror-limit=0 many.dodo 2>err0 || true
[ "$(errors err0)" -eq 25 ] || fail "-ferror-limit=0: expected all 25 errors, got $(errors err0)"
grep -qF 'too many errors' err0 && fail "-ferror-limit=0: stopped early"

"$DODOC" -ferror-limit=25 many.dodo 2>err25 || true
[ "$(errors err25)" -eq 25 ] || fail "-ferror-limit=25: expected 25 errors"

for bad in x -1 '' 3x; do
    st=0; "$DODOC" "-ferror-limit=$bad" many.dodo 2>errbad || st=$?
    [ $st -eq 1 ] || fail "-ferror-limit=$bad: status $st"
    grep -qF "invalid error limit in '-ferror-limit=$bad'" errbad || { cat errbad; fail "-ferror-limit=$bad: no message"; }
done
echo ok
