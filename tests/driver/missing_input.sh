# A missing input file is a user error: exit status 1, a message on stderr,
# and no output file.
set -uo pipefail
"$DODOC" "$TMPDIR/nonexistent.dodo" -o "$TMPDIR/prog" 2>"$TMPDIR/stderr"
status=$?
[ "$status" -eq 1 ] || { echo "expected exit status 1, got $status"; cat "$TMPDIR/stderr"; exit 1; }
[ -s "$TMPDIR/stderr" ] || { echo "expected a message on stderr"; exit 1; }
grep -q 'nonexistent\.dodo' "$TMPDIR/stderr" || {
    echo "the message should name the file:"; cat "$TMPDIR/stderr"; exit 1; }
[ ! -e "$TMPDIR/prog" ] || { echo "an output file was written"; exit 1; }
