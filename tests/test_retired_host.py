"""A connection error to GitHub Models' retired host becomes one message naming the retirement and the migration.

Live, models.inference.ai.azure.com no longer answers: the SDKs raise a connection error, not an HTTP answer. Each test
sends a real SDK request whose URL names that host through a transport that connects to a loopback port where nothing
listens, so the connection is refused as the retired host's is, and the SDK raises its own connection error.
"""

import subprocess
import sys

import httpx2
import pytest
import requests

from helpers.explain import explain
from helpers.paths import ROOT
from tests.support.loopback import LOOPBACK, refused_port

RETIRED = "https://models.inference.ai.azure.com"
MESSAGE = ("models.inference.ai.azure.com did not answer: it is an endpoint of GitHub Models, which was retired on "
           "2026-07-30: its inference API, playground and catalog (models.inference.ai.azure.com had stopped answering "
           "on 2025-10-17).\n"
           "Move this code to the OpenAI v1 API (https://<resource>.openai.azure.com/openai/v1/): "
           "see notebooks/08_migrate_inference_to_openai_v1.ipynb.")


class ToLoopback(requests.adapters.HTTPAdapter):
    """Sends each request to 127.0.0.1:port over plain HTTP; the request keeps its own URL."""

    def __init__(self, port):
        super().__init__(max_retries=0)
        self.port = port

    def send(self, request, **kwargs):
        url = request.url
        request.url = url.replace(RETIRED, f"http://{LOOPBACK}:{self.port}", 1)
        try:
            return super().send(request, **kwargs)
        finally:
            request.url = url


class ToLoopbackTransport(httpx2.HTTPTransport):
    """Sends a copy of each request to 127.0.0.1:port over plain HTTP; openai's request keeps its own URL."""

    def __init__(self, port):
        super().__init__()
        self.port = port

    def handle_request(self, request):
        url = request.url.copy_with(scheme="http", host=LOOPBACK, port=self.port)
        return super().handle_request(httpx2.Request(request.method, url, headers=request.headers,
                                                     content=request.read()))


def test_azure_ai_inference_connection_error_to_the_retired_github_models_host_is_explained():
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import UserMessage
    from azure.core.credentials import AzureKeyCredential
    from azure.core.exceptions import ServiceRequestError
    from azure.core.pipeline.transport import RequestsTransport

    with refused_port() as port, requests.Session() as session:
        session.mount(RETIRED, ToLoopback(port))
        client = ChatCompletionsClient(endpoint=RETIRED, credential=AzureKeyCredential("github-token"),
                                       model="mistral-large", retry_total=0,
                                       transport=RequestsTransport(session=session, session_owner=False))
        with pytest.raises(ServiceRequestError) as error:
            client.complete(messages=[UserMessage(content="Hello!")])
    assert explain(error.value, "01_auth") == MESSAGE


def test_openai_connection_error_to_the_retired_github_models_host_is_explained():
    from openai import APIConnectionError, DefaultHttpxClient, OpenAI

    with refused_port() as port:
        client = OpenAI(base_url=RETIRED, api_key="github-token", max_retries=0,
                        http_client=DefaultHttpxClient(transport=ToLoopbackTransport(port)))
        with pytest.raises(APIConnectionError) as error:
            client.chat.completions.create(model="mistral-large", messages=[{"role": "user", "content": "Hello!"}])
    assert explain(error.value, "08_migrate_inference_to_openai_v1") == MESSAGE


def test_a_connection_error_to_another_host_gets_no_retirement_message():
    from openai import APIConnectionError, DefaultHttpxClient, OpenAI

    with refused_port() as port:
        client = OpenAI(base_url=f"http://{LOOPBACK}:{port}", api_key="key", max_retries=0,
                        http_client=DefaultHttpxClient())
        with pytest.raises(APIConnectionError) as error:
            client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello!"}])
    assert explain(error.value, "08_migrate_inference_to_openai_v1") is None


def test_explaining_an_azure_error_does_not_import_openai_into_a_kernel_that_never_used_it():
    """In a notebook that uses only azure-ai-inference, the kit's look at an error must not cost it openai's import
    (most of a second): an error cannot be an instance of a class never imported."""
    code = f"""
import sys
import requests
from azure.core.exceptions import ServiceRequestError
from helpers.explain import explain
inner = requests.exceptions.ConnectionError(request=requests.Request("POST", "{RETIRED}/chat/completions").prepare())
print(repr(explain(ServiceRequestError(inner, error=inner), "01_auth")))
print("openai" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.splitlines() == [repr(MESSAGE), "False"]
