"""--fix proven by running, on two corpora of programs written the way teams write them (tests/migrate_corpora/):
azure-ai-inference programs and legacy openai<1.0 programs, with local imports, async def main(), configuration from
the environment and from other modules, tools, structured output, image input, embeddings, Entra ID, several except
clauses, streaming with dict access, and Flask, Streamlit and Quart shapes (the frameworks are imported inside the
functions that serve, so the model-calling function runs without them).

Each corpus is copied, fixed with `python -m openai_v1_migrate --fix`, and every program --fix reports clean is run (in
one subprocess per corpus, tests/support/corpus_runner.py) against the loopback Azure OpenAI service
(tests/support/loopback.py) with the v1 URL, or the resource endpoint, in its endpoint variable. Entra ID programs get
their token from the kit's offline Azure CLI (helpers/offline_az), which the loopback service trusts. expected.json in
each corpus says, per program, the requests it must send (method, path after its own prefix, model, the body's other
fields) and, where the output is the point (an error handler), what it prints; or why --fix must leave it.

    .venv/bin/python -m pytest tests/test_migrate_corpora.py -s -k 80_percent     # prints the shares
"""

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openai_v1_migrate import main
from tests.support.loopback import FakeAzure

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "migrate_corpora"
RUNNER = ROOT / "tests" / "support" / "corpus_runner.py"
OFFLINE_AZ = ROOT / "helpers" / "offline_az"
REPLAY_TOKEN = "replay-entra-token"  # what helpers/offline_az/az answers for https://cognitiveservices.azure.com
PLATFORM = ("SYSTEMROOT", "COMSPEC", "TEMP", "TMP")  # what Python and cmd.exe need on Windows; nothing else leaks in
LEFT = re.compile(r"^(?P<path>.+?\.py):\d+: left (?P<what>.*?): (?P<why>.*)$")


def fix_and_run(corpus, folder):
    """(expected, {program: [reasons --fix gave]}, {program: run result}, {program: [requests]}, {program: changed})"""
    shutil.copytree(CORPORA / corpus, folder)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    before = {name: (folder / f"{name}.py").read_text(encoding="utf-8") for name in expected}
    said = io.StringIO()
    with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
        main(["--fix", str(folder)])
    left = {}
    for line in said.getvalue().splitlines():
        if (match := LEFT.match(line)) and Path(match["path"]).stem in expected:
            left.setdefault(Path(match["path"]).stem, []).append(f"{match['what']}: {match['why']}")
    changed = {name: (folder / f"{name}.py").read_text(encoding="utf-8") != before[name] for name in expected}
    clean = [name for name in expected if name not in left]
    environment = {name: os.environ[name] for name in PLATFORM if name in os.environ}
    environment.update(PATH=os.pathsep.join([str(OFFLINE_AZ), str(Path(sys.executable).parent), os.environ["PATH"]]),
                       AZURE_TOKEN_CREDENTIALS="AzureCliCredential", NO_PROXY="127.0.0.1")
    with FakeAzure(trusted_tokens=[REPLAY_TOKEN]) as server:
        done = subprocess.run([sys.executable, str(RUNNER), str(folder), server.url, server.key, *clean],
                              capture_output=True, text=True, env=environment, timeout=300, check=False)
        seen = {}
        for method, path, _, body in server.seen:
            program, _, rest = path.lstrip("/").partition("/")
            fields = json.loads(body) if body else {}
            seen.setdefault(program, []).append(f"{method} /{rest.split('?')[0]} {fields.get('model')} "
                                                f"{','.join(sorted(set(fields) - {'model'}))}")
    assert done.returncode == 0, done.stderr[-3000:]
    results = {r["program"]: r for r in map(json.loads, done.stdout.splitlines())}
    return expected, left, results, seen, changed


@pytest.fixture(scope="module", params=["inference", "legacy"])
def corpus(request, tmp_path_factory):
    return request.param, fix_and_run(request.param, tmp_path_factory.mktemp("corpora") / request.param)


def test_each_corpus_has_at_least_30_programs_each_with_an_expected_outcome(corpus):
    name, (expected, *_) = corpus
    programs = {p.stem for p in (CORPORA / name).glob("*.py") if not p.stem.startswith("shared_")
                and p.read_text(encoding="utf-8").count("(not a program") == 0}
    assert len(expected) >= 30 and set(expected) == programs


def test_every_program_reported_clean_runs_and_sends_the_requests_it_should(corpus):
    _, (expected, left, results, seen, changed) = corpus
    for program in (p for p in expected if p not in left):
        assert changed[program], program
        assert results[program]["error"] is None, (program, results[program])
        assert seen.get(program, []) == expected[program]["requests"], program
        assert expected[program].get("prints", "") in results[program]["stdout"], (program, results[program])


def test_every_program_left_alone_is_unchanged_with_the_reason_it_should_have(corpus):
    _, (expected, left, _, _, changed) = corpus
    assert {p for p in expected if "left" in expected[p]} == set(left)
    for program, reasons in left.items():
        assert not changed[program], program
        assert any(expected[program]["left"] in reason for reason in reasons), (program, reasons)


def test_at_least_80_percent_of_each_corpus_is_rewritten_into_code_that_runs(corpus):
    name, (expected, left, results, _, _) = corpus
    running = sum(1 for p in expected if p not in left and results[p]["error"] is None)
    explained = len(left)
    print(f"{name}: {len(expected)} programs; rewritten and running {running} ({running / len(expected):.0%}); "
          f"left with a reason {explained} ({explained / len(expected):.0%})")
    assert running / len(expected) >= 0.8
