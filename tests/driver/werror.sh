# -Werror turns enabled warnings into errors: status 1, "[-Werror=NAME]",
# and no output file. It does nothing when no warning is enabled.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cat >w.dodo <<'DODO'
use console
def Run() {
   *Stdout out
   def unused = 5
   console!out.Puts("hi")
}
DODO
st=0; "$DODOC" -Wall -Werror w.dodo -o prog 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "-Wall -Werror: status $st, expected 1"; }
grep -qxF "w.dodo:4:8: error: unused variable 'unused' [-Werror=unused-variable]" err \
    || { cat err; fail "-Werror: the warning is not reported as an error"; }
grep -q 'warning:' err && fail "-Werror: a 'warning:' line remains"
grep -qx '1 error generated\.' err || { cat err; fail "no '1 error generated.'"; }
[ ! -e prog ] || fail "-Werror: an output file was written"

"$DODOC" -S -Wunused-variable -Werror w.dodo -o prog.s 2>/dev/null && fail "-S -Werror: status 0"
[ ! -e prog.s ] || fail "-S -Werror: prog.s was written"

"$DODOC" -Werror w.dodo -o prog 2>err || { cat err; fail "-Werror without enabled warnings failed"; }
[ -x prog ] || fail "-Werror without enabled warnings: no executable"
[ "$(ls -A | sort | tr '\n' ' ')" = "err prog w.dodo " ] || fail "unexpected files: $(ls -A)"
echo ok
