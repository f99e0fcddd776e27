"""Find legacy openai<1.0 and azure-ai-inference code by following values, and say what replaces each piece.

A finding is made only where the code provably uses the legacy API: a name of the legacy `openai` module
(openai.Completion, openai.error, openai.api_base), a value bound from a legacy call (response = openai....create(),
then response["usage"]), or a client built from an azure.ai.inference class (client = ChatCompletionsClient(...),
self.client = ..., with ... as client), then its .complete() and .embed(). Values are followed within one module
(a file, or a notebook's cells in order), through assignments, for loops, with statements and self attributes.
Dict access on anything else (a model_dump() result, a requests answer) is left alone.
"""

import ast
from dataclasses import dataclass, field, replace

from openai_v1_migrate import rules

LEGACY, V1, V1_CLIENT, INFERENCE_CLIENT, INFERENCE_ANSWER = "legacy", "v1", "v1-client", "inference", "answer"
V1_CLIENTS = ("OpenAI", "AzureOpenAI", "AsyncOpenAI", "AsyncAzureOpenAI")
V1_MODULE_RESOURCES = ("chat", "completions", "embeddings", "moderations", "models", "images", "responses")
V1_CALLS = ("create", "retrieve", "list", "generate", "parse")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int  # 1-based, in characters
    rule: str
    pattern: str
    replacement: str
    source: str
    cell: int | None = None  # a notebook's cell number, counting every cell from 1

    @property
    def where(self):
        return f"{self.path}:cell {self.cell}:{self.line}" if self.cell else f"{self.path}:{self.line}"

    def __str__(self):
        return f"{self.where}: {self.pattern} -> {self.replacement}"


@dataclass
class Facts:
    """What the rewriter needs to know about one module, as ast nodes of its tree."""
    settings: list = field(default_factory=list)  # (statement, name, value) for top-level openai.<name> = value
    function_settings: list = field(default_factory=list)  # (statement, name, function) for one inside a function
    legacy_calls: list = field(default_factory=list)  # (call, symbol, method)
    legacy_dicts: list = field(default_factory=list)  # (expression, root, parts): parts as in _chain
    legacy_dict_methods: list = field(default_factory=list)  # (expression, object, what): X.keys(), "k" in X
    legacy_splats: list = field(default_factory=list)  # (call, key constant) for **{"engine": ...}
    legacy_errors: list = field(default_factory=list)  # (attribute, name)
    inference_clients: list = field(default_factory=list)  # (call, constructor)
    inference_calls: list = field(default_factory=list)  # (call, method)
    inference_streams: list = field(default_factory=list)  # for loops over a complete(stream=True) answer
    inference_bindings: list = field(default_factory=list)  # names (x, self.x) that hold an inference client
    inference_models: list = field(default_factory=list)  # (call or attribute, name) of azure.ai.inference.models
    proves_legacy: bool = False


def segment(source_lines, node):
    """The source text of a node (ast.get_source_segment, on pre-split lines)."""
    lines = source_lines[node.lineno - 1:node.end_lineno]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0].encode()[node.col_offset:node.end_col_offset].decode()
    first = lines[0].encode()[node.col_offset:].decode()
    last = lines[-1].encode()[:node.end_col_offset].decode()
    return "\n".join([first, *lines[1:-1], last])


def _chain(node):
    """(root, parts) of an access chain x["a"][0].b.get("c"): parts are ("key", "a"), ("index", "0"),
    ("attr", "b"), ("get", "c"). The root is where the chain stops: a name, a call, anything else.
    The outermost .get may have a default: x["a"].get("c", "")."""
    parts = []
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and len(node.args) == 2 and not node.keywords and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)):
        parts.insert(0, ("get", node.args[0].value))
        node = node.func.value
    while True:
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            value = node.slice.value
            parts.insert(0, ("key", value) if isinstance(value, str) else ("index", repr(value)))
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.insert(0, ("attr", node.attr))
            node = node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
              and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            parts.insert(0, ("get", node.args[0].value))
            node = node.func.value
        else:
            return node, parts


def attributes(root_text, parts):
    """The attribute form of an access chain: response["choices"][0]["text"] -> response.choices[0].text."""
    text = root_text
    for kind, value in parts:
        text += f"[{value}]" if kind == "index" else f".{value}"
    return text


def _imports(tree):
    """Local name -> dotted name: import openai as oa gives oa -> openai; from openai import Completion gives
    Completion -> openai.Completion; import azure.ai.inference gives azure -> azure."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                names[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


class _Module(ast.NodeVisitor):
    """Walks one module's trees in order, binding values to names, and collects findings and facts."""

    def __init__(self, names):
        self.names = names
        self.scopes = [{}]  # the module's names, then one dict per function being walked
        self.self_attributes = {}  # "attr" -> kind, for self.attr of the class being walked
        self.deferred = []  # function bodies, walked after the module: they run after it has bound its names
        self.facts = Facts()
        self.found = []  # (tree index, node, rule, pattern, replacement, needs-legacy)
        self.tree, self.lines = 0, []
        self.function = None  # the name of the function being walked
        self.factories = set()  # functions that return a new azure-ai-inference client
        self.calls = []  # the calls being visited, innermost last
        self.imports_inference = any(v.startswith("azure.ai.inference") for v in names.values())

    # --- what a name or an expression holds --------------------------------------------------------------------

    def qualname(self, node):
        """The dotted name an expression refers to, through imports; None when unknown.
        A bare `openai` that was never imported is the module: guide snippets often leave the import out."""
        if isinstance(node, ast.Name):
            if any(node.id in scope for scope in self.scopes[1:]):
                return None
            return self.names.get(node.id, "openai" if node.id == "openai" else None)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def lookup(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def kind(self, node):
        if isinstance(node, ast.Await):
            return self.kind(node.value)
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                return self.self_attributes.get(node.attr)
            base = self.kind(node.value)
            if base == V1 and (node.attr.startswith("model_") or node.attr.startswith("_")):
                return None  # model_extra and friends are plain dicts
            return base if base in (LEGACY, V1, V1_CLIENT) else None
        if isinstance(node, ast.Subscript):
            base = self.kind(node.value)
            is_key = isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
            return base if base == LEGACY or (base == V1 and not is_key) else None
        if isinstance(node, ast.Call):
            return self.call_kind(node)
        return None

    def call_kind(self, node):
        parts = (self.qualname(node.func) or "").split(".")
        if len(parts) == 3 and parts[0] == "openai" and parts[1] in rules.LEGACY_SYMBOLS:
            return LEGACY
        if parts[0] == "openai" and parts[-1] in V1_CLIENTS:
            return V1_CLIENT
        if parts[0] == "openai" and len(parts) >= 3 and parts[1] in V1_MODULE_RESOURCES and parts[-1] in V1_CALLS:
            return V1  # openai>=1's module-level client: openai.chat.completions.create(...)
        if self.inference_name(node.func) in rules.INFERENCE_CONSTRUCTORS:
            return INFERENCE_CLIENT
        if isinstance(node.func, ast.Name) and node.func.id in self.factories and self.qualname(node.func) is None:
            return INFERENCE_CLIENT
        if isinstance(node.func, ast.Attribute):
            base = self.kind(node.func.value)
            if base == LEGACY and node.func.attr == "get":
                return LEGACY
            if base == V1_CLIENT and node.func.attr in V1_CALLS:
                return V1
            if base == INFERENCE_CLIENT and node.func.attr in ("complete", "embed"):
                return INFERENCE_ANSWER
        return None

    def inference_name(self, func):
        """ChatCompletionsClient, complete, ... when func is azure-ai-inference's, else None."""
        name = self.qualname(func) or ""
        if name.startswith("azure.ai.inference.") and name.rsplit(".", 1)[1] in rules.INFERENCE_CONSTRUCTORS:
            return name.rsplit(".", 1)[1]
        if isinstance(func, ast.Attribute) and func.attr in rules.INFERENCE_METHODS:
            if self.kind(func.value) == INFERENCE_CLIENT:
                return func.attr
            if self.kind(func.value) is None and self.imports_inference and self.looks_like_inference(func):
                return func.attr  # a client passed in as an argument, in a module that makes them
        return None

    def looks_like_inference(self, func):
        call = next((n for n in self.calls if n.func is func), None)
        keywords = {k.arg for k in call.keywords} if call else set()
        return {"complete": "messages", "embed": "input"}.get(func.attr) in keywords

    def bind(self, target, kind):
        if kind == INFERENCE_CLIENT and isinstance(target, (ast.Name, ast.Attribute)):
            self.facts.inference_bindings.append(self.text(target))
        if isinstance(target, ast.Name):
            if kind:
                self.scopes[-1][target.id] = kind
            else:
                self.scopes[-1].pop(target.id, None)
                if len(self.scopes) > 1:
                    self.scopes[-1][target.id] = None  # a local shadows a module name of the same name
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind(element, None)

    # --- reporting -----------------------------------------------------------------------------------------------

    def report(self, node, rule, pattern, replacement=None, proves=True, needs_legacy=False):
        """proves: the code uses the legacy API here. needs_legacy: report this only in a module that does."""
        self.facts.proves_legacy |= proves
        self.found.append((self.tree, node, rule, pattern, replacement or rule.replacement, needs_legacy))

    def text(self, node):
        return segment(self.lines, node)

    # --- statements that bind --------------------------------------------------------------------------------------

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)
            self.bind(target, self.kind(node.value))
            self.note_setting(node, target, node.value)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
            self.bind(node.target, self.kind(node.value))
        self.visit(node.target)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.bind(node.target, self.kind(node.value))

    def visit_For(self, node):
        self.visit(node.iter)
        kind = self.kind(node.iter)
        self.bind(node.target, kind if kind in (LEGACY, V1) else None)
        if kind == INFERENCE_ANSWER:
            self.facts.inference_streams.append(node)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, self.kind(item.context_expr))
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
            kind = self.kind(generator.iter)
            self.bind(generator.target, kind if kind in (LEGACY, V1) else None)
            for condition in generator.ifs:
                self.visit(condition)
        for part in (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,):
            self.visit(part)
        self.scopes.pop()

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp

    def visit_Try(self, node):
        seen = []  # the v1 classes each earlier handler catches
        for handler in node.handlers:
            classes = self.v1_errors(handler.type)
            for caught in seen:
                parent = next((c for c in caught for mine in classes if c != mine and c in ancestors(mine)), None)
                if parent and classes and all(any(c in ancestors(mine) or c == mine for c in caught)
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
                                self.self_attributes[target.attr] = self.kind(statement.value)
                                if self.self_attributes[target.attr] == INFERENCE_CLIENT:
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

    # --- what is reported --------------------------------------------------------------------------------------------

    def note_setting(self, statement, target, value):
        """openai.<setting> = value: the ones openai>=1 ignores always; the ones it reads only as context."""
        name = self.qualname(target) or ""
        if not name.startswith("openai.") or name.count(".") != 1 or not isinstance(target, ast.Attribute):
            return
        setting = name.split(".")[1]
        if len(self.scopes) == 1 and isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            self.facts.settings.append((statement, setting, value))
        elif len(self.scopes) > 1:
            self.facts.function_settings.append((statement, setting, self.function))
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
                self.report(node, rules.error_rule("OpenAIError"), "import openai.error",
                            "the error classes are openai.RateLimitError, openai.APIError, ... in openai>=1")

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
                    self.report(node, rules.error_rule("OpenAIError"), "from openai import error",
                                "the error classes are openai.RateLimitError, openai.APIError, ... in openai>=1")

    def visit_Attribute(self, node):
        parts = (self.qualname(node) or "").split(".")
        if len(parts) == 3 and parts[:2] == ["openai", "error"]:
            self.facts.legacy_errors.append((node, parts[2]))
            return self.report(node, rules.error_rule(parts[2]), self.text(node))
        if len(parts) == 2 and parts[0] == "openai":
            if parts[1] in rules.LEGACY_SYMBOLS:
                return self.report(node, rules.LEGACY_SYMBOL, self.text(node))
            if parts[1] in rules.IGNORED_SETTINGS and isinstance(node.ctx, ast.Load):
                return self.report(node, rules.IGNORED_SETTINGS[parts[1]], self.text(node))
        if len(parts) == 5 and parts[:4] == ["azure", "ai", "inference", "models"]:
            self.facts.inference_models.append((node, parts[4]))
        if self.report_chain(node):
            return
        self.generic_visit(node)

    def visit_Name(self, node):
        name = self.qualname(node) or ""
        if name.startswith("azure.ai.inference.models.") and name.count(".") == 4:
            self.facts.inference_models.append((node, name.rsplit(".", 1)[1]))

    def visit_Compare(self, node):
        """"key" in answer: membership on a legacy answer (a dict) or an openai>=1 object (never true)."""
        self.generic_visit(node)
        for operator, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(operator, (ast.In, ast.NotIn)):
                self.report_dict_method(node, right, f"{self.text(node)}",
                                        f"{self.text(right)}.model_dump(exclude_unset=True)")

    def report_dict_method(self, node, target, pattern, advice):
        kind = self.kind(target)
        if kind == V1 and self.kind_through(*_chain(target)) == V1:
            self.report(node, rules.V1_DICT_METHOD, pattern, rules.V1_DICT_METHOD.replacement.format(advice=advice),
                        proves=False)
        elif kind == LEGACY:
            self.report(node, rules.LEGACY_DICT_METHOD, pattern,
                        rules.LEGACY_DICT_METHOD.replacement.format(advice=advice))
            self.facts.legacy_dict_methods.append((node, target))

    def visit_Subscript(self, node):
        if not self.report_chain(node):
            self.generic_visit(node)

    def report_chain(self, node):
        """Dict access on a legacy answer, or subscripting an openai>=1 object: the whole chain is one finding."""
        root, parts = _chain(node)
        if not any(kind in ("key", "get") for kind, _ in parts):
            return False
        kind = self.kind(root)
        if kind not in (LEGACY, V1):
            return False
        if kind == V1:  # only the first string key on an object fails; what came before is attribute access
            first = next(i for i, (k, _) in enumerate(parts) if k in ("key", "get"))
            if self.kind_through(root, parts[:first]) != V1:
                return False
        shown = self.text(root) if root.lineno == root.end_lineno else "(...)"
        pattern = "".join(f"[{v!r}]" if k == "key" else f"[{v}]" if k == "index" else
                          f".{v}" if k == "attr" else f".get({v!r})" for k, v in parts)
        rule = rules.LEGACY_DICT if kind == LEGACY else rules.V1_DICT
        replacement = rule.replacement.format(attributes=attributes(shown, parts))
        self.report(node, rule, f"{shown}{pattern}", replacement,
                    proves=kind == LEGACY)
        if kind == LEGACY:
            self.facts.legacy_dicts.append((node, root, parts))
        self.visit(root)
        return True

    def kind_through(self, root, parts):
        kind = self.kind(root)
        for part_kind, value in parts:
            if part_kind == "attr" and (value.startswith("model_") or value.startswith("_")):
                return None
        return kind

    def visit_Call(self, node):
        self.calls.append(node)
        try:
            self.visit_call(node)
        finally:
            self.calls.pop()

    def visit_call(self, node):
        if self.report_chain(node):
            return
        if (isinstance(node.func, ast.Attribute) and node.func.attr in ("keys", "values", "items")
                and not node.args and not node.keywords):
            self.report_dict_method(node, node.func.value, self.text(node),
                                    f"{self.text(node.func.value)}.model_dump(exclude_unset=True).{node.func.attr}()")
        if (isinstance(node.func, ast.Attribute) and node.func.attr in rules.INFERENCE_METHODS
                and self.kind(node.func.value) == V1_CLIENT):
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
            self.facts.legacy_calls.append((node, symbol, method))
            for keyword in node.keywords:
                if keyword.arg in rules.LEGACY_KEYWORDS:
                    self.report(keyword.value, rules.LEGACY_KEYWORDS[keyword.arg], f"{keyword.arg}=")
                elif keyword.arg is None and isinstance(keyword.value, ast.Dict):
                    for key in keyword.value.keys:
                        if isinstance(key, ast.Constant) and key.value in rules.LEGACY_KEYWORDS:
                            self.report(key, rules.LEGACY_KEYWORDS[key.value], f"**{{{key.value!r}: ...}}")
                            self.facts.legacy_splats.append((node, key))
            for argument in node.args + [k.value for k in node.keywords]:
                self.visit(argument)
            return
        inference = self.inference_name(node.func)
        if inference in rules.INFERENCE_CONSTRUCTORS:
            rule = rules.INFERENCE_CONSTRUCTORS[inference]
            if ".aio." in (self.qualname(node.func) or ""):
                rule = replace(rule, replacement=rule.replacement.replace("OpenAI(", "AsyncOpenAI("))
            self.report(node, rule, f"{self.text(node.func)}()")
            self.facts.inference_clients.append((node, inference))
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in rules.CLIENT_KEYWORDS:
                    self.report(keyword.value, rules.CLIENT_DEFAULT, f"{keyword.arg}= on the client",
                                rules.CLIENT_DEFAULT.replacement.format(keyword=keyword.arg))
        elif inference in rules.INFERENCE_METHODS:
            self.report(node, rules.INFERENCE_METHODS[inference], f"{self.text(node.func)}()")
            self.facts.inference_calls.append((node, inference))
            for keyword in node.keywords:
                if keyword.arg in rules.INFERENCE_KEYWORDS:
                    self.report(keyword.value, rules.INFERENCE_KEYWORDS[keyword.arg], f"{keyword.arg}=")
            if node.args:
                self.report(node.args[0], rules.INFERENCE_BODY, "a positional request body")
        self.generic_visit(node)


def _makes_a_client(module, function):
    """def get_client(): return ChatCompletionsClient(...), or client = ...; return client."""
    made = {t.id for s in ast.walk(function) if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
            and module.inference_name(s.value.func) in rules.INFERENCE_CONSTRUCTORS
            for t in s.targets if isinstance(t, ast.Name)}
    return any(isinstance(s, ast.Return) and s.value is not None and (
        (isinstance(s.value, ast.Call) and module.inference_name(s.value.func) in rules.INFERENCE_CONSTRUCTORS)
        or (isinstance(s.value, ast.Name) and s.value.id in made)) for s in ast.walk(function))


def ancestors(name):
    """The parent classes of an openai>=1 exception class, nearest first."""
    found = []
    while name in rules.V1_ERROR_PARENTS:
        name = rules.V1_ERROR_PARENTS[name]
        found.append(name)
    return found


def analyse(trees, sources):
    """Walk a module's trees (a file, or a notebook's code cells, in order); return the module walker, which holds
    `found` (tree index, node, rule, pattern, replacement, needs-legacy) and `facts`."""
    names = {}
    for tree in filter(None, trees):
        names.update(_imports(tree))
    module = _Module(names)
    module.trees = trees
    module.factories = {function.name for tree in filter(None, trees) for function in ast.walk(tree)
                        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and _makes_a_client(
                            module, function)}
    for index, tree in enumerate(trees):
        if tree is not None:
            module.tree, module.lines = index, sources[index].splitlines()
            for statement in tree.body:
                module.visit(statement)
    while module.deferred:
        module.walk_function(*module.deferred.pop(0))
    return module


def column(lines, node):
    """The 1-based character column of a node (ast counts UTF-8 bytes)."""
    line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
    return len(line.encode()[:node.col_offset].decode(errors="ignore")) + 1
