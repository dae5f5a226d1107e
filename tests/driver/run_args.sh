# `dodoc run prog.dodo -- ARGS`: everything after -- goes to the program
# (not parsed as options or inputs). Dodo programs cannot read arguments
# yet, so an object with an ELF constructor (glibc passes it argc and argv)
# prints them.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
cat >show_args.c <<'C'
#include <stdio.h>
__attribute__((constructor)) static void show_args(int argc, char **argv) {
  for (int i = 1; i < argc; i++) fprintf(stderr, "arg%d=[%s]\n", i, argv[i]);
}
C
cc -c -o show_args.o show_args.c || fail "cannot compile the helper"

st=0; "$DODOC" run hello.dodo show_args.o -- -S --bogus "two words" x.dodo '' >out 2>err || st=$?
[ $st -eq 0 ] || { cat err; fail "status $st"; }
[ "$(cat out)" = "Hello, World!" ] || fail "stdout: $(cat out)"
printf 'arg1=[-S]\narg2=[--bogus]\narg3=[two words]\narg4=[x.dodo]\narg5=[]\n' | cmp -s - err \
    || { cat err; fail "the program did not get the arguments after --"; }

"$DODOC" run hello.dodo show_args.o >out 2>err || fail "run without --: status $?"
[ ! -s err ] || { cat err; fail "arguments passed without --"; }

# Without `run`, -- is not special: it is an unknown option.
"$DODOC" hello.dodo -- x 2>err && fail "'dodoc hello.dodo -- x' was accepted"
echo ok
