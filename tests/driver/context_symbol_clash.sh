#!/usr/bin/env bash
# A module named like a C symbol the runtime uses (main.dodo, write.dodo), a
# runtime function (dodo_puts.dodo, dodo_str_eq.dodo) or a symbol dodoc
# emits (dodo_entry.dodo) gets the context symbol NAME..context (abi.md §2):
# exporting its own name would replace the C function with data, or
# redefine dodo_entry. Every C import of the built runtime is checked, and
# programs with each kind of clashing name are built and run.
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
  grep -qE "^[[:space:]]*\.globl[[:space:]]+$name\.\.context\$" <<<"$asm" || {
    echo "module '$name': no global context symbol '$name..context'"; exit 1; }
done
# A name that clashes with nothing keeps its own name as the symbol.
printf 'def Run() { }\n' > geometry.dodo
"$DODOC" -S -o - geometry.dodo | grep -qE '^[[:space:]]*\.globl[[:space:]]+geometry$'
for name in main write dodo_str_eq dodo_puts dodo_entry _start; do
  printf 'use console\ndef Run() {\n  *Stdout out\n  console!out.Puts("module %s")\n}\n' "$name" > "$name.dodo"
  "$DODOC" "$name.dodo" -o "prog_$name"
  [ "$(./prog_$name)" = "module $name" ] || { echo "module $name: wrong output"; exit 1; }
done
echo "ok"
