"""The kit cell in a real kernel (tests/support/kernels.py), in a copy of the repository whose .env the test edits.

Run again after .env changed, the kit cell leaves the kernel exactly as a fresh kernel started with the new settings:
the same environment (placeholders gone, the learner's values back, the shell's values still winning over .env, PATH
and AZURE_TOKEN_CREDENTIALS restored), network guard, vcrpy replacements and IPython hooks. A kit cell that fails
leaves the kernel offline: later cells are refused with one line and open no socket, until .env is fixed and the kit
cell runs again.

The tests share one learner's kernel, in order: the one comparing it with fresh kernels runs last, after the failed
kit cells."""

import json
import os

import pytest

from helpers.plan import OFFLINE_AZ
from helpers.settings import VARIABLES
from tests.support.kernels import Kernel, copy_repo, shell_env
from tests.support.loopback import answer_for, make_key
from tests.support.transports import EVERY_PLACE

KIT_CELL = 'from helpers import start; start("00_setup")'
ENDPOINT = "https://my-llama.eastus2.models.ai.azure.com"
SHELL = {"GITHUB_TOKEN": "github_pat_11SHELLSHELLSHELLSHELL_exported",
         "AZURE_TOKEN_CREDENTIALS": "ManagedIdentityCredential"}
ENV_FILE_TOKEN = "github_pat_22ENVFILEENVFILEENVFIL_written"  # the shell's GITHUB_TOKEN wins over it
# What a fresh kernel and a kernel whose kit cell ran again must agree on; it prints one JSON line. The environment's
# values are printed in hex: live, the kit masks the secrets' values in what a cell prints (helpers/masking.py).
STATE = """\
import json, logging, os, sys
from tests.support import transports
from helpers import network
from helpers.apply import active
shell = get_ipython()
print(json.dumps({
    "environ": {name: value.encode().hex() for name, value in os.environ.items()},
    "streams": [type(sys.stdout).__name__, type(sys.stderr).__name__],
    "log record factory": logging.getLogRecordFactory().__qualname__,
    "network blocked": network.is_blocked(),
    "vcrpy on": transports.vcr_patched(),
    "cell events": {event: len(callbacks) for event, callbacks in shell.events.callbacks.items()},
    "custom exceptions": [error.__name__ for error in shell.custom_exceptions],
    "input transformers": len(shell.input_transformers_post),
    "mode": active() and active().plan.mode.value,
}))"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return copy_repo(tmp_path_factory.mktemp("kit-cell"), "00_setup")


@pytest.fixture
def fresh(repo):
    """Three fresh kernels with the learner's shell, started at once so they boot while the learner's kernel works."""
    kernels = [Kernel(repo, shell_env(repo, **SHELL)) for _ in range(3)]
    yield kernels
    for kernel in kernels:
        kernel.shutdown()


@pytest.fixture(scope="module")
def learner(repo):
    """The learner's kernel: every test of this module runs its cells in it, one after the other."""
    kernel = Kernel(repo, shell_env(repo, **SHELL))
    yield kernel
    kernel.shutdown()


def write_env(repo, **settings):
    values = {"AZURE_AI_CHAT_ENDPOINT": ENDPOINT, "GITHUB_TOKEN": ENV_FILE_TOKEN, **settings}
    (repo / ".env").write_text("".join(f"{name}={value}\n" for name, value in values.items()), encoding="utf-8")


def call(server, ca):
    """A cell that asks the loopback server with the key os.environ holds, as the guide's code does."""
    return f"""\
import os
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint={server.url + "/models"!r}, connection_verify={ca!r},
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
print(client.complete(messages=[UserMessage(content="Hi")]).choices[0].message.content)"""


def state_after_kit_cell(kernel):
    ran = kernel.run(KIT_CELL)
    assert ran.status == "ok", ran.error
    state = json.loads(kernel.run(STATE).stdout)
    state["environ"] = {name: bytes.fromhex(value).decode() for name, value in state["environ"].items()}
    return state


def differences(state, fresh):
    """What differs, as {what: (this kernel's, the fresh kernel's)}, environment variable by variable."""
    environ, expected = state["environ"], fresh["environ"]
    found = {f"os.environ[{name!r}]": (environ.get(name), expected.get(name))
             for name in sorted(environ.keys() | expected.keys()) if environ.get(name) != expected.get(name)}
    found.update({what: (state[what], fresh[what]) for what in state
                  if what != "environ" and state[what] != fresh[what]})
    return found


def fresh_state(kernel):
    try:
        return state_after_kit_cell(kernel)
    finally:
        kernel.shutdown()


def assert_settings(state, mode, key, repo):
    environ, replay = state["environ"], mode == "replay"
    assert state["mode"] == mode
    assert environ["GITHUB_TOKEN"] == VARIABLES["GITHUB_TOKEN"].placeholder  # a retired route always replays
    assert environ["AZURE_AI_CHAT_KEY"] == (VARIABLES["AZURE_AI_CHAT_KEY"].placeholder if replay else key)
    assert environ["AZURE_TOKEN_CREDENTIALS"] == ("AzureCliCredential" if replay else SHELL["AZURE_TOKEN_CREDENTIALS"])
    assert (str(repo / "helpers" / OFFLINE_AZ.name) in environ["PATH"].split(os.pathsep)) == replay
    assert state["network blocked"] == replay
    assert state["vcrpy on"] == EVERY_PLACE  # live hosts pass vcrpy by (test_live.py), retired ones replay
    assert state["streams"] == ["OutStream" if replay else "MaskedStream"] * 2


BAD_SETTINGS = {
    "a-pace-with-a-unit": ({"NOTEBOOK_MODE": "replay", "NOTEBOOK_REPLAY_PACE": "0.03s"}, "SettingError",
                           "NOTEBOOK_REPLAY_PACE='0.03s' cannot be used: it is a pause in seconds from 0 to 5. Set "
                           "NOTEBOOK_REPLAY_PACE=0.03 in .env or your shell, or 0 to replay streams at once."),
    "a-misspelt-mode": ({"NOTEBOOK_MODE": "replya"}, "ModeError",
                        "NOTEBOOK_MODE='replya' is not a mode. Use one of: replay, live, record, or leave it unset "
                        "(each endpoint live when its variables are set, replayed otherwise)."),
    "an-http-endpoint": ({"NOTEBOOK_MODE": "live", "AZURE_AI_CHAT_ENDPOINT": "http://my-llama.eastus2.models.ai.azure.com"},
                         "ModeError",
                         "NOTEBOOK_MODE=live cannot use these values:\n"
                         "  - AZURE_AI_CHAT_ENDPOINT must start with https:// (it starts with http://).\n"
                         "Azure endpoints only answer over TLS. Expected serverless / managed compute "
                         "(https://<name>.<region>.models.ai.azure.com) or Foundry models "
                         "(https://<resource>.services.ai.azure.com/models).\n"
                         "Fix it in .env (or delete the line), or unset NOTEBOOK_MODE."),
}


@pytest.mark.parametrize("bad", BAD_SETTINGS)
def test_a_failed_kit_cell_keeps_the_kernel_offline_until_env_is_fixed(bad, repo, server, learner, certificate):
    settings, ename, message = BAD_SETTINGS[bad]
    key = server.key = make_key()
    write_env(repo, AZURE_AI_CHAT_KEY=key, **settings)
    failed = learner.run(KIT_CELL)
    assert failed.status == "error" and failed.error["ename"] == ename
    assert failed.error["evalue"] == message
    lines = message.splitlines()
    assert failed.error["traceback"] == [f"{ename}: {lines[0]}", *lines[1:]], "more than the message was shown"

    seen = len(server.seen)
    refused = learner.run(call(server, certificate[0]))
    assert refused.error["ename"] == "KitNotReadyError"
    assert refused.error["traceback"] == [
        f"KitNotReadyError: The kit cell failed, so this kernel is offline and this cell did not run. The kit cell "
        f"said: {lines[0]} Fix that, run the kit cell again, then this cell."]
    assert len(server.seen) == seen, "a refused cell reached the server"

    write_env(repo, NOTEBOOK_MODE="live", AZURE_AI_CHAT_KEY=key)
    assert learner.run(KIT_CELL).stdout.splitlines()[1] == f"  live: AZURE_AI_CHAT_ENDPOINT ({ENDPOINT[8:]})"
    assert learner.run(call(server, certificate[0])).stdout == answer_for("Hi") + "\n"
    assert server.seen[-1][2]["api-key"] == key


def test_the_kit_cell_run_again_leaves_the_kernel_as_a_fresh_one_with_the_new_settings(repo, server, learner, fresh,
                                                                                         certificate):
    def kit_cell_again(mode, key, fresh_kernel):
        """.env edited to mode and key, the kit cell run again: the learner's kernel equals a fresh one with them."""
        write_env(repo, NOTEBOOK_MODE=mode, AZURE_AI_CHAT_KEY=key)
        state = fresh_state(fresh_kernel)
        assert_settings(state, mode, key, repo)
        assert not differences(state_after_kit_cell(learner), state)
        return state

    def a_call_reaches_the_server_with(key):
        assert learner.run(call(server, certificate[0])).stdout == answer_for("Hi") + "\n"
        assert server.seen[-1][2]["api-key"] == key

    key = server.key = make_key()
    replay = kit_cell_again("replay", key, fresh[0])
    kit_cell_again("live", key, fresh[1])
    a_call_reaches_the_server_with(key)

    write_env(repo, NOTEBOOK_MODE="replay", AZURE_AI_CHAT_KEY=key)
    assert not differences(state_after_kit_cell(learner), replay)

    key = server.key = make_key()
    kit_cell_again("record", key, fresh[2])
    a_call_reaches_the_server_with(key)

    write_env(repo, NOTEBOOK_MODE="replay", AZURE_AI_CHAT_KEY=key)
    assert not differences(state_after_kit_cell(learner), replay)
    assert not (repo / "notebooks" / "recordings" / ".00_setup.recording.yaml").exists()


def test_stop_leaves_a_kernel_as_a_fresh_one_that_never_ran_the_kit(repo):
    """After kit.stop(), nothing the kit did is left: no guard, no vcrpy, no hooks, no masking, no placeholders."""
    with_kit, never = (Kernel(repo, shell_env(repo, **SHELL)) for _ in range(2))
    try:
        write_env(repo, NOTEBOOK_MODE="replay")
        assert with_kit.run(KIT_CELL).status == "ok"
        with_kit.run("from helpers import kit; kit.stop()")
        never.run("import helpers.kit")
        after, fresh = (json.loads(kernel.run(STATE).stdout) for kernel in (with_kit, never))
        assert not after["network blocked"] and not after["vcrpy on"] and after["mode"] is None
        assert after == fresh
    finally:
        with_kit.shutdown()
        never.shutdown()


@pytest.mark.parametrize("source", ["import threading\nthreading.Thread(target=print).start()",
                                    "# start(\"00_setup\") is the kit cell\nprint('hello')",
                                    "print('start(\"00_setup\")')",
                                    'kit = "start("; print(kit)'])
def test_after_a_failed_kit_cell_only_the_kit_cell_runs_not_a_cell_that_mentions_start(repo, source):
    kernel = Kernel(repo, shell_env(repo, **SHELL))
    try:
        write_env(repo, NOTEBOOK_MODE="replya")
        assert kernel.run(KIT_CELL).status == "error"
        refused = kernel.run(source)
        assert refused.error["ename"] == "KitNotReadyError" and refused.stdout == ""
        write_env(repo, NOTEBOOK_MODE="replay")
        again = 'from helpers import start\nimport os\nos.environ["X"] = "1"\nstart("00_setup")'
        assert kernel.run(again).status == "ok"
    finally:
        kernel.shutdown()
