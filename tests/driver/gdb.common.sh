# What the gdb tests share (sourced by gdb_variables.sh and
# gdb_loop_call.sh; with its two dots, not a test of its own). They run gdb
# in batch mode with `echo @@NAME` between the parts of the session, and
# check each part's lines.
fail() { echo "FAIL: $*"; exit 1; }

# The section of gdb's output ($out) after `echo @@NAME` (up to the next one).
section() { awk -v want="@@$1" '/^@@/ { on = ($0 == want); next } on' <<<"$out"; }

# Each expected line, as a regular expression, must appear in the section.
expect() {
    local name=$1 text
    text=$(section "$name")
    shift
    for re in "$@"; do
        grep -Eq -- "$re" <<<"$text" || { echo "$out"; fail "$opt, $name: no line matching '$re'"; }
    done
}

# gdb stopped at its first breakpoint ($1: where, for the message). Only a
# debugger that may not trace (a container without ptrace) skips the test;
# any other failure to stop is one.
stopped_or_skip() {
    grep -q '^Breakpoint 1, ' <<<"$out" && return 0
    echo "$out"
    if grep -Eqi 'ptrace|operation not permitted|could not trace|cannot create process' <<<"$out"; then
        echo "SKIP: gdb cannot run the program here (ptrace is not permitted)"
        exit 0
    fi
    fail "$opt: gdb did not stop at $1"
}

dwarfdump=$(command -v llvm-dwarfdump-14 || echo /usr/lib/llvm-14/bin/llvm-dwarfdump)
