#!/usr/bin/env bash
# -g: a function called from a generator loop's body. Inside it, at -O0
# and -O1, `bt` reaches the consumer and below it the runtime, and `up`
# finds the consumer's variables: its CFA comes from the marker the body
# keeps at its RSP, not from RBP. The same in a generator that consumes a
# generator (the marker holds an offset there), and for a call that passes
# parameters on the stack and gets a result area back. The CFI and DWARF
# pass llvm-dwarfdump's verifier.
set -euo pipefail
. "$TESTDIR/gdb.common.sh"
cat > prog.dodo <<'DODO'
use console
def inc(int x) -> return(int) = x + 1
def trio(int a, b, c, d, e) -> return(int, int, int) {
   return(a + e, b * e, c - d)
}
def upto(int n) -> yield(int) | end() { int i = 0 ; loop { if (i >= n) end() ; yield(i) ; .i = i + 1 } }
def scaled(int n) -> yield(int) | end() {
   int k = 7
   for w in upto(n) { yield(inc(w) * k) }
}
def Run() {
   *Stdout out
   int t = 5
   for v in upto(2) { .t = t + inc(v) }
   for v in scaled(1) {
      trio(v, 1, 2, 3, 4) -> x, y, z; .t = t + x + y + z
   }
   console!out.Puts(""(t))
}
DODO

for opt in -O0 -O1; do
    "$DODOC" -g $opt -c prog.dodo -o prog.o
    "$dwarfdump" --verify prog.o >verify.txt 2>&1 || { cat verify.txt; fail "$opt: llvm-dwarfdump --verify"; }
    frames=$(readelf --debug-dump=frames prog.o)
    grep -q 'DW_CFA_def_cfa_expression (DW_OP_breg7 (rsp): 0; DW_OP_deref; DW_OP_plus_uconst: ' \
        <<<"$frames" || fail "$opt: no CFA found through the marker of a body"

    "$DODOC" -g $opt prog.dodo -o prog
    [ "$(./prog)" = 22 ] || fail "$opt: the program printed: $(./prog)"
    out=$(gdb -batch -nx \
        -ex 'break prog.dodo:2' -ex run -ex continue \
        -ex 'echo @@inc\n' -ex 'info args' -ex bt \
        -ex 'echo @@consumer\n' -ex up -ex 'info locals' -ex up \
        -ex 'echo @@generator\n' -ex continue -ex bt -ex up -ex 'info locals' -ex up \
        -ex 'echo @@outer\n' -ex 'info locals' \
        -ex delete -ex 'break prog.dodo:4' -ex continue \
        -ex 'echo @@trio\n' -ex 'info args' -ex bt \
        -ex 'echo @@caller\n' -ex up -ex 'info locals' \
        -ex 'echo @@end\n' -ex kill ./prog 2>&1) || true
    stopped_or_skip prog.dodo:2
    # inc, called from Run's first loop body on the second value.
    expect inc '^x = 1$' '^#0 +prog\.inc \(x=1\) at prog\.dodo:2$' \
        '^#1 .* in prog\.Run \(\) at prog\.dodo:14$' '^#[2-9] .* in dodo_main \('
    expect consumer '^#1 .* in prog\.Run \(\) at prog\.dodo:14$' '^t = 6$' '^v = 1$'
    # inc, called from the body of a generator that consumes a generator.
    expect generator '^#0 +prog\.inc \(x=0\) at prog\.dodo:2$' \
        '^#1 .* in prog\.scaled \(n=1\) at prog\.dodo:9$' \
        '^#2 .* in prog\.Run \(\) at prog\.dodo:15$' '^#[3-9] .* in dodo_main \(' \
        '^k = 7$' '^w = 0$'
    expect outer '^t = 8$'
    # A call with a stacked parameter and a result area, from a loop body.
    expect trio '^a = 7$' '^e = 4$' \
        "^#0 +prog\\.trio \\(a=7, b=1, c=2, d=3, e=4\\) at prog\\.dodo:4\$" \
        '^#1 .* in prog\.Run \(\) at prog\.dodo:16$' '^#[2-9] .* in dodo_main \('
    expect caller '^t = 8$' '^v = 7$'
done
echo ok
