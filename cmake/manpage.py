#!/usr/bin/env python3
"""Writes the dodoc(1) man page from `dodoc --help` and `dodoc --version`.

Usage: manpage.py DODOC OUTPUT

The help text is the single source of the option list, so the man page
cannot drift from it. The help is read in this shape:

    Usage: dodoc ...            SYNOPSIS (with its indented continuation lines)
    <paragraph>                 DESCRIPTION
    Options:                    OPTIONS: "  TERM  description" lines
    Exit status: <text>         EXIT STATUS

Any other "Heading:" line starts a section of that name. Only the Python
standard library is used; SOURCE_DATE_EPOCH, when set, dates the page.
"""
import datetime
import os
import re
import subprocess
import sys


def roff_escape(text):
    """Escapes text for a roff line: backslashes, minus signs, and a leading
    control character ('.' or "'")."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def bold_options(text):
    """Sets option words (-o, --emit=KIND, -Wno-NAME) in bold."""
    return re.sub(r"(?<![\w\\])(\\-(?:\\-)?[A-Za-z0-9][\w=\\-]*)",
                  r"\\fB\1\\fR", text)


def split_sections(lines):
    """Returns [(heading, [lines])]: 'Usage:' and 'Options:' style headings,
    and 'Heading: text' paragraphs, each become a section."""
    sections = []
    heading, body = "DESCRIPTION", []
    for line in lines:
        m = re.match(r"^([A-Z][A-Za-z ]*):(?:\s+(.*))?$", line)
        if m and not line.startswith(" "):
            if body:
                sections.append((heading, body))
            name = m.group(1).upper()
            heading = "SYNOPSIS" if name == "USAGE" else name
            body = [m.group(2)] if m.group(2) else []
        elif not line.strip() and heading == "SYNOPSIS" and body:
            sections.append((heading, body))
            heading, body = "DESCRIPTION", []
        else:
            body.append(line)
    if body:
        sections.append((heading, body))
    return sections


def render_paragraphs(body):
    out = []
    para = []
    for line in body + [""]:
        if line.strip():
            para.append(line.strip())
        elif para:
            out.append(".PP")
            # `command` spans are set in bold.
            out.append(re.sub(r"`([^`]*)`", r"\\fB\1\\fR",
                              roff_escape(" ".join(para))))
            para = []
    return out


def render_options(body):
    """'  TERM   description' lines become .TP entries; a line indented past
    the term with no term of its own continues the previous description."""
    out = []
    for line in body:
        if not line.strip():
            continue
        m = re.match(r"^ {1,4}(\S.*?)(?: {2,}(\S.*))?$", line)
        if m:
            term, desc = m.group(1), m.group(2) or ""
            # "-Wno-NAME   disable ...;  -w  disable all" holds two entries.
            parts = re.split(r";\s{2,}", desc)
            out += [".TP", bold_options(roff_escape(term)), roff_escape(parts[0])]
            for extra in parts[1:]:
                m2 = re.match(r"^(\S+)\s{2,}(.*)$", extra)
                if m2:
                    out += [".TP", bold_options(roff_escape(m2.group(1))),
                            roff_escape(m2.group(2))]
                else:
                    out.append(roff_escape(extra))
        else:
            out.append(roff_escape(line.strip()))
    return out


def render_synopsis(body):
    """One line per form of the command, the command name in bold."""
    out = []
    for line in body:
        line = line.strip()
        if not line:
            continue
        name, _, rest = line.partition(" ")
        out += [".br" if out else ".PP",
                "\\fB" + roff_escape(name) + "\\fR " + bold_options(roff_escape(rest))]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: manpage.py DODOC OUTPUT")
    dodoc, output = sys.argv[1], sys.argv[2]
    help_text = subprocess.run([dodoc, "--help"], check=True,
                               capture_output=True, text=True).stdout
    version = subprocess.run([dodoc, "--version"], check=True,
                             capture_output=True, text=True).stdout.split()[-1]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
            .strftime("%Y-%m-%d") if epoch else "")

    page = [
        '.\\" Generated from `dodoc --help` by cmake/manpage.py; do not edit.',
        '.TH DODOC 1 "%s" "dodoc %s" "User Commands"' % (date, version),
        ".SH NAME",
        "dodoc \\- compiler for the dodo language",
    ]
    order = ["SYNOPSIS", "DESCRIPTION", "OPTIONS"]
    sections = split_sections(help_text.splitlines())
    sections.sort(key=lambda s: order.index(s[0]) if s[0] in order else len(order))
    for heading, body in sections:
        page.append(".SH " + roff_escape(heading))
        if heading == "SYNOPSIS":
            page += render_synopsis(body)
        elif heading == "OPTIONS":
            page += render_options(body)
        else:
            page += render_paragraphs(body)
    page += [".SH SEE ALSO",
             "as(1), cc(1); docs/cli.md in the dodoc sources for the details",
             "of each option, the environment and the exit statuses."]

    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(page) + "\n")
    os.replace(tmp, output)


if __name__ == "__main__":
    main()
