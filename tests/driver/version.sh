# `dodoc --version` exits 0 and prints a line starting with "dodoc ".
set -euo pipefail
out=$("$DODOC" --version)
printf '%s\n' "$out" | grep -q '^dodoc ' || {
    echo "expected a line starting with 'dodoc ', got:"; printf '%s\n' "$out"; exit 1; }
