# Warnings are off by default; -Wall, -Wunused-variable, -Wunreachable-code
# turn them on, -Wno-NAME and -w off; they do not change the exit status.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cat >w.dodo <<'DODO'
use console
def f() -> return(int) {
   return 1
   return 2
}
def Run() {
   *Stdout out
   def unused = 5
   console!out.Puts("hi")
}
DODO
unused="w.dodo:8:8: warning: unused variable 'unused' [-Wunused-variable]"
dead="w.dodo:4:4: warning: code will never be executed [-Wunreachable-code]"

check() {   # check FLAGS... -- expects: u (unused) d (dead) or nothing
    local want=$1; shift
    rm -f w
    local st=0; "$DODOC" "$@" w.dodo 2>err || st=$?
    [ $st -eq 0 ] || { cat err; fail "$*: status $st"; }
    [ -x w ] || fail "$*: no executable"
    local got=""
    grep -qxF "$unused" err && got+=u
    grep -qxF "$dead" err && got+=d
    [ "$got" = "$want" ] || { cat err; fail "$*: warnings '$got', expected '$want'"; }
    if [ -z "$want" ]; then [ ! -s err ] || { cat err; fail "$*: stderr not empty"; }; fi
}
check ""
check ud -Wall
check u  -Wunused-variable
check d  -Wunreachable-code
check d  -Wall -Wno-unused-variable
check u  -Wall -Wno-unreachable-code
check "" -Wall -Wno-all
check "" -Wall -w
check u  -w -Wunused-variable

"$DODOC" -Wall w.dodo 2>err
grep -qx '2 warnings generated\.' err || { cat err; fail "-Wall: no '2 warnings generated.'"; }

for bad in -Wbogus -Wno-bogus; do
    st=0; "$DODOC" "$bad" w.dodo 2>err || st=$?
    [ $st -eq 1 ] || fail "$bad: status $st"
    grep -qF "unknown warning option '$bad'" err || { cat err; fail "$bad: no message"; }
done
echo ok
