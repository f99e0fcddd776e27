"""The commit guard in a real git repository (tmp_path): its pre-commit hook, installed by
python -m helpers.secret_guard --install, refuses a commit whose staged files hold a key of the learner's .env or
shell, naming the file and the variable and never the value, and lets the commit through once the file is clean."""

import json
import os
import subprocess
import sys

import pytest

from helpers.paths import ROOT
from tests.support.loopback import make_key

KEY, TOKEN = make_key(), "github_pat_" + make_key()


def notebook_showing(text):
    return json.dumps({"cells": [{"cell_type": "code", "source": ["print(key)"], "metadata": {}, "execution_count": 1,
                                  "outputs": [{"output_type": "stream", "name": "stdout", "text": [text]}]}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


@pytest.fixture
def repo(tmp_path):
    top = tmp_path / "my kit"
    top.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GITHUB_TOKEN": TOKEN,
           "GIT_AUTHOR_NAME": "Learner", "GIT_AUTHOR_EMAIL": "learner@example.invalid",
           "GIT_COMMITTER_NAME": "Learner", "GIT_COMMITTER_EMAIL": "learner@example.invalid",
           "PYTHONPATH": str(ROOT)}  # in a learner's checkout, helpers/ is in the top folder the hook runs in
    env.pop("AZURE_AI_CHAT_KEY", None)
    subprocess.run(["git", "init", "-q"], cwd=top, check=True, env=env)
    (top / ".gitignore").write_text(".env\n")
    (top / ".env").write_text(f"AZURE_AI_CHAT_KEY={KEY}\nNOTEBOOK_MODE=live\n")
    installed = run(top, env, sys.executable, "-m", "helpers.secret_guard", "--install")
    assert installed.returncode == 0 and installed.stdout == (
        "Installed .git/hooks/pre-commit: every commit is checked for the keys of your .env.\n")
    return top, env


def run(top, env, *command):
    return subprocess.run(command, cwd=top, env=env, capture_output=True, text=True, timeout=120, check=False)


def commit(top, env, *paths):
    run(top, env, "git", "add", *paths)
    return run(top, env, "git", "commit", "-q", "-m", "work")


def test_a_commit_of_a_notebook_showing_the_env_key_is_refused_naming_file_and_variable(repo):
    top, env = repo
    (top / "06_errors_and_logging.ipynb").write_text(notebook_showing(f"    'api-key': '{KEY}'\n"))
    refused = commit(top, env, "06_errors_and_logging.ipynb")
    assert refused.returncode != 0
    assert refused.stderr == (
        "06_errors_and_logging.ipynb holds the value of AZURE_AI_CHAT_KEY. Remove it (in a notebook: clear the outputs "
        "that show it, or run the notebook in replay), then stage the file again.\n"
        "Nothing was committed: the files above hold a key or token of your .env or shell.\n")
    assert KEY not in refused.stdout + refused.stderr
    assert run(top, env, "git", "rev-parse", "--verify", "-q", "HEAD").returncode != 0, "a commit was made"


def test_a_shell_token_in_any_staged_file_is_refused_too(repo):
    top, env = repo
    (top / "app.py").write_text(f'token = "{TOKEN}"\n')
    refused = commit(top, env, "app.py")
    assert refused.returncode != 0 and refused.stderr.startswith("app.py holds the value of GITHUB_TOKEN.")
    assert TOKEN not in refused.stderr


def test_what_is_staged_is_judged_not_the_working_tree(repo):
    top, env = repo
    page = top / "06_errors_and_logging.ipynb"
    page.write_text(notebook_showing("    'api-key': '<AZURE_AI_CHAT_KEY>'\n"))
    run(top, env, "git", "add", page.name)
    page.write_text(notebook_showing(KEY))  # an unstaged change holding the key is not in the commit
    committed = run(top, env, "git", "commit", "-q", "-m", "masked output")
    assert committed.returncode == 0, committed.stderr
    assert run(top, env, "git", "show", f"HEAD:{page.name}").stdout.count("<AZURE_AI_CHAT_KEY>") == 1


def test_a_placeholder_left_in_env_is_no_secret(repo):
    top, env = repo
    (top / ".env").write_text("AZURE_AI_CHAT_KEY=<your-model-key>\n")
    (top / "README.md").write_text("Put your key in place of <your-model-key>.\n")
    committed = commit(top, env, "README.md")
    assert committed.returncode == 0, committed.stderr


def test_an_existing_hook_of_another_tool_is_left_alone(repo):
    top, env = repo
    hook = top / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec other-tool\n")
    again = run(top, env, sys.executable, "-m", "helpers.secret_guard", "--install")
    assert again.returncode == 2 and hook.read_text() == "#!/bin/sh\nexec other-tool\n"
    assert again.stderr.startswith(".git/hooks/pre-commit exists already. Add this line to it instead: exec ")
