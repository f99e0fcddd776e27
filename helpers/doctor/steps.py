"""The doctor's steps, in order: each takes one endpoint's Check and returns a Result, or None when it does not apply.

The value, the name and TLS cost nothing. Authentication costs a free call where the route has one (GET .../models,
or GET .../info on the Model Inference API's routes), and otherwise the one chat request with max_tokens=1, whose
answer also tells whether the deployment exists and the api-version is served. A retired route is probed like any
other: the route step says what it answered, beside what the public record says (openai_v1_migrate.retirements). A
step never quotes a secret, nor the service's own message (a PermissionDenied message names the caller's principal
id).
"""

import enum
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from openai_v1_migrate import retirements

from .. import endpoints as ep
from .. import settings
from .probe import handshake, request

INFO_API_VERSION = "2024-05-01-preview"  # what azure-ai-inference's get_model_info sends to GET /info
SCOPE = "https://cognitiveservices.azure.com/.default"
AZURE_OPENAI = (ep.AOAI_DEPLOYMENT, ep.AOAI_V1, ep.AOAI_RESOURCE)
FREE, ONE_TOKEN = "free", "max_tokens=1"
NO_NETWORK = "not checked: replay uses no network"
RETIRED_FIX = f"Run its notebooks in replay, and move your code to the OpenAI v1 API with {retirements.MIGRATION}."


class Status(enum.StrEnum):
    """What a step found about an endpoint."""

    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"
    NOTE = "note"  # not a failure, but it ends this endpoint's checks

    @property
    def ends_the_checks(self):
        return self in (Status.FAIL, Status.NOTE)


PASS, FAIL, SKIP, NOTE = Status


@dataclass(frozen=True)
class Result:
    target: str
    step: str
    status: Status
    detail: str
    fix: str = ""
    cost: str = ""  # "", FREE or ONE_TOKEN: what the step spent
    call: str = ""  # the request it sent, without query or host


@dataclass
class Check:
    """One endpoint under examination, with what the steps learn about it as they go."""
    endpoint: str  # the endpoint variable, or "" when the endpoint is fixed (GitHub Models, OpenAI)
    secret: str
    url: str  # the endpoint variable's value, or the fixed endpoint
    environ: dict
    resolve: object
    context: ssl.SSLContext
    credential: object = None  # an azure-identity credential when checking Entra ID, else None (the key)
    replay: object = None  # the kernel's replay session, which answers instead of the service, else None
    address: tuple = None
    answer: object = None
    notes: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.endpoint or self.secret

    @property
    def kind(self):
        return ep.detect(self.url)

    @property
    def host(self):
        return urlsplit(self.url).hostname or ""

    @property
    def retirement(self):
        """What the public record says about this endpoint's route (openai_v1_migrate.retirements), or None."""
        return self.kind.retirement if self.kind else None

    @property
    def retired(self):
        """The retirement of this endpoint's route when it has a date, else None."""
        return self.kind.retired if self.kind else None

    @property
    def entra(self):
        return self.credential is not None and self.kind in AZURE_OPENAI

    def result(self, step, status, detail, fix="", **spent):
        return Result(self.name, step, status, detail, fix, **spent)


def _split(message):
    """A settings message as (what is wrong, the fix): its first sentence, and the rest."""
    flat = " ".join(message.split())
    head, _, rest = flat.partition(". ")
    return head + ".", rest


def value(check):
    names = [n for n in (check.endpoint, check.secret) if n and not (n == check.secret and check.entra)]
    for name in names:
        problem = settings.problem(settings.VARIABLES[name], check.environ.get(name))
        if problem:
            detail, fix = _split(problem)
            if name == check.secret and check.kind in AZURE_OPENAI:
                fix += " Or check Entra ID instead of a key: python -m helpers.doctor --entra."
            return check.result("value", FAIL, detail, fix)
    return check.result("value", PASS, " and ".join(names) + " can be used")


def resolution(check):
    if check.replay is not None:
        return check.result("name", SKIP, NO_NETWORK)
    try:
        check.address = check.resolve(check.host)
    except OSError:
        if check.retired:
            return check.result("name", FAIL, f"{check.host} does not resolve: {check.retired.fact}", RETIRED_FIX)
        where = check.endpoint or check.secret
        return check.result("name", FAIL, f"{check.host} does not resolve",
                            f"Check the resource name in {where}: copy the endpoint from 'Keys and Endpoint' of your "
                            "resource in the Azure portal (the name of a deleted resource stops resolving too).")
    return check.result("name", PASS, f"{check.host} resolves")


def tls(check):
    if check.replay is not None:
        return check.result("TLS", SKIP, NO_NETWORK)
    try:
        version = handshake(check.host, check.address, check.context)
    except ssl.SSLCertVerificationError as error:
        return check.result("TLS", FAIL, f"the certificate of {check.host} is not trusted ({error.verify_message})",
                            "If your network inspects HTTPS (a company proxy), set SSL_CERT_FILE and "
                            "REQUESTS_CA_BUNDLE to your company's root certificate file; otherwise check the date and "
                            "time of this computer.")
    except ssl.SSLError as error:
        return check.result("TLS", FAIL, f"the TLS handshake with {check.host} failed ({error.reason})",
                            "Something between you and Azure speaks no TLS on port 443: try another network.")
    except OSError as error:
        detail = f"cannot connect to {check.host} on port 443 ({error.strerror or type(error).__name__})"
        if check.retired:
            return check.result("TLS", FAIL, f"{detail}: {check.retired.fact}", RETIRED_FIX)
        return check.result("TLS", FAIL, detail, "A firewall or proxy blocks HTTPS to Azure: try another network, "
                            "or set HTTPS_PROXY as your network's administrators say.")
    return check.result("TLS", PASS, f"{version}, with a certificate valid for {check.host}")


def _probe(check):
    """(method, path, body, cost) of the cheapest request that answers who you are, for this endpoint's kind."""
    path = urlsplit(check.url).path.rstrip("/")
    kind = check.kind
    if kind is ep.AOAI_DEPLOYMENT:
        body = {"messages": [{"role": "user", "content": "Say OK."}], "max_tokens": 1}
        return "POST", f"{path}/chat/completions?api-version={ep.API_VERSION}", body, ONE_TOKEN
    if kind is ep.AOAI_V1:
        return "GET", f"{path}/models", None, FREE
    if kind is ep.AOAI_RESOURCE:
        return "GET", "/openai/v1/models", None, FREE
    if check.retirement:
        return "GET", f"{path}/info?api-version={INFO_API_VERSION}", None, FREE
    return "GET", f"{path}/models", None, FREE  # OpenAI: https://api.openai.com/v1/models


def _who(check):
    return f"your Entra ID token (scope {SCOPE})" if check.entra else check.secret


def authentication(check):
    if check.entra:
        try:
            secret = check.credential.get_token(SCOPE).token
        except Exception as error:  # azure-identity raises several types; none of their messages is shown
            return check.result("authentication", FAIL, f"no Entra ID token for {SCOPE} ({type(error).__name__})",
                                "Sign in with: az login (add --tenant <your resource's tenant> if you have several), "
                                "then run the doctor again.")
        headers = {"Authorization": f"Bearer {secret}"}
    else:
        secret = check.environ[check.secret]
        headers = {"api-key": secret} if check.kind in AZURE_OPENAI else {"Authorization": f"Bearer {secret}"}
    method, target, body, cost = _probe(check)
    spent = {"cost": cost, "call": f"{method} {target.split('?')[0]}"}
    try:
        check.answer = answer = request(method, ("https", check.host, target), headers, check.address, check.context,
                                        body)
    except OSError as error:
        return check.result("authentication", FAIL, f"the request broke off ({type(error).__name__})",
                            "Run the doctor again; if it persists, try another network.", **spent)
    if check.replay is not None and check.replay.served[-1].standin:
        check.answer = None
        return check.result("authentication", SKIP, "not proven: this request is not in the recording, so replay "
                            "answered it with a stand-in",
                            "Run python -m helpers.doctor in a terminal to check your own .env live.", **spent)
    status, code = answer.status, answer.code
    if status < 300 or status == 429:
        return check.result("authentication", PASS, f"{_who(check)} is accepted", **spent)
    if code == "PermissionDenied":
        return check.result("authentication", FAIL, f"your identity signed in, but has no role that may call this "
                            f"resource ({status} PermissionDenied)",
                            "Ask the resource's owner for the role 'Cognitive Services OpenAI User' on it. Resource "
                            "Manager caches role assignments: a new one can take up to 30 minutes to apply "
                            "(Microsoft's answers, and its page 'Troubleshoot Azure RBAC'); signing in again, az "
                            "logout then az login, refreshes them.", **spent)
    if status == 401 and check.entra and isinstance(answer.body, dict) and "statusCode" in answer.body:
        return check.result("authentication", FAIL, "the service refused the token: wrong audience, another tenant, "
                            "or expired (401)",
                            f"Ask for the scope {SCOPE}, and sign in to the resource's tenant: "
                            "az login --tenant <your resource's tenant>.", **spent)
    if status == 401:
        return check.result("authentication", FAIL, f"the service refused {_who(check)} (401)",
                            f"Copy KEY 1 or KEY 2 from 'Keys and Endpoint' of this resource into {check.secret} "
                            "in .env (a key of another resource is refused too).", **spent)
    if status == 403:
        return check.result("authentication", FAIL, f"the resource refused the call (403 {code})",
                            "Check the resource's Networking page: it may accept only selected networks or private "
                            "endpoints.", **spent)
    if status == 404 or (check.retirement and status not in (401, 403)):
        return check.result("authentication", SKIP, f"not proven: the service answered {status} first", **spent)
    return check.result("authentication", FAIL, f"the service answered {status} {code}".rstrip(),
                        "Try again in a minute; if it persists, check the resource's health in the Azure portal.",
                        **spent)


def route(check):
    """What a route the public record retires, or says nothing of, answered: the request authentication sent."""
    retirement = check.retirement
    if retirement is None or check.answer is None:
        return None
    status, code = check.answer.status, check.answer.code
    answered = f"{check.kind.label} answered {status}" + (f" {code}" if code and code != str(status) else "")
    if status < 300 or status == 429:
        return check.result("route", NOTE, f"{answered}: it still answers, and {retirement.fact}",
                            f"Its notebooks can run live as they are, but {retirements.AZURE_AI_INFERENCE.fact}: "
                            f"move your code to the OpenAI v1 API with {retirements.MIGRATION}.")
    if retirement.date:
        return check.result("route", FAIL, f"{answered}: {retirement.fact}", RETIRED_FIX)
    return check.result("route", FAIL, f"{answered}, and {retirement.fact}",
                        f"Check {check.endpoint} against the endpoint your deployment's page shows; "
                        f"{RETIRED_FIX[0].lower()}{RETIRED_FIX[1:]}")


def _deployment_name(check):
    return urlsplit(check.url).path.rstrip("/").rsplit("/", 1)[-1]


def deployment(check):
    if check.kind is not ep.AOAI_DEPLOYMENT or check.answer is None:
        return None
    answer, called = check.answer, _deployment_name(check)
    if answer.status < 300 or answer.status == 429:
        busy = " (it is at its rate limit right now: 429)" if answer.status == 429 else ""
        return check.result("deployment", PASS, f"the deployment '{called}' exists{busy}")
    if answer.code == "DeploymentNotFound":
        return check.result("deployment", FAIL,
                            f"this resource has no deployment '{called}' (404 DeploymentNotFound)",
                            f"Put the deployment name from the resource's Deployments page (not the model's name) "
                            f"after /openai/deployments/ in {check.endpoint}; a new deployment takes up to 5 minutes.")
    code = f" {answer.code}" if answer.code != str(answer.status) else ""
    return check.result("deployment", SKIP, f"not proven: the service answered {answer.status}{code}")


def api_version(check):
    if check.kind is not ep.AOAI_DEPLOYMENT or check.answer is None:
        return None
    answer = check.answer
    if answer.status == 404 and answer.code == "404":
        return check.result("api-version", FAIL, f"api-version={ep.API_VERSION}, which the notebooks send, is not "
                            "served here (404 Resource not found)",
                            f"Move to the v1 API, which takes no api-version: set AZURE_OPENAI_BASE_URL and see "
                            f"{retirements.MIGRATION}.")
    return check.result("api-version", PASS, f"api-version={ep.API_VERSION} is served")


STEPS = (value, resolution, tls, authentication, route, deployment, api_version)
