"""The unit tests never use the network: from the first test in tests/ to the end of the session, every connection,
datagram and name lookup is refused, except connections to the loopback servers the tests start
(tests/support/loopback.py).

Notebook kernels (nbval) are other processes: the kit cell blocks them itself in replay (helpers.network.block),
and tests/test_hermetic_replay.py proves it.
"""

import os

import pytest

from helpers import kit, network
from helpers.settings import VARIABLES
from tests.support import learner_env, loopback, loopback_proxy, variants

LOOPBACK_ONLY = "Tests may only connect to the loopback servers they start (tests/support/loopback.py)."


@pytest.fixture(autouse=True, scope="session")
def no_network_but_the_tests_loopback_servers():
    with network.blocked(LOOPBACK_ONLY, allow_ports=loopback.SERVER_PORTS):
        yield


@pytest.fixture
def blocked():
    """No connection at all, not even to the tests' loopback servers: what replay promises."""
    with network.blocked():
        yield


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """(CA file, certificate, key) for the loopback servers, made for this test session."""
    return loopback.write_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def server(certificate):
    """A FakeAzure over TLS for the tests of one module (tests/support/loopback.py)."""
    with loopback.FakeAzure(certificate=certificate) as azure:
        yield azure


@pytest.fixture(scope="module")
def learners_azure_openai(tmp_path_factory):
    """The learner's Azure OpenAI resource (learner_env.AZURE_OPENAI) on loopback, reached through a proxy under its
    real-looking name: (azure, proxy, ca), for the tests of one module (tests/support/loopback_proxy.py)."""
    with loopback_proxy.behind_proxy(tmp_path_factory.mktemp("tls"), [learner_env.RESOURCE]) as reached:
        yield reached


@pytest.fixture(scope="session", params=variants.VARIANTS, ids=lambda variant: variant.name)
def recording(request, certificate, tmp_path_factory):
    """One record-mode run per way of authenticating (tests/support/variants.py); tests read it and never change it."""
    return variants.record(request.param, tmp_path_factory.mktemp(request.param.name), certificate)


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A clean environment with no .env in reach; undoes everything start() changes."""
    saved = dict(os.environ)
    for name in [*VARIABLES, "NOTEBOOK_MODE", "NOTEBOOK_REPLAY_PACE", "NOTEBOOK_REPLAY_STRICT", "NOTEBOOK_ENV_FILE",
                 "AZURE_TOKEN_CREDENTIALS"]:
        os.environ.pop(name, None)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    kit.stop()
    network.block(LOOPBACK_ONLY, allow_ports=loopback.SERVER_PORTS)
    os.environ.clear()
    os.environ.update(saved)
