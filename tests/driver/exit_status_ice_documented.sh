# The internal-compiler-error status, 4, is documented in --help next to the
# others (0 success, 1 errors). Not provoked here: there is no supported way.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
help=$("$DODOC" --help | tr '\n' ' ' | tr -s ' ')
grep -q 'Exit status: 0 success, 1 errors' <<<"$help" || fail "--help does not document statuses 0 and 1"
grep -q '4 internal compiler error' <<<"$help" || fail "--help does not document status 4"
echo ok
