"""What --fix will change in one module, and what it leaves to a person with the reason: a pure plan, from the facts
the checker found (openai_v1_migrate.facts). openai_v1_migrate.fix applies it with libcst.

Each edit (a dataclass of openai_v1_migrate.edits) is planned on an ast node of the checked trees, one edit a node.
A plan also holds what it leaves to a person (with the reason) and notes on what it changed (the expression whose
value must now be the v1 URL, the handlers it moved).
"""

import ast
from dataclasses import dataclass, field, replace

from openai_v1_migrate.edits import INSERTIONS, InsertAfter, InsertFirst, ReplaceStatement
from openai_v1_migrate.inference_rewrite import plan_inference
from openai_v1_migrate.legacy_rewrite import plan_legacy
from openai_v1_migrate.syntax import segment


@dataclass(frozen=True)
class Planned:
    piece: int  # which of the module's trees
    node: ast.AST
    edit: object  # one of openai_v1_migrate.edits


@dataclass(frozen=True)
class Unplanned:
    """Code the plan leaves to a person, with the reason."""
    piece: int
    node: ast.AST
    what: str
    why: str


@dataclass(frozen=True)
class Caveat:
    """What a person must know about an edit."""
    piece: int
    node: ast.AST
    text: str


@dataclass
class Plan:
    edits: dict = field(default_factory=dict)  # (piece, id of the ast node) -> Planned
    left: list[Unplanned] = field(default_factory=list)
    notes: list[Caveat] = field(default_factory=list)

    def edit(self, piece, node, edit):
        self.edits[(piece, id(node))] = Planned(piece, node, edit)

    def edited(self, piece, node):
        """The edit planned on a node, or None."""
        planned = self.edits.get((piece, id(node)))
        return planned and planned.edit

    def leave(self, piece, node, what, why):
        self.left.append(Unplanned(piece, node, what, why))

    def note(self, piece, node, text):
        self.notes.append(Caveat(piece, node, text))


class _Planner:
    def __init__(self, analysis, sources):
        self.analysis, self.facts, self.sources = analysis, analysis.facts, sources
        self.lines = [source.splitlines() for source in sources]
        self.plan = Plan()
        self.imported = {}  # import text -> the functions it was added in (None: the module)
        self.piece_of, self.parents = {}, {}
        for piece, tree in enumerate(analysis.trees):
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
        used = {n.id for tree in self.analysis.trees if tree is not None for n in ast.walk(tree)
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
        tree = self.analysis.trees[piece]
        local = [s for s in ast.walk(scope) if isinstance(s, (ast.Import, ast.ImportFrom))
                 and self.function_of(s) is scope and s.lineno <= near.lineno] if scope else []
        top = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) and s.lineno <= near.lineno]
        anchor = (local or top or [None])[-1]
        where = scope if local else None
        if where in self.imported.setdefault(text, set()) or None in self.imported[text]:
            return
        self.imported[text].add(where)
        if anchor is None:
            return self.plan.edit(piece, tree, InsertFirst(text))
        existing = self.plan.edited(piece, anchor)
        if isinstance(existing, InsertAfter):
            self.plan.edit(piece, anchor, InsertAfter(f"{existing.text}\n{text}"))
        elif isinstance(existing, ReplaceStatement):
            self.plan.edit(piece, anchor, ReplaceStatement(f"{text}\n{existing.text}"))
        else:
            self.plan.edit(piece, anchor, InsertAfter(text))


def plan(analysis, sources):
    """One plan for both SDKs; a part (legacy openai, azure-ai-inference) that leaves anything changes nothing."""
    whole = Plan()
    for part in (plan_legacy, plan_inference):
        planner = _Planner(analysis, sources)
        part(planner)
        whole.left += planner.plan.left
        if not planner.plan.left:
            whole.notes += planner.plan.notes
            for key, planned in planner.plan.edits.items():
                earlier = whole.edits.get(key)
                if earlier and isinstance(planned.edit, INSERTIONS) and type(earlier.edit) is type(planned.edit):
                    joined = replace(planned.edit, text=f"{earlier.edit.text}\n{planned.edit.text}")
                    planned = replace(planned, edit=joined)
                whole.edits[key] = planned
    return whole
