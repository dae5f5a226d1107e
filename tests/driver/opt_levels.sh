# -O0, -O1, -O2 (and -O, -O3, -Os) are accepted, and the program prints the
# same at every level.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
run=$TESTDIR/../run
for t in call_fib loop_primes str_interp; do
    for o in -O0 -O1 -O2 -O -O3 -Os; do
        "$DODOC" "$o" "$run/$t.dodo" -o "$t$o" || fail "$t: dodoc $o failed"
        "./$t$o" >"$t$o.out" || fail "$t: the $o program failed"
        cmp -s "$t$o.out" "$run/$t.out" || fail "$t: $o output differs from $t.out"
    done
done
"$DODOC" -O9 "$run/call_fib.dodo" -o x 2>err && fail "-O9 was accepted"
grep -q "unknown option '-O9'" err || { cat err; fail "no message for -O9"; }
echo ok
