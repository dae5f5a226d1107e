# A directory given as the source: status 1, "it is a directory", no output.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
mkdir src.dodo
for mode in "" -S -c -fsyntax-only; do
    st=0; "$DODOC" $mode src.dodo -o out 2>err || st=$?
    [ $st -eq 1 ] || { cat err; fail "'$mode': status $st, expected 1"; }
    grep -qxF "dodoc: error: cannot read 'src.dodo': it is a directory" err || { cat err; fail "'$mode': message"; }
    [ ! -e out ] || fail "'$mode': an output was written"
done
[ "$(ls -A | sort | tr '\n' ' ')" = "err src.dodo " ] || fail "unexpected files: $(ls -A)"
echo ok
