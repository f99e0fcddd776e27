"""make record refreshes what it can reach and keeps the rest: `make record NB=02_chat` (tools.run_notebooks in record
mode) for a learner with only an Azure OpenAI resource, against a loopback service that answers as Azure OpenAI under
real-looking hostnames (tests/support/loopback.py through tests/support/loopback_proxy.py). The serverless interactions
are kept as the cassette had them, the Azure OpenAI ones are new and scrubbed, each interaction says where it came from,
and the result replays under strict nbval."""

import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.cassettes import load, origins
from helpers.paths import NOTEBOOKS, RECORDINGS, ROOT
from tests.support.kernels import copy_repo, execute
from tests.support.learner_env import AZURE_OPENAI, RESOURCE, learner_shell
from tools import run_notebooks

NOTEBOOK = "02_chat"
SERVERLESS = "example-model.eastus2.models.ai.azure.com"


def host(interaction):
    return urlsplit(interaction["request"]["uri"]).hostname


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, learners_azure_openai):
    """The cassette make record wrote, moved out of the checkout; the key the learner used."""
    azure, proxy, ca = learners_azure_openai
    new = RECORDINGS / f"{NOTEBOOK}.new.yaml"
    shell = learner_shell(proxy, ca, NOTEBOOK_MODE="record", AZURE_OPENAI_CHAT_KEY=azure.key,
                          AZURE_OPENAI_API_KEY=azure.key, **AZURE_OPENAI)
    with pytest.MonkeyPatch.context() as patch:
        for name in list(__import__("os").environ):
            patch.delenv(name)
        for name, value in shell.items():
            patch.setenv(name, value)
        try:
            run_notebooks.main([NOTEBOOK])
            kept = tmp_path_factory.mktemp("recorded") / f"{NOTEBOOK}.yaml"
            kept.write_bytes(new.read_bytes())
        finally:
            new.unlink(missing_ok=True)
    assert {h.rsplit(":", 1)[0] for h in proxy.hosts} == {RESOURCE}
    return kept, azure.key


def test_the_serverless_interactions_are_kept_as_the_cassette_had_them(recorded):
    old, new = load(RECORDINGS / f"{NOTEBOOK}.yaml"), load(recorded[0])
    kept = [i for i in new["interactions"] if host(i) == SERVERLESS]
    assert kept and kept == [i for i in old["interactions"] if host(i) == SERVERLESS]
    assert {origin for i, origin in zip(new["interactions"], origins(new), strict=True)
            if host(i) == SERVERLESS} == {"synthesized"}


def test_the_azure_openai_interactions_are_new_scrubbed_and_say_they_were_recorded(recorded):
    path, key = recorded
    new, text = load(path), path.read_text(encoding="utf-8")
    live = [(i, origin) for i, origin in zip(new["interactions"], origins(new), strict=True)
            if host(i) == "example-resource.openai.azure.com"]
    assert live and {origin for _, origin in live} == {"recorded"}
    answered = [i["response"]["body"]["string"] for i, _ in live if i["response"]["status"]["code"] == 200]
    assert answered and all("You asked:" in body for body in answered)
    assert key not in text and RESOURCE not in text and "127.0.0.1" not in text
    provenance = new["metadata"]["provenance"]
    assert provenance["source"] == "mixed" and provenance["recorded"]["sdk_versions"]["openai"]
    assert provenance["synthesized"]["references"] == load(RECORDINGS / f"{NOTEBOOK}.yaml")["metadata"]["provenance"][
        "references"]


def test_the_new_cassette_replays_under_strict_nbval(recorded, tmp_path):
    repo = copy_repo(tmp_path, f"solutions/{NOTEBOOK}")
    (repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml").write_bytes(recorded[0].read_bytes())
    (repo / "notebooks" / "solutions").mkdir()
    for beside in (f"{NOTEBOOK}.checks.yaml", f"{NOTEBOOK}.ipynb"):  # what check(n) and solution(n) read
        shutil.copy(NOTEBOOKS / "solutions" / beside, repo / "notebooks" / "solutions")
    shutil.copy(NOTEBOOKS / f"{NOTEBOOK}.ipynb", repo / "notebooks")
    page = nbformat.read(NOTEBOOKS / f"{NOTEBOOK}.ipynb", as_version=4)
    shell = learner_shell(None, None, NOTEBOOK_REPLAY_STRICT="1", PYTHONPATH=str(repo))
    execute(NotebookClient(page, kernel_name="python3", timeout=120,
                           resources={"metadata": {"path": str(repo / "notebooks")}}), env=shell)
    nbformat.write(page, repo / "notebooks" / f"{NOTEBOOK}.ipynb")
    checked = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", f"--nbval-sanitize-with={ROOT / 'tests' / 'nbval_sanitize.cfg'}",
         str(repo / "notebooks" / f"{NOTEBOOK}.ipynb")],
        cwd=repo, env=shell, capture_output=True, text=True, timeout=300, check=False)
    assert checked.returncode == 0, checked.stdout[-3000:]
