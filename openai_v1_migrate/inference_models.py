"""azure.ai.inference.models objects as the dicts openai>=1 takes (lesson 10's mapping): messages, content parts
(image input), tools and tool choices, tool calls, and JsonSchemaFormat as response_format; enum members as their
strings. A part of the azure-ai-inference rewrite (inference_rewrite.py).
"""

import ast

from openai_v1_migrate.edits import NewExpression
from openai_v1_migrate.rules import MODEL_DICTS, MODEL_ENUMS


class _Unrenderable(Exception):
    """An azure.ai.inference.models object --fix cannot write as a dict; args: (node, why)."""


class ModelDicts:
    """Plans the dict form of every azure.ai.inference.models object of a module, or leaves it with the reason."""

    def __init__(self, planner):
        self.p, self.parents = planner, planner.parents

    def qualname(self, node):
        return self.p.analysis.imports.qualname(node) or ""

    def model_name(self, node):
        name = self.qualname(node)
        return name.rsplit(".", 1)[1] if name.startswith("azure.ai.inference.models.") else None

    def models(self):
        for node in (model.node for model in self.p.facts.inference_models):
            if self.inside_model(node):
                continue
            parent = self.parents.get(id(node))
            target = parent if self.is_callee(node) or (isinstance(parent, ast.Attribute) and parent.value is node
                                                        ) else node
            if self.is_callee(target):
                target = self.parents[id(target)]  # ImageUrl.load(...)
            try:
                self.p.edit(target, NewExpression(self.render(target)))
            except _Unrenderable as unrenderable:
                self.p.leave(unrenderable.args[0], self.p.text(unrenderable.args[0]), unrenderable.args[1])

    def is_callee(self, node):
        parent = self.parents.get(id(node))
        return isinstance(parent, ast.Call) and parent.func is node

    def inside_model(self, node):
        """Whether an enclosing expression is itself rewritten as a model (then it writes this one too)."""
        if self.is_callee(node):
            node = self.parents[id(node)]
        parent = self.parents.get(id(node))
        while isinstance(parent, (ast.Call, ast.List, ast.Tuple, ast.Dict, ast.keyword, ast.Attribute)):
            if isinstance(parent, ast.Call) and self.model_name(parent.func) in MODEL_DICTS:
                return True
            parent = self.parents.get(id(parent))
        return False

    def render(self, node):
        """The openai>=1 text of an expression: model objects as dicts, enum members as strings."""
        if isinstance(node, ast.Call) and self.model_name(node.func):
            return self.render_model(node, self.model_name(node.func))
        if isinstance(node, ast.Attribute) and self.model_name(node.value) in MODEL_ENUMS:
            values = MODEL_ENUMS[self.model_name(node.value)]
            if node.attr.lower() not in values:
                raise _Unrenderable(node, f"{node.attr} is not a member --fix knows")
            return f'"{node.attr.lower()}"'
        if isinstance(node, (ast.Name, ast.Attribute)) and self.model_name(node):
            raise _Unrenderable(node, "an azure.ai.inference.models name used as a value: --fix rewrites its "
                                "calls only")
        if isinstance(node, ast.List):
            return "[" + ", ".join(self.render(e) for e in node.elts) + "]"
        if isinstance(node, ast.Tuple) and node.elts:
            return "(" + ", ".join(self.render(e) for e in node.elts) + ("," if len(node.elts) == 1 else "") + ")"
        if isinstance(node, ast.Dict) and None not in node.keys:
            return "{" + ", ".join(f"{self.render(k)}: {self.render(v)}" for k, v in zip(node.keys, node.values,
                                                                                        strict=True)) + "}"
        if any(self.model_name(n) for n in ast.walk(node) if n is not node):
            raise _Unrenderable(node, "an azure.ai.inference.models object inside this expression: write it as a "
                                "dict by hand")
        return self.p.text(node)

    def render_model(self, call, name):
        if name not in MODEL_DICTS:
            raise _Unrenderable(call, f"{self.p.text(call.func)}(...) has no dict form that --fix can write: see "
                                "the advice above")
        model = MODEL_DICTS[name]
        given = {}
        if len(call.args) > 1 or (call.args and not name.endswith("Message")):
            raise _Unrenderable(call, f"{name}(...) with a positional mapping: write it as a dict by hand")
        for argument in call.args:
            given[model.fields[0]] = argument
        for keyword in call.keywords:
            if keyword.arg not in model.fields:
                raise _Unrenderable(call, f"{name}({keyword.arg or '**'}=...) has no dict form that --fix can write")
            given[keyword.arg] = keyword.value
        items = [f'"{k}": {self.render(v)}' for k, v in given.items()]
        if model.nested:
            items = [f'"{model.nested}": {{' + ", ".join(items) + "}"]
        return "{" + ", ".join([*(f'"{k}": "{v}"' for k, v in model.fixed.items()), *items]) + "}"
