# --help (and -h) print the usage on stdout, exit 0, and name every option.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
"$DODOC" --help >help 2>err || fail "--help exited with status $?"
[ ! -s err ] || fail "--help wrote to stderr: $(cat err)"
head -n 1 help | grep -q '^Usage: dodoc ' || fail "--help does not start with 'Usage: dodoc'"
for opt in -o -S -c --emit= -fsyntax-only -g -O0 -O1 -O2 --asm-comments --color= \
           -ferror-limit= -Wall -Wunused-variable -Wunreachable-code -Wno- -w -Werror \
           --help --version 'dodoc run' '[-- '; do
    grep -qF -- "$opt" help || fail "--help does not mention '$opt'"
done
"$DODOC" -h >h || fail "-h exited with status $?"
cmp -s help h || fail "-h differs from --help"
# --help exits before any input is read.
"$DODOC" --help nonexistent.dodo >/dev/null || fail "--help with an input did not exit 0"
echo ok
