"""python -m helpers.doctor against a loopback TLS server that plays Azure OpenAI under its real hostnames.

The server and the sources of its error bodies are in tests/support/fake_azure_openai.py. Nothing here patches an SDK:
the doctor's resolver is an argument, pointed at 127.0.0.1, and the certificate is valid for the real names.
"""

import json
import socket

import pytest

from helpers.doctor import FREE, ONE_TOKEN, diagnose
from helpers.doctor.__main__ import main, render
from helpers.doctor.probe import TRUST_VARIABLES
from helpers.paths import ROOT
from tests.support.fake_azure_openai import HOSTS, FakeAzureOpenAI
from tests.support.loopback import LOOPBACK, FakeAzure, make_key, refused_port, write_certificate
from tests.support.variants import CLIENT_ID, TENANT, make_client_secret

DEPLOYMENT = "https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini"
V1 = "https://example-resource.openai.azure.com/openai/v1/"


@pytest.fixture(scope="module")
def real_hosts_tls(tmp_path_factory):
    """(CA file, certificate, key) valid for the real hostnames the doctor asks for (fake_azure_openai.HOSTS)."""
    return write_certificate(tmp_path_factory.mktemp("tls"), hosts=HOSTS)


@pytest.fixture(scope="module")
def context(real_hosts_tls):
    import ssl

    return ssl.create_default_context(cafile=real_hosts_tls[0])


@pytest.fixture
def service(real_hosts_tls):
    """Azure OpenAI under its real hostnames, on loopback, for one test."""
    with FakeAzureOpenAI(certificate=real_hosts_tls) as fake:
        yield fake


def table(results):
    return [(r.step, r.status) for r in results if r.status != "skip" or r.step != "value"]


def run(environ, service, context, **options):
    results = diagnose(None, environ, resolve=service.resolve, context=context, **options)
    return results, render(None, results)


def chat_env(service, endpoint=DEPLOYMENT, key=None):
    return {"AZURE_OPENAI_CHAT_ENDPOINT": endpoint, "AZURE_OPENAI_CHAT_KEY": key or service.key}


def test_a_working_deployment_passes_every_step_with_one_request_of_max_tokens_1(service, context):
    results, _ = run(chat_env(service), service, context)
    assert table(results) == [("value", "pass"), ("name", "pass"), ("TLS", "pass"), ("authentication", "pass"),
                              ("deployment", "pass"), ("api-version", "pass")]
    assert [r.cost for r in results if r.cost] == [ONE_TOKEN]
    [(method, path, headers, body)] = service.seen
    assert (method, path) == ("POST", "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-06-01")
    assert headers["Host"] == "example-resource.openai.azure.com" and json.loads(body)["max_tokens"] == 1


def test_a_wrong_key_fails_authentication_naming_the_variable_and_never_the_key(service, context):
    wrong = make_key()
    results, text = run(chat_env(service, key=wrong), service, context)
    assert table(results)[-1] == ("authentication", "fail")
    assert "the service refused AZURE_OPENAI_CHAT_KEY (401)" in text
    assert "fix: Copy KEY 1 or KEY 2 from 'Keys and Endpoint' of this resource into AZURE_OPENAI_CHAT_KEY" in text
    assert wrong[:6] not in text and wrong[-6:] not in text


def test_a_missing_deployment_is_told_by_deployment_not_found(service, context):
    results, text = run(chat_env(service, endpoint=DEPLOYMENT.replace("gpt-4o-mini", "gpt-4o")), service, context)
    assert table(results)[-2:] == [("authentication", "skip"), ("deployment", "fail")]
    assert "this resource has no deployment 'gpt-4o' (404 DeploymentNotFound)" in text
    assert "fix: Put the deployment name from the resource's Deployments page" in text


def test_an_api_version_the_resource_no_longer_serves_is_told_apart_from_a_missing_deployment(real_hosts_tls, context):
    with FakeAzureOpenAI(certificate=real_hosts_tls, api_versions={"2025-04-01-preview"}) as service:
        results, text = run(chat_env(service), service, context)
    assert table(results)[-3:] == [("authentication", "skip"), ("deployment", "skip"), ("api-version", "fail")]
    assert "api-version=2024-06-01, which the notebooks send, is not served here (404 Resource not found)" in text
    assert "fix: Move to the v1 API, which takes no api-version" in text


def test_a_host_that_does_not_resolve_is_named_and_nothing_is_sent(service, context):
    endpoint = "https://exmaple-resource.openai.azure.com/openai/deployments/gpt-4o-mini"
    results, text = run(chat_env(service, endpoint=endpoint), service, context)
    assert table(results) == [("value", "pass"), ("name", "fail")]
    assert "exmaple-resource.openai.azure.com does not resolve" in text
    assert "fix: Check the resource name in AZURE_OPENAI_CHAT_ENDPOINT" in text and service.seen == []


def test_the_retired_github_models_host_that_does_not_resolve_is_named_retired(service, context):
    def nowhere(host):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    results = diagnose(None, {"GITHUB_TOKEN": "github_pat_" + make_key()}, resolve=nowhere, context=context)
    text = render(None, results)
    assert table(results) == [("value", "pass"), ("name", "fail")]
    assert "models.inference.ai.azure.com does not resolve: GitHub Models was retired on 2026-07-30" in text
    assert "fix: Run its notebooks in replay, and move your code to the OpenAI v1 API with " \
           "notebooks/08_migrate_inference_to_openai_v1.ipynb." in text


def test_a_retired_host_that_refuses_the_connection_is_told_so_with_its_retirement(context):
    with refused_port() as port:
        results = diagnose(None, {"GITHUB_TOKEN": "github_pat_" + make_key()}, resolve=lambda host: (LOOPBACK, port),
                           context=context)
    text = render(None, results)
    assert table(results) == [("value", "pass"), ("name", "pass"), ("TLS", "fail")]
    assert ("cannot connect to models.inference.ai.azure.com on port 443 (Connection refused): GitHub Models was "
            "retired on 2026-07-30") in text


@pytest.mark.parametrize(("environ", "path", "told"), [
    ({"GITHUB_TOKEN": "github_pat_" + make_key()}, "/info",
     "[FAIL] route          GitHub Models answered 410 Gone: GitHub Models was retired on 2026-07-30"),
    ({"AZURE_INFERENCE_ENDPOINT": "https://example-resource.services.ai.azure.com/models",
      "AZURE_INFERENCE_CREDENTIAL": make_key()}, "/models/info",
     "[FAIL] route          Foundry models answered 404: the Azure AI Model Inference API was retired on 2026-08-26"),
], ids=["github-models-410", "foundry-models-404"])
def test_a_retired_route_is_probed_and_its_answer_told_with_its_status_and_code(service, context, environ, path,
                                                                                 told):
    results, text = run(environ, service, context)
    assert table(results) == [("value", "pass"), ("name", "pass"), ("TLS", "pass"), ("authentication", "skip"),
                              ("route", "fail")]
    assert told in text and "fix: Run its notebooks in replay, and move your code to the OpenAI v1 API" in text
    assert [(method, target) for method, target, _, _ in service.seen] == [
        ("GET", f"{path}?api-version=2024-05-01-preview")]
    assert "Requests sent: 1 free, 0 with max_tokens=1." in text


def test_a_serverless_endpoint_that_still_answers_is_noted_with_what_is_known(service, context):
    environ = {"AZURE_AI_CHAT_ENDPOINT": "https://example-model.eastus2.models.ai.azure.com",
               "AZURE_AI_CHAT_KEY": service.key}
    results, text = run(environ, service, context)
    assert table(results) == [("value", "pass"), ("name", "pass"), ("TLS", "pass"), ("authentication", "pass"),
                              ("route", "note")]
    assert ("[note] route          serverless / managed compute answered 200: it still answers, and no retirement of "
            "serverless API endpoints is public") in text
    assert ("fix: Its notebooks can run live as they are, but azure-ai-inference was retired on 2026-08-26: move your "
            "code to the OpenAI v1 API with notebooks/08_migrate_inference_to_openai_v1.ipynb.") in text
    assert "Read the [note] line of AZURE_AI_CHAT_ENDPOINT." in text
    assert text.endswith("Every step passed: the notebooks can run live.")
    assert [(r.cost, r.call) for r in results if r.cost] == [(FREE, "GET /info")]


def test_a_serverless_endpoint_refusing_the_key_fails_authentication(service, context):
    environ = {"AZURE_AI_CHAT_ENDPOINT": "https://example-model.eastus2.models.ai.azure.com",
               "AZURE_AI_CHAT_KEY": make_key()}
    results, text = run(environ, service, context)
    assert table(results)[-1] == ("authentication", "fail")
    assert "the service refused AZURE_AI_CHAT_KEY (401)" in text


def test_what_the_doctor_says_of_a_retirement_comes_from_the_one_table(service, context, monkeypatch):
    import dataclasses

    from helpers import endpoints
    from openai_v1_migrate import retirements

    record = retirements.Retirement("GitHub Models", "2099-01-01", "everything", "a test")
    monkeypatch.setattr(endpoints, "GITHUB_MODELS", dataclasses.replace(endpoints.GITHUB_MODELS, retirement=record))
    _, text = run({"GITHUB_TOKEN": "github_pat_" + make_key()}, service, context)
    assert "GitHub Models answered 410 Gone: GitHub Models was retired on 2099-01-01" in text


def test_a_certificate_this_machine_does_not_trust_fails_tls_with_the_proxy_fix(service, tmp_path):
    import ssl

    other_ca = ssl.create_default_context(cafile=write_certificate(tmp_path)[0])
    results, text = run(chat_env(service), service, other_ca)
    assert table(results)[-1] == ("TLS", "fail")
    assert "the certificate of example-resource.openai.azure.com is not trusted (unable to get local issuer" in text
    assert "set SSL_CERT_FILE and REQUESTS_CA_BUNDLE to your company's root certificate file" in text


@pytest.fixture
def no_trust_variables(monkeypatch):
    for name in TRUST_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"])
def test_a_company_root_given_only_by_the_variable_the_sdks_read_is_trusted(service, real_hosts_tls, no_trust_variables,
                                                                            variable):
    environ = chat_env(service)
    without = diagnose(None, environ, resolve=service.resolve)
    trusted = diagnose(None, {**environ, variable: real_hosts_tls[0]}, resolve=service.resolve)
    assert table(without)[-1] == ("TLS", "fail")
    assert table(trusted)[:3] == [("value", "pass"), ("name", "pass"), ("TLS", "pass")]
    assert table(trusted)[-1] == ("api-version", "pass")


def test_the_command_reads_the_company_root_from_the_shell(kernel_env, monkeypatch, service, real_hosts_tls,
                                                          no_trust_variables, capsys):
    for name, value in chat_env(service).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SSL_CERT_FILE", real_hosts_tls[0])
    assert main([], resolve=service.resolve) == 0
    tls = next(line for line in capsys.readouterr().out.splitlines() if " TLS " in line)
    assert tls.startswith("  [ok]   TLS ")
    assert tls.endswith("with a certificate valid for example-resource.openai.azure.com")


def test_a_trust_variable_naming_no_certificate_is_refused_naming_the_variable(kernel_env, monkeypatch, capsys,
                                                                               no_trust_variables):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(kernel_env / "company-root.pem"))
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err == ("REQUESTS_CA_BUNDLE does not name a readable certificate file (PEM) or folder. Set "
                   "REQUESTS_CA_BUNDLE to your company's root certificate file, or unset it.\n")


def test_the_v1_endpoint_authenticates_with_the_free_models_call(service, context):
    results, text = run({"AZURE_OPENAI_BASE_URL": V1, "AZURE_OPENAI_API_KEY": service.key}, service, context)
    assert table(results) == [("value", "pass"), ("name", "pass"), ("TLS", "pass"), ("authentication", "pass")]
    assert [(r.cost, r.call) for r in results if r.cost] == [(FREE, "GET /openai/v1/models")]
    assert "Requests sent: 1 free, 0 with max_tokens=1." in text


def test_the_openai_key_is_checked_with_the_free_models_call(service, context):
    results, text = run({"OPENAI_API_KEY": make_key()}, service, context)
    assert table(results)[-1] == ("authentication", "fail")
    assert "the service refused OPENAI_API_KEY (401)" in text and "[free call: GET /v1/models]" in text


def test_a_placeholder_key_fails_the_value_step_with_the_kit_cells_message_and_touches_no_network(context):
    def must_not_resolve(host):
        raise AssertionError(host)

    environ = {"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT, "AZURE_OPENAI_CHAT_KEY": "<your-key>"}
    results = diagnose(None, environ, resolve=must_not_resolve, context=context)
    text = render(None, results)
    assert table(results) == [("value", "fail")]
    assert "AZURE_OPENAI_CHAT_KEY still holds the .env.example placeholder." in text
    assert "Or check Entra ID instead of a key: python -m helpers.doctor --entra." in text


@pytest.fixture
def entra(real_hosts_tls):
    """An Entra ID authority on loopback, and a real ClientSecretCredential that signs in there."""
    from azure.identity import ClientSecretCredential

    secret = make_client_secret()
    with FakeAzure(certificate=real_hosts_tls, client_secret=secret) as login:
        yield login, ClientSecretCredential(TENANT, CLIENT_ID, secret, authority=login.url,
                                            disable_instance_discovery=True, connection_verify=real_hosts_tls[0])


def test_an_entra_id_token_for_the_cognitive_services_scope_is_accepted(entra, real_hosts_tls, context):
    login, credential = entra
    with FakeAzureOpenAI(certificate=real_hosts_tls, trusted_tokens=login.issued) as service:
        results, text = run({"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT}, service, context, credential=credential)
        [(_, _, headers, _)] = service.seen
    assert table(results)[-3:] == [("authentication", "pass"), ("deployment", "pass"), ("api-version", "pass")]
    assert "your Entra ID token (scope https://cognitiveservices.azure.com/.default) is accepted" in text
    assert "api-key" not in headers and headers["Authorization"] == f"Bearer {login.issued[0]}"


def test_a_token_the_service_refuses_is_told_apart_from_a_missing_role(entra, real_hosts_tls, context):
    login, credential = entra
    with FakeAzureOpenAI(certificate=real_hosts_tls, trusted_tokens=[]) as service:  # a token of another tenant
        results, text = run({"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT}, service, context, credential=credential)
    assert table(results)[-1] == ("authentication", "fail")
    assert "the service refused the token: wrong audience, another tenant, or expired (401)" in text
    assert "fix: Ask for the scope https://cognitiveservices.azure.com/.default, and sign in to the resource's" in text
    assert "role" not in text.split("fix:")[0].split("authentication")[-1]


@pytest.mark.parametrize("status", [401, 403])
def test_a_missing_role_is_told_by_permission_denied_without_the_principal_id(entra, real_hosts_tls, context, status):
    login, credential = entra
    with FakeAzureOpenAI(certificate=real_hosts_tls, trusted_tokens=login.issued, role=False,
                         permission_status=status) as service:
        results, text = run({"AZURE_OPENAI_CHAT_ENDPOINT": DEPLOYMENT}, service, context, credential=credential)
    assert table(results)[-1] == ("authentication", "fail")
    assert f"your identity signed in, but has no role that may call this resource ({status} PermissionDenied)" in text
    assert "fix: Ask the resource's owner for the role 'Cognitive Services OpenAI User' on it" in text
    assert ("Resource Manager caches role assignments: a new one can take up to 30 minutes to apply" in text
            and "az logout then az login, refreshes them." in text)
    assert service.principal not in text


def test_exit_status_is_0_when_every_step_passes_and_1_otherwise(kernel_env, monkeypatch, service, context, capsys):
    for name, value in chat_env(service).items():
        monkeypatch.setenv(name, value)
    assert main(["02_chat"], resolve=service.resolve, context=context) == 1  # 02_chat reads more than this one
    assert main([], resolve=service.resolve, context=context) == 0
    assert capsys.readouterr().out.rstrip().endswith("Every step passed: the notebooks can run live.")


def test_json_output_gives_an_instructor_every_step_and_no_secret(kernel_env, monkeypatch, service, context, capsys):
    wrong = make_key()
    monkeypatch.setenv("AZURE_OPENAI_CHAT_ENDPOINT", DEPLOYMENT)
    monkeypatch.setenv("AZURE_OPENAI_CHAT_KEY", wrong)
    assert main(["--json"], resolve=service.resolve, context=context) == 1
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["ok"] is False and report["notebook"] is None and report["requests"] == {FREE: 0, ONE_TOKEN: 1}
    failed = [r for r in report["results"] if r["status"] == "fail"]
    assert [(r["target"], r["step"]) for r in failed] == [("AZURE_OPENAI_CHAT_ENDPOINT", "authentication")]
    assert wrong[:6] not in out and wrong[-6:] not in out


def test_an_unknown_notebook_is_refused_with_the_known_names(kernel_env, capsys):
    assert main(["02_chatt"]) == 2
    assert "No notebook is called '02_chatt'. Known notebooks: 00_setup," in capsys.readouterr().err


def test_the_instructor_guides_room_check_reads_the_doctors_json(kernel_env, monkeypatch, service, context, capsys):
    monkeypatch.setenv("AZURE_OPENAI_CHAT_ENDPOINT", DEPLOYMENT)
    collected = kernel_env / "collected"
    collected.mkdir()
    for learner, key in (("ada", service.key), ("bo", make_key())):
        monkeypatch.setenv("AZURE_OPENAI_CHAT_KEY", key)
        main(["--json"], resolve=service.resolve, context=context)
        (collected / f"{learner}.json").write_text(capsys.readouterr().out, encoding="utf-8-sig")  # as Out-File does
    guide = (ROOT / "docs" / "instructor.md").read_text()
    room_check = guide[guide.index("## Room check"):]
    snippet = room_check[room_check.index("```python\n") + 10:room_check.index("```\n", room_check.index("```python"))]
    exec(compile(snippet, "instructor.md", "exec"), {})
    assert capsys.readouterr().out == ("1 of 2 ready to go live\n"
                                       "Counter({('AZURE_OPENAI_CHAT_ENDPOINT', 'authentication'): 1})\n")
