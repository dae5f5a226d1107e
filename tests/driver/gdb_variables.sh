#!/usr/bin/env bash
# -g: gdb prints dodo variables (issue 15). At -O0 and -O1, `info args`,
# `info locals` and `print` show int, bool and String parameters and locals
# in a plain function, in Run, in a generator, in a for-loop body and in a
# function whose body is one expression on the line of its `def`; `bt`
# inside the generator reaches its consumer; `up` finds the caller's
# variables. The DWARF passes llvm-dwarfdump's verifier.
set -euo pipefail
. "$TESTDIR/gdb.common.sh"
cat > prog.dodo <<'DODO'
use console
def describe(int n, bool big, String label) -> return(String) {
   String word = "small"
   if (big) .word = "big"
   int twice = n * 2
   return ""(label)": "(word)" "(twice)
}
def countdown(int from, String tag) -> yield(int) | end() {
   int i = from
   bool going = i > 0
   loop {
      if (i <= 0) end()
      yield(i)
      .i = i - 1
   }
}
def Run() {
   *Stdout out
   int total = 0
   bool seen = false
   String name = "dodo"
   for v in countdown(3, "cd") {
      int sq = v * v
      .total = total + sq
      .seen = true
   }
   console!out.Puts(describe(total, seen, name))
   console!out.Puts(""(square(total)))
}
def square(int x) -> return(int) = x * x
DODO

for opt in -O0 -O1; do
    "$DODOC" -g $opt -c prog.dodo -o prog.o
    "$dwarfdump" --verify prog.o >verify.txt 2>&1 || { cat verify.txt; fail "$opt: llvm-dwarfdump --verify"; }
    info=$(readelf --debug-dump=info prog.o)
    for name in describe countdown Run; do
        grep -q "DW_AT_name *: $name\$" <<<"$info" || fail "$opt: no DIE for function $name"
    done
    grep -q "DW_AT_linkage_name: prog.countdown" <<<"$info" || fail "$opt: no linkage name prog.countdown"

    "$DODOC" -g $opt prog.dodo -o prog
    [ "$(./prog)" = $'dodo: big 28\n196' ] || fail "$opt: the program printed: $(./prog)"
    out=$(gdb -batch -nx \
        -ex 'break prog.dodo:25' -ex run \
        -ex 'echo @@body\n' -ex 'info args' -ex 'info locals' -ex 'print total' -ex 'print name' \
        -ex delete -ex 'break prog.dodo:14' -ex continue \
        -ex 'echo @@generator\n' -ex 'info args' -ex 'info locals' -ex bt \
        -ex 'echo @@consumer\n' -ex up -ex 'info locals' \
        -ex delete -ex 'break prog.dodo:27' -ex continue \
        -ex 'echo @@run\n' -ex 'info args' -ex 'info locals' -ex 'print total' -ex 'print seen' \
        -ex delete -ex 'break prog.dodo:6' -ex continue \
        -ex 'echo @@function\n' -ex 'info args' -ex 'info locals' -ex 'print twice' \
        -ex 'print big' -ex 'whatis label' -ex bt \
        -ex 'echo @@caller\n' -ex up -ex 'print total' -ex 'print name' \
        -ex delete -ex 'break prog.dodo:30' -ex continue \
        -ex 'echo @@expression\n' -ex 'info args' -ex bt \
        -ex 'echo @@end\n' -ex kill ./prog 2>&1) || true
    stopped_or_skip prog.dodo:25
    str='0x[0-9a-f]+ '
    # The for-loop body in Run, on the first value: line 25 has not run yet.
    expect body '^No arguments\.$' '^out = <optimized out>$' '^total = 9$' '^seen = false$' \
        "^name = $str\"dodo\"\$" '^v = 3$' '^sq = 9$' '^\$1 = 9$' "^\\\$2 = \\(String\\) $str\"dodo\"\$"
    # The generator, resumed after its first yield; its consumer is Run, and
    # below it the runtime (main itself may be a tail call away, as in the
    # sanitizer build).
    expect generator '^from = 3$' "^tag = $str\"cd\"\$" '^i = 3$' '^going = true$' \
        "^#0 +prog\\.countdown \\(from=3, tag=$str\"cd\"\\) at prog\\.dodo:14\$" \
        '^#1 .* in prog\.Run \(\) at prog\.dodo:22$' '^#[2-9] .* in dodo_main \('
    expect consumer '^total = 9$' '^seen = true$' '^v = 3$' '^sq = 9$'
    # Run after the loop, before the call.
    expect run '^No arguments\.$' '^total = 14$' '^seen = true$' '^\$[0-9]+ = 14$' '^\$[0-9]+ = true$'
    # A plain function, and its caller's frame.
    expect function '^n = 14$' '^big = true$' "^label = $str\"dodo\"\$" "^word = $str\"big\"\$" \
        '^twice = 28$' '^\$[0-9]+ = 28$' '^\$[0-9]+ = true$' '^type = String$' \
        "^#0 +prog\\.describe \\(n=14, big=true, label=$str\"dodo\"\\) at prog\\.dodo:6\$" \
        '^#1 .* in prog\.Run \(\) at prog\.dodo:27$'
    expect caller '^\$[0-9]+ = 14$' "^\\\$[0-9]+ = \\(String\\) $str\"dodo\"\$"
    # A function whose body is one expression on the line of its `def`:
    # gdb stops after the prologue, where the parameter is in its slot.
    expect expression '^x = 14$' '^#0 +prog\.square \(x=14\) at prog\.dodo:30$' \
        '^#1 .* in prog\.Run \(\) at prog\.dodo:28$'
done
echo ok
