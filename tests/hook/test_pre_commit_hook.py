"""The hook of .pre-commit-hooks.yaml as a team runs it: pre-commit pip-installs this repository (pyproject.toml
builds openai_v1_migrate with libcst and IPython, from PyPI) into an environment of its own, then runs the checker on
the files of another git repository. `pre-commit try-repo` does what a team's .pre-commit-config.yaml entry does,
with the working tree of this checkout as the hook's repository."""

import os
import subprocess
import sys

from helpers.paths import ROOT

LEGACY = 'import openai\n\nopenai.api_key = "x"\nprint(openai.Completion.create(engine="d", prompt="hi"))\n'
MIGRATED = ('from openai import OpenAI\n\nclient = OpenAI(api_key="x")\n'
            'print(client.completions.create(model="d", prompt="hi"))\n')


def try_repo(team, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "openai-v1-migrate",
                           "--all-files"], cwd=team, env=env, capture_output=True, text=True, timeout=900,
                          check=False)


def test_pre_commit_installs_the_hook_from_this_repository_and_fails_legacy_code_until_it_is_migrated(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=team, check=True)
    (team / "app.py").write_text(LEGACY)
    subprocess.run(["git", "add", "app.py"], cwd=team, check=True)
    failed = try_repo(team, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "legacy openai<1.0 and azure-ai-inference code" in failed.stdout and "Failed" in failed.stdout
    assert "app.py:4: openai.Completion.create() -> client.completions.create(model=<deployment>" in failed.stdout
    (team / "app.py").write_text(MIGRATED)
    subprocess.run(["git", "add", "app.py"], cwd=team, check=True)
    passed = try_repo(team, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
