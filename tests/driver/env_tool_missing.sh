# Failures of the environment are errors (status 1) that say what failed,
# never `internal compiler error` (status 4): no `as` or no `cc` on PATH, an
# `as` that cannot write its object (a full disk), an `as` killed by a
# signal. Nothing is left in TMPDIR or beside the output.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
mkdir work onlyas fullas killedas
ln -s "$(command -v as)" onlyas/as
real_as=$(command -v as)
# as --64 -o OBJ SRC, writing the object to a full disk.
printf '#!/bin/sh\nexec %s --64 -o /dev/full "$4"\n' "$real_as" > fullas/as
printf '#!/bin/sh\nkill -KILL $$\n' > killedas/as
chmod +x fullas/as killedas/as

check() { # check NAME PATH EXPECTED-MESSAGE dodoc-args...
  local name=$1 path=$2 msg=$3; shift 3
  local st=0
  TMPDIR="$PWD/work" PATH=$path "$DODOC" "$@" 2>err || st=$?
  [ $st -eq 1 ] || { cat err; fail "$name: status $st, expected 1"; }
  grep -qF "$msg" err || { cat err; fail "$name: no '$msg'"; }
  grep -q 'internal compiler error' err && { cat err; fail "$name: reported as an internal error"; }
  [ ! -e out ] || fail "$name: an output was left"
  [ -z "$(ls work)" ] || fail "$name: the work directory was left: $(ls work)"
  ls | grep -q '\.tmp-' && fail "$name: a temporary was left: $(ls)"
  return 0
}

check "no as" /nonexistent "dodoc: error: cannot run 'as': No such file or directory" hello.dodo -o out
check "no as, -c" /nonexistent "dodoc: error: cannot run 'as': No such file or directory" -c hello.dodo -o out
check "no cc" "$PWD/onlyas" "dodoc: error: cannot run 'cc': No such file or directory" hello.dodo -o out
if [ -w /dev/full ]; then
  check "as on a full disk" "$PWD/fullas:$PATH" "No space left on device" hello.dodo -o out
  grep -qF "dodoc: error: the assembler could not write" err || { cat err; fail "full disk: dodoc's message"; }
fi
check "as killed" "$PWD/killedas:$PATH" "dodoc: error: 'as' was killed by signal 9" hello.dodo -o out
check "no as, run" /nonexistent "cannot run 'as'" run hello.dodo
echo ok
