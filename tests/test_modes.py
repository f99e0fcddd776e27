"""NOTEBOOK_MODE and the values of each endpoint's variables decide, endpoint by endpoint, what goes live."""

import pytest

from helpers.errors import ModeError
from helpers.modes import ENTRA_ID, Mode, choose, endpoints_for, requested
from helpers.settings import VARIABLES as ALL

NAMES = ("AZURE_OPENAI_CHAT_ENDPOINT", "AZURE_OPENAI_CHAT_KEY", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY",
         "AZURE_INFERENCE_ENDPOINT", "AZURE_INFERENCE_CREDENTIAL", "GITHUB_TOKEN")
ENDPOINTS = endpoints_for([ALL[name] for name in NAMES], uses_entra_id=True)
FILLED = {
    "AZURE_OPENAI_CHAT_ENDPOINT": "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini",
    "AZURE_OPENAI_CHAT_KEY": "d3adb33fd3adb33fd3adb33fd3adb33f",
    "AZURE_AI_CHAT_ENDPOINT": "https://my-llama.eastus2.models.ai.azure.com",
    "AZURE_AI_CHAT_KEY": "0123456789abcdef0123456789abcdef",
    "AZURE_INFERENCE_ENDPOINT": "https://my-resource.services.ai.azure.com/models",
    "AZURE_INFERENCE_CREDENTIAL": "0123456789abcdef0123456789abcdee",
    "GITHUB_TOKEN": "github_pat_0123456789abcdef0123456789abcdef",
    "AZURE_CONFIG_DIR": "/nonexistent",  # no Azure CLI sign-in
}


GITHUB_RETIRED = "a retired route (GitHub Models was retired on 2026-07-30)"
INFERENCE_RETIRED = "a retired route (the Azure AI Model Inference API was retired on 2026-08-26)"


def table(decisions):
    return {d.endpoint.name: (d.mode.value, d.why) for d in decisions}


def test_an_endpoint_is_made_of_its_variable_and_the_keys_that_open_it():
    assert [(e.name, [v.name for v in e.variables]) for e in ENDPOINTS] == [
        ("AZURE_OPENAI_CHAT_ENDPOINT", ["AZURE_OPENAI_CHAT_ENDPOINT", "AZURE_OPENAI_CHAT_KEY"]),
        ("AZURE_AI_CHAT_ENDPOINT", ["AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY"]),
        ("AZURE_INFERENCE_ENDPOINT", ["AZURE_INFERENCE_ENDPOINT", "AZURE_INFERENCE_CREDENTIAL"]),
        ("GITHUB_TOKEN", ["GITHUB_TOKEN"]), (ENTRA_ID, [])]


def test_nothing_set_replays_every_endpoint_saying_why():
    assert table(choose(None, ENDPOINTS, {"AZURE_CONFIG_DIR": "/nonexistent"})) == {
        "AZURE_OPENAI_CHAT_ENDPOINT": ("replay", "not set"), "AZURE_AI_CHAT_ENDPOINT": ("replay", "not set"),
        "AZURE_INFERENCE_ENDPOINT": ("replay", INFERENCE_RETIRED), "GITHUB_TOKEN": ("replay", GITHUB_RETIRED),
        ENTRA_ID: ("replay", "no Azure CLI sign-in (az login)")}


def test_each_endpoint_goes_live_on_its_own_and_retired_routes_replay_whatever_is_set():
    only_aoai = {k: v for k, v in FILLED.items() if k.startswith(("AZURE_OPENAI_", "AZURE_CONFIG"))}
    decisions = table(choose(None, ENDPOINTS, {**only_aoai, "AZURE_AI_CHAT_KEY": "<your-model-key>"}))
    assert decisions["AZURE_OPENAI_CHAT_ENDPOINT"] == ("live", "")
    assert decisions["AZURE_AI_CHAT_ENDPOINT"] == (
        "replay", "not usable (AZURE_AI_CHAT_ENDPOINT is not set)")
    everything = table(choose(None, ENDPOINTS, FILLED))
    assert everything["AZURE_AI_CHAT_ENDPOINT"] == ("live", "")
    assert everything["AZURE_INFERENCE_ENDPOINT"] == ("replay", INFERENCE_RETIRED)
    assert everything["GITHUB_TOKEN"] == ("replay", GITHUB_RETIRED)
    foundry = table(choose(None, ENDPOINTS, {**FILLED, "AZURE_AI_CHAT_ENDPOINT": FILLED["AZURE_INFERENCE_ENDPOINT"]}))
    assert foundry["AZURE_AI_CHAT_ENDPOINT"] == ("replay", INFERENCE_RETIRED)  # a serverless variable holding /models


def test_a_live_endpoint_names_its_host():
    decisions = choose(None, ENDPOINTS, FILLED)
    assert decisions[0].hosts == ("my-resource.openai.azure.com",)


def test_entra_id_goes_live_after_az_login(tmp_path):
    (tmp_path / "azureProfile.json").write_text('{"subscriptions": [{"id": "x"}]}', encoding="utf-8")
    assert table(choose(None, ENDPOINTS, {"AZURE_CONFIG_DIR": str(tmp_path)}))[ENTRA_ID] == ("live", "")


def test_replay_can_be_forced_whatever_is_set():
    assert {d.mode for d in choose(Mode.REPLAY, ENDPOINTS, FILLED)} == {Mode.REPLAY}
    assert requested(" Replay ") is Mode.REPLAY and requested("") is None and requested(None) is None


@pytest.mark.parametrize("wanted", ["live", "record"])
def test_live_or_record_makes_every_usable_endpoint_live_and_replays_the_unset(wanted):
    without_chat = {k: v for k, v in FILLED.items() if not k.startswith("AZURE_AI_CHAT")}
    decisions = table(choose(Mode(wanted), ENDPOINTS, without_chat))
    assert decisions["AZURE_OPENAI_CHAT_ENDPOINT"] == (wanted, "")
    assert decisions["AZURE_AI_CHAT_ENDPOINT"] == ("replay", "not set")


@pytest.mark.parametrize("wanted", ["live", "record"])
def test_live_or_record_with_a_set_but_unusable_value_names_it_and_the_fix(wanted):
    with pytest.raises(ModeError) as error:
        choose(Mode(wanted), ENDPOINTS, dict(FILLED, AZURE_AI_CHAT_KEY=""))
    assert str(error.value) == (
        f"NOTEBOOK_MODE={wanted} cannot use these values:\n"
        "  - AZURE_AI_CHAT_KEY is set but empty. Put the value after 'AZURE_AI_CHAT_KEY=' in .env, "
        "or delete the line.\n"
        "Fix it in .env (or delete the line), or unset NOTEBOOK_MODE.")


def test_live_with_nothing_set_says_which_azure_openai_variables_to_set():
    with pytest.raises(ModeError) as error:
        choose(Mode.LIVE, ENDPOINTS, {"AZURE_CONFIG_DIR": "/nonexistent"})
    assert str(error.value) == (
        "NOTEBOOK_MODE=live needs an endpoint to call, and none of this notebook's is set. To go live, put your Azure "
        "OpenAI resource's AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_KEY in .env (see .env.example). Or unset "
        "NOTEBOOK_MODE to replay.")


def test_unknown_mode_is_rejected_with_the_choices():
    with pytest.raises(ModeError) as error:
        requested("offline")
    assert str(error.value).startswith("NOTEBOOK_MODE='offline' is not a mode. Use one of: replay, live, record")
