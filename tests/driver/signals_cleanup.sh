# An interrupted or killed build leaves nothing behind: no temporary beside
# the output, no work directory in TMPDIR, no orphaned program.
#  - stderr a closed pipe (`dodoc -S bad.dodo -o out.s 2>&1 | true`): dodoc
#    dies of SIGPIPE, as C programs do, after removing out.s.tmp-*;
#  - `ulimit -f` (SIGXFSZ): an error saying the file is too large, status 1;
#  - SIGTERM, SIGINT, SIGHUP while `as` runs: `as` gets the signal too, the
#    work directory goes, dodoc dies of the signal;
#  - `dodoc run` killed by SIGTERM: the program gets the signal as well.
# The signals are sent by a stand-in `as` (to its parent, dodoc) or once the
# program has printed, so nothing races a sleep; every wait is bounded.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
export TMPDIR
mkdir work fakebin
no_debris() { # no_debris WHAT
  [ -z "$(ls -A work)" ] || fail "$1: the work directory was left: $(ls -A work)"
  ! ls | grep -q '\.tmp-' || fail "$1: a temporary was left: $(ls)"
}
printf 'def Run() { nope }\n' > bad.dodo
cp "$TESTDIR/../run/hello.dodo" hello.dodo

# SIGPIPE: stderr is a pipe whose reading end is already closed.
python3 - "$DODOC" <<'PY' || fail "SIGPIPE"
import os, subprocess, sys
r, w = os.pipe(); os.close(r)
p = subprocess.run([sys.argv[1], "-S", "bad.dodo", "-o", "out.s"], stderr=w, timeout=60,
                   env=dict(os.environ, TMPDIR=os.path.abspath("work")))
sys.exit(0 if p.returncode == -13 else "status %d, expected death by SIGPIPE" % p.returncode)
PY
[ ! -e out.s ] || fail "SIGPIPE: out.s was written"
no_debris SIGPIPE

# SIGXFSZ: a 4 KiB file size limit; the assembly is larger.
python3 -c '
print("use console")
for i in range(200): print("def f%d(int a) -> return(int) = a + %d" % (i, i))
print("def Run() { *Stdout out; console!out.Puts(\"\"(f1(1))) }")' > big.dodo
for args in "-S big.dodo -o out.s" "big.dodo -o out"; do
  st=0; (ulimit -f 4; TMPDIR=$PWD/work exec "$DODOC" $args) 2>err || st=$?
  [ $st -eq 1 ] || { cat err; fail "ulimit -f ($args): status $st, expected 1"; }
  grep -q "dodoc: error: cannot write '.*': File too large" err || { cat err; fail "ulimit -f ($args): message"; }
  no_debris "ulimit -f ($args)"
done
[ ! -e out.s ] && [ ! -e out ] || fail "ulimit -f: an output was written"

# A signal while `as` runs: the stand-in signals dodoc and waits to be killed.
for sig in TERM INT HUP; do
  printf '#!/bin/sh\nkill -%s $PPID\nexec sleep 60\n' "$sig" > fakebin/as
  chmod +x fakebin/as
  python3 - "$DODOC" "$sig" <<'PY' || fail "SIG$sig during as"
import os, signal, subprocess, sys, time
sig = getattr(signal, "SIG" + sys.argv[2])
env = dict(os.environ, TMPDIR=os.path.abspath("work"),
           PATH=os.path.abspath("fakebin") + ":" + os.environ["PATH"])
# Whoever started the tests may ignore SIGINT or SIGHUP (a signal ignored
# on entry stays ignored); start dodoc with them at their defaults.
def defaults():
    for n in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(n, signal.SIG_DFL)
start = time.monotonic()
p = subprocess.run([sys.argv[1], "hello.dodo", "-o", "out"], env=env, timeout=50,
                   preexec_fn=defaults)
if p.returncode != -sig:
    sys.exit("status %d, expected death by %s" % (p.returncode, sig))
if time.monotonic() - start > 30:
    sys.exit("dodoc waited for the stand-in as instead of passing the signal on")
PY
  [ ! -e out ] || fail "SIG$sig: an output was written"
  no_debris "SIG$sig during as"
done

# `dodoc run` killed by SIGTERM: the program (which prints forever) dies too;
# its stdout reaches end of file once nobody holds it.
printf 'use console\ndef Run() {\n   *Stdout out\n   loop { console!out.Puts("tick") }\n}\n' > forever.dodo
python3 - "$DODOC" <<'PY' || fail "dodoc run and SIGTERM"
import os, select, signal, subprocess, sys, time
p = subprocess.Popen([sys.argv[1], "run", "forever.dodo"], stdout=subprocess.PIPE,
                     env=dict(os.environ, TMPDIR=os.path.abspath("work")),
                     preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
if p.stdout.readline() != b"tick\n":
    sys.exit("the program did not start")
p.send_signal(signal.SIGTERM)
if p.wait(timeout=30) != -signal.SIGTERM:
    sys.exit("status %d, expected death by SIGTERM" % p.returncode)
fd = p.stdout.fileno()
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 1)
    if ready and not os.read(fd, 65536):
        sys.exit(0)
sys.exit("the program outlived dodoc run (orphaned)")
PY
no_debris "dodoc run and SIGTERM"
echo ok
