# When `as` rejects what dodoc generated, that is dodoc's bug: status 4 and
# `internal compiler error`, with no output file and no temporary left. An
# `as` that always rejects its input as GNU as does (`FILE:LINE: Error:`),
# first on PATH, stands in for such a bug.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
cp "$TESTDIR/../run/hello.dodo" hello.dodo
mkdir fakebin work
printf '#!/bin/sh\necho "$4: Assembler messages:" >&2\necho "$4:3: Error: no such instruction: \`bad'"'"'" >&2\nexit 1\n' > fakebin/as
chmod +x fakebin/as
for mode in "" -c; do
  st=0; TMPDIR="$PWD/work" PATH="$PWD/fakebin:$PATH" "$DODOC" $mode hello.dodo -o out 2>err || st=$?
  [ $st -eq 4 ] || { cat err; fail "'$mode': status $st, expected 4"; }
  grep -q "internal compiler error: the assembler rejected the generated code" err || { cat err; fail "'$mode': message"; }
  grep -q ":3: Error: no such instruction" err || { cat err; fail "'$mode': the assembler's message is not shown"; }
  [ ! -e out ] || fail "'$mode': an output file was left"
  [ -z "$(ls work)" ] || fail "'$mode': the private directory was left: $(ls work)"
done
ls | grep -q '\.tmp-' && fail "a temporary was left: $(ls)"
echo ok
