# The habits of gcc users: -v shows the as and cc commands as they run;
# -### shows them quoted and runs nothing; -save-temps keeps STEM.s and
# STEM.o; -l, -L, -Wl, and -static go to the linker, in their place among
# the inputs.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
export TMPDIR
cp "$TESTDIR/../run/hello.dodo" hello.dodo

# -v: the commands, then the build as usual.
"$DODOC" -v hello.dodo -o hello 2>err
[ "$(./hello)" = "Hello, World!" ] || fail "-v: the program was not built"
grep -qE '^ as --64 -o [^ ]*/input0\.o [^ ]*/input0\.s$' err || { cat err; fail "-v: no as command"; }
grep -qE '^ cc -o [^ ]*/a\.out [^ ]*/input0\.o [^ ]*libdodort\.a' err || { cat err; fail "-v: no cc command"; }
# gcc -v alone prints the version.
"$DODOC" -v 2>err; grep -q '^dodoc [0-9]' err || fail "-v alone: $(cat err)"

# -###: quoted, nothing run, nothing written, nothing left.
rm -f hello
"$DODOC" -### hello.dodo -o hello -lm 2>err
grep -qE '^ "as" "--64" "-o" "[^"]*/input0\.o" "[^"]*/input0\.s"$' err || { cat err; fail "-###: as"; }
grep -qE '^ "cc" "-o" "[^"]*/a\.out" "[^"]*/input0\.o" "-lm" "[^"]*libdodort\.a"' err || { cat err; fail "-###: cc"; }
[ "$(ls -A | sort | tr '\n' ' ')" = "err hello.dodo " ] || fail "-### wrote files: $(ls -A)"
cp hello.dodo 'odd "name".dodo'
"$DODOC" -### -save-temps 'odd "name".dodo' 2>err
grep -qxF ' "as" "--64" "-o" "odd \"name\".o" "odd \"name\".s"' err || { cat err; fail "-###: quotes are not escaped"; }
rm 'odd "name".dodo' 

# -save-temps: STEM.s and STEM.o beside, the same as -S and -c give.
"$DODOC" -save-temps hello.dodo -o hello 2>err || { cat err; fail "-save-temps"; }
[ -s hello.s ] && [ -s hello.o ] || fail "-save-temps: no hello.s/hello.o: $(ls)"
"$DODOC" -S hello.dodo -o ref.s
cmp -s hello.s ref.s || fail "-save-temps: hello.s differs from -S"
[ "$(./hello)" = "Hello, World!" ] || fail "-save-temps: the program"
"$DODOC" -v -save-temps hello.dodo -o hello 2>err
grep -qx ' as --64 -o hello.o hello.s' err || { cat err; fail "-save-temps -v: as on the saved names"; }
# ... never over an input
cp "$TESTDIR/../run/conform_fib_extern.s" hello.s 2>/dev/null || printf '\t.text\n' > hello.s
cp hello.s keep.s
st=0; "$DODOC" -save-temps hello.dodo hello.s -o x 2>err || st=$?
[ $st -eq 1 ] && grep -qF "the output file 'hello.s' is the input file 'hello.s'" err || { cat err; fail "-save-temps over an input"; }
cmp -s hello.s keep.s || fail "-save-temps overwrote an input"
rm -f hello.s hello.o keep.s ref.s

# -l and -L: an external function from a C library. -Wl,: a link map.
cat > twice.c <<'C'
#include <stdint.h>
/* dodo's convention for `def twice(int x) -> return(int)` is not C's; the
 * library only has to be linked: dodo_unused is never called. */
int64_t dodo_unused(int64_t x) { return 2 * x; }
C
cc -c twice.c -o twice.o && ar rcs libtwice.a twice.o
"$DODOC" hello.dodo -o hello -L . -ltwice -Wl,-Map,hello.map -Wl,--undefined=dodo_unused 2>err \
  || { cat err; fail "-L/-l/-Wl"; }
[ -s hello.map ] || fail "-Wl,-Map,hello.map: no map file"
grep -q 'libtwice\.a' hello.map || fail "-ltwice: the library was not linked"
nm hello > syms # not piped into grep -q: nm would die of SIGPIPE under pipefail
grep -q ' T dodo_unused$' syms || fail "-ltwice: dodo_unused missing"
[ "$(./hello)" = "Hello, World!" ] || fail "-l: the program"
"$DODOC" -### -Lx hello.dodo -lm -static 2>err
grep -qE '^ "cc" "-o" "[^"]*" "-Lx" "[^"]*/input0\.o" "-lm" "-static" ' err || { cat err; fail "linker options out of order"; }
st=0; "$DODOC" hello.dodo -lno_such_library_here -o x 2>err || st=$?
[ $st -eq 1 ] || fail "-l of a missing library: status $st"
[ ! -e x ] || fail "a failed link left x"

# -static: no program interpreter (not with sanitizers, which cannot link statically).
if ! "$DODOC" -### hello.dodo 2>&1 | grep -q fsanitize; then
  "$DODOC" -static hello.dodo -o hello_static 2>err || { cat err; fail "-static"; }
  readelf -l hello_static | grep -q INTERP && fail "-static: the program is dynamic"
  [ "$(./hello_static)" = "Hello, World!" ] || fail "-static: the program"
fi
[ -z "$(ls -d dodoc-* 2>/dev/null)" ] || fail "work directories left: $(ls -d dodoc-*)"
echo ok
