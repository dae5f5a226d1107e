#!/usr/bin/env python3
"""Differential testing: random programs from gen.py, compiled by dodoc and
run, against what gen.py's interpreter says they must do.

    run.py --dodoc PATH [--seeds A:B] [--jobs N] [--opts '-O2'] [--save DIR]
           [--no-reduce] [--keep] [--sized | --structs]

For each seed in A..B-1 (default 0:100): generate the program, compile it with
`dodoc [OPTS] prog.dodo -o prog`, run it (no stdin, 10 s), compare stdout,
stderr and the exit status. On a mismatch the seed and what differed are
printed, then a reduced program: statements, functions and constants are
deleted one at a time while the program stays valid for the interpreter and
the failure stays the same kind. With --save DIR the reduced program goes to
DIR/seedN.dodo with DIR/seedN.out, .err and .status (absent when empty or 0),
laid out as a tests/run test. Exits 0 when every seed passes.

--sized takes gen_sized.py's programs instead (not reduced); --structs takes
gen_structs.py's, reduced as gen.py's are (prototypes are deleted too).

Standard library only (Python 3.9 or newer).
"""

import argparse
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
import gen_sized  # noqa: E402
import gen_structs  # noqa: E402

COMPILE_TIMEOUT = 60
RUN_TIMEOUT = 10


OUTPUT_LIMIT = 16 << 20   # bytes a program may write to stdout or stderr


def limit_output():
    # A runaway program dies of SIGXFSZ instead of filling memory or disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))


def run_proc(argv, cwd, timeout):
    """(status, stdout, stderr); status None on a timeout, -N for signal N.
    Output goes through files of at most OUTPUT_LIMIT bytes."""
    cwd = Path(cwd)
    with open(cwd / ".stdout", "w+b") as out_f, open(cwd / ".stderr", "w+b") as err_f:
        try:
            p = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_f,
                               stderr=err_f, timeout=timeout, preexec_fn=limit_output)
            status = p.returncode
        except subprocess.TimeoutExpired:
            status = None
        out_f.seek(0)
        err_f.seek(0)
        out = out_f.read(OUTPUT_LIMIT).decode("utf-8", "replace")
        err = err_f.read(OUTPUT_LIMIT).decode("utf-8", "replace")
    return status, out, err


def first_error(stderr):
    """The first error's message, without line and column numbers."""
    for line in stderr.splitlines():
        if ": error: " in line:
            return re.sub(r"\d+:\d+", "L:C", line.split(": error: ", 1)[1])
    return stderr.strip().splitlines()[0] if stderr.strip() else ""


class Checker:
    def __init__(self, dodoc, opts, workdir):
        self.dodoc = dodoc
        self.opts = opts
        self.workdir = workdir
        self.counter = 0
        self.lock = threading.Lock()

    def check(self, text, expected):
        """None if dodoc's program does what is expected, else (kind, detail).
        kind names the failure for the reducer: compile-error:<message>,
        ice, compile-timeout, crash:<signal>, run-timeout, or output."""
        with self.lock:
            self.counter += 1
            d = Path(self.workdir) / ("t%d" % self.counter)
        d.mkdir()
        try:
            src = d / "prog.dodo"
            src.write_text(text)
            argv = [self.dodoc] + self.opts + ["prog.dodo", "-o", "prog"]
            st, out, err = run_proc(argv, d, COMPILE_TIMEOUT)
            if st is None:
                return "compile-timeout", "dodoc timed out"
            if st == 4 or st < 0:
                return "ice", "dodoc: status %s\n%s" % (st, err)
            if st != 0:
                return "compile-error:" + first_error(err), "dodoc rejected the program:\n" + err
            st, out, err = run_proc([str(d / "prog")], d, RUN_TIMEOUT)
            if st is None:
                return "run-timeout", "program timed out"
            if st < 0:
                try:
                    sig = signal.Signals(-st).name
                except ValueError:
                    sig = str(-st)
                if sig == "SIGXFSZ":
                    sig += " (output over %d bytes)" % OUTPUT_LIMIT
                return "crash:%d" % -st, "program killed by %s\nstdout (start):\n%s\nstderr (start):\n%s" % (
                    sig, out[:2000], err[:2000])
            e_out, e_err, e_st = expected
            if (out, err, st) == (e_out, e_err, e_st):
                return None
            detail = []
            if st != e_st:
                detail.append("status: got %d, expected %d" % (st, e_st))
            if err != e_err:
                detail.append("stderr: got %r, expected %r" % (err, e_err))
            if out != e_out:
                got, exp = out.splitlines(True), e_out.splitlines(True)
                i = 0
                while i < min(len(got), len(exp)) and got[i] == exp[i]:
                    i += 1
                detail.append("stdout differs at line %d: got %r, expected %r" % (
                    i + 1, got[i] if i < len(got) else "<end>", exp[i] if i < len(exp) else "<end>"))
            return "output", "\n".join(detail)
        finally:
            shutil.rmtree(d, ignore_errors=True)


# ---------------------------------------------------------------------------
# Reduction: delete statements (then functions, constants) while the failure
# stays the same kind.

def blocks(mod, node, seen=None):
    """Every statement list in the tree."""
    if seen is None:
        seen = set()
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, mod.Block):
        yield node.stmts
    if isinstance(node, (list, tuple)):
        for x in node:
            yield from blocks(mod, x, seen)
    elif isinstance(node, (mod.Expr, mod.Stmt)):
        for v in vars(node).values():
            if isinstance(v, mod.Func):
                continue  # reached through prog.funcs
            yield from blocks(mod, v, seen)


def interpret(mod, prog):
    try:
        return mod.Machine(prog).run()
    except mod.Budget:
        return None
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return None  # the deletion left a name or a value undefined


def reduce(mod, g, kind, checker, log):
    """mod: gen or gen_structs, whichever made g."""
    prog = g.prog

    def attempt():
        text = g.render()
        exp = interpret(mod, prog)
        if exp is None:
            return False
        res = checker.check(text, exp)
        return res is not None and res[0] == kind

    changed = True
    while changed:
        changed = False
        # Functions nobody calls any more.
        for fn in list(prog.funcs):
            others = [f for f in prog.funcs if f is not fn]
            prog.funcs = others
            if fn.name + "(" not in g.render() and attempt():
                changed = True
            else:
                prog.funcs = sorted(others + [fn], key=lambda f: f.index)
        for c in list(prog.consts):
            prog.consts.remove(c)
            t = prog.const_types.pop(c[0])
            if attempt():
                changed = True
            else:
                prog.consts.append(c)
                prog.consts.sort(key=lambda x: int(x[0][1:]))
                prog.const_types[c[0]] = t
        for p in list(getattr(prog, "protos", [])):
            i = prog.protos.index(p)
            prog.protos.remove(p)
            if attempt():
                changed = True
            else:
                prog.protos.insert(i, p)
        roots = [prog.run.body] + [f.body if f.body is not None else f.expr_body for f in prog.funcs]
        for stmts in list(blocks(mod, roots)):
            i = len(stmts) - 1
            while i >= 0:
                s = stmts.pop(i)
                if isinstance(s, mod.Raw) and s.text == "*Stdout out":
                    stmts.insert(i, s)
                elif attempt():
                    changed = True
                else:
                    stmts.insert(i, s)
                i = min(i - 1, len(stmts) - 1)
    return g.render(), interpret(mod, prog)


def write_test(dirpath, stem, text, expected):
    out, err, status = expected
    d = Path(dirpath)
    d.mkdir(parents=True, exist_ok=True)
    (d / (stem + ".dodo")).write_text(text)
    (d / (stem + ".out")).write_text(out)
    for ext, content in ((".err", err), (".status", "%d\n" % status if status else "")):
        p = d / (stem + ext)
        if content:
            p.write_text(content)
        elif p.exists():
            p.unlink()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dodoc", required=True)
    ap.add_argument("--seeds", default="0:100", help="A:B, seeds A to B-1")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--opts", default="", help="extra dodoc flags (shell words)")
    ap.add_argument("--save", help="directory for reduced failing programs")
    ap.add_argument("--no-reduce", action="store_true")
    ap.add_argument("--sized", action="store_true",
                    help="programs of gen_sized.py (sized integers), not reduced")
    ap.add_argument("--structs", action="store_true",
                    help="programs of gen_structs.py (structs), reduced as gen.py's")
    ap.add_argument("--max-fail", type=int, default=10,
                    help="stop reducing after this many failures (still counted)")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.seeds.split(":"))
    dodoc = os.path.abspath(args.dodoc)
    work = tempfile.mkdtemp(prefix="difftest-")
    checker = Checker(dodoc, shlex.split(args.opts), work)
    print_lock = threading.Lock()

    def log(msg):
        with print_lock:
            print(msg, flush=True)

    def one(seed):
        if args.sized:
            text, expected = gen_sized.generate(seed)
            return seed, None, text, expected, checker.check(text, expected)
        mod = gen_structs if args.structs else gen
        g, text, expected = mod.generate_full(seed)
        res = checker.check(text, expected)
        return seed, g, text, expected, res

    failures = []
    kinds = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for seed, g, text, expected, res in pool.map(one, range(lo, hi)):
                if res is None:
                    continue
                failures.append(seed)
                kinds[res[0]] = kinds.get(res[0], 0) + 1
                log("FAIL seed %d: %s\n%s" % (seed, res[0], res[1]))
                if args.sized:
                    log("--- program (seed %d)\n%s" % (seed, text))
                    continue
                if args.no_reduce or len(failures) > args.max_fail:
                    continue
                small, small_exp = reduce(gen_structs if args.structs else gen, g, res[0], checker, log)
                log("--- reduced program (seed %d)\n%s--- expected\nstdout: %r\nstderr: %r\nstatus: %d\n---"
                    % (seed, small, small_exp[0], small_exp[1], small_exp[2]))
                if args.save:
                    write_test(args.save, "seed%d" % seed, small, small_exp)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = hi - lo
    if failures:
        log("failing seeds: " + " ".join(str(s) for s in failures))
        for k, n in sorted(kinds.items()):
            log("  %d × %s" % (n, k))
    log("difftest: %d passed, %d failed" % (total - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
