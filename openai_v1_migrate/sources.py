"""The code of a .py file or of a notebook's code cells, as the checker and the rewriter read it.

A notebook's cells go through IPython's own TransformerManager, which turns magics, shell lines (!pip, files = !ls)
and help syntax (obj?) into the Python calls IPython runs, line for line. So a `# which engine?` comment inside a call
stays a comment. A cell magic of another language (%%bash) becomes one string; %%time and the other magics that run
Python have their first line dropped and their body read as Python.
"""

import ast
import json
from dataclasses import dataclass
from pathlib import Path

PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun")


class Unreadable(Exception):
    """Not UTF-8 text, or not a notebook."""


@dataclass
class Module:
    """One file's code: a .py file is one piece; a notebook has one piece per code cell, numbered from the top."""
    path: str
    sources: list
    cells: list  # the notebook cell number of each piece, or [None] for a .py file
    notebook: dict | None = None

    def trees(self):
        """An ast tree per piece, or the SyntaxError that piece raised."""
        parsed = []
        for source in self.sources:
            try:
                parsed.append(compile(source, "<code>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT))
            except SyntaxError as error:
                parsed.append(error)
        return parsed


def cell_code(source):
    """A code cell's Python, line for line, or "" for a cell of another language."""
    from IPython.core.inputtransformer2 import TransformerManager  # only notebooks need IPython

    lines = source.splitlines(keepends=True)
    if lines and lines[0].startswith("%%"):
        if lines[0].split()[0] not in PYTHON_CELL_MAGICS:
            return ""
        lines[0] = "\n"  # the magic's line stays, blank
    code = "".join(lines)
    body = code.lstrip("\n")  # TransformerManager drops leading blank lines: keep them, so line numbers stay
    return "\n" * (len(code) - len(body)) + TransformerManager().transform_cell(body)


def read(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".ipynb":
            return Module(str(path), [text], [None])
        notebook = json.loads(text)
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError) as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise Unreadable(str(path)) from error
    code = [(n, "".join(c.get("source", ""))) for n, c in enumerate(cells, 1) if c.get("cell_type") == "code"]
    return Module(str(path), [cell_code(source) for _, source in code], [n for n, _ in code], notebook)
