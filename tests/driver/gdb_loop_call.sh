#!/usr/bin/env bash
# -g: a function called from a generator loop's body. Inside it, at -O0
# and -O1, `bt` reaches the consumer and below it the runtime, and `up`
# finds the consumer's variables: its CFA comes from the marker the body
# keeps at its RSP, not from RBP. The same in a generator that consumes a
# generator (the marker holds an offset there), and for a call that passes
# parameters on the stack and gets a result area back. The CFI and DWARF
# pass llvm-dwarfdump's verifier.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
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

# The section of gdb's output after `echo @@NAME` (up to the next one).
section() { awk -v want="@@$1" '/^@@/ { on = ($0 == want); next } on' <<<"$out"; }
# Each expected line, as a regular expression, must appear in the section.
expect() {
    local name=$1 text
    text=$(section "$name")
    shift
    for re in "$@"; do
        grep -Eq -- "$re" <<<"$text" || { echo "$out"; fail "$opt, $name: no line matching '$re'"; }
    done
}

dwarfdump=$(command -v llvm-dwarfdump-14 || echo /usr/lib/llvm-14/bin/llvm-dwarfdump)
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
    if ! grep -q '^Breakpoint 1, ' <<<"$out"; then
        # Only a debugger that may not trace (a container without ptrace)
        # skips the test; any other failure to stop is one.
        if grep -Eqi 'ptrace|operation not permitted|could not trace|cannot create process' <<<"$out"; then
            echo "$out"
            echo "SKIP: gdb cannot run the program here (ptrace is not permitted)"
            exit 0
        fi
        echo "$out"
        fail "$opt: gdb did not stop at prog.dodo:2"
    fi
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
