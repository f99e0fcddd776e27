"""What --fix will change in one module, and what it leaves to a person with the reason: a pure plan, from the facts
the checker found (helpers.migrate.findings.Facts). helpers.migrate.fix applies it with libcst.

Edits name ast nodes of the checked trees; each is one of:
    ("expr", text)                     replace the expression with text
    ("call", func, renames, extras)    new callee text, keyword renames {old: new}, messages to convert (a node)
    ("remove",)                        remove the statement, keeping its comments on the next one
    ("replace", text)                  replace the statement with text
    ("before", text) / ("after", text) insert a statement before or after this one
    ("guard", name)                    put `if not name.choices: continue` first in the for loop's body
"""

import ast
import re
from dataclasses import dataclass, field

from helpers.migrate.findings import attributes, segment

AZURE_TYPES = {"azure": "api_key", "azure_ad": "azure_ad_token"}
CLIENT_SETTINGS = ("api_type", "api_base", "api_version", "api_key")
LEGACY_RESOURCES = {("Completion", "create"): "completions.create",
                    ("ChatCompletion", "create"): "chat.completions.create",
                    ("Embedding", "create"): "embeddings.create",
                    ("Moderation", "create"): "moderations.create",
                    ("Model", "list"): "models.list",
                    ("Model", "retrieve"): "models.retrieve"}
LEGACY_RENAMES = {"deployment_id": "model", "engine": "model", "request_timeout": "timeout"}
V1_ERRORS = {"RateLimitError": "RateLimitError", "AuthenticationError": "AuthenticationError",
             "PermissionError": "PermissionDeniedError", "TryAgain": "ConflictError",
             "ServiceUnavailableError": "InternalServerError", "APIError": "APIStatusError",
             "Timeout": "APITimeoutError", "APIConnectionError": "APIConnectionError", "OpenAIError": "OpenAIError"}
TWO_ERRORS = {"InvalidRequestError": ("BadRequestError", "NotFoundError")}
ENDPOINT = re.compile(r"https://(?P<name>[^./]+)\.(?:services\.ai\.azure\.com/models|openai\.azure\.com"
                      r"(?:/openai/deployments/[^/]+)?)/?")
ROLES = {"SystemMessage": "system", "UserMessage": "user", "AssistantMessage": "assistant",
         "DeveloperMessage": "developer"}
CHAT_KEYWORDS = {"messages", "model", "stream", "temperature", "max_tokens", "top_p", "stop", "seed",
                 "presence_penalty", "frequency_penalty", "model_extras"}
EMBED_KEYWORDS = {"input", "model", "dimensions"}
TOKEN_SCOPE = '"https://cognitiveservices.azure.com/.default"'


@dataclass
class Plan:
    edits: dict = field(default_factory=dict)  # (piece, ast node) -> edit
    left: list = field(default_factory=list)  # (piece, ast node, what, why)

    def edit(self, piece, node, edit):
        self.edits[(piece, id(node))] = (node, edit)

    def leave(self, piece, node, what, why):
        self.left.append((piece, node, what, why))


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

    def free_name(self, wanted):
        used = {n.id for tree in self.walked.trees if tree is not None for n in ast.walk(tree)
                if isinstance(n, ast.Name)}
        return wanted if wanted not in used else f"openai_{wanted}"

    # --- legacy openai<1.0 -------------------------------------------------------------------------------------

    def legacy(self):
        calls = self.facts.legacy_calls
        client = self.legacy_client() if calls else None
        if calls and client:
            for call, symbol, method in calls:
                self.legacy_call(client, call, symbol, method)
        for node, root, parts in self.facts.legacy_dicts:
            if isinstance(root, ast.Call):
                self.leave(node, self.text(node), "the answer is read straight off the call: give it a name first")
            elif any(kind == "key" and not value.isidentifier() for kind, value in parts):
                self.leave(node, self.text(node), "a key that is not a Python name has no attribute form")
            else:
                self.edit(node, ("expr", attributes(self.text(root), parts)))
        for node, name in self.facts.legacy_errors:
            prefix = self.text(node.value.value)
            if name in V1_ERRORS:
                self.edit(node, ("expr", f"{prefix}.{V1_ERRORS[name]}"))
            elif name in TWO_ERRORS:
                self.edit(node, ("expr", "(" + ", ".join(f"{prefix}.{n}" for n in TWO_ERRORS[name]) + ")"))
            else:
                self.leave(node, self.text(node), "openai>=1 has no such error class")

    def legacy_client(self):
        """The client statement that replaces the module's openai.<setting> = ... lines, or None (and the reason)."""
        first_call = self.facts.legacy_calls[0][0]
        settings = {}
        for statement, name, value in self.facts.settings:
            settings[name] = (statement, value)
        for name in ("requestssession", "proxy", "aiosession", "api_key_path", "organization"):
            if name in settings:
                self.leave(settings[name][0], self.text(settings[name][0]),
                           f"openai.{name} has no safe one-line rewrite: see the advice above")
        api_type = settings.get("api_type", (None, None))[1]
        if not {"api_type", "api_base", "api_key"} & set(settings):
            return self.leave(first_call, self.text(first_call.func),
                              "the module sets no openai.api_type, api_base or api_key, so the legacy client took "
                              "its settings from elsewhere (the environment, another module): make the client by hand")
        if api_type is not None and not (isinstance(api_type, ast.Constant) and isinstance(api_type.value, str)):
            return self.leave(first_call, self.text(first_call.func),
                              "openai.api_type is computed at run time: choose AzureOpenAI or OpenAI by hand")
        kind = api_type.value if api_type is not None else "open_ai"
        asynchronous = {m.startswith("a") for _, _, m in self.facts.legacy_calls}
        if len(asynchronous) > 1:
            return self.leave(first_call, self.text(first_call.func),
                              "sync and async legacy calls in one module need two clients: split them by hand")
        prefix = "Async" if asynchronous == {True} else ""
        if kind in AZURE_TYPES:
            if not {"api_base", "api_version"} <= set(settings):
                return self.leave(first_call, self.text(first_call.func),
                                  "an Azure client needs openai.api_base and openai.api_version set in this module")
            arguments = {"azure_endpoint": "api_base", AZURE_TYPES[kind]: "api_key", "api_version": "api_version"}
            constructor = f"{prefix}AzureOpenAI"
        elif kind == "open_ai":
            arguments = {"base_url": "api_base", "api_key": "api_key"}
            constructor = f"{prefix}OpenAI"
        else:
            return self.leave(first_call, self.text(first_call.func), f"openai.api_type {kind!r} is not Azure's")
        statements = [settings[n][0] for n in CLIENT_SETTINGS if n in settings]
        last = max(statements, key=lambda s: (self.piece_of[id(s)], s.lineno))
        if (self.piece_of[id(last)], last.lineno) > (self.piece_of[id(first_call)], first_call.lineno):
            return self.leave(first_call, self.text(first_call.func),
                              "the module changes openai settings after its first call: make the client by hand")
        name = self.free_name("client")
        given = "".join(f"\n    {keyword}={self.text(settings[setting][1])}," for keyword, setting in arguments.items()
                        if setting in settings)
        for statement in statements:
            self.edit(statement, ("remove",))
        self.edit(last, ("replace", f"{name} = {constructor}({given}\n)"))
        anchor = next((s for tree in self.walked.trees if tree is not None for s in tree.body
                       if isinstance(s, ast.Import) and any(a.name == "openai" and not a.asname for a in s.names)
                       and self.piece_of[id(s)] == self.piece_of[id(last)]), None)
        self.add_import(anchor or last, f"from openai import {constructor}")
        return name

    def legacy_call(self, client, call, symbol, method):
        resource = LEGACY_RESOURCES.get((symbol, method.removeprefix("a")))
        keywords = {k.arg for k in call.keywords}
        kind_is_azure = any(n == "api_type" for _, n, _ in self.facts.settings) and "model" not in keywords
        if resource is None:
            return self.leave(call, self.text(call.func), f"openai.{symbol}.{method} has no rewrite here")
        if keywords & {"api_key", "api_base", "api_type", "api_version", "organization"}:
            return self.leave(call, self.text(call.func), "a per-call api_* setting needs a client of its own")
        if resource == "moderations.create" and kind_is_azure:
            return self.leave(call, self.text(call.func),
                              "Azure OpenAI has no moderations route: its content filters annotate every answer")
        if resource.endswith("create") and resource != "moderations.create" and not keywords & {
                "deployment_id", "engine", "model"}:
            return self.leave(call, self.text(call.func), "no deployment_id=, engine= or model=: name the model")
        renames = {k: v for k, v in LEGACY_RENAMES.items() if k in keywords}
        self.edit(call, ("call", f"{client}.{resource}", renames, None))

    # --- azure-ai-inference ------------------------------------------------------------------------------------

    def inference(self):
        rewritten = {}
        for call, constructor in self.facts.inference_clients:
            rewritten[id(call)] = self.inference_client(call, constructor)
        if not any(rewritten.values()):
            return
        for call, method in self.facts.inference_calls:
            self.inference_call(call, method)
        for loop in self.facts.inference_streams:
            if not self.guarded(loop) and isinstance(loop.target, ast.Name):
                self.edit(loop, ("guard", loop.target.id))
        self.handlers()

    def inference_client(self, call, constructor):
        name = self.walked.qualname(call.func) or ""
        asynchronous = ".aio." in name
        keywords = {k.arg: k.value for k in call.keywords}
        what = self.text(call.func) + "()"
        if constructor not in ("ChatCompletionsClient", "EmbeddingsClient"):
            return self.leave(call, what, f"{constructor} has no OpenAI v1 counterpart that --fix can write")
        if call.args or set(keywords) - {"endpoint", "credential", "credential_scopes", "api_version"}:
            return self.leave(call, what, "arguments other than endpoint=, credential=, credential_scopes= and "
                              "api_version=: rewrite by hand")
        endpoint = keywords.get("endpoint")
        match = (isinstance(endpoint, ast.Constant) and isinstance(endpoint.value, str)
                 and ENDPOINT.fullmatch(endpoint.value))
        if not match:
            return self.leave(call, what, "the endpoint is not a literal Foundry or Azure OpenAI resource URL: set "
                              "base_url= to your resource's https://<resource>.openai.azure.com/openai/v1/")
        base_url = f'"https://{match["name"]}.openai.azure.com/openai/v1/"'
        credential = keywords.get("credential")
        key = (isinstance(credential, ast.Call) and (self.walked.qualname(credential.func) or "").endswith(
            "AzureKeyCredential") and len(credential.args) == 1 and not credential.keywords)
        if key:
            api_key = self.text(credential.args[0])
        elif credential is not None and not asynchronous:
            scopes = keywords.get("credential_scopes")
            scope = (self.text(scopes.elts[0]) if isinstance(scopes, ast.List) and len(scopes.elts) == 1
                     else TOKEN_SCOPE)
            api_key = f"get_bearer_token_provider({self.text(credential)}, {scope})"
            anchor = next((s for s in self.imports() if isinstance(s, ast.ImportFrom)
                           and s.module == "azure.identity"), call)
            self.add_import(anchor, "from azure.identity import get_bearer_token_provider")
        else:
            return self.leave(call, what, "an async token credential: pass api_key=get_bearer_token_provider(...) "
                              "from azure.identity.aio by hand")
        client = "AsyncOpenAI" if asynchronous else "OpenAI"
        self.edit(call, ("expr", f"{client}(base_url={base_url}, api_key={api_key})"))
        anchor = next((s for s in self.imports() if isinstance(s, ast.ImportFrom)
                       and (s.module or "").startswith("azure.ai.inference")), call)
        self.add_import(anchor, f"from openai import {client}")
        return True

    def inference_call(self, call, method):
        keywords = {k.arg: k.value for k in call.keywords}
        what = self.text(call.func) + "()"
        allowed = CHAT_KEYWORDS if method == "complete" else EMBED_KEYWORDS if method == "embed" else set()
        if method == "get_model_info":
            return self.leave(call, what, "v1 has no /info route: the deployment name you pass as model= says it")
        if call.args or set(keywords) - allowed:
            return self.leave(call, what, f"arguments other than {', '.join(sorted(allowed))}: rewrite by hand")
        if "model" not in keywords:
            return self.leave(call, what, "model= is optional in azure-ai-inference but required in v1: "
                              "add your deployment name")
        messages = keywords.get("messages")
        if method == "complete" and not (isinstance(messages, ast.List) and all(
                isinstance(m, ast.Dict) or self.message_role(m) for m in messages.elts)):
            return self.leave(call, what, "messages= is not a list of dicts or System/User/Assistant messages "
                              "written out: make them dicts by hand")
        receiver = self.text(call.func.value)
        resource = "chat.completions.create" if method == "complete" else "embeddings.create"
        renames = {"model_extras": "extra_body"} if "model_extras" in keywords else {}
        self.edit(call, ("call", f"{receiver}.{resource}", renames, messages))
        for element in messages.elts if method == "complete" else ():
            role = self.message_role(element)
            if role:
                content = element.args[0] if element.args else element.keywords[0].value
                self.edit(element, ("expr", f'{{"role": "{role}", "content": {self.text(content)}}}'))

    def message_role(self, node):
        if not isinstance(node, ast.Call):
            return None
        name = (self.walked.qualname(node.func) or "").rsplit(".", 1)
        one = (len(node.args) == 1 and not node.keywords) or (
            not node.args and len(node.keywords) == 1 and node.keywords[0].arg == "content")
        if name[0] == "azure.ai.inference.models" and name[-1] in ROLES and one:
            return ROLES[name[-1]]
        return None

    def guarded(self, loop):
        first = loop.body[0]
        return (isinstance(first, ast.If) and isinstance(first.test, ast.Attribute) and first.test.attr == "choices"
                and isinstance(first.test.value, ast.Name) and first.test.value.id == getattr(loop.target, "id", ""))

    def handlers(self):
        """except HttpResponseError around a rewritten call: openai.APIStatusError has .status_code and .message."""
        calls = {id(c) for c, _ in self.facts.inference_calls if (self.piece_of[id(c)], id(c)) in self.plan.edits}
        for tree in self.walked.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if not isinstance(node, ast.Try) or not any(id(n) in calls for s in node.body for n in ast.walk(s)):
                    continue
                for handler in node.handlers:
                    if (self.walked.qualname(handler.type) or "") != "azure.core.exceptions.HttpResponseError":
                        continue
                    used = {n.attr for s in handler.body for n in ast.walk(s) if isinstance(n, ast.Attribute)
                            and isinstance(n.value, ast.Name) and n.value.id == handler.name}
                    if used - {"status_code", "message"}:
                        self.leave(handler.type, self.text(handler.type), "the handler reads "
                                   f"{', '.join(sorted(used - {'status_code', 'message'}))}, which "
                                   "openai.APIStatusError does not have")
                        continue
                    self.edit(handler.type, ("expr", "APIStatusError"))
                    anchor = next((s for s in self.imports() if isinstance(s, ast.ImportFrom)
                                   and s.module == "azure.core.exceptions"), node)
                    self.add_import(anchor, "from openai import APIStatusError")

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
    planner = _Planner(walked, sources)
    planner.legacy()
    planner.inference()
    return planner.plan
