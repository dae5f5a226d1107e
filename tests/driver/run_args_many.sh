# `dodoc run prog.dodo -- ARGS` passes every argument, however many (the
# command line's limit is the system's, not dodoc's input limit of 256).
# An object with an ELF constructor (glibc passes it argc and argv) reports
# what the program got.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
cat >count_args.c <<'C'
#include <stdio.h>
__attribute__((constructor)) static void count_args(int argc, char **argv) {
  fprintf(stderr, "argc=%d last=%s\n", argc, argv[argc - 1]);
}
C
cc -c -o count_args.o count_args.c || fail "cannot compile the helper"
st=0; "$DODOC" run hello.dodo count_args.o -- $(seq 1 300) >/dev/null 2>err || st=$?
[ $st -eq 0 ] || { cat err; fail "status $st"; }
grep -qx 'argc=301 last=300' err || fail "300 arguments after --, the program got: $(cat err)"
echo ok
