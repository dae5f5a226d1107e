#!/usr/bin/env bash
# -g: gdb prints struct variables and parameters (language.md §11) field by
# field, nested structs inline, a String field as the DodoString it points
# to (its text in .data), a sized field with its own type; ptype names the
# struct. The DWARF passes llvm-dwarfdump's verifier.
set -euo pipefail
. "$TESTDIR/gdb.common.sh"
cat > prog.dodo <<'DODO'
use console
def point = new struct { int x, y }
def named = new struct { String label = "origin" ; point at ; uint8 small = 7 }
def shift(point p, int dx) -> return(point) = new p(x: p.x + dx)
def Run() {
   *Stdout out
   def n = new named(at: shift(new point(x: 3, y: -2), 5))
   console!out.Puts(""(n))
}
DODO

for opt in -O0 -O1; do
    "$DODOC" -g $opt -c prog.dodo -o prog.o
    "$dwarfdump" --verify prog.o >verify.txt 2>&1 || { cat verify.txt; fail "$opt: llvm-dwarfdump --verify"; }
    "$DODOC" -g $opt prog.dodo -o prog
    [ "$(./prog)" = 'named(label: "origin", at: point(x: 8, y: -2), small: 7)' ] ||
        fail "$opt: the program printed: $(./prog)"
    out=$(gdb -batch -nx -ex 'break prog.dodo:4' -ex 'break prog.dodo:8' -ex run \
        -ex 'echo @@param\n' -ex 'print p' -ex 'print p.x' -ex c \
        -ex 'echo @@var\n' -ex 'print n.at' -ex 'print n.small' -ex 'print n.label->data' \
        -ex 'ptype n' ./prog 2>&1) || true
    stopped_or_skip "prog.dodo:4"
    expect param '^\$1 = {x = 3, y = -2}$' '^\$2 = 3$'
    expect var '^\$3 = {x = 8, y = -2}$' '^\$4 = 7$' '"origin"$' '^type = struct named {$' \
        'struct DodoString \*label;' 'struct point at;' 'uint8 small;'
done
