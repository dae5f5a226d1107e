#!/usr/bin/env bash
# Colour: never when TERM=dumb, NO_COLOR is set or stderr is not a terminal
# (auto); -fdiagnostics-color=always|never|auto decides as --color does.
set -euo pipefail
unset NO_COLOR  # the test runner sets it
printf 'def Run() {\n   x\n}\n' > c.dodo
esc=$'\033['
# script(1) gives dodoc a terminal for stderr.
on_tty() { script -qec "$*" /dev/null < /dev/null 2>&1 || true; }
if command -v script >/dev/null; then
  out=$(TERM=xterm on_tty "$DODOC" -fsyntax-only c.dodo)
  [[ "$out" == *"$esc"* ]] || { echo "no colour on a terminal"; exit 1; }
  out=$(TERM=dumb on_tty "$DODOC" -fsyntax-only c.dodo)
  [[ "$out" != *"$esc"* ]] || { echo "colour with TERM=dumb"; exit 1; }
  out=$(NO_COLOR=1 TERM=xterm on_tty "$DODOC" -fsyntax-only c.dodo)
  [[ "$out" != *"$esc"* ]] || { echo "colour with NO_COLOR"; exit 1; }
  out=$(TERM=xterm on_tty "$DODOC" -fdiagnostics-color=never -fsyntax-only c.dodo)
  [[ "$out" != *"$esc"* ]] || { echo "colour with -fdiagnostics-color=never"; exit 1; }
fi
out=$(TERM=dumb "$DODOC" -fdiagnostics-color=always -fsyntax-only c.dodo 2>&1 || true)
[[ "$out" == *"$esc"* ]] || { echo "no colour with -fdiagnostics-color=always"; exit 1; }
out=$("$DODOC" -fdiagnostics-color -fsyntax-only c.dodo 2>&1 || true)
[[ "$out" == *"$esc"* ]] || { echo "no colour with -fdiagnostics-color"; exit 1; }
out=$("$DODOC" -fdiagnostics-color=auto -fsyntax-only c.dodo 2>&1 || true)
[[ "$out" != *"$esc"* ]] || { echo "colour into a pipe"; exit 1; }
status=0; "$DODOC" -fdiagnostics-color=sometimes c.dodo 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "-fdiagnostics-color=sometimes: status $status"; exit 1; }
echo ok
