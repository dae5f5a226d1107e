# `dodoc run prog.dodo` builds and runs the program with stdio inherited,
# exits with its status, and leaves no executable behind.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
run=$TESTDIR/../run
cp "$run/hello.dodo" "$run/unhandled_event.dodo" "$run/call_stack_overflow.dodo" .

st=0; "$DODOC" run hello.dodo >out 2>err || st=$?
[ $st -eq 0 ] || { cat err; fail "hello: status $st"; }
[ "$(cat out)" = "Hello, World!" ] || fail "hello printed: $(cat out)"
[ ! -s err ] || fail "hello: stderr: $(cat err)"

# An unhandled event: the program's status 1 and its message.
st=0; "$DODOC" run unhandled_event.dodo >out 2>err || st=$?
[ $st -eq 1 ] || fail "unhandled event: status $st, expected 1"
cmp -s out "$run/unhandled_event.out" || fail "unhandled event: stdout $(cat out)"
grep -qxF "dodo: unhandled event: boom" err || { cat err; fail "unhandled event: no message"; }

# Stack overflow: status 2, which no dodoc failure gives.
st=0; "$DODOC" run call_stack_overflow.dodo >out 2>err || st=$?
[ $st -eq 2 ] || { cat err; fail "stack overflow: status $st, expected 2"; }
grep -qxF "dodo: fatal: stack overflow" err || { cat err; fail "stack overflow: no message"; }

# Standard input is inherited too (the program does not read it, but a
# closed stdin must not break the run).
"$DODOC" run hello.dodo </dev/null >/dev/null || fail "run with stdin from /dev/null failed"

# A compile error: dodoc's own status 1, and nothing runs.
printf 'def Run() { nope }\n' >bad.dodo
st=0; "$DODOC" run bad.dodo >out 2>err || st=$?
[ $st -eq 1 ] || fail "bad.dodo: status $st"
grep -q "^bad.dodo:1:13: error: " err || { cat err; fail "bad.dodo: no diagnostic"; }

# -S, -c, --emit do not apply to run.
for m in -S -c --emit=ast -fsyntax-only; do
    "$DODOC" run $m hello.dodo >/dev/null 2>err && fail "run $m: status 0"
    grep -qF "'dodoc run' builds and runs a program" err || { cat err; fail "run $m: message"; }
done

# Nothing is left in the working directory (also $TMPDIR): no executable,
# no work directory; -o is ignored.
"$DODOC" run hello.dodo -o ignored >/dev/null || fail "run -o: failed"
[ "$(ls -A | sort | tr '\n' ' ')" = "bad.dodo call_stack_overflow.dodo err hello.dodo out unhandled_event.dodo " ] \
    || fail "files left: $(ls -A)"
echo ok
