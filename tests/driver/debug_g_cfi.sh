# `dodoc --help` says -g emits "debug information (.loc and CFI)". Either the
# -g assembly has CFI directives, or the help no longer promises them.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
if "$DODOC" --help | grep -E '^\s*-g\b' | grep -q 'CFI'; then
    "$DODOC" -g -S -o hello.s hello.dodo
    grep -Eq '^\s*\.cfi_startproc' hello.s \
        || fail "--help promises CFI with -g, but the -g assembly has no .cfi_startproc"
fi
echo ok
