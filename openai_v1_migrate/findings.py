"""Findings: what the checker reports, walking a module with flow.Flow, which knows what each value holds.

A finding is made only where the code provably uses the legacy API: a name of the legacy `openai` module
(openai.Completion, openai.error, openai.api_base), a value bound from a legacy call (response = openai....create(),
then response["usage"]), or a client built from an azure.ai.inference class (client = ChatCompletionsClient(...),
self.client = ..., with ... as client), then its .complete() and .embed(). Dict access on anything else (a
model_dump() result, a requests answer) is left alone. The walk also collects what --fix needs (facts.Facts).
"""

import ast
from dataclasses import dataclass, replace

from openai_v1_migrate import facts, rules
from openai_v1_migrate.flow import Flow, Holds, Imports
from openai_v1_migrate.kinds import RuleId
from openai_v1_migrate.syntax import attributes, chain, imports


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int  # 1-based, in characters
    rule: RuleId
    pattern: str
    replacement: str
    source: str
    cell: int | None = None  # a notebook's cell number, counting every cell from 1

    @property
    def where(self):
        return f"{self.path}:cell {self.cell}:{self.line}" if self.cell else f"{self.path}:{self.line}"

    def __str__(self):
        return f"{self.where}: {self.pattern} -> {self.replacement}"


@dataclass(frozen=True)
class Spotted:
    """A finding as the walk sees it: in which piece (a file's one tree, or a notebook's code cell), at which node."""
    piece: int
    node: ast.AST
    rule: rules.Rule
    pattern: str
    replacement: str
    needs_legacy: bool  # reported only in a module that provably uses the legacy API


@dataclass(frozen=True)
class Analysis:
    """One module, walked: its trees (None for a piece that does not parse), what it imports, what was spotted, and
    what --fix needs to know."""
    trees: list
    imports: Imports
    spotted: list[Spotted]
    facts: facts.Facts

    def reported(self):
        """What is reported: a setting that openai>=1 still reads only in code that uses the legacy API."""
        return [s for s in self.spotted if self.facts.proves_legacy or not s.needs_legacy]


def analyse(trees, sources):
    """Walk a module's trees (a file, or a notebook's code cells, in order)."""
    names = {}
    for tree in filter(None, trees):
        names.update(imports(tree))
    walker = _Findings(Imports(names))
    walker.walk(trees, sources)
    return Analysis(trees, walker.imports, walker.spotted, walker.facts)


class _Findings(Flow):
    """The walk of flow.Flow, reporting what it sees and noting the facts --fix needs."""

    def __init__(self, imports):
        super().__init__(imports)
        self.spotted = []

    def report(self, node, rule, pattern, replacement=None, proves=True, needs_legacy=False):
        """proves: the code uses the legacy API here. needs_legacy: report this only in a module that does."""
        self.facts.proves_legacy |= proves
        self.spotted.append(Spotted(self.tree, node, rule, pattern, replacement or rule.replacement, needs_legacy))

    def visit_Try(self, node):
        seen = []  # the v1 classes each earlier handler catches
        for handler in node.handlers:
            classes = self.v1_errors(handler.type)
            for caught in seen:
                parent = next((c for c in caught for mine in classes if c != mine and c in rules.ancestors(mine)),
                              None)
                if parent and classes and all(any(c in rules.ancestors(mine) or c == mine for c in caught)
                                              for mine in classes):
                    self.report(handler.type, rules.UNREACHABLE_HANDLER, f"except {self.text(handler.type)}",
                                rules.UNREACHABLE_HANDLER.replacement.format(parent=f"openai.{parent}"),
                                proves=False)
                    break
            seen.append(classes)
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def v1_errors(self, node):
        """The openai>=1 exception classes an except clause names (openai.X, or X from openai)."""
        nodes = node.elts if isinstance(node, ast.Tuple) else [node] if node is not None else []
        names = [(self.qualname(n) or "").split(".") for n in nodes]
        return [parts[1] for parts in names if len(parts) == 2 and parts[0] == "openai"
                and (parts[1] in rules.V1_ERROR_PARENTS or parts[1] == "OpenAIError")]

    def assigned(self, statement, target, value):
        """openai.<setting> = value: the ones openai>=1 ignores always; the ones it reads only as context."""
        name = self.qualname(target) or ""
        if not name.startswith("openai.") or name.count(".") != 1 or not isinstance(target, ast.Attribute):
            return
        setting = name.split(".")[1]
        if len(self.scopes) == 1 and isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            self.facts.settings.append(facts.Setting(statement, setting, value))
        elif len(self.scopes) > 1:
            self.facts.function_settings.append(facts.FunctionSetting(statement, setting, self.function))
        pattern = f"{self.text(target)} = ..."
        if setting in rules.IGNORED_SETTINGS:
            self.report(target, rules.IGNORED_SETTINGS[setting], pattern)
        elif (setting == "api_type" and isinstance(value, ast.Constant) and isinstance(value.value, str)
              and value.value not in rules.V1_API_TYPES):
            self.report(target, rules.BAD_API_TYPE, f"{self.text(target)} = {value.value!r}")
        elif setting in rules.LEGACY_CLIENT_SETTINGS:
            self.report(target, rules.LEGACY_CLIENT_SETTINGS[setting], pattern, proves=False, needs_legacy=True)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.startswith("azure.ai.inference"):
                self.report(node, rules.INFERENCE_IMPORT, f"import {alias.name}")
            elif alias.name == "openai.error":
                self.report(node, rules.ERROR_MODULE, "import openai.error")

    def visit_ImportFrom(self, node):
        module = node.module or ""
        if node.level:
            return
        if module == "azure.ai.inference.models":
            for alias in node.names:
                self.report(node, rules.inference_model_rule(alias.name), f"from {module} import {alias.name}")
        elif module.startswith("azure.ai.inference"):
            rule = rules.INFERENCE_ASYNC_IMPORT if module.endswith(".aio") else rules.INFERENCE_IMPORT
            self.report(node, rule, f"from {module} import ...")
        elif module == "openai.error":
            for alias in node.names:
                self.report(node, rules.error_rule(alias.name), f"from openai.error import {alias.name}")
        elif module == "openai":
            for alias in node.names:
                if alias.name in rules.LEGACY_SYMBOLS:
                    self.report(node, rules.LEGACY_SYMBOL, f"from openai import {alias.name}")
                elif alias.name == "error":
                    self.report(node, rules.ERROR_MODULE, "from openai import error")

    def visit_Attribute(self, node):
        parts = (self.qualname(node) or "").split(".")
        if len(parts) == 3 and parts[:2] == ["openai", "error"]:
            self.facts.legacy_errors.append(facts.LegacyError(node, parts[2]))
            return self.report(node, rules.error_rule(parts[2]), self.text(node))
        if len(parts) == 2 and parts[0] == "openai":
            if parts[1] in rules.LEGACY_SYMBOLS:
                return self.report(node, rules.LEGACY_SYMBOL, self.text(node))
            if parts[1] in rules.IGNORED_SETTINGS and isinstance(node.ctx, ast.Load):
                return self.report(node, rules.IGNORED_SETTINGS[parts[1]], self.text(node))
        if len(parts) == 5 and parts[:4] == ["azure", "ai", "inference", "models"]:
            self.facts.inference_models.append(facts.ModelName(node, parts[4]))
        if self.report_chain(node):
            return
        self.generic_visit(node)

    def visit_Name(self, node):
        name = self.qualname(node) or ""
        if name.startswith("azure.ai.inference.models.") and name.count(".") == 4:
            self.facts.inference_models.append(facts.ModelName(node, name.rsplit(".", 1)[1]))

    def visit_Compare(self, node):
        """"key" in answer: membership on a legacy answer (a dict) or an openai>=1 object (never true)."""
        self.generic_visit(node)
        for operator, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(operator, (ast.In, ast.NotIn)):
                self.report_dict_method(node, right, f"{self.text(node)}",
                                        f"{self.text(right)}.model_dump(exclude_unset=True)")

    def report_dict_method(self, node, target, pattern, advice):
        held = self.holds(target)
        if held is Holds.V1_OBJECT and self.holds_through(*chain(target)) is Holds.V1_OBJECT:
            self.report(node, rules.V1_DICT_METHOD, pattern, rules.V1_DICT_METHOD.replacement.format(advice=advice),
                        proves=False)
        elif held is Holds.LEGACY_ANSWER:
            self.report(node, rules.LEGACY_DICT_METHOD, pattern,
                        rules.LEGACY_DICT_METHOD.replacement.format(advice=advice))
            self.facts.legacy_dict_methods.append(facts.DictMethod(node, target))

    def visit_Subscript(self, node):
        if not self.report_chain(node):
            self.generic_visit(node)

    def report_chain(self, node):
        """Dict access on a legacy answer, or subscripting an openai>=1 object: the whole chain is one finding."""
        root, parts = chain(node)
        if not any(part.reads_a_key for part in parts):
            return False
        held = self.holds(root)
        if held not in (Holds.LEGACY_ANSWER, Holds.V1_OBJECT):
            return False
        legacy = held is Holds.LEGACY_ANSWER
        if not legacy:  # only the first string key on an object fails; what came before is attribute access
            first = next(i for i, part in enumerate(parts) if part.reads_a_key)
            if self.holds_through(root, parts[:first]) is not Holds.V1_OBJECT:
                return False
        shown = self.text(root) if root.lineno == root.end_lineno else "(...)"
        pattern = "".join(part.written for part in parts)
        rule = rules.LEGACY_DICT if legacy else rules.V1_DICT
        replacement = rule.replacement.format(attributes=attributes(shown, parts))
        self.report(node, rule, f"{shown}{pattern}", replacement, proves=legacy)
        if legacy:
            self.facts.legacy_dicts.append(facts.LegacyDict(node, root, parts))
        self.visit(root)
        return True


    def visit_call(self, node):
        if self.report_chain(node):
            return
        if (isinstance(node.func, ast.Attribute) and node.func.attr in ("keys", "values", "items")
                and not node.args and not node.keywords):
            self.report_dict_method(node, node.func.value, self.text(node),
                                    f"{self.text(node.func.value)}.model_dump(exclude_unset=True).{node.func.attr}()")
        if (isinstance(node.func, ast.Attribute) and node.func.attr in rules.INFERENCE_METHODS
                and self.holds(node.func.value) is Holds.V1_CLIENT):
            self.report(node, rules.V1_NO_METHOD, f"{self.text(node.func)}()", proves=False)
        parts = (self.qualname(node.func) or "").split(".")
        if len(parts) == 3 and parts[0] == "openai" and parts[1] in rules.LEGACY_SYMBOLS:
            symbol, method = parts[1], parts[2]
            shown = f"{self.text(node.func)}()"
            if method in rules.ASYNC_METHODS and symbol in rules.ASYNC_RESOURCES:
                sync = rules.LEGACY_CALLS.get((symbol, method[1:]), rules.LEGACY_SYMBOL)
                replacement = rules.ASYNC_CALL.format(sync=sync.replacement,
                                                      resource=rules.ASYNC_RESOURCES[symbol])
                self.report(node, sync, shown, replacement)
            else:
                self.report(node, rules.LEGACY_CALLS.get((symbol, method), rules.LEGACY_SYMBOL), shown)
            self.facts.legacy_calls.append(facts.LegacyCall(node, symbol, method))
            for keyword in node.keywords:
                if keyword.arg in rules.LEGACY_KEYWORDS:
                    self.report(keyword.value, rules.LEGACY_KEYWORDS[keyword.arg], f"{keyword.arg}=")
                elif keyword.arg is None and isinstance(keyword.value, ast.Dict):
                    for key in keyword.value.keys:
                        if isinstance(key, ast.Constant) and key.value in rules.LEGACY_KEYWORDS:
                            self.report(key, rules.LEGACY_KEYWORDS[key.value], f"**{{{key.value!r}: ...}}")
                            self.facts.legacy_splats.append(facts.Splat(node, key))
            for argument in node.args + [k.value for k in node.keywords]:
                self.visit(argument)
            return
        inference = self.inference_name(node.func)
        if inference in rules.INFERENCE_CONSTRUCTORS:
            rule = rules.INFERENCE_CONSTRUCTORS[inference]
            if ".aio." in (self.qualname(node.func) or ""):
                rule = replace(rule, replacement=rule.replacement.replace("OpenAI(", "AsyncOpenAI("))
            self.report(node, rule, f"{self.text(node.func)}()")
            self.facts.inference_clients.append(facts.InferenceClient(node, inference))
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in rules.CLIENT_KEYWORDS:
                    self.report(keyword.value, rules.CLIENT_DEFAULT, f"{keyword.arg}= on the client",
                                rules.CLIENT_DEFAULT.replacement.format(keyword=keyword.arg))
        elif inference in rules.INFERENCE_METHODS:
            self.report(node, rules.INFERENCE_METHODS[inference], f"{self.text(node.func)}()")
            self.facts.inference_calls.append(facts.InferenceCall(node, inference))
            for keyword in node.keywords:
                if keyword.arg in rules.INFERENCE_KEYWORDS:
                    self.report(keyword.value, rules.INFERENCE_KEYWORDS[keyword.arg], f"{keyword.arg}=")
            if node.args:
                self.report(node.args[0], rules.INFERENCE_BODY, "a positional request body")
        self.generic_visit(node)

