"""NOTEBOOK_MODE and the state of the variables decide the mode."""

import pytest

from helpers.errors import ModeError
from helpers.modes import Mode, choose
from helpers.settings import VARIABLES as ALL

NAMES = ("AZURE_OPENAI_CHAT_ENDPOINT", "AZURE_OPENAI_CHAT_KEY", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY")
VARIABLES = [ALL[name] for name in NAMES]
FILLED = {
    "AZURE_OPENAI_CHAT_ENDPOINT": "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini",
    "AZURE_OPENAI_CHAT_KEY": "d3adb33fd3adb33fd3adb33fd3adb33f",
    "AZURE_AI_CHAT_ENDPOINT": "https://my-llama.eastus2.models.ai.azure.com",
    "AZURE_AI_CHAT_KEY": "0123456789abcdef0123456789abcdef",
}


def test_no_variables_means_replay_with_a_reason_for_each():
    mode = choose(None, VARIABLES, {})
    assert (mode.mode.value, mode.reason) == ("replay", "automatic: not every variable is set")
    assert len(mode.problems) == len(VARIABLES)


def test_every_variable_usable_means_live():
    mode = choose("", VARIABLES, FILLED)
    assert (mode.mode.value, mode.reason) == ("live", "automatic: every variable is set")


def test_replay_can_be_forced_whatever_is_set():
    assert choose("replay", VARIABLES, FILLED).mode is Mode.REPLAY
    assert choose(" Replay ", VARIABLES, {}).mode is Mode.REPLAY


@pytest.mark.parametrize("wanted", ["live", "record"])
def test_live_or_record_with_variables_missing_lists_each_and_the_fix(wanted):
    partial = dict(FILLED, AZURE_AI_CHAT_KEY="")
    del partial["AZURE_OPENAI_CHAT_KEY"]
    with pytest.raises(ModeError) as error:
        choose(wanted, VARIABLES, partial)
    assert str(error.value) == (
        f"NOTEBOOK_MODE={wanted} needs every variable of this notebook, and some cannot be used:\n"
        "  - AZURE_OPENAI_CHAT_KEY is not set. Add it to .env (see .env.example: Key of AZURE_OPENAI_CHAT_ENDPOINT).\n"
        "  - AZURE_AI_CHAT_KEY is set but empty. "
        "Put the value after 'AZURE_AI_CHAT_KEY=' in .env, or delete the line.\n"
        "Fix them in .env, or set NOTEBOOK_MODE=replay to run from the recordings."
    )


def test_unknown_mode_is_rejected_with_the_choices():
    with pytest.raises(ModeError) as error:
        choose("offline", VARIABLES, {})
    assert str(error.value).startswith("NOTEBOOK_MODE='offline' is not a mode. Use one of: replay, live, record")
