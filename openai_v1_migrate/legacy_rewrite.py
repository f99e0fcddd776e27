"""--fix for legacy openai<1.0: the module's openai.<setting> = ... lines become one client, its calls that client's
methods, dict access on answers attribute access, and openai.error classes openai>=1's, with the except clauses put
in an order where each still runs. Everything is planned or nothing is (openai_v1_migrate.plan).
"""

import ast

from openai_v1_migrate import rules
from openai_v1_migrate.edits import InsertAfter, NewCall, NewExpression, Remove, ReorderHandlers, ReplaceStatement
from openai_v1_migrate.syntax import Step, attributes

AZURE_TYPES = {"azure": "api_key", "azure_ad": "azure_ad_token"}
CLIENT_SETTINGS = tuple(name for name, rule in rules.SETTINGS.items() if rule.client)  # what the client is made of
UNMOVED_SETTINGS = tuple(name for name, rule in rules.SETTINGS.items() if not rule.client)
RENAMES = {keyword: rule.rename for keyword, rule in rules.LEGACY_KEYWORDS.items() if rule.rename}
MODEL_KEYWORDS = {"model", *(keyword for keyword, rename in RENAMES.items() if rename == "model")}
# api_base=, api_key=, ... on one call: the keywords that configure a client rather than name a v1 keyword
PER_CALL_CLIENT = {*(keyword for keyword, rule in rules.LEGACY_KEYWORDS.items() if not rule.rename),
                   *rules.LEGACY_CLIENT_SETTINGS}
CATCH_ALL = ("Exception", "BaseException")
# the status each openai>=1 status error stands for, when code raises one itself (openai 3.54.0 _exceptions.py)
RAISED_STATUS = {"BadRequestError": 400, "AuthenticationError": 401, "PermissionDeniedError": 403,
                 "NotFoundError": 404, "ConflictError": 409, "RateLimitError": 429, "InternalServerError": 503,
                 "APIStatusError": 500}
RAISED_REQUEST = 'httpx2.Request("POST", "https://raised-by-this-program.invalid/")'

FALSY = ("", 0, None, False)
ANSWER_KEYS = ("choices", "usage", "delta", "finish_reason", "embedding", "total_tokens")  # only answers have them
AS_DICT = ".model_dump(exclude_unset=True)"  # the keys the service sent, as a legacy answer's dict held them


def plan_legacy(planner):
    _LegacyRewrite(planner).run()


class _LegacyRewrite:
    def __init__(self, planner):
        self.p, self.facts, self.analysis = planner, planner.facts, planner.analysis

    def run(self):
        calls = self.facts.legacy_calls
        for setting in self.facts.function_settings:
            if setting.name in CLIENT_SETTINGS and calls:
                function = setting.function
                self.p.leave(setting.statement, self.p.text(setting.statement), f"openai.{setting.name} is set "
                             f"inside {function}(), at run time: --fix makes one client from module-level settings "
                             f"only; make the client in {function}() by hand (an Entra ID token: "
                             "azure_ad_token_provider=get_bearer_token_provider(...))")
        for node in self.values():
            self.p.leave(node, self.p.text(node), "a legacy function passed as a value, not called: --fix rewrites "
                         "calls only; pass the client's method (client.chat.completions.create, ...) by hand")
        client = self.client() if calls else None
        if calls and client:
            for call in calls:
                self.call(client, call)
            self.unfollowed_answers()
        self.dicts()
        self.errors()

    def values(self):
        """openai.ChatCompletion.create (and the like) used as a value rather than called."""
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                name = self.analysis.imports.qualname(node) if isinstance(node, ast.Attribute) else None
                parts = (name or "").split(".")
                parent = self.p.parents.get(id(node))
                if (len(parts) == 3 and parts[0] == "openai" and parts[1] in rules.LEGACY_SYMBOLS
                        and not (isinstance(parent, ast.Call) and parent.func is node)):
                    yield node

    # --- the client ----------------------------------------------------------------------------------------------

    def client(self):
        """The client statement that replaces the module's openai.<setting> = ... lines, or None (and the reason)."""
        p = self.p
        first_call = self.facts.legacy_calls[0].call
        where = p.text(first_call.func)
        settings = {setting.name: setting for setting in self.facts.settings}
        for name in UNMOVED_SETTINGS:
            if name in settings:
                p.leave(settings[name].statement, p.text(settings[name].statement),
                        f"openai.{name} has no safe one-line rewrite: see the advice above")
        api_type = settings["api_type"].value if "api_type" in settings else None
        if not {"api_type", "api_base", "api_key"} & set(settings):
            if any(s.name in CLIENT_SETTINGS for s in self.facts.function_settings):
                return None  # said above
            return p.leave(first_call, where, "the module sets no openai.api_type, api_base or api_key, so the legacy "
                           "client took its settings from elsewhere (the environment, another module): make the "
                           "client by hand")
        if api_type is not None and not (isinstance(api_type, ast.Constant) and isinstance(api_type.value, str)):
            return p.leave(first_call, where, "openai.api_type is computed at run time: choose AzureOpenAI or OpenAI "
                           "by hand")
        kind = api_type.value if api_type is not None else "open_ai"
        asynchronous = {c.method.startswith("a") for c in self.facts.legacy_calls}
        if len(asynchronous) > 1:
            return p.leave(first_call, where, "sync and async legacy calls in one module need two clients: split "
                           "them by hand")
        prefix = "Async" if asynchronous == {True} else ""
        if kind in AZURE_TYPES:
            if not {"api_base", "api_version"} <= set(settings):
                return p.leave(first_call, where, "an Azure client needs openai.api_base and openai.api_version set "
                               "in this module")
            arguments = {"azure_endpoint": "api_base", AZURE_TYPES[kind]: "api_key", "api_version": "api_version"}
            constructor = f"{prefix}AzureOpenAI"
        elif kind == "open_ai":
            arguments = {"base_url": "api_base", "api_key": "api_key"}
            constructor = f"{prefix}OpenAI"
        else:
            return p.leave(first_call, where, f"openai.api_type {kind!r} is not Azure's")
        if kind == "azure_ad" and "api_key" not in settings:
            return p.leave(first_call, where, "openai.api_type is 'azure_ad' but the module sets no openai.api_key "
                           "token: pass azure_ad_token_provider=get_bearer_token_provider(...) by hand")
        statements = [settings[n].statement for n in CLIENT_SETTINGS if n in settings]
        last = max(statements, key=lambda s: (p.piece_of[id(s)], s.lineno))
        if (p.piece_of[id(last)], last.lineno) > (p.piece_of[id(first_call)], first_call.lineno):
            return p.leave(first_call, where, "the module changes openai settings after its first call: make the "
                           "client by hand")
        values = {setting: p.text(settings[setting].value) for setting in arguments.values() if setting in settings}
        keywords = {keyword: values[setting] for keyword, setting in arguments.items() if setting in values}
        provider = kind == "azure_ad" and self.token_provider(settings["api_key"].value)
        if provider:
            del keywords["azure_ad_token"]
            keywords["azure_ad_token_provider"] = provider
        name = p.free_name("client")
        given = "".join(f"\n    {keyword}={value}," for keyword, value in keywords.items())
        for statement in statements:
            p.edit(statement, Remove())
        p.edit(last, ReplaceStatement(f"{name} = {constructor}({given}\n)"))
        if provider:
            p.add_import(last, "from azure.identity import get_bearer_token_provider")
        p.add_import(last, f"from openai import {constructor}")
        if prefix:
            p.note(last, f"{name} = {constructor}(...) is made once, at import: use it from one event loop (a second "
                   "asyncio.run() finds its connections closed); the legacy module opened a session per call")
        return name

    def token_provider(self, value):
        """openai.api_key = credential.get_token(scope).token (or token.token, token bound to that call): the
        provider that gets a fresh token for every request, as the legacy key did only once."""
        if not (isinstance(value, ast.Attribute) and value.attr == "token"):
            return None
        call = value.value
        if isinstance(call, ast.Name):
            bound = [s.value for tree in self.analysis.trees if tree is not None for s in tree.body
                     if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == call.id
                                                          for t in s.targets)]
            call = bound[0] if len(bound) == 1 else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "get_token"
                and len(call.args) == 1 and not call.keywords):
            return None
        return f"get_bearer_token_provider({self.p.text(call.func.value)}, {self.p.text(call.args[0])})"

    def call(self, client, legacy):
        p, call, symbol, method = self.p, legacy.call, legacy.symbol, legacy.method
        rule = rules.LEGACY_CALLS.get((symbol, method.removeprefix("a")))
        keywords = {k.arg for k in call.keywords}
        splatted = {splat.key.value for splat in self.facts.legacy_splats if splat.call is call}
        kind_is_azure = any(s.name == "api_type" for s in self.facts.settings) and "model" not in keywords
        where = p.text(call.func)
        if rule is None:
            return p.leave(call, where, f"openai.{symbol}.{method} has no rewrite here")
        if (keywords | splatted) & PER_CALL_CLIENT:
            return p.leave(call, where, "a per-call api_* setting needs a client of its own")
        if not rule.on_azure and kind_is_azure:
            return p.leave(call, where, "Azure OpenAI has no moderations route: its content filters annotate every "
                           "answer")
        opaque = [k for k in call.keywords if k.arg is None and not isinstance(k.value, ast.Dict)]
        if opaque and not (keywords | splatted) & MODEL_KEYWORDS:
            return p.leave(call, where, f"its keywords come from **{p.text(opaque[0].value)}, which --fix cannot "
                           "see: make sure it holds model= and no engine= or deployment_id=, then rewrite by hand")
        if rule.needs_model and not (keywords | splatted) & MODEL_KEYWORDS:
            return p.leave(call, where, "no deployment_id=, engine= or model=: name the model")
        renames = {k: v for k, v in RENAMES.items() if k in keywords}
        p.edit(call, NewCall(f"{client}.{rule.v1_method}", renames))
        for splat in self.facts.legacy_splats:
            if splat.call is call and splat.key.value in RENAMES:
                p.edit(splat.key, NewExpression(repr(RENAMES[splat.key.value]).replace("'", '"')))

    # --- answers -----------------------------------------------------------------------------------------------------

    def dicts(self):
        p = self.p
        as_dict = {id(method.target) for method in self.facts.legacy_dict_methods}
        chained = set()
        for access in self.facts.legacy_dicts:
            node, root, parts = access.expression, access.root, access.parts
            text = p.text(node)
            if isinstance(root, ast.Call):
                p.leave(node, text, "the answer is read straight off the call: give it a name first")
                continue
            if any(part.reads_a_key and not part.value.isidentifier() for part in parts):
                p.leave(node, text, "a key that is not a Python name has no attribute form")
                continue
            chained.add(id(node))
            if parts[-1].step is Step.ATTR and parts[-1].value in ("keys", "values", "items"):
                p.edit(node, NewExpression(f"{attributes(p.text(root), parts[:-1])}{AS_DICT}.{parts[-1].value}"))
                continue
            replacement = attributes(p.text(root), parts)
            if isinstance(node, ast.Call) and len(node.args) == 2:  # .get("key", default)
                default = node.args[1]
                if not (isinstance(default, ast.Constant) and default.value in FALSY):
                    p.leave(node, text, f"the default {p.text(default)} differs from None, which openai>=1 objects "
                            "hold for a missing field: write the test by hand")
                    continue
                replacement = f"({replacement} or {p.text(default)})"
            if id(node) in as_dict:
                replacement += AS_DICT
            p.edit(node, NewExpression(replacement))
        for method in self.facts.legacy_dict_methods:
            node, target = method.expression, method.target
            if id(target) not in chained and not (isinstance(node, ast.Call) and id(node.func) in chained):
                p.edit(target, NewExpression(f"{p.text(target)}{AS_DICT}"))

    def unfollowed_answers(self):
        """x["choices"] on a value the checker could not follow (an answer passed in, or returned by a function):
        after the rewrite it would be an openai>=1 object, which is not subscriptable. And x.to_dict_recursive(),
        which only legacy answers have, becomes openai>=1's x.to_dict()."""
        followed = {id(n) for access in self.facts.legacy_dicts for n in ast.walk(access.expression)}
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, ast.Attribute) and node.attr == "to_dict_recursive":  # OpenAIObject's alone
                    self.p.edit(node, NewExpression(f"{self.p.text(node.value)}.to_dict"))
                if (isinstance(node, ast.Subscript) and id(node) not in followed
                        and not isinstance(node.value, ast.Subscript)  # the first key read is the one to name
                        and isinstance(node.slice, ast.Constant) and node.slice.value in ANSWER_KEYS):
                    self.p.leave(node, self.p.text(node), f"it reads the {node.slice.value!r} key of a value --fix "
                                 "cannot follow here (an answer passed in, or returned by a function): once the "
                                 "call is rewritten, an answer is an object; read its attributes by hand")

    # --- errors ------------------------------------------------------------------------------------------------------

    def errors(self):
        p = self.p
        for error in self.facts.legacy_errors:
            node, name = error.attribute, error.name
            prefix, v1 = p.text(node.value.value), rules.LEGACY_ERRORS.get(name, ())
            if len(v1) == 1:
                p.edit(node, NewExpression(f"{prefix}.{v1[0]}"))
            elif v1:
                p.edit(node, NewExpression("(" + ", ".join(f"{prefix}.{n}" for n in v1) + ")"))
            else:
                p.leave(node, p.text(node), "openai>=1 has no such error class")
        legacy = {id(error.attribute): error.name for error in self.facts.legacy_errors}
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, ast.ImportFrom) and node.module == "openai.error" and node.level == 0:
                    self.imported_errors(node)
                if isinstance(node, ast.Raise) and node.exc is not None:
                    raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                    if legacy.get(id(raised), "OpenAIError") != "OpenAIError":
                        self.raised(node, raised, legacy[id(raised)])
                elif isinstance(node, ast.Try) and any(id(n) in legacy for h in node.handlers
                                                       for n in ast.walk(h.type or h)):
                    self.order(node, legacy)

    def imported_errors(self, statement):
        """from openai.error import RateLimitError: the same import from openai, when every name stays the same."""
        p = self.p
        renamed = [a.name for a in statement.names if rules.LEGACY_ERRORS.get(a.name) != (a.name,)]
        if renamed:
            return p.leave(statement, p.text(statement), f"{', '.join(renamed)} has another name in openai>=1 "
                           f"({', '.join(self.v1_names(n) for n in renamed)}): import openai and use that by hand")
        names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in statement.names)
        added = p.plan.edited(p.piece_of[id(statement)], statement)
        after = f"\n{added.text}" if isinstance(added, InsertAfter) else ""
        p.edit(statement, ReplaceStatement(f"from openai import {names}{after}"))

    @staticmethod
    def v1_names(name):
        return " or ".join(f"openai.{n}" for n in rules.LEGACY_ERRORS.get(name, ("OpenAIError",)))

    def raised(self, statement, raised, name):
        """raise openai.error.X(message): openai>=1's status errors need the HTTP answer they stand for, and its
        connection errors the request; this code raises them itself, so it makes both (httpx2 is openai's transport)."""
        p, exc = self.p, statement.exc
        call = exc if isinstance(exc, ast.Call) else None
        keywords = {k.arg: k.value for k in call.keywords} if call else {}
        if call and (len(call.args) > 1 or set(keywords) - {"message"} or (call.args and keywords)):
            return p.leave(statement, p.text(statement), "a legacy error raised with http_status=, json_body= or "
                           "more: openai>=1 builds those from a response; raise it by hand")
        given = call.args[0] if call and call.args else keywords.get("message")
        message = p.text(given) if given is not None else f'"{name}"'
        v1 = rules.LEGACY_ERRORS.get(name, ("",))[0]
        prefix, request = p.text(raised.value.value), RAISED_REQUEST
        if v1 in RAISED_STATUS:
            text = (f"{prefix}.{v1}({message}, response=httpx2.Response({RAISED_STATUS[v1]}, request={request}), "
                    "body=None)")
        elif v1 == "APIConnectionError":
            text = f"{prefix}.APIConnectionError(message={message}, request={request})"
        else:
            text = f"{prefix}.APITimeoutError(request={request})"
        p.edit(exc, NewExpression(text))
        p.add_import(statement, "import httpx2")

    def classes(self, handler, legacy):
        """(v1 classes, legacy classes) an except clause catches; '*' for Exception or a bare except."""
        nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        v1, old = [], []
        for node in nodes:
            name = self.analysis.imports.qualname(node) if node is not None else "Exception"
            if node is None or name in CATCH_ALL or (node is not None and self.p.text(node) in CATCH_ALL):
                v1.append("*")
                old.append("*")
            elif id(node) in legacy:
                old.append(legacy[id(node)])
                v1 += rules.LEGACY_ERRORS.get(legacy[id(node)], ())
            elif (name or "").startswith("openai.") and name.count(".") == 1:
                v1.append(name.split(".")[1])
                old.append(name.split(".")[1])
        return v1, old

    def order(self, try_node, legacy):
        """Put each handler before the earlier ones that would catch its errors first on openai>=1, where the
        legacy hierarchy (every openai.error class a direct child of OpenAIError) let it run."""
        handlers = try_node.handlers
        ordered = []
        for index, handler in enumerate(handlers):
            v1, _ = self.classes(handler, legacy)
            at = len(ordered)
            for position, earlier in enumerate(ordered):
                before, old = self.classes(handlers[earlier], legacy)
                if "*" in old or "OpenAIError" in old:
                    continue  # it caught this one first in legacy code too
                if any(b in rules.ancestors(mine) for b in before for mine in v1):
                    at = position
                    break
            ordered.insert(at, index)
        if ordered != list(range(len(handlers))):
            p = self.p
            p.edit(handlers[0], ReorderHandlers(tuple(ordered)))
            moved = "; ".join(f"except {p.text(handlers[i].type)}" for i in ordered if ordered.index(i) < i)
            p.note(try_node, f"moved up {moved}: on openai>=1 a handler after one for its parent class never runs")
