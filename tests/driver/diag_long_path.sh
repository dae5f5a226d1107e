#!/usr/bin/env bash
# A path of 1,234 bytes keeps its :line:col: (the prefix was cut at 1,024).
set -euo pipefail
dir=$(python3 -c "print('/'.join(['d' * 200] * 5))")
mkdir -p "$dir"
path="$dir/$(python3 -c "print('p' * (1234 - 5 - len('$dir') - 1))").dodo"
[ "${#path}" -eq 1234 ] || { echo "path is ${#path} bytes"; exit 1; }
printf 'def Run() {\n   x\n}\n' > "$path"
status=0; out=$("$DODOC" -fsyntax-only "$path" 2>&1) || status=$?
[ "$status" -eq 1 ] || { echo "status $status"; exit 1; }
grep -qF "$path:2:4: error: use of undeclared name 'x'" <<<"$out" || { echo "no position after the long path"; echo "$out" | cut -c1200-1300; exit 1; }
echo ok
