"""Endpoint kinds: what each URL form is, which client takes it, and whether it still serves."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from openai_v1_migrate import retirements

from .errors import EndpointKindError

API_VERSION = "2024-06-01"  # what the notebooks pass to Azure OpenAI deployments (guides 002 and 004)


@dataclass(frozen=True)
class EndpointKind:
    name: str
    label: str
    form: str
    client: str
    serves: str
    retirement: retirements.Retirement | None = None  # what the public record says of its route, when it says
    hosts: tuple = ()  # a service with fixed hosts

    @property
    def retired(self):
        """Its route's retirement when the record gives it a date (its requests then always replay), else None."""
        return self.retirement if self.retirement and self.retirement.date else None


SERVERLESS = EndpointKind(
    "serverless", "serverless / managed compute", "https://<name>.<region>.models.ai.azure.com",
    "azure-ai-inference", f"live if yours still answers ({retirements.SERVERLESS.fact}; the doctor checks it)",
    retirements.SERVERLESS,
)
FOUNDRY = EndpointKind(
    "foundry", "Foundry models", "https://<resource>.services.ai.azure.com/models", "azure-ai-inference",
    f"replay only: {retirements.MODEL_INFERENCE_API.fact}", retirements.MODEL_INFERENCE_API,
)
AOAI_DEPLOYMENT = EndpointKind(
    "aoai_deployment", "Azure OpenAI deployment",
    "https://<resource>.openai.azure.com/openai/deployments/<deployment>",
    "azure-ai-inference (with api_version) or AzureOpenAI", "live on your Azure OpenAI resource",
)
AOAI_RESOURCE = EndpointKind(
    "aoai_resource", "Azure OpenAI resource", "https://<resource>.openai.azure.com/",
    "AzureOpenAI(azure_endpoint=...)", "live on your Azure OpenAI resource",
)
AOAI_V1 = EndpointKind(
    "aoai_v1", "Azure OpenAI v1", "https://<resource>.openai.azure.com/openai/v1/",
    "OpenAI(base_url=...)", "live on your Azure OpenAI resource: the supported path",
)
GITHUB_MODELS_HOSTS = ("models.inference.ai.azure.com", "models.github.ai")
GITHUB_MODELS = EndpointKind(
    "github_models", "GitHub Models", "https://models.inference.ai.azure.com",
    "azure-ai-inference", f"replay only: {retirements.GITHUB_MODELS.fact}", retirements.GITHUB_MODELS,
    GITHUB_MODELS_HOSTS,
)
OPENAI = EndpointKind("openai", "OpenAI", "https://api.openai.com/v1", "OpenAI()", "live with an OpenAI key",
                      hosts=("api.openai.com",))

KINDS = (SERVERLESS, FOUNDRY, AOAI_DEPLOYMENT, AOAI_RESOURCE, AOAI_V1, GITHUB_MODELS, OPENAI)
RETIRED = tuple(kind for kind in KINDS if kind.retired)  # their requests always replay
SDK_RETIRED = (SERVERLESS, FOUNDRY)  # only azure-ai-inference, now retired, was made for them

PORTAL_HOSTS = ("portal.azure.com", "ai.azure.com", "oai.azure.com", "ml.azure.com", "github.com")
AOAI_HOST_SUFFIXES = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")


def detect(url):
    """Return the EndpointKind of url, or None when it is none of the known forms."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    path = parts.path.rstrip("/")
    if host in GITHUB_MODELS_HOSTS:
        return GITHUB_MODELS
    if host == "api.openai.com":
        return OPENAI
    if host.endswith(".models.ai.azure.com") and path == "":
        return SERVERLESS
    if host.endswith(".services.ai.azure.com") and path == "/models":
        return FOUNDRY
    if host.endswith(AOAI_HOST_SUFFIXES):
        if path == "/openai/v1":
            return AOAI_V1
        segments = path.split("/")
        if len(segments) == 4 and segments[1:3] == ["openai", "deployments"] and segments[3]:
            return AOAI_DEPLOYMENT
        if path == "" and not host.endswith(".services.ai.azure.com"):
            return AOAI_RESOURCE
    return None


def _shape(url):
    """The URL with its host and query hidden: resource names and pasted keys stay out of messages and outputs."""
    parts = urlsplit(url)
    return f"{parts.scheme}://<host>{parts.path}" + ("?<query>" if parts.query else "")


def check(variable, url, allowed, hint=""):
    """Raise EndpointKindError unless url is https and one of the allowed kinds."""
    wanted = " or ".join(f"{kind.label} ({kind.form})" for kind in allowed)
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise EndpointKindError(f"{variable} is not a URL. Expected {wanted}.") from None
    if host in PORTAL_HOSTS or host.endswith(".portal.azure.com"):
        raise EndpointKindError(
            f"{variable} is a portal page ({host}), not an API endpoint.\n"
            f"Copy the endpoint shown under 'Keys and Endpoint' of your deployment instead: {wanted}."
        )
    if parts.scheme != "https":
        raise EndpointKindError(
            f"{variable} must start with https:// (it starts with {parts.scheme or 'no scheme'}://).\n"
            f"Azure endpoints only answer over TLS. Expected {wanted}."
        )
    if "api-version" in parts.query:
        raise EndpointKindError(
            f"{variable} carries an api-version query in the URL ({_shape(url)}).\n"
            "Remove the query string: the client sends api-version itself (api_version=... in the code)."
        )
    kind = detect(url)
    if kind in allowed:
        return kind
    if kind:
        found = f"an endpoint of the kind '{kind.label}' ({kind.form})"
    else:
        found = f"not a known Azure endpoint ({_shape(url)})"
    message = f"{variable} is {found}, but the code that reads it needs {wanted}."
    if kind is AOAI_DEPLOYMENT:
        message += (
            "\nThis code calls the client without api_version, and Azure OpenAI deployments refuse requests without"
            f" one. Put this URL in AZURE_OPENAI_CHAT_ENDPOINT, whose code passes api_version=\"{API_VERSION}\"."
        )
    elif kind is AOAI_V1:
        message += (
            "\nThe /openai/v1/ route is for the OpenAI v1 SDK, not azure-ai-inference."
            f" Put it in AZURE_OPENAI_BASE_URL ({retirements.MIGRATION})."
        )
    if hint:
        message += f"\n{hint}"
    raise EndpointKindError(message)
