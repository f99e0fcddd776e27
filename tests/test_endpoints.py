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


def test_retired_kinds_are_the_inference_and_github_ones():
    assert set(ep.RETIRED) == {ep.SERVERLESS, ep.FOUNDRY, ep.GITHUB_MODELS}
    assert all("retired" in kind.serves for kind in ep.RETIRED)
    assert ep.AOAI_V1.serves.startswith("live")
