# An output that would overwrite the source is refused (status 1) and the
# source is left as it was: `-o prog.dodo` for every output kind, and a
# source named just `.dodo`, whose stem (the default output) is `.dodo`.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
src=$TESTDIR/../run/hello.dodo
for mode in "" -S -c; do
    cp "$src" hello.dodo
    st=0; "$DODOC" $mode hello.dodo -o hello.dodo 2>err || st=$?
    cmp -s hello.dodo "$src" || fail "'$mode' -o hello.dodo: the source was overwritten (status $st)"
    [ $st -eq 1 ] || { cat err; fail "'$mode' -o hello.dodo: status $st, expected 1"; }
    cp "$src" sub.dodo
    st=0; "$DODOC" $mode sub.dodo -o ./sub.dodo 2>err || st=$?
    cmp -s sub.dodo "$src" || fail "'$mode' -o ./sub.dodo: the source was overwritten (status $st)"
done
cp "$src" .dodo
st=0; "$DODOC" .dodo 2>err || st=$?
cmp -s .dodo "$src" || fail "'dodoc .dodo' overwrote its source with the executable (status $st)"
echo ok
