#!/usr/bin/env bash
# -g: gdb prints sized integer variables (language.md §14) with their own
# type names and signedness: an int8 below 0, a uint64 above INT64_MAX
# (not as a negative int), a uint32 parameter. The DWARF passes
# llvm-dwarfdump's verifier.
set -euo pipefail
. "$TESTDIR/gdb.common.sh"
cat > prog.dodo <<'DODO'
use console
def show(*Stdout out, uint32 n, int8 m) {
   uint64 big = 18446744073709551615
   console!out.Puts(""(n)" "(m)" "(big))
}
def Run() {
   *Stdout out
   show(out, 4000000000, -5)
}
DODO

for opt in -O0 -O1; do
    "$DODOC" -g $opt -c prog.dodo -o prog.o
    "$dwarfdump" --verify prog.o >verify.txt 2>&1 || { cat verify.txt; fail "$opt: llvm-dwarfdump --verify"; }
    "$DODOC" -g $opt prog.dodo -o prog
    [ "$(./prog)" = "4000000000 -5 18446744073709551615" ] || fail "$opt: the program printed: $(./prog)"
    out=$(gdb -batch -nx -ex 'break prog.dodo:4' -ex run \
        -ex 'echo @@vars\n' -ex 'print n' -ex 'print m' -ex 'print big' -ex 'ptype m' -ex 'ptype big' \
        ./prog 2>&1) || true
    stopped_or_skip "prog.dodo:4"
    expect vars '^\$1 = 4000000000$' '^\$2 = -5$' '^\$3 = 18446744073709551615$' \
        '^type = int8$' '^type = uint64$'
done
