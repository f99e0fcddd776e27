"""Live never writes the learner's key into the page: in a real kernel (tests/support/kernels.py) started live (and one
started in record mode), with a key from .env and a key from the shell, a cell prints them, logs them through the azure
logger (to the cell's stdout, as 06 does, and to a handler of its own), displays them and returns them. Every output
message the kernel sends carries <ITS_NAME> instead, and none carries a value. Run again in replay, the kit cell sets
placeholders, which stay as they are (06 teaches with them), while a key of the shell that the notebook does not read
is still masked."""

import json

import pytest

from helpers.masking import Masker
from tests.support.kernels import Kernel, copy_repo, shell_env
from tests.support.loopback import make_key

KIT_CELL = 'from helpers import start; start("00_setup")'
# GITHUB_TOKEN only makes live mode possible for 00_setup; OTHER is a key of the shell that 00_setup does not read.
KEY, TOKEN, OTHER = make_key(), "github_pat_" + make_key() + make_key(), "sk-proj-" + make_key()
SHOWS_EVERYTHING = """\
import io, logging, os, sys
from IPython.display import HTML, Markdown, display

key, other = os.environ["AZURE_AI_CHAT_KEY"], os.environ["OPENAI_API_KEY"]
print("key:", key)
print(f"other: {other}", file=sys.stderr)

logger = logging.getLogger("azure")
logger.setLevel(logging.DEBUG)
to_cell, own = logging.StreamHandler(stream=sys.stdout), io.StringIO()
logger.addHandler(to_cell)
logger.addHandler(logging.StreamHandler(stream=own))
logging.getLogger("azure.core.pipeline.policies._universal").debug("    %r: %r", "api-key", key)
logger.removeHandler(to_cell)
print("own handler:", own.getvalue().strip())

display(Markdown(f"the key is **{key}**"), HTML(f"<b>{other}</b>"))
{"api-key": key}
"""


def outputs(kernel, source):
    """Every output message the kernel sends for source: (msg_type, content)."""
    sent = []
    kernel.connected().execute_interactive(source, timeout=60, output_hook=lambda m: sent.append(m))
    return [(m["msg_type"], m["content"]) for m in sent
            if m["msg_type"] in ("stream", "display_data", "execute_result", "error")]


@pytest.fixture(scope="module", params=["live", "record"])
def kernel(tmp_path_factory, request):
    repo = copy_repo(tmp_path_factory.mktemp("masking"), "00_setup")
    (repo / ".env").write_text(f"AZURE_AI_CHAT_ENDPOINT=https://my-llama.eastus2.models.ai.azure.com\n"
                               f"AZURE_AI_CHAT_KEY={KEY}\n", encoding="utf-8")
    started = Kernel(repo, shell_env(repo, NOTEBOOK_MODE=request.param, GITHUB_TOKEN=TOKEN, OPENAI_API_KEY=OTHER))
    yield started
    started.shutdown()


def test_a_live_cell_shows_each_secret_as_its_variables_name_in_streams_logs_and_displays(kernel):
    assert kernel.run(KIT_CELL).status == "ok"
    shown = outputs(kernel, SHOWS_EVERYTHING)
    text = json.dumps(shown)
    assert KEY not in text and OTHER not in text
    streams = {name: "".join(content["text"] for kind, content in shown if kind == "stream" and content["name"] == name)
               for name in ("stdout", "stderr")}
    assert streams["stdout"] == ("key: <AZURE_AI_CHAT_KEY>\n"
                                 "    'api-key': '<AZURE_AI_CHAT_KEY>'\n"
                                 "own handler: 'api-key': '<AZURE_AI_CHAT_KEY>'\n")
    assert streams["stderr"] == "other: <OPENAI_API_KEY>\n"
    displayed = [content["data"] for kind, content in shown if kind == "display_data"]
    assert [d["text/markdown"] for d in displayed[:1]] == ["the key is **<AZURE_AI_CHAT_KEY>**"]
    assert [d["text/html"] for d in displayed[1:]] == ["<b><OPENAI_API_KEY></b>"]
    [result] = [content["data"] for kind, content in shown if kind == "execute_result"]
    assert result["text/plain"] == "{'api-key': '<AZURE_AI_CHAT_KEY>'}"


def test_in_replay_placeholders_stay_and_a_key_the_notebook_does_not_read_is_still_masked(kernel):
    assert kernel.run("os.environ['NOTEBOOK_MODE'] = 'replay'").status == "ok"
    assert kernel.run(KIT_CELL).status == "ok"
    ran = kernel.run('print(os.environ["AZURE_AI_CHAT_KEY"], os.environ["OPENAI_API_KEY"])\n'
                     "print(key)")
    assert ran.stdout == "replay-placeholder-azure-ai-chat-key <OPENAI_API_KEY>\n" + f"{KEY}\n"


def test_the_kit_cell_run_again_undoes_its_masking_before_it_masks_again(kernel):
    ran = kernel.run("import inspect, logging, sys\n"
                     "print(type(sys.stdout._stream).__name__, type(sys.stderr._stream).__name__, inspect."
                     "getclosurevars(logging.getLogRecordFactory()).nonlocals['previous'] is logging.LogRecord)")
    assert ran.stdout == "OutStream OutStream True\n"


def test_the_longest_value_is_masked_first_and_short_values_are_left_alone():
    masker = Masker({"OUTER": "abcdefgh-ijklmnop", "INNER": "ijklmnop", "SHORT": "abc"})
    assert masker("abcdefgh-ijklmnop ijklmnop abc") == "<OUTER> <INNER> abc"
    assert masker.data({"text/plain": ["x ijklmnop"], "image/png": 3}) == {"text/plain": ["x <INNER>"],
                                                                           "image/png": 3}
