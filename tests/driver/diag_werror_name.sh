#!/usr/bin/env bash
# -Werror=NAME, -Wno-error=NAME and -Wno-NAME for every warning dodoc has,
# as GCC spells them: the bracket of a diagnostic names an accepted option.
set -euo pipefail
printf 'def Run() {\n   def unused = 1\n   loop { break }\n   return\n   def late = 2\n}\n' > w.dodo
fail() { echo "$1"; echo "$out"; exit 1; }

status=0; out=$("$DODOC" -fsyntax-only -Werror=unused-variable w.dodo 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "-Werror=unused-variable: status $status"
grep -q "w.dodo:2:8: error: unused variable 'unused' \[-Werror=unused-variable\]" <<<"$out" || fail "-Werror=unused-variable: no error"
grep -q "unreachable" <<<"$out" && fail "-Werror=unused-variable enabled another warning"

status=0; out=$("$DODOC" -fsyntax-only -Wall -Werror -Wno-error=unreachable-code w.dodo 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "-Wno-error=: status $status"
grep -q "w.dodo:5:8: warning: code will never be executed \[-Wunreachable-code\]" <<<"$out" || fail "-Wno-error=unreachable-code not a warning"
grep -q "error: unused variable 'unused' \[-Werror=unused-variable\]" <<<"$out" || fail "-Werror lost"

out=$("$DODOC" -fsyntax-only -Wall -Werror -Wno-error=all w.dodo 2>&1) || fail "-Wno-error=all: failed"
out=$("$DODOC" -fsyntax-only -Wall -Werror -Wno-error w.dodo 2>&1) || fail "-Wno-error: failed"
for name in unused-variable unreachable-code bidi-chars all; do
  for opt in "-W$name" "-Wno-$name" "-Werror=$name" "-Wno-error=$name"; do
    "$DODOC" -fsyntax-only "$opt" "$TESTDIR/../run/hello.dodo" 2>err.txt || { out=$(cat err.txt); fail "$opt rejected"; }
  done
done
status=0; out=$("$DODOC" -fsyntax-only -Werror=nonsense w.dodo 2>&1) || status=$?
[ "$status" -eq 1 ] && grep -q "unknown warning option '-Werror=nonsense'" <<<"$out" || fail "-Werror=nonsense accepted"
# -Wbidi-chars is on by default; -Wno-bidi-chars and -w turn it off.
printf 'def Run() {\n   # \xe2\x80\xae\n}\n' > b.dodo
out=$("$DODOC" -fsyntax-only b.dodo 2>&1) && grep -q "U+202E in comment \[-Wbidi-chars\]" <<<"$out" || fail "no bidi warning by default"
out=$("$DODOC" -fsyntax-only -Wno-bidi-chars b.dodo 2>&1) && [ -z "$out" ] || fail "-Wno-bidi-chars"
out=$("$DODOC" -fsyntax-only -w b.dodo 2>&1) && [ -z "$out" ] || fail "-w"
status=0; out=$("$DODOC" -fsyntax-only -Werror=bidi-chars b.dodo 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "-Werror=bidi-chars: status $status"
echo ok
