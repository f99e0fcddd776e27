"""No live run leaves a key in a saved notebook: 06_errors_and_logging and its solutions notebook, run live (today's
NOTEBOOK_MODE=live, every variable of 06 set in the learner's shell) against tests/support/loopback.py, reached through
a loopback HTTPS proxy under real-looking hostnames. 06's unredacted-logging step prints the request headers, api-key
and Authorization included. The saved notebook holds the keys' names, and no trace of the keys.

Every call of 06 reaches the loopback service (an answer in its shape, not 06's recorded one), so cells whose lesson
needs a recorded error raise other errors here: the run allows errors, and the test reads only what was saved.
"""


import nbformat
import pytest
from nbclient import NotebookClient

from helpers.paths import NOTEBOOKS
from tests.support.kernels import execute
from tests.support.learner_env import learner_shell
from tests.support.loopback_proxy import behind_proxy

HOSTS = {"AZURE_AI_CHAT_ENDPOINT": "https://contoso-llama.eastus2.models.ai.azure.com",
         "AZURE_AI_EMBEDDINGS_ENDPOINT": "https://contoso-embed.eastus2.models.ai.azure.com",
         "AZURE_OPENAI_CHAT_ENDPOINT": "https://contoso-aoai.openai.azure.com/openai/deployments/gpt-4o-mini",
         "AZURE_OPENAI_BASE_URL": "https://contoso-aoai.openai.azure.com/openai/v1/"}
SECRETS = ("AZURE_AI_CHAT_KEY", "AZURE_AI_EMBEDDINGS_KEY", "AZURE_OPENAI_CHAT_KEY", "AZURE_OPENAI_API_KEY")


@pytest.fixture(scope="module")
def services_of_06(tmp_path_factory):
    """Every endpoint 06 reads, on one loopback service behind the proxy: (azure, proxy, ca)."""
    with behind_proxy(tmp_path_factory.mktemp("tls"), sorted({url.split("/")[2] for url in HOSTS.values()})) as reached:
        yield reached


def run_live(notebook, services_of_06, tmp_path):
    azure, proxy, ca = services_of_06
    shell = learner_shell(proxy, ca, **HOSTS, **dict.fromkeys(SECRETS, azure.key), NOTEBOOK_MODE="live")
    page = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    execute(NotebookClient(page, kernel_name="python3", timeout=120, allow_errors=True,
                           resources={"metadata": {"path": str((NOTEBOOKS / notebook).parent)}}), env=shell)
    saved = tmp_path / "saved.ipynb"
    nbformat.write(page, saved)
    return saved.read_text(encoding="utf-8")


@pytest.mark.parametrize("notebook", ["06_errors_and_logging", "solutions/06_errors_and_logging"])
def test_a_live_run_of_06_saves_no_trace_of_the_key(services_of_06, tmp_path, notebook):
    azure, proxy, _ = services_of_06
    seen = len(azure.seen)
    saved = run_live(notebook, services_of_06, tmp_path)
    assert len(azure.seen) > seen and "contoso-llama.eastus2.models.ai.azure.com:443" in proxy.hosts
    assert azure.key not in saved and azure.key[:12] not in saved and azure.key[-12:] not in saved
    assert "'api-key': '<AZURE_AI_CHAT_KEY>'" in saved, "the unredacted log no longer shows where the key goes"
