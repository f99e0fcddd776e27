"""--fix for azure-ai-inference: clients become OpenAI/AsyncOpenAI(base_url=...), complete()/embed() become
chat.completions.create()/embeddings.create(), and the azure.ai.inference.models objects become the dicts openai>=1
takes (lesson 10's mapping: tools, structured output, image input). Everything is planned or nothing is: a client the
rewrite cannot finish is left as it was, with each reason (openai_v1_migrate.plan keeps one part's edits only when it
left nothing).
"""

import ast
import re

from openai_v1_migrate import rules
from openai_v1_migrate.edits import NewCall, NewExpression, SkipEmptyChunks
from openai_v1_migrate.inference_models import ModelDicts

ENDPOINT = re.compile(r"https://(?P<name>[^./]+)\.(?:services\.ai\.azure\.com/models|openai\.azure\.com"
                      r"(?:/openai/deployments/[^/]+)?)/?")
TOKEN_SCOPE = '"https://cognitiveservices.azure.com/.default"'
V1_URL_NOTE = (f"base_url={{expression}}: its value must now be your resource's v1 URL, {rules.V1_URL} "
               "(a .../models or /openai/deployments/<d> value no longer works)")

# the keywords of each method, and what they are called on openai>=1 (None: no counterpart)
CALL_KEYWORDS = {
    "complete": {**{k: k for k in ("messages", "model", "stream", "temperature", "max_tokens", "top_p", "stop",
                                   "seed", "presence_penalty", "frequency_penalty", "tools", "tool_choice",
                                   "response_format")},
                 **{k: rule.rename for k, rule in rules.INFERENCE_KEYWORDS.items()}},
    "embed": {"input": "input", "model": "model", "dimensions": "dimensions", "encoding_format": "encoding_format",
              "input_type": None},
}
NO_COUNTERPART = {
    "hyper_params": "hyper_params= has no openai>=1 counterpart: pass the keys in extra_body={...} by hand",
    "unknown_params": "unknown_params= sets the extra-parameters header, which openai>=1 does not send",
    "input_type": "input_type= has no counterpart: Azure OpenAI embeddings take no input type",
}
REWRITTEN = {method for method, rule in rules.INFERENCE_METHODS.items() if rule.v1_method}
CLIENT_USES = (*rules.INFERENCE_METHODS, "close", "__enter__", "__exit__", "__aenter__", "__aexit__")
NO_CLIENT = {"load_client": "load_client() reads the model's /info route, which v1 does not have: make an OpenAI "
                            "client by hand",
             "ImageEmbeddingsClient": "ImageEmbeddingsClient has no OpenAI v1 counterpart: Azure OpenAI has no image "
                                      "embeddings route"}

RESPONSE_FORMATS = {"text": '{"type": "text"}', "json_object": '{"type": "json_object"}'}
# azure-core's errors, the openai class raised for the same failures, and what both have that a handler may read
AZURE_ERRORS = {
    "HttpResponseError": ("APIStatusError", ("status_code", "message")),
    "ClientAuthenticationError": ("AuthenticationError", ("status_code", "message")),
    "ResourceNotFoundError": ("NotFoundError", ("status_code", "message")),
    "ServiceRequestError": ("APIConnectionError", ("message",)),
    "ServiceResponseError": ("APIConnectionError", ("message",)),
    "AzureError": ("OpenAIError", ()),
}


def plan_inference(planner):
    if not planner.facts.inference_clients and not planner.facts.inference_calls:
        return
    rewrite = _InferenceRewrite(planner)
    rewrite.run()


class _InferenceRewrite:
    def __init__(self, planner):
        self.p, self.facts, self.analysis = planner, planner.facts, planner.analysis
        self.parents = planner.parents
        self.dicts = ModelDicts(planner)

    def qualname(self, node):
        return self.analysis.imports.qualname(node) or ""

    # --- the whole rewrite ---------------------------------------------------------------------------------------

    def run(self):
        defaults = {}
        for client in self.facts.inference_clients:
            defaults[id(client.call)] = self.client(client.call, client.constructor)
        every = [d for d in defaults.values() if d is not None]
        for made in self.facts.inference_calls:
            self.call(made.call, made.method, every[0] if len(every) == 1 else self.defaults_of(made.call, defaults))
        self.dicts.models()
        for loop in self.facts.inference_streams:
            if not self.guarded(loop) and isinstance(loop.target, ast.Name):
                self.p.edit(loop, SkipEmptyChunks(loop.target.id))
        self.handlers()
        self.uses()
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, ast.Attribute) and node.attr == "as_dict":
                    self.p.leave(node, self.p.text(node), "as_dict() is azure-core's: an openai>=1 answer has "
                                 "model_dump(); rewrite it by hand")

    def defaults_of(self, call, defaults):
        """The constructor defaults of the client a call is made on, when the module has several clients."""
        receiver = self.p.text(call.func.value)
        for client in self.facts.inference_clients:
            if receiver in self.bound_names(client.call):
                return defaults[id(client.call)] or {}
        if any(defaults.values()):
            self.p.leave(call, self.p.text(call.func) + "()", "several clients have defaults, and --fix cannot tell "
                         "which one this call is made on")
        return {}

    def bound_names(self, call):
        parent = self.parents.get(id(call))
        if isinstance(parent, ast.Assign):
            return {self.p.text(t) for t in parent.targets}
        if isinstance(parent, ast.withitem) and parent.optional_vars is not None:
            return {self.p.text(parent.optional_vars)}
        return set()

    # --- clients ---------------------------------------------------------------------------------------------------

    def client(self, call, constructor):
        """Plan the constructor's rewrite; return the defaults it passes on to each call ({keyword: text})."""
        asynchronous = ".aio." in self.qualname(call.func)
        keywords = {k.arg: k.value for k in call.keywords}
        what = self.p.text(call.func) + "()"
        method = rules.INFERENCE_CONSTRUCTORS[constructor].serves
        if method is None:
            self.p.leave(call, what, NO_CLIENT[constructor])
            return None
        defaults, reasons = {}, []
        if call.args:
            reasons.append("a positional argument: pass endpoint= and credential= by name")
        if None in keywords:
            reasons.append("its keywords come from a ** splat, which --fix cannot see")
        for name, value in keywords.items():
            if name in rules.CLIENT_KEYWORDS or name is None:
                continue
            renamed = CALL_KEYWORDS[method].get(name, False)
            if renamed is False:
                reasons.append(f"{name}= has no OpenAI v1 counterpart")
            elif renamed is None:
                reasons.append(NO_COUNTERPART[name])
            else:
                defaults[name] = value
        endpoint = keywords.get("endpoint")
        base_url = None
        if endpoint is None:
            reasons.append("no endpoint=")
        elif isinstance(endpoint, ast.Constant):
            match = isinstance(endpoint.value, str) and ENDPOINT.fullmatch(endpoint.value)
            if match:
                base_url = f'"{rules.V1_URL.replace("<resource>", match["name"])}"'
            else:
                reasons.append("the endpoint is not an Azure OpenAI or Foundry resource URL: v1 needs "
                               + rules.V1_URL)
        else:
            base_url = self.p.text(endpoint)
        api_key = self.credential(call, keywords, asynchronous, reasons)
        for reason in reasons:
            self.p.leave(call, what, reason)
        if reasons:
            return None
        client = "AsyncOpenAI" if asynchronous else "OpenAI"
        arguments = f"base_url={base_url}, api_key={api_key}"
        if "headers" in keywords:
            arguments += f", default_headers={self.p.text(keywords['headers'])}"
        self.p.edit(call, NewExpression(f"{client}({arguments})"))
        if not isinstance(endpoint, ast.Constant):
            self.p.note(call, V1_URL_NOTE.format(expression=base_url))
        self.p.add_import(call, f"from openai import {client}")
        return {name: value for name, value in defaults.items()}

    def credential(self, call, keywords, asynchronous, reasons):
        credential = keywords.get("credential")
        value = self.value_of(credential)
        name = self.qualname(value.func) if isinstance(value, ast.Call) else ""
        if name.endswith("AzureKeyCredential"):
            if credential is value and len(value.args) == 1 and not value.keywords:
                return self.p.text(value.args[0])
            return f"{self.p.text(credential)}.key"
        if credential is None or not (name.startswith("azure.identity") or name.endswith("Credential")):
            reasons.append("--fix cannot tell whether credential= is a key or an Entra ID credential: pass "
                           "api_key=<key> or api_key=get_bearer_token_provider(<credential>, <scope>) by hand")
            return None
        scopes = keywords.get("credential_scopes")
        scope = (self.p.text(scopes.elts[0]) if isinstance(scopes, ast.List) and len(scopes.elts) == 1
                 else TOKEN_SCOPE)
        module = "azure.identity.aio" if asynchronous else "azure.identity"
        self.p.add_import(call, f"from {module} import get_bearer_token_provider")
        return f"get_bearer_token_provider({self.p.text(credential)}, {scope})"

    def value_of(self, node):
        """What a name was assigned, when the module assigns it once: cred = AzureKeyCredential(key)."""
        if not isinstance(node, ast.Name):
            return node
        values = [s.value for tree in self.analysis.trees if tree is not None for s in ast.walk(tree)
                  if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id
                                                       for t in s.targets)]
        return values[0] if len(values) == 1 else node

    # --- calls -------------------------------------------------------------------------------------------------------

    def call(self, call, method, defaults):
        what = self.p.text(call.func) + "()"
        v1_method = rules.INFERENCE_METHODS[method].v1_method
        if v1_method is None:
            return self.p.leave(call, what, "v1 has no /info route: the deployment name you pass as model= says it")
        keywords = {k.arg: k.value for k in call.keywords}
        reasons = []
        if call.args:
            reasons.append("a positional request body (a dict, JSON bytes or a stream): pass its fields as keywords")
        if None in keywords:
            reasons.append("its keywords come from a ** splat, which --fix cannot see")
        renames = {}
        for name in keywords:
            renamed = CALL_KEYWORDS[method].get(name, False)
            if name is None:
                continue
            if renamed is False:
                reasons.append(f"{name}= has no OpenAI v1 counterpart")
            elif renamed is None:
                reasons.append(NO_COUNTERPART[name])
            elif renamed != name:
                renames[name] = renamed
        added = []
        for name, value in (defaults or {}).items():
            if name in keywords:
                continue
            if not self.portable(value, call):
                reasons.append(f"the client's default {name}={self.p.text(value)} uses a name this call cannot see: "
                               "pass it on the call by hand")
            added.append(f"{CALL_KEYWORDS[method][name]}={self.dicts.render(value)}")
        if "model" not in keywords and "model" not in (defaults or {}):
            reasons.append("model= is optional in azure-ai-inference but required in v1: add your deployment name")
        response_format = keywords.get("response_format")
        if isinstance(response_format, ast.Constant):
            if response_format.value not in RESPONSE_FORMATS:
                reasons.append(f"response_format={response_format.value!r} has no v1 counterpart")
            else:
                self.p.edit(response_format, NewExpression(RESPONSE_FORMATS[response_format.value]))
        for reason in reasons:
            self.p.leave(call, what, reason)
        if not reasons:
            self.p.edit(call, NewCall(f"{self.p.text(call.func.value)}.{v1_method}", renames, tuple(added)))

    def portable(self, value, call):
        """Whether a constructor default can be written at the call: the same function, or names of the module."""
        home = self.p.function_of(value)
        if home is None or home is self.p.function_of(call):
            return True
        local = {n.id for n in ast.walk(home) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        local |= {a.arg for a in ast.walk(home.args) if isinstance(a, ast.arg)}
        return not {n.id for n in ast.walk(value) if isinstance(n, ast.Name)} & local

    # --- streams, handlers, and the client's other uses --------------------------------------------------------

    def guarded(self, loop):
        first = loop.body[0]
        return (isinstance(first, ast.If) and isinstance(first.test, ast.Attribute) and first.test.attr == "choices"
                and isinstance(first.test.value, ast.Name) and first.test.value.id == getattr(loop.target, "id", ""))

    def handlers(self):
        """except clauses for azure-core's errors: a rewritten client raises openai's instead. Each becomes the openai
        class raised for the same answers, when the handler reads only what that class has too; in a module that
        uses another Azure SDK as well, the clause may be meant for it, so a person decides."""
        others = sorted({v.split(".")[1] for v in self.analysis.imports.names.values() if v.startswith("azure.")
                         and v.split(".")[1] not in ("ai", "core", "identity")})
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if not isinstance(node, ast.ExceptHandler) or node.type is None:
                    continue
                types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                azure = [t for t in types if self.qualname(t).startswith("azure.core.exceptions.")]
                if not azure:
                    continue
                what = self.p.text(node.type)
                if others:
                    self.p.leave(node.type, what, f"this module also uses azure.{others[0]}, whose errors this "
                                 "clause may be meant for: add the openai class it should catch by hand")
                    continue
                used = {n.attr for s in node.body for n in ast.walk(s) if isinstance(n, ast.Attribute)
                        and isinstance(n.value, ast.Name) and n.value.id == node.name}
                for name in azure:
                    v1, has = AZURE_ERRORS.get(self.qualname(name).rsplit(".", 1)[1], (None, ()))
                    if v1 is None or used - set(has):
                        missing = ", ".join(sorted(used - set(has))) or "it"
                        self.p.leave(name, self.p.text(name), f"the handler reads {missing}, which the openai class "
                                     "raised for the same answers does not have" if v1 else
                                     "no openai class is raised for the same failures: rewrite the handler by hand")
                        continue
                    self.p.edit(name, NewExpression(v1))
                    self.p.add_import(node, f"from openai import {v1}")

    def uses(self):
        """Every use of a client must be one the rewrite covers: a call of complete()/embed()/close(), or a with."""
        names = set()
        for call in (client.call for client in self.facts.inference_clients):
            parent = self.parents.get(id(call))
            if isinstance(parent, ast.Return):
                continue  # a factory: the checker follows its callers' values
            if not isinstance(parent, (ast.Assign, ast.withitem)):
                self.p.leave(call, self.p.text(call.func) + "()", "the client is passed on where --fix cannot "
                             "follow it: bind it to a name first")
            names |= self.bound_names(call)
        names |= set(self.facts.inference_bindings)
        calls = {id(made.call) for made in self.facts.inference_calls}
        for tree in self.analysis.trees:
            for node in ast.walk(tree) if tree is not None else ():
                if not isinstance(node, (ast.Name, ast.Attribute)) or not isinstance(node.ctx, ast.Load):
                    continue
                if self.p.text(node) not in names:
                    continue
                parent = self.parents.get(id(node))
                if isinstance(parent, ast.Attribute) and parent.attr in CLIENT_USES and (
                        parent.attr not in REWRITTEN or id(self.parents.get(id(parent))) in calls):
                    continue
                if isinstance(parent, (ast.withitem, ast.Return)) or self.passed_to_a_rewritten_parameter(node, calls):
                    continue
                self.p.leave(node, self.p.text(node), "the client is used here in a way --fix cannot follow "
                             "(passed on, returned or stored): rewrite this use by hand")

    def passed_to_a_rewritten_parameter(self, node, calls):
        """f(client) where f is a function of this module whose parameter is used only for rewritten calls."""
        call = self.parents.get(id(node))
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and node in call.args):
            return False
        functions = [f for tree in self.analysis.trees if tree is not None for f in ast.walk(tree)
                     if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == call.func.id]
        if len(functions) != 1 or call.args.index(node) >= len(functions[0].args.args):
            return False
        parameter = functions[0].args.args[call.args.index(node)].arg
        uses = [n for n in ast.walk(functions[0]) if isinstance(n, ast.Name) and n.id == parameter]
        return bool(uses) and all(isinstance(self.parents.get(id(n)), ast.Attribute)
                                  and id(self.parents.get(id(self.parents[id(n)]))) in calls for n in uses)
