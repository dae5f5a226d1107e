#!/usr/bin/env bash
# -g: a backtrace from inside a generator value (language.md §10) advanced
# by next goes through the runtime's step (runtime/gen_switch.S) on to the
# function that called next and to the runtime's dodo_main: the generator's CFI says the SP1
# slot holds the RDI its yield continuation is entered with, and the
# runtime's yield labels keep a debugger's "return address - 1" in their
# own unwind rules. Also from a generator value driven by for, and from one
# whose values take three slots (dodo_gen_step_wide).
set -euo pipefail
. "$TESTDIR/gdb.common.sh"
cat > prog.dodo <<'DODO'
use console
def upto(int n) -> yield(int) | end() {
   int i = 0
   loop { if (i >= n) break ; yield(i) ; .i = i + 1 }
}
def drive(Generator(int) g) -> return(int) {
   int total = 0
   for v in g { .total = total + v }
   return total
}
def Run() {
   *Stdout out
   int total
   def g = upto(5)
   loop { next(g) -> v; .total = total + v | ; break }
   def h = upto(4)
   console!out.Puts("total "(total)" "(drive(h)))
}
DODO

for opt in -O0 -O1; do
    "$DODOC" -g $opt prog.dodo -o prog
    [ "$(./prog)" = "total 10 6" ] || fail "$opt: the program printed: $(./prog)"
    out=$(gdb -batch -nx -ex 'break prog.dodo:4' -ex run -ex c \
        -ex 'echo @@next\n' -ex bt -ex 'delete' -ex 'break prog.dodo:8' -ex c -ex 'break prog.dodo:4' -ex c \
        -ex 'echo @@for\n' -ex bt ./prog 2>&1) || true
    stopped_or_skip "prog.dodo:4"
    expect next '^#0 .*prog\.upto' 'in prog\.Run \(\) at prog\.dodo:15$' 'in dodo_main \('
    expect for '^#0 .*prog\.upto' 'in prog\.drive \(.*\) at prog\.dodo:8$' 'in prog\.Run \(\) at prog\.dodo:17$' 'in dodo_main \('
done

# A value of three slots: the generator stores it above SP1, in the room
# dodo_gen_step_wide keeps, whose frame size CFI reads from g.
cat > wide.dodo <<'DODO'
use console
def trio(int n) -> yield(int, int, int) | end() {
   int i = 0
   loop { if (i >= n) break ; yield(i, i * 2, i * 3) ; .i = i + 1 }
}
def Run() {
   *Stdout out
   int total
   def g = trio(3)
   loop { next(g) -> a, b, c; .total = total + a + b + c | ; break }
   console!out.Puts("total "(total))
}
DODO
for opt in -O0 -O1; do
    "$DODOC" -g $opt wide.dodo -o wide
    [ "$(./wide)" = "total 18" ] || fail "$opt: the program printed: $(./wide)"
    out=$(gdb -batch -nx -ex 'break wide.dodo:4' -ex run -ex c \
        -ex 'echo @@wide\n' -ex bt ./wide 2>&1) || true
    stopped_or_skip "wide.dodo:4"
    expect wide '^#0 .*wide\.trio' 'in wide\.Run \(\) at wide\.dodo:10$' 'in dodo_main \('
done
