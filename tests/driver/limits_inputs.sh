#!/usr/bin/env bash
# Pathological inputs (issue 5): each either compiles or gives a located
# diagnostic with status 1 — never a signal, a hang, or an output file.
set -euo pipefail

# expect_error FILE LINE:COL TEXT: status 1, the first diagnostic at LINE:COL
# containing TEXT, and no output file.
expect_error() {
  local file=$1 where=$2 text=$3 status=0 err
  err=$(timeout 60 "$DODOC" "$file" -o out.bin 2>&1) || status=$?
  if [ "$status" -ne 1 ]; then echo "$file: status $status, expected 1"; echo "$err" | head -5; exit 1; fi
  local first
  first=$(grep -m1 ': error: ' <<<"$err" | cut -c1-400)
  case "$first" in
    "$file:$where: error: "*"$text"*) ;;
    *) echo "$file: expected error at $where with '$text', got: $first"; exit 1 ;;
  esac
  if [ -e out.bin ]; then echo "$file: output file left behind"; exit 1; fi
  echo "ok $file"
}
expect_ok() {
  local file=$1
  timeout 60 "$DODOC" "$file" -o ok.bin || { echo "$file: did not compile"; exit 1; }
  echo "ok $file"
}

: > empty.dodo
expect_error empty.dodo 1:1 "no entry point 'Run'"
printf '# only a comment\n#--- and a block +++\n' > comments.dodo
expect_error comments.dodo 1:1 "no entry point 'Run'"
printf 'def Run() {\n  \0\n}\n' > nul.dodo
expect_error nul.dodo 2:3 "NUL byte"
printf 'use console\ndef Run() {\n  *Stdout out\n  console!out.Puts("\xff")\n}\n' > badstr.dodo
expect_error badstr.dodo 4:20 "invalid UTF-8 in string literal"
printf 'def Run() { \xc3 }\n' > badcode.dodo
expect_error badcode.dodo 1:13 "invalid UTF-8"
printf '# \xff\xfe in a comment is fine\ndef Run() { }\n' > badcomment.dodo
expect_ok badcomment.dodo
printf 'def R\xc3\xa9n() { }\n' > utf8name.dodo
expect_error utf8name.dodo 1:6 "non-ASCII character"
printf 'use console\r\ndef Run() {\r\n  *Stdout out\r\n  console!out.Puts("crlf")\r\n}\r\n' > crlf.dodo
expect_ok crlf.dodo
[ "$(./ok.bin)" = crlf ]
printf 'def Run() {\n\t\tx\n}\n' > tabs.dodo
expect_error tabs.dodo 2:17 "undeclared name 'x'"
python3 -c "print('def Run() { def s = \"' + 'a'*1000000 + '\" + 1 }')" > longline.dodo
expect_error longline.dodo 1:1000024 "invalid operands to '+'"
err=$("$DODOC" longline.dodo -o x 2>&1 || true)
[ "$(wc -L <<<"$err")" -lt 300 ] || { echo "long line not truncated in the snippet"; exit 1; }
python3 -c "print('def Run() { def x = ' + '('*10000 + '1' + ')'*10000 + ' }')" > parens.dodo
expect_error parens.dodo 1:276 "nested too deeply (the limit is 256 levels)"
python3 -c "print('def Run() {' + ' if (true) {'*10000 + '}'*10001)" > braces.dodo
expect_error braces.dodo 1:3076 "nested too deeply (the limit is 256 levels)"
python3 -c "print('def f(int x) -> return(int) {\n   if (x = 0) return 0\n' + ''.join('   else if (x = %d) return %d\n' % (i, i) for i in range(1, 200000)) + '   return 1\n}\ndef Run() { }')" > elseif.dodo
expect_error elseif.dodo 28571:24 "nested too deeply"
# 50,000 locals in one function: name lookup must not be a linear scan
# (this took 21 s once); the last one is read, and one in an inner block.
python3 -c "print('use console\ndef Run() {\n   *Stdout out\n' + ''.join('   def v%d = %d\n' % (i, i) for i in range(50000)) + '   if (v5 = 5) {\n      def w = v7 + v49999\n      console!out.Puts(\"\"(w))\n   }\n}')" > locals.dodo
expect_ok locals.dodo
[ "$(./ok.bin)" = 50006 ]
python3 -c "print('def Run() { def x = ' + '+'.join(['1']*1000000) + ' }')" > flat.dodo
expect_error flat.dodo 1:8020 "nested too deeply"
python3 -c "print('use console\ndef Run() { *Stdout out\n def x = ' + '+'.join(['1']*3000) + '\n console!out.Puts(\"\"(x)) }')" > flat3k.dodo
expect_ok flat3k.dodo
[ "$(./ok.bin)" = 3000 ]
printf 'def Run() { def x = 12345678901234567890 }\n' > lit20.dodo
expect_error lit20.dodo 1:21 "integer literal 12345678901234567890 is out of range"
printf 'def Run() {\n  def s = "never closed\n}\n' > unterminated.dodo
expect_error unterminated.dodo 2:11 "missing terminating '\"' character"
printf 'def Run() { }\n#--- open\n  #--- nested +++\n' > opencomment.dodo
expect_error opencomment.dodo 2:1 "unterminated block comment"
python3 -c "print('use console\ndef Run() { *Stdout out\n def ' + 'a'*65536 + ' = 7\n console!out.Puts(\"\"(' + 'a'*65536 + ')) }')" > ident.dodo
expect_ok ident.dodo
[ "$(./ok.bin)" = 7 ]

# Text that looks like a local label in a comment (--asm-comments copies the
# source line) once sized -O1's label table: terabytes, an internal error.
printf 'use console\ndef Run() {\n   *Stdout out\n   console!out.Puts(".L.1 .L.99999999999")\n}\n' > labeltext.dodo
timeout 60 "$DODOC" -S -O1 --asm-comments labeltext.dodo -o labeltext.s || { echo "labeltext.dodo: did not compile"; exit 1; }
echo "ok labeltext.dodo"

# Inputs the driver cannot read, and outputs it cannot write.
status=0; "$DODOC" missing.dodo -o x 2>err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "cannot open 'missing.dodo'" err.txt
mkdir -p adir.dodo
status=0; "$DODOC" adir.dodo -o x 2>err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "is a directory" err.txt
printf 'def Run() { }\n' > fine.dodo
if [ "$(id -u)" -ne 0 ]; then
  cp fine.dodo locked.dodo; chmod 000 locked.dodo
  status=0; "$DODOC" locked.dodo -o x 2>err.txt || status=$?
  [ "$status" -eq 1 ] && grep -q "Permission denied" err.txt
fi
status=0; "$DODOC" fine.dodo -o /nonexistent/dir/prog 2>err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "/nonexistent/dir/prog" err.txt
echo "all limits ok"
