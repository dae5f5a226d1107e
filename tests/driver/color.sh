# --color: 'always' colours diagnostics even when stderr is not a terminal
# and even with NO_COLOR set (NO_COLOR only changes 'auto'); 'never' and the
# default 'auto' on a pipe do not; 'auto' on a terminal colours unless
# NO_COLOR is set and non-empty. A bad --color value is an error.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
esc=$'\033['
printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts(""(nope))\n}\n' >bad.dodo

has_escapes() { grep -qF "$esc" "$1"; }

unset NO_COLOR
st=0; "$DODOC" --color=always bad.dodo 2>always || st=$?
[ $st -eq 1 ] || fail "--color=always: status $st, expected 1"
has_escapes always || fail "--color=always: no escape codes"
grep -qF "${esc}1;31merror:${esc}0m" always || { cat -v always; fail "--color=always: 'error:' is not bold red"; }
# Apart from the escapes, the text is the plain diagnostic.
"$DODOC" --color=never bad.dodo 2>never || true
has_escapes never && fail "--color=never: escape codes"
sed $'s/\033\\[[0-9;]*m//g' always | cmp -s - never || fail "--color=always text differs from --color=never"

"$DODOC" bad.dodo 2>auto_pipe || true
has_escapes auto_pipe && fail "default (auto) coloured a non-terminal stderr"

NO_COLOR=1 "$DODOC" --color=always bad.dodo 2>nc_always || true
has_escapes nc_always || fail "NO_COLOR=1 --color=always: no escape codes (NO_COLOR should only affect auto)"

# auto on a terminal: stderr on a pseudo-terminal.
on_tty() {
    python3 - "$DODOC" "$@" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
sys.stdout.buffer.write(data)
PY
}
on_tty bad.dodo >tty_auto
grep -q 'nope' tty_auto || fail "no diagnostic captured from the terminal"
has_escapes tty_auto || fail "auto on a terminal: no escape codes"
NO_COLOR=1 on_tty bad.dodo >tty_nocolor
has_escapes tty_nocolor && fail "auto on a terminal with NO_COLOR=1: escape codes"
NO_COLOR= on_tty bad.dodo >tty_empty
has_escapes tty_empty || fail "auto on a terminal with NO_COLOR empty: no escape codes"
on_tty --color=never bad.dodo >tty_never
has_escapes tty_never && fail "--color=never on a terminal: escape codes"

st=0; "$DODOC" --color=sometimes bad.dodo 2>err || st=$?
[ $st -eq 1 ] || fail "--color=sometimes: status $st"
grep -q "invalid argument 'sometimes' to --color" err || { cat err; fail "--color=sometimes: no message"; }
echo ok
