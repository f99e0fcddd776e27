"""What --fix needs to know about one module, as the checker's walk found it: each legacy or azure-ai-inference use, by
the ast nodes of the checked trees. findings.py and flow.py fill it; plan.py and the rewrite modules read it.
"""

import ast
from dataclasses import dataclass, field

from openai_v1_migrate.syntax import Access


@dataclass(frozen=True)
class Setting:
    """openai.<name> = value, a statement of its own at the top level of the module."""
    statement: ast.Assign
    name: str
    value: ast.expr


@dataclass(frozen=True)
class FunctionSetting:
    """openai.<name> = ... inside a function."""
    statement: ast.stmt
    name: str
    function: str


@dataclass(frozen=True)
class LegacyCall:
    """openai.<symbol>.<method>(...)."""
    call: ast.Call
    symbol: str
    method: str


@dataclass(frozen=True)
class LegacyDict:
    """Dict access on a legacy answer: the whole chain, where it starts, and its steps."""
    expression: ast.expr
    root: ast.expr
    parts: tuple[Access, ...]


@dataclass(frozen=True)
class DictMethod:
    """answer.keys() (and values(), items()), or "key" in answer, on a legacy answer."""
    expression: ast.expr
    target: ast.expr


@dataclass(frozen=True)
class Splat:
    """A legacy keyword in a dict splatted into a legacy call: **{"engine": ...}."""
    call: ast.Call
    key: ast.Constant


@dataclass(frozen=True)
class LegacyError:
    """openai.error.<name>."""
    attribute: ast.Attribute
    name: str


@dataclass(frozen=True)
class InferenceClient:
    """A call that makes an azure-ai-inference client (a class of rules.INFERENCE_CONSTRUCTORS)."""
    call: ast.Call
    constructor: str


@dataclass(frozen=True)
class InferenceCall:
    """A call of a method of rules.INFERENCE_METHODS on an azure-ai-inference client."""
    call: ast.Call
    method: str


@dataclass(frozen=True)
class ModelName:
    """A name of azure.ai.inference.models, as a name or an attribute."""
    node: ast.expr
    name: str


@dataclass
class Facts:
    settings: list[Setting] = field(default_factory=list)
    function_settings: list[FunctionSetting] = field(default_factory=list)
    legacy_calls: list[LegacyCall] = field(default_factory=list)
    legacy_dicts: list[LegacyDict] = field(default_factory=list)
    legacy_dict_methods: list[DictMethod] = field(default_factory=list)
    legacy_splats: list[Splat] = field(default_factory=list)
    legacy_errors: list[LegacyError] = field(default_factory=list)
    inference_clients: list[InferenceClient] = field(default_factory=list)
    inference_calls: list[InferenceCall] = field(default_factory=list)
    inference_streams: list[ast.For] = field(default_factory=list)  # loops over a complete(stream=True) answer
    inference_bindings: list[str] = field(default_factory=list)  # the names (x, self.x) that hold a client
    inference_models: list[ModelName] = field(default_factory=list)
    proves_legacy: bool = False  # the module provably uses the legacy API
