# The assembly of a large program streams to its output as it is generated
# (the compiler holds at most a few hundred KiB of it). The streamed file is
# complete, equal to what -S -o - prints; a write error midway (/dev/full)
# is a diagnostic with status 1; and an existing output stays untouched when
# a later compile fails.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
python3 - <<'PY'
with open("big.dodo", "w") as f:
    f.write("use console\ndef f0(int a) -> return(int) = a + 1\n")
    for i in range(1, 3000):
        f.write("def f%d(int a) -> return(int) {\n   int x = a * 3\n"
                "   if (x > 7) { .x = x - 7 }\n   return f%d(x %% 100) + 1\n}\n" % (i, i - 1))
    f.write('def Run() {\n   *Stdout out\n   console!out.Puts(""(f2999(1)))\n}\n')
PY
"$DODOC" -S big.dodo -o big.s
"$DODOC" -S big.dodo -o - > stdout.s
cmp big.s stdout.s || fail "streamed -S differs from -S -o -"
[ "$(stat -c %s big.s)" -gt 1000000 ] || fail "the test program is too small to stream"
tail -n 1 big.s | grep -q "note.GNU-stack" || fail "the streamed file is truncated"
"$DODOC" big.dodo -o big && [ "$(./big)" = "$(./big)" ] || fail "linking the streamed assembly"
if [ -w /dev/full ]; then
  st=0; "$DODOC" -S big.dodo -o /dev/full 2>err || st=$?
  [ $st -eq 1 ] || fail "-o /dev/full: status $st"
  grep -q "cannot write '/dev/full': No space left on device" err || { cat err; fail "-o /dev/full: message"; }
fi
cp big.s before.s
printf 'def Run() { undefined() }\n' >> big.dodo
st=0; "$DODOC" -S big.dodo -o big.s 2>/dev/null || st=$?
[ $st -eq 1 ] || fail "a failed compile: status $st"
cmp big.s before.s || fail "a failed compile changed the existing output"
ls | grep -q '\.tmp-' && fail "a temporary was left behind: $(ls)"
echo ok
