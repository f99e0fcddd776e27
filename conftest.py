"""Every test runs in strict replay, whatever a learner's shell or .env says: notebook kernels (nbval) inherit this
process's environment, and the kit cell lets the environment win over .env, and reads no .env at all with
NOTEBOOK_ENV_FILE=none. So plain `pytest` never goes live, a learner's .env never changes a stored output, and a
request that was never recorded fails the notebook instead of getting a stand-in."""

import os

FORCED = {"NOTEBOOK_MODE": "replay", "NOTEBOOK_REPLAY_STRICT": "1", "NOTEBOOK_REPLAY_PACE": "", "NOTEBOOK_ENV_FILE": "none"}


def pytest_configure(config):
    os.environ.update(FORCED)
