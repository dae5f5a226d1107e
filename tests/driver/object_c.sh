# -c writes STEM.o: an x86-64 object defining MODULE.Run (the module is the
# stem, or the __Module__ name) and not linked.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo

"$DODOC" -c hello.dodo
[ -s hello.o ] || fail "no hello.o"
[ ! -e hello ] || fail "-c also linked ./hello"
nm hello.o >syms
grep -q ' T hello\.Run$' syms || { cat syms; fail "hello.o does not define hello.Run"; }
grep -q ' U dodo_' syms || { cat syms; fail "hello.o should leave the runtime's symbols undefined"; }
objdump -f hello.o | grep -q 'file format elf64-x86-64' || fail "hello.o is not an ELF64 x86-64 object"
objdump -f hello.o | grep -q 'EXEC_P' && fail "hello.o is an executable, not an object"

{ echo "__Module__ geometry"; cat hello.dodo; } >shape.dodo
"$DODOC" -c shape.dodo -o named.o
nm named.o | grep -q ' T geometry\.Run$' || { nm named.o; fail "__Module__ geometry: no geometry.Run"; }

# The object links with the runtime into the same program.
"$DODOC" hello.o -o linked
[ "$(./linked)" = "Hello, World!" ] || fail "hello.o linked by dodoc printed: $(./linked)"
echo ok
