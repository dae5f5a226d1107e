# `cmake --install` of the build tree that holds $DODOC, into a temporary
# prefix: the installed dodoc (with DODOC_RUNTIME unset) finds the installed
# runtime in PREFIX/lib/dodoc, builds and runs hello, also after the prefix
# is moved; the man page is installed, and the Vim files go where Vim reads
# them for the documented prefixes (/usr/local, ~/.local).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
unset DODOC_RUNTIME

build=$(dirname "$DODOC")
[ -f "$build/cmake_install.cmake" ] || fail "$build (the directory of \$DODOC) is not a CMake build tree"
cmake --install "$build" --prefix "$TMPDIR/p" >install.log 2>&1 || { cat install.log; fail "cmake --install failed"; }

p=$TMPDIR/p
for f in bin/dodoc lib/dodoc/libdodort.a share/man/man1/dodoc.1 \
         share/vim/vimfiles/syntax/dodo.vim share/vim/vimfiles/ftdetect/dodo.vim; do
    [ -s "$p/$f" ] || { cat install.log; fail "not installed: $f"; }
done
[ -x "$p/bin/dodoc" ] || fail "bin/dodoc is not executable"

cp "$TESTDIR/../run/hello.dodo" hello.dodo
"$p/bin/dodoc" hello.dodo -o hello 2>err || { cat err; fail "the installed dodoc could not build hello"; }
[ "$(./hello)" = "Hello, World!" ] || fail "hello printed: $(./hello)"

# Relocatable: the runtime is found relative to the executable.
mv p moved
rm -f hello
"$TMPDIR/moved/bin/dodoc" hello.dodo -o hello 2>err || { cat err; fail "the moved install could not build hello"; }
[ "$(./hello)" = "Hello, World!" ] || fail "hello (moved install) printed: $(./hello)"

# The man page (tests/driver/manpage.sh checks its contents).
man=$TMPDIR/moved/share/man/man1/dodoc.1
head -n 5 "$man" | grep -q '^\.TH DODOC 1 ' || fail "dodoc.1 has no .TH DODOC 1 header"
grep -q "dodoc $("$DODOC" --version | awk '{print $2}')" "$man" || fail "dodoc.1 does not carry the version"
for opt in '\-o' '\-S' '\-c' '\-\-emit=' '\-fsyntax\-only' '\-g' '\-O0' '\-\-asm\-comments' \
           '\-\-color=' '\-ferror\-limit=' '\-Wall' '\-Werror' '\-Wno\-' '\-\-help' '\-\-version'; do
    grep -qF -- "$opt" "$man" || fail "dodoc.1 does not mention $opt"
done
grep -q '^\.SH EXIT STATUS' "$man" || fail "dodoc.1 has no EXIT STATUS section"
grep -q '^\.SH ENVIRONMENT' "$man" || fail "dodoc.1 has no ENVIRONMENT section"

vim=$TMPDIR/moved/share/vim/vimfiles
grep -q "current_syntax = 'dodo'" "$vim/syntax/dodo.vim" || fail "syntax/dodo.vim does not set b:current_syntax"
grep -q '\*\.dodo' "$vim/ftdetect/dodo.vim" || fail "ftdetect/dodo.vim does not match *.dodo"

# The documented prefixes: /usr/local (staged with DESTDIR) puts the Vim
# files in Debian's $VIM/vimfiles, ~/.local in ~/.vim. Both are on Vim's
# default 'runtimepath' (checked with vim itself when it is installed).
DESTDIR=$TMPDIR/stage cmake --install "$build" --prefix /usr/local >install.log 2>&1 || { cat install.log; fail "DESTDIR install"; }
[ -s stage/usr/local/bin/dodoc ] || fail "/usr/local: no bin/dodoc"
[ -s stage/usr/share/vim/vimfiles/syntax/dodo.vim ] && [ -s stage/usr/share/vim/vimfiles/ftdetect/dodo.vim ] \
  || { cat install.log; fail "/usr/local: the Vim files are not in /usr/share/vim/vimfiles"; }
mkdir home
HOME=$TMPDIR/home cmake --install "$build" --prefix "$TMPDIR/home/.local" >install.log 2>&1 || { cat install.log; fail "~/.local install"; }
[ -s home/.vim/syntax/dodo.vim ] && [ -s home/.vim/ftdetect/dodo.vim ] \
  || { cat install.log; fail "~/.local: the Vim files are not in ~/.vim"; }
if command -v vim >/dev/null; then
  HOME=$TMPDIR/home vim -es -N -u NONE -i NONE \
    -c 'redir! > rtp.txt | echo &rtp | echo globpath(&rtp, "syntax/dodo.vim") | redir END' -c 'qa!' </dev/null || true
  grep -q "/usr/share/vim/vimfiles" rtp.txt || { cat rtp.txt; fail "vim does not read /usr/share/vim/vimfiles"; }
  grep -q "$TMPDIR/home/.vim/syntax/dodo.vim" rtp.txt || { cat rtp.txt; fail "vim does not find ~/.vim/syntax/dodo.vim"; }
fi
echo "ok"
