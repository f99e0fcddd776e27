"""The one rule of --fix: a rewrite is written only when it is complete. Whatever the plan did, the rewritten code is
checked again before it is written: the checker must find nothing in it (no legacy or azure-ai-inference use left, no
dict access on an openai>=1 object, no method an OpenAI client lacks, no except clause made unreachable), and it must
use no name that nothing defines (an import the rewrite needed and did not add). Otherwise the file is left as it was,
with each reason. And every finding left in a file gets a reason, even where no rewrite was tried.
"""

import ast
import builtins
from dataclasses import dataclass

from openai_v1_migrate.check import check_module
from openai_v1_migrate.kinds import RuleId
from openai_v1_migrate.sources import Module, cell_code

ALREADY_V1 = "this is openai>=1 code already: --fix rewrites legacy and azure-ai-inference code only"
UNEXPLAINED = {
    RuleId.LEGACY_SETTING: "no legacy call in this module uses this setting, so --fix has no client to move it to: "
                           "set it on the client that needs it",
    RuleId.LEGACY_CALL: "a legacy name used as a value, not called: --fix rewrites calls only",
    RuleId.LEGACY_DICT: "dict access on an answer --fix did not rewrite: apply the advice by hand",
    RuleId.LEGACY_ERROR: "an openai.error class --fix did not rewrite: apply the advice by hand",
    RuleId.V1_SUBSCRIPT: ALREADY_V1,
    RuleId.V1_METHOD: ALREADY_V1,
    RuleId.UNREACHABLE_HANDLER: "reorder the except clauses by hand",
}
ELSEWHERE = "--fix has no rewrite for this: apply the advice by hand"


@dataclass(frozen=True)
class Left:
    """Code --fix left as it was, and why."""
    cell: int | None  # the notebook cell, or None in a .py file
    line: int
    what: str
    why: str


def _as_module(module, code):
    sources = code if module.notebook is None else [cell_code(c) for c in code]
    return Module(module.path, sources, module.cells, module.notebook)


def _undefined(module):
    """Names the code loads that nothing in it binds and that are no builtins."""
    bound, loaded = set(dir(builtins)), {}
    for tree in module.trees():
        if isinstance(tree, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    loaded.setdefault(node.id, node.lineno)
                else:
                    bound.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                bound |= set(node.names)
            elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                bound.add(node.name)
    if any(isinstance(n, ast.ImportFrom) and n.names[0].name == "*" for t in module.trees()
           if not isinstance(t, SyntaxError) for n in ast.walk(t)):
        return {}
    return {name: line for name, line in loaded.items() if name not in bound}


def problems(module, before, after):
    """Why the rewrite `after` of `before` may not be written (each a Left), or [] when it is complete."""
    rewritten = _as_module(module, after)
    found = [Left(f.cell, f.line, f.pattern, f"--fix's rewrite would still hold this ({f.replacement}), so it "
                  "changed nothing") for f in check_module(rewritten)]
    undefined = _undefined(rewritten)
    missing = set(undefined) - set(_undefined(_as_module(module, before)))
    found += [Left(None, undefined[name], name, "--fix's rewrite would use this name, which nothing defines, so it "
                   "changed nothing") for name in sorted(missing)]
    return found


def unexplained(module, code, left):
    """A reason for each finding in `code` that no entry of `left` explains (same cell and line): one line for all of
    them when `left` already says why the file was not rewritten, else a reason for each by its rule."""
    explained = {(reason.cell, reason.line) for reason in left}
    found = check_module(_as_module(module, code))
    rest = [f for f in found if (f.cell, f.line) not in explained]
    if left and rest:
        count = f"{len(rest)} other finding{'s' if len(rest) > 1 else ''}"
        return [Left(rest[0].cell, rest[0].line, f"{count} of this file", "left as they were with the rest of the "
                     "file: --fix writes a file only when its whole rewrite is complete, and the reasons given "
                     "stop it")]
    calls = any(f.rule is RuleId.LEGACY_CALL for f in found)
    return [Left(f.cell, f.line, f.pattern, ELSEWHERE if f.rule is RuleId.LEGACY_SETTING and calls
                 else UNEXPLAINED.get(f.rule, ELSEWHERE)) for f in rest]
