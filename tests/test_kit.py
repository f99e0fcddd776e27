"""The kit cell, in process: mode, banner, replay placeholders, offline Entra ID and clear failures."""

import os
import shutil
import subprocess

import pytest
import yaml

from helpers import cassettes, kit, network
from helpers.apply import active
from helpers.errors import CassetteError, ModeError, SettingError
from helpers.plan import OFFLINE_AZ
from helpers.settings import VARIABLES


def test_no_env_and_no_variables_means_replay_with_the_step_to_go_live(kernel_env, capsys):
    kit.start("00_setup")
    banner = capsys.readouterr().out
    assert banner.splitlines() == [
        "Kit ready: 00_setup replays every step from notebooks/recordings/00_setup.yaml, synthesized from the "
        "documented wire format, not recorded live. No network is used.",
        "  replay, not set: AZURE_AI_CHAT_ENDPOINT",
        "  replay, a retired route (GitHub Models was retired on 2026-07-30): GITHUB_TOKEN",
        "To go live, put your AZURE_AI_CHAT_ENDPOINT, AZURE_AI_CHAT_KEY in .env (see .env.example). Then run this "
        "cell again."]


def test_replay_sets_the_placeholders_the_recording_was_made_with(kernel_env, capsys):
    os.environ["AZURE_AI_CHAT_KEY"] = "a-real-looking-key-of-the-learner"
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("00_setup")
    out = capsys.readouterr().out
    assert os.environ["AZURE_AI_CHAT_ENDPOINT"] == VARIABLES["AZURE_AI_CHAT_ENDPOINT"].placeholder
    assert os.environ["AZURE_AI_CHAT_KEY"] == "replay-placeholder-azure-ai-chat-key"
    assert "a-real-looking-key-of-the-learner" not in out
    assert "  replay, NOTEBOOK_MODE=replay: AZURE_AI_CHAT_ENDPOINT" in out and "To go live" not in out


def test_replay_blocks_the_network_and_answers_from_the_recording(kernel_env, capsys):
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("00_setup")
    assert network.is_blocked()
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import SystemMessage, UserMessage
    from azure.core.credentials import AzureKeyCredential

    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    response = client.complete(messages=[SystemMessage(content="You are a helpful assistant."),
                                         UserMessage(content="How many feet are in a mile?")])
    assert response.choices[0].message.content == "There are 5,280 feet in a mile."


def test_entra_id_in_replay_gets_an_offline_token_through_the_real_credential_chain(kernel_env, capsys):
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("00_setup")
    from azure.identity import DefaultAzureCredential

    credential = DefaultAzureCredential(exclude_interactive_browser_credential=False)
    assert credential.get_token("https://cognitiveservices.azure.com/.default").token == "replay-entra-token"
    assert credential.get_token("https://ml.azure.com/.default").token == "replay-entra-token-for-ml.azure.com", \
        "a token for another audience says so, as a real token's aud claim does"
    assert shutil.which("az") == str(OFFLINE_AZ / "az")


def test_offline_az_answers_only_the_token_command():
    result = subprocess.run([str(OFFLINE_AZ / "az"), "login"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "only answers 'account get-access-token'" in result.stderr


def test_live_mode_with_missing_variables_stops_before_any_call(kernel_env):
    os.environ["NOTEBOOK_MODE"] = "live"
    with pytest.raises(ModeError) as error:
        kit.start("00_setup")
    assert "NOTEBOOK_MODE=live needs an endpoint to call, and none of this notebook's is set." in str(error.value)
    assert active() is None and network.is_blocked()


@pytest.fixture
def unwritable_folder(tmp_path):
    """A read-only recordings folder; where chmod cannot stop this process (root), a folder under a file."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        (tmp_path / "notes.txt").write_text("a file, not a folder\n")
        folder = tmp_path / "notes.txt" / "recordings"
    yield folder
    (tmp_path / "recordings").chmod(0o755)


def test_record_mode_refuses_an_unwritable_recordings_folder_before_any_call(kernel_env, unwritable_folder):
    os.environ.update(NOTEBOOK_MODE="record", AZURE_AI_CHAT_ENDPOINT="https://my-llama.eastus2.models.ai.azure.com",
                      AZURE_AI_CHAT_KEY="d3adb33fd3adb33fd3adb33fd3adb33f",
                      GITHUB_TOKEN="github_pat_11AAAAAAAAAAAAAAAAAAAA_example")
    before = sorted(kernel_env.rglob("*"))
    with pytest.raises(SettingError) as error:
        kit.start("00_setup", directory=unwritable_folder)
    assert str(error.value) == (
        "Record mode cannot write to recordings/: the folder is not writable. Make it writable (or record in a copy "
        "of the kit you own), or set NOTEBOOK_MODE=replay. Nothing was sent.")
    assert active() is None and network.is_blocked()
    assert sorted(kernel_env.rglob("*")) == before


def test_unknown_notebook_lists_the_known_ones(kernel_env):
    with pytest.raises(SettingError) as error:
        kit.start("02_chats")
    assert str(error.value).startswith("No notebook is called '02_chats'. Known notebooks: 00_setup, 01_auth")


def test_env_file_beside_the_notebook_switches_to_live_without_printing_values(kernel_env, capsys):
    (kernel_env / ".env").write_text(
        "AZURE_AI_CHAT_ENDPOINT=https://my-llama.eastus2.models.ai.azure.com\n"
        "AZURE_AI_CHAT_KEY=d3adb33fd3adb33fd3adb33fd3adb33f\n"
        "GITHUB_TOKEN=github_pat_11AAAAAAAAAAAAAAAAAAAA_example\n")
    kit.start("00_setup")
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "Kit ready: 00_setup. Live steps call your resource and use its quota; the others replay from "
        "notebooks/recordings/00_setup.yaml.",
        "  live: AZURE_AI_CHAT_ENDPOINT (my-llama.eastus2.models.ai.azure.com)",
        "  replay, a retired route (GitHub Models was retired on 2026-07-30): GITHUB_TOKEN"]
    assert "d3adb33f" not in out and "github_pat" not in out
    assert not network.is_blocked()


def test_corrupt_cassette_is_a_clear_error_and_is_left_untouched(kernel_env, monkeypatch):
    recordings = kernel_env / "recordings"
    recordings.mkdir()
    broken = recordings / "00_setup.yaml"
    broken.write_bytes(b"interactions:\n- request: {method: POST\n  oops: [\n")
    before = broken.read_bytes()
    monkeypatch.setattr(cassettes, "RECORDINGS", recordings)
    os.environ["NOTEBOOK_MODE"] = "replay"
    with pytest.raises(CassetteError) as error:
        kit.start("00_setup")
    assert "is not valid YAML near line" in str(error.value)
    assert "The file was left as it is." in str(error.value)
    assert broken.read_bytes() == before


def test_hand_edited_cassette_without_a_status_is_named_by_interaction(kernel_env, monkeypatch):
    recordings = kernel_env / "recordings"
    recordings.mkdir()
    (recordings / "00_setup.yaml").write_text(
        "version: 1\ninteractions:\n- request: {method: POST, uri: 'https://x', headers: {}}\n"
        "  response: {headers: {}, body: {string: ''}}\n")
    monkeypatch.setattr(cassettes, "RECORDINGS", recordings)
    os.environ["NOTEBOOK_MODE"] = "replay"
    with pytest.raises(CassetteError) as error:
        kit.start("00_setup")
    assert "00_setup.yaml: interaction 1 lacks a request method, uri or headers, or a response status code" in str(
        error.value)


def test_missing_cassette_says_how_to_get_it_back(kernel_env, monkeypatch):
    monkeypatch.setattr(cassettes, "RECORDINGS", kernel_env)
    os.environ["NOTEBOOK_MODE"] = "replay"
    with pytest.raises(CassetteError) as error:
        kit.start("00_setup")
    assert "There is no recording" in str(error.value) and "git checkout --" in str(error.value)


def test_kit_errors_render_as_one_message_in_ipython():
    error = ModeError("line one\nline two")
    assert error._render_traceback_() == ["ModeError: line one", "line two"]


def replayed_github_models_error():
    """The 410 that 00_setup's recording answers for a GitHub Models call, raised by the real SDK."""
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import SystemMessage, UserMessage
    from azure.core.credentials import AzureKeyCredential
    from azure.core.exceptions import HttpResponseError

    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("00_setup")
    client = ChatCompletionsClient(endpoint="https://models.inference.ai.azure.com",
                                   credential=AzureKeyCredential(os.environ["GITHUB_TOKEN"]), model="mistral-large")
    with pytest.raises(HttpResponseError) as error:
        client.complete(messages=[SystemMessage(content="You are a helpful assistant."),
                                  UserMessage(content="How many feet are in a mile?")])
    return error.value


def test_a_retired_route_answer_becomes_one_message_pointing_to_the_migration(kernel_env, capsys):
    from helpers.explain import explain

    assert explain(replayed_github_models_error(), "00_setup") == (
        "The service answered 410 for a GitHub Models route, which is retired "
        "(GitHub Models was retired on 2026-07-30).\n"
        "Move this code to the OpenAI v1 API (https://<resource>.openai.azure.com/openai/v1/): "
        "see notebooks/08_migrate_inference_to_openai_v1.ipynb."
    )


def test_a_404_from_an_endpoint_that_still_answers_is_not_called_retired(kernel_env, capsys):
    """04's recorded 404 for /embeddings on a chat-only serverless endpoint: the route exists, the model does not."""
    from azure.ai.inference import EmbeddingsClient
    from azure.core.credentials import AzureKeyCredential
    from azure.core.exceptions import HttpResponseError

    from helpers.explain import explain

    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("04_embeddings")
    client = EmbeddingsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                              credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    with pytest.raises(HttpResponseError) as error:
        client.embed(input=["first phrase", "second phrase", "third phrase"])
    assert error.value.status_code == 404 and explain(error.value, "04_embeddings") is None


def test_an_sdk_error_is_shown_with_the_learners_frames_only(kernel_env, capsys):
    from helpers.tracebacks import short_traceback

    lines = short_traceback(replayed_github_models_error())
    assert lines[0].startswith("Traceback (") and "frames inside the libraries hidden by the kit" in lines[0]
    assert all("site-packages" not in line for line in lines)
    assert any(line.strip().startswith("client.complete(") for line in lines)
    assert "azure.core.exceptions.HttpResponseError: (Gone) GitHub Models was retired on 2026-07-30." in lines[-3]


def test_each_cassette_is_parsed_once_per_kernel_and_not_again_when_the_kit_cell_runs_again(kernel_env, monkeypatch,
                                                                                            capsys):
    recordings = kernel_env / "recordings"
    (recordings / "solutions").mkdir(parents=True)
    for name in ("02_chat.yaml", "solutions/02_chat.yaml"):
        shutil.copy(cassettes.RECORDINGS / name, recordings / name)
    monkeypatch.setattr(cassettes, "RECORDINGS", recordings)
    parsed = []
    real = yaml.load
    monkeypatch.setattr(yaml, "load", lambda stream, Loader: parsed.append(stream) or real(stream, Loader=Loader))
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("02_chat")
    assert len(parsed) == 2, "02_chat's cassette and its exercises' answers (solutions/02_chat's), each once"
    assert len(active().session.cassette.data) > 0
    kit.start("02_chat")
    assert len(parsed) == 2
    assert "replay" in capsys.readouterr().out.lower()
