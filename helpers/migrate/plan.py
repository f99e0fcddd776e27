"""What --fix will change in one module, and what it leaves to a person with the reason: a pure plan, from the facts
the checker found (helpers.migrate.findings.Facts). helpers.migrate.fix applies it with libcst.

Edits name ast nodes of the checked trees; each is one of:
    ("expr", text)                     replace the expression with text
    ("call", func, renames, added)     new callee text, keyword renames {old: new}, keywords to add ["k=v", ...]
    ("remove",)                        remove the statement, keeping its comments on the next one
    ("replace", text)                  replace the statement with text
    ("before", text) / ("after", text) insert a statement before or after this one
    ("guard", name)                    put `if not name.choices: continue` first in the for loop's body
    ("reorder", order)                 (on a try's first handler) put its handlers in this order of indexes
A plan also holds what it leaves to a person (with the reason) and notes on what it changed (the expression whose
value must now be the v1 URL, the handlers it moved).
"""

import ast
from dataclasses import dataclass, field

from helpers.migrate.findings import segment
from helpers.migrate.inference_rewrite import plan_inference
from helpers.migrate.legacy_rewrite import plan_legacy


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
        self.piece_of = {}
        for piece, tree in enumerate(walked.trees):
            for node in ast.walk(tree) if tree is not None else ():
                self.piece_of[id(node)] = piece

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

    def imports(self):
        return [s for tree in self.walked.trees if tree is not None for s in tree.body
                if isinstance(s, (ast.Import, ast.ImportFrom))]

    def add_import(self, anchor, text):
        """Put `text` after the import it replaces, or before the statement that first needs it; once a module."""
        if any(e[1][0] in ("after", "before") and text in e[1][1] for e in self.plan.edits.values()):
            return
        statement = self.statement_of(anchor)
        where = "after" if isinstance(statement, (ast.Import, ast.ImportFrom)) else "before"
        key = (self.piece_of[id(statement)], id(statement))
        if key in self.plan.edits and self.plan.edits[key][1][0] == where:
            node, (kind, existing) = self.plan.edits[key]
            self.plan.edits[key] = (node, (kind, f"{existing}\n{text}"))
        elif key in self.plan.edits and self.plan.edits[key][1][0] == "replace":
            node, (kind, existing) = self.plan.edits[key]
            self.plan.edits[key] = (node, (kind, f"{text}\n{existing}"))
        else:
            self.plan.edit(key[0], statement, (where, text))

    def statement_of(self, node):
        """The top-level statement that holds node."""
        tree = self.walked.trees[self.piece_of[id(node)]]
        return next(s for s in tree.body if any(n is node for n in ast.walk(s)))


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
                if key in whole.edits and edit[0] in ("before", "after") and whole.edits[key][1][0] == edit[0]:
                    edit = (edit[0], f"{whole.edits[key][1][1]}\n{edit[1]}")
                whole.edits[key] = (node, edit)
    return whole
