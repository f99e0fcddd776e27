"""What the lessons say about the SDKs' security, retries, timeouts and token refresh, held by the installed SDKs
themselves: real clients against a loopback server (tests/support/loopback.py) that answers from a script.

Where to read each behaviour, in .venv/lib/python3.11/site-packages:
- azure/core/pipeline/policies/_authentication.py: _enforce_https raises ServiceRequestError for a token over http://;
  a token is refreshed when less than DEFAULT_REFRESH_WINDOW_SECONDS (300) minus a jitter of 0 to
  MAX_REFRESH_JITTER_SECONDS (60) remain, which azure/identity/_bearer_token_provider.py's get_bearer_token_provider
  inherits (01 troubleshooting, 09 Step 5 and exercise 2).
- azure/core/pipeline/policies/_retry.py: RetryPolicy.sleep sleeps what Retry-After says, with no cap; its ``timeout``
  is checked only before the next try (06 Step 4).
- azure/core/exceptions.py: HttpResponseError's message is "(code) message" from the error body, so 02 can tell a
  wrong deployment name from a wrong path.
- openai/_base_client.py, _should_retry and the retry loop, and openai/_constants.py: no retry when Retry-After asks for
  more than MAX_RETRY_AFTER_DELAY (120 s); x-should-retry is obeyed; timeouts and connection errors are retried
  (06 Steps 3 and 4, 08).
"""

import json
import time

import httpx2
import pytest
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AccessToken, AzureKeyCredential
from azure.core.exceptions import (
    HttpResponseError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceResponseTimeoutError,
)
from azure.identity import get_bearer_token_provider
from openai import APIConnectionError, APITimeoutError, BadRequestError, InternalServerError, OpenAI, RateLimitError
from openai._constants import MAX_RETRY_AFTER_DELAY

from tests.support.loopback import FakeAzure, refused_port
from tools import wire

SCOPE = "https://cognitiveservices.azure.com/.default"
OK = (200, {}, {"id": "chatcmpl-kit-1", "object": "chat.completion", "created": 0, "model": "m", "choices": [
    {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi"}}]}, 0)


def throttled(**headers):
    return 429, headers, {"error": {"code": "429", "message": "Too many requests."}}, 0


class ScriptedAzure(FakeAzure):
    """A loopback server that answers the n-th request with answers[n] (the last one again after the script ends):
    (status, headers, JSON body, seconds to wait before answering)."""

    def __init__(self, *answers):
        super().__init__()
        self.answers = answers


class _Scripted(FakeAzure.handler):
    def _serve(self, method):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        fake.seen.append((method, self.path, dict(self.headers.items()), self.rfile.read(length).decode()))
        status, headers, body, delay = fake.answers[min(len(fake.seen), len(fake.answers)) - 1]
        time.sleep(delay)
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", "Content-Length": str(len(data)),
                                **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as a timeout test wants
            pass


ScriptedAzure.handler = _Scripted


class TokenCredential:
    """A credential as azure-identity's are: get_token returns a token that expires seconds_left from now."""

    def __init__(self, seconds_left=3600):
        self.seconds_left, self.fetches = seconds_left, 0

    def get_token(self, *scopes, **kwargs):
        self.fetches += 1
        return AccessToken(f"token-{self.fetches}", int(time.time() + self.seconds_left))


def openai_client(server, **options):
    return OpenAI(base_url=f"{server.url}/openai/v1/", api_key="a-key", **options)


def ask(client):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])


# --- 01: http:// -------------------------------------------------------------------------------------------------

def test_a_token_credential_over_http_raises_service_request_error_and_sends_nothing():
    with ScriptedAzure(OK) as server:
        client = ChatCompletionsClient(endpoint=server.url, credential=TokenCredential(), credential_scopes=[SCOPE])
        with pytest.raises(ServiceRequestError, match=r"^Bearer token authentication is not permitted for non-TLS "
                                                      r"protected \(non-https\) URLs\.$"):
            client.complete(messages=[UserMessage("Hi")])
        assert server.seen == []


def test_a_key_credential_over_http_raises_nothing_and_sends_the_key_in_clear_text():
    with ScriptedAzure(OK) as server:
        client = ChatCompletionsClient(endpoint=server.url, credential=AzureKeyCredential("the-secret-key"))
        assert client.complete(messages=[UserMessage("Hi")]).choices[0].message.content == "Hi"
        (_, _, headers, _), = server.seen
        assert server.url.startswith("http://")
        assert headers["api-key"] == "the-secret-key"
        assert headers["Authorization"] == "Bearer the-secret-key"


# --- 09: when azure-core refreshes a token --------------------------------------------------------------------------

def fetches_for_two_requests(seconds_left):
    """How many tokens get_bearer_token_provider (09's, built on the bearer policy) fetches for two requests."""
    credential = TokenCredential(seconds_left)
    token_provider = get_bearer_token_provider(credential, SCOPE)
    token_provider(), token_provider()
    return credential.fetches


def test_a_token_is_refreshed_when_less_than_300_s_minus_a_jitter_of_up_to_60_s_remain_never_earlier():
    assert {fetches_for_two_requests(301) for _ in range(100)} == {1}  # 300 s or more left: kept
    assert {fetches_for_two_requests(239) for _ in range(100)} == {2}  # under 240 s left: always refreshed
    assert {fetches_for_two_requests(270) for _ in range(200)} == {1, 2}  # between: it depends on the jitter


# --- 06 and 08: openai's retries ----------------------------------------------------------------------------------

def test_openai_retries_a_429_twice_but_not_when_retry_after_asks_for_more_than_120_seconds():
    assert MAX_RETRY_AFTER_DELAY == 120
    with ScriptedAzure(throttled(**{"retry-after-ms": "1"})) as server:
        with pytest.raises(RateLimitError):
            ask(openai_client(server))
        assert len(server.seen) == 3
    with ScriptedAzure(throttled(**{"retry-after": "121"})) as server:
        started = time.monotonic()
        with pytest.raises(RateLimitError):
            ask(openai_client(server))
        assert len(server.seen) == 1
        assert time.monotonic() - started < 5


def test_openai_obeys_x_should_retry_whatever_the_status():
    with ScriptedAzure((503, {"x-should-retry": "false"}, {"error": {"message": "busy"}}, 0)) as server:
        with pytest.raises(InternalServerError):
            ask(openai_client(server))
        assert len(server.seen) == 1
    with ScriptedAzure((400, {"x-should-retry": "true", "retry-after-ms": "1"}, {"error": {"message": "x"}}, 0)) \
            as server:
        with pytest.raises(BadRequestError):
            ask(openai_client(server))
        assert len(server.seen) == 3


def test_openai_retries_a_timeout_twice_then_raises_api_timeout_error():
    with ScriptedAzure((*OK[:3], 1.0)) as server:
        with pytest.raises(APITimeoutError):
            ask(openai_client(server, timeout=0.2))
        assert len(server.seen) == 3


def test_openai_retries_a_connection_error_twice_then_raises_api_connection_error():
    attempts = []
    with refused_port() as port:
        client = OpenAI(base_url=f"http://127.0.0.1:{port}/openai/v1/", api_key="a-key",
                        http_client=httpx2.Client(event_hooks={"request": [attempts.append]}))
        with pytest.raises(APIConnectionError):
            ask(client)
    assert len(attempts) == 3


# --- 06: azure-core waits as long as Retry-After says -----------------------------------------------------------

def test_azure_core_sleeps_the_whole_retry_after_even_past_its_timeout_and_retry_total_0_raises_at_once():
    with ScriptedAzure(throttled(**{"retry-after": "2"}), OK) as server:
        client = ChatCompletionsClient(endpoint=server.url, credential=AzureKeyCredential("k"))
        started = time.monotonic()
        with pytest.raises(ServiceResponseTimeoutError):
            client.complete(messages=[UserMessage("Hi")], timeout=0.5)
        assert time.monotonic() - started >= 2  # slept all of Retry-After, then found its 0.5 s used up
        assert len(server.seen) == 1
    with ScriptedAzure(throttled(**{"retry-after": "86400"})) as server:
        client = ChatCompletionsClient(endpoint=server.url, credential=AzureKeyCredential("k"))
        started = time.monotonic()
        with pytest.raises(HttpResponseError) as raised:
            client.complete(messages=[UserMessage("Hi")], retry_total=0)
        assert time.monotonic() - started < 5
        assert raised.value.status_code == 429 and raised.value.response.headers["retry-after"] == "86400"
        assert len(server.seen) == 1


# --- 02: the two 404s a learner can tell apart --------------------------------------------------------------------

@pytest.mark.parametrize(("code", "message", "shown"), [
    ("DeploymentNotFound", wire.NOT_DEPLOYED,
     "(DeploymentNotFound) The API deployment for this resource does not exist."),
    ("404", "Resource not found", "(404) Resource not found"),
], ids=["wrong deployment name", "wrong path"])
def test_azure_ai_inference_shows_each_404_as_02s_troubleshooting_table_quotes_it(code, message, shown):
    with ScriptedAzure((404, {}, wire.error(code, message), 0)) as server:
        client = ChatCompletionsClient(endpoint=f"{server.url}/openai/deployments/no-such-deployment",
                                       credential=AzureKeyCredential("k"), api_version="2024-06-01")
        with pytest.raises(ResourceNotFoundError) as raised:
            client.complete(messages=[UserMessage("Hi")])
        assert str(raised.value).startswith(shown)
