# A compiled program follows C on its standard output: `prog | head -1`
# ends it quietly with the SIGPIPE status; other failed writes say why
# (strerror) with status 3; an unhandled event is reported even when stdout
# is full.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
printf 'use console\ndef Run() {\n   *Stdout out\n   loop { console!out.Puts("tick") }\n}\n' > forever.dodo
printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts("hi")\n   throw "boom"\n}\n' > event.dodo
"$DODOC" forever.dodo -o forever
"$DODOC" event.dodo -o event

# Started with SIGPIPE at its default, whoever runs the tests.
python3 - <<'PY' || fail "prog | head -1"
import signal, subprocess, sys
p = subprocess.Popen(["./forever"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
first = p.stdout.readline()
p.stdout.close()
err = p.stderr.read()
st = p.wait(timeout=60)
if first != b"tick\n" or st != -signal.SIGPIPE or err:
    sys.exit("first line %r, status %d, stderr %r" % (first, st, err))
PY

if [ -w /dev/full ]; then
  st=0; ./forever >/dev/full 2>err || st=$?
  [ $st -eq 3 ] || fail "forever >/dev/full: status $st"
  [ "$(cat err)" = "dodo: fatal: cannot write to standard output: No space left on device" ] \
    || fail "forever >/dev/full: $(cat err)"
  st=0; ./event >/dev/full 2>err || st=$?
  [ $st -eq 3 ] || fail "event >/dev/full: status $st"
  printf 'dodo: fatal: cannot write to standard output: No space left on device\ndodo: unhandled event: boom\n' > want
  cmp -s err want || { cat err; fail "event >/dev/full: the event is not reported"; }
fi
st=0; ./forever >&- 2>err || st=$?
[ $st -eq 3 ] || fail "forever >&-: status $st"
[ "$(cat err)" = "dodo: fatal: cannot write to standard output: Bad file descriptor" ] \
  || fail "forever >&-: $(cat err)"
echo ok
