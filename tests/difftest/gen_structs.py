#!/usr/bin/env python3
"""Random programs over structs (language.md §11), with what they must print.

    gen_structs.py SEED            print the program for SEED
    gen_structs.py --expect SEED   print its expected stdout, stderr and status

Each program declares prototypes (`def p1 = new struct { int x, y = 2 ;
String s = "a""b" ; p0 at }`, one field group a line or all on one line,
nested, with constant initialisers, sized-integer fields in about half the
programs; the first ones sized to take 1, 2 and 3 to 6 slots, then others
up to 16 and now and then `new struct { }`) and other prototypes of the
same types (`def o2 = new p1(x: 5)`, also used as type names and field
types), rendered in order or not (a prototype may name a later one).

Functions take structs of every width and return them (one slot: a
register; two: RAX:RDX; more: the result area; a parameter wider than a
slot goes on the stack), up to 8 parameters besides `*Stdout out` and a
`fuel` that bounds recursion; one continuation (`return(T)`, `return()`),
or 2 to 5 named ones carrying 0 to 3 values (structs, ints, sized ints,
strings, bools); bodies `= e` (the continuation list sometimes omitted)
or blocks. Generators take parameters of any width and yield one value of
any width or several (`yield(p1, int)`), consumed by `for a, b in g(…)`,
nested, left by `break`, events and continuations, with yields inside
handlers and loops; generator values (`def gv = g(…)`, `Generator(p1) gv
= …`, `next(gv) -> a; … | ; …`, `for a in gv`) of yields of any width,
also passed to functions that borrow them
(`def b3(Generator(p1) g) -> return(p1)`, advancing g).

Statements and expressions: `new v(field: e, …)` of a variable, a
prototype or a field path, `new v()`; field reads at any depth, also of a
call's result and of `(new …)`; `.v.a.b = e` and `.v = e`, among them
`.v.p = new v.p(x: v.p.y, y: v.p.x)` (the new value reads the old); `=`
and `!=` on structs, also against a copy rebuilt field by field through
identities (`new v(x: v.x + 0, s: ""(v.s))`), so that equal pairs are
common; interpolation of whole structs; calls with handlers as statements
and as values (handlers that print, assign, invoke the enclosing function's
continuations or throw); if-expressions; integer and sized-integer
arithmetic and conversions with their events, raised while structs are live
and handled by event handlers, or ending the program.

The interpreter below runs the same tree. Struct values are immutable
Python objects (SV): a field assignment builds a new value for the variable,
so every assignment, parameter, continuation value and yield is a copy, as
language.md §11 requires. Interpolation prints `name(f: v, …)` with the
name of the prototype that declared the type, String fields in quotes with
`"` doubled, recursively. Evaluation is left to right (`new v(b: e1, a: e2)`
evaluates e1 first). A generator consumed by `for … in g(…)` runs as a
callback of its yields, the loop body's way out (break, event, continuation)
carried through the generator's frames to the loop; a generator value runs
in a thread of its own, as in gen.py.

Like gen.py, a program whose run takes too long (steps, call depth, output)
is replaced by the seed's next attempt, and Run's statements are drawn one
at a time so that most programs run to their end (about one in six ends in
an unhandled event). run.py --structs runs these programs and reduces a
failing one by deleting functions, constants, prototypes and statements.

Standard library only (Python 3.9 or newer).
"""

import random
import sys
import threading

INT_MIN = -(1 << 63)
INT_MAX = (1 << 63) - 1

OVERFLOW = "integer overflow"
DIVZERO = "division by zero"
NEGEXP = "negative exponent"
MAX_STRING = 1 << 14

SIZED = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
BOUNDS = {"int": (INT_MIN, INT_MAX)}
for _t in SIZED:
    _bits = int(_t.lstrip("uint"))
    if _t.startswith("u"):
        BOUNDS[_t] = (0, (1 << _bits) - 1)
    else:
        BOUNDS[_t] = (-(1 << (_bits - 1)), (1 << (_bits - 1)) - 1)
INTS = ["int"] + SIZED
SCALARS = INTS + ["bool", "String"]

# Generator values yield values of any width, as generators consumed by a
# nested `for … in g(…)` do (one or two slots come in RAX and RDX, more in
# the room above SP1 the runtime's dodo_gen_step_wide keeps); the bound only
# keeps the programs' sizes in check.
GENVAL_MAX_SLOTS = 64


# ---------------------------------------------------------------------------
# Values and run-time control flow

class Event(Exception):
    def __init__(self, text):
        super().__init__(text)
        self.text = text


class Invoke(Exception):
    """A continuation of the function running in `frame` was invoked."""

    def __init__(self, frame, index, values):
        super().__init__()
        self.frame, self.index, self.values = frame, index, values


class Break(Exception):
    pass


class BodyExit(Exception):
    """Anything leaving the body of a `for … in g(…)` loop, carried through
    the generator's frames (whose handlers must not see it) to the loop."""

    def __init__(self, token, exc):
        super().__init__()
        self.token, self.exc = token, exc


class Unwound(Exception):
    """Raised at a suspended generator value's yield when it is destroyed."""


class Budget(Exception):
    """The program runs too long (or too deep, or prints too much)."""


def fit(t, v):
    lo, hi = BOUNDS[t]
    if v < lo or v > hi:
        raise Event(OVERFLOW)
    return v


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def power(t, a, b):
    if b < 0:
        raise Event(NEGEXP)
    r = 1
    for _ in range(b):
        r = fit(t, r * a)
        if r in (0, 1):
            break
        if r == -1:
            return 1 if b % 2 == 0 else -1
    return r


def arith(op, t, a, b):
    if op == "+":
        return fit(t, a + b)
    if op == "-":
        return fit(t, a - b)
    if op == "*":
        return fit(t, a * b)
    if op in ("/", "%"):
        if b == 0:
            raise Event(DIVZERO)
        q = tdiv(a, b)
        return fit(t, q) if op == "/" else a - b * q
    if op == "**":
        return power(t, a, b)
    raise AssertionError(op)


class SV:
    """A struct value: its type (the prototype that declared it), its field
    names and its values. Never changed in place: copies are free."""
    __slots__ = ("t", "names", "vals")

    def __init__(self, t, names, vals):
        self.t, self.names, self.vals = t, names, tuple(vals)

    def __eq__(self, o):
        return isinstance(o, SV) and self.t == o.t and self.vals == o.vals

    def __ne__(self, o):
        return not self.__eq__(o)

    __hash__ = None

    def get(self, name):
        return self.vals[self.names.index(name)]

    def replace(self, path, v):
        if not path:
            return v
        i = self.names.index(path[0])
        vals = list(self.vals)
        vals[i] = vals[i].replace(path[1:], v) if len(path) > 1 else v
        return SV(self.t, self.names, vals)


def to_text(v, quoted=False):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return '"' + v.replace('"', '""') + '"' if quoted else v
    return "%s(%s)" % (v.t, ", ".join("%s: %s" % (n, to_text(x, True))
                                      for n, x in zip(v.names, v.vals)))


class Frame:
    def __init__(self, fn, yield_cb=None):
        self.fn = fn
        self.vars = {}
        self.yield_cb = yield_cb
        self.genvals = []   # generator values made in this call


class Machine:
    def __init__(self, prog, max_steps=150000, max_depth=100, max_lines=1500):
        self.prog = prog
        self.out = []
        self.steps = 0
        self.depth = 0
        self.max_steps, self.max_depth, self.max_lines = max_steps, max_depth, max_lines
        self.globals = {}
        self.out_chars = 0

    def step(self):
        self.steps += 1
        if self.steps > self.max_steps:
            raise Budget()

    def puts(self, s):
        self.out.append(s + "\n")
        self.out_chars += len(s)
        if len(self.out) > self.max_lines or self.out_chars > (1 << 20):
            raise Budget()

    def lookup(self, frame, name):
        if frame is not None and name in frame.vars:
            return frame.vars[name]
        return self.globals[name]

    def call(self, fn, args, yield_cb=None):
        """Runs fn; returns (continuation index, values). Events propagate."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise Budget()
        frame = Frame(fn, yield_cb)
        frame.vars["out"] = None    # the *Stdout capability, if any
        for (name, _t, _tn), v in zip(fn.params, args):
            frame.vars[name] = v
        try:
            if fn.expr_body is not None:
                return 0, [fn.expr_body.eval(self, frame)]
            fn.body.exec(self, frame)
            return 0, []        # falling off the end
        except Invoke as inv:
            if inv.frame is not frame:
                raise
            return inv.index, inv.values
        finally:
            self.depth -= 1
            for gv in reversed(frame.genvals):
                gv.destroy()

    def run(self):
        """Returns (stdout, stderr, status)."""
        prog = self.prog
        for name, e in prog.consts:
            self.globals[name] = e.eval(self, None)
        for p in prog.protos:
            self.globals[p.name] = p.value(self)
        try:
            self.call(prog.run, [])
            return "".join(self.out), "", 0
        except Event as ev:
            return "".join(self.out), "dodo: unhandled event: %s\n" % ev.text, 1


# ---------------------------------------------------------------------------
# Expressions. prec: how tightly the rendered form binds (8 = primary).

PREC = {"or": 1, "and": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "=": 3, "!=": 3,
        "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "**": 6}


class Expr:
    prec = 8
    literal = False     # an integer literal, or operators over literals only

    def wrap(self, min_prec):
        s = self.render()
        return "(" + s + ")" if self.prec < min_prec else s


class Lit(Expr):
    def __init__(self, value, text=None):
        self.value = value
        self.text = text if text is not None else to_text(value)
        self.literal = isinstance(value, int) and not isinstance(value, bool)

    def render(self):
        return self.text

    def eval(self, m, f):
        m.step()
        return self.value


class MinLit(Expr):
    prec = 7
    literal = True

    def render(self):
        return "-9223372036854775808"

    def eval(self, m, f):
        m.step()
        return INT_MIN


class Str(Expr):
    """parts: ("s", text) | ("sp", "n"|"t"|"q") | ("e", Expr)."""

    def __init__(self, parts):
        merged = []
        for p in parts:
            if p[0] == "s" and merged and merged[-1][0] == "s":
                merged[-1] = ("s", merged[-1][1] + p[1])
            else:
                merged.append(p)
        self.parts = merged

    def render(self):
        out = []
        prev = None
        for kind, x in self.parts:
            if kind == "s":
                out.append('"' + x.replace('"', '""') + '"')
            elif kind == "sp":
                out.append("\\" + x)
            else:
                if prev is None:
                    out.append('""')
                out.append("(" + x.render() + ")")
            prev = kind
        return "".join(out)

    def eval(self, m, f):
        m.step()
        text = []
        for kind, x in self.parts:
            if kind == "s":
                text.append(x)
            elif kind == "sp":
                text.append({"n": "\n", "t": "\t", "q": '"'}[x])
            else:
                text.append(to_text(x.eval(m, f)))
        s = "".join(text)
        if len(s) > MAX_STRING:
            raise Budget()
        return s


class Var(Expr):
    def __init__(self, name):
        self.name = name

    def render(self):
        return self.name

    def eval(self, m, f):
        m.step()
        return m.lookup(f, self.name)


class Paren(Expr):
    def __init__(self, e):
        self.e = e
        self.literal = e.literal

    def render(self):
        return "(" + self.e.render() + ")"

    def eval(self, m, f):
        return self.e.eval(m, f)


class Field(Expr):
    """base.name; base a name, a field read, a plain call or (new …)."""

    def __init__(self, base, name):
        self.base, self.name = base, name

    def render(self):
        return "%s.%s" % (self.base.wrap(8), self.name)

    def eval(self, m, f):
        m.step()
        return self.base.eval(m, f).get(self.name)


class New(Expr):
    """new base(f: e, …): base a name or a field path."""
    prec = 7.5

    def __init__(self, base, updates):
        self.base, self.updates = base, updates

    def render(self):
        return "new %s(%s)" % (self.base.render(), ", ".join(
            "%s: %s" % (n, e.render()) for n, e in self.updates))

    def eval(self, m, f):
        m.step()
        v = self.base.eval(m, f)
        vals = [(n, e.eval(m, f)) for n, e in self.updates]
        for n, x in vals:
            v = v.replace((n,), x)
        return v


class Bin(Expr):
    """t: the operands' type."""

    def __init__(self, op, l, r, t):
        self.op, self.l, self.r, self.t = op, l, r, t
        self.prec = PREC[op]
        self.literal = l.literal and r.literal and op not in ("<", "<=", ">", ">=", "=", "!=")

    def render(self):
        p = self.prec
        if self.op == "**":
            ls, rs = self.l.wrap(p + 1), self.r.wrap(p)
        elif p == 3:
            ls, rs = self.l.wrap(p + 1), self.r.wrap(p + 1)
        else:
            ls, rs = self.l.wrap(p), self.r.wrap(p + 1)
        return "%s %s %s" % (ls, self.op, rs)

    def eval(self, m, f):
        m.step()
        op = self.op
        a = self.l.eval(m, f)
        if op == "and":
            return self.r.eval(m, f) if a else False
        if op == "or":
            return True if a else self.r.eval(m, f)
        b = self.r.eval(m, f)
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        if op == ">=":
            return a >= b
        if op == "=":
            return a == b
        if op == "!=":
            return a != b
        return arith(op, self.t, a, b)


class Un(Expr):
    prec = 7

    def __init__(self, op, e, t):
        self.op, self.e, self.t = op, e, t
        self.literal = e.literal and op == "-"

    def render(self):
        s = self.e.wrap(7)
        if self.op == "-":
            if s.startswith("-"):
                s = "(" + s + ")"
            return "-" + s
        return "not " + s

    def eval(self, m, f):
        m.step()
        v = self.e.eval(m, f)
        if self.op == "-":
            return fit(self.t, -v)
        return not v


class Conv(Expr):
    """T(e), e of another integer type."""

    def __init__(self, t, e):
        self.t, self.e = t, e

    def render(self):
        return "%s(%s)" % (self.t, self.e.render())

    def eval(self, m, f):
        m.step()
        return fit(self.t, self.e.eval(m, f))


def render_args(args):
    return ", ".join(a.render() for a in args)


class Call(Expr):
    """A plain call: the value of the first continuation."""

    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def render(self):
        return "%s(%s)" % (self.fn.name, render_args(self.args))

    def eval(self, m, f):
        m.step()
        args = [a.eval(m, f) for a in self.args]
        _i, vals = m.call(self.fn, args)
        return vals[0] if vals else None


class IfE(Expr):
    prec = 0

    def __init__(self, c, a, b):
        self.c, self.a, self.b = c, a, b
        self.literal = a.literal and b.literal

    def render(self):
        return "if (%s) %s else %s" % (self.c.render(), self.a.render(), self.b.render())

    def eval(self, m, f):
        m.step()
        return self.a.eval(m, f) if self.c.eval(m, f) else self.b.eval(m, f)


class InvokeE(Expr):
    """A continuation of the enclosing function: never comes back."""

    def __init__(self, fn, index, args, style):
        self.fn, self.index, self.args, self.style = fn, index, args, style

    def render(self):
        name = self.fn.conts[self.index][0]
        if name == "return" and self.style == "kw" and len(self.args) == 1:
            return "return " + self.args[0].wrap(1)
        return "%s(%s)" % (name, render_args(self.args))

    def eval(self, m, f):
        m.step()
        vals = [a.eval(m, f) for a in self.args]
        raise Invoke(f, self.index, vals)


class ThrowE(Expr):
    def __init__(self, e):
        self.e = e

    def render(self):
        return "throw " + self.e.render()

    def eval(self, m, f):
        m.step()
        raise Event(self.e.eval(m, f))


def never_completes(e):
    """Whether expression e always leaves by a continuation or an event, so
    that it has no type of its own (a throw, an invocation, a handled call
    whose handlers all never complete, an if whose arms both never do)."""
    if isinstance(e, (ThrowE, InvokeE)):
        return True
    if isinstance(e, Paren):
        return never_completes(e.e)
    if isinstance(e, IfE):
        return never_completes(e.a) and never_completes(e.b)
    if isinstance(e, HCall):
        return all(isinstance(b, Expr) and never_completes(b) for _n, b in e.handlers)
    return False


class HCall(Expr):
    """A call with handlers: handlers[i] = (names, body) for continuation i,
    then maybe one for the event. body: an Expr (the call is a value) or a
    Stmt."""
    prec = 0

    def __init__(self, fn, args, handlers, layout="inline"):
        self.fn, self.args, self.handlers, self.layout = fn, args, handlers, layout

    def render(self, indent=""):
        head = "%s(%s)" % (self.fn.name, render_args(self.args))
        inner = indent + "   " if self.layout == "lines" else indent
        parts = []
        for names, body in self.handlers:
            b = body.render_inline(inner) if isinstance(body, Stmt) else body.wrap(1)
            parts.append("%s; %s" % (", ".join(names), b) if names else "; " + b)
        if self.layout == "inline":
            return head + " -> " + " | ".join(parts)
        return head + "\n" + inner + "-> " + ("\n" + inner + "| ").join(parts)

    def eval(self, m, f):
        m.step()
        args = [a.eval(m, f) for a in self.args]
        has_event = len(self.handlers) > len(self.fn.conts)
        try:
            index, vals = m.call(self.fn, args)
        except Event as ev:
            if not has_event:
                raise
            index, vals = len(self.fn.conts), [ev.text]
        names, body = self.handlers[index]
        for n, v in zip(names, vals):
            f.vars[n] = v
        if isinstance(body, Stmt):
            body.exec(m, f)
            return None
        return body.eval(m, f)


class GenValue:
    """A generator value: the generator runs in a thread of its own, and
    control is handed over explicitly, so exactly one thread runs at a time."""

    def __init__(self, m, fn, args):
        self.m, self.fn, self.args = m, fn, args
        self.state = "fresh"        # fresh | suspended | done
        self.to_gen = threading.Semaphore(0)
        self.to_main = threading.Semaphore(0)
        self.unwinding = False
        self.reply = None

    def _run(self):
        self.to_gen.acquire()
        try:
            self.m.call(self.fn, self.args, yield_cb=self._yield)
            reply = ("end",)
        except Event as ev:
            reply = ("event", ev.text)
        except Unwound:
            reply = ("end",)
        except Budget:
            reply = ("budget",)
        except BaseException as e:   # an interpreter bug: reported in the consumer
            reply = ("error", e)
        self.state = "done"
        self.reply = reply
        self.to_main.release()

    def _yield(self, v):
        self.state = "suspended"
        self.reply = ("value", v)   # the list of values
        self.to_main.release()
        self.to_gen.acquire()
        if self.unwinding:
            raise Unwound()

    def _switch(self):
        self.to_gen.release()
        self.to_main.acquire()
        r = self.reply
        if r[0] == "budget":
            raise Budget()
        if r[0] == "error":
            raise r[1]
        return r

    def next(self):
        if self.state == "done":
            return ("end",)
        if self.state == "fresh":
            self.state = "running"
            threading.Thread(target=self._run, daemon=True).start()
        return self._switch()

    def destroy(self):
        if self.state == "suspended":
            self.unwinding = True
            try:
                self._switch()
            except Budget:
                pass
        elif self.state == "fresh":
            pass
        self.state = "done"


class GenMake(Expr):
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def render(self):
        return "%s(%s)" % (self.fn.name, render_args(self.args))

    def eval(self, m, f):
        m.step()
        gv = GenValue(m, self.fn, [a.eval(m, f) for a in self.args])
        f.genvals.append(gv)
        return gv


# ---------------------------------------------------------------------------
# Statements

class Stmt:
    def render_inline(self, indent):
        return self.render(indent)[len(indent):]


class Block(Stmt):
    def __init__(self, stmts):
        self.stmts = stmts

    def render(self, indent):
        return indent + self.render_inline(indent)

    def render_inline(self, indent):
        if not self.stmts:
            return "{ }"
        inner = indent + "   "
        return "{\n" + "\n".join(s.render(inner) for s in self.stmts) + "\n" + indent + "}"

    def exec(self, m, f):
        for s in self.stmts:
            s.exec(m, f)


def default_value(m, t, tname):
    if t in INTS:
        return 0
    if t == "bool":
        return False
    if t == "String":
        return ""
    return m.globals[tname]


class Decl(Stmt):
    """def v = e | T v = e | T v | T v, w (defaults)"""

    def __init__(self, names, t, tname, init):
        self.names, self.t, self.tname, self.init = names, t, tname, init

    def render(self, indent):
        if self.tname is None:
            return "%sdef %s = %s" % (indent, self.names[0], self.init.render())
        s = "%s%s %s" % (indent, self.tname, ", ".join(self.names))
        return s if self.init is None else s + " = " + self.init.render()

    def exec(self, m, f):
        m.step()
        if self.init is None:
            for n in self.names:
                f.vars[n] = default_value(m, self.t, self.tname)
        else:
            f.vars[self.names[0]] = self.init.eval(m, f)


class Assign(Stmt):
    """.name.f.g = e"""

    def __init__(self, name, path, e):
        self.name, self.path, self.e = name, path, e

    def render(self, indent):
        return "%s.%s = %s" % (indent, ".".join((self.name,) + self.path), self.e.render())

    def exec(self, m, f):
        m.step()
        v = self.e.eval(m, f)
        f.vars[self.name] = f.vars[self.name].replace(self.path, v) if self.path else v


class Puts(Stmt):
    def __init__(self, out, e):
        self.out, self.e = out, e

    def render(self, indent):
        return "%sconsole!%s.Puts(%s)" % (indent, self.out, self.e.render())

    def exec(self, m, f):
        m.step()
        m.puts(self.e.eval(m, f))


class ExprStmt(Stmt):
    def __init__(self, e):
        self.e = e

    def render(self, indent):
        if isinstance(self.e, HCall):
            return indent + self.e.render(indent)
        return indent + self.e.render()

    def exec(self, m, f):
        self.e.eval(m, f)


class If(Stmt):
    def __init__(self, c, then, els=None):
        if els is not None and not isinstance(then, Block):
            then = Block([then])
        self.c, self.then, self.els = c, then, els

    def render(self, indent):
        s = "%sif (%s) %s" % (indent, self.c.render(), self.then.render_inline(indent))
        if self.els is not None:
            s += " else " + self.els.render_inline(indent)
        return s

    def exec(self, m, f):
        m.step()
        if self.c.eval(m, f):
            self.then.exec(m, f)
        elif self.els is not None:
            self.els.exec(m, f)


class BreakS(Stmt):
    def render(self, indent):
        return indent + "break"

    def exec(self, m, f):
        m.step()
        raise Break()


class ForRange(Stmt):
    def __init__(self, var, lo, hi, body):
        self.var, self.lo, self.hi, self.body = var, lo, hi, body

    def render(self, indent):
        return "%sfor %s in %s...%s %s" % (indent, self.var, self.lo.wrap(1), self.hi.wrap(1),
                                            self.body.render_inline(indent))

    def exec(self, m, f):
        m.step()
        lo = self.lo.eval(m, f)
        hi = self.hi.eval(m, f)
        if hi - lo > 10000:
            raise Budget()
        try:
            i = lo
            while i <= hi:
                m.step()
                f.vars[self.var] = i
                self.body.exec(m, f)
                i += 1
        except Break:
            pass


class ForEach(Stmt):
    """for v, w in g(args) B: g consumed by the loop (nested mode)."""

    def __init__(self, names, gen, args, body):
        self.names, self.gen, self.args, self.body = names, gen, args, body

    def render(self, indent):
        return "%sfor %s in %s(%s) %s" % (indent, ", ".join(self.names), self.gen.name,
                                          render_args(self.args), self.body.render_inline(indent))

    def exec(self, m, f):
        m.step()
        args = [a.eval(m, f) for a in self.args]
        token = object()

        def body(vals):
            for n, v in zip(self.names, vals):
                f.vars[n] = v
            try:
                self.body.exec(m, f)
            except (Budget, Unwound):
                raise
            except Exception as exc:
                raise BodyExit(token, exc)
        try:
            m.call(self.gen, args, yield_cb=body)
        except BodyExit as bx:
            if bx.token is not token:
                raise
            if isinstance(bx.exc, Break):
                return
            raise bx.exc


class ForValue(Stmt):
    """for v, w in g B, g a generator value: break leaves g suspended."""

    def __init__(self, names, gv, body):
        self.names, self.gv, self.body = names, gv, body

    def render(self, indent):
        return "%sfor %s in %s %s" % (indent, ", ".join(self.names), self.gv,
                                      self.body.render_inline(indent))

    def exec(self, m, f):
        m.step()
        try:
            while True:
                m.step()
                r = f.vars[self.gv].next()
                if r[0] == "end":
                    return
                if r[0] == "event":
                    raise Event(r[1])
                for n, v in zip(self.names, r[1]):
                    f.vars[n] = v
                self.body.exec(m, f)
        except Break:
            pass


class NextS(Stmt):
    """next(g) -> v, w; A | ; B [| e; C]"""

    def __init__(self, gv, names, on_value, on_end, event=None):
        self.gv, self.names, self.on_value, self.on_end = gv, names, on_value, on_end
        self.event = event

    def render(self, indent):
        s = "%snext(%s) -> %s; %s | ; %s" % (indent, self.gv, ", ".join(self.names),
                                            self.on_value.render_inline(indent),
                                            self.on_end.render_inline(indent))
        if self.event:
            s += " | %s; %s" % (self.event[0], self.event[1].render_inline(indent))
        return s

    def exec(self, m, f):
        m.step()
        r = f.vars[self.gv].next()
        if r[0] == "value":
            for n, v in zip(self.names, r[1]):
                f.vars[n] = v
            self.on_value.exec(m, f)
        elif r[0] == "end":
            self.on_end.exec(m, f)
        elif self.event:
            f.vars[self.event[0]] = r[1]
            self.event[1].exec(m, f)
        else:
            raise Event(r[1])


class Throw(Stmt):
    def __init__(self, e):
        self.e = e

    def render(self, indent):
        return "%sthrow %s" % (indent, self.e.render())

    def exec(self, m, f):
        m.step()
        raise Event(self.e.eval(m, f))


class InvokeS(Stmt):
    def __init__(self, inv):
        self.inv = inv

    def render(self, indent):
        return indent + self.inv.render()

    def exec(self, m, f):
        self.inv.eval(m, f)


class YieldS(Stmt):
    def __init__(self, es, paren=True):
        self.es, self.paren = es, paren or len(es) != 1

    def render(self, indent):
        if self.paren:
            return "%syield(%s)" % (indent, render_args(self.es))
        return "%syield %s" % (indent, self.es[0].wrap(1))

    def exec(self, m, f):
        m.step()
        f.yield_cb([e.eval(m, f) for e in self.es])


class Raw(Stmt):
    def __init__(self, text):
        self.text = text

    def render(self, indent):
        return indent + self.text

    def exec(self, m, f):
        pass


# ---------------------------------------------------------------------------
# Program structure

class Proto:
    """def name = new struct { fields } (kind "struct"), or def name = new
    base(updates) (kind "copy"), base another prototype's name."""

    def __init__(self, name, t):
        self.name, self.t = name, t
        self.kind = "struct"
        self.fields = []     # (name, type, type name, initialiser or None)
        self.groups = []     # field indices declared together: `int x, y = 2`
        self.multiline = False
        self.base = None     # kind copy: the prototype copied
        self.updates = []

    def value(self, m):
        if self.kind == "copy":
            return New(Var(self.base), self.updates).eval(m, None)
        vals = []
        for _n, t, tn, init in self.fields:
            vals.append(default_value(m, t, tn) if init is None else init.eval(m, None))
        return SV(self.t, tuple(n for n, *_ in self.fields), vals)

    def render(self):
        if self.kind == "copy":
            return "def %s = %s" % (self.name, New(Var(self.base), self.updates).render())
        groups = []
        for g in self.groups:
            items = []
            for i in g:
                n, _t, _tn, init = self.fields[i]
                items.append(n if init is None else "%s = %s" % (n, init.render()))
            groups.append("%s %s" % (self.fields[g[0]][2], ", ".join(items)))
        if self.multiline and groups:
            return "def %s = new struct {\n%s\n}" % (self.name, "\n".join("   " + g for g in groups))
        if not groups:
            return "def %s = new struct { }" % self.name
        return "def %s = new struct { %s }" % (self.name, " ; ".join(groups))


class Func:
    def __init__(self, name, index, kind):
        self.name, self.index, self.kind = name, index, kind   # kind: fn | gen | run
        self.params = []      # (name, type, type name); type "out" for *Stdout
        self.conts = []       # (name, [(type, type name)])
        self.fuel = None
        self.borrows = None   # kind bfn: the types its Generator parameter yields
        self.body = None
        self.expr_body = None
        self.omit_conts = False
        self.out = None

    def single(self):
        """The type of the value of a plain call, or None."""
        if self.kind == "fn" and len(self.conts) == 1 and len(self.conts[0][1]) == 1:
            return self.conts[0][1][0][0]
        return None

    def render_sig(self, rng):
        if self.kind == "run":
            return "def Run()"
        ps = []
        prev = None
        for name, t, tn in self.params:
            if t == "out":
                ps.append("*Stdout " + name)
                prev = None
                continue
            ps.append(name if prev == tn and rng.random() < 0.5 else tn + " " + name)
            prev = tn
        s = "def %s(%s)" % (self.name, ", ".join(ps))
        if not self.omit_conts:
            s += " -> " + " | ".join("%s(%s)" % (n, ", ".join(tn for _t, tn in ts))
                                     for n, ts in self.conts)
        return s


class Program:
    def __init__(self):
        self.consts = []     # (name, Expr)
        self.const_types = {}
        self.protos = []     # Proto, in an order where each needs only earlier ones
        self.funcs = []
        self.run = None


CONT_NAMES = ["ok", "bad", "big", "small", "none", "pair", "fail", "done", "other", "neg"]
FIELD_NAMES = ["x", "y", "z", "w", "a", "b", "c", "d", "n", "m", "k", "s", "t", "u", "lo", "hi",
               "at", "tag", "on", "q"]
WORDS = ["a", "b", "x", "dodo", "Hello", "ok", "one two", "q\"q", "\"", "", "p(x: 1)", ", ",
         "(", ")", "it's", "#", "+++"]


class Scope:
    def __init__(self, fn, vars_, loop=False, out=None, noself=False):
        self.fn = fn
        self.noinvoke = False  # an `= e` body: no continuation named
        self.vars = vars_     # (name, type, type name, assignable)
        self.loop = loop
        self.out = out
        self.noself = noself  # no recursive call here (the base case)
        self.genvals = []     # names of the generator values visible here

    def child(self, loop=None):
        c = Scope(self.fn, list(self.vars), self.loop if loop is None else loop, self.out,
                  self.noself)
        c.genvals = list(self.genvals)
        c.noinvoke = self.noinvoke
        return c


# ---------------------------------------------------------------------------
# The generator

class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.counter = 0
        self.prog = Program()
        self.sized = self.rng.random() < 0.5
        self.fields = {}      # struct type -> [(field, type)]
        self.slots = {}       # struct type -> slots
        self.names = {}       # struct type -> prototype names of that type
        self.subpaths = {}    # struct type -> [(path, type)], every field at any depth
        self.const_types = self.prog.const_types
        self.budget = 0

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def chance(self, p):
        return self.rng.random() < p

    def slot_count(self, t):
        return self.slots.get(t, 1)

    def structs(self):
        return list(self.fields)

    def tname(self, t):
        if t in self.names and self.chance(0.3):
            return self.rng.choice(self.names[t])
        return t

    # -- literals ---------------------------------------------------------
    def int_value(self, t="int"):
        lo, hi = BOUNDS[t]
        r = self.rng.random()
        if r < 0.55:
            v = self.rng.randint(-10, 10)
        elif r < 0.75:
            v = self.rng.randint(-1000, 1000)
        elif r < 0.9:
            v = self.rng.choice([lo, hi, lo + 1, hi - 1, hi // 2, 1 << 62, -(1 << 62), 1 << 32,
                                 3037000499, 3037000500, 65536, 255, 127, 128, 32767, 1 << 31])
        else:
            v = self.rng.randint(lo, hi)
        return min(max(v, lo), hi)

    def int_lit(self, t="int", v=None):
        if v is None:
            v = self.int_value(t)
        if v == INT_MIN and t in ("int", "int64"):
            return MinLit()
        if v < 0:
            return Un("-", self.int_lit(t, -v), t)
        r = self.rng.random()
        if r < 0.06:
            return Lit(v, "0x%x" % v)
        if r < 0.09:
            return Lit(v, "0b{:b}".format(v))
        return Lit(v)

    def str_lit(self):
        parts = []
        for _ in range(self.rng.randint(1, 2)):
            if self.chance(0.1):
                parts.append(("sp", self.rng.choice("qqnt")))
            else:
                parts.append(("s", self.rng.choice(WORDS)))
        if parts[0][0] == "sp":
            parts.insert(0, ("s", ""))
        return Str(parts)

    # -- prototypes -------------------------------------------------------
    def const_expr(self, t):
        """A constant of type t (a field initialiser or a prototype's update)."""
        if t in INTS:
            ks = [k for k, kt in self.const_types.items() if kt == "int"]
            if t == "int" and ks and self.chance(0.3):
                k = Var(self.rng.choice(ks))
                return k if self.chance(0.5) else Bin("+", k, self.int_lit("int", self.rng.randint(0, 9)), "int")
            return self.int_lit(t)
        if t == "bool":
            return Lit(self.chance(0.5))
        if t == "String":
            ks = [k for k, kt in self.const_types.items() if kt == "String"]
            s = self.str_lit()
            if ks and self.chance(0.3):
                s = Str(s.parts + [("e", Var(self.rng.choice(ks)))])
            return s
        name = self.rng.choice(self.names[t])
        if self.chance(0.3):
            return Var(name)
        return New(Var(name), self.const_updates(t))

    def const_updates(self, t):
        fs = self.fields[t]
        chosen = self.rng.sample(fs, self.rng.randint(0, min(2, len(fs))))
        return [(n, self.const_expr(ft)) for n, ft in chosen]

    def field_type(self, room):
        """A field type taking at most `room` slots."""
        r = self.rng.random()
        ss = [s for s in self.structs() if self.slots[s] <= room]
        if r < 0.3 and ss:
            return self.rng.choice(ss)
        r = self.rng.random()
        if r < 0.5:
            return "int"
        if r < 0.62:
            return "bool"
        if r < 0.8:
            return "String"
        if self.sized:
            return self.rng.choice(SIZED)
        return "int"

    def make_struct(self, slots):
        name = self.fresh("p")
        p = Proto(name, name)
        p.multiline = self.chance(0.3)
        names = self.rng.sample(FIELD_NAMES, len(FIELD_NAMES))
        left = slots
        while left > 0 and names:
            t = self.field_type(left)
            n = names.pop()
            tn = self.tname(t) if t in self.names else t
            init = self.const_expr(t) if self.chance(0.35) else None
            p.fields.append((n, t, tn, init))
            left -= self.slots.get(t, 1)
            i = len(p.fields) - 1
            if p.groups and p.fields[p.groups[-1][0]][2] == tn and self.chance(0.6):
                p.groups[-1].append(i)
            else:
                p.groups.append([i])
        self.fields[name] = [(n, t) for n, t, _tn, _i in p.fields]
        self.slots[name] = sum(self.slots.get(t, 1) for _n, t in self.fields[name])
        self.names[name] = [name]
        sub = []
        for n, t in self.fields[name]:
            sub.append(((n,), t))
            for path, pt in self.subpaths.get(t, []):
                sub.append(((n,) + path, pt))
        self.subpaths[name] = sub
        self.prog.protos.append(p)

    def make_copy(self):
        t = self.rng.choice(self.structs())
        p = Proto(self.fresh("o"), t)
        p.kind = "copy"
        p.base = self.rng.choice(self.names[t])
        p.updates = self.const_updates(t)
        self.names[t].append(p.name)
        self.prog.protos.append(p)

    def make_protos(self):
        rng = self.rng
        for _ in range(rng.randint(0, 2)):
            t = rng.choice(["int", "int", "String"])
            name = self.fresh("c")
            e = self.int_lit("int", rng.randint(-50, 50)) if t == "int" else self.str_lit()
            self.prog.consts.append((name, e))
            self.const_types[name] = t
        sizes = [1, 2, rng.randint(3, 6)] + [rng.choice([1, 2, 3, 4, 5, 8, 12, 16])
                                              for _ in range(rng.randint(0, 3))]
        if self.chance(0.25):
            sizes.append(0)   # new struct { }: a value without a word
        rng.shuffle(sizes)
        for k, s in enumerate(sizes):
            self.make_struct(s)
            if k > 0 and self.chance(0.3):
                self.make_copy()

    # -- expressions ------------------------------------------------------
    def vars_of(self, sc, t):
        vs = [n for n, vt, _tn, _a in sc.vars if vt == t]
        vs += [n for n, ct in self.const_types.items() if ct == t]
        return vs

    def roots(self, sc):
        """(expression maker, struct type): variables, then prototypes."""
        out = [(n, vt) for n, vt, _tn, _a in sc.vars if vt in self.fields]
        for t, ns in self.names.items():
            for n in ns:
                out.append((n, t))
        return out

    def paths_of(self, sc, t, vars_only=False):
        """Field reads of type t: (root, path)."""
        out = []
        roots = self.roots(sc)
        if vars_only:
            roots = [(n, rt) for n, rt in roots if any(n == v[0] for v in sc.vars)]
        for n, rt in roots:
            for path, pt in self.subpaths[rt]:
                if pt == t:
                    out.append((n, path))
        return out

    def field_read(self, root, path):
        e = Var(root)
        for p in path:
            e = Field(e, p)
        return e

    def callees(self, sc, kinds=("fn",)):
        fn = sc.fn
        out = []
        for g in self.prog.funcs:
            if g.kind not in kinds:
                continue
            if g.index > fn.index or (g is fn and fn.fuel and not sc.noself):
                if g.out and not sc.out:
                    continue
                out.append(g)
        return out

    def args_for(self, sc, g, d, gv=None):
        args = []
        for name, t, _tn in g.params:
            if t == "gen":
                args.append(Var(gv))
            elif t == "out":
                args.append(Var(sc.out))
            elif name == g.fuel:
                if g is sc.fn:
                    args.append(Bin("-", Var(g.fuel), Lit(1), "int"))
                else:
                    args.append(Lit(self.rng.choice([0, 1, 2, 3, 3, 5, 8])))
            else:
                args.append(self.expr(sc, t, d + 1))
        return args

    def leaf(self, sc, t, nonlit=False):
        """A variable, a field read (of a variable, less often of a
        prototype), a prototype, a literal."""
        rng = self.rng
        vs = self.vars_of(sc, t)
        vps = self.paths_of(sc, t, vars_only=True)
        r = rng.random()
        if vs and r < 0.45:
            return Var(rng.choice(vs))
        if vps and r < 0.8:
            return self.field_read(*rng.choice(vps))
        pps = self.paths_of(sc, t)
        if t in self.fields:
            if pps and self.chance(0.3):
                return self.field_read(*rng.choice(pps))
            return Var(rng.choice(self.names[t]))
        if pps and self.chance(0.5 if nonlit else 0.15):
            return self.field_read(*rng.choice(pps))
        if t in INTS:
            if nonlit:
                if vs:
                    return Var(rng.choice(vs))
                if vps:
                    return self.field_read(*rng.choice(vps))
                return Conv(t, self.leaf(sc, "int", True)) if t != "int" else \
                    Conv("int", Lit(self.int_value()))
            return self.int_lit(t)
        if t == "bool":
            return Lit(self.chance(0.5))
        return self.str_lit()

    def expr(self, sc, t, d=0, ctx=True):
        """An expression of type t. ctx False: nothing gives a literal its
        type, so a sized-integer expression must not be literals only."""
        e = self._expr(sc, t, d)
        if not ctx and t in SIZED and e.literal:
            e = self.leaf(sc, t, nonlit=True)
        return e

    def _expr(self, sc, t, d):
        rng = self.rng
        if d >= 4 or self.chance(0.25 + 0.15 * d):
            return self.leaf(sc, t)
        r = rng.random()
        if t in INTS:
            if r < 0.4:
                op = rng.choice(["+", "-", "*", "+", "-", "*", "/", "%", "**"])
                l = self.expr(sc, t, d + 1)
                if op == "**" and self.chance(0.7):
                    rr = Lit(rng.choice([0, 1, 2, 3, 5, 7, 31, 63]))
                else:
                    rr = self.expr(sc, t, d + 1)
                if t != "int" and l.literal and rr.literal:
                    l = self.leaf(sc, t, nonlit=True)
                return Bin(op, l, rr, t)
            if r < 0.47:
                e = self.expr(sc, t, d + 1)
                if t != "int" and e.literal:
                    e = self.leaf(sc, t, nonlit=True)
                return Un("-", e, t)
            if r < 0.55 and (t != "int" or self.sized):
                src = "int" if t != "int" else rng.choice(SIZED)
                return Conv(t, self.expr(sc, src, d + 1, ctx=False))
            choices = ["call", "if", "hcall", "fieldcall"]
        elif t == "bool":
            if r < 0.25:
                it = "int" if not self.sized or self.chance(0.7) else rng.choice(SIZED)
                op = rng.choice(["<", "<=", ">", ">=", "=", "!="])
                l = self.expr(sc, it, d + 1, ctx=False)
                return Bin(op, l, self.expr(sc, it, d + 1, ctx=it == "int" or not l.literal), it)
            if r < 0.4:
                st = rng.choice(self.structs())
                return Bin(rng.choice(["=", "!=", "="]), self.expr(sc, st, d + 1),
                           self.expr(sc, st, d + 1), st)
            if r < 0.5:
                # a struct against a rebuilt copy of itself: mostly equal
                st = rng.choice(self.structs())
                base = self.leaf(sc, st)
                pair = [base, self.same_expr(sc, base, st, d + 1)]
                rng.shuffle(pair)
                return Bin(rng.choice(["=", "!=", "="]), pair[0], pair[1], st)
            if r < 0.58:
                return Bin(rng.choice(["=", "!="]), self.expr(sc, "String", d + 1),
                           self.expr(sc, "String", d + 1), "String")
            if r < 0.68:
                return Bin(rng.choice(["and", "or"]), self.expr(sc, "bool", d + 1),
                           self.expr(sc, "bool", d + 1), "bool")
            if r < 0.74:
                return Un("not", self.expr(sc, "bool", d + 1), "bool")
            choices = ["call", "if", "hcall"]
        elif t == "String":
            if r < 0.5:
                return self.interp(sc, d)
            choices = ["call", "if", "hcall", "fieldcall"]
        else:
            if r < 0.45:
                return self.new_expr(sc, t, d)
            choices = ["call", "call", "if", "hcall", "fieldcall"]
        c = rng.choice(choices)
        if c == "call":
            gs = [g for g in self.callees(sc) if g.single() == t]
            if gs:
                g = rng.choice(gs)
                return Call(g, self.args_for(sc, g, d))
        elif c == "if":
            ctx = t not in SIZED
            return IfE(self.expr(sc, "bool", d + 1), self.branch(sc, t, d + 1, ctx),
                       self.branch(sc, t, d + 1, ctx))
        elif c == "hcall" and d <= 2:
            h = self.hcall_expr(sc, t, d + 1)
            if h is not None:
                return Paren(h)
        elif c == "fieldcall":
            # a field of a call's result or of a new value: f(…).x, (new p(…)).x
            cands = []
            for g in self.callees(sc):
                st = g.single()
                if st in self.fields:
                    for path, pt in self.subpaths[st]:
                        if pt == t:
                            cands.append((g, path))
            if cands:
                g, path = rng.choice(cands)
                e = Call(g, self.args_for(sc, g, d))
                if self.chance(0.3):
                    e = Paren(New(Var(rng.choice(self.names[g.single()])), []))
                for p in path:
                    e = Field(e, p)
                return e
        return self.leaf(sc, t, nonlit=t in SIZED)

    def branch(self, sc, t, d, ctx):
        """An if-expression's arm: a value, now and then a continuation."""
        if self.chance(0.05):
            inv = self.invoke(sc, d)
            if inv is not None:
                return inv
        return self.expr(sc, t, d, ctx)

    def new_expr(self, sc, t, d):
        """new v(f: e, …), v a name or a field path of type t."""
        rng = self.rng
        r = rng.random()
        vs = self.vars_of(sc, t)
        ps = self.paths_of(sc, t)
        if r < 0.4 and vs:
            base = Var(rng.choice(vs))
        elif r < 0.6 and ps:
            base = self.field_read(*rng.choice(ps))
        else:
            base = Var(rng.choice(self.names[t]))
        fs = self.fields[t]
        chosen = rng.sample(fs, rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5][:len(fs) + 1]))
        return New(base, [(n, self.expr(sc, ft, d + 1)) for n, ft in chosen])

    def self_new(self, base, t):
        """new base(f: base.g, …): fields from the same value's other fields
        of their type (a swap, a shift), now and then changed a little."""
        rng = self.rng
        fs = self.fields[t]
        ups = []
        for n, ft in rng.sample(fs, rng.randint(min(1, len(fs)), min(3, len(fs)))):
            src = Field(base, rng.choice([m for m, mt in fs if mt == ft]))
            if ft in INTS and self.chance(0.3):
                src = Bin(rng.choice("+-*"), src, Lit(rng.randint(0, 3)), ft)
            elif ft in self.fields and self.chance(0.3):
                src = self.self_new(src, ft)
            ups.append((n, src))
        return New(base, ups)

    def same_expr(self, sc, base, t, d):
        """An expression of base's value built another way: new base(f:
        base.f …) through identities (x + 0, ""(s), T(int(x)), not not b),
        now and then one field changed."""
        rng = self.rng
        fs = self.fields[t]
        ups = []
        for n, ft in rng.sample(fs, rng.randint(min(1, len(fs)), min(3, len(fs)))):
            e = Field(base, n)
            if ft in INTS:
                r = rng.random()
                if r < 0.3:
                    e = Bin(rng.choice(["+", "-"]), e, Lit(0), ft)
                elif r < 0.5:
                    e = Bin(rng.choice(["*", "/"]), e, Lit(1), ft)
                elif r < 0.6:
                    e = Conv(ft, Conv("int", e) if ft != "int" else e)
                elif r < 0.65:
                    e = Bin("+", e, Lit(1), ft)     # not the same
            elif ft == "bool":
                if self.chance(0.4):
                    e = Un("not", Un("not", e, "bool"), "bool")
            elif ft == "String":
                if self.chance(0.5):
                    e = Str([("e", e)] + ([("s", "")] if self.chance(0.5) else []))
            else:
                if self.chance(0.5):
                    e = self.same_expr(sc, e, ft, d + 1)
            ups.append((n, e))
        b = base
        if not isinstance(b, (Var, Field)):
            b = Var(rng.choice(self.names[t]))   # new needs a name
            ups = [(n, Field(base, n)) for n, _ft in fs]
        return New(b, ups)

    def interp(self, sc, d):
        parts = []
        for _ in range(self.rng.randint(1, 3)):
            if self.chance(0.4):
                parts.append(("s", self.rng.choice(WORDS)))
            t = self.any_type()
            parts.append(("e", self.expr(sc, t, d + 1, ctx=False)))
        return Str(parts)

    def any_type(self):
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(self.structs())
        if r < 0.75:
            return "int"
        if r < 0.82 and self.sized:
            return self.rng.choice(SIZED)
        return self.rng.choice(["bool", "String", "int"])

    def invoke(self, sc, d):
        fn = sc.fn
        if fn.kind == "run" or sc.noinvoke:
            return None
        if fn.kind == "gen":
            return InvokeE(fn, 1, [], "call")
        i = self.rng.randrange(len(fn.conts))
        args = [self.expr(sc, t, d + 1) for t, _tn in fn.conts[i][1]]
        return InvokeE(fn, i, args, self.rng.choice(["kw", "call"]))

    def handlers(self, sc, g, d, want, event_p):
        """Handlers for g's continuations (and maybe its event). want: the
        type of the call's value, None for a statement."""
        hs = []
        conts = list(g.conts)
        if self.chance(event_p):
            conts.append(("event", [("String", "String")]))
        for _cn, ts in conts:
            names = [self.fresh("h") for _ in ts]
            inner = sc.child()
            for n, (t, tn) in zip(names, ts):
                inner.vars.append((n, t, tn, False))
            if want is None:
                body = self.handler_stmt(inner, d, names, ts)
            elif self.chance(0.06) and sc.fn.kind != "run":
                body = self.invoke(inner, d) or self.expr(inner, want, d + 1, want not in SIZED)
            elif self.chance(0.04):
                body = ThrowE(self.interp(inner, d + 1))
            else:
                body = self.expr(inner, want, d + 1, want not in SIZED)
            hs.append((names, body))
        return hs

    def handler_stmt(self, sc, d, names, ts):
        if d >= 1 and self.chance(0.5):
            s = self.simple_stmt(sc, d + 1)
            return Block([]) if isinstance(s, Raw) else s
        if sc.out and self.chance(0.7):
            parts = [("s", self.rng.choice(["got ", "", "h "]))]
            for n in names:
                parts += [("e", Var(n)), ("s", " ")]
            s = Puts(sc.out, Str(parts))
            if self.chance(0.6):
                return s
            return Block([s] + self.stmts(sc, d + 1, self.rng.randint(1, 2)))
        return Block(self.stmts(sc, d + 1, self.rng.randint(1, 2)))

    def hcall_expr(self, sc, t, d):
        gs = self.callees(sc)
        if not gs:
            return None
        g = self.rng.choice(gs)
        return HCall(g, self.args_for(sc, g, d), self.handlers(sc, g, d, t, 0.6))

    # -- statements -------------------------------------------------------
    def assign_targets(self, sc):
        out = []
        for n, vt, _tn, a in sc.vars:
            if not a:
                continue
            out.append((n, (), vt))
            for path, pt in self.subpaths.get(vt, []):
                out.append((n, path, pt))
        return out

    def puts_stmt(self, sc, d):
        parts = []
        svs = [(n, vt) for n, vt, _tn, _a in sc.vars if vt in self.fields]
        if svs and self.chance(0.6):
            n, _vt = self.rng.choice(svs)
            parts = [("s", n + " "), ("e", Var(n))]
            if self.chance(0.4):
                parts += [("s", " "), ("e", self.expr(sc, self.any_type(), d + 1, ctx=False))]
            return Puts(sc.out, Str(parts))
        return Puts(sc.out, self.interp(sc, d))

    def simple_stmt(self, sc, d):
        targets = self.assign_targets(sc)
        if targets and (not sc.out or self.chance(0.5)):
            n, path, t = self.rng.choice(targets)
            if t in self.fields and self.chance(0.3):
                # .v.p = new v.p(x: v.p.y, y: v.p.x): the new value reads the old
                return Assign(n, path, self.self_new(self.field_read(n, path), t))
            return Assign(n, path, self.expr(sc, t, d + 1))
        if sc.out:
            return self.puts_stmt(sc, d)
        if sc.fn.kind == "gen":
            return self.yield_stmt(sc, d)
        return Raw("# nothing to do")

    def yield_stmt(self, sc, d):
        return YieldS([self.expr(sc, t, d + 1) for t, _tn in sc.fn.conts[0][1]], self.chance(0.7))

    def stmts(self, sc, d, n):
        out = []
        for _ in range(n if self.budget > 0 else 1):
            out += self.stmt(sc, d)
        return out

    def body_block(self, sc, d, n=None):
        return Block(self.stmts(sc.child(), d + 1, n or self.rng.randint(1, 3)))

    def decl(self, sc, d):
        rng = self.rng
        t = self.any_type()
        tn = self.tname(t)
        name = self.fresh("v")
        r = rng.random()
        if r < 0.4 and t not in SIZED:
            s = Decl([name], t, None, self.expr(sc, t, d + 1, ctx=False))
        elif r < 0.75:
            s = Decl([name], t, tn, self.expr(sc, t, d + 1))
        elif r < 0.9:
            s = Decl([name], t, tn, None)
        else:
            names = [name] + [self.fresh("v") for _ in range(rng.randint(1, 2))]
            for n in names:
                sc.vars.append((n, t, tn, True))
            return [Decl(names, t, tn, None)]
        sc.vars.append((name, t, tn, True))
        return [s]

    def stmt(self, sc, d):
        rng = self.rng
        kind = sc.fn.kind
        self.budget -= 1
        if self.budget <= 0 or d >= 3:
            return [self.simple_stmt(sc, d)]
        if kind == "run" and d == 0:
            return self.run_stmt(sc)
        if kind == "gen" and self.chance(0.18):
            y = self.yield_stmt(sc, d)
            return [If(self.expr(sc, "bool", 2), y) if self.chance(0.3) else y]
        if sc.loop and self.chance(0.1):
            return [If(self.expr(sc, "bool", 2), BreakS())]
        return self.stmt_kind(sc, d, rng.random())

    def stmt_kind(self, sc, d, r):
        rng = self.rng
        kind = sc.fn.kind
        deep = d >= 2
        if r < 0.18:
            return self.decl(sc, d)
        if r < 0.42:
            return [self.simple_stmt(sc, d)]
        if r < 0.5 and not deep:
            c = self.expr(sc, "bool", 1)
            then = self.body_block(sc, d)
            els = self.body_block(sc, d) if self.chance(0.5) else None
            return [If(c, then, els)]
        if r < 0.56 and not deep:
            iv = self.fresh("i")
            lo = self.int_lit("int", rng.randint(-2, 2))
            hi = self.int_lit("int", rng.randint(-1, 3)) if self.chance(0.8) else \
                Bin("%", self.expr(sc, "int", 2), Lit(4), "int")
            inner = sc.child(loop=True)
            inner.vars.append((iv, "int", "int", False))
            return [ForRange(iv, lo, hi, self.body_block(inner, d))]
        if r < 0.66 and not deep:
            gens = self.callees(sc, ("gen",))
            if gens:
                g = rng.choice(gens)
                names = [self.fresh("i") for _ in g.conts[0][1]]
                inner = sc.child(loop=True)
                for iv, (t, tn) in zip(names, g.conts[0][1]):
                    inner.vars.append((iv, t, tn, False))
                body = self.body_block(inner, d)
                if sc.out and self.chance(0.7):
                    body.stmts.insert(0, self.show(sc.out, names))
                return [ForEach(names, g, self.args_for(sc, g, 1), body)]
        if r < 0.7 and not deep:
            gens = [g for g in self.callees(sc, ("gen",))
                    if self.yield_slots(g) <= GENVAL_MAX_SLOTS]
            if gens:
                return self.gen_value_stmts(sc, d, rng.choice(gens))
        if r < 0.85 or (kind == "run" and d == 0 and self.chance(0.6)):
            gs = self.callees(sc)
            if gs:
                g = rng.choice(gs)
                if g.conts == [("return", [])] and self.chance(0.5):
                    return [ExprStmt(Call(g, self.args_for(sc, g, 1)))]
                hs = self.handlers(sc, g, d, None, 0.9 if kind == "run" else 0.5)
                return [ExprStmt(HCall(g, self.args_for(sc, g, 1), hs,
                                       "lines" if self.chance(0.3) else "inline"))]
        if r < 0.9:
            t = self.any_type()
            h = self.hcall_expr(sc, t, 1)
            if h is not None:
                name = self.fresh("v")
                tn = self.tname(t)
                s = Decl([name], t, tn if (t in SIZED or self.chance(0.5)) else None, h)
                sc.vars.append((name, t, tn, True))
                return [s]
        if r < 0.94 and (kind != "run" or self.chance(0.15)):
            return [If(self.expr(sc, "bool", 1), Throw(self.interp(sc, 1)))]
        inv = self.invoke(sc, d)
        if inv is not None:
            return [If(self.expr(sc, "bool", 1), InvokeS(inv))]
        return [self.simple_stmt(sc, d)]

    def run_stmt(self, sc):
        """A statement of Run: mostly calls, declarations and prints of
        structs, generators consumed."""
        rng = self.rng
        r = rng.random()
        svs = [(n, vt) for n, vt, _tn, _a in sc.vars if vt in self.fields]
        if r < 0.2 or len(svs) < 2:
            t = rng.choice(self.structs())
            name = self.fresh("v")
            tn = self.tname(t)
            init = None
            gs = [g for g in self.callees(sc) if g.single() == t]
            rr = rng.random()
            if gs and rr < 0.4:
                g = rng.choice(gs)
                init = Call(g, self.args_for(sc, g, 1))
            elif rr < 0.85:
                init = self.new_expr(sc, t, 1)
            s = Decl([name], t, None if init is not None and self.chance(0.6) else tn, init)
            sc.vars.append((name, t, tn, True))
            return [s, Puts(sc.out, Str([("s", name + " "), ("e", Var(name))]))]
        if r < 0.3:
            return [self.simple_stmt(sc, 0)]
        if r < 0.45:
            n, t = rng.choice(svs)
            path, pt = rng.choice(self.subpaths[t] or [((), t)])
            return [Assign(n, path, self.expr(sc, pt, 1)),
                    Puts(sc.out, Str([("s", n + " "), ("e", Var(n))]))]
        if r < 0.5:
            (a, t), = rng.sample(svs, 1)
            others = [n for n, vt in svs if vt == t and n != a]
            b = rng.choice(others) if others else rng.choice(self.names[t])
            return [Puts(sc.out, Str([("s", "%s = %s: " % (a, b)), ("e", Bin("=", Var(a), Var(b), t)),
                                      ("s", " != "), ("e", Bin("!=", Var(a), Var(b), t))]))]
        if r < 0.62:
            gens = self.callees(sc, ("gen",))
            if gens:
                return self.stmt_kind(sc, 0, 0.6)
        if r < 0.67:
            gens = [g for g in self.callees(sc, ("gen",))
                    if self.yield_slots(g) <= GENVAL_MAX_SLOTS]
            if gens:
                return self.gen_value_stmts(sc, 0, rng.choice(gens))
        if r < 0.95:
            return self.stmt_kind(sc, 0, 0.8)
        return self.stmt_kind(sc, 0, rng.random())

    def show(self, out, names):
        """console!out.Puts("a "(a)" b "(b))"""
        parts = []
        for n in names:
            parts += [("s", (" " if parts else "") + n + " "), ("e", Var(n))]
        return Puts(out, Str(parts))

    def yield_slots(self, g):
        return sum(self.slot_count(t) for t, _tn in g.conts[0][1])

    def gen_value_stmts(self, sc, d, g):
        """def gN = g(…), then a few next(gN) and maybe a for … in gN."""
        rng = self.rng
        name = self.fresh("gv")
        ts = g.conts[0][1]
        make = GenMake(g, self.args_for(sc, g, 2))
        gt = "Generator(%s)" % ", ".join(tn for _t, tn in ts)
        out = [Decl([name], "gen", None if self.chance(0.6) else gt, make)]
        sc.genvals.append(name)
        bs = [b for b in self.prog.funcs if b.kind == "bfn" and b.borrows == ts
              and (sc.out or not b.out) and b is not sc.fn]
        for _ in range(rng.randint(1, 3)):
            names = [self.fresh("i") for _ in ts]
            if bs and self.chance(0.35):
                b = rng.choice(bs)
                args = self.args_for(sc, b, d, gv=name)
                if sc.out and self.chance(0.7):
                    h = self.fresh("h")
                    bt, btn = b.conts[0][1][0]
                    out.append(ExprStmt(HCall(b, args, [([h], Puts(sc.out, Str(
                        [("s", b.name + " "), ("e", Var(h))])))])))
                else:
                    out.append(ExprStmt(HCall(b, args, [([self.fresh("h")], Block([]))])))
                continue
            if self.chance(0.3):
                inner = sc.child(loop=True)
                for iv, (t, tn) in zip(names, ts):
                    inner.vars.append((iv, t, tn, False))
                body = self.body_block(inner, d)
                if sc.out:
                    body.stmts.insert(0, self.show(sc.out, names))
                if self.chance(0.4):
                    body.stmts.insert(0, If(self.expr(inner, "bool", 2), BreakS()))
                out.append(ForValue(names, name, body))
                continue
            on_value = sc.child()
            for iv, (t, tn) in zip(names, ts):
                on_value.vars.append((iv, t, tn, False))
            ob = self.body_block(on_value, d, 1)
            if sc.out:
                ob.stmts.insert(0, self.show(sc.out, names))
            eb = Block([Puts(sc.out, Str([("s", "end " + name)]))] if sc.out else [])
            event = None
            if self.chance(0.5):
                e = self.fresh("h")
                on_event = sc.child()
                on_event.vars.append((e, "String", "String", False))
                event = (e, Block([Puts(sc.out, Str([("s", "ev "), ("e", Var(e))]))] if sc.out else []))
            out.append(NextS(name, names, ob, eb, event))
        return out

    # -- functions --------------------------------------------------------
    def param_type(self, one_slot):
        rng = self.rng
        r = rng.random()
        ss = [s for s in self.structs() if not one_slot or self.slots[s] == 1]
        if r < 0.5 and ss:
            return rng.choice(ss)
        if r < 0.8:
            return "int"
        if r < 0.88 and self.sized:
            return rng.choice(SIZED)
        return rng.choice(["bool", "String"])

    def cont_type(self):
        r = self.rng.random()
        if r < 0.6:
            return self.rng.choice(self.structs())
        if r < 0.85:
            return "int"
        if r < 0.9 and self.sized:
            return self.rng.choice(SIZED)
        return self.rng.choice(["bool", "String"])

    def signature(self, fn):
        rng = self.rng
        if fn.kind == "gen":
            if self.chance(0.4):
                fn.params.append(("out", "out", None))
                fn.out = "out"
            for _ in range(rng.randint(0, 4)):
                t = self.param_type(False)
                fn.params.append((self.fresh("a"), t, self.tname(t)))
            # most generators yield one struct, some one and a scalar, some several values
            narrow = [s for s in self.structs() if self.slots[s] <= GENVAL_MAX_SLOTS]
            r = rng.random()
            if r < 0.45 and narrow:
                ts = [rng.choice(narrow)]
                if self.slots[ts[0]] == 1 and self.chance(0.4):
                    ts.append(rng.choice(["int", "String", "bool"] + [x for x in narrow if self.slots[x] == 1]))
                    rng.shuffle(ts)
            elif r < 0.7:
                ts = [rng.choice(self.structs())]
            elif r < 0.9:
                ts = [self.cont_type() for _ in range(rng.randint(2, 3))]
            else:
                ts = ["int"]
            fn.conts = [("yield", [(t, self.tname(t)) for t in ts]), ("end", [])]
            return
        if self.chance(0.35):
            fn.params.append(("out", "out", None))
            fn.out = "out"
        for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8])):
            t = self.param_type(False)
            fn.params.append((self.fresh("a"), t, self.tname(t)))
        if self.chance(0.3):
            fn.fuel = "fuel"
            k = rng.randint(1 if fn.out else 0, len(fn.params))
            fn.params.insert(k, ("fuel", "int", "int"))
        r = rng.random()
        if r < 0.55:
            t = self.cont_type()
            fn.conts = [("return", [(t, self.tname(t))])]
        elif r < 0.62 and fn.out:
            fn.conts = [("return", [])]
        else:
            names = rng.sample(CONT_NAMES, rng.choice([2, 2, 3, 3, 4, 5]))
            if self.chance(0.3):
                names[rng.randrange(len(names))] = "return"
            fn.conts = []
            for n in names:
                ts = [self.cont_type() for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))]
                fn.conts.append((n, [(t, self.tname(t)) for t in ts]))

    def borrower(self, g, index):
        """def bN(*Stdout out, Generator(T…) g, …) -> return(U): advances
        the caller's generator value (language.md §10)."""
        rng = self.rng
        fn = Func(self.fresh("b"), index, "bfn")
        fn.borrows = g.conts[0][1]
        if self.chance(0.6):
            fn.params.append(("out", "out", None))
            fn.out = "out"
        gt = "Generator(%s)" % ", ".join(tn for _t, tn in fn.borrows)
        ps = [(self.fresh("a"), "gen", gt)]
        for _ in range(rng.randint(0, 2)):
            t = self.param_type(False)
            ps.append((self.fresh("a"), t, self.tname(t)))
        rng.shuffle(ps)
        fn.params += ps
        t, tn = rng.choice(fn.borrows + [("int", "int")])
        fn.conts = [("return", [(t, tn)])]
        return fn

    def borrower_body(self, fn):
        rng = self.rng
        self.budget = rng.randint(4, 10)
        gname = [n for n, t, _tn in fn.params if t == "gen"][0]
        vars_ = [(n, t, tn, True) for n, t, tn in fn.params if t not in ("out", "gen")]
        sc = Scope(fn, vars_, out=fn.out)
        t, tn = fn.conts[0][1][0]
        acc = self.fresh("v")
        stmts = [Decl([acc], t, tn, None)]
        sc.vars.append((acc, t, tn, True))
        for _ in range(rng.randint(1, 3)):
            names = [self.fresh("i") for _ in fn.borrows]
            loop = self.chance(0.4)
            inner = sc.child(loop=loop)
            for n, (bt, btn) in zip(names, fn.borrows):
                inner.vars.append((n, bt, btn, False))
            got = [n for n, (bt, _btn) in zip(names, fn.borrows) if bt == t]
            body = [self.show(fn.out, names)] if fn.out else []
            if loop and self.chance(0.4):
                body.append(If(self.expr(inner, "bool", 2), BreakS()))
            body.append(Assign(acc, (), Var(rng.choice(got)) if got and self.chance(0.7)
                               else self.expr(inner, t, 1)))
            body += self.stmts(inner, 1, rng.randint(0, 1))
            if loop:
                stmts.append(ForValue(names, gname, Block(body)))
            else:
                end = Block([Puts(fn.out, Str([("s", "end " + gname)]))] if fn.out else [])
                stmts.append(NextS(gname, names, Block(body), end))
        stmts.append(InvokeS(InvokeE(fn, 0, [Var(acc)], rng.choice(["kw", "call"]))))
        fn.body = Block(stmts)

    def function_body(self, fn):
        rng = self.rng
        self.budget = rng.randint(6, 20)
        vars_ = [(n, t, tn, True) for n, t, tn in fn.params if t != "out"]
        sc = Scope(fn, vars_, out=fn.out)
        if fn.kind == "fn" and fn.single() is not None and not fn.fuel and self.chance(0.3):
            t = fn.single()
            sc.noinvoke = True
            fn.expr_body = self.expr(sc, t, 0, ctx=False)
            # an omitted list is inferred from the expression's type, and one
            # that never completes has none: return() (docs/language.md §5)
            fn.omit_conts = self.chance(0.4) and not never_completes(fn.expr_body)
            return
        stmts = []
        if fn.fuel:
            base = sc.child()
            base.noself = True
            stmts.append(If(Bin("<=", Var("fuel"), Lit(0), "int"), InvokeS(self.invoke(base, 1))))
        if fn.kind == "gen":
            # a counted loop of yields, and the rest around it
            stmts += self.stmts(sc, 0, rng.randint(0, 2))
            iv = self.fresh("i")
            inner = sc.child(loop=True)
            inner.vars.append((iv, "int", "int", False))
            body = self.stmts(inner, 1, rng.randint(0, 1))
            body.append(self.yield_stmt(inner, 1))
            body += self.stmts(inner, 1, rng.randint(0, 1))
            hi = Lit(rng.randint(0, 4))
            ints = self.vars_of(sc, "int")
            if ints and self.chance(0.3):
                hi = Bin("%", Var(rng.choice(ints)), Lit(5), "int")
            stmts.append(ForRange(iv, Lit(rng.randint(0, 1)), hi, Block(body)))
            stmts += self.stmts(sc, 0, rng.randint(0, 2))
            if self.chance(0.3):
                stmts.append(InvokeS(InvokeE(fn, 1, [], "call")))
        else:
            stmts += self.stmts(sc, 0, rng.randint(1, 4))
            if fn.conts[0][1] or self.chance(0.5):
                stmts.append(InvokeS(self.invoke(sc, 0)))
        fn.body = Block(stmts)

    def generate(self):
        rng = self.rng
        prog = self.prog
        self.make_protos()
        nfun = rng.randint(2, 6)
        ngen = rng.choice([0, 1, 1, 2, 2, 3])
        kinds = ["fn"] * nfun + ["gen"] * ngen
        rng.shuffle(kinds)
        for i, k in enumerate(kinds):
            fn = Func(self.fresh("f" if k == "fn" else "g"), i + 1, k)
            self.signature(fn)
            prog.funcs.append(fn)
        run = Func("Run", 0, "run")
        run.conts = [("return", [])]
        prog.run = run
        # Functions that borrow a generator value (a Generator(T…) parameter)
        for g in list(prog.funcs):
            if g.kind == "gen" and self.yield_slots(g) <= GENVAL_MAX_SLOTS and self.chance(0.5):
                prog.funcs.append(self.borrower(g, len(prog.funcs) + 1))
        for fn in prog.funcs:
            if fn.kind == "bfn":
                self.borrower_body(fn)
            else:
                self.function_body(fn)
        # Run's statements one at a time, drawn again (a few times) when the
        # program would end in an unhandled event: most programs run to
        # their end, about a third end in an event.
        sc = Scope(run, [], out="out")
        stmts = [Raw("*Stdout out")]
        count = rng.randint(4, 10)
        end_in_event = rng.random() < 0.3
        for k in range(count):
            saved = None
            for _try in range(6):
                self.budget = 12
                saved = (list(sc.vars), list(sc.genvals))
                new = self.stmt(sc, 0)
                run.body = Block(stmts + new)
                try:
                    status = Machine(prog, max_steps=100000).run()[2]
                except Budget:
                    status = None
                if end_in_event and k == count - 1:
                    if status == 1:
                        break
                elif status == 0:
                    break
                sc.vars, sc.genvals = saved
            else:
                sc.vars, sc.genvals = saved
                continue
            stmts += new
            if self.chance(0.4):
                svs = [n for n, vt, _tn, _a in sc.vars if vt in self.fields]
                if svs:
                    n = rng.choice(svs)
                    stmts.append(Puts("out", Str([("s", n + " = "), ("e", Var(n))])))
        run.body = Block(stmts)
        self.render_seed = rng.random()
        return prog

    def render(self):
        rng = random.Random(self.render_seed)
        prog = self.prog
        lines = ["# gen_structs.py: random struct program", "use console"]
        for name, e in prog.consts:
            lines.append("def %s = %s" % (name, e.render()))
        protos = list(prog.protos)
        if rng.random() < 0.3:
            rng.shuffle(protos)   # prototypes may name later ones
        lines += [p.render() for p in protos]
        order = list(prog.funcs) + [prog.run]
        rng.shuffle(order)
        for fn in order:
            sig = fn.render_sig(rng)
            if fn.expr_body is not None:
                lines.append("%s = %s" % (sig, fn.expr_body.render()))
            else:
                lines.append(sig + " " + fn.body.render_inline(""))
        return "\n".join(lines) + "\n"


def interpret(prog):
    """(stdout, stderr, status), or None when the run is too long."""
    try:
        return Machine(prog).run()
    except Budget:
        return None


def generate_full(seed, attempts=50):
    """(generator, program text, expected (stdout, stderr, status))."""
    sys.setrecursionlimit(100000)
    for attempt in range(attempts):
        g = Gen("structs %d/%d" % (seed, attempt))
        prog = g.generate()
        result = interpret(prog)
        if result is None:
            continue
        return g, g.render(), result
    raise RuntimeError("seed %d: no program within budget after %d attempts" % (seed, attempts))


def generate(seed):
    """The program for `seed` and its expected (stdout, stderr, status)."""
    _g, text, result = generate_full(seed)
    return text, result


def main(argv):
    expect = argv[:1] == ["--expect"]
    if expect:
        argv = argv[1:]
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    text, (out, err, status) = generate(int(argv[0]))
    if expect:
        sys.stdout.write("--- stdout\n%s--- stderr\n%s--- status %d\n" % (out, err, status))
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
