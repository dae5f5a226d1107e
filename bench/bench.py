#!/usr/bin/python3
"""dodoc benchmark harness (started by bench/run.sh, which installs the
dependencies and builds dodoc first).

Run-time benchmarks are measured by difference: every program runs its
workload n times (n from argv, or baked into the source for dodo programs,
which take no arguments) and once with n = 0; the cost of one operation is
(cost(n) - cost(0)) / n, which removes process start-up from both wall time
and instruction counts. Wall time is the median over interleaved rounds (each
round runs every program once); instruction counts come from one run under
`valgrind --tool=cachegrind` (deterministic). Every output is checked.
"""
import argparse
import os
import platform
import resource
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

PY = "/usr/bin/python3"


class Failure(Exception):
    pass


def run(argv, **kw):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if p.returncode != 0:
        raise Failure(f"{' '.join(map(str, argv))}: exit {p.returncode}\n{p.stderr[-2000:]}")
    return p


class Env:
    def __init__(self, args):
        self.root = os.path.abspath(args.root)
        self.dodoc = os.path.abspath(args.dodoc)
        self.work = os.path.abspath(args.work)
        self.src = os.path.join(self.root, "bench", "src")
        self.quick = args.quick
        self.log = open(os.path.join(self.work, "bench.log"), "w")
        for d in ("gen", "bin", "out"):
            os.makedirs(os.path.join(self.work, d), exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def note(self, msg):
        self.log.write(msg + "\n")
        self.log.flush()


# ---- programs ----------------------------------------------------------------

class Native:
    """A C/C++/Python program taking n (and fixed extra arguments) in argv."""

    def __init__(self, argv_prefix, extra=()):
        self.prefix = list(argv_prefix)
        self.extra = [str(x) for x in extra]

    def argv(self, n):
        return self.prefix + [str(n)] + self.extra


# dodo programs are compiled with -O1 (every -O level above 0 is the same),
# as the C baselines are with -O2; B1 also shows -O0.
DODO_OPTS = ("-O1",)


class Dodo:
    """A dodo program whose source is made for each n (dodo programs take no
    arguments); compiled on first use and cached."""

    def __init__(self, env, name, source_for, opts=DODO_OPTS):
        self.env, self.name, self.source_for = env, name, source_for
        self.opts = tuple(opts)
        self.built = {}

    def argv(self, n):
        if n not in self.built:
            stem = f"{self.name}{''.join(self.opts)}_{n}"
            src = self.env.path("gen", stem + ".dodo")
            exe = self.env.path("bin", stem)
            with open(src, "w") as f:
                f.write(self.source_for(n))
            run([self.env.dodoc, *self.opts, src, "-o", exe])
            self.built[n] = [exe]
        return self.built[n]


def template(env, fname, **fixed):
    with open(os.path.join(env.src, fname)) as f:
        text = f.read()
    for k, v in fixed.items():
        text = text.replace(f"@{k}@", str(v))

    def source_for(n, text=text):
        return text.replace("@N@", str(n)).replace("@REPS@", str(n))
    return source_for


def cc(env, compiler, flags, src, out, libs=()):
    exe = env.path("bin", out)
    run([compiler, *flags, os.path.join(env.src, src), "-o", exe, *libs])
    return exe


# ---- cases -------------------------------------------------------------------

class Case:
    """One row of a run-time table: a program, the n to count its
    instructions with (the n to time it with is calibrated), and the expected
    output for a given n."""

    def __init__(self, label, prog, n_instr, expect, na=None):
        self.label, self.prog = label, prog
        self.n_instr, self.expect = n_instr, expect
        self.n_time = None      # chosen by calibrate()
        self.na = na            # reason the row cannot be measured
        self.err = None
        self.times = {}         # n -> [wall seconds]
        self.cpu = {}           # n -> [CPU seconds]
        self.instr = None       # instructions per operation
        self.ns = None          # wall ns per operation
        self.cpu_ns = None      # CPU (user + sys) ns per operation

    def check(self, n, out):
        want = self.expect(n)
        if out.strip() != want:
            raise Failure(f"{self.label}: n={n}: printed {out.strip()!r}, expected {want!r}")


def tri(n):
    return n * (n - 1) // 2


def expect_total(n):
    return f"total {tri(n)}"


def b8_expect(k):
    def e(n):
        errs = n // k
        return f"sum {n * (n + 1) // 2 - k * errs * (errs + 1) // 2} errs {errs}"
    return e


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def build_sections(env, have_capi):
    bin_ = lambda *a, **k: cc(env, *a, **k)  # noqa: E731
    gxx = ["-O2", "-std=c++20", "-fcoroutines"]
    loop0 = bin_("gcc", ["-O0"], "b1_loop.c", "b1_loop_O0")
    loop2 = bin_("gcc", ["-O2"], "b1_loop.c", "b1_loop_O2")
    coro = bin_("g++", gxx, "b1_coro.cpp", "b1_coro")
    boost = bin_("g++", ["-O2", "-std=c++20"], "b1_boost.cpp", "b1_boost", libs=["-lboost_context"])
    pipe = bin_("g++", gxx, "b3_coro.cpp", "b3_coro")
    rec0 = bin_("gcc", ["-O0"], "b7_rec.c", "b7_rec_O0")
    rec2 = bin_("gcc", ["-O2"], "b7_rec.c", "b7_rec_O2")
    err0 = bin_("gcc", ["-O0"], "b8_err.c", "b8_err_O0")
    err2 = bin_("gcc", ["-O2"], "b8_err.c", "b8_err_O2")
    exc = bin_("g++", ["-O2"], "b8_exc.cpp", "b8_exc")
    pysrc = lambda f: os.path.join(env.src, f)  # noqa: E731

    sections = []
    # B1
    capi_na = None if have_capi else "n/a (C API pending)"
    if have_capi and not os.path.exists(pysrc("b1_capi.c")):
        capi_na = "n/a (C API present; bench/src/b1_capi.c not written yet)"
    capi = None
    if capi_na is None:
        try:
            exe = env.path("bin", "b1_capi")
            gsrc = env.path("gen", "b1_capigen.dodo")
            with open(gsrc, "w") as f:
                f.write(template(env, "b1_gen.dodo.in")(0))
            run([env.dodoc, *DODO_OPTS, "-c", gsrc, "-o", exe + "_gen.o"])
            core = os.path.join(os.path.dirname(env.dodoc), "runtime", "libdodort_core.a")
            run(["gcc", "-O2", "-I", os.path.join(env.root, "runtime"), pysrc("b1_capi.c"),
                 exe + "_gen.o", core, "-o", exe])
            capi = Native([exe])
        except Failure as e:
            env.note(str(e))
            capi_na = "n/a (C API driver failed to build, see bench.log)"
    b1 = [
        Case("dodo generator (nested mode), dodoc -O1",
             Dodo(env, "b1_gen", template(env, "b1_gen.dodo.in")), 1_000_000, expect_total),
        Case("C loop, gcc -O0", Native([loop0]), 2_000_000, expect_total),
        Case("C loop, gcc -O2", Native([loop2]), 2_000_000, expect_total),
        Case("C++20 coroutine generator, g++ -O2", Native([coro]), 1_000_000, expect_total),
        Case("Boost.Context fiber, g++ -O2", Native([boost]), 1_000_000, expect_total),
        Case("runtime C API, stack copying", capi, 200_000, expect_total, na=capi_na),
        Case("Python 3 generator", Native([PY, pysrc("b1_gen.py")]), 100_000, expect_total),
        Case("dodo generator (nested mode), dodoc -O0",
             Dodo(env, "b1_gen", template(env, "b1_gen.dodo.in"), opts=()), 1_000_000,
             expect_total),
    ]
    sections.append(("B1", "yield round trip (generator yielding 0..n-1, summed by a for loop)",
                     "ns / round trip", b1, {i: b1[3] for i in range(len(b1))}))

    # B2
    b2 = []
    for k, size in ((0, "0 B"), (8, "64 B"), (128, "1 KiB"), (512, "4 KiB")):
        b2.append(Case(f"dodo, {k} live int locals ({size})",
                       Dodo(env, f"b2_l{k}", lambda n, k=k: gen.b2_locals(k, n)),
                       1_000_000, expect_total))
    sections.append(("B2", "yield round trip with live locals in the generator frame",
                     "ns / round trip", b2, {i: b2[0] for i in range(len(b2))}))

    # B3
    b3, base3 = [], {}
    for d in (1, 2, 4, 8):
        dd = Case(f"depth {d}: dodo", Dodo(env, f"b3_d{d}", lambda n, d=d: gen.b3_pipeline(d, n)),
                  1_000_000 // d, expect_total)
        cp = Case(f"depth {d}: C++20 coroutines", Native([pipe], extra=[d]),
                  1_000_000 // d, expect_total)
        py = Case(f"depth {d}: Python generators", Native([PY, pysrc("b3_gen.py")], extra=[d]),
                  100_000 // d, expect_total)
        for c in (dd, cp, py):
            base3[len(b3)] = cp
            b3.append(c)
    sections.append(("B3", "generator pipelines (each stage relays the one below it)",
                     "ns / item", b3, base3))

    # B6, B6b: generator values (detached mode, language.md §10). The
    # baselines are B1's programs: the nested-mode generator, a C++20
    # coroutine, a Boost.Context fiber (baseline) and the runtime's C API.
    def b6_baselines():
        return [
            Case("B1: dodo generator, nested mode", Dodo(env, "b1_gen", template(env, "b1_gen.dodo.in")),
                 1_000_000, expect_total),
            Case("C++20 coroutine generator, g++ -O2", Native([coro]), 1_000_000, expect_total),
            Case("Boost.Context fiber, g++ -O2", Native([boost]), 1_000_000, expect_total),
            Case("runtime C API, stack copying", capi, 200_000, expect_total, na=capi_na),
        ]
    b6 = []
    for k in (0, 8, 32, 128, 512):
        b6.append(Case(f"dodo next loop, {8 * k} live bytes",
                       Dodo(env, f"b6_l{k}", lambda n, k=k: gen.b6_next(k, n)), 200_000, expect_total))
    b6 += b6_baselines()
    sections.append(("B6", "a next loop over a generator value (detached mode), by live bytes",
                     "ns / round trip", b6, {i: b6[len(b6) - 2] for i in range(len(b6))}))
    b6b = [Case("dodo merge of two generator values", Dodo(env, "b6b_merge", gen.b6b_merge),
                200_000, expect_total)] + b6_baselines()
    sections.append(("B6b", "a merge of two streams (generator values advanced alternately)",
                     "ns / item", b6b, {i: b6b[3] for i in range(len(b6b))}))

    # B7
    b7, base7 = [], {}
    for name, a, b, want, what in (
            ("fib", 32, 0, fib(32), "fib(32)"),
            ("ack", 3, 7, 1021, "ack(3, 7)"),
            ("evenodd", 100000, 0, None, "isEven(100000) (mutual recursion)")):
        if want is None:
            expect = lambda n: f"total {(n + 1) // 2}"  # noqa: E731
        else:
            expect = lambda n, w=want: f"total {n * w}"  # noqa: E731
        d = Case(f"{what}: dodo", Dodo(env, f"b7_{name}", template(env, f"b7_{name}.dodo.in", A=a, B=b)),
                 1, expect)
        o0 = Case(f"{what}: C, gcc -O0", Native([rec0, name], extra=[a, b]), 1, expect)
        o2 = Case(f"{what}: C, gcc -O2", Native([rec2, name], extra=[a, b]), 1, expect)
        for c in (d, o0, o2):
            base7[len(b7)] = o2
            b7.append(c)
    sections.append(("B7", "recursion", "ms / run", b7, base7))

    # B8
    b8, base8 = [], {}
    for k in (1, 10, 1000):
        e = b8_expect(k)
        d = Case(f"every {k}: dodo event + handler",
                 Dodo(env, f"b8_k{k}", template(env, "b8_event.dodo.in", K=k)), 500_000, e)
        c2 = Case(f"every {k}: C error code, gcc -O2", Native([err2], extra=[k]), 500_000, e)
        c0 = Case(f"every {k}: C error code, gcc -O0", Native([err0], extra=[k]), 500_000, e)
        x = Case(f"every {k}: C++ exception, g++ -O2", Native([exc], extra=[k]),
                 min(500_000, 20_000 * k), e)
        for c in (d, c2, c0, x):
            base8[len(b8)] = c2
            b8.append(c)
    sections.append(("B8", "a call that raises an event every k-th time", "ns / call", b8, base8))
    return sections


# ---- measuring -----------------------------------------------------------------

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wall(argv):
    """(wall seconds, CPU seconds (user + sys), stdout) of one run."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    t = time.perf_counter() - t0
    c = children_cpu() - c0
    if p.returncode != 0:
        raise Failure(f"{' '.join(argv)}: exit {p.returncode}\n{p.stderr[-2000:]}")
    return t, c, p.stdout


def nice(x):
    """x rounded to two significant digits."""
    x = max(1, int(x))
    e = 10 ** max(0, len(str(x)) - 2)
    return max(1, round(x / e) * e)


def calibrate(c, target):
    """Chooses c.n_time so that the workload takes about `target` seconds
    of CPU time, starting from the instruction-count size."""
    n = c.n_instr
    base = min(wall(c.prog.argv(0))[1] for _ in range(3))
    for _ in range(3):
        work = min(wall(c.prog.argv(n))[1] for _ in range(2)) - base
        if work >= target / 4:
            break
        n = nice(n * target / 4 / max(work, 1e-3))
    per = max(work, 1e-6) / n
    c.n_time = max(1, nice(target / per))


def instructions(argv):
    p = run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv])
    m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
    if not m:
        raise Failure(f"no instruction count from cachegrind for {argv}")
    return int(m.group(1).replace(",", "")), p.stdout


def median(xs):
    return statistics.median(xs) if xs else None


# ---- compile speed (B9/B10) ------------------------------------------------------

class Compile:
    """A command (or sequence of commands) timed as a whole; `lines` is the
    source size for lines/s."""

    def __init__(self, label, cmds, lines=None, rss=True, group=""):
        self.label, self.cmds, self.lines, self.rss, self.group = label, cmds, lines, rss, group
        self.times, self.maxrss, self.err = [], None, None


def build_compiles(env):
    items = []
    sizes = {}
    for lines in (20_000, 100_000):
        dsrc, csrc = gen.big_program(lines)
        dp, cp = env.path("gen", f"big{lines}.dodo"), env.path("gen", f"big{lines}.c")
        with open(dp, "w") as f:
            f.write(dsrc)
        with open(cp, "w") as f:
            f.write(csrc)
        nd, nc = dsrc.count("\n"), csrc.count("\n")
        sizes[lines] = (nd, nc)
        # Correctness: both programs must print the same result.
        want = f"result {gen.expected_big_result(lines)}"
        checks = [([env.dodoc, dp, "-o", env.path("bin", f"big{lines}_dodo")], f"big{lines}_dodo")]
        if lines == 20_000:  # the C program is checked once: it comes from the same template
            checks.append((["gcc", "-O0", cp, "-o", env.path("bin", f"big{lines}_c")], f"big{lines}_c"))
        for argv, exe in checks:
            try:
                run(argv)
                out = run([env.path("bin", exe)]).stdout.strip()
                if out != want:
                    env.note(f"{exe}: printed {out!r}, expected {want!r}")
                    print(f"WARNING: {exe} printed {out!r}, expected {want!r}", file=sys.stderr)
            except Failure as e:
                env.note(str(e))
                print(f"WARNING: building/running {exe} failed (see bench.log)", file=sys.stderr)
        o = lambda s: env.path("out", s)  # noqa: E731
        g = f"{lines // 1000}k lines"
        items += [
            Compile("dodoc -S", [[env.dodoc, "-S", dp, "-o", o("big.s")]], nd, group=g),
            Compile("dodoc -c (dodoc + as)", [[env.dodoc, "-c", dp, "-o", o("big.o")]], nd, group=g),
            Compile("gcc -O0 -S", [["gcc", "-O0", "-S", cp, "-o", o("bigc.s")]], nc, group=g),
        ]
        if not env.quick:  # gcc -c on 100k lines alone takes ~10 s a round
            items.append(Compile("gcc -O0 -c", [["gcc", "-O0", "-c", cp, "-o", o("bigc.o")]], nc, group=g))
        items += [
            Compile("tcc -c", [["tcc", "-c", cp, "-o", o("bigt.o")]], nc, group=g),
        ]
    hello_d = os.path.join(env.root, "examples", "hello.dodo")
    hello_c = env.path("gen", "hello.c")
    with open(hello_c, "w") as f:
        f.write('#include <stdio.h>\nint main(void) { printf("Hello, World!\\n"); return 0; }\n')
    hd, hc = env.path("bin", "hello_dodo"), env.path("bin", "hello_c")
    items += [
        Compile("dodoc hello.dodo -o hello && ./hello", [[env.dodoc, hello_d, "-o", hd], [hd]],
                rss=False, group="hello"),
        Compile("gcc -O0 hello.c -o hello && ./hello", [["gcc", "-O0", hello_c, "-o", hc], [hc]],
                rss=False, group="hello"),
        Compile("tcc -run hello.c", [["tcc", "-run", hello_c]], rss=False, group="hello"),
    ]
    return items, sizes


def timed(item):
    """Wall time of the item's commands; each runs under `/usr/bin/time -v`
    (the same small overhead for every tool), which gives peak memory."""
    total = 0.0
    for i, argv in enumerate(item.cmds):
        t0 = time.perf_counter()
        p = run(["/usr/bin/time", "-v", *argv])
        total += time.perf_counter() - t0
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        if i == 0 and m and item.rss:
            item.maxrss = max(item.maxrss or 0, int(m.group(1)))
    return total


# ---- report --------------------------------------------------------------------

def fmt(x, unit_scale=1.0):
    if x is None:
        return "–"
    x *= unit_scale
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return "–"
    return f"{a / b:.2f}×"


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    return f"{os.cpu_count()} CPUs, {model}, {mem:.1f} GiB RAM, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--dodoc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int)
    args = ap.parse_args()
    env = Env(args)
    rounds = args.rounds or (3 if env.quick else 5)
    compile_rounds = 1 if env.quick else rounds
    t_start = time.time()
    load_start = os.getloadavg()[0]

    header = os.path.join(env.root, "runtime", "dodo_runtime.h")
    with open(header) as f:
        have_capi = "dodo_gen_" in f.read()

    print("building baselines and generating programs ...", file=sys.stderr)
    sections = build_sections(env, have_capi)
    compiles, sizes = build_compiles(env)
    cases = [c for s in sections for c in s[3]]

    # Build every dodo variant and check every output once (untimed).
    for c in cases:
        if c.na:
            continue
        try:
            for n in (0, c.n_instr):
                c.check(n, run(c.prog.argv(n)).stdout)
        except Failure as e:
            c.err = "FAILED (see bench.log)"
            env.note(str(e))
            print(f"FAILED: {c.label}: {str(e).splitlines()[0]}", file=sys.stderr)

    live = [c for c in cases if not c.na and not c.err]
    target = 0.06 if env.quick else 0.25
    print(f"calibrating workloads to ~{target} s each ...", file=sys.stderr)
    for c in live:
        calibrate(c, target)
        c.check(c.n_time, run(c.prog.argv(c.n_time)).stdout)
        env.note(f"{c.label}: n = {c.n_time}")
    for r in range(rounds):
        print(f"round {r + 1}/{rounds} ...", file=sys.stderr)
        for c in live:
            for n in (0, c.n_time):
                t, cpu, _ = wall(c.prog.argv(n))
                c.times.setdefault(n, []).append(t)
                c.cpu.setdefault(n, []).append(cpu)
        if r < compile_rounds:
            for item in compiles:
                if item.err:
                    continue
                try:
                    item.times.append(timed(item))
                except Failure as e:
                    item.err = "FAILED (see bench.log)"
                    env.note(str(e))

    print("counting instructions (cachegrind) ...", file=sys.stderr)
    for c in live:
        t0, t1 = median(c.times[0]), median(c.times[c.n_time])
        c.ns = (t1 - t0) / c.n_time * 1e9
        c.cpu_ns = (median(c.cpu[c.n_time]) - median(c.cpu[0])) / c.n_time * 1e9
        try:
            i0, _ = instructions(c.prog.argv(0))
            i1, out = instructions(c.prog.argv(c.n_instr))
            c.check(c.n_instr, out)
            c.instr = (i1 - i0) / c.n_instr
        except Failure as e:
            env.note(str(e))

    # ---- tables ----
    out = []
    p = out.append
    p(f"- Machine: {machine()}")
    p(f"- Mode: {'--quick' if env.quick else 'full'}, {rounds} interleaved rounds "
      f"({compile_rounds} for B9/B10), medians of wall time; instructions from cachegrind.")
    p(f"- Compilers: {run(['gcc', '--version']).stdout.splitlines()[0]}; "
      f"{run(['tcc', '-v']).stdout.strip() or 'tcc'}; "
      f"{run([PY, '--version']).stdout.strip()}")
    p(f"- Load average (1 min) at start {load_start:.2f}, at end {os.getloadavg()[0]:.2f}: other work on the "
      "machine inflates wall time; instruction counts are unaffected.")
    p("")
    for key, title, unit, rows, base in sections:
        p(f"### {key}: {title}")
        p("")
        u = unit.split(" /")[0]
        p(f"| implementation | {unit} (wall) | {u} CPU | instructions / op | time ÷ baseline | instr ÷ baseline |")
        p("|---|---:|---:|---:|---:|---:|")
        is_ms = unit.startswith("ms")
        for i, c in enumerate(rows):
            b = base[i]
            mark = " (baseline)" if b is c else ""
            if c.na or c.err:
                p(f"| {c.label} | {c.na or c.err} | | | | |")
                continue
            sc = 1e-6 if is_ms else 1.0
            ins = fmt(c.instr / 1e6) + " M" if (is_ms and c.instr is not None) else fmt(c.instr)
            p(f"| {c.label}{mark} | {fmt(c.ns, sc)} | {fmt(c.cpu_ns, sc)} | {ins} | "
              f"{ratio(c.ns, b.ns)} | {ratio(c.instr, b.instr)} |")
        p("")

    p("### B9/B10: compile speed, peak memory, hello world end to end")
    p("")
    p("| program | command | median ms | lines / s | max RSS (MB) | time ÷ gcc -O0 -S |")
    p("|---|---|---:|---:|---:|---:|")
    by_group = {}
    for item in compiles:
        by_group.setdefault(item.group, []).append(item)
    for g, items in by_group.items():
        base = next((i for i in items if i.label == "gcc -O0 -S"), None)
        if g == "hello":
            base = next(i for i in items if i.label.startswith("gcc"))
        for item in items:
            if item.err:
                p(f"| {g} | {item.label} | {item.err} | | | |")
                continue
            t = median(item.times)
            lps = f"{item.lines / t:,.0f}" if item.lines else ""
            rss = f"{item.maxrss * 1024 / 1e6:.1f}" if item.maxrss else ""
            bt = median(base.times) if base and not base.err else None
            p(f"| {g} | {item.label} | {t * 1000:,.1f} | {lps} | {rss} | {ratio(t, bt)} |")
    p("")
    p(f"- Source sizes: " + ", ".join(f"{k // 1000}k: {v[0]:,} lines dodo, {v[1]:,} lines C" for k, v in sizes.items()))
    p("")

    # ---- targets ----
    p("### Targets")
    p("")
    p("| target | measured | status |")
    p("|---|---|---|")

    def status(ok, dist):
        return "met" if ok else f"not met ({dist})"

    b1d, b1c = sections[0][3][0], sections[0][3][3]
    if b1d.instr is not None:
        p(f"| B1 ≤ 15 instructions per round trip | {b1d.instr:.1f} | "
          f"{status(round(b1d.instr, 1) <= 15, f'{b1d.instr / 15:.2f}× the target')} |")
    if b1d.ns and b1c.ns:
        r_ = b1d.ns / b1c.ns
        p(f"| B1 ≤ 0.45× the C++20 coroutine's time | {r_:.2f}× (CPU {b1d.cpu_ns / b1c.cpu_ns:.2f}×) | "
          f"{status(r_ <= 0.45, f'{r_ / 0.45:.2f}× the target')} |")
    b3 = sections[2][3]
    for i in range(0, len(b3), 3):
        d, c = b3[i], b3[i + 1]
        if d.instr is not None and c.instr is not None and d.ns and c.ns:
            ok = d.instr <= c.instr and d.ns <= c.ns
            p(f"| B3 {d.label.split(':')[0]} at or below C++20 | {d.instr / c.instr:.2f}× instructions, "
              f"{d.ns / c.ns:.2f}× time | {status(ok, 'above in ' + ('time' if d.instr <= c.instr else 'instructions'))} |")
    b2 = sections[1][3]
    if all(c.instr is not None for c in b2):
        di = max(abs(c.instr / b2[0].instr - 1) for c in b2) * 100
        dt = max(abs(c.ns / b2[0].ns - 1) for c in b2) * 100
        dc = max(abs(c.cpu_ns / b2[0].cpu_ns - 1) for c in b2) * 100
        p(f"| B2 flat within 5% (0 → 512 locals), instructions | ±{di:.1f}% | {status(di <= 5, f'{di:.1f}% off')} |")
        p(f"| B2 flat within 5% (0 → 512 locals), CPU time | ±{dc:.1f}% (wall ±{dt:.1f}%) | "
          f"{status(dc <= 5, f'{dc:.1f}% off')} |")
    byid = {sec[0]: sec[3] for sec in sections}
    b6 = byid["B6"]
    boost6 = b6[-2]
    for c in b6[:3]:
        if c.instr is not None and boost6.instr is not None and c.ns and boost6.ns:
            ok = c.instr < boost6.instr and c.ns < boost6.ns
            p(f"| B6 {c.label.split(', ')[1]}: fewer instructions and less time than a Boost.Context "
              f"round trip | {c.instr:.1f} vs {boost6.instr:.1f} instructions, {c.ns:.1f} vs {boost6.ns:.1f} ns | "
              f"{status(ok, 'above Boost.Context')} |")
    if b6[0].ns and b6[4].ns:
        slope = (b6[4].ns - b6[0].ns) / 4096
        p(f"| B6 cost growth ≤ 0.02 ns per live byte (0 → 4096 B, wall) | {slope:.4f} ns/B | "
          f"{status(slope <= 0.02, f'{slope / 0.02:.1f}× the limit')} |")
    b7 = byid["B7"]
    for i in range(0, len(b7), 3):
        d, o2 = b7[i], b7[i + 2]
        if d.ns and o2.ns:
            r_ = d.ns / o2.ns
            p(f"| B7 {d.label.split(':')[0]} within 1.5× of gcc -O2 (wall) | {r_:.2f}× "
              f"(CPU {d.cpu_ns / o2.cpu_ns:.2f}×, instructions {d.instr / o2.instr:.2f}×) | "
              f"{status(r_ <= 1.5, f'{r_ / 1.5:.2f}× over the limit')} |")
    b8 = byid["B8"]
    for i in range(0, len(b8), 4):
        d, c = b8[i], b8[i + 1]
        if d.ns and c.ns:
            r_ = d.ns / c.ns
            p(f"| B8 {d.label.split(':')[0]} within 1.2× of a C error code (wall) | {r_:.2f}× "
              f"(CPU {d.cpu_ns / c.cpu_ns:.2f}×) | {status(r_ <= 1.2, f'{r_ / 1.2:.2f}× over the limit')} |")
    for item in compiles:
        if item.label == "dodoc -S" and item.times:
            lps = item.lines / median(item.times)
            p(f"| ≥ 1,000,000 lines/s ({item.group}, dodoc -S) | {lps:,.0f} lines/s | "
              f"{status(lps >= 1e6, f'{1e6 / lps:.1f}× too slow')} |")
            if item.group.startswith("100k") and item.maxrss:
                mb = item.maxrss * 1024 / 1e6
                p(f"| peak memory ≤ 50 MB (100k lines, dodoc -S) | {mb:.1f} MB | "
                  f"{status(mb <= 50, f'{mb / 50:.2f}× the limit')} |")
    p("")
    p(f"Total bench time: {time.time() - t_start:.0f} s.")
    text = "\n".join(out) + "\n"
    with open(env.path("results.md"), "w") as f:
        f.write(text)
    print(text)
    print(f"(also written to {env.path('results.md')}; log in {env.path('bench.log')})", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(1)
