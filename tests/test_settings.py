"""Each bad value a learner can put in .env gets one message naming the variable and the fix."""

import os

import pytest

from helpers.errors import EndpointKindError, SettingError
from helpers.paths import ROOT
from helpers.settings import READS, VARIABLES, check, find_env, problem, read_env

KEY = VARIABLES["AZURE_AI_CHAT_KEY"]
CHAT_ENDPOINT = VARIABLES["AZURE_AI_CHAT_ENDPOINT"]
AOAI_ENDPOINT = VARIABLES["AZURE_OPENAI_CHAT_ENDPOINT"]
SECRET = "d3adb33fd3adb33fd3adb33fd3adb33f"


def test_missing_variable_names_it_and_points_to_env_example():
    assert problem(KEY, None) == (
        "AZURE_AI_CHAT_KEY is not set. Add it to .env (see .env.example: Key of AZURE_AI_CHAT_ENDPOINT)."
    )


def test_empty_value_is_rejected_with_the_variable_name():
    with pytest.raises(SettingError) as error:
        check(KEY, "")
    assert str(error.value) == (
        "AZURE_AI_CHAT_KEY is set but empty. Put the value after 'AZURE_AI_CHAT_KEY=' in .env, or delete the line."
    )


def test_whitespace_only_value_counts_as_empty():
    assert "is set but empty" in problem(KEY, "   ")


def test_trailing_whitespace_is_rejected_without_echoing_the_key():
    message = problem(KEY, SECRET + "  ")
    assert message == (
        "AZURE_AI_CHAT_KEY has spaces around its value. "
        "Remove them in .env (write AZURE_AI_CHAT_KEY=value with nothing after it)."
    )


def test_trailing_newline_is_named_as_a_line_break():
    assert problem(KEY, SECRET + "\r\n").startswith("AZURE_AI_CHAT_KEY has a line break around its value.")


def test_value_quoted_twice_is_rejected():
    assert problem(KEY, f'"{SECRET}"') == (
        "AZURE_AI_CHAT_KEY has quotes inside its value (it was quoted twice). "
        'In .env write AZURE_AI_CHAT_KEY=value or AZURE_AI_CHAT_KEY="value", with one pair of quotes at most.'
    )


@pytest.mark.parametrize("value", ["<your-model-key>", "<your-key>", "your-key-here"])
def test_placeholder_key_is_rejected_with_the_variable_name(value):
    assert problem(KEY, value) == (
        "AZURE_AI_CHAT_KEY still holds the .env.example placeholder. "
        "Replace it with your own value (Key of AZURE_AI_CHAT_ENDPOINT)."
    )


def test_placeholder_endpoint_from_env_example_is_rejected():
    assert "still holds the .env.example placeholder" in problem(CHAT_ENDPOINT, CHAT_ENDPOINT.example)


def test_control_characters_are_rejected():
    assert problem(KEY, "abc\x00def") == (
        "AZURE_AI_CHAT_KEY contains control characters. Copy the value again into .env.")


def test_http_endpoint_is_rejected_with_the_https_fix():
    with pytest.raises(EndpointKindError) as error:
        check(CHAT_ENDPOINT, "http://my-llama.eastus2.models.ai.azure.com")
    assert str(error.value).startswith(
        "AZURE_AI_CHAT_ENDPOINT must start with https:// (it starts with http://).\n"
        "Azure endpoints only answer over TLS."
    )


def test_portal_url_is_rejected_as_a_page_not_an_endpoint():
    message = problem(CHAT_ENDPOINT, "https://portal.azure.com/#@contoso/resource/overview")
    assert message.startswith("AZURE_AI_CHAT_ENDPOINT is a portal page (portal.azure.com), not an API endpoint.\n"
                              "Copy the endpoint shown under 'Keys and Endpoint' of your deployment instead:")


def test_v1_url_given_to_azure_ai_inference_points_to_the_openai_variable():
    message = problem(CHAT_ENDPOINT, "https://my-resource.openai.azure.com/openai/v1/")
    assert message.startswith("AZURE_AI_CHAT_ENDPOINT is an endpoint of the kind 'Azure OpenAI v1'")
    assert message.endswith("The /openai/v1/ route is for the OpenAI v1 SDK, not azure-ai-inference. "
                            "Put it in AZURE_OPENAI_BASE_URL (notebooks/08_migrate_inference_to_openai_v1.ipynb).")


def test_deployment_url_without_api_version_points_to_the_variable_whose_code_passes_it():
    message = problem(CHAT_ENDPOINT, "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini")
    assert "Azure OpenAI deployments refuse requests without one" in message
    assert message.endswith('Put this URL in AZURE_OPENAI_CHAT_ENDPOINT, whose code passes api_version="2024-06-01".')


def test_api_version_in_the_url_is_rejected_with_the_fix():
    message = problem(AOAI_ENDPOINT, "https://r.openai.azure.com/openai/deployments/gpt?api-version=2024-06-01")
    assert message.startswith("AZURE_OPENAI_CHAT_ENDPOINT carries an api-version query in the URL "
                              "(https://<host>/openai/deployments/gpt?<query>).")
    assert message.endswith(
        "Remove the query string: the client sends api-version itself (api_version=... in the code).")


def test_endpoint_messages_never_show_the_resource_host():
    message = problem(CHAT_ENDPOINT, "https://contoso-secret-name.openai.azure.com/openai/deployments/x")
    assert "contoso-secret-name" not in message


def test_not_a_url_is_rejected():
    assert problem(CHAT_ENDPOINT, "https://[broken").startswith("AZURE_AI_CHAT_ENDPOINT is not a URL.")


@pytest.mark.parametrize("name, value", [
    ("AZURE_AI_CHAT_ENDPOINT", "https://my-llama.eastus2.models.ai.azure.com"),
    ("AZURE_AI_CHAT_ENDPOINT", "https://my-resource.services.ai.azure.com/models"),
    ("AZURE_OPENAI_CHAT_ENDPOINT", "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini"),
    ("AZURE_OPENAI_BASE_URL", "https://my-resource.openai.azure.com/openai/v1/"),
    ("AZURE_OPENAI_ENDPOINT", "https://my-resource.openai.azure.com/"),
    ("AZURE_AI_CHAT_KEY", SECRET),
])
def test_good_values_pass(name, value):
    assert check(VARIABLES[name], value) == value


def test_every_notebook_reads_only_known_variables():
    assert {name for names in READS.values() for name in names} <= set(VARIABLES)


def test_every_variable_is_documented_in_env_example():
    example = (ROOT / ".env.example").read_text()
    for name in VARIABLES:
        assert f"\n{name}=" in example, name


def test_env_example_names_the_notebooks_that_read_each_group():
    lines = (ROOT / ".env.example").read_text().splitlines()
    for number, line in enumerate(lines):
        if line.startswith("# Notebook"):
            said = {word.strip(".,:") for word in line.split(".")[0].split()[2:]}
            name = next(entry.split("=")[0] for entry in lines[number + 1:] if entry and not entry.startswith("#"))
            readers = {stem[:2] for stem, names in READS.items() if name in names}
            assert said == readers, f"{line!r} should name notebooks {sorted(readers)} for {name}"


def test_env_file_is_found_upwards_from_the_notebooks_folder_and_read_without_side_effects(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("\ufeffexport AZURE_AI_CHAT_KEY=from-file\r\nAZURE_OPENAI_CHAT_KEY='from file'\r\n")
    nested = tmp_path / "notebooks" / "solutions"
    nested.mkdir(parents=True)
    monkeypatch.delenv("AZURE_AI_CHAT_KEY", raising=False)
    assert find_env(nested) == tmp_path / ".env"
    assert read_env(find_env(nested)) == {"AZURE_AI_CHAT_KEY": "from-file", "AZURE_OPENAI_CHAT_KEY": "from file"}
    assert "AZURE_AI_CHAT_KEY" not in os.environ


def test_each_key_has_its_own_replay_placeholder_and_opens_endpoint_variables():
    """Replay tells a key sent to an endpoint it does not open (a troubleshooting cell's wrong key) by its value."""
    keys = [v for v in VARIABLES.values() if v.secret]
    assert len({v.placeholder for v in keys}) == len(keys)
    assert all(VARIABLES[name].is_endpoint for v in keys for name in v.opens)
