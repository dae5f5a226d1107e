#!/usr/bin/env bash
# A module named like a C symbol the runtime uses (main.dodo, write.dodo)
# must not export its context block under that name, or the link would
# replace the C function with data. Every C import of the built runtime is
# checked, and two such programs are built and run.
set -euo pipefail
lib="$(dirname "$DODOC")/runtime/libdodort.a"
imports=$(nm -u --format=just-symbols "$lib" | grep -v '^_' | grep -v '^dodo_' | sort -u)
[ -n "$imports" ]
for name in $imports; do
  printf 'def Run() { }\n' > "$name.dodo"
  asm=$("$DODOC" -S -o - "$name.dodo")
  if grep -qE "^[[:space:]]*\.globl[[:space:]]+$name\$" <<<"$asm"; then
    echo "module '$name' exports a context symbol that clashes with the C library"
    exit 1
  fi
done
for name in main write; do
  printf 'use console\ndef Run() {\n  *Stdout out\n  console!out.Puts("module %s")\n}\n' "$name" > "$name.dodo"
  "$DODOC" "$name.dodo" -o "prog_$name"
  [ "$(./prog_$name)" = "module $name" ]
done
echo "ok"
