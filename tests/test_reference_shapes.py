"""Every synthesized answer has the shape of a real one. tests/reference/ holds real answers of the services, each
with its source (repository, path and commit, or the public issue that quotes it); each cassette interaction is
compared with the reference for its route and status: the body's keys and value types, the content type, the
error body's form, the SSE framing and chunk kinds, and which headers are present or absent. A route the kit
records without a real reference to hold it to is listed in UNREFERENCED with the reason.
"""

import json

import pytest
import yaml

from helpers.paths import RECORDINGS
from tests.support.fidelity import CASSETTES, body_text, is_sse, sse_events
from tests.support.reference_shapes import REFERENCES, cassette_problems, differences, stream_differences
from tools import wire


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_synthesized_answer_has_the_shape_of_the_real_answer_for_its_route(path):
    problems = cassette_problems(path)
    assert not problems, "\n".join(problems)


def test_every_reference_names_its_source_and_every_deliberate_difference_its_reason():
    for name, ref in REFERENCES.items():
        source = ref["source"]
        from_repository = all(source.get(k) for k in ("repository", "path", "commit"))
        assert from_repository or source.get("issue") or source.get("reports"), name
        assert all(entry.get("reason") for entry in ref["deliberate"]), name


def test_no_two_different_answers_in_a_cassette_share_an_id():
    for path in CASSETTES:
        seen = {}
        for interaction in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]:
            text = body_text(interaction["response"]["body"])
            bodies = [json.loads(e) for e in sse_events(text)] if is_sse(interaction) else [
                json.loads(text) if text.lstrip().startswith("{") else {}]
            body = json.dumps([{k: v for k, v in b.items() if k != "id"} for b in bodies], sort_keys=True)
            for answer_id in {b.get("id") for b in bodies if isinstance(b, dict) and b.get("id")}:
                assert seen.setdefault(answer_id, body) == body, f"{path.name}: {answer_id} names two answers"


# --- the comparison can fail -------------------------------------------------------------------------------------

SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"


def test_a_serverless_answer_with_azure_openai_headers_or_annotations_is_refused():
    good = wire.interaction("POST", SERVERLESS, {"messages": []}, wire.chat_completion("hi", "m"))
    assert differences(good, REFERENCES["serverless-chat-200"]) == []
    bad = wire.interaction("POST", SERVERLESS, {"messages": []}, wire.chat_completion("hi", "m", azure_openai=True),
                           response_headers={"apim-request-id": "x"})
    found = differences(bad, REFERENCES["serverless-chat-200"])
    assert "a apim-request-id header the service does not send" in found
    assert "extra .prompt_filter_results (array)" in found


def test_a_serverless_stream_with_a_separate_usage_chunk_is_refused():
    stream = wire.chat_stream(["Hel", "lo"], "m")
    good = wire.interaction("POST", SERVERLESS, {"messages": [], "stream": True}, stream, stream=True)
    assert differences(good, REFERENCES["serverless-chat-stream-200"]) == []
    events = [json.loads(e) for e in sse_events(stream)]
    events[-1].pop("usage")
    events.append({**events[-1], "choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 1,
                                                           "total_tokens": 2}})
    split = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    found = stream_differences(split, REFERENCES["serverless-chat-stream-200"]["response"]["body"])
    kinds = "chunk kinds ['content', 'finish', 'role', 'usage'], the service sends ['content', 'finish', 'role']"
    assert kinds in found
    assert "finish chunk: missing .usage (object)" in found


def test_a_json_401_where_the_service_sends_json_passes_and_a_text_one_does_not():
    text = wire.interaction("POST", SERVERLESS, {"messages": []}, "key_auth_access_denied", status=401,
                            response_headers={"Content-Type": "text/plain; charset=utf-8"})
    found = differences(text, REFERENCES["serverless-chat-401"])
    assert found[0] == "Content-Type text/plain, the service sends application/json"
    assert "a text body, the service sends JSON" in found


def test_a_content_filtered_answer_without_the_token_details_current_answers_carry_is_refused():
    url = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
    body = wire.content_filtered_completion("gpt-4o-mini-2024-07-18")
    reference = REFERENCES["azure-openai-chat-200-content-filter"]
    assert differences(wire.interaction("POST", url, {"messages": []}, body, auth="bearer"), reference) == []
    body["usage"] = {k: v for k, v in body["usage"].items() if not k.endswith("_details")}
    found = differences(wire.interaction("POST", url, {"messages": []}, body, auth="bearer"), reference)
    assert "missing .usage.prompt_tokens_details (object)" in found
    assert "missing .usage.completion_tokens_details (object)" in found
