"""Every lesson as the learner lives it today, in two settings, against a loopback service that answers as Azure OpenAI
(tests/support/loopback.py, reached under real-looking hostnames through tests/support/loopback_proxy.py):

- a learner with only an Azure OpenAI resource (its five variables in the shell, NOTEBOOK_MODE unset): the Azure OpenAI
  steps go to the service, everything else replays, and nothing reaches a retired host;
- a learner with nothing set: everything replays and nothing reaches the network.

Either way no cell raises an error the lesson does not show on purpose (a `raises-exception` cell). Live, every code
cell of every lesson and solution runs twice in a row, as a learner re-runs cells (tests/test_replay_for_learners.py
does the same in replay). The service answers in its own words, not the recording's, so outputs are not compared
here: nbval compares them in replay.
"""


import nbformat
import pytest
from nbclient import NotebookClient

from helpers import settings
from helpers.paths import NOTEBOOKS
from tests.support.kernels import execute
from tests.support.learner_env import AZURE_OPENAI, RESOURCE, learner_shell

LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted(f"solutions/{p.stem}" for p in (NOTEBOOKS / "solutions").glob("[0-9][0-9]_*.ipynb"))
KEYS = ("AZURE_OPENAI_CHAT_KEY", "AZURE_OPENAI_API_KEY")


def unexpected_errors(notebook, shell, twice=False):
    page = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    if twice:
        kit, *cells = page.cells
        page.cells = [kit, *(again for cell in cells for again in ([cell, nbformat.from_dict(dict(cell))]
                                                                  if cell.cell_type == "code" else [cell]))]
    execute(NotebookClient(page, kernel_name="python3", timeout=120, allow_errors=True,
                           resources={"metadata": {"path": str((NOTEBOOKS / notebook).parent)}}), env=shell)
    return [f"cell {index}: {output.ename}: {output.evalue.splitlines()[0] if output.evalue else ''}"
            for index, cell in enumerate(page.cells) if cell.cell_type == "code"
            and "raises-exception" not in cell.metadata.get("tags", [])
            for output in cell.get("outputs", []) if output.output_type == "error"]


@pytest.mark.parametrize("notebook", LESSONS + SOLUTIONS)
def test_a_learner_with_only_azure_openai_runs_its_steps_live_and_the_rest_replayed(learners_azure_openai, notebook):
    azure, proxy, ca = learners_azure_openai
    seen, asked = len(azure.seen), len(proxy.hosts)
    shell = learner_shell(proxy, ca, **AZURE_OPENAI, **dict.fromkeys(KEYS, azure.key))
    assert unexpected_errors(notebook, shell, twice=True) == []
    hosts = {host.rsplit(":", 1)[0] for host in proxy.hosts[asked:]}
    assert hosts <= {RESOURCE}, f"{notebook} reached {hosts - {RESOURCE}}"
    if notebook in LESSONS and any(name.startswith("AZURE_OPENAI_") for name in settings.READS[notebook]):
        assert hosts == {RESOURCE} and len(azure.seen) > seen, f"{notebook}: no Azure OpenAI request reached it"


@pytest.mark.parametrize("notebook", LESSONS)
def test_a_learner_with_nothing_set_runs_the_lesson_from_the_recording(learners_azure_openai, notebook):
    azure, proxy, ca = learners_azure_openai
    seen, asked = len(azure.seen), len(proxy.hosts)
    assert unexpected_errors(notebook, learner_shell(proxy, ca)) == []
    assert (len(azure.seen), len(proxy.hosts)) == (seen, asked), "a replayed lesson reached the network"

