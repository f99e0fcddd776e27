"""A learner's shell for a kernel: this process's environment without the kit's or the tests' settings, with no Azure
CLI sign-in and no .env, optionally reaching a loopback service through a proxy (tests/support/loopback_proxy.py)."""

import os

from helpers.paths import ROOT


def learner_shell(proxy, ca, **values):
    """This process's environment as a learner's shell: none of the kit's or the tests' settings; the proxy; values."""
    shell = {name: value for name, value in os.environ.items()
             if not name.startswith(("NOTEBOOK_", "AZURE_", "OPENAI_", "GITHUB_", "PYTEST_"))}
    shell.update(NOTEBOOK_ENV_FILE="none", AZURE_CONFIG_DIR=str(ROOT / "tests" / "no-azure-cli"), PYTHONPATH=str(ROOT))
    if proxy is not None:
        shell.update(HTTPS_PROXY=proxy.url, SSL_CERT_FILE=ca, REQUESTS_CA_BUNDLE=ca, NO_PROXY="")
    return {**shell, **values}
