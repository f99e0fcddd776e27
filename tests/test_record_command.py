"""make record with unusable variables stops at the kit cell and says every fix, and writes nothing."""

import pytest

from helpers.paths import RECORDINGS
from tools import run_notebooks


def test_record_with_empty_variables_names_each_unusable_one_and_keeps_the_recording(monkeypatch, capsys, tmp_path):
    for name in ("AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "GITHUB_TOKEN"):
        monkeypatch.setenv(name, "")  # set, so that a developer's own .env cannot fill them in
    monkeypatch.setenv("NOTEBOOK_MODE", "record")
    monkeypatch.chdir(tmp_path)
    before = (RECORDINGS / "00_setup.yaml").read_bytes()
    with pytest.raises(SystemExit) as stop:
        run_notebooks.main(["00_setup"])
    assert str(stop.value) == "1 notebook(s) failed: 00_setup.ipynb"
    out = capsys.readouterr().out
    assert "00_setup failed: ModeError: NOTEBOOK_MODE=record cannot use these values:" in out
    assert "  - AZURE_AI_CHAT_ENDPOINT is set but empty." in out
    assert "GITHUB_TOKEN" not in out  # a retired route replays whatever its value: nothing to fix there
    assert (RECORDINGS / "00_setup.yaml").read_bytes() == before
    assert not list(RECORDINGS.glob(".00_setup.*.yaml"))
