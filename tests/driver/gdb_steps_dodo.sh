#!/usr/bin/env bash
# -g: gdb stops at a dodo line, `next` steps over a dodo call (a jmp with
# continuations), and `bt` shows the pending dodo functions and their
# arguments (issue 6).
set -euo pipefail
cat > fact.dodo <<'DODO'
use console
def fact(int n) -> return(int) {
   if (n <= 1) return 1
   def r = fact(n - 1)
   return n * r
}
def Run() {
   *Stdout out
   def x = fact(5)
   console!out.Puts(""(x))
   console!out.Puts("done")
}
DODO
"$DODOC" -g fact.dodo -o fact
# the first statement of each function ends its prologue
asm=$("$DODOC" -g -S -o - fact.dodo)
grep -q "\.loc 1 3 4 prologue_end" <<<"$asm"
out=$(gdb -q -batch -ex "break fact.dodo:3" -ex "ignore 1 3" -ex run -ex bt \
          -ex "delete" -ex "break fact.dodo:9" -ex run -ex next -ex next \
          -ex "info line" -ex "kill" ./fact 2>&1)
echo "$out"
grep -q "fact.fact (n=2) at fact.dodo:3" <<<"$out"
# the fourth call: fact(2) pending in three fact frames and Run
[ "$(grep -c '^#[0-9].* fact.fact (n=[0-9]) at fact.dodo' <<<"$out")" -eq 4 ]
grep -q "^#4 .* fact.Run () at fact.dodo:9" <<<"$out"
# below Run, the runtime's trampoline and C's main: no garbage frames
grep -q "^#6 .* dodo_main (" <<<"$out"
# next from line 9 lands on 10 then 11: the call was stepped over
grep -q '^10	   console!out.Puts(""(x))' <<<"$out"
grep -q '^11	   console!out.Puts("done")' <<<"$out"
# objdump maps instructions to dodo lines
dis=$(objdump -dl fact)
grep -q "fact.dodo:5" <<<"$dis"
