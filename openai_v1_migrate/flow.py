"""Where values come from: a walk of one module (a file, or a notebook's cells in order) that follows what each name
holds (a legacy answer, an openai>=1 client or object, an azure-ai-inference client or its answer) through
assignments, for loops, with statements, comprehensions and self attributes, as the code runs: the module first,
then the bodies of its functions. findings.py walks with it and reports what it sees.
"""

import ast
from dataclasses import dataclass
from enum import Enum

from openai_v1_migrate import rules
from openai_v1_migrate.facts import Facts
from openai_v1_migrate.syntax import Step, segment

V1_CLIENTS = ("OpenAI", "AzureOpenAI", "AsyncOpenAI", "AsyncAzureOpenAI")
V1_MODULE_RESOURCES = ("chat", "completions", "embeddings", "moderations", "models", "images", "responses")
V1_CALLS = ("create", "retrieve", "list", "generate", "parse")
ANSWERING = ("complete", "embed")  # the azure-ai-inference methods that return an answer
IDENTIFYING_KEYWORD = {"complete": "messages", "embed": "input"}  # what a call of each always passes


class Holds(Enum):
    """What a value is known to hold."""
    LEGACY_ANSWER = "an answer of the legacy openai module, or a part of one"
    V1_OBJECT = "an openai>=1 object"
    V1_CLIENT = "an openai>=1 client"
    INFERENCE_CLIENT = "an azure-ai-inference client"
    INFERENCE_ANSWER = "what an azure-ai-inference client's complete() or embed() returned"


FOLLOWED = (Holds.LEGACY_ANSWER, Holds.V1_OBJECT)  # what a for loop's target, or a part read off, holds too


def _private(attribute):
    return attribute.startswith("model_") or attribute.startswith("_")  # model_extra and friends are plain dicts


@dataclass(frozen=True)
class Imports:
    """What the names a module imports refer to."""
    names: dict  # local name -> dotted name (syntax.imports)

    def qualname(self, node, is_local=lambda name: False):
        """The dotted name an expression refers to, through imports; None when unknown or a local name.
        A bare `openai` that was never imported is the module: guide snippets often leave the import out."""
        if isinstance(node, ast.Name):
            if is_local(node.id):
                return None
            return self.names.get(node.id, "openai" if node.id == "openai" else None)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value, is_local)
            return f"{base}.{node.attr}" if base else None
        return None


class Flow(ast.NodeVisitor):
    """Walks one module's trees in order, binding what each value holds to its name. Each visit of a statement that
    binds visits its parts first, so a subclass sees every expression with the names bound before it."""

    def __init__(self, imports):
        self.imports = imports
        self.scopes = [{}]  # the module's names, then one dict per function being walked
        self.self_attributes = {}  # "attr" -> Holds, for self.attr of the class being walked
        self.deferred = []  # function bodies, walked after the module: they run after it has bound its names
        self.facts = Facts()
        self.tree, self.lines = 0, []  # the index of the tree being walked, and its source lines
        self.function = None  # the name of the function being walked
        self.factories = set()  # functions that return a new azure-ai-inference client
        self.calls = []  # the calls being visited, innermost last
        self.imports_inference = any(v.startswith("azure.ai.inference") for v in imports.names.values())

    def walk(self, trees, sources):
        """Walk a module's trees (None for a piece that does not parse): the module's statements, then its
        functions' bodies."""
        self.factories = {function.name for tree in filter(None, trees) for function in ast.walk(tree)
                          if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
                          and self.makes_a_client(function)}
        for index, tree in enumerate(trees):
            if tree is not None:
                self.tree, self.lines = index, sources[index].splitlines()
                for statement in tree.body:
                    self.visit(statement)
        while self.deferred:
            self.walk_function(*self.deferred.pop(0))

    # --- what a name or an expression holds --------------------------------------------------------------------

    def qualname(self, node):
        return self.imports.qualname(node, lambda name: any(name in scope for scope in self.scopes[1:]))

    def text(self, node):
        return segment(self.lines, node)

    def lookup(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def holds(self, node):
        """What an expression holds (a Holds), or None when nothing is known."""
        if isinstance(node, ast.Await):
            return self.holds(node.value)
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                return self.self_attributes.get(node.attr)
            base = self.holds(node.value)
            if base is Holds.V1_OBJECT and _private(node.attr):
                return None
            return base if base in (*FOLLOWED, Holds.V1_CLIENT) else None
        if isinstance(node, ast.Subscript):
            base = self.holds(node.value)
            is_key = isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
            return base if base is Holds.LEGACY_ANSWER or (base is Holds.V1_OBJECT and not is_key) else None
        if isinstance(node, ast.Call):
            return self.call_holds(node)
        return None

    def holds_through(self, root, parts):
        """What a chain's root holds, or None when the chain reads a plain dict off it (x.model_dump())."""
        if any(part.step is Step.ATTR and _private(part.value) for part in parts):
            return None
        return self.holds(root)

    def call_holds(self, node):
        parts = (self.qualname(node.func) or "").split(".")
        if len(parts) == 3 and parts[0] == "openai" and parts[1] in rules.LEGACY_SYMBOLS:
            return Holds.LEGACY_ANSWER
        if parts[0] == "openai" and parts[-1] in V1_CLIENTS:
            return Holds.V1_CLIENT
        if parts[0] == "openai" and len(parts) >= 3 and parts[1] in V1_MODULE_RESOURCES and parts[-1] in V1_CALLS:
            return Holds.V1_OBJECT  # openai>=1's module-level client: openai.chat.completions.create(...)
        if self.inference_name(node.func) in rules.INFERENCE_CONSTRUCTORS:
            return Holds.INFERENCE_CLIENT
        if isinstance(node.func, ast.Name) and node.func.id in self.factories and self.qualname(node.func) is None:
            return Holds.INFERENCE_CLIENT
        if isinstance(node.func, ast.Attribute):
            base = self.holds(node.func.value)
            if base is Holds.LEGACY_ANSWER and node.func.attr == "get":
                return Holds.LEGACY_ANSWER
            if base is Holds.V1_CLIENT and node.func.attr in V1_CALLS:
                return Holds.V1_OBJECT
            if base is Holds.INFERENCE_CLIENT and node.func.attr in ANSWERING:
                return Holds.INFERENCE_ANSWER
        return None

    def inference_name(self, func):
        """ChatCompletionsClient, complete, ... when func is azure-ai-inference's, else None."""
        name = self.qualname(func) or ""
        if name.startswith("azure.ai.inference.") and name.rsplit(".", 1)[1] in rules.INFERENCE_CONSTRUCTORS:
            return name.rsplit(".", 1)[1]
        if isinstance(func, ast.Attribute) and func.attr in rules.INFERENCE_METHODS:
            if self.holds(func.value) is Holds.INFERENCE_CLIENT:
                return func.attr
            if self.holds(func.value) is None and self.imports_inference and self.looks_like_inference(func):
                return func.attr  # a client passed in as an argument, in a module that makes them
        return None

    def looks_like_inference(self, func):
        call = next((n for n in self.calls if n.func is func), None)
        keywords = {k.arg for k in call.keywords} if call else set()
        return IDENTIFYING_KEYWORD.get(func.attr) in keywords

    def makes_a_client(self, function):
        """def get_client(): return ChatCompletionsClient(...), or client = ...; return client."""
        made = {t.id for s in ast.walk(function) if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
                and self.inference_name(s.value.func) in rules.INFERENCE_CONSTRUCTORS
                for t in s.targets if isinstance(t, ast.Name)}
        return any(isinstance(s, ast.Return) and s.value is not None and (
            (isinstance(s.value, ast.Call) and self.inference_name(s.value.func) in rules.INFERENCE_CONSTRUCTORS)
            or (isinstance(s.value, ast.Name) and s.value.id in made)) for s in ast.walk(function))

    def bind(self, target, held):
        if held is Holds.INFERENCE_CLIENT and isinstance(target, (ast.Name, ast.Attribute)):
            self.facts.inference_bindings.append(self.text(target))
        if isinstance(target, ast.Name):
            if held:
                self.scopes[-1][target.id] = held
            else:
                self.scopes[-1].pop(target.id, None)
                if len(self.scopes) > 1:
                    self.scopes[-1][target.id] = None  # a local shadows a module name of the same name
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind(element, None)

    # --- statements that bind --------------------------------------------------------------------------------------

    def assigned(self, statement, target, value):
        """Called after each target of an assignment is bound; findings.py reports module settings here."""

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)
            self.bind(target, self.holds(node.value))
            self.assigned(node, target, node.value)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
            self.bind(node.target, self.holds(node.value))
        self.visit(node.target)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.bind(node.target, self.holds(node.value))

    def visit_For(self, node):
        self.visit(node.iter)
        held = self.holds(node.iter)
        self.bind(node.target, held if held in FOLLOWED else None)
        if held is Holds.INFERENCE_ANSWER:
            self.facts.inference_streams.append(node)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, self.holds(item.context_expr))
        for statement in node.body:
            self.visit(statement)

    visit_AsyncWith = visit_With

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.deferred.append((self.tree, self.lines, dict(self.self_attributes), node))

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ListComp(self, node):
        self.scopes.append({})
        for generator in node.generators:
            self.visit(generator.iter)
            held = self.holds(generator.iter)
            self.bind(generator.target, held if held in FOLLOWED else None)
            for condition in generator.ifs:
                self.visit(condition)
        for part in (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,):
            self.visit(part)
        self.scopes.pop()

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp

    def visit_Lambda(self, node):
        self.visit(node.body)

    def visit_ClassDef(self, node):
        outer = self.self_attributes
        self.self_attributes = {}
        for method in node.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for statement in ast.walk(method):
                    if isinstance(statement, ast.Assign):
                        for target in statement.targets:
                            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                                    and target.value.id == "self"):
                                self.self_attributes[target.attr] = self.holds(statement.value)
                                if self.self_attributes[target.attr] is Holds.INFERENCE_CLIENT:
                                    self.facts.inference_bindings.append(f"self.{target.attr}")
        self.generic_visit(node)
        self.self_attributes = outer

    def walk_function(self, tree, lines, self_attributes, node):
        self.tree, self.lines, self.self_attributes = tree, lines, self_attributes
        self.function = node.name
        arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        extra = [a for a in (node.args.vararg, node.args.kwarg) if a]
        self.scopes.append({a.arg: None for a in arguments + extra})
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(default)
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    def visit_Call(self, node):
        self.calls.append(node)
        try:
            self.visit_call(node)
        finally:
            self.calls.pop()

    def visit_call(self, node):
        """A call, with the calls around it in self.calls; findings.py reports calls here."""
        self.generic_visit(node)
