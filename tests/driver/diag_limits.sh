#!/usr/bin/env bash
# Inputs that once exhausted the compiler's time or stack (issue 15):
# each must compile quickly, never die of a signal.
set -euo pipefail

# 200,000 interpolations in one string: appending a piece walked the piece
# list to its end each time (quadratic; minutes).
python3 -c "
n = 200000
print('use console\ndef Run() {\n   *Stdout out\n   def x = 1\n   console!out.Puts(\"\"' + '(x)' * n + ')\n}')" > interp.dodo
timeout 60 "$DODOC" -fsyntax-only interp.dodo || { echo "200k interpolations: status $?"; exit 1; }
echo "ok interp.dodo"

# A call of a function with 300,000 parameters, under a 1 MiB stack: the
# checker held one pointer per parameter in a variable-length array.
python3 -c "
n = 300000
print('def f(int ' + ', '.join('a%d' % i for i in range(n)) + ') -> return() { return }')
print('def Run() { f(' + ', '.join('0' for i in range(n)) + ') }')" > params.dodo
status=0
(ulimit -s 1024; timeout 60 "$DODOC" -fsyntax-only params.dodo) || status=$?
[ "$status" -eq 0 ] || { echo "300k parameters under a 1 MiB stack: status $status"; exit 1; }
echo "ok params.dodo"
