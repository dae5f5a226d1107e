#!/usr/bin/env bash
# Programs of several modules (language.md §12) built by the driver: all at
# once, in two steps (-c then a link taking an object), with -I, and by make
# from the -MD rules: touching one module's file rebuilds the modules that
# read its header and no other.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p src inc
cat > src/main.dodo <<'DODO'
use console
use geometry
def Run() {
   *Stdout out
   console!out.Puts(""(area(6, 7))" "(shapes.sides())" "(geometry.unit))
}
DODO
cat > inc/geometry.dodo <<'DODO'
__Header__
def area(int w, h) -> return(int)
def unit = 10
__Main__
def area(int w, h) -> return(int) = w * h
DODO
cat > src/shapes.dodo <<'DODO'
__Header__
def sides() -> return(int)
__Main__
def sides() -> return(int) = geometry.unit - 6
DODO
# all at once
"$DODOC" src/main.dodo inc/geometry.dodo src/shapes.dodo -o app1
[ "$(./app1)" = "42 4 10" ] || fail "one step: $(./app1)"
# geometry found through -I, shapes in the directory of main.dodo
"$DODOC" -c -I inc src/main.dodo
"$DODOC" -c inc/geometry.dodo
"$DODOC" -c -I inc src/shapes.dodo
[ -f main.o ] && [ -f geometry.o ] && [ -f shapes.o ] || fail "-c did not write STEM.o: $(ls)"
"$DODOC" main.o geometry.o shapes.o -o app2
[ "$(./app2)" = "42 4 10" ] || fail "objects only"
"$DODOC" -I inc src/main.dodo geometry.o src/shapes.dodo -o app3
[ "$(./app3)" = "42 4 10" ] || fail "a module given as an object"
# without -I, geometry is not found, and the message names where dodoc looked
st=0; "$DODOC" -c src/main.dodo 2>err || st=$?
[ $st -eq 1 ] || fail "missing module: status $st"
grep -q "module 'geometry' not found: no 'geometry.dodo' among the inputs, nor in 'src'" err || { cat err; fail "message"; }
# -S and -c of several inputs: one output per input
rm -f *.o
"$DODOC" -S -I inc src/main.dodo src/shapes.dodo
[ -f main.s ] && [ -f shapes.s ] || fail "-S of two inputs: $(ls)"
# make, from the -MD rules (a module depends on the headers it reads)
rm -f *.o *.s
cat > Makefile <<'MAKE'
DODOC ?= dodoc
OBJS = main.o geometry.o shapes.o
app: $(OBJS)
	$(DODOC) $(OBJS) -o $@
%.o: src/%.dodo
	$(DODOC) -c -MD -I inc $<
%.o: inc/%.dodo
	$(DODOC) -c -MD -I inc $<
-include $(OBJS:.o=.d)
MAKE
make -s DODOC="$DODOC" >/dev/null
[ "$(./app)" = "42 4 10" ] || fail "make: $(./app)"
grep -q '^main.o: src/main.dodo inc/geometry.dodo' main.d || { cat main.d; fail "main.d"; }
grep -q '^shapes.o: src/shapes.dodo inc/geometry.dodo' shapes.d || { cat shapes.d; fail "shapes.d"; }
sleep 1
touch src/shapes.dodo
# main reads shapes' header; geometry does not
rebuilt=$(make -n DODOC=dodoc | grep -o 'src/[a-z]*\.dodo\|inc/[a-z]*\.dodo' | sort | tr '\n' ' ')
[ "$rebuilt" = "src/main.dodo src/shapes.dodo " ] || fail "touching shapes.dodo rebuilds: '$rebuilt'"
make -s DODOC="$DODOC" >/dev/null
sleep 1
touch inc/geometry.dodo
rebuilt=$(make -n DODOC=dodoc | grep -o 'src/[a-z]*\.dodo\|inc/[a-z]*\.dodo' | sort | tr '\n' ' ')
[ "$rebuilt" = "inc/geometry.dodo src/main.dodo src/shapes.dodo " ] || fail "touching geometry.dodo rebuilds: '$rebuilt'"
echo ok
