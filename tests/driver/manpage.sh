# The man page (docs/dodoc.1.in, configured into the build tree as
# dodoc.1) is a real page: the `run` command, ENVIRONMENT, EXAMPLES and EXIT
# STATUS sections, and every option that `dodoc --help` lists.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
man=$(dirname "$DODOC")/dodoc.1
[ -s "$man" ] || fail "no $man"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT EXAMPLES 'SEE ALSO'; do
  grep -qx "\.SH $section" "$man" || fail "no $section section"
done
grep -qx '\.SS dodoc run' "$man" || fail "no 'dodoc run' subsection"
grep -q '^\.B dodoc run$' "$man" || fail "the synopsis lacks 'dodoc run'"
for var in DODOC_RUNTIME TMPDIR NO_COLOR PATH; do
  grep -qx "\.B $var" "$man" || fail "ENVIRONMENT does not describe $var"
done
grep -q "dodoc $("$DODOC" --version | awk '{print $2}')" "$man" || fail "the version is not filled in"
grep -q '@' "$man" && fail "an unconfigured @VARIABLE@ is left"
"$DODOC" --help | python3 -c '
import re, sys
man = open(sys.argv[1]).read()
missing = []
for line in sys.stdin:
    for opt in re.findall(r"(?<![\w-])(--?[A-Za-z#][\w#-]*=?|-[A-Z]?[a-z]*,)", line):
        opt = re.sub(r"[A-Z]+$", "", opt).rstrip(",") if opt not in ("-S", "-O0", "-O1", "-O2") else opt
        if opt.startswith("-Wl"): opt = "-Wl,"
        if opt and opt.replace("-", "\\-") not in man:
            missing.append(opt)
if missing:
    sys.exit("options of --help missing from the man page: " + " ".join(sorted(set(missing))))
' "$man"
echo ok
