# -S and -c as docs/cli.md says (and gcc does): each input they apply to
# gives its own STEM.s / STEM.o (-S: .dodo files; -c: .dodo and .s files),
# other inputs are ignored, and -o names the output of a single such input.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
printf '\t.text\n\t.globl util_fn\nutil_fn:\n\tret\n\t.section .note.GNU-stack,"",@progbits\n' > util.s
cp util.s util.keep
{ echo "__Module__ other"; cat hello.dodo; } > other.dodo

# -S: the .dodo file's assembly; the .s input is ignored, not overwritten.
"$DODOC" -S hello.dodo util.s
grep -q '^hello\.Run:' hello.s || fail "-S: hello.s"
cmp -s util.s util.keep || fail "-S: util.s was changed"
[ ! -e util.o ] || fail "-S assembled util.s"
"$DODOC" -S util.s hello.dodo -o mine.s
grep -q '^hello\.Run:' mine.s || fail "-S -o mine.s: the .dodo file's assembly"

# -c: one object per input, named after each (the order does not matter).
rm -f hello.o
"$DODOC" -c util.s hello.dodo
nm hello.o | grep -q ' T hello\.Run$' || { nm hello.o; fail "-c: hello.o is not hello's object"; }
nm util.o | grep -q ' T util_fn$' || { nm util.o; fail "-c: util.o is not util's object"; }
"$DODOC" -c hello.dodo other.dodo
nm other.o | grep -q ' T other\.Run$' || fail "-c: other.o"
# a single applicable input: -o names it; .o inputs are ignored
"$DODOC" -c hello.o hello.dodo -o one.o
nm one.o | grep -q ' T hello\.Run$' || fail "-c -o one.o"

# Errors: -o with several outputs, no applicable input.
st=0; "$DODOC" -c hello.dodo util.s -o x.o 2>err || st=$?
[ $st -eq 1 ] && grep -qF "cannot specify '-o' with '-c' or '-S' with several files" err || { cat err; fail "-c -o, two inputs"; }
st=0; "$DODOC" -S hello.dodo other.dodo -o x.s 2>err || st=$?
[ $st -eq 1 ] && grep -qF "cannot specify '-o'" err || { cat err; fail "-S -o, two inputs"; }
st=0; "$DODOC" -S util.s 2>err || st=$?
[ $st -eq 1 ] && grep -qF -- "-S needs a .dodo input" err || { cat err; fail "-S without .dodo"; }
st=0; "$DODOC" -c hello.o 2>err || st=$?
[ $st -eq 1 ] && grep -qF -- "-c needs a .dodo or .s input" err || { cat err; fail "-c with only an object"; }
[ ! -e x.o ] && [ ! -e x.s ] || fail "an output was written by a failed command"
echo ok
