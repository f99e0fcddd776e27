"""python -m openai_v1_migrate [--format text|json|sarif] [--fix] [--diff] PATH..."""

import argparse
import difflib
import sys
from pathlib import Path

from openai_v1_migrate import report
from openai_v1_migrate.check import check_module, check_path
from openai_v1_migrate.fix import fix_module, write
from openai_v1_migrate.sources import Unreadable, read


def _files(paths, parser):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".py", ".ipynb")
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file() and path.suffix in (".py", ".ipynb"):
            yield path
        else:
            parser.error(f"{path} is not a .py file, a notebook (.ipynb) or a folder")


def _diff(fixed):
    labels = [f"cell {c}" if c else None for c in fixed.cells]
    chunks = []
    for label, before, after in zip(labels, fixed.before, fixed.after, strict=True):
        name = f"{fixed.path} ({label})" if label else fixed.path
        chunks += difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                       f"a/{name}", f"b/{name}")
    return "".join(chunks)


def _fix(files, show_diff, apply):
    """Rewrite (or only show) what can be rewritten safely; return the findings that remain."""
    results, remaining = [], []
    for path in files:
        try:
            module = read(path)
        except Unreadable:
            remaining += check_path(path)
            continue
        fixed = fix_module(module)
        if fixed is None:
            print(f"{path}: not rewritten: it has a syntax error", file=sys.stderr)
            remaining += check_module(module)
            continue
        results.append(fixed)
        if show_diff:
            sys.stdout.write(_diff(fixed))
        if apply and fixed.after != fixed.before:
            write(module, fixed)
        remaining += check_path(path) if apply else check_module(module)
    summary = report.fixed(results, applied=apply)
    if summary:
        print(summary, file=sys.stderr)
    return remaining


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m openai_v1_migrate",
                                     description="Report legacy openai<1.0 and azure-ai-inference code, "
                                     "and rewrite what can be rewritten safely.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py files, notebooks (.ipynb) or folders")
    parser.add_argument("--format", choices=sorted(report.FORMATS), default="text",
                        help="how to print the findings (default: text, one line each)")
    parser.add_argument("--fix", action="store_true", help="rewrite the files in place where it is safe")
    parser.add_argument("--diff", action="store_true", help="print the rewrite as a unified diff; "
                        "without --fix, change nothing")
    args = parser.parse_args(argv)
    files = list(_files(args.paths, parser))
    if args.fix or args.diff:
        findings = _fix(files, args.diff, args.fix)
        if args.diff and not args.fix:
            return 1 if findings else 0
    else:
        findings = [finding for path in files for finding in check_path(path)]
    print(report.FORMATS[args.format](findings, len(files)))
    return 1 if findings else 0
