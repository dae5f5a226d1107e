# An -o path that cannot be written (its directory does not exist, or it is
# a directory) is an error with status 1 that names the path, for every
# output kind, and leaves no temporary behind.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
mkdir adir
for out in /nonexistent/dir/x adir; do
    for mode in "" -S -c; do
        st=0; "$DODOC" $mode hello.dodo -o "$out" 2>err || st=$?
        [ $st -eq 1 ] || { cat err; fail "'$mode' -o $out: status $st, expected 1"; }
        grep -qF "$out" err || { cat err; fail "'$mode' -o $out: the message does not name the path"; }
        [ -z "$(ls -A adir)" ] || fail "'$mode' -o $out: files left in adir: $(ls -A adir)"
        [ "$(ls -A | sort | tr '\n' ' ')" = "adir err hello.dodo " ] || fail "'$mode' -o $out: files left: $(ls -A)"
    done
done
echo ok
