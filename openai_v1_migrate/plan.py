"""What --fix will change in one module, and what it leaves to a person with the reason: a pure plan, from the facts
the checker found (openai_v1_migrate.findings.Facts). openai_v1_migrate.fix applies it with libcst.

Edits name ast nodes of the checked trees; each is one of:
    ("expr", text)                     replace the expression with text
    ("call", func, renames, added)     new callee text, keyword renames {old: new}, keywords to add ["k=v", ...]
    ("remove",)                        remove the statement, keeping its comments on the next one
    ("replace", text)                  replace the statement with text
    ("after", text)                    insert a statement after this one
    ("top", text)                      (on a piece's module) insert a statement first in the piece
    ("guard", name)                    put `if not name.choices: continue` first in the for loop's body
    ("reorder", order)                 (on a try's first handler) put its handlers in this order of indexes
A plan also holds what it leaves to a person (with the reason) and notes on what it changed (the expression whose
value must now be the v1 URL, the handlers it moved).
"""

import ast
from dataclasses import dataclass, field

from openai_v1_migrate.findings import segment
from openai_v1_migrate.inference_rewrite import plan_inference
from openai_v1_migrate.legacy_rewrite import plan_legacy


@dataclass
class Plan:
    edits: dict = field(default_factory=dict)  # (piece, ast node) -> edit
    left: list = field(default_factory=list)  # (piece, ast node, what, why)
    notes: list = field(default_factory=list)  # (piece, ast node, text): what a person must know about an edit

    def edit(self, piece, node, edit):
        self.edits[(piece, id(node))] = (node, edit)

    def leave(self, piece, node, what, why):
        self.left.append((piece, node, what, why))

    def note(self, piece, node, text):
        self.notes.append((piece, node, text))


class _Planner:
    def __init__(self, walked, sources):
        self.walked, self.facts, self.sources = walked, walked.facts, sources
        self.lines = [source.splitlines() for source in sources]
        self.plan = Plan()
        self.imported = {}  # import text -> the functions it was added in (None: the module)
        self.piece_of, self.parents = {}, {}
        for piece, tree in enumerate(walked.trees):
            for node in ast.walk(tree) if tree is not None else ():
                self.piece_of[id(node)] = piece
                for child in ast.iter_child_nodes(node):
                    self.parents[id(child)] = node

    def text(self, node):
        return segment(self.lines[self.piece_of[id(node)]], node)

    def edit(self, node, edit):
        self.plan.edit(self.piece_of[id(node)], node, edit)

    def leave(self, node, what, why):
        self.plan.leave(self.piece_of[id(node)], node, what, why)

    def note(self, node, text):
        self.plan.note(self.piece_of[id(node)], node, text)

    def free_name(self, wanted):
        used = {n.id for tree in self.walked.trees if tree is not None for n in ast.walk(tree)
                if isinstance(n, ast.Name)}
        return wanted if wanted not in used else f"openai_{wanted}"

    # --- imports ---------------------------------------------------------------------------------------------------

    def function_of(self, node):
        while id(node) in self.parents:
            node = self.parents[id(node)]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def add_import(self, near, text):
        """Put `text` where the code at `near` can use it: after the last import before it in its own function (a
        local import), else after the piece's last top-level import before it, else first in the piece. Once a
        module."""
        piece, scope = self.piece_of[id(near)], self.function_of(near)
        tree = self.walked.trees[piece]
        local = [s for s in ast.walk(scope) if isinstance(s, (ast.Import, ast.ImportFrom))
                 and self.function_of(s) is scope and s.lineno <= near.lineno] if scope else []
        top = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) and s.lineno <= near.lineno]
        anchor = (local or top or [None])[-1]
        where = scope if local else None
        if where in self.imported.setdefault(text, set()) or None in self.imported[text]:
            return
        self.imported[text].add(where)
        if anchor is None:
            return self.plan.edit(piece, tree, ("top", text))
        key = (piece, id(anchor))
        if key in self.plan.edits and self.plan.edits[key][1][0] in ("after", "replace"):
            node, (kind, existing) = self.plan.edits[key]
            self.plan.edits[key] = (node, (kind, f"{existing}\n{text}" if kind == "after" else f"{text}\n{existing}"))
        else:
            self.plan.edit(piece, anchor, ("after", text))


def plan(walked, sources):
    """One plan for both SDKs; a part (legacy openai, azure-ai-inference) that leaves anything changes nothing."""
    whole = Plan()
    for part in (plan_legacy, plan_inference):
        planner = _Planner(walked, sources)
        part(planner)
        whole.left += planner.plan.left
        if not planner.plan.left:
            whole.notes += planner.plan.notes
            for key, (node, edit) in planner.plan.edits.items():
                if key in whole.edits and edit[0] in ("after", "top") and whole.edits[key][1][0] == edit[0]:
                    edit = (edit[0], f"{whole.edits[key][1][1]}\n{edit[1]}")
                whole.edits[key] = (node, edit)
    return whole
