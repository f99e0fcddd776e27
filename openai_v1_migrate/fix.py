"""--fix: apply a module's plan (openai_v1_migrate.plan) with libcst, so comments and formatting survive.

A file with a syntax error is never changed, nor is a notebook whose rewrite needs a cell that uses IPython syntax
(magics, !shell, obj?), nor a file whose rewrite is not complete (verify.py): a file is rewritten whole or not at all.
After the edits, imports from azure.ai.inference and azure.core that the rewrite left unused are removed.
"""

import ast
import json
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from openai_v1_migrate import verify
from openai_v1_migrate.edits import (
    EXPRESSION_EDITS,
    InsertAfter,
    InsertFirst,
    NewCall,
    NewExpression,
    Remove,
    ReorderHandlers,
    ReplaceStatement,
    SkipEmptyChunks,
)
from openai_v1_migrate.findings import analyse
from openai_v1_migrate.plan import plan
from openai_v1_migrate.verify import Left

REMOVED = "__migrate_removed__"
ORPHANED = ("azure.ai.inference", "azure.ai.inference.models", "azure.ai.inference.aio", "azure.core.credentials",
            "azure.core.exceptions")


@dataclass(frozen=True)
class Note:
    """What a person must know about the rewrite."""
    cell: int | None
    line: int
    text: str


@dataclass
class Fixed:
    path: str
    before: list  # each piece's code as it was
    after: list  # each piece's code as --fix leaves it
    left: list[Left]
    cells: list  # the notebook cell number of each piece, or [None]
    notes: list[Note] = field(default_factory=list)


def _char_column(lines, line, byte_column):
    text = lines[line - 1] if line <= len(lines) else ""
    return len(text.encode()[:byte_column].decode(errors="ignore"))


def _span(lines, node):
    return (node.lineno, _char_column(lines, node.lineno, node.col_offset),
            node.end_lineno, _char_column(lines, node.end_lineno, node.end_col_offset))


def _statements(text):
    return list(cst.parse_module(text if text.endswith("\n") else text + "\n").body)


def _comments(statement):
    """A removed statement's own comment lines, and its trailing comment as a line of its own."""
    lines = list(statement.leading_lines)
    trailing = getattr(statement, "trailing_whitespace", None)
    if trailing is not None and trailing.comment is not None:
        lines.append(cst.EmptyLine(comment=trailing.comment))
    return lines


class _Apply(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, expressions, statements, top=()):
        super().__init__()
        self.expressions, self.statements, self.top = expressions, statements, list(top)

    def position(self, node):
        where = self.get_metadata(PositionProvider, node, None)
        return where and (where.start.line, where.start.column, where.end.line, where.end.column)

    def on_leave(self, original_node, updated_node):
        updated_node = super().on_leave(original_node, updated_node)
        if not isinstance(original_node, cst.BaseExpression):
            return updated_node
        match self.expressions.get(self.position(original_node)):
            case NewExpression(text):
                new = cst.parse_expression(text)
                return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar) if updated_node.lpar else new
            case NewCall(func, renames, added):
                args = [a.with_changes(keyword=cst.Name(renames[a.keyword.value]))
                        if a.keyword is not None and a.keyword.value in renames else a for a in updated_node.args]
                if added:
                    args += cst.parse_expression(f"f({', '.join(added)})").args
                return updated_node.with_changes(func=cst.parse_expression(func), args=args)
        return updated_node

    def statement_edit(self, original_node, first):
        where = self.position(first)
        return where and self.statements.get(where[:2])

    def leave_SimpleStatementLine(self, original_node, updated_node):
        match self.statement_edit(original_node, original_node.body[0]):
            case Remove():
                return updated_node.with_changes(body=[cst.Expr(cst.Name(REMOVED))],
                                                 leading_lines=_comments(updated_node))
            case ReplaceStatement(text):
                new = _statements(text)
                new[0] = new[0].with_changes(leading_lines=_comments(updated_node))
                return cst.FlattenSentinel(new)
            case InsertAfter(text):
                return cst.FlattenSentinel([updated_node, *_statements(text)])
        return updated_node

    def leave_For(self, original_node, updated_node):
        edit = self.statement_edit(original_node, original_node)
        if not isinstance(edit, SkipEmptyChunks):
            return updated_node
        guard = cst.parse_statement(f"if not {edit.name}.choices:\n    continue\n")
        return updated_node.with_changes(body=updated_node.body.with_changes(body=[guard, *updated_node.body.body]))

    def leave_Try(self, original_node, updated_node):
        edit = self.statement_edit(original_node, original_node.handlers[0]) if original_node.handlers else None
        if not isinstance(edit, ReorderHandlers):
            return updated_node
        return updated_node.with_changes(handlers=[updated_node.handlers[i] for i in edit.order])

    def fold(self, body):
        """Drop removed statements, moving their comments onto the next statement; return (body, leftovers)."""
        kept, carried = [], []
        for statement in body:
            if (isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Expr)
                    and isinstance(statement.body[0].value, cst.Name) and statement.body[0].value.value == REMOVED):
                carried += statement.leading_lines
            elif carried:
                kept.append(statement.with_changes(leading_lines=[*carried, *statement.leading_lines]))
                carried = []
            else:
                kept.append(statement)
        return kept, carried

    def leave_Module(self, original_node, updated_node):
        body, carried = self.fold(updated_node.body)
        if self.top:
            new = [s for text in self.top for s in _statements(text)]
            docstring = bool(body) and isinstance(body[0], cst.SimpleStatementLine) and isinstance(
                body[0].body[0], cst.Expr) and isinstance(body[0].body[0].value, cst.SimpleString)
            body = [*body[:docstring], *new, *body[docstring:]]
        return updated_node.with_changes(body=body, footer=[*carried, *updated_node.footer])

    def leave_IndentedBlock(self, original_node, updated_node):
        body, _ = self.fold(updated_node.body)
        return updated_node.with_changes(body=body or [cst.SimpleStatementLine([cst.Pass()])])


class _DropOrphans(cst.CSTTransformer):
    """Remove names imported from ORPHANED modules that were used before the rewrite and are not used after it."""

    top = ()

    def __init__(self, orphans):
        super().__init__()
        self.orphans = orphans

    def leave_SimpleStatementLine(self, original_node, updated_node):
        statement = updated_node.body[0]
        if isinstance(statement, cst.Import) and [a.evaluated_name for a in statement.names] == ["openai"]:
            return self.drop(updated_node) if "openai" in self.orphans else updated_node
        if not isinstance(statement, cst.ImportFrom) or isinstance(statement.names, cst.ImportStar):
            return updated_node
        module = cst.Module([]).code_for_node(statement.module) if statement.module else ""
        if module not in ORPHANED:
            return updated_node
        names = [a for a in statement.names if (a.evaluated_alias or a.evaluated_name) not in self.orphans]
        if len(names) == len(statement.names):
            return updated_node
        if not names:
            return self.drop(updated_node)
        names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(body=[statement.with_changes(names=names)])

    def drop(self, statement):
        return statement.with_changes(body=[cst.Expr(cst.Name(REMOVED))], leading_lines=_comments(statement))

    leave_Module = _Apply.leave_Module
    leave_IndentedBlock = _Apply.leave_IndentedBlock
    fold = _Apply.fold


def _used_names(code):
    tree = ast.parse(code)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def apply(source, edits):
    """source rewritten by the edits of one piece (plan.Planned)."""
    lines = source.splitlines()
    expressions, statements, top = {}, {}, []
    for node, edit in ((planned.node, planned.edit) for planned in edits):
        if isinstance(edit, InsertFirst):
            top.append(edit.text)
            continue
        span = _span(lines, node)
        if isinstance(edit, EXPRESSION_EDITS):
            expressions[span] = edit
        else:
            statements[span[:2]] = edit
    rewritten = MetadataWrapper(cst.parse_module(source)).visit(_Apply(expressions, statements, top))
    orphans = _used_names(source) - _used_names(rewritten.code)
    return rewritten.visit(_DropOrphans(orphans)).code


def fix_module(module):
    """A Fixed for a openai_v1_migrate.sources.Module, or None when it has a syntax error."""
    trees = module.trees()
    if any(isinstance(tree, SyntaxError) for tree in trees):
        return None
    changes = plan(analyse(trees, module.sources), module.sources)
    original = _original_code(module)
    after = list(original)
    left = [Left(module.cells[u.piece], u.node.lineno, u.what, u.why) for u in changes.left]
    for piece in range(len(module.sources)):
        edits = [planned for planned in changes.edits.values() if planned.piece == piece]
        if not edits:
            continue
        if original[piece] != module.sources[piece]:
            line = min(planned.node.lineno for planned in edits)
            left.append(Left(module.cells[piece], line, "this cell", "it uses IPython syntax (a magic, !shell or "
                             "obj?), which --fix does not rewrite: apply the advice by hand"))
            continue
        try:
            after[piece] = apply(original[piece], edits)
        except SyntaxError as error:  # never write code that does not parse
            left.append(Left(module.cells[piece], error.lineno or 1, "this code", "--fix's rewrite did not parse, "
                             "so it was not written: apply the advice by hand"))
    if not left and after != original:
        left = verify.problems(module, original, after)
    if left:
        after = list(original)  # a rewrite that is not complete is not written
    left += verify.unexplained(module, after, left)
    notes = [] if after == original else [Note(module.cells[c.piece], c.node.lineno, c.text) for c in changes.notes]

    def in_order(items):
        return sorted(items, key=lambda item: (module.cells.index(item.cell), item.line))

    return Fixed(module.path, original, after, in_order(left), module.cells, in_order(notes))


def _original_code(module):
    if module.notebook is None:
        return list(module.sources)
    code = [c for c in module.notebook["cells"] if c.get("cell_type") == "code"]
    return ["".join(c.get("source", "")) for c in code]


def write(module, fixed):
    """Write a Fixed back to its file (a notebook keeps its outputs and metadata)."""
    if module.notebook is None:
        with open(module.path, "w", encoding="utf-8", newline="") as file:
            file.write(fixed.after[0])
        return
    code = [c for c in module.notebook["cells"] if c.get("cell_type") == "code"]
    for cell, text in zip(code, fixed.after, strict=True):
        cell["source"] = text.splitlines(keepends=True)
    with open(module.path, "w", encoding="utf-8") as file:
        json.dump(module.notebook, file, indent=1, ensure_ascii=False)
        file.write("\n")
