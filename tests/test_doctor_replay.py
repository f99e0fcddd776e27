"""The doctor inside a notebook kernel in replay (notebook 00_setup): its one request is answered from 00_setup's
recording through vcrpy's patch of http.client, and the steps that need the network say they were skipped."""

import os

import pytest

from helpers import kit
from helpers.apply import active
from helpers.doctor import examine
from helpers.errors import ReplayMissError

DEPLOYMENT = "https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini"
SKIPPED = ["  [--]   name           not checked: replay uses no network",
           "  [--]   TLS            not checked: replay uses no network"]


def replay(strict=True):
    os.environ["NOTEBOOK_MODE"] = "replay"
    os.environ["NOTEBOOK_REPLAY_STRICT"] = "1" if strict else "0"
    kit.start("00_setup")


def report(capsys, **values):
    capsys.readouterr()
    examine(**values)
    return capsys.readouterr().out


def test_in_replay_name_and_tls_are_skipped_and_the_answer_comes_from_the_recording(kernel_env, capsys):
    replay()
    out = report(capsys, AZURE_OPENAI_CHAT_ENDPOINT=DEPLOYMENT, AZURE_OPENAI_CHAT_KEY=os.environ["AZURE_AI_CHAT_KEY"])
    lines = out.splitlines()
    assert lines[0] == ("Live setup of every notebook, checked against the recording (replay: no network). "
                        "No secret is shown.")
    assert lines[3:5] == SKIPPED
    assert "[ok]   authentication AZURE_OPENAI_CHAT_KEY is accepted  [1 request, max_tokens=1: POST " in out
    assert "[ok]   deployment     the deployment 'gpt-4o-mini' exists" in out
    assert lines[-1] == ("Every step passed against the recording. Run python -m helpers.doctor in a terminal to "
                         "check your own .env live.")
    assert active().session.cassette.play_counts, "the answer came from 00_setup's cassette"


@pytest.mark.parametrize(("values", "told"), [
    ({"AZURE_OPENAI_CHAT_KEY": "a-key-of-another-resource"},
     "[FAIL] authentication the service refused AZURE_OPENAI_CHAT_KEY (401)"),
    ({"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT.replace("gpt-4o-mini", "gpt-4o")},
     "[FAIL] deployment     this resource has no deployment 'gpt-4o' (404 DeploymentNotFound)"),
    ({"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT.replace("example-resource", "example-old-resource")},
     "[FAIL] api-version    api-version=2024-06-01, which the notebooks send, is not served here"),
    ({"entra": True},
     "[FAIL] authentication your identity signed in, but has no role that may call this resource (401 "
     "PermissionDenied)"),
    ({"entra": True, "AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT.replace("example-resource", "example-other-tenant")},
     "[FAIL] authentication the service refused the token: wrong audience, another tenant, or expired (401)"),
], ids=["wrong-key", "deployment-not-found", "api-version-not-served", "permission-denied", "wrong-audience"])
def test_each_recorded_failure_of_a_live_setup_is_told_in_strict_replay(kernel_env, capsys, values, told):
    replay()
    given = {"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT}
    if not values.get("entra"):
        given["AZURE_OPENAI_CHAT_KEY"] = os.environ["AZURE_AI_CHAT_KEY"]
    out = report(capsys, **{**given, **values})
    assert told in out and out.splitlines()[3:5] == SKIPPED
    assert out.count("  [FAIL] ") == 1 and "fix: " in out


def test_a_serverless_endpoint_is_probed_in_replay_with_the_recorded_info_call(kernel_env, capsys):
    replay()
    out = report(capsys, AZURE_AI_CHAT_ENDPOINT=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                 AZURE_AI_CHAT_KEY=os.environ["AZURE_AI_CHAT_KEY"])
    assert "[ok]   authentication AZURE_AI_CHAT_KEY is accepted  [free call: GET /info]" in out
    assert "[note] route          serverless / managed compute answered 200: it still answers" in out
    assert "Requests sent: 1 free, 0 with max_tokens=1." in out


def test_a_request_the_recording_lacks_is_not_proven_by_a_learners_stand_in(kernel_env, capsys):
    replay(strict=False)
    out = report(capsys, AZURE_OPENAI_CHAT_ENDPOINT=DEPLOYMENT.replace("gpt-4o-mini", "my-deployment"),
                 AZURE_OPENAI_CHAT_KEY=os.environ["AZURE_AI_CHAT_KEY"])
    assert ("[--]   authentication not proven: this request is not in the recording, so replay answered it with a "
            "stand-in") in out
    assert "fix: Run python -m helpers.doctor in a terminal to check your own .env live." in out
    assert "deployment" not in out.split("authentication", 1)[1].split("\n", 2)[-1]


def test_a_request_the_recording_lacks_is_a_replay_miss_in_strict_replay(kernel_env, capsys):
    replay()
    with pytest.raises(ReplayMissError, match="body \\$.max_tokens|path"):
        examine(AZURE_OPENAI_CHAT_ENDPOINT=DEPLOYMENT.replace("gpt-4o-mini", "my-deployment"),
                AZURE_OPENAI_CHAT_KEY=os.environ["AZURE_AI_CHAT_KEY"])


def test_in_replay_the_doctor_loads_no_certificates(kernel_env, capsys, tmp_path):
    """Replay answers without a server, so the doctor does not read the trust variables (which live, with this value,
    stop it with a SettingError naming SSL_CERT_FILE)."""
    replay()
    os.environ["SSL_CERT_FILE"] = str(tmp_path / "no-such-bundle.pem")
    out = report(capsys, AZURE_OPENAI_CHAT_ENDPOINT=DEPLOYMENT, AZURE_OPENAI_CHAT_KEY=os.environ["AZURE_AI_CHAT_KEY"])
    assert "[ok]   deployment     the deployment 'gpt-4o-mini' exists" in out
