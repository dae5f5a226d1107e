# --version prints exactly one line, "dodoc X.Y.Z", on stdout and exits 0
# without compiling anything.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
"$DODOC" --version >out 2>err || fail "status $?"
[ "$(wc -l <out)" -eq 1 ] || fail "expected one line, got: $(cat out)"
grep -Eq '^dodoc [0-9]+\.[0-9]+\.[0-9]+$' out || fail "not 'dodoc X.Y.Z': $(cat out)"
[ ! -s err ] || fail "stderr: $(cat err)"
"$DODOC" nonexistent.dodo --version >out2 || fail "--version after an input did not exit 0"
cmp -s out out2 || fail "--version printed something else after an input"
[ "$(ls -A | sort | tr '\n' ' ')" = "err out out2 " ] || fail "files were written: $(ls -A)"
echo ok
