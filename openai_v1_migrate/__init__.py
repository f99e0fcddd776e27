"""Find legacy OpenAI code (openai<1.0) and retired azure-ai-inference code, say what replaces it, and rewrite it.

    python -m openai_v1_migrate [--format text|json|sarif] [--fix] [--diff] PATH...

PATH is a .py file, a notebook (.ipynb: its code cells, read the way IPython reads them) or a folder of them.
Each finding is one line: where it is (file:line, or file:cell N:line for a notebook, counting every cell from the
top), the legacy pattern as the code spells it, and what replaces it. Only what provably comes from the legacy SDK
or from azure-ai-inference is reported (see findings.py). --fix rewrites what can be rewritten safely with libcst
and reports what it left, with the reason; --diff prints the rewrite as a unified diff (and, alone, changes
nothing). Exit status: 1 when something is found (after --fix: when something is left), 0 when the code is clean,
2 on a usage error.

A file is rewritten only when its whole rewrite is complete: the rewritten code is checked again (verify.py) and
must have no finding and use no name that nothing defines; otherwise the file stays as it was, with every reason.

The modules, one concept each: kinds (the kinds of finding, as enums), rules (the patterns, and what --fix writes
for each, as data), retirements (what is retired, since when), sources (reading files and notebook cells), syntax
(reading the ast), flow (what each value holds, followed through a module), findings (what is reported, on that
walk), facts (what the walk found that --fix needs), check (findings of a file), edits (the kinds of edit), plan (what
--fix will change, from legacy_rewrite, inference_rewrite and inference_models), fix (applying the plan with libcst),
verify (the rewrite is complete, or it is not written), report (text, JSON, SARIF), cli (the command).
"""

import importlib

__all__ = ["Finding", "check_path", "check_source", "main"]
_FROM = {"Finding": "findings", "check_path": "check", "check_source": "check", "main": "cli"}


def __getattr__(name):
    """The interface, imported when first used: the kit cell reads retirements alone, and libcst (what --fix needs)
    costs a kernel most of a second to import."""
    if name not in _FROM:
        raise AttributeError(f"module 'openai_v1_migrate' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)
