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


def test_github_models_and_foundry_models_are_retired_routes_and_serverless_is_checked_live():
    """An SDK's retirement does not switch an endpoint off; GitHub Models' host no longer answers at all."""
    assert ep.RETIRED == (ep.FOUNDRY, ep.GITHUB_MODELS)
    assert ep.GITHUB_MODELS.serves == "replay only: GitHub Models was retired on 2026-07-30"
    assert ep.FOUNDRY.serves == "replay only: the Azure AI Model Inference API was retired on 2026-08-26"
    assert ep.SERVERLESS.serves.startswith("live if yours still answers")
    assert ep.AOAI_V1.serves.startswith("live")
