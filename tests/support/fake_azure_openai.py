"""Azure OpenAI (and OpenAI's /v1/models) on 127.0.0.1 under the real hostnames, playing each answer the doctor reads.

    certificate = write_certificate(tmp_path, hosts=HOSTS)   # valid for the real names, signed by a test CA
    with FakeAzureOpenAI(certificate=certificate) as service:
        diagnose(..., resolve=service.resolve)                # every name in HOSTS -> 127.0.0.1:<port>

Routes: POST /openai/deployments/<d>/chat/completions?api-version=<v>, GET /openai/v1/models, GET /v1/models, and
loopback.FakeAzure's Entra ID token endpoint. The Model Inference API's GET /info answers on the hosts of the routes
openai_v1_migrate.retirements speaks of, as ``RETIRED`` says: a serverless endpoint with its model's info
(tests/reference/serverless-info-200.json), a Foundry /models route with 404, GitHub Models' host with 410.
A caller is accepted with the key in ``api-key`` (or, for /v1/models and /info, ``Authorization: Bearer``), or with a
token it trusts whose audience is https://cognitiveservices.azure.com.
Checks run in this order: the api-version, the caller, the deployment. The real service does not document its order,
and the doctor does not depend on it.

The error bodies are the service's, as public reports quote them:
- 401 wrong key: ``{"error": {"code": "401", "message": "Access denied due to invalid subscription key or wrong API
  endpoint..."}}``: shared/WIRE.md, from azure-sdk-assets python/ai/azure-ai-inference recordings.
- 401 token refused: ``{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is
  incorrect (https://cognitiveservices.azure.com), or have expired."}``: Azure-Samples/azure-search-openai-demo#458,
  MuiseDestiny/zotero-gpt#412, Farzad-R/Advanced-QA-and-RAG-Series#3.
- PermissionDenied: ``{"error": {"code": "PermissionDenied", "message": "The principal `<id>` lacks the required data
  action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST
  /openai/deployments/{deployment-id}/chat/completions` operation."}}``. Every public report found gives it status
  401, not 403 (openai's AuthenticationError "Error code: 401 - {'error': {'code': 'PermissionDenied', ...": Azure-
  Samples/azure-ai-studio-secure-bicep#17; azure-core's "Status: 401 (PermissionDenied)": davrous/AzureAgentToM365#3),
  so 401 is the default here and ``permission_status=403`` plays the other.
- 404 DeploymentNotFound: ``{"error": {"code": "DeploymentNotFound", "message": "The API deployment for this resource
  does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}``:
  Azure/openai-at-scale#48, Azure-Samples/azure-search-openai-demo#391, microsoft/azure-openai-in-a-day-workshop#8.
- 404 unsupported api-version: ``{"error": {"code": "404", "message": "Resource not found"}}``:
  Azure-Samples/openai#73 (an api-version withdrawn), CherryHQ/cherry-studio#8077, openai/openai-python#362.
- 410 Gone from GitHub Models' host and 404 from a Foundry /models route after their retirement: illustrative. Their
  exact answers after retirement are not documented (tidyverse/ellmer#1072 reports 410 Gone from GitHub Models);
  they stand for whatever status and error code such a route answers, which the doctor quotes.
- OpenAI's 401: ``{"error": {"message": ..., "type": "invalid_request_error", "param": null, "code":
  "invalid_api_key"}}``, the fields of openai's ErrorObject (openai/types/shared/error_object.py).
"""

import base64
import binascii
import json
import socket
import uuid
from urllib.parse import parse_qs, urlsplit

from tools import wire
from tools.wire import AZURE_OPENAI_UNAUTHORIZED, NOT_DEPLOYED, TOKEN_REFUSED, permission_denied

from .loopback import FakeAzure, _Handler

HOSTS = ("example-resource.openai.azure.com", "models.inference.ai.azure.com", "api.openai.com",
         "example-model.eastus2.models.ai.azure.com", "example-resource.services.ai.azure.com")
# What GET /info answers on each retired route's host (status, body); a serverless endpoint answers its model's info.
RETIRED = {
    "models.inference.ai.azure.com": (410, wire.error("Gone", wire.GITHUB_MODELS_GONE)),
    "example-resource.services.ai.azure.com": (404, wire.error("404", "Resource not found")),
}
AUDIENCE = "https://cognitiveservices.azure.com"


def audience(token):
    """The aud claim of a JWT, or None when the token is no JWT."""
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).get("aud")
    except (IndexError, ValueError, binascii.Error):
        return None


class FakeAzureOpenAI(FakeAzure):
    """deployments: names that exist; api_versions: those served; role: whether trusted tokens may call;
    permission_status: the status of PermissionDenied."""

    def __init__(self, deployments=("gpt-4o-mini",), api_versions=("2024-06-01", "2024-10-21"), role=True,
                 permission_status=401, **options):
        super().__init__(**options)
        self.deployments, self.api_versions = set(deployments), set(api_versions)
        self.role, self.permission_status = role, permission_status
        self.principal = str(uuid.uuid4())

    def resolve(self, host):
        """The doctor's resolver for tests: the real names of HOSTS answer here; any other name does not resolve."""
        if host not in HOSTS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return "127.0.0.1", self.port


class _AzureOpenAIHandler(_Handler):
    def _serve(self, method):
        fake = self.server.fake
        parts = urlsplit(self.path)
        if "/oauth2/" in parts.path or "/.well-known/" in parts.path:
            return super()._serve(method)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        fake.seen.append((method, self.path, dict(self.headers.items()), body))
        if parts.path == "/v1/models":
            return self._openai_models(fake)
        if method == "GET" and parts.path.endswith("/info"):
            return self._info(fake)
        segments = parts.path.split("/")
        if method == "POST" and segments[1:3] == ["openai", "deployments"] and segments[4:] == ["chat", "completions"]:
            version = parse_qs(parts.query).get("api-version", [""])[0]
            if version not in fake.api_versions:
                return self._json(404, wire.error("404", "Resource not found"))
            if not self._caller_may_call(fake):
                return None
            if segments[3] not in fake.deployments:
                return self._json(404, wire.error("DeploymentNotFound", NOT_DEPLOYED))
            return self._json(200, wire.chat_completion("OK", "gpt-4o-mini-2024-07-18", completion_tokens=1,
                                                        azure_openai=True))
        if method == "GET" and parts.path == "/openai/v1/models":
            if self._caller_may_call(fake):
                self._json(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]})
            return None
        return self._json(404, wire.error("404", "Resource not found"))

    def _info(self, fake):
        """azure-ai-inference's GET /info: what a retired route answers, or a serverless model's info for its key."""
        host = self.headers.get("Host", "")
        if host in RETIRED:
            return self._json(*RETIRED[host])
        if self.headers.get("Authorization") != f"Bearer {fake.key}":
            return self._json(401, wire.SERVERLESS_UNAUTHORIZED)
        return self._json(200, wire.model_info("mistral-large-2411", "Mistral"))

    def _caller_may_call(self, fake):
        """True, or sends the service's refusal and returns False."""
        key = self.headers.get("api-key")
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        if key is None and token:
            if token not in fake.trusted or audience(token) != AUDIENCE:
                self._json(401, TOKEN_REFUSED)
                return False
            if not fake.role:
                self._json(fake.permission_status, permission_denied(fake.principal))
                return False
            return True
        if key != fake.key:
            self._json(401, wire.error("401", AZURE_OPENAI_UNAUTHORIZED))
            return False
        return True

    def _openai_models(self, fake):
        if (self.headers.get("Authorization") or "") != f"Bearer {fake.key}":
            return self._json(401, {"error": {"message": "Incorrect API key provided. You can find your API key at "
                                              "https://platform.openai.com/account/api-keys.",
                                              "type": "invalid_request_error", "param": None,
                                              "code": "invalid_api_key"}})
        return self._json(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model",
                                                            "owned_by": "system"}]})


FakeAzureOpenAI.handler = _AzureOpenAIHandler
