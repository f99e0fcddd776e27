"""Record mode in process: real SDK clients record against a loopback Azure (tests/support/loopback.py), for every way
of authenticating (tests/support/variants.py); the cassette is scrubbed, replays with the network blocked, refuses a
changed request with the kit's message, refuses corruption without touching the file, and says where it came from."""

import base64
import datetime
import json
import socket
from importlib import metadata
from urllib.parse import unquote_plus

import pytest
import yaml

from helpers import explain, network
from helpers.cassettes import SDKS, cassette_path, describe_provenance, load, provenance
from helpers.credentials import MASK, OTHER_KEY
from helpers.errors import CassetteError, NetworkBlockedError
from helpers.scrubbing import Scrubber
from helpers.session import Replay
from helpers.settings import VARIABLES
from tests.support import variants
from tests.support.loopback import FakeAzure, answer_for, make_jwt
from tools import wire

REPLAY_KEY = VARIABLES["AZURE_AI_CHAT_KEY"].placeholder  # a key as the kit cell sets it in replay

VOLATILE_REQUEST_HEADERS = ("cookie", "x-ms-client-request-id", "x-client-request-id", "client-request-id")


def interactions(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]


def headers_of(message):
    return {name.lower(): values for name, values in message["headers"].items()}


def test_record_mode_writes_every_call_to_the_service_but_never_the_entra_id_token_exchange(recording):
    assert recording.path.name == f"loopback_{recording.variant.name}.yaml"
    assert not list(recording.path.parent.glob(".*.yaml")), "the working file was left behind"
    assert len(load(recording.path)["interactions"]) == len(recording.service.seen) > 0
    text = recording.path.read_text(encoding="utf-8")
    assert "oauth2" not in text and "openid-configuration" not in text and "login.microsoftonline" not in text
    assert variants.TENANT not in text and variants.CLIENT_ID not in text
    assert set(recording.answers[:2]) == {answer_for(variants.PROMPT)}


def test_cassette_holds_no_key_token_loopback_address_cookie_or_request_id(recording):
    text = recording.path.read_text(encoding="utf-8")
    leaked = {label: value for label, value in recording.forbidden().items() if value and value in text}
    assert not leaked, f"{recording.path.name} still holds: {sorted(leaked)}"
    for interaction in interactions(recording.path):
        names = set(headers_of(interaction["request"]))
        assert not names & set(VOLATILE_REQUEST_HEADERS)
        assert not [n for n in names if n.startswith("x-stainless-")]
        assert "set-cookie" not in headers_of(interaction["response"])
        assert interaction["request"]["uri"].startswith((recording.variant.placeholder.rstrip("/"), variants.LOGIN))


def test_the_loopback_server_really_sent_what_the_cassette_leaves_out(recording):
    """The scrubbing test above can fail: the exchanges did carry cookies, request ids and the variant's secrets."""
    sent = [{n.lower() for n in headers} for _, _, headers, _ in recording.service.seen]
    assert any("cookie" in names for names in sent), "no request sent a cookie back"
    if recording.variant.call in (variants.api_key_header, variants.bearer_key, variants.entra_client_assertion):
        assert any(n.startswith("x-stainless-") for names in sent for n in names)
    else:
        assert any("x-ms-client-request-id" in names for names in sent)
    for names in sent:
        assert recording.variant.auth <= names and not ({"api-key", "authorization"} - recording.variant.auth) & names
    field = recording.variant.token_field
    if field:
        secret = recording.secrets[field.replace("_", " ")]
        bodies = [unquote_plus(body) for _, path, _, body in recording.login.seen if path.endswith("/token")]
        assert bodies and all(f"{field}={secret}" in body for body in bodies)
        assert recording.login.issued, "the Entra ID stand-in issued no token"
        assert all(claims(token)["upn"] == variants.UPN and claims(token)["tid"] == variants.TENANT
                   for token in recording.login.issued)
        assert recording.answers[-1] == "refused with 401", "the service did not refuse the principal's call"


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


SCRUBBED = {"oid": "00000000-0000-0000-0000-000000000000", "upn": "user@example.com"}


def test_an_error_naming_the_principal_is_recorded_with_the_principal_scrubbed(recording):
    """Entra ID variants call a model their principal has no role for; Azure's answer names the principal."""
    refused = [i for i in interactions(recording.path) if i["response"]["status"]["code"] == 401]
    assert len(refused) == (1 if recording.variant.token_field else 0)
    for interaction in refused:
        error = json.loads(interaction["response"]["body"]["string"])["error"]
        assert error["code"] == "PermissionDenied"
        assert error["message"].startswith(
            f"The principal `{SCRUBBED[recording.variant.named_claim]}` lacks the required data action "
            "`Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action`")


def test_cassette_keeps_the_auth_scheme_and_masks_every_credential(recording):
    for interaction in interactions(recording.path):
        headers = headers_of(interaction["request"])
        uri = interaction["request"]["uri"]
        if uri.startswith(variants.LOGIN):
            if uri.endswith("/token"):
                assert f"{recording.variant.token_field}={MASK}" in interaction["request"]["body"]
                assert f'"access_token": "{MASK}"' in interaction["response"]["body"]["string"]
            continue
        assert {name for name in ("api-key", "authorization") if name in headers} == recording.variant.auth
        assert headers.get("api-key", [MASK]) == [MASK]
        assert headers.get("authorization", [f"Bearer {MASK}"]) == [f"Bearer {MASK}"]


def test_replay_answers_from_the_cassette_with_the_network_blocked(recording, certificate):
    before = len(recording.service.seen) + len(recording.login.seen)
    with network.blocked():
        answers, cassette = variants.replay(recording.variant, recording.path.parent, certificate[0])
    assert answers == recording.answers
    assert sorted(cassette.play_counts.values()) == [1] * len(cassette.data)
    assert len(recording.service.seen) + len(recording.login.seen) == before


def test_blocked_network_refuses_a_real_connection_to_a_live_server_and_names_it():
    with FakeAzure() as server:
        with network.blocked():
            with pytest.raises(NetworkBlockedError, match=rf"127\.0\.0\.1:{server.port}"):
                socket.create_connection(("127.0.0.1", server.port), timeout=2)
            with pytest.raises(NetworkBlockedError, match=r"example-resource\.openai\.azure\.com \(name lookup\)"):
                socket.getaddrinfo("example-resource.openai.azure.com", 443)
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()  # the server was there all along
        assert server.seen == []


def test_changed_prompt_is_a_replay_miss_naming_notebook_method_path_and_the_difference(recording, certificate):
    with network.blocked(), pytest.raises(Exception) as raised:
        variants.replay(recording.variant, recording.path.parent, certificate[0],
                        prompt="How many yards are in a mile?")
    message = explain.replay_miss(raised.value, recording.notebook)
    assert message, f"not a replay miss: {raised.value!r}"
    path = recording.variant.chat_route
    assert message.startswith(f"Replay of {recording.notebook} has no recorded answer for this request:")
    assert "  sent:     POST https://" in message and path in message
    assert ('body $.messages[0].content: "How many feet are in a mile?" -> "How many yards are in a mile?"'
            in message)
    assert "NOTEBOOK_MODE=record" in message


CORRUPTIONS = {
    "merge-conflict": lambda text: text.replace("interactions:\n", "interactions:\n<<<<<<< HEAD\n", 1),
    "truncated": lambda text: text[: len(text) * 2 // 3],
    "status-code-deleted": lambda text: text.replace("      code: 200\n", "", 1),
    "not-a-cassette": lambda text: "- just\n- a list\n",
    "tab-indented": lambda text: text.replace("\n  ", "\n\t", 1),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupt_cassette_is_refused_with_cassette_error_and_left_byte_identical(recording, corruption, tmp_path):
    broken = tmp_path / recording.path.name
    broken.write_text(CORRUPTIONS[corruption](recording.path.read_text(encoding="utf-8")), encoding="utf-8")
    before = broken.read_bytes()
    assert before != recording.path.read_bytes()
    path = cassette_path(recording.notebook, tmp_path)
    session = Replay(recording.notebook, path, Scrubber([REPLAY_KEY]), strict=True)
    with pytest.raises(CassetteError) as raised:
        session.open()
    assert broken.read_bytes() == before
    assert str(broken) in str(raised.value) or broken.name in str(raised.value)
    assert "left as it is" in str(raised.value)
    assert session.cassette is None  # nothing was patched: the SDKs talk to no cassette


def test_provenance_says_recorded_with_todays_date_and_the_sdk_versions(recording):
    record = provenance(recording.path)
    assert record["source"] == "recorded"
    assert record["recorded_on"] == datetime.date.today().isoformat()
    assert record["sdk_versions"] == {name: metadata.version(name) for name in SDKS}
    assert describe_provenance(record).startswith(f"recorded live on {record['recorded_on']} (azure-ai-inference ")


def test_scrubber_replaces_host_and_port_together_so_no_port_is_left_behind():
    scrubber = Scrubber(endpoints=[("https://127.0.0.1:4433/models", "https://example-resource.services.ai.azure.com/models"),
                                   ("https://127.0.0.1:5544", "https://login.microsoftonline.com")])
    assert scrubber.text("https://127.0.0.1:4433/info") == "https://example-resource.services.ai.azure.com/info"
    assert scrubber.text("Host: 127.0.0.1:5544") == "Host: login.microsoftonline.com"
    assert scrubber.text("https://127.0.0.1:5544/t/oauth2/v2.0/token") == "https://login.microsoftonline.com/t/oauth2/v2.0/token"
    assert scrubber.text("https://127.0.0.1:44331/x") == "https://example-resource.services.ai.azure.com:44331/x"


def test_scrubber_masks_an_authorization_header_sent_without_a_scheme_entirely():
    import vcr.request

    key = "0123456789abcdef0123456789abcdef"
    for value, shown in ((key, MASK), (f"Bearer {key}", f"Bearer {MASK}"), (f"token {key}", f"token {MASK}")):
        request = vcr.request.Request("POST", "https://example.com/x", "{}", {"Authorization": value})
        assert Scrubber([key]).request(request).headers["Authorization"] == shown
    request = vcr.request.Request("POST", "https://example.com/x", "{}", {"Authorization": f"Bearer {key[::-1]}"})
    assert Scrubber([key]).request(request).headers["Authorization"] == f"Bearer {OTHER_KEY}"


def test_scrubber_drops_the_date_header_so_a_re_recording_does_not_differ():
    response = {"status": {"code": 200, "message": "OK"}, "body": {"string": b"{}"},
                "headers": {"Date": ["Mon, 23 Nov 2026 14:45:11 GMT"], "Content-Type": ["application/json"]}}
    assert Scrubber().response(response)["headers"] == {"Content-Type": ["application/json"]}


def test_scrubbed_body_keeps_a_true_content_length():
    response = {"status": {"code": 200, "message": "OK"}, "headers": {"Content-Length": ["60"]},
                "body": {"string": b'{"access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}'}}
    scrubbed = Scrubber().response(response)
    assert scrubbed["body"]["string"] == b'{"access_token": "<scrubbed>"}'
    assert scrubbed["headers"]["Content-Length"] == [str(len(scrubbed["body"]["string"]))]


def test_a_closed_session_no_longer_answers_from_its_cassette(tmp_path):
    import requests

    with FakeAzure() as server:
        url = f"{server.url}/info"
        info = {"model_name": "from-the-cassette", "model_type": "chat-completion", "model_provider_name": "kit"}
        data = wire.cassette([wire.interaction("GET", url, None, info, auth=None)], ["sdk-sources"], "a test cassette")
        (tmp_path / "closed.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        session = Replay("closed", cassette_path("closed", tmp_path), Scrubber([REPLAY_KEY]), strict=True).open()
        assert requests.get(url, timeout=5).json() == info
        session.close()
        assert requests.get(url, timeout=5).status_code == 401  # the server answered, not the cassette
        assert len(server.seen) == 1


def test_a_notebooks_key_sent_to_an_endpoint_it_does_not_open_is_masked_as_another_key():
    import vcr.request

    chat, serverless = "https://contoso.openai.azure.com/openai/v1/", "https://llama.eastus2.models.ai.azure.com"
    scrubber = Scrubber(["chat-key", "serverless-key", "github-token"],
                        keys=[("chat-key", chat), ("serverless-key", serverless)])

    def sent(url, key):
        request = vcr.request.Request("POST", f"{url}/chat/completions", "{}", {"api-key": key})
        return scrubber.request(request).headers["api-key"]

    assert sent(chat, "chat-key") == sent(serverless, "serverless-key") == MASK
    assert sent(chat, "serverless-key") == sent(serverless, "chat-key") == OTHER_KEY
    assert sent("https://models.inference.ai.azure.com", "chat-key") == MASK, "no endpoint of the notebook: any key"
    assert sent(chat, "github-token") == MASK, "a token that opens no endpoint variable is configured everywhere"
    assert sent(chat, "not-a-key-of-the-notebook") == OTHER_KEY


def test_an_entra_id_token_for_another_audience_than_the_host_takes_is_masked_as_another_key():
    """Record mode reads a real token's aud claim; replay's offline az names the audience in its token."""
    import vcr.request

    from helpers.credentials import OFFLINE_TOKEN

    def sent(url, token):
        request = vcr.request.Request("POST", url, "{}", {"Authorization": f"Bearer {token}"})
        return Scrubber([OFFLINE_TOKEN]).request(request).headers["Authorization"]

    openai = "https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
    serverless = "https://llama.eastus2.models.ai.azure.com/chat/completions"
    right, wrong = make_jwt(aud="https://cognitiveservices.azure.com"), make_jwt(aud="https://ml.azure.com")
    assert sent(openai, right) == sent(openai, OFFLINE_TOKEN) == f"Bearer {MASK}"
    assert sent(openai, wrong) == sent(openai, f"{OFFLINE_TOKEN}-for-ml.azure.com") == f"Bearer {OTHER_KEY}"
    assert sent(serverless, wrong) == sent(serverless, f"{OFFLINE_TOKEN}-for-ml.azure.com") == f"Bearer {MASK}", \
        "no audience rule for a host whose audience the kit does not know"
    assert sent(openai, make_jwt(aud="00000000-0000-0000-0000-000000000000")) == f"Bearer {MASK}", "an app id as aud"
