"""The kinds of edit a --fix plan holds (plan.py), one dataclass each; fix.py applies them with libcst. An edit is
planned on an ast node of the checked code: an expression, a statement, a for loop, a try's first handler, or a
piece's module.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NewExpression:
    """Replace the expression with text."""
    text: str


@dataclass(frozen=True)
class NewCall:
    """Keep the call's arguments, with a new callee, keywords renamed and keywords added ("name=value")."""
    func: str
    renames: dict = field(default_factory=dict)  # old keyword -> new keyword
    added: tuple = ()


@dataclass(frozen=True)
class Remove:
    """Remove the statement, keeping its comments on the next one."""


@dataclass(frozen=True)
class _Statements:
    text: str  # one or more statements


class ReplaceStatement(_Statements):
    """Replace the statement with text."""


class InsertAfter(_Statements):
    """Insert statements after this one."""


class InsertFirst(_Statements):
    """(On a piece's module) insert statements first in the piece, after its docstring."""


@dataclass(frozen=True)
class SkipEmptyChunks:
    """Put `if not <name>.choices: continue` first in the for loop's body (a stream's chunk may have no choice)."""
    name: str


@dataclass(frozen=True)
class ReorderHandlers:
    """(On a try's first handler) put the try's handlers in this order of their indexes."""
    order: tuple


EXPRESSION_EDITS = (NewExpression, NewCall)
INSERTIONS = (InsertAfter, InsertFirst)  # edits that two parts of a plan may both make on one node: their texts join
