#!/usr/bin/env python3
"""Check the dodo examples of Markdown documentation against dodoc.

    check_docs.py --dodoc PATH [--filecheck PATH] [--keep] [-v] FILE.md...

Every fenced block tagged `dodo` is a whole program. What it is checked
against is given by the fenced blocks that come right after it (prose may sit
in between, another fenced block may not):

  ```output      the program's standard output, exactly (an empty block: none)
  ```stderr      its standard error, exactly (missing: must be empty)
  exit status: N the first non-blank line after the last of those two blocks
                 (missing: 0)
  ```asm-check   FileCheck patterns (CHECK:, CHECK-NEXT:, CHECK-NOT: ...)
                 matched against `dodoc -S -o -`; there may be several, each
                 matched on its own

A program followed by `output` or `stderr` is compiled and run; one followed by
`asm-check` is compiled to assembly and piped into FileCheck (both may be
given). A `dodo` block followed by none of them is only checked with
`dodoc -fsyntax-only`, so every example at least compiles. A block tagged
`dodo-fragment` is a snippet, not a program, and is not checked. A block tagged
`dodo-module FILE.dodo` is another module of a program of several
(docs/modules.md): every later program of the page is built with it, the
module files written beside it and given after it on the command line.

The info string may name the source file and add dodoc flags:

  ```dodo hello.dodo -g      compiled as hello.dodo (module `hello`), with -g
  ```asm-check --asm-comments   extra flags for the -S compile only

The default file name is prog.dodo, so symbols read `prog.f`.

The exit status is 0 when every example of every file passes, 1 otherwise.
Standard library only (Python 3.9 or newer).
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

# Running a command with a timeout, and describing how it ended, is the test
# runner's; the docs checker uses the same pieces.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from runner import Result, run_process, text  # noqa: E402

COMPILE_TIMEOUT = 60   # seconds for one dodoc invocation
RUN_TIMEOUT = 10       # seconds for one compiled program
FILECHECK_FALLBACK = "/usr/lib/llvm-14/bin/FileCheck"

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
EXIT_STATUS = re.compile(r"^\W*exit status:?\s*(\d+)\b", re.IGNORECASE)
SOURCE_NAME = re.compile(r"^[A-Za-z0-9_.+-]+\.(dodo|do|doo)$")
RESULT_TAGS = ("output", "stderr", "asm-check")


class Block:
    def __init__(self, path, tag, words, lines, first, last, indent):
        self.path = path
        self.tag = tag        # first word of the info string
        self.words = words    # the other words
        self.lines = lines    # content lines, indentation of the fence removed
        self.first = first    # line number of the opening fence (1-based)
        self.last = last      # line number of the closing fence
        self.indent = indent

    def where(self):
        return "%s:%d" % (self.path, self.first)

    def content(self):
        """The block's text as a file: empty, or lines each ending in a newline."""
        return "".join(line + "\n" for line in self.lines).encode("utf-8")


def parse_blocks(path, source_lines):
    """Fenced code blocks, in order, and a map from line number to line."""
    blocks = []
    i = 0
    n = len(source_lines)
    while i < n:
        m = FENCE_OPEN.match(source_lines[i])
        if not m:
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent").expandtabs())
        words = m.group("info").split()
        tag = words[0] if words else ""
        close = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{%d,}[ \t]*$" % len(fence))
        content = []
        j = i + 1
        while j < n and not close.match(source_lines[j]):
            line = source_lines[j]
            # Remove up to `indent` columns of the fence's own indentation.
            k = 0
            while k < len(line) and k < indent and line[k] == " ":
                k += 1
            content.append(line[k:])
            j += 1
        b = Block(path, tag, words[1:], content, i + 1, min(j, n) + 1, indent)
        b.closed = j < n
        blocks.append(b)
        i = j + 1
    return blocks


def first_nonblank_after(source_lines, line_no, limit):
    """The first non-blank line after line `line_no` (1-based) and before `limit`."""
    for k in range(line_no, min(limit - 1, len(source_lines))):
        if source_lines[k].strip():
            return source_lines[k]
    return ""


class Example:
    """A dodo block and the result blocks that follow it."""

    def __init__(self, block):
        self.block = block
        self.output = None
        self.stderr = None
        self.asm = []         # asm-check blocks, each matched on its own
        self.status = 0
        self.file_name = "prog.dodo"
        self.flags = []
        for w in block.words:
            if SOURCE_NAME.match(w) and self.file_name == "prog.dodo" and not self.flags:
                self.file_name = w
            else:
                self.flags.append(w)


def collect(path, text):
    """Pair each dodo block with its result blocks. Returns (examples, problems)."""
    lines = text.splitlines()
    blocks = parse_blocks(path, lines)
    examples, problems = [], []
    for b in blocks:
        if not b.closed and b.tag in ("dodo", "dodo-fragment") + RESULT_TAGS:
            problems.append("%s: the ```%s block is never closed" % (b.where(), b.tag))
    i = 0
    modules = []
    while i < len(blocks):
        b = blocks[i]
        if b.tag == "dodo-module":
            modules.append(b)
            i += 1
            continue
        if b.tag in RESULT_TAGS:
            problems.append("%s: a ```%s block that does not follow a ```dodo block"
                            % (b.where(), b.tag))
            i += 1
            continue
        if b.tag == "dodo-fragment":
            if i + 1 < len(blocks) and blocks[i + 1].tag in RESULT_TAGS:
                problems.append("%s: a ```dodo-fragment cannot have a ```%s block; "
                                "make it a whole ```dodo program" % (b.where(), blocks[i + 1].tag))
                i += 2
                continue
            i += 1
            continue
        if b.tag != "dodo":
            i += 1
            continue
        ex = Example(b)
        ex.modules = list(modules)
        j = i + 1
        last_run_block = None
        while j < len(blocks) and blocks[j].tag in RESULT_TAGS:
            r = blocks[j]
            j += 1
            if r.tag == "asm-check":
                ex.asm.append(r)
                continue
            if getattr(ex, r.tag) is not None:
                problems.append("%s: a second ```%s block for the program at %s"
                                % (r.where(), r.tag, b.where()))
            elif ex.asm or r.tag == "output" and ex.stderr is not None:
                problems.append("%s: result blocks must come in the order output, stderr, "
                                "asm-check" % r.where())
            setattr(ex, r.tag, r)
            last_run_block = r
        if last_run_block is not None:
            limit = blocks[j].first if j < len(blocks) else len(lines) + 1
            m = EXIT_STATUS.match(first_nonblank_after(lines, last_run_block.last, limit))
            if m:
                ex.status = int(m.group(1))
        examples.append(ex)
        i = j
    return examples, problems


def diff(expected, actual, what):
    out = []
    for line in difflib.unified_diff(text(expected).splitlines(keepends=True),
                                     text(actual).splitlines(keepends=True),
                                     "expected " + what, "actual " + what):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out) or "(they differ only in bytes that are not valid UTF-8)\n"


class Checker:
    def __init__(self, opts):
        self.opts = opts
        self.env = dict(os.environ)
        self.env["NO_COLOR"] = "1"
        self.env.pop("DODO_YYDEBUG", None)

    def check_file(self, path):
        """Check one Markdown file; returns the number of failures."""
        try:
            source = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            print("FAIL %s: cannot read: %s" % (path, err))
            return 1
        examples, problems = collect(path, source)
        failures = len(problems)
        for p in problems:
            print("FAIL " + p)
        for ex in examples:
            msgs = self.check_example(ex, source.splitlines())
            if msgs:
                failures += 1
                print("FAIL %s: %s" % (ex.block.where(), self.kind(ex)))
                for m in msgs:
                    print("  " + m.rstrip("\n").replace("\n", "\n  "))
            elif self.opts.verbose:
                print("PASS %s: %s" % (ex.block.where(), self.kind(ex)))
        print("%s %s: %d example(s), %d failure(s)"
              % ("FAIL" if failures else "PASS", path, len(examples), failures))
        return failures

    @staticmethod
    def kind(ex):
        parts = []
        if ex.output is not None or ex.stderr is not None:
            parts.append("run")
        if ex.asm:
            parts.append("asm-check" if len(ex.asm) == 1 else "%d asm-checks" % len(ex.asm))
        return " + ".join(parts) or "compile (-fsyntax-only)"

    def failed(self, msg, res, show_stdout=False):
        parts = [msg, "command: %s" % res.command(), "result:  %s" % res.describe()]
        if show_stdout and res.stdout:
            parts.append("--- stdout ---\n" + text(res.stdout).rstrip("\n"))
        if res.stderr:
            parts.append("--- stderr ---\n" + text(res.stderr).rstrip("\n"))
        return "\n".join(parts)

    def check_example(self, ex, doc_lines):
        tmp = Path(tempfile.mkdtemp(prefix="dodoc-docs-"))
        try:
            return self._check(ex, tmp, doc_lines)
        finally:
            if self.opts.keep:
                print("  kept %s" % tmp)
            else:
                shutil.rmtree(tmp, ignore_errors=True)

    def _check(self, ex, tmp, doc_lines):
        msgs = []
        src = tmp / ex.file_name
        src.write_bytes(ex.block.content())
        module_files = []
        for m in getattr(ex, "modules", []):
            name = m.words[0] if m.words else "module.dodo"
            (tmp / name).write_bytes(m.content())
            module_files.append(name)
        note = "(line L of %s is line %d+L of %s)" % (ex.file_name, ex.block.first, ex.block.path)
        dodoc = self.opts.dodoc
        if ex.output is None and ex.stderr is None and not ex.asm:
            res = run_process([dodoc, "-fsyntax-only"] + ex.flags + [ex.file_name], tmp, self.env,
                              COMPILE_TIMEOUT)
            if res.status != 0 or res.timed_out:
                msgs.append(self.failed("does not compile %s" % note, res))
            return msgs

        if ex.output is not None or ex.stderr is not None:
            res = run_process([dodoc] + ex.flags + [ex.file_name] + module_files + ["-o", "prog.exe"],
                              tmp, self.env,
                              COMPILE_TIMEOUT)
            if res.status != 0 or res.timed_out:
                msgs.append(self.failed("does not compile %s" % note, res))
            else:
                run = run_process([str(tmp / "prog.exe")], tmp, self.env, RUN_TIMEOUT)
                exp_out = ex.output.content() if ex.output is not None else b""
                exp_err = ex.stderr.content() if ex.stderr is not None else b""
                if run.timed_out or run.status < 0:
                    msgs.append(self.failed("the program did not finish normally", run, True))
                else:
                    if run.stdout != exp_out:
                        where = ex.output.where() if ex.output is not None else "(no output block)"
                        msgs.append("stdout differs from the ```output block at %s:\n%s"
                                    % (where, diff(exp_out, run.stdout, "stdout")))
                    if run.stderr != exp_err:
                        where = ex.stderr.where() if ex.stderr is not None else "(no stderr block)"
                        msgs.append("stderr differs from the ```stderr block at %s:\n%s"
                                    % (where, diff(exp_err, run.stderr, "stderr")))
                    if run.status != ex.status:
                        msgs.append("exit status %d, expected %d%s"
                                    % (run.status, ex.status,
                                       "" if ex.status else " (state it as `exit status: N` on "
                                       "the line after the last result block)"))

        compiled = {}   # flags -> the assembly, or None if the compile failed
        for asm in ex.asm:
            # The check file keeps the patterns on their own line numbers, so that
            # FileCheck's messages point into the Markdown file.
            check = tmp / Path(ex.block.path).name
            check.write_text("\n" * asm.first + "".join(l + "\n" for l in asm.lines),
                             encoding="utf-8")
            key = tuple(asm.words)
            if key not in compiled:
                res = run_process([dodoc, "-S", "-o", "-"] + ex.flags + asm.words + [ex.file_name],
                                  tmp, self.env, COMPILE_TIMEOUT)
                ok = res.status == 0 and not res.timed_out
                if not ok:
                    msgs.append(self.failed("does not compile to assembly %s" % note, res))
                compiled[key] = res.stdout if ok else None
            if compiled[key] is None:
                continue
            (tmp / "prog.s").write_bytes(compiled[key])
            fc = run_process([self.opts.filecheck, "--input-file", "prog.s", check.name], tmp,
                             self.env, COMPILE_TIMEOUT)
            if fc.status != 0 or fc.timed_out:
                msgs.append(self.failed(
                    "the ```asm-check block at %s does not match (%s)" % (
                        asm.where(), "see prog.s in the kept directory" if self.opts.keep
                        else "--keep keeps the assembly"), fc))
        return msgs


def find_filecheck():
    for name in ("FileCheck", "FileCheck-14"):
        found = shutil.which(name)
        if found:
            return found
    return FILECHECK_FALLBACK


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check the dodo examples of Markdown files.")
    ap.add_argument("--dodoc", required=True, help="the compiler to test")
    ap.add_argument("--filecheck", default=None, help="LLVM FileCheck (default: PATH, then %s)"
                    % FILECHECK_FALLBACK)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directories")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every passing example")
    ap.add_argument("files", nargs="+", help="Markdown files")
    opts = ap.parse_args(argv)
    opts.dodoc = str(Path(opts.dodoc).resolve())
    opts.filecheck = opts.filecheck or find_filecheck()
    checker = Checker(opts)
    failures = sum(checker.check_file(f) for f in opts.files)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
