"""The unit tests never use the network: from the first test in tests/ to the end of the session, every connection,
datagram and name lookup is refused, except connections to the loopback servers the tests start (tests/loopback.py).

Notebook kernels (nbval) are other processes: the kit cell blocks them itself in replay (helpers.network.block),
and tests/test_hermetic_replay.py proves it.
"""

import loopback
import pytest
import variants


@pytest.fixture(autouse=True, scope="session")
def no_network_but_the_tests_loopback_servers():
    with loopback.guard():
        yield


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """(CA file, certificate, key) for the loopback servers, made for this test session."""
    return loopback.write_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session", params=variants.VARIANTS, ids=lambda variant: variant.name)
def recording(request, certificate, tmp_path_factory):
    """One record-mode run per way of authenticating (tests/variants.py); tests read it and never change it."""
    return variants.record(request.param, tmp_path_factory.mktemp(request.param.name), certificate)
