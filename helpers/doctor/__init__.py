"""The doctor: checks a learner's own .env against the live service, step by step, for one notebook or for all.

    python -m helpers.doctor [NN_topic] [--entra] [--json]

In a notebook, examine(NAME=value, ...) prints the same report for the values it is given. In a replay kernel the
requests are answered from the notebook's recording (vcrpy patches http.client, which the doctor sends with), and name
resolution and TLS are skipped, and no certificate is loaded: replay uses no network.

Each endpoint the notebook reads goes through helpers.doctor.steps.STEPS: the value (the kit cell's own checks), name
resolution, TLS (trusting what the SDKs trust: SSL_CERT_FILE, REQUESTS_CA_BUNDLE and their kin, else certifi's
bundle), authentication (the key, or with --entra an Entra ID token), what a retired route answers, the deployment
and the api-version. After a step fails, the later ones are not run: the first failure is the one to fix. It spends
as little as it can: nothing for the first three, then one free call (a listing, or a route's /info), or one chat
request with max_tokens=1 where no free call can answer.
"""

import os

from ..modes import Mode
from ..settings import VARIABLES, variables_for
from .probe import default_context, offline_context, system_resolve
from .report import render
from .steps import FREE, ONE_TOKEN, STEPS, Check, Result, Status


# Each endpoint and the secret its code sends with it; GitHub Models and OpenAI have a fixed endpoint.
def _targets():
    """(endpoint variable, its key, None) for each endpoint variable, Azure OpenAI's first, then ("", key, URL) for
    each key of a service with a fixed URL: derived from helpers.settings.VARIABLES."""
    keyed = [(v.name, next(k.name for k in VARIABLES.values() if v.name in k.opens), None)
             for v in VARIABLES.values() if v.is_endpoint]
    keyed.sort(key=lambda target: not target[0].startswith("AZURE_OPENAI_"))
    return (*keyed, *(("", v.name, v.service.form) for v in VARIABLES.values() if v.service))


TARGETS = _targets()

__all__ = ["FREE", "ONE_TOKEN", "Result", "Status", "TARGETS", "diagnose", "examine", "targets_for"]


def targets_for(notebook=None):
    """The (endpoint, secret, fixed url) triples a notebook reads; every one without a notebook."""
    wanted = {v.name for v in variables_for(notebook)} if notebook else set(VARIABLES)
    return [t for t in TARGETS if {t[0] or t[1], t[1]} <= wanted]


def replay_session():
    """The kernel's replay session when the doctor runs in a notebook in replay mode, else None."""
    from ..apply import active

    applied = active()
    return applied.session if applied is not None and applied.session.mode is Mode.REPLAY else None


def entra_credential():
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential()


def diagnose(notebook, environ, resolve=system_resolve, context=None, credential=None, replay=None):
    """Run the steps for every endpoint of notebook (None: all notebooks) and return their Results.

    credential: an azure-identity credential to check Entra ID with, instead of the key, on Azure OpenAI endpoints.
    replay: the kernel's replay session (replay_session()), which answers the requests instead of the service.
    Without a notebook, an endpoint that is not set is skipped: its notebooks run in replay without it.
    """
    context = context or (offline_context() if replay is not None else default_context({**os.environ, **environ}))
    results = []
    for endpoint, secret, fixed in targets_for(notebook):
        if notebook is None and not environ.get(endpoint or secret):
            results.append(Result(endpoint or secret, "value", Status.SKIP, "not set: its notebooks run in replay"))
            continue
        check = Check(endpoint, secret, fixed or environ.get(endpoint) or "", environ, resolve, context, credential,
                      replay)
        for step in STEPS:
            result = step(check)
            if result is not None:
                results.append(result)
                if result.status.ends_the_checks:
                    break
    return results


def examine(entra=False, **environ):
    """Print the doctor's report for these variables alone (no .env, no shell), as python -m helpers.doctor would.

    entra: check Entra ID (DefaultAzureCredential) instead of the key on Azure OpenAI endpoints, as --entra does.
    """
    replay = replay_session()
    results = diagnose(None, environ, credential=entra_credential() if entra else None, replay=replay)
    print(render(None, [r for r in results if r.target in environ], replay=replay is not None))
