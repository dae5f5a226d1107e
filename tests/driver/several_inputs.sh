# A .dodo file links with hand-written assembly (.s) and objects (.o) given
# after it; a second .dodo file or an unknown suffix is an error.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
run=$TESTDIR/../run
cp "$run/conform_module_name.dodo" "$run/conform_module_name.s" .

"$DODOC" conform_module_name.dodo conform_module_name.s -o prog 2>err || { cat err; fail ".dodo + .s did not build"; }
./prog >out || fail "the program failed"
cmp -s out "$run/conform_module_name.out" || fail "output differs: $(cat out)"

# The same with the assembly first, and as an object.
as --64 -o helper.o conform_module_name.s
"$DODOC" helper.o conform_module_name.dodo -o prog2 2>err || { cat err; fail ".o + .dodo did not build"; }
./prog2 | cmp -s - "$run/conform_module_name.out" || fail "prog2 output differs"

# Without the assembly the external function is missing: the link fails.
st=0; "$DODOC" conform_module_name.dodo -o prog3 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "missing external: status $st, expected 1"; }
grep -q 'linking failed' err || { cat err; fail "missing external: no 'linking failed'"; }
[ ! -e prog3 ] || fail "a failed link left prog3"

cp "$run/hello.dodo" hello.dodo
cp "$run/hello.dodo" hello2.dodo
st=0; "$DODOC" hello.dodo hello2.dodo 2>err || st=$?
[ $st -eq 1 ] || fail "two modules defining Run: status $st"
grep -q "several modules define 'Run'" err || { cat err; fail "two modules defining Run: no message"; }
[ ! -e hello ] || fail "a failed build left hello"

echo text >notes.txt
st=0; "$DODOC" hello.dodo notes.txt 2>err || st=$?
[ $st -eq 1 ] || fail "notes.txt: status $st"
grep -qF "'notes.txt': unrecognised input file type" err || { cat err; fail "notes.txt: no message"; }
[ ! -e hello ] || fail "a failed build left ./hello"

printf 'this is not assembly\n' >broken.s
st=0; "$DODOC" hello.dodo broken.s 2>err || st=$?
[ $st -eq 1 ] || { cat err; fail "a broken .s: status $st, expected 1 (not an internal error)"; }
grep -qF "assembling 'broken.s' failed" err || { cat err; fail "broken.s: no message"; }
[ -z "$(ls -A | grep -E '^dodoc-|tmp-')" ] || fail "temporaries left: $(ls -A)"
echo ok
