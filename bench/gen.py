"""Source generators for the benchmarks whose programs depend on a size:
B2 (live locals in a generator), B3 (generator pipelines), B6 (a generator
value advanced by `next`, with live locals), B6b (a merge of two generator
values) and B9/B10 (large programs in dodo and equivalent C)."""


def b2_locals(nlocals, n):
    """A generator yielding 0..n-1 with `nlocals` int locals (8 bytes each)
    that are read after the loop, so they are live across every yield."""
    out = [
        f"# B2: a generator with {nlocals} int locals live across its yield.",
        "use console",
        "def upto(int n) -> yield(int) | end() {",
    ]
    out += [f"   int a{j} = n + {j}" for j in range(nlocals)]
    out += [
        "   int i = 0",
        "   loop { if (i >= n) break ; yield(i) ; .i = i + 1 }",
    ]
    if nlocals:
        out.append("   int chk = 0")
        out += [f"   .chk = chk + a{j}" for j in range(nlocals)]
        want = nlocals * n + nlocals * (nlocals - 1) // 2
        out.append(f'   if (chk != {want}) throw "locals corrupted"')
    out += [
        "}",
        "def Run() {",
        "   *Stdout out",
        "   int total",
        f"   for v in upto({n}) {{ .total = total + v }}",
        '   console!out.Puts("total "(total))',
        "}",
    ]
    return "\n".join(out) + "\n"


def b6_next(nlocals, n):
    """A generator value yielding 0..n-1, advanced by a `next` loop; its
    `nlocals` int locals are read after its loop, so they are live across
    every yield and copied in and out with its segment at every step."""
    out = [
        f"# B6: a detached generator with {nlocals} int locals live across its yield,",
        "# advanced one step at a time by next.",
        "use console",
        "def upto(int n) -> yield(int) | end() {",
    ]
    out += [f"   int a{j} = n + {j}" for j in range(nlocals)]
    out += [
        "   int i = 0",
        "   loop { if (i >= n) break ; yield(i) ; .i = i + 1 }",
    ]
    if nlocals:
        out.append("   int chk = 0")
        out += [f"   .chk = chk + a{j}" for j in range(nlocals)]
        want = nlocals * n + nlocals * (nlocals - 1) // 2
        out.append(f'   if (chk != {want}) throw "locals corrupted"')
    out += [
        "}",
        "def Run() {",
        "   *Stdout out",
        "   int total",
        f"   def g = upto({n})",
        "   loop { next(g) -> v; .total = total + v | ; break }",
        '   console!out.Puts("total "(total))',
        "}",
    ]
    return "\n".join(out) + "\n"


def b6b_merge(n):
    """0..n-1 as the merge of two generator values (evens and odds), the
    merge itself consumed by a for loop: each item is one `next` of a or b
    and one yield of the merge."""
    out = [
        "# B6b: a merge of two ascending streams, each a generator value.",
        "use console",
        "def stride(int first, count) -> yield(int) | end() {",
        "   int i = 0",
        "   loop { if (i >= count) end() ; yield(first + 2 * i) ; .i = i + 1 }",
        "}",
        "def merge(Generator(int) a, b) -> yield(int) | end() {",
        "   int x ; int y",
        "   bool hasX = true ; bool hasY = true",
        "   next(a) -> v; .x = v | ; .hasX = false",
        "   next(b) -> v; .y = v | ; .hasY = false",
        "   loop {",
        "      if (not hasX and not hasY) end()",
        "      if (hasX and (not hasY or x <= y)) {",
        "         yield(x)",
        "         next(a) -> v; .x = v | ; .hasX = false",
        "      } else {",
        "         yield(y)",
        "         next(b) -> v; .y = v | ; .hasY = false",
        "      }",
        "   }",
        "}",
        "def Run() {",
        "   *Stdout out",
        "   int total",
        f"   for v in merge(stride(0, {(n + 1) // 2}), stride(1, {n // 2})) {{ .total = total + v }}",
        '   console!out.Puts("total "(total))',
        "}",
    ]
    return "\n".join(out) + "\n"


def b3_pipeline(depth, n):
    """`depth` generators in a chain: s1 yields 0..n-1, s<k> relays s<k-1>."""
    out = [
        f"# B3: a pipeline of {depth} generators.",
        "use console",
        "def s1(int n) -> yield(int) | end() {",
        "   int i = 0",
        "   loop { if (i >= n) end() ; yield(i) ; .i = i + 1 }",
        "}",
    ]
    for k in range(2, depth + 1):
        out.append(f"def s{k}(int n) -> yield(int) | end() {{ for v in s{k - 1}(n) {{ yield(v) }} }}")
    out += [
        "def Run() {",
        "   *Stdout out",
        "   int total",
        f"   for v in s{depth}({n}) {{ .total = total + v }}",
        '   console!out.Puts("total "(total))',
        "}",
    ]
    return "\n".join(out) + "\n"


# B9/B10: one function is 11 lines in both languages, with the same
# arithmetic, branches, a counted loop and a call, so the two programs
# compute the same result (checked by the harness).
_DODO_FN = """def f{i}(int a, b) -> return(int) {{
   int x = a * 3 + b
   int y = x - a / 2
   if (x > y) {{
      .x = x - y
   }} else {{
      .y = y - x
   }}
   for j in 1...3 {{ .x = x + j }}
   return f{p}(x % 100, y % 100) + 1
}}
"""
_C_FN = """long f{i}(long a, long b) {{
   long x = a * 3 + b;
   long y = x - a / 2;
   if (x > y) {{
      x = x - y;
   }} else {{
      y = y - x;
   }}
   for (long j = 1; j <= 3; j++) {{ x = x + j; }}
   return f{p}(x % 100, y % 100) + 1;
}}
"""


def big_program(lines):
    """(dodo source, C source) of about `lines` lines each."""
    nfn = max(2, lines // 11)
    dodo = ["# B9: a generated program for compile-speed measurements.", "use console",
            "def f0(int a, b) -> return(int) = a + b"]
    c = ["/* B9: the C equivalent of the generated dodo program. */", "#include <stdio.h>",
         "long f0(long a, long b) { return a + b; }"]
    for i in range(1, nfn):
        dodo.append(_DODO_FN.format(i=i, p=i - 1).rstrip("\n"))
        c.append(_C_FN.format(i=i, p=i - 1).rstrip("\n"))
    last = nfn - 1
    dodo += ["def Run() {", "   *Stdout out", f'   console!out.Puts("result "(f{last}(1, 2)))', "}"]
    c += ["int main(void) {", f'   printf("result %ld\\n", f{last}(1, 2));', "   return 0;", "}"]
    return "\n".join(dodo) + "\n", "\n".join(c) + "\n"


def expected_big_result(lines):
    """What f<last>(1, 2) returns, computed the way both programs do."""
    def trunc_div(a, b):
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b > 0) else -q

    def c_mod(a, b):
        return a - trunc_div(a, b) * b

    nfn = max(2, lines // 11)
    # Unroll the call chain iteratively: f_i(a, b) = f_{i-1}(a', b') + 1.
    a, b, adds = 1, 2, 0
    for _ in range(nfn - 1, 0, -1):
        x = a * 3 + b
        y = x - trunc_div(a, 2)
        if x > y:
            x = x - y
        else:
            y = y - x
        x += 1 + 2 + 3
        a, b = c_mod(x, 100), c_mod(y, 100)
        adds += 1
    return a + b + adds
