"""--fix's one rule, pattern by pattern (issue 21): a file is reported clean only if what --fix wrote is complete.
Each case is a pattern the issue saw go wrong; --fix either writes code that has no finding left and uses no name
nothing defines, or leaves the file as it was with a reason. The corpora (test_migrate_corpora.py) run such code."""

import textwrap

import openai
import pytest

from openai_v1_migrate import check_source
from openai_v1_migrate.fix import fix_module
from openai_v1_migrate.sources import Module
from openai_v1_migrate.verify import _undefined


def fix(code):
    fixed = fix_module(Module("app.py", [textwrap.dedent(code)], [None]))
    return fixed.after[0], [f"{left.what}: {left.why}" for left in fixed.left], [note.text for note in fixed.notes]


def assert_clean(code):
    """--fix rewrote it, and the rewrite has no finding and uses no name the original did not leave undefined."""
    after, left, notes = fix(code)
    assert left == [], left
    free = set(_undefined(Module("app.py", [textwrap.dedent(code)], [None])))
    assert check_source(after) == [] and set(_undefined(Module("app.py", [after], [None]))) <= free, after
    compile(after, "app.py", "exec")
    return after, notes


def assert_left(code, reason):
    after, left, _ = fix(code)
    assert after == textwrap.dedent(code)
    assert any(reason in line for line in left), left


INFERENCE = """
from azure.ai.inference import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential
client = ChatCompletionsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
"""


def test_imports_inside_a_function_are_replaced_there_and_nothing_is_left_behind():
    after, _ = assert_clean("""
        import os

        def main():
            from azure.ai.inference import ChatCompletionsClient
            from azure.core.credentials import AzureKeyCredential
            client = ChatCompletionsClient(endpoint=os.environ["E"], credential=AzureKeyCredential(os.environ["K"]))
            return client.complete(messages=[{"role": "user", "content": "hi"}], model="m")
        """)
    assert "    from openai import OpenAI\n" in after and "__migrate_removed__" not in after


@pytest.mark.parametrize("call, reason", [
    ("client.embed(input=['x'])", "model= is optional in azure-ai-inference but required in v1"),
    ("client.complete(messages=[])", "model= is optional in azure-ai-inference but required in v1"),
    ("client.get_model_info()", "v1 has no /info route"),
    ("client.complete(messages=[], model='m', hyper_params={'a': 1})", "hyper_params= has no openai>=1 counterpart"),
    ("client.complete(messages=[], model='m', unknown_params='pass-through')", "unknown_params= sets the extra"),
    ("client.complete({'messages': []})", "a positional request body"),
    ("client.complete(b'{}')", "a positional request body"),
    ("client.embed(input=['x'], model='m', input_type='query')", "input_type= has no counterpart"),
    ("send(client)", "the client is used here in a way --fix cannot follow"),
])
def test_a_client_whose_uses_cannot_all_be_rewritten_is_left_with_the_reason(call, reason):
    assert_left(INFERENCE + call + "\n", reason)


def test_a_refused_constructor_still_has_every_call_examined():
    _, left, _ = fix(INFERENCE.replace("AzureKeyCredential(KEY))", "AzureKeyCredential(KEY), seed=1, user_agent='x')")
                     + "client.complete(messages=[])\nclient.embed(input=[])\n")
    assert any("user_agent= has no OpenAI v1 counterpart" in line for line in left)
    assert any(line.startswith("client.complete(): model= is optional") for line in left)


def test_any_endpoint_expression_becomes_base_url_with_a_note_naming_it():
    after, notes = assert_clean(INFERENCE.replace("ENDPOINT", "settings.endpoint()") +
                                "client.complete(messages=[], model='m')\n")
    assert "OpenAI(base_url=settings.endpoint(), api_key=KEY)" in after
    assert notes == ["base_url=settings.endpoint(): its value must now be your resource's v1 URL, https://<resource>"
                     ".openai.azure.com/openai/v1/ (a .../models or /openai/deployments/<d> value no longer works)"]


def test_an_async_client_becomes_async_openai_and_its_advice_says_so():
    code = INFERENCE.replace("azure.ai.inference import", "azure.ai.inference.aio import")
    assert "-> AsyncOpenAI(base_url=" in str(check_source(code)[1])
    after, _ = assert_clean(code + "async def main():\n    return await client.complete(messages=[], model='m')\n")
    assert "AsyncOpenAI(base_url=ENDPOINT" in after and "await client.chat.completions.create(" in after


def test_constructor_defaults_are_carried_into_each_call_or_reported():
    after, _ = assert_clean(INFERENCE.replace("(KEY))", "(KEY), model='gpt', temperature=0.2)")
                            + "client.complete(messages=[], temperature=1)\nclient.complete(messages=[])\n")
    assert "create(messages=[], temperature=1, model='gpt')" in after
    assert "create(messages=[], model='gpt', temperature=0.2)" in after
    assert_left("""
        from azure.ai.inference import ChatCompletionsClient
        from azure.core.credentials import AzureKeyCredential
        def make():
            model = pick()
            return ChatCompletionsClient(endpoint=E, credential=AzureKeyCredential(K), model=model)
        client = make()
        client.complete(messages=[])
        """, "the client's default model=model uses a name this call cannot see")


@pytest.mark.parametrize("name, advice", [
    ("EmbeddingInputType", "Azure OpenAI embeddings take no input_type="),
    ("EmbeddingEncodingFormat", 'encoding_format="float" or "base64"'),
    ("JsonSchemaFormat", 'response_format={"type": "json_schema"'),
    ("ImageUrl", "for ImageUrl.load, a data: URL"),
    ("EmbeddingInput", "no image embeddings route"),
    ("ChatCompletionsToolDefinition", 'tools=[{"type": "function"'),
    ("ToolMessage", '{"role": "tool", "tool_call_id"'),
])
def test_each_models_name_gets_its_own_advice(name, advice):
    [finding] = check_source(f"from azure.ai.inference.models import {name}\n")
    assert advice in finding.replacement and "plain message dicts" not in finding.replacement


def test_tools_structured_output_and_image_input_become_lesson_10s_dicts():
    after, _ = assert_clean("""
        from azure.ai.inference import ChatCompletionsClient
        from azure.ai.inference.models import (ChatCompletionsToolDefinition, FunctionDefinition, ImageContentItem,
                                               ImageUrl, JsonSchemaFormat, ToolMessage, UserMessage)
        from azure.core.credentials import AzureKeyCredential
        client = ChatCompletionsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
        tool = ChatCompletionsToolDefinition(function=FunctionDefinition(name='f', parameters={}))
        fmt = JsonSchemaFormat(name='r', schema={}, strict=True)
        picture = UserMessage(content=[ImageContentItem(image_url=ImageUrl(url=u))])
        answer = ToolMessage('42', tool_call_id=i)
        client.complete(messages=[picture, answer], tools=[tool], response_format=fmt, model='m')
        """)
    assert """tool = {"type": "function", "function": {"name": 'f', "parameters": {}}}""" in after
    assert """fmt = {"type": "json_schema", "json_schema": {"name": 'r', "schema": {}, "strict": True}}""" in after
    assert """picture = {"role": "user", "content": [{"type": "image_url", "image_url": {"url": u}}]}""" in after
    assert """answer = {"role": "tool", "content": '42', "tool_call_id": i}""" in after


LEGACY = """
import openai
openai.api_type = "azure"
openai.api_base = ENDPOINT
openai.api_version = "2024-06-01"
openai.api_key = KEY
"""
CALL = "r = openai.ChatCompletion.create(engine='d', messages=[])\n"


def test_handlers_are_reordered_so_each_stays_reachable_with_a_note():
    after, notes = assert_clean(LEGACY + "try:\n    " + CALL + "except openai.error.APIError:\n    a()\n"
                                "except openai.error.RateLimitError:\n    b()\n"
                                "except openai.error.APIConnectionError:\n    c()\n"
                                "except openai.error.Timeout:\n    d()\n")
    assert after.index("except openai.RateLimitError") < after.index("except openai.APIStatusError")
    assert after.index("except openai.APITimeoutError") < after.index("except openai.APIConnectionError")
    assert notes[0].startswith("moved up except openai.error.RateLimitError; except openai.error.Timeout:")


def test_the_checker_reports_a_handler_that_its_parents_handler_makes_unreachable():
    [finding] = check_source("import openai\ntry:\n    f()\nexcept openai.APIError:\n    pass\n"
                             "except openai.RateLimitError:\n    pass\n")
    assert (finding.rule, finding.line) == ("unreachable-handler", 6)
    assert "before the one for openai.APIError" in finding.replacement


@pytest.mark.parametrize("legacy, v1, status", [("RateLimitError", "RateLimitError", 429),
                                                 ("InvalidRequestError", "BadRequestError", 400),
                                                 ("APIError", "APIStatusError", 500),
                                                 ("APIConnectionError", "APIConnectionError", None),
                                                 ("Timeout", "APITimeoutError", None)])
def test_raising_a_legacy_error_raises_the_v1_class_a_handler_for_it_catches(legacy, v1, status):
    after, _ = assert_clean(LEGACY + CALL.replace("r = ", "def call():\n    return ") +
                            f"def guard():\n    raise openai.error.{legacy}('slow down')\n")
    namespace = {"ENDPOINT": "https://example.invalid", "KEY": "k"}
    exec(compile(after, "app.py", "exec"), namespace)
    with pytest.raises(getattr(openai, v1)) as raised:
        namespace["guard"]()
    assert getattr(raised.value, "status_code", None) == status
    assert status is None or str(raised.value) == "slow down"


def test_raising_a_legacy_error_with_its_http_details_is_left_with_the_reason():
    assert_left(LEGACY + CALL + "raise openai.error.RateLimitError('slow', http_status=429)\n",
                "a legacy error raised with http_status=, json_body= or more")


def test_an_entra_id_token_from_get_token_becomes_a_token_provider():
    after, _ = assert_clean(LEGACY.replace('"azure"', '"azure_ad"').replace("openai.api_key = KEY",
                            "token = credential.get_token(SCOPE)\nopenai.api_key = token.token") + CALL)
    assert "azure_ad_token_provider=get_bearer_token_provider(credential, SCOPE)," in after
    assert "from azure.identity import get_bearer_token_provider" in after


def test_a_token_set_inside_a_function_is_never_dropped_silently():
    assert_left(LEGACY.replace('"azure"', '"azure_ad"').replace("openai.api_key = KEY\n", "") +
                "def refresh():\n    openai.api_key = get()\n" + CALL,
                "openai.api_key is set inside refresh(), at run time")


def test_dict_access_with_get_keys_and_in_on_an_answer_is_rewritten_to_what_v1_objects_hold():
    after, _ = assert_clean(LEGACY + "r = openai.ChatCompletion.create(engine='d', messages=[], stream=True)\n"
                            "for c in r:\n    print(c['choices'][0]['delta'].get('content', ''))\n"
                            "    print(c['choices'][0]['delta'].keys(), 'role' in c['choices'][0]['delta'])\n")
    assert "print((c.choices[0].delta.content or ''))" in after
    assert "c.choices[0].delta.model_dump(exclude_unset=True).keys()" in after
    assert "'role' in c.choices[0].delta.model_dump(exclude_unset=True)" in after


def test_the_checker_reports_get_keys_and_in_on_v1_objects():
    code = ("from openai import OpenAI\nr = OpenAI().chat.completions.create(model='m', messages=[])\n"
            "r.choices[0].message.get('content')\nr.choices[0].keys()\n'x' in r.choices[0]\n")
    assert [f.rule for f in check_source(code)] == ["v1-subscript"] * 3


def test_a_splat_that_carries_a_deployment_is_flagged_and_rewritten_and_an_opaque_one_is_left():
    code = LEGACY + "r = openai.ChatCompletion.create(**{'deployment_id': 'd'}, messages=[])\n"
    assert "**{'deployment_id': ...}" in [f.pattern for f in check_source(code)]
    after, _ = assert_clean(code)
    assert 'client.chat.completions.create(**{"model": \'d\'}, messages=[])' in after
    assert_left(LEGACY + "r = openai.ChatCompletion.create(messages=[], **params)\n", "its keywords come from **params")


def test_settings_in_a_method_give_a_true_reason():
    assert_left("import openai\nclass Bot:\n    def __init__(self):\n        openai.api_base = E\n"
                "        openai.api_key = K\n    def ask(self):\n        return openai.Completion.create(engine='d')\n",
                "openai.api_base is set inside __init__(), at run time")


def test_a_legacy_function_passed_as_a_value_is_left_with_a_reason():
    assert_left(LEGACY + "retry(openai.ChatCompletion.create, engine='d')\n", "a legacy function passed as a value")


def test_the_advice_names_openais_azure_client_so_it_cannot_be_taken_for_langchains():
    findings = check_source(LEGACY + CALL)
    assert "openai.AzureOpenAI(azure_endpoint=" in findings[0].replacement


def test_dict_access_on_an_answer_the_checker_cannot_follow_keeps_the_file_as_it_was():
    assert_left(LEGACY + "def create(q):\n    return openai.ChatCompletion.create(engine='d', messages=q)\n"
                "print(create([])['choices'][0]['message']['content'])\n",
                "it reads the 'choices' key of a value --fix cannot follow here")


def test_as_dict_on_an_azure_ai_inference_answer_is_left_with_the_v1_name():
    assert_left(INFERENCE + "r = client.complete(messages=[], model='m')\nprint(r.as_dict())\n",
                "as_dict() is azure-core's")


def test_azure_core_handlers_anywhere_in_the_module_catch_the_openai_class_raised_for_the_same_answers():
    after, _ = assert_clean("""
        from azure.ai.inference import ChatCompletionsClient
        from azure.core.credentials import AzureKeyCredential
        from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
        client = ChatCompletionsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
        def ask(q):
            return client.complete(messages=[{"role": "user", "content": q}], model="m")
        def route(q):
            try:
                return ask(q)
            except ClientAuthenticationError:
                return "check the key"
            except HttpResponseError as error:
                return f"failed: {error.status_code} {error.message}"
        """)
    assert "except AuthenticationError:" in after and "except APIStatusError as error:" in after
    assert "azure.core.exceptions" not in after


def test_azure_core_handlers_in_a_module_that_uses_another_azure_sdk_are_left_to_a_person():
    assert_left(INFERENCE + "from azure.core.exceptions import HttpResponseError\n"
                "from azure.storage.blob import BlobClient\nclient.complete(messages=[], model='m')\n"
                "try:\n    BlobClient.from_connection_string(c, 'a', 'b').upload_blob(b'')\n"
                "except HttpResponseError:\n    pass\n", "this module also uses azure.storage")


def test_to_dict_recursive_of_a_legacy_answer_becomes_v1s_to_dict():
    after, _ = assert_clean(LEGACY + CALL + "print(r.to_dict_recursive())\n")
    assert "print(r.to_dict())" in after


def test_the_checker_reports_defaults_set_on_an_azure_ai_inference_client():
    findings = check_source(INFERENCE.replace("(KEY))", "(KEY), temperature=0.2)"))
    assert [(f.pattern, f.replacement.split(" (")[0]) for f in findings if f.rule == "inference-keyword"] == [
        ("temperature= on the client", "temperature= on each call")]
