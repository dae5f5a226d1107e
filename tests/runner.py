#!/usr/bin/env python3
"""Run dodoc's golden tests: one test file in, PASS or FAIL out.

    runner.py --dodoc PATH [--kind KIND] [--filecheck PATH] [--bless] [--keep] TEST...

A TEST is a test file, or a directory whose tests are all run (its kind is
the directory's name). KIND is one of run, diag, parse, asm, driver; it
defaults to the name of the directory holding the test file. The exit status
is 0 when every test passes, 1 otherwise. tests/README.md describes each
kind and the expectation files beside a test.

Standard library only (Python 3.9 or newer).
"""

import argparse
import difflib
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

KINDS = ("run", "diag", "parse", "asm", "driver")
SOURCE_SUFFIX = {"run": ".dodo", "diag": ".dodo", "parse": ".dodo",
                 "asm": ".dodo", "driver": ".sh"}
BLESSABLE = ("run", "diag", "parse")

COMPILE_TIMEOUT = 60   # seconds for one dodoc invocation
RUN_TIMEOUT = 10       # seconds for one compiled program
DRIVER_TIMEOUT = 120   # seconds for one driver script

# A diagnostic line: `path:line:col: error|warning|note: message`.
DIAG_LINE = re.compile(r"^[^ ]+:\d+:\d+: (error|warning|note): ")
# First line of an asm test: `# RUN-FLAGS: -O2 -g`.
RUN_FLAGS = re.compile(r"^\s*#\s*RUN-FLAGS:(.*)$")
FILECHECK_FALLBACK = "/usr/lib/llvm-14/bin/FileCheck"


class Result:
    """What one child process did."""

    def __init__(self, argv, cwd, status, stdout, stderr, timed_out):
        self.argv = argv
        self.cwd = cwd
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out

    def describe(self):
        if self.timed_out:
            return "timed out"
        if self.status < 0:
            try:
                name = signal.Signals(-self.status).name
            except ValueError:
                name = str(-self.status)
            return "killed by signal " + name
        if self.status == 4:
            return "exit status 4 (internal compiler error)"
        return "exit status %d" % self.status

    def command(self):
        return "(cd %s && %s)" % (shlex.quote(str(self.cwd)), shlex.join(self.argv))


def run_process(argv, cwd, env, timeout, stdin_bytes=None):
    """Run argv in its own process group so a timeout kills its children too."""
    argv = [str(a) for a in argv]
    try:
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env,
            stdin=subprocess.DEVNULL if stdin_bytes is None else subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)
    except OSError as err:
        return Result(argv, cwd, 127, b"", ("cannot start %s: %s\n" % (argv[0], err)).encode(),
                      False)
    try:
        out, err = proc.communicate(stdin_bytes, timeout=timeout)
        return Result(argv, cwd, proc.returncode, out, err, False)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return Result(argv, cwd, proc.returncode, out, err, True)


def text(data):
    return data.decode("utf-8", errors="replace")


def unified_diff(expected, actual, expected_name, actual_name):
    """A unified diff of two byte strings that also shows a missing final newline."""
    exp = text(expected).splitlines(keepends=True)
    act = text(actual).splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(exp, act, expected_name, actual_name):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    if not out:
        return "(the outputs differ only in bytes that are not valid UTF-8)\n"
    return "".join(out)


def read_bytes(path):
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def split_flags(path):
    """Flags from a `.args` file: shell words, `#` starts a comment."""
    data = read_bytes(path)
    return [] if data is None else shlex.split(text(data), comments=True)


class Test:
    def __init__(self, path, kind, opts):
        self.path = path.resolve()
        self.kind = kind
        self.opts = opts
        self.dir = self.path.parent
        self.name = self.path.name
        self.stem = self.path.name[: -len(SOURCE_SUFFIX[kind])]
        self.id = "%s/%s" % (kind, self.stem)
        self.problems = []   # what failed, in order
        self.notes = []      # what blessing changed
        self.env = dict(os.environ)
        self.env["NO_COLOR"] = "1"
        self.env.pop("DODO_YYDEBUG", None)

    # -- helpers ---------------------------------------------------------

    def sibling(self, suffix):
        return self.dir / (self.stem + suffix)

    def fail(self, message, result=None, show_stdout=False):
        parts = [message.rstrip("\n") + "\n"]
        if result is not None:
            parts.append("  command: %s\n  result:  %s\n" % (result.command(), result.describe()))
            if show_stdout and result.stdout:
                parts.append("--- stdout ---\n" + text(result.stdout).rstrip("\n") + "\n")
            if result.stderr:
                parts.append("--- stderr ---\n" + text(result.stderr).rstrip("\n") + "\n")
        self.problems.append("".join(parts))

    def compare(self, what, expected_path, actual, missing_ok=True, result=None):
        """Compare actual bytes with a file; a missing file means empty if missing_ok."""
        expected = read_bytes(expected_path)
        if expected is None:
            if not missing_ok:
                self.fail("missing expectation file %s (create it, or bless the test)"
                          % expected_path.name, result)
                return False
            expected = b""
        if expected == actual:
            return True
        self.fail("%s differs from %s:\n%s" % (
            what, expected_path.name,
            unified_diff(expected, actual, "expected " + expected_path.name, "actual " + what)),
            result)
        return False

    def bless_file(self, path, data):
        old = read_bytes(path)
        if data is None:
            if old is not None:
                path.unlink()
                self.notes.append("removed " + path.name)
        elif old != data:
            path.write_bytes(data)
            self.notes.append(("wrote " if old is None else "updated ") + path.name)

    def expected_status(self, default):
        data = read_bytes(self.sibling(".status"))
        if data is None:
            return default
        try:
            return int(text(data).strip())
        except ValueError:
            self.fail("%s does not hold an integer" % self.sibling(".status").name)
            return None

    def extra_inputs(self):
        """Companion inputs passed after the test file: NAME.*.dodo, NAME.s, NAME.*.s."""
        stem = glob.escape(self.stem)
        dodo = sorted(self.dir.glob(stem + ".*.dodo"))
        asm = [p for p in [self.sibling(".s")] if p.exists()]
        asm += sorted(self.dir.glob(stem + ".*.s"))
        return [p.name for p in dodo + asm]

    def dodoc(self, args, cwd=None):
        return run_process([self.opts.dodoc] + args, cwd or self.dir, self.env, COMPILE_TIMEOUT)

    def make_tmpdir(self):
        return Path(tempfile.mkdtemp(prefix="dodoc-%s-%s-" % (self.kind, self.stem)))

    def drop_tmpdir(self, tmp):
        if self.opts.keep:
            print("%s: kept temporary directory %s" % (self.id, tmp))
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- kinds -----------------------------------------------------------

    def run_run(self):
        flags = shlex.split(os.environ.get("DODOC_RUN_OPTS", ""))
        flags += split_flags(self.sibling(".args"))
        tmp = self.make_tmpdir()
        try:
            prog = tmp / "prog"
            res = self.dodoc(flags + [self.name] + self.extra_inputs() + ["-o", prog])
            if res.timed_out or res.status != 0:
                self.fail("compiling failed", res)
                return
            if not prog.exists():
                self.fail("dodoc exited 0 but wrote no %s" % prog, res)
                return
            wrapper = shlex.split(os.environ.get("DODOC_RUN_WRAPPER", ""))
            run = run_process(wrapper + [prog], tmp, self.env,
                              RUN_TIMEOUT * (10 if wrapper else 1))
            if run.timed_out or run.status < 0:
                self.fail("the program %s (compiled: %s)" % (run.describe(), res.command()),
                          run, show_stdout=True)
                return
            if self.opts.bless:
                self.bless_file(self.sibling(".out"), run.stdout)
                self.bless_file(self.sibling(".err"), run.stderr or None)
                self.bless_file(self.sibling(".status"),
                                ("%d\n" % run.status).encode() if run.status else None)
                return
            self.compare("stdout", self.sibling(".out"), run.stdout)
            self.compare("stderr", self.sibling(".err"), run.stderr)
            want = self.expected_status(0)
            if want is not None and run.status != want:
                self.fail("the program's exit status is %d, expected %d (%s)"
                          % (run.status, want, self.sibling(".status").name))
            if self.problems:
                self.problems.append("  compiled: %s\n  ran:      %s\n"
                                     % (res.command(), run.command()))
        finally:
            self.drop_tmpdir(tmp)

    def run_diag(self):
        flags = split_flags(self.sibling(".args"))
        tmp = self.make_tmpdir()
        try:
            prog = tmp / "prog"
            res = self.dodoc(flags + [self.name] + self.extra_inputs() + ["-o", prog])
            if res.timed_out or res.status < 0 or res.status == 4:
                self.fail("dodoc %s" % res.describe(), res)
                return
            lines = [l for l in text(res.stderr).splitlines() if DIAG_LINE.match(l)]
            actual = "".join(l + "\n" for l in lines).encode()
            if self.opts.bless:
                self.bless_file(self.sibling(".err"), actual)
                if self.sibling(".stderr").exists():
                    self.bless_file(self.sibling(".stderr"), res.stderr)
            else:
                err_path = self.sibling(".err")
                expected = read_bytes(err_path)
                if expected is not None or not self.sibling(".stderr").exists():
                    want = [l for l in text(expected or b"").splitlines() if l.strip()]
                    if want != lines:
                        self.fail("diagnostics differ from %s:\n%s" % (err_path.name, unified_diff(
                            "".join(l + "\n" for l in want).encode(), actual,
                            "expected " + err_path.name, "actual diagnostics")), res)
                if self.sibling(".stderr").exists():
                    self.compare("stderr", self.sibling(".stderr"), res.stderr, result=res)
            want_status = self.expected_status(1)
            if want_status is not None and res.status != want_status:
                self.fail("dodoc's exit status is %d, expected %d" % (res.status, want_status),
                          res)
            if res.status != 0:
                left = sorted(p.name for p in tmp.iterdir())
                if left:
                    self.fail("dodoc failed but left files in the output directory: %s"
                              % ", ".join(left), res)
        finally:
            self.drop_tmpdir(tmp)

    def run_parse(self):
        flags = split_flags(self.sibling(".args"))
        for emit, suffix, required in (("ast", ".ast", True), ("tokens", ".tokens", False)):
            path = self.sibling(suffix)
            if not required and not path.exists():
                continue
            res = self.dodoc(["--emit=" + emit] + flags + [self.name])
            if res.timed_out or res.status != 0:
                self.fail("dodoc --emit=%s failed" % emit, res)
                continue
            if self.opts.bless:
                self.bless_file(path, res.stdout)
            else:
                self.compare("--emit=%s output" % emit, path, res.stdout, missing_ok=False,
                             result=res)

    def run_asm(self):
        first = text(self.path.read_bytes()).split("\n", 1)[0]
        match = RUN_FLAGS.match(first)
        flags = shlex.split(match.group(1)) if match else []
        res = self.dodoc(["-S", "-o", "-"] + flags + [self.name])
        if res.timed_out or res.status != 0:
            self.fail("dodoc -S failed", res)
            return
        check = run_process([self.opts.filecheck, self.name], self.dir, self.env,
                            COMPILE_TIMEOUT, stdin_bytes=res.stdout)
        if check.timed_out or check.status != 0:
            self.fail("FileCheck %s failed (dodoc: %s)" % (self.name, res.command()), check,
                      show_stdout=True)

    def run_driver(self):
        tmp = self.make_tmpdir()
        try:
            env = dict(self.env)
            env["DODOC"] = str(Path(self.opts.dodoc).resolve())
            env["TMPDIR"] = str(tmp)
            env["TESTDIR"] = str(self.dir)
            if self.opts.filecheck:
                env["FILECHECK"] = str(self.opts.filecheck)
            res = run_process(["bash", self.path], tmp, env, DRIVER_TIMEOUT)
            if res.timed_out or res.status != 0:
                self.fail("the script failed", res, show_stdout=True)
        finally:
            self.drop_tmpdir(tmp)

    def run(self):
        if self.opts.bless and self.kind not in BLESSABLE:
            self.notes.append("%s tests have nothing to bless; ran the test" % self.kind)
        getattr(self, "run_" + self.kind)()
        return not self.problems


def collect(args, parser):
    """Expand the TEST arguments into (path, kind) pairs."""
    tests = []
    for arg in args.tests:
        path = Path(arg)
        if path.is_dir():
            kind = args.kind or path.resolve().name
            if kind not in KINDS:
                parser.error("%s: cannot tell the kind of its tests (use --kind)" % arg)
            for p in sorted(path.glob("*" + SOURCE_SUFFIX[kind])):
                # NAME.x.dodo files are companions of NAME.dodo; dot files are editors' files.
                if p.name.count(".") == 1 and not p.name.startswith("."):
                    tests.append((p, kind))
        elif path.is_file():
            kind = args.kind or path.resolve().parent.name
            if kind not in KINDS:
                parser.error("%s: cannot tell the kind of the test (use --kind)" % arg)
            if not path.name.endswith(SOURCE_SUFFIX[kind]):
                parser.error("%s: a %s test ends with %s" % (arg, kind, SOURCE_SUFFIX[kind]))
            tests.append((path, kind))
        else:
            parser.error("%s: no such test file or directory" % arg)
    return tests


def find_filecheck(given):
    if given:
        return given
    return shutil.which("FileCheck") or shutil.which("FileCheck-14") or (
        FILECHECK_FALLBACK if os.access(FILECHECK_FALLBACK, os.X_OK) else None)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run dodoc golden tests (see tests/README.md).")
    parser.add_argument("--dodoc", required=True, help="the compiler under test")
    parser.add_argument("--kind", choices=KINDS,
                        help="test kind (default: the name of the test's directory)")
    parser.add_argument("--filecheck", help="LLVM FileCheck (default: PATH, then %s)"
                        % FILECHECK_FALLBACK)
    parser.add_argument("--bless", action="store_true",
                        help="rewrite the expectation files of run/diag/parse tests")
    parser.add_argument("--keep", action="store_true", help="keep temporary directories")
    parser.add_argument("tests", nargs="+", metavar="TEST",
                        help="test file, or directory of tests")
    args = parser.parse_args(argv)

    tests = collect(args, parser)
    args.dodoc = str(Path(args.dodoc).resolve())
    args.filecheck = find_filecheck(args.filecheck)
    if any(kind == "asm" for _, kind in tests) and not args.filecheck:
        parser.error("FileCheck not found: install llvm-14-tools or pass --filecheck")

    failed = []
    for path, kind in tests:
        test = Test(path, kind, args)
        ok = test.run()
        for note in test.notes:
            print("%s: %s" % (test.id, note))
        if ok:
            print("PASS %s" % test.id)
        else:
            failed.append(test.id)
            print("FAIL %s" % test.id)
            for problem in test.problems:
                sys.stdout.write(problem)
        sys.stdout.flush()
    if len(tests) > 1:
        print("%d of %d tests passed" % (len(tests) - len(failed), len(tests)))
        for name in failed:
            print("  failed: " + name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
