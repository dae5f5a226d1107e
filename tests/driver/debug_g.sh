# -g: the assembly has .file and .loc directives (none without -g), and the
# linked program's line table names the .dodo source (objdump -dl).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo

"$DODOC" -S -o plain.s hello.dodo
grep -Eq '^\s*\.(loc|file)\b' plain.s && fail "debug directives without -g"

"$DODOC" -g -S -o debug.s hello.dodo
grep -Eq '^\s*\.file 1 "hello\.dodo"' debug.s || fail "-g: no '.file 1 \"hello.dodo\"'"
# Run's statements are on lines 2 to 5 of hello.dodo.
for line in 2 4 5; do
    grep -Eq "^\s*\.loc 1 $line [0-9]+" debug.s || fail "-g: no '.loc 1 $line'"
done

"$DODOC" -g hello.dodo -o hello
[ "$(./hello)" = "Hello, World!" ] || fail "the -g program printed: $(./hello)"
objdump -dl hello >dump
grep -Eq '^/.*/hello\.dodo:5' dump || { grep -n 'dodo' dump | head; fail "objdump -dl does not show hello.dodo:5"; }
grep -Eq '^hello\.Run\(\):' dump || fail "objdump -dl does not name hello.Run()"
echo ok
