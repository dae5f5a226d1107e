# A failed build never touches an existing output file: not on a compile
# error, a -Werror warning or a failed link, for the executable, -S and -c.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts(""(nope))\n}\n' >bad.dodo
printf 'use console\ndef Run() {\n   *Stdout out\n   def unused = 1\n}\n' >warn.dodo
printf 'use console\ndef ext(int n) -> return(int)\ndef Run() {\n   *Stdout out\n   console!out.Puts(""(ext(1)))\n}\n' >nolink.dodo

echo "precious" >target
touch -d '2001-01-01 00:00' target
before=$(stat -c '%Y %i %s' target)
keep() {
    [ "$(cat target)" = "precious" ] || fail "$*: target was overwritten"
    [ "$(stat -c '%Y %i %s' target)" = "$before" ] || fail "$*: target was touched"
    [ "$(ls -A | sort | tr '\n' ' ')" = "bad.dodo err nolink.dodo target warn.dodo " ] \
        || fail "$*: files left: $(ls -A)"
}
for mode in "" -S -c; do
    "$DODOC" $mode bad.dodo -o target 2>err && fail "'$mode' bad.dodo: status 0"
    keep "'$mode' compile error"
    "$DODOC" $mode -Wall -Werror warn.dodo -o target 2>err && fail "'$mode' -Werror: status 0"
    keep "'$mode' -Werror"
done
"$DODOC" nolink.dodo -o target 2>err && fail "nolink.dodo: status 0"
grep -q 'linking failed' err || { cat err; fail "nolink.dodo: the link did not fail"; }
keep "failed link"
echo ok
