"""The ways a notebook authenticates, each as real SDK clients making real calls.

``record`` runs a variant against tests/support/loopback.py in record mode, through helpers.session.Record and
helpers.scrubbing.Scrubber (start() validates endpoint kinds and refuses a loopback URL, so the tests build the session
themselves, mapping the loopback endpoint to the placeholder endpoint of a helpers.settings variable). ``replay`` runs
the same code against that placeholder endpoint, as a notebook in replay mode would, answered from the cassette; Entra
ID there comes from the kit's offline Azure CLI, as in a notebook, since the token exchange is never recorded.
"""

import os
import secrets
import ssl
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from helpers.cassettes import cassette_path
from helpers.paths import ROOT
from helpers.plan import OFFLINE_AZ, OFFLINE_TOKEN
from helpers.scrubbing import Scrubber
from helpers.session import Record, Replay
from helpers.settings import VARIABLES

from .loopback import FakeAzure, make_jwt, make_key

REPLAY_KEY = VARIABLES["AZURE_AI_CHAT_KEY"].placeholder  # a key as the kit cell sets it in replay

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
OBJECT_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
UPN = "ada.lovelace@contoso.com"
DISPLAY_NAME = "Ada Lovelace"
# The claims of the principal the Entra ID stand-in issues tokens for: its tokens carry them, and Azure names the upn
# when that principal calls a model it has no role for (DENIED_MODEL).
IDENTITY = {"tid": TENANT, "oid": OBJECT_ID, "appid": CLIENT_ID, "upn": UPN, "preferred_username": UPN,
            "name": DISPLAY_NAME}
DENIED_MODEL = "gpt-4o-no-role"
LOGIN = "https://login.microsoftonline.com"
COGNITIVE_SCOPE = "https://cognitiveservices.azure.com/.default"
PROMPT = "How many feet are in a mile?"


def make_client_secret():
    """A fresh secret in the shape of an Entra ID client secret (xxx8Q~ and 34 more), made at run time."""
    alphabet = string.ascii_letters + string.digits + "-_~."
    return "".join(secrets.choice(alphabet) for _ in range(3)) + "8Q~" + "".join(
        secrets.choice(alphabet) for _ in range(34))


@dataclass
class Target:
    """Where a variant's clients go: the loopback server while recording, the placeholder endpoint in replay."""
    endpoint: str
    key: str
    ca: str
    authority: str = None  # None: Entra ID's default authority (login.microsoftonline.com)
    client_secret: str = REPLAY_KEY
    client_assertion: str = "replay-entra-token"

    def httpx(self):
        import httpx2

        return httpx2.Client(verify=ssl.create_default_context(cafile=self.ca))

    def entra(self, kind):
        from azure.identity import ClientAssertionCredential, ClientSecretCredential

        if self.authority is None:
            from azure.identity import AzureCliCredential

            return AzureCliCredential()
        where = {"authority": self.authority}
        if kind == "client_secret":
            return ClientSecretCredential(TENANT, CLIENT_ID, self.client_secret, disable_instance_discovery=True,
                                          connection_verify=self.ca, **where)
        return ClientAssertionCredential(TENANT, CLIENT_ID, lambda: self.client_assertion, connection_verify=self.ca,
                                         **where)


def _refused(call):
    """How the service answered a call the principal has no role for."""
    from azure.core.exceptions import HttpResponseError
    from openai import APIStatusError

    try:
        call()
    except (HttpResponseError, APIStatusError) as error:
        return f"refused with {error.status_code}"
    return "not refused"


def _inference_calls(target, prompt, credential, embeddings=True, denied=False, **options):
    from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
    from azure.ai.inference.models import UserMessage

    chat = ChatCompletionsClient(endpoint=target.endpoint, credential=credential, connection_verify=target.ca,
                                 **options)
    answers = [chat.complete(messages=[UserMessage(content=prompt)]).choices[0].message.content]
    stream = chat.complete(messages=[UserMessage(content=prompt)], stream=True)
    answers.append("".join(update.choices[0].delta.content or "" for update in stream if update.choices))
    if embeddings:
        vectors = EmbeddingsClient(endpoint=target.endpoint, credential=credential, connection_verify=target.ca,
                                   **options).embed(input=[prompt, "second"])
        answers.append(repr([item.embedding for item in vectors.data]))
    if denied:
        answers.append(_refused(lambda: chat.complete(messages=[UserMessage(content=prompt)], model=DENIED_MODEL)))
    return answers


def _openai_calls(client, prompt, model, embeddings=True, denied=False):
    messages = [{"role": "user", "content": prompt}]
    answers = [client.chat.completions.create(model=model, messages=messages).choices[0].message.content]
    stream = client.chat.completions.create(model=model, messages=messages, stream=True)
    answers.append("".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices))
    if embeddings:
        vectors = client.embeddings.create(model="text-embedding-3-small", input=[prompt, "second"])
        answers.append(repr([[round(x, 6) for x in item.embedding] for item in vectors.data]))
    if denied:
        answers.append(_refused(lambda: client.chat.completions.create(model=DENIED_MODEL, messages=messages)))
    return answers


def api_key_header(target, prompt):
    """AzureOpenAI with api_key: only the api-key header."""
    from openai import AzureOpenAI

    client = AzureOpenAI(azure_endpoint=target.endpoint, api_key=target.key, api_version="2024-06-01",
                         http_client=target.httpx(), max_retries=0)
    return _openai_calls(client, prompt, "gpt-4o-mini", embeddings=False)


def key_credential(target, prompt):
    """azure-ai-inference with AzureKeyCredential: the key as api-key and as Authorization: Bearer."""
    from azure.core.credentials import AzureKeyCredential

    return _inference_calls(target, prompt, AzureKeyCredential(target.key))


def bearer_key(target, prompt):
    """OpenAI(base_url=.../openai/v1/) with api_key: Authorization: Bearer <key>, and x-stainless-* headers."""
    from openai import OpenAI

    client = OpenAI(base_url=target.endpoint, api_key=target.key, http_client=target.httpx(), max_retries=0)
    return _openai_calls(client, prompt, "gpt-4o-mini")


def entra_client_secret(target, prompt):
    """azure-ai-inference on an Azure OpenAI deployment with ClientSecretCredential: MSAL reads the authority's
    openid-configuration, then posts client_secret in the token request's form body."""
    return _inference_calls(target, prompt, target.entra("client_secret"), embeddings=False, denied=True,
                            credential_scopes=[COGNITIVE_SCOPE], api_version="2024-06-01")


def entra_client_assertion(target, prompt):
    """OpenAI v1 with get_bearer_token_provider(ClientAssertionCredential): a JWT client_assertion travels in the
    token request's body, and the access token comes back in the response body."""
    from azure.identity import get_bearer_token_provider
    from openai import OpenAI

    provider = get_bearer_token_provider(target.entra("client_assertion"), COGNITIVE_SCOPE)
    client = OpenAI(base_url=target.endpoint, api_key=provider, http_client=target.httpx(), max_retries=0)
    return _openai_calls(client, prompt, "gpt-4o-mini", denied=True)


@dataclass(frozen=True)
class Variant:
    name: str
    variable: str  # the helpers.settings variable whose placeholder endpoint stands for the loopback server
    call: Callable
    auth: frozenset  # the auth headers its calls to the service carry
    token_field: str = None  # for Entra ID: the secret the token request carries in its form body
    chat_path: str = None  # the chat route's path, when it is not the endpoint's path + /chat/completions
    named_claim: str = "oid"  # for Entra ID: the claim Azure names when it refuses the principal (oid or upn)

    @property
    def chat_route(self):
        return self.chat_path or urlsplit(self.placeholder).path.rstrip("/") + "/chat/completions"

    @property
    def placeholder(self):
        return VARIABLES[self.variable].placeholder

    def loopback_endpoint(self, server):
        return server.url + urlsplit(self.placeholder).path


API_KEY, AUTHORIZATION = frozenset({"api-key"}), frozenset({"authorization"})
VARIANTS = [
    Variant("api-key", "AZURE_OPENAI_ENDPOINT", api_key_header, API_KEY,
            chat_path="/openai/deployments/gpt-4o-mini/chat/completions"),
    Variant("api-key-and-bearer-key", "AZURE_INFERENCE_ENDPOINT", key_credential, API_KEY | AUTHORIZATION),
    Variant("bearer-key", "AZURE_OPENAI_BASE_URL", bearer_key, AUTHORIZATION),
    Variant("entra-client-secret", "AZURE_OPENAI_CHAT_ENDPOINT", entra_client_secret, AUTHORIZATION, "client_secret"),
    Variant("entra-client-assertion", "AZURE_OPENAI_BASE_URL", entra_client_assertion, AUTHORIZATION,
            "client_assertion", named_claim="upn"),
]


@dataclass
class Recording:
    """What a record run left behind, and every secret and volatile value it involved."""
    variant: Variant
    path: Path
    answers: list
    service: FakeAzure
    login: FakeAzure
    secrets: dict = field(default_factory=dict)

    @property
    def notebook(self):
        return self.path.stem

    def forbidden(self):
        """Strings that must not appear in the cassette: secrets, tokens, loopback addresses, cookies, request ids."""
        values = dict(self.secrets)
        values.update({f"issued token {n}": t for n, t in enumerate(self.service.issued + self.login.issued)})
        values.update({f"made-up value {n}": v for n, v in enumerate(self.service.sent + self.login.sent)})
        for server in (self.service, self.login):
            for method, path, headers, _ in server.seen:
                for name, value in headers.items():
                    if "request-id" in name.lower() or name.lower() in ("cookie", "host"):
                        values[f"{name} sent with {method} {path}"] = value
        values.update({"loopback address": "127.0.0.1", "service port": f":{self.service.port}",
                       "login port": f":{self.login.port}", "localhost": "localhost"})
        values.update({f"identity claim {name}": value for name, value in IDENTITY.items()})
        values["checkout path"] = str(ROOT)
        return values


def record(variant, directory, certificate, prompt=PROMPT):
    """Record variant against two loopback servers (the service, and an Entra ID authority) into directory."""
    key, client_secret = make_key(), make_client_secret()
    client_assertion = make_jwt(aud=f"{LOGIN}/{TENANT}/oauth2/v2.0/token", iss=CLIENT_ID, sub=CLIENT_ID)
    login = FakeAzure(certificate=certificate, client_secret=client_secret, client_assertion=client_assertion,
                      identity=IDENTITY)
    service = FakeAzure(key=key, certificate=certificate, trusted_tokens=login.issued, denied_models=[DENIED_MODEL],
                        named_claim=variant.named_claim)
    with login, service:
        endpoint = variant.loopback_endpoint(service)
        scrubber = Scrubber(secrets=[key], endpoints=[(endpoint, variant.placeholder), (login.url, LOGIN)])
        name = f"loopback_{variant.name}"
        session = Record(name, cassette_path(name, directory), scrubber, overwrite=True, finish_at_exit=False)
        session.open()
        try:
            target = Target(endpoint, key, certificate[0], authority=login.url, client_secret=client_secret,
                            client_assertion=client_assertion)
            answers = variant.call(target, prompt)
            path = session.finish()
        finally:
            session.close()
    return Recording(variant, Path(path), answers, service, login,
                     {"key": key, "client secret": client_secret, "client assertion": client_assertion})


def replay(variant, directory, ca, prompt=PROMPT):
    """Run variant against its placeholder endpoint, answered from the cassette; returns (answers, cassette)."""
    name = f"loopback_{variant.name}"
    session = Replay(name, cassette_path(name, directory), Scrubber([REPLAY_KEY, OFFLINE_TOKEN]), strict=True)
    saved = os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([str(OFFLINE_AZ), str(Path(sys.executable).parent), saved])
    session.open()
    try:
        return variant.call(Target(variant.placeholder, REPLAY_KEY, ca), prompt), session.cassette
    finally:
        session.close()
        os.environ["PATH"] = saved
