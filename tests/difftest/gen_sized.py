#!/usr/bin/env python3
"""Random programs over the sized integers (language.md §13), with what they
must print.

    gen_sized.py SEED            print the program for SEED
    gen_sized.py --expect SEED   print its expected stdout, stderr and status

Each program declares a few functions `fK(T a, T b, U c) -> return(T) = e`,
T and U drawn from int8 … uint64 (and int), whose body e is a random tree of
every operator (+ - * / % ** and unary -), conversions `T(c)` and `T(x)`,
literals (which take T from the other operand), and `if` over comparisons.
Run calls each function with arguments at and near the edges of the types,
through handlers that print the value or the event. The interpreter below
evaluates the same trees with Python integers: each operation's result must
fit its type, else "integer overflow"; division by zero, a negative
exponent, truncating `/`, `%` with the dividend's sign, MIN % -1 = 0.

Literal-only subtrees are never generated (the compiler folds those and
reports their overflow at compile time: the diagnostics tests cover that).

Standard library only.
"""

import random
import sys

OVERFLOW = "integer overflow"
DIVZERO = "division by zero"
NEGEXP = "negative exponent"

TYPES = {"int8": (8, True), "int16": (16, True), "int32": (32, True), "int64": (64, True),
         "int": (64, True), "uint8": (8, False), "uint16": (16, False),
         "uint32": (32, False), "uint64": (64, False)}


class Event(Exception):
    def __init__(self, text):
        super().__init__(text)
        self.text = text


def bounds(t):
    bits, signed = TYPES[t]
    if signed:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def fit(t, v):
    lo, hi = bounds(t)
    if v < lo or v > hi:
        raise Event(OVERFLOW)
    return v


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def power(t, a, b):
    if b < 0:
        raise Event(NEGEXP)
    lo, hi = bounds(t)
    r = 1
    for _ in range(b):
        r *= a
        if r < lo or r > hi:
            raise Event(OVERFLOW)
        if r in (0, 1):
            break
        if r == -1:
            return 1 if b % 2 == 0 else -1
    return r


# Expression trees: (kind, ...). Evaluation raises Event.

def ev(node, env, t):
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "var":
        return env[node[1]]
    if kind == "conv":  # T(x), x of type node[2]
        return fit(t, ev(node[1], env, node[2]))
    if kind == "neg":
        return fit(t, -ev(node[1], env, t))
    if kind == "if":
        _, op, l, r, a, b = node
        x, y = ev(l, env, t), ev(r, env, t)
        cond = {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "=": x == y, "!=": x != y}[op]
        return ev(a, env, t) if cond else ev(b, env, t)
    _, op, l, r = node
    x, y = ev(l, env, t), ev(r, env, t)
    if op == "+":
        return fit(t, x + y)
    if op == "-":
        return fit(t, x - y)
    if op == "*":
        return fit(t, x * y)
    if op in ("/", "%"):
        if y == 0:
            raise Event(DIVZERO)
        q = tdiv(x, y)
        return fit(t, q) if op == "/" else x - y * q
    if op == "**":
        return power(t, x, y)
    raise AssertionError(op)


PREC = {"**": 4, "*": 3, "/": 3, "%": 3, "+": 2, "-": 2}


def text(node, t):
    """Fully parenthesised below the top: precedence is the tier-1 tester's."""
    kind = node[0]
    if kind == "lit":
        return str(node[1]) if node[1] >= 0 else "(%d)" % node[1]
    if kind == "var":
        return node[1]
    if kind == "conv":
        return "%s(%s)" % (t, text(node[1], node[2]))
    if kind == "neg":
        return "-(%s)" % text(node[1], t)
    if kind == "if":
        _, op, l, r, a, b = node
        return "(if (%s %s %s) %s else %s)" % (text(l, t), op, text(r, t), text(a, t), text(b, t))
    _, op, l, r = node
    return "(%s %s %s)" % (text(l, t), op, text(r, t))


def is_literal(node):
    return node[0] == "lit" or (node[0] in ("neg",) and is_literal(node[1])) or \
        (node[0] == "bin" and is_literal(node[2]) and is_literal(node[3]))


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def value(self, t):
        lo, hi = bounds(t)
        r = self.r
        pick = r.random()
        if pick < 0.4:
            v = r.choice([lo, lo + 1, hi, hi - 1, 0, 1, 2, -1, -2, 3])
        elif pick < 0.7:
            v = r.randint(-20, 20)
        else:
            v = r.randint(lo, hi)
        return min(max(v, lo), hi)

    def literal(self, t):
        lo, hi = bounds(t)
        v = self.r.choice([0, 1, 2, 3, 5, 7, 10, 16, 100, -1, -3, hi, lo, hi // 2])
        return ("lit", min(max(v, lo), hi))

    def leaf(self, t, ut):
        r = self.r.random()
        if r < 0.45:
            return ("var", self.r.choice("ab"))
        if r < 0.7:
            return ("conv", ("var", "c"), ut)
        return self.literal(t)

    def expr(self, t, ut, depth):
        if depth <= 0 or self.r.random() < 0.25:
            return self.leaf(t, ut)
        r = self.r.random()
        if r < 0.1:
            return ("neg", self.nonliteral(t, ut, depth - 1))  # -(literal) would be folded
        if r < 0.2:  # T(x), x an expression of c's type
            c = ("var", "c")
            if self.r.random() < 0.5:
                c = ("bin", self.r.choice("+-*"), c, self.literal(ut))
            return ("conv", c, ut)
        if r < 0.3 and depth >= 2:
            op = self.r.choice(["<", "<=", ">", ">=", "=", "!="])
            arm = lambda: self.nonliteral(t, ut, depth - 1)  # noqa: E731
            return ("if", op, self.nonliteral(t, ut, depth - 1), self.expr(t, ut, depth - 1),
                    arm(), arm())
        op = self.r.choice(["+", "-", "*", "/", "%", "**", "+", "-", "*"])
        lhs = self.expr(t, ut, depth - 1)
        rhs = self.literal(t) if op == "**" and self.r.random() < 0.7 else self.expr(t, ut, depth - 1)
        if op == "**" and rhs[0] == "lit":
            rhs = ("lit", self.r.choice([0, 1, 2, 3, 5, 7]))
        if is_literal(lhs) and is_literal(rhs):
            lhs = ("var", self.r.choice("ab"))
        return ("bin", op, lhs, rhs)

    def nonliteral(self, t, ut, depth):
        e = self.expr(t, ut, depth)
        return e if not is_literal(e) else ("var", self.r.choice("ab"))

    def generate(self):
        funcs = []
        for k in range(self.r.randint(2, 5)):
            t = self.r.choice(list(TYPES))
            ut = self.r.choice(list(TYPES))
            body = self.nonliteral(t, ut, self.r.randint(1, 4))
            funcs.append(("f%d" % k, t, ut, body))
        lines = ["# gen_sized.py: random sized-integer program", "use console"]
        for name, t, ut, body in funcs:
            lines.append("def %s(%s a, b, %s c) -> return(%s) = %s" % (name, t, ut, t, text(body, t)))
        lines += ["def Run() {", "   *Stdout out"]
        out = []
        for _ in range(self.r.randint(4, 12)):
            name, t, ut, body = self.r.choice(funcs)
            a, b, c = self.value(t), self.value(t), self.value(ut)
            lines.append('   %s(%d, %d, %d) -> v; console!out.Puts("%s "(v)) | e; console!out.Puts("%s: "(e))'
                         % (name, a, b, c, name, name))
            try:
                out.append("%s %d" % (name, ev(body, {"a": a, "b": b, "c": c}, t)))
            except Event as e:
                out.append("%s: %s" % (name, e.text))
        lines.append("}")
        return "\n".join(lines) + "\n", ("".join(s + "\n" for s in out), "", 0)


def generate(seed):
    """The program for `seed` and its expected (stdout, stderr, status)."""
    return Gen(seed).generate()


def main(argv):
    expect = argv[:1] == ["--expect"]
    if expect:
        argv = argv[1:]
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    prog, (out, err, status) = generate(int(argv[0]))
    sys.stdout.write(out + err + "status %d\n" % status if expect else prog)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
