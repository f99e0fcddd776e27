"""Endpoint kinds are recognised from their URL form."""

import pytest

from helpers import endpoints as ep


@pytest.mark.parametrize("url, kind", [
    ("https://my-llama.eastus2.models.ai.azure.com", ep.SERVERLESS),
    ("https://my-llama.eastus2.models.ai.azure.com/", ep.SERVERLESS),
    ("https://my-resource.services.ai.azure.com/models", ep.FOUNDRY),
    ("https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini", ep.AOAI_DEPLOYMENT),
    ("https://my-resource.cognitiveservices.azure.com/openai/deployments/gpt-4o-mini", ep.AOAI_DEPLOYMENT),
    ("https://my-resource.openai.azure.com/openai/v1/", ep.AOAI_V1),
    ("https://my-resource.services.ai.azure.com/openai/v1", ep.AOAI_V1),
    ("https://my-resource.openai.azure.com/", ep.AOAI_RESOURCE),
    ("https://models.inference.ai.azure.com", ep.GITHUB_MODELS),
    ("https://models.github.ai/inference", ep.GITHUB_MODELS),
    ("https://api.openai.com/v1", ep.OPENAI),
])
def test_known_forms_are_detected(url, kind):
    assert ep.detect(url) is kind


@pytest.mark.parametrize("url", [
    "https://example.com/", "https://my-resource.openai.azure.com/openai/deployments/", "not a url", "https://[x",
])
def test_unknown_forms_are_none(url):
    assert ep.detect(url) is None


def test_github_models_is_retired_and_the_inference_kinds_still_answer_with_a_retired_sdk():
    """An SDK's retirement does not switch an endpoint off; GitHub Models' host no longer answers at all."""
    assert ep.RETIRED == (ep.GITHUB_MODELS,) and ep.GITHUB_MODELS.serves.startswith("replay only: GitHub Models was ")
    assert set(ep.SDK_RETIRED) == {ep.SERVERLESS, ep.FOUNDRY}
    assert all(kind.serves.startswith("live, but its SDK is retired") for kind in ep.SDK_RETIRED)
    assert ep.AOAI_V1.serves.startswith("live")
