#!/usr/bin/env python3
"""Random tier-1 dodo programs, with what they must print.

    gen.py SEED            print the program for SEED
    gen.py --expect SEED   print its expected stdout, stderr and exit status

The generator builds a small tree of functions and statements, renders it as
dodo source, and runs the same tree in its own interpreter, which follows
language.md: 64-bit integers whose overflow (+ - * ** and unary -, MIN / -1)
raises "integer overflow", "division by zero", "negative exponent", `/`
truncating and `%` taking the dividend's sign (MIN % -1 = 0); short-circuit
`and`/`or`; declared continuations, handlers and events; loops, ranges and
generators, nested and as values (`def g = f(…)`, `next`, `for v in g`, each
value run by the interpreter in a thread of its own, handing control back and
forth, and unwound when its block is left); string interpolation; Puts. A program whose run would take too
long (step budget, call depth, output size) is dropped and the next attempt
for the same seed is made, so every seed gives one program.

Names are unique within a program (v1, h2, …), so no declaration can clash
with a visible one, and the interpreter keeps one flat dictionary of
variables per call.

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
MAX_STRING = 1 << 16    # longer strings make the program too big to run


# ---------------------------------------------------------------------------
# Run-time control flow of the interpreter

class Event(Exception):
    """A dodo event travelling to the nearest event handler."""

    def __init__(self, text):
        super().__init__(text)
        self.text = text


class Invoke(Exception):
    """A continuation of the function running in `frame` was invoked."""

    def __init__(self, frame, index, values):
        super().__init__()
        self.frame = frame
        self.index = index
        self.values = values


class Break(Exception):
    def __init__(self, frame):
        super().__init__()
        self.frame = frame


class Budget(Exception):
    """The program runs too long (or too deep, or prints too much)."""


def check_int(v):
    if v < INT_MIN or v > INT_MAX:
        raise Event(OVERFLOW)
    return v


def int_pow(a, b):
    if b < 0:
        raise Event(NEGEXP)
    if a in (0, 1):
        return 1 if b == 0 else a
    if a == -1:
        return 1 if b % 2 == 0 else -1
    if b > 64:
        raise Event(OVERFLOW)
    return check_int(a ** b)


def int_div(a, b):
    if b == 0:
        raise Event(DIVZERO)
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return check_int(q)


def int_mod(a, b):
    if b == 0:
        raise Event(DIVZERO)
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def to_text(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    return v


class Frame:
    """One call of a dodo function."""

    def __init__(self, fn, yield_cb=None):
        self.fn = fn
        self.vars = {}
        self.yield_cb = yield_cb
        self.owners = []   # per block owning generator values: the values


class Machine:
    def __init__(self, prog, max_steps=200000, max_depth=120, max_lines=2000):
        self.prog = prog
        self.out = []
        self.steps = 0
        self.depth = 0
        self.max_steps = max_steps
        self.max_depth = max_depth
        self.max_lines = max_lines
        self.consts = {}

    def step(self):
        self.steps += 1
        if self.steps > self.max_steps:
            raise Budget()

    def puts(self, s):
        self.out.append(s + "\n")
        if len(self.out) > self.max_lines:
            raise Budget()

    def lookup(self, frame, name):
        if frame is not None and name in frame.vars:
            return frame.vars[name]
        return self.consts[name]

    def call(self, fn, args, yield_cb=None):
        """Runs fn; returns (continuation index, values). Events propagate."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise Budget()
        frame = Frame(fn, yield_cb)
        if fn.out:
            frame.vars[fn.out] = None   # the *Stdout capability
        for (name, _t), v in zip(fn.params, args):
            frame.vars[name] = v
        try:
            if fn.expr_body is not None:
                v = fn.expr_body.eval(self, frame)
                return 0, [v]
            fn.body.exec(self, frame)
            # Falling off the end: the first continuation, carrying nothing.
            return 0, []
        except Invoke as inv:
            if inv.frame is not frame:
                raise
            return inv.index, inv.values
        finally:
            self.depth -= 1

    def run(self):
        """Returns (stdout, stderr, status)."""
        for name, expr in self.prog.consts:
            self.consts[name] = expr.eval(self, None)
        try:
            self.call(self.prog.run, [])
            return "".join(self.out), "", 0
        except Event as ev:
            return "".join(self.out), "dodo: unhandled event: %s\n" % ev.text, 1


# ---------------------------------------------------------------------------
# Expressions. prec: how tightly the rendered form binds (8 = primary).

PREC = {"or": 1, "and": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "=": 3, "!=": 3,
        "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "**": 6}


class Expr:
    prec = 8

    def render(self):
        raise NotImplementedError

    def wrap(self, min_prec):
        s = self.render()
        return "(" + s + ")" if self.prec < min_prec else s


class Lit(Expr):
    def __init__(self, value, text=None):
        self.value = value
        self.text = text if text is not None else to_text(value)

    def render(self):
        return self.text

    def eval(self, m, f):
        m.step()
        return self.value


class MinLit(Expr):
    """-9223372036854775808: the one literal written after a unary minus."""
    prec = 7

    def render(self):
        return "-9223372036854775808"

    def eval(self, m, f):
        m.step()
        return INT_MIN


class Str(Expr):
    """A string: pieces, specials and interpolations.
    parts: ("s", text) | ("sp", "n"|"t"|"q") | ("e", Expr)."""

    def __init__(self, parts):
        merged = []
        for p in parts:   # "a""b" would be one piece holding a quote
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
                if prev != "s":
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
            raise Budget()   # strings doubling in a loop
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

    def render(self):
        return "(" + self.e.render() + ")"

    def eval(self, m, f):
        return self.e.eval(m, f)


class Bin(Expr):
    def __init__(self, op, l, r):
        self.op, self.l, self.r = op, l, r
        self.prec = PREC[op]

    def render(self):
        p = self.prec
        if self.op == "**":        # right associative
            ls, rs = self.l.wrap(p + 1), self.r.wrap(p)
        elif p == 3:               # comparisons: non-associative
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
        if op == "+":
            return check_int(a + b)
        if op == "-":
            return check_int(a - b)
        if op == "*":
            return check_int(a * b)
        if op == "/":
            return int_div(a, b)
        if op == "%":
            return int_mod(a, b)
        if op == "**":
            return int_pow(a, b)
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
        raise AssertionError(op)


class Un(Expr):
    prec = 7

    def __init__(self, op, e):
        self.op, self.e = op, e

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
            return check_int(-v)
        return not v


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

    def render(self):
        return "if (%s) %s else %s" % (self.c.render(), self.a.render(), self.b.render())

    def eval(self, m, f):
        m.step()
        return self.a.eval(m, f) if self.c.eval(m, f) else self.b.eval(m, f)


class InvokeE(Expr):
    """Invoking a continuation of the enclosing function, where a value is
    expected: it never comes back."""

    def __init__(self, fn, index, args, style):
        self.fn, self.index, self.args, self.style = fn, index, args, style

    def render(self):
        name = self.fn.conts[self.index][0]
        if name == "return" and self.style == "kw":
            if not self.args:
                return "return"
            if len(self.args) == 1:
                return "return " + self.args[0].wrap(1)
        return "%s(%s)" % (name, render_args(self.args))

    def eval(self, m, f):
        m.step()
        vals = [a.eval(m, f) for a in self.args]
        raise Invoke(f, self.index, vals)


class ThrowE(Expr):
    """`throw e` as a handler's instruction."""

    def __init__(self, e):
        self.e = e

    def render(self):
        return "throw " + self.e.render()

    def eval(self, m, f):
        m.step()
        raise Event(self.e.eval(m, f))


class HCall(Expr):
    """A call with handlers. handlers[i] = (names, body) for continuation i,
    then optionally one more for the event. body is an Expr (value use) or a
    Stmt (statement use)."""
    prec = 0

    def __init__(self, fn, args, handlers, layout="inline", nosemi=False):
        self.fn, self.args, self.handlers, self.layout = fn, args, handlers, layout
        self.nosemi = nosemi   # `-> a, b { … }`: a block needs no ';'

    def render(self, indent=""):
        head = "%s(%s)" % (self.fn.name, render_args(self.args))
        parts = []
        for names, body in self.handlers:
            if isinstance(body, Stmt):
                b = body.render_inline(indent)
            else:
                b = body.render()
            if self.nosemi and isinstance(body, Block) and body.style == "{":
                parts.append("%s %s" % (", ".join(names), b) if names else b)
            else:
                parts.append("%s; %s" % (", ".join(names), b) if names else "; " + b)
        if self.layout == "inline":
            return head + " -> " + " | ".join(parts)
        sep = "\n" + indent + "   | "
        return head + "\n" + indent + "   -> " + sep.join(parts)

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


# ---------------------------------------------------------------------------
# Statements

class Stmt:
    def render_inline(self, indent):
        """As a handler's instruction or an if's branch."""
        return self.render(indent)[len(indent):]


class Block(Stmt):
    def __init__(self, stmts, style="{"):
        self.stmts, self.style = stmts, style

    def render(self, indent):
        return indent + self.render_inline(indent)

    def render_inline(self, indent):
        inner = indent + "   "
        body = "\n".join(s.render(inner) for s in self.stmts)
        if self.style == ":":
            return ":\n" + body + "\n" + indent + "." if self.stmts else ": ."
        if self.style == ";":     # one line, statements separated by ';'
            parts = [s.render("").strip() for s in self.stmts]
            if parts and not any("\n" in p or "#" in p for p in parts):
                return "{ " + "; ".join(parts) + " }"
        return "{\n" + body + "\n" + indent + "}" if self.stmts else "{ }"

    def exec(self, m, f):
        if not any(isinstance(s, Decl) and isinstance(s.init, GenMake) for s in self.stmts):
            for s in self.stmts:
                s.exec(m, f)
            return
        # The block owns the generator values its declarations make: every
        # way out unwinds them, newest first (language.md §10).
        f.owners.append([])
        try:
            for s in self.stmts:
                s.exec(m, f)
        finally:
            for gv in reversed(f.owners.pop()):
                gv.destroy()


class Decl(Stmt):
    def __init__(self, name, tname, init):
        self.name, self.tname, self.init = name, tname, init

    def render(self, indent):
        if self.tname is None:
            return "%sdef %s = %s" % (indent, self.name, self.init.render())
        if self.init is None:
            return "%s%s %s" % (indent, self.tname, self.name)
        return "%s%s %s = %s" % (indent, self.tname, self.name, self.init.render())

    def exec(self, m, f):
        m.step()
        if self.init is None:
            f.vars[self.name] = {"int": 0, "bool": False, "String": ""}[self.tname]
        else:
            f.vars[self.name] = self.init.eval(m, f)


class MultiDecl(Stmt):
    """`int a, b = e`: several names, each with or without an initialiser."""

    def __init__(self, tname, names, inits=None):
        self.tname, self.names = tname, names
        self.inits = inits or [None] * len(names)

    def render(self, indent):
        items = [n if e is None else "%s = %s" % (n, e.render()) for n, e in zip(self.names, self.inits)]
        return "%s%s %s" % (indent, self.tname, ", ".join(items))

    def exec(self, m, f):
        m.step()
        for n, e in zip(self.names, self.inits):
            f.vars[n] = {"int": 0, "bool": False, "String": ""}[self.tname] if e is None else e.eval(m, f)


class Assign(Stmt):
    def __init__(self, name, e):
        self.name, self.e = name, e

    def render(self, indent):
        return "%s.%s = %s" % (indent, self.name, self.e.render())

    def exec(self, m, f):
        m.step()
        f.vars[self.name] = self.e.eval(m, f)


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
    def __init__(self, c, then, els=None, else_nl=False):
        if els is not None and not isinstance(then, Block):
            then = Block([then])   # an `else` binds to the innermost `if`
        self.c, self.then, self.els, self.else_nl = c, then, els, else_nl

    def render(self, indent):
        s = "%sif (%s) %s" % (indent, self.c.render(), self.then.render_inline(indent))
        if self.els is not None:
            s += ("\n" + indent) if self.else_nl else " "
            s += "else " + self.els.render_inline(indent)
        return s

    def exec(self, m, f):
        m.step()
        if self.c.eval(m, f):
            self.then.exec(m, f)
        elif self.els is not None:
            self.els.exec(m, f)


class Loop(Stmt):
    def __init__(self, body):
        self.body = body

    def render(self, indent):
        return indent + "loop " + self.body.render_inline(indent)

    def exec(self, m, f):
        try:
            while True:
                m.step()
                self.body.exec(m, f)
        except Break as b:
            if b.frame is not f:
                raise


class BreakS(Stmt):
    def render(self, indent):
        return indent + "break"

    def exec(self, m, f):
        m.step()
        raise Break(f)


class ForRange(Stmt):
    def __init__(self, var, lo, hi, body):
        self.var, self.lo, self.hi, self.body = var, lo, hi, body

    def render(self, indent):
        return "%sfor %s in %s...%s %s" % (indent, self.var, self.lo.wrap(1),
                                            self.hi.wrap(1), self.body.render_inline(indent))

    def exec(self, m, f):
        lo = self.lo.eval(m, f)
        hi = self.hi.eval(m, f)
        if hi - lo > 100000:
            raise Budget()
        try:
            i = lo
            while i <= hi:
                m.step()
                f.vars[self.var] = i
                self.body.exec(m, f)
                i += 1
        except Break as b:
            if b.frame is not f:
                raise


class ForEach(Stmt):
    def __init__(self, var, gen, args, body):
        self.var, self.gen, self.args, self.body = var, gen, args, body

    def render(self, indent):
        return "%sfor %s in %s(%s) %s" % (indent, self.var, self.gen.name, render_args(self.args),
                                          self.body.render_inline(indent))

    def exec(self, m, f):
        m.step()
        args = [a.eval(m, f) for a in self.args]

        def body(v):
            f.vars[self.var] = v
            self.body.exec(m, f)
        try:
            m.call(self.gen, args, yield_cb=body)
        except Break as b:
            if b.frame is not f:
                raise


class Unwound(Exception):
    """Raised at a suspended generator value's yield when its owner is left:
    it unwinds the generator's own blocks and loops on its way out."""


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
        self.reply = ("value", v)
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
        """("value", v), ("end",) (also at every later next) or ("event", text)."""
        if self.state == "done":
            return ("end",)
        if self.state == "fresh":
            threading.Thread(target=self._run, daemon=True).start()
        return self._switch()

    def destroy(self):
        if self.state == "suspended":
            self.unwinding = True
            try:
                self._switch()
            except Budget:
                pass
        self.state = "done"


class GenMake(Expr):
    """`g(args)` outside `for … in`: a suspended generator value, owned by the
    innermost block of the frame that owns values."""

    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def render(self):
        return "%s(%s)" % (self.fn.name, render_args(self.args))

    def eval(self, m, f):
        m.step()
        gv = GenValue(m, self.fn, [a.eval(m, f) for a in self.args])
        f.owners[-1].append(gv)
        return gv


class NextS(Stmt):
    """next(g) -> v; A | ; B [| e; C]"""

    def __init__(self, gv, var, on_value, on_end, event=None):
        self.gv, self.var, self.on_value, self.on_end = gv, var, on_value, on_end
        self.event = event    # (name, block) or None

    def render(self, indent):
        s = "%snext(%s) -> %s; %s | ; %s" % (indent, self.gv, self.var,
                                            self.on_value.render_inline(indent),
                                            self.on_end.render_inline(indent))
        if self.event:
            s += " | %s; %s" % (self.event[0], self.event[1].render_inline(indent))
        return s

    def exec(self, m, f):
        m.step()
        r = f.vars[self.gv].next()
        if r[0] == "value":
            f.vars[self.var] = r[1]
            self.on_value.exec(m, f)
        elif r[0] == "end":
            self.on_end.exec(m, f)
        elif self.event:
            f.vars[self.event[0]] = r[1]
            self.event[1].exec(m, f)
        else:
            raise Event(r[1])


class ForValue(Stmt):
    """for v in g B: the rest of g's values; break leaves g suspended."""

    def __init__(self, var, gv, body):
        self.var, self.gv, self.body = var, gv, body

    def render(self, indent):
        return "%sfor %s in %s %s" % (indent, self.var, self.gv, self.body.render_inline(indent))

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
                f.vars[self.var] = r[1]
                self.body.exec(m, f)
        except Break as b:
            if b.frame is not f:
                raise


class Throw(Stmt):
    def __init__(self, e):
        self.e = e

    def render(self, indent):
        return indent + "throw " + self.e.render()

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
    def __init__(self, e):
        self.e = e

    def render(self, indent):
        return "%syield(%s)" % (indent, self.e.render())

    def exec(self, m, f):
        m.step()
        v = self.e.eval(m, f)
        f.yield_cb(v)


class Raw(Stmt):
    """A comment line: rendered, never run."""

    def __init__(self, text):
        self.text = text

    def render(self, indent):
        return indent + self.text

    def exec(self, m, f):
        pass


# ---------------------------------------------------------------------------
# Program structure

class Func:
    def __init__(self, name, index):
        self.name = name
        self.index = index
        self.params = []      # (name, type); type "out" for *Stdout
        self.conts = []       # (name, [types])
        self.kind = "single"  # single | void | multi | gen | run
        self.recursive = False
        self.fuel = None      # the parameter bounding a recursive function
        self.body = None
        self.expr_body = None
        self.omit_conts = False
        self.out = None       # name of its *Stdout, if any

    def first_types(self):
        return self.conts[0][1]

    def render_sig(self, rng):
        ps = []
        prev = None
        for name, t in self.params:
            if t == "out":
                ps.append("*Stdout " + name)
                prev = None
                continue
            tn = TNAME[t]
            if prev == t and rng.random() < 0.5:
                ps.append(name)
            else:
                ps.append(tn + " " + name)
            prev = t
        s = "def %s(%s)" % (self.name, ", ".join(ps))
        if self.kind == "run":
            return "def Run()"
        if not self.omit_conts:
            cs = ["%s(%s)" % (n, ", ".join(TNAME[t] for t in ts)) for n, ts in self.conts]
            s += " -> " + " | ".join(cs)
        return s


class Program:
    def __init__(self):
        self.consts = []   # (name, Expr)
        self.const_types = {}
        self.funcs = []
        self.run = None
        self.text = None


TNAME = {"int": "int", "bool": "bool", "str": "String"}
CONT_NAMES = ["ok", "bad", "big", "small", "none", "pair", "fail", "done", "other", "neg"]
WORDS = ["a", "b", "x", "dodo", "Hello", "sum", "ok", "err", "#not a comment", "it's",
         "one two", "+++", "#---", "{", "}", ":", ".", "!", "->", "|", "q\"q", ""]


# ---------------------------------------------------------------------------
# The generator

class Scope:
    """What a piece of code may use."""

    def __init__(self, fn, vars_, loop=False, out=None):
        self.fn = fn
        self.vars = vars_          # list of (name, type, mutable)
        self.loop = loop
        self.out = out

    def child(self, loop=None):
        return Scope(self.fn, list(self.vars), self.loop if loop is None else loop, self.out)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.counter = 0
        self.prog = Program()

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def chance(self, p):
        return self.rng.random() < p

    # -- literals ---------------------------------------------------------
    def int_value(self):
        r = self.rng.random()
        if r < 0.6:
            return self.rng.randint(-10, 10)
        if r < 0.85:
            return self.rng.randint(-1000, 1000)
        if r < 0.9:
            return self.rng.choice([INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1, 1 << 62, -(1 << 62),
                                    (1 << 32), 3037000499, 3037000500, -3037000500, 65536, 255])
        return self.rng.randint(-(1 << 31), 1 << 31)

    def int_lit(self, v=None):
        if v is None:
            v = self.int_value()
        if v == INT_MIN:
            return MinLit()
        if v < 0:
            return Un("-", self.int_lit(-v))
        r = self.rng.random()
        if r < 0.1:
            return Lit(v, "0x%x" % v if self.chance(0.5) else "0X%X" % v)
        if r < 0.15:
            return Lit(v, "0c%o" % v)
        if r < 0.2:
            return Lit(v, "0b{:b}".format(v))
        return Lit(v)

    def str_piece(self):
        return self.rng.choice(WORDS)

    # -- expressions ------------------------------------------------------
    def vars_of(self, sc, t):
        vs = [n for n, vt, _m in sc.vars if vt == t]
        vs += [n for n, ct in self.prog.const_types.items() if ct == t and sc is not None]
        return vs

    def callees(self, sc, kinds):
        """Functions sc.fn may call: later ones (no cycles), and itself when
        it is recursive (a `fuel` first parameter bounds the depth)."""
        fn = sc.fn
        out = []
        for g in self.prog.funcs:
            if g.kind not in kinds:
                continue
            if g.index > fn.index or (g is fn and fn.recursive):
                if any(t == "out" for _n, t in g.params) and not sc.out:
                    continue
                out.append(g)
        return out

    def args_for(self, sc, g, depth):
        args = []
        for name, t in g.params:
            if t == "out":
                args.append(Var(sc.out))
            elif name == g.fuel:
                if g is sc.fn:
                    args.append(Bin("-", Var(g.fuel), Lit(1)))
                else:
                    args.append(Lit(self.rng.randint(0, 4)))
            else:
                args.append(self.expr(sc, t, depth + 1))
        return args

    def expr(self, sc, t, depth=0, allow_never=True):
        d = depth
        leaf = d >= 4 or self.chance(0.25 + 0.15 * d)
        if t == "int":
            vs = self.vars_of(sc, "int")
            if leaf:
                if vs and self.chance(0.6):
                    return Var(self.rng.choice(vs))
                return self.int_lit()
            r = self.rng.random()
            if r < 0.45:
                op = self.rng.choice(["+", "-", "*", "+", "-", "*", "/", "%", "**"])
                l = self.expr(sc, "int", d + 1)
                if op == "**":
                    rr = self.expr(sc, "int", d + 2) if self.chance(0.2) else self.int_lit(
                        self.rng.choice([0, 1, 2, 2, 3, 3, 5, 7, 31, 62, 63, 64, -1]))
                else:
                    rr = self.expr(sc, "int", d + 1)
                return Bin(op, l, rr)
            if r < 0.55:
                return Un("-", self.expr(sc, "int", d + 1))
            choices = ["call", "if", "hcall", "var", "paren"]
        elif t == "bool":
            vs = self.vars_of(sc, "bool")
            if leaf:
                if vs and self.chance(0.5):
                    return Var(self.rng.choice(vs))
                return Lit(self.chance(0.5))
            r = self.rng.random()
            if r < 0.35:
                op = self.rng.choice(["<", "<=", ">", ">=", "=", "!="])
                return Bin(op, self.expr(sc, "int", d + 1), self.expr(sc, "int", d + 1))
            if r < 0.5:
                return Bin(self.rng.choice(["and", "or"]), self.expr(sc, "bool", d + 1),
                           self.expr(sc, "bool", d + 1))
            if r < 0.58:
                return Un("not", self.expr(sc, "bool", d + 1))
            if r < 0.64:
                tt = self.rng.choice(["bool", "str"])
                return Bin(self.rng.choice(["=", "!="]), self.expr(sc, tt, d + 1),
                           self.expr(sc, tt, d + 1))
            choices = ["call", "if", "hcall", "var"]
        else:
            vs = self.vars_of(sc, "str")
            if leaf:
                if vs and self.chance(0.5):
                    return Var(self.rng.choice(vs))
                return Str([("s", self.str_piece())])
            if self.chance(0.5):
                return self.interp(sc, d)
            choices = ["call", "if", "hcall", "var"]
        c = self.rng.choice(choices)
        if c == "call":
            gs = [g for g in self.callees(sc, ("single",)) if g.first_types() == [t]]
            if gs:
                g = self.rng.choice(gs)
                return Call(g, self.args_for(sc, g, d))
        if c == "if":
            # At most one arm invokes a continuation: the if keeps type t.
            arms = [self.branch(sc, t, d + 1, allow_never), self.expr(sc, t, d + 1)]
            self.rng.shuffle(arms)
            return IfE(self.expr(sc, "bool", d + 1), *arms)
        if c == "hcall":
            h = self.hcall_expr(sc, t, d)
            if h is not None:
                return Paren(h)
        if c == "paren":
            return Paren(self.expr(sc, t, d + 1))
        return self.expr(sc, t, d + 1) if d < 4 else self.leaf(sc, t)

    def leaf(self, sc, t):
        vs = self.vars_of(sc, t)
        if vs and self.chance(0.6):
            return Var(self.rng.choice(vs))
        if t == "int":
            return self.int_lit()
        if t == "bool":
            return Lit(self.chance(0.5))
        return Str([("s", self.str_piece())])

    def branch(self, sc, t, d, allow_never):
        """An if-expression's arm: a value, or now and then a continuation
        of the enclosing function."""
        if allow_never and self.chance(0.08):
            inv = self.invoke(sc, d)
            if inv is not None:
                return inv
        return self.expr(sc, t, d)

    def interp(self, sc, d):
        parts = []
        for _ in range(self.rng.randint(1, 4)):
            r = self.rng.random()
            if r < 0.35:
                parts.append(("s", self.str_piece()))
            elif r < 0.45:
                parts.append(("sp", self.rng.choice("ntq")))
            else:
                tt = self.rng.choice(["int", "int", "bool", "str"])
                parts.append(("e", self.expr(sc, tt, d + 1)))
        if parts[0][0] == "e":
            parts.insert(0, ("s", self.str_piece()))
        return Str(parts)

    def invoke(self, sc, d):
        """An invocation of one of sc.fn's continuations (never Run's)."""
        fn = sc.fn
        if fn.kind in ("run", "gen") or fn.omit_conts:
            return None
        i = self.rng.randrange(len(fn.conts))
        args = [self.expr(sc, t, d + 1, allow_never=False) for t in fn.conts[i][1]]
        return InvokeE(fn, i, args, self.rng.choice(["kw", "call"]))

    def handlers(self, sc, g, d, want, event_p):
        """Handlers for a call of g. want: a type for value handlers, None for
        statement handlers."""
        hs = []
        conts = list(g.conts)
        with_event = self.chance(event_p)
        if with_event:
            conts = conts + [("event", ["str"])]
        for _name, ts in conts:
            names = [self.fresh("h") for _ in ts]
            hsc = sc.child()
            hsc.vars += [(n, t, False) for n, t in zip(names, ts)]
            if want is None:
                body = self.handler_stmt(hsc, d)
            elif self.chance(0.1):
                body = self.invoke(hsc, d + 1)
                if body is None:
                    body = ThrowE(self.interp(hsc, d + 1))
            elif self.chance(0.05):
                body = ThrowE(self.interp(hsc, d + 1))
            else:
                body = self.expr(hsc, want, d + 1)
            hs.append((names, body))
        if want is not None and all(isinstance(b, (InvokeE, ThrowE)) for _n, b in hs):
            # One handler at least gives a value, so the call has type `want`.
            names = hs[0][0]
            hsc = sc.child()
            hsc.vars += [(n, t, False) for n, t in zip(names, conts[0][1])]
            hs[0] = (names, self.expr(hsc, want, d + 1))
        return hs

    def hcall_expr(self, sc, t, d):
        gs = [g for g in self.callees(sc, ("single", "multi", "void"))]
        if not gs:
            return None
        g = self.rng.choice(gs)
        return HCall(g, self.args_for(sc, g, d), self.handlers(sc, g, d, t, 0.6))

    # -- statements -------------------------------------------------------
    def handler_stmt(self, sc, d):
        r = self.rng.random()
        if r < 0.4 or d > 2:
            return self.simple_stmt(sc, d + 1)
        return Block(self.stmts(sc, d + 1, self.rng.randint(1, 3)), self.block_style())

    def block_style(self):
        r = self.rng.random()
        return ":" if r < 0.15 else "{"

    def simple_stmt(self, sc, d):
        """A statement that declares nothing."""
        r = self.rng.random()
        mut = [(n, t) for n, t, m in sc.vars if m]
        if sc.out and r < 0.5:
            e = self.interp(sc, d + 1) if self.chance(0.7) else self.expr(sc, "str", d + 1)
            return Puts(sc.out, e)
        if mut and r < 0.8:
            n, t = self.rng.choice(mut)
            return Assign(n, self.expr(sc, t, d + 1))
        if sc.loop and self.chance(0.3):
            return BreakS()
        if self.chance(0.3):
            inv = self.invoke(sc, d)
            if inv is not None:
                return InvokeS(inv)
        if sc.out:
            return Puts(sc.out, self.interp(sc, d + 1))
        if self.chance(0.5):
            return Throw(self.interp(sc, d + 1))
        return If(self.expr(sc, "bool", d + 1), Throw(self.interp(sc, d + 1)))

    def stmts(self, sc, d, n):
        """n statements; declarations extend sc for the ones after."""
        sc = sc.child()
        out = []
        for _ in range(n):
            out.extend(self.stmt(sc, d))
        return out

    def body_block(self, sc, d):
        """A nested block: its own scope."""
        n = self.rng.randint(1, 4 if d < 2 else 2)
        st = self.block_style()
        if st == "{" and self.chance(0.1):
            st = ";"
        return Block(self.stmts(sc, d + 1, n), st)

    def stmt(self, sc, d):
        """One or more statements (a counted loop needs its counter)."""
        if sc.fn.kind == "gen" and self.chance(0.12):
            y = YieldS(self.expr(sc, "int", 2))
            return [If(self.expr(sc, "bool", 2), y) if self.chance(0.5) else y]
        if sc.loop and self.chance(0.12):
            r = self.rng.random()
            inv = self.invoke(sc, d) if r < 0.4 else None
            if inv is not None:
                return [If(self.expr(sc, "bool", 2), InvokeS(inv))]
            if r < 0.55:
                return [If(self.expr(sc, "bool", 2), Throw(self.interp(sc, 2)))]
            return [If(self.expr(sc, "bool", 2), BreakS())]
        r = self.rng.random()
        deep = d >= 3
        if r < 0.2:
            name = self.fresh("v")
            t = self.rng.choice(["int", "int", "int", "bool", "str"])
            rr = self.rng.random()
            if rr < 0.5:
                s = Decl(name, None, self.expr(sc, t, 1))
            elif rr < 0.8:
                s = Decl(name, TNAME[t], self.expr(sc, t, 1))
            elif rr < 0.9:
                s = Decl(name, TNAME[t], None)
            else:
                names = [name] + [self.fresh("v") for _ in range(self.rng.randint(1, 3))]
                inits = []
                for n2 in names:
                    inits.append(self.expr(sc, t, 2) if self.chance(0.5) else None)
                    sc.vars.append((n2, t, True))   # visible in the next initialisers
                return [MultiDecl(TNAME[t], names, inits)]
            sc.vars.append((name, t, True))
            return [s]
        if r < 0.45:
            return [self.simple_stmt(sc, d)]
        if r < 0.55 and not deep:
            c = self.expr(sc, "bool", 1)
            then = self.body_block(sc, d) if self.chance(0.7) else self.simple_stmt(sc, d + 1)
            els = None
            if self.chance(0.5):
                if self.chance(0.3):
                    els = If(self.expr(sc, "bool", 1), self.body_block(sc, d),
                             self.body_block(sc, d) if self.chance(0.5) else None)
                else:
                    els = self.body_block(sc, d) if self.chance(0.7) else self.simple_stmt(sc, d + 1)
            return [If(c, then, els, else_nl=isinstance(then, Block) and then.style != ";"
                       and self.chance(0.3))]
        if r < 0.62 and not deep:
            # A counted loop: loop { if (c >= K) break; .c = c + 1; … }
            cn = self.fresh("v")
            sc.vars.append((cn, "int", False))
            inner = sc.child(loop=True)
            k = self.rng.randint(0, 4)
            body = [If(Bin(">=", Var(cn), Lit(k)), BreakS()), Assign(cn, Bin("+", Var(cn), Lit(1)))]
            body += self.stmts(inner, d + 1, self.rng.randint(1, 3))
            return [Decl(cn, "int", None), Loop(Block(body, self.block_style()))]
        if r < 0.7 and not deep:
            iv = self.fresh("i")
            if self.chance(0.1):
                top = self.rng.choice([INT_MAX, INT_MIN + 3])
                lo, hi = self.int_lit(top - 2), self.int_lit(top)
            else:
                lo = self.expr(sc, "int", 3) if self.chance(0.3) else self.int_lit(self.rng.randint(-3, 3))
                hi = self.int_lit(self.rng.randint(-2, 5)) if self.chance(0.7) else self.expr(sc, "int", 3)
            inner = sc.child(loop=True)
            inner.vars.append((iv, "int", False))
            return [ForRange(iv, lo, hi, self.body_block(inner, d))]
        if r < 0.76 and not deep:
            gens = self.callees(sc, ("gen",))
            if gens:
                g = self.rng.choice(gens)
                iv = self.fresh("i")
                inner = sc.child(loop=True)
                inner.vars.append((iv, "int", False))
                return [ForEach(iv, g, self.args_for(sc, g, 2), self.body_block(inner, d))]
        if r < 0.8 and not deep:
            gens = self.callees(sc, ("gen",))
            if gens:
                return self.gen_value_stmts(sc, d, self.rng.choice(gens))
        if r < 0.88 or (sc.fn.kind == "run" and d == 0 and self.chance(0.5)):
            gs = self.callees(sc, ("single", "multi", "void"))
            if gs:
                g = self.rng.choice(gs)
                if g.kind == "void" and self.chance(0.4):
                    return [ExprStmt(Call(g, self.args_for(sc, g, 1)))]
                if g.kind == "single" and self.chance(0.1):
                    return [ExprStmt(Call(g, self.args_for(sc, g, 1)))]
                hs = self.handlers(sc, g, d, None, 0.95 if sc.fn.kind == "run" else 0.6)
                return [ExprStmt(HCall(g, self.args_for(sc, g, 1), hs,
                                       "lines" if self.chance(0.3) else "inline",
                                       self.chance(0.3)))]
        if r < 0.92:
            # def x = f(…) -> a; … | e; …   (handlers straight in the initialiser)
            t = self.rng.choice(["int", "str", "bool"])
            h = self.hcall_expr(sc, t, 1)
            if h is not None:
                name = self.fresh("v")
                sc.vars.append((name, t, True))
                return [Decl(name, None, h)]
        if r < 0.95:
            if sc.fn.kind != "run" or self.chance(0.1):
                return [If(self.expr(sc, "bool", 1), Throw(self.interp(sc, 1)))]
        if self.chance(0.3):
            inv = self.invoke(sc, d)
            if inv is not None:
                return [If(self.expr(sc, "bool", 1), InvokeS(inv))]
        if self.chance(0.1):
            return [Raw(self.rng.choice(["# a comment", "#--- block +++", "#--- a #--- nested +++ one +++"]))]
        return [self.simple_stmt(sc, d)]

    # -- functions --------------------------------------------------------
    def signature(self, fn):
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            fn.kind = "single"
            fn.conts = [("return", [rng.choice(["int", "int", "int", "bool", "str"])])]
        elif r < 0.6:
            fn.kind = "void"
            fn.conts = [("return", [])]
        elif r < 0.85:
            fn.kind = "multi"
            names = rng.sample(CONT_NAMES, rng.choice([2, 2, 3, 3, 4, 5, 6]))
            if rng.random() < 0.3:
                names[0] = "return"
            fn.conts = [(n, [rng.choice(["int", "int", "str", "bool"])
                             for _ in range(rng.choice([0, 1, 1, 1, 2, 3]))]) for n in names]
        else:
            fn.kind = "gen"
            fn.conts = [("yield", ["int"]), ("end", [])]
        nparams = rng.randint(0, 6)
        if fn.kind in ("single", "multi") and rng.random() < 0.3:
            fn.recursive = True
        if fn.recursive:
            fn.fuel = self.fresh("p")
            fn.params.append((fn.fuel, "int"))
        for _ in range(nparams):
            fn.params.append((self.fresh("p"), rng.choice(["int", "int", "int", "bool", "str"])))
        if fn.kind == "void" or rng.random() < 0.25:
            # The capability, usually first, sometimes among the others.
            fn.out = "o"
            at = 0 if rng.random() < 0.7 else rng.randint(0, len(fn.params))
            fn.params.insert(at, ("o", "out"))

    def function_body(self, fn):
        sc = Scope(fn, [(n, t, False) for n, t in fn.params if t != "out"], out=fn.out)
        rng = self.rng
        if fn.kind == "single" and not fn.recursive and rng.random() < 0.4:
            fn.omit_conts = rng.random() < 0.3   # then no continuation may be named
            fn.expr_body = self.expr(sc, fn.conts[0][1][0], 0)
            return
        if (fn.kind == "single" and fn.recursive and fn.first_types() == ["int"]
                and rng.random() < 0.5):
            # A recursion `X + f(…)` in an arm: -O1 runs it as a loop with a
            # running sum (compiler/gen_accum.c); the terms may be negative.
            fuel = fn.fuel
            base = self.expr(sc, "int", 1)
            term = self.expr(sc, "int", 1)
            rec = Bin("+", term, Call(fn, self.args_for(sc, fn, 1)))
            if rng.random() < 0.3:
                # a plain tail call of itself: -O1 makes it a loop
                # (compiler/ir_inline.c), maybe with a copy for RDI >= 0
                rec = Call(fn, self.args_for(sc, fn, 1))
            others = [g for g in self.callees(sc, ("single",))
                      if g is not fn and g.first_types() == ["int"]]
            if others and rng.random() < 0.3:
                # a tail call of another function, which -O1 may inline
                g = rng.choice(others)
                rec = IfE(self.expr(sc, "bool", 2), rec, Call(g, self.args_for(sc, g, 1)))
            if rng.random() < 0.3:
                rec = IfE(self.expr(sc, "bool", 2), rec, self.expr(sc, "int", 2))
            fn.expr_body = IfE(Bin("<=", Var(fuel), Lit(0)), base, rec)
            return
        stmts = []
        if fn.recursive:
            # if (fuel <= 0) <some continuation>
            fuel = fn.fuel
            base = self.invoke(Scope(fn, [v for v in sc.vars if v[0] != fuel], out=fn.out), 1)
            stmts.append(If(Bin("<=", Var(fuel), Lit(0)), InvokeS(base)))
        if fn.kind == "multi" and rng.random() < 0.2 and not fn.recursive:
            i, j = rng.sample(range(len(fn.conts)), 2)
            fn.expr_body = IfE(self.expr(sc, "bool", 1), self.invoke_at(sc, i), self.invoke_at(sc, j))
            return
        stmts += self.stmts(sc, 0, rng.randint(1, 6))
        if fn.kind == "gen":
            # Yields in a counted range, so the consumer sees some values.
            iv = self.fresh("i")
            inner = sc.child(loop=True)
            inner.vars.append((iv, "int", False))
            body = [YieldS(self.expr(inner, "int", 2))] + self.stmts(inner, 2, rng.randint(0, 2))
            if rng.random() < 0.3:
                body.insert(0, If(self.expr(inner, "bool", 2), InvokeS(InvokeE(fn, 1, [], "call"))))
            stmts.append(ForRange(iv, Lit(1), Lit(rng.randint(0, 4)), Block(body)))
        elif fn.first_types() or rng.random() < 0.5:
            stmts.append(InvokeS(self.invoke(Scope(fn, sc.vars, out=fn.out), 1)))
        fn.body = Block(stmts, "{" if rng.random() < 0.85 else ":")

    def gen_value_stmts(self, sc, d, g):
        """def gN = g(…), then a few `next(gN)` and maybe a `for … in gN`."""
        name = self.fresh("g")
        out = [Decl(name, None, GenMake(g, self.args_for(sc, g, 2)))]
        for _ in range(self.rng.randint(1, 3)):
            if self.chance(0.3):
                iv = self.fresh("i")
                inner = sc.child(loop=True)
                inner.vars.append((iv, "int", False))
                body = self.body_block(inner, d)
                if self.chance(0.4):   # leave early: the rest stays for later
                    body.stmts.insert(0, If(self.expr(inner, "bool", 2), BreakS()))
                out.append(ForValue(iv, name, body))
                continue
            v = self.fresh("v")
            on_value = sc.child()
            on_value.vars.append((v, "int", False))
            event = None
            if self.chance(0.5):
                e = self.fresh("e")
                on_event = sc.child()
                on_event.vars.append((e, "str", False))
                event = (e, self.body_block(on_event, d))
            out.append(NextS(name, v, self.body_block(on_value, d), self.body_block(sc.child(), d),
                             event))
        return out

    def invoke_at(self, sc, i):
        fn = sc.fn
        return InvokeE(fn, i, [self.expr(sc, t, 2, allow_never=False) for t in fn.conts[i][1]],
                       "call")

    def const_expr(self, t, d=0):
        """A constant expression over earlier constants."""
        leaf = d >= 2 or self.chance(0.4)
        known = [n for n, ct in self.prog.const_types.items() if ct == t]
        if leaf:
            if known and self.chance(0.4):
                return Var(self.rng.choice(known))
            if t == "int":
                return self.int_lit()
            if t == "bool":
                return Lit(self.chance(0.5))
            return Str([("s", self.str_piece())])
        if t == "int":
            if self.chance(0.2):
                return Un("-", self.const_expr("int", d + 1))
            return Bin(self.rng.choice(["+", "-", "*", "/", "%", "**"]), self.const_expr("int", d + 1),
                       self.const_expr("int", d + 1))
        if t == "bool":
            return Bin(self.rng.choice(["<", "=", "!=", ">="]),
                       self.const_expr("int", d + 1), self.const_expr("int", d + 1))
        return Str([("s", self.str_piece()), ("e", self.const_expr(self.rng.choice(["int", "bool"]), d + 1))])

    def generate(self):
        rng = self.rng
        prog = self.prog
        m = Machine(prog)
        for _ in range(rng.randint(0, 3)):
            t = rng.choice(["int", "int", "bool", "str"])
            for _try in range(10):
                e = self.const_expr(t)
                try:
                    v = e.eval(m, None)
                except Event:
                    continue
                name = self.fresh("k")
                prog.consts.append((name, e))
                prog.const_types[name] = t
                m.consts[name] = v
                break
        nfun = rng.randint(1, 6)
        for i in range(nfun):
            fn = Func(self.fresh("f"), i + 1)
            self.signature(fn)
            prog.funcs.append(fn)
        run = Func("Run", 0)
        run.kind = "run"
        run.conts = [("return", [])]
        run.out = "out"
        prog.run = run
        for fn in prog.funcs:
            self.function_body(fn)
        # Run's statements one at a time: a statement after which the program
        # would end in an unhandled event is drawn again (a few times), so
        # that most programs run to their end; some still end in an event.
        sc = Scope(run, [], out="out")
        stmts = [Raw("*Stdout out")]
        count = rng.randint(3, 10)
        end_in_event = rng.random() < 0.3
        for k in range(count):
            for tries in range(6):
                saved = list(sc.vars)
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
                sc.vars = saved
            else:
                sc.vars = saved
                continue
            stmts += new
        if rng.random() < 0.1:
            stmts.append(InvokeS(InvokeE(run, 0, [], rng.choice(["kw", "call"]))))
            stmts.append(Puts("out", Str([("s", "not reached")])))
        run.body = Block(stmts)
        self.render_seed = rng.random()
        prog.text = self.render()
        return prog

    def render(self):
        """Deterministic for a given tree: the reducer renders again."""
        rng = random.Random(self.render_seed)
        prog = self.prog
        lines = []
        if rng.random() < 0.15:
            lines.append("__Module__ difft")
            if rng.random() < 0.5:
                lines.append("__Main__")
        lines.append("use console")
        if rng.random() < 0.1:
            lines.append("use modules")
        for name, e in prog.consts:
            lines.append("def %s = %s" % (name, e.render()))
        order = list(prog.funcs) + [prog.run]
        rng.shuffle(order)
        for fn in order:
            sig = fn.render_sig(rng)
            if fn.expr_body is not None:
                lines.append("%s = %s" % (sig, fn.expr_body.render()))
            else:
                lines.append(sig + " " + fn.body.render_inline(""))
        return "\n".join(lines) + "\n"


def generate_full(seed, attempts=50):
    """(generator, program text, expected (stdout, stderr, status))."""
    sys.setrecursionlimit(100000)
    for attempt in range(attempts):
        g = Gen("%d/%d" % (seed, attempt))
        prog = g.generate()
        m = Machine(prog)
        try:
            result = m.run()
        except Budget:
            continue
        return g, prog.text, result
    raise RuntimeError("seed %d: no program within budget after %d attempts" % (seed, attempts))


def generate(seed):
    """The program for `seed` and its expected (stdout, stderr, status)."""
    _g, text, result = generate_full(seed)
    return text, result


def main(argv):
    expect = False
    if argv and argv[0] == "--expect":
        expect = True
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
