"""A learner's shell for a kernel: this process's environment without the kit's or the tests' settings, with no Azure
CLI sign-in and no .env, optionally reaching a loopback service through a proxy (tests/support/loopback_proxy.py)."""

import os

from helpers.paths import ROOT

# A learner's own Azure OpenAI resource, as their .env names it: tests serve it on loopback behind the proxy.
RESOURCE = "contoso-aoai.openai.azure.com"
AZURE_OPENAI = {"AZURE_OPENAI_CHAT_ENDPOINT": f"https://{RESOURCE}/openai/deployments/gpt-4o-mini",
                "AZURE_OPENAI_BASE_URL": f"https://{RESOURCE}/openai/v1/", "AZURE_OPENAI_ENDPOINT": f"https://{RESOURCE}/"}


def learner_shell(proxy, ca, **values):
    """This process's environment as a learner's shell: none of the kit's or the tests' settings; the proxy; values."""
    shell = {name: value for name, value in os.environ.items()
             if not name.startswith(("NOTEBOOK_", "AZURE_", "OPENAI_", "GITHUB_", "PYTEST_"))}
    shell.update(NOTEBOOK_ENV_FILE="none", AZURE_CONFIG_DIR=str(ROOT / "tests" / "no-azure-cli"), PYTHONPATH=str(ROOT))
    if proxy is not None:
        shell.update(HTTPS_PROXY=proxy.url, SSL_CERT_FILE=ca, REQUESTS_CA_BUNDLE=ca, NO_PROXY="")
    return {**shell, **values}
