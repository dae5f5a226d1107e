#!/usr/bin/env bash
# -fdiagnostics-format=json and =sarif: stderr is one JSON document that
# python's json module parses, with GCC's fields.
set -euo pipefail
cat > j.dodo <<'DODO'
def twice(int n) -> return(int) = n * 2
def Run() {
   def unused = 1
   int x = 0
   def y = twice(1, 2)
   x = x + 1
}
DODO
status=0
"$DODOC" -fsyntax-only -Wall -fdiagnostics-format=json j.dodo 2>json.txt || status=$?
[ "$status" -eq 1 ] || { echo "json: status $status"; cat json.txt; exit 1; }
python3 - <<'PY'
import json, sys
d = json.load(open("json.txt"))
assert isinstance(d, list), d
kinds = [(e["kind"], e["locations"][0]["caret"]["line"]) for e in d]
assert kinds[0] == ("warning", 3), kinds          # sorted by position
w = d[0]
assert w["message"] == "unused variable 'unused'", w
assert w["option"] == "-Wunused-variable", w
loc = w["locations"][0]
assert loc["caret"] == {"file": "j.dodo", "line": 3, "column": 8}, loc
assert loc["start"] == loc["caret"], loc
assert loc["finish"] == {"file": "j.dodo", "line": 3, "column": 13}, loc
arity = [e for e in d if e["kind"] == "error" and "takes 1 argument" in e["message"]]
assert len(arity) == 1, d
assert "option" not in arity[0]
notes = arity[0]["children"]
assert [n["kind"] for n in notes] == ["note"], notes
assert notes[0]["locations"][0]["caret"]["line"] == 1, notes
stmt = [e for e in d if e["locations"][0]["caret"]["line"] == 6 and e["kind"] == "error"]
assert stmt and any(f["string"] == "." for e in stmt for c in [e] + e["children"] for f in c.get("fixits", [])), stmt
PY
status=0
"$DODOC" -fsyntax-only -Wall -fdiagnostics-format=sarif j.dodo 2>sarif.txt || status=$?
[ "$status" -eq 1 ] || { echo "sarif: status $status"; cat sarif.txt; exit 1; }
python3 - <<'PY'
import json
s = json.load(open("sarif.txt"))
assert s["version"] == "2.1.0", s
assert "sarif-schema-2.1.0" in s["$schema"]
run = s["runs"][0]
assert run["tool"]["driver"]["name"] == "dodoc"
assert run["invocations"][0]["executionSuccessful"] is False
res = run["results"]
assert res[0]["level"] == "warning" and res[0]["ruleId"] == "-Wunused-variable", res[0]
region = res[0]["locations"][0]["physicalLocation"]["region"]
assert region == {"startLine": 3, "startColumn": 8, "endColumn": 14}, region
assert res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "j.dodo"
arity = [r for r in res if "takes 1 argument" in r["message"]["text"]][0]
assert arity["level"] == "error"
rel = arity["relatedLocations"]
assert rel and rel[0]["physicalLocation"]["region"]["startLine"] == 1, rel
PY
# No colour codes in machine-readable output, even when asked for.
"$DODOC" -fsyntax-only --color=always -fdiagnostics-format=json j.dodo 2>json2.txt || true
python3 -c "import json; json.load(open('json2.txt'))"
# A clean program: an empty array.
"$DODOC" -fsyntax-only -fdiagnostics-format=json "$TESTDIR/../run/hello.dodo" 2>ok.txt
[ "$(cat ok.txt)" = "[]" ] || { echo "clean program:"; cat ok.txt; exit 1; }
status=0; "$DODOC" -fdiagnostics-format=xml j.dodo 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "-fdiagnostics-format=xml accepted"; exit 1; }
echo ok
