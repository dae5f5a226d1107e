# An output that exists and is not a regular file (a FIFO here, standing in
# for `-o /dev/null`) is written through, not replaced by a regular file:
# renaming a temporary over /dev/null would, for root, replace the device.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
reader=
trap '[ -z "$reader" ] || kill "$reader" 2>/dev/null || true' EXIT
for mode in -S -c ""; do
    rm -f sink got
    mkfifo sink
    cat sink >got &
    reader=$!
    st=0; "$DODOC" $mode hello.dodo -o sink 2>err || st=$?
    if [ -p sink ]; then
        wait "$reader"; reader=
    else
        kill "$reader" 2>/dev/null || true; wait "$reader" 2>/dev/null || true; reader=
        fail "'$mode' -o FIFO: the FIFO was replaced by a $(stat -c %F sink) (status $st)"
    fi
    [ $st -eq 0 ] || { cat err; fail "'$mode' -o FIFO: status $st"; }
    [ -s got ] || fail "'$mode' -o FIFO: nothing was written to it"
done
echo ok
