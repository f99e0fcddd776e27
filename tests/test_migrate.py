"""The migration checker (openai_v1_migrate/) on the guides' own code and on tricky cases."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from openai_v1_migrate import check_path, check_source, main
from tests.support.guides import needed

ROOT = Path(__file__).resolve().parents[1]
RETIREMENT = "retired 2026-08-26"


def lines(findings):
    return [str(finding) for finding in findings]


# --- the guides' own code ---------------------------------------------------------------------------------------

def test_guide_003_blocks_alone_are_flagged_only_where_they_prove_the_legacy_api():
    # openai.api_type = 'azure' and openai.api_key = ... alone are valid openai>=1 (its module-level client reads
    # them); api_base, api_type 'azure_ad', requestssession and Completion.create exist only in the legacy API.
    blocks = [block.code for block in needed("003")]
    assert len(blocks) == 6
    flagged = [bool(check_source(code)) for code in blocks]
    assert flagged == [True, False, True, True, False, True]


def test_guide_003_completion_block_reports_the_call_the_keyword_and_the_subscript():
    code = next(block.code for block in needed("003") if "Completion.create" in block.code)
    assert [f"{f.where}: {f.pattern}" for f in check_source(code, "step5.py")] == [
        "step5.py:5: openai.Completion.create()",
        "step5.py:6: deployment_id=",
        "step5.py:13: completion['choices'][0]['text']",
    ]
    assert "client.completions.create(model=<deployment>" in check_source(code)[0].replacement


def test_guide_003_settings_and_requestssession_are_each_reported_on_their_line():
    found = lines(check_source("".join(block.code for block in needed("003")), "guide.py"))
    for setting in ("api_version", "api_base", "api_type", "api_key"):
        assert any(f": openai.{setting} = ... -> " in line for line in found), setting
    assert sum(": openai.requestssession = ... -> " in line for line in found) == 1


def test_guide_001_openai_v1_blocks_are_clean():
    blocks = [block.code for block in needed("001") if block.tab == "openai"]
    assert len(blocks) == 8
    for code in blocks:
        assert check_source(code) == [], code


def test_guide_001_azure_ai_inference_blocks_that_import_it_are_flagged_with_the_retirement_notice():
    blocks = [block.code for block in needed("001")
              if block.tab == "azure-ai-inference" and "azure.ai.inference" in block.code]
    assert len(blocks) == 5
    for code in blocks:
        findings = check_source(code)
        assert findings and all(RETIREMENT in f.replacement and "08_migrate_inference_to_openai_v1" in f.replacement
                                for f in findings), code


def test_guide_001_azure_ai_inference_blocks_as_one_script_have_a_finding_in_every_block():
    # The error-handling block only calls client.complete(...): the client it uses comes from an earlier block.
    blocks = [block.code for block in needed("001") if block.tab == "azure-ai-inference"]
    assert len(blocks) == 6
    found_lines = {int(f.where.rsplit(":", 1)[1]) for f in check_source("".join(blocks))}
    start = 1
    for code in blocks:
        end = start + code.count("\n")
        assert found_lines & set(range(start, end)), code
        start = end


# --- tricky cases -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, patterns", [
    ("import openai as oa\noa.Completion.create(engine='davinci', prompt='p')\n", ["oa.Completion.create()"]),
    ("from openai import Completion\nCompletion.create(engine='davinci', prompt='p')\n",
     ["from openai import Completion", "Completion.create()"]),
    ("from openai import Completion as C\nC.create(engine='davinci', prompt='p')\n",
     ["from openai import Completion", "C.create()"]),
])
def test_aliased_imports_are_followed_and_shown_as_the_source_spells_them(code, patterns):
    assert [f.pattern for f in check_source(code)] == [*patterns, "engine="]


def test_a_name_imported_from_elsewhere_as_openai_is_not_the_module():
    assert check_source("from mylib import openai\nopenai.api_key = 'k'\nopenai.Completion.create(engine='e')\n") == []


def test_openai_v1_code_is_clean():
    code = textwrap.dedent("""
        import openai
        from openai import AzureOpenAI, OpenAI
        client = AzureOpenAI(azure_endpoint="https://r.openai.azure.com/", api_key="k", api_version="2024-06-01")
        completion = client.completions.create(model="gpt-35-turbo-instruct", prompt="p", stop=".", temperature=0)
        print(completion.choices[0].text, openai.api_key)
        chat = OpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k").chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
        print(chat.choices[0].message.content)
    """)
    assert check_source(code) == []


def test_patterns_inside_strings_and_comments_are_not_flagged():
    code = textwrap.dedent('''
        """Old code: openai.Completion.create(deployment_id="x"); openai.api_key = "k"."""
        # openai.api_type = 'azure'
        example = "completion['choices'][0]['text']"
        note = "from azure.ai.inference import ChatCompletionsClient; client.complete(model_extras={})"
    ''')
    assert check_source(code) == []


def test_a_message_content_subscript_chain_on_a_legacy_answer_is_one_finding():
    code = "response = openai.ChatCompletion.create(engine='e', messages=[])\n" \
           "answer = response['choices'][0]['message']['content']\n"
    assert lines(check_source(code, "chat.py"))[-1] == (
        "chat.py:2: response['choices'][0]['message']['content'] -> response.choices[0].message.content "
        "(openai>=1 returns objects, not dicts)")


def test_the_same_subscript_chain_on_data_of_unknown_origin_is_not_flagged():
    assert check_source("answer = response['choices'][0]['message']['content']\n") == []


def test_a_legacy_call_inside_a_subscript_chain_is_still_found():
    code = "text = openai.Completion.create(engine='e', prompt='p')['choices'][0]['text']\n"
    assert {f.pattern for f in check_source(code)} == {
        "openai.Completion.create(engine='e', prompt='p')['choices'][0]['text']", "openai.Completion.create()",
        "engine="}


def test_azure_ai_inference_aliases_clients_and_model_extras_are_flagged():
    code = textwrap.dedent("""
        import azure.ai.inference as aii
        chat = aii.ChatCompletionsClient(endpoint="https://x.services.ai.azure.com/models", credential=c)
        chat.complete(messages=[], model_extras={"safe_mode": True})
    """)
    assert [f"{f.where}: {f.pattern}" for f in check_source(code, "x.py")] == [
        "x.py:2: import azure.ai.inference",
        "x.py:3: aii.ChatCompletionsClient()",
        "x.py:4: chat.complete()",
        "x.py:4: model_extras=",
    ]


def test_a_syntax_error_is_reported_as_a_finding_not_raised(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("import openai\nopenai.api_key = (\n", encoding="utf-8")
    [finding] = check_path(path)
    assert str(finding).startswith(f"{path}:2: syntax error -> ")


def test_a_file_that_is_not_utf8_is_reported_not_raised(tmp_path):
    path = tmp_path / "latin1.py"
    path.write_bytes("# caf\xe9\n".encode("latin-1"))
    assert [f.pattern for f in check_path(path)] == ["unreadable file"]


def write_notebook(path, cells):
    def cell(kind, source):
        outputs = {"outputs": [], "execution_count": None} if kind == "code" else {}
        return {"cell_type": kind, "metadata": {}, "source": source, **outputs}

    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell(*c) for c in cells]}
    path.write_text(json.dumps(notebook), encoding="utf-8")


def test_a_notebook_skips_magics_and_shell_lines_and_reports_cell_and_line(tmp_path):
    path = tmp_path / "legacy.ipynb"
    write_notebook(path, [
        ("markdown", "Old code: `openai.Completion.create(engine='e')`"),
        ("code", '!pip install "openai<1"\n%matplotlib inline\nimport openai'),
        ("code", "files = !ls\nopenai.api_key = 'k'\nopenai?"),
        ("code", "%%bash\necho openai.api_type=azure"),
        ("code", "%%time\nr = openai.Completion.create(engine='e', prompt='p')"),
        ("code", "print('unclosed'"),
    ])
    assert [f"{f.where}: {f.pattern}" for f in check_path(path)] == [
        f"{path}:cell 3:2: openai.api_key = ...",
        f"{path}:cell 5:2: openai.Completion.create()",
        f"{path}:cell 5:2: engine=",
        f"{path}:cell 6:1: syntax error",
    ]


def test_a_notebook_cell_can_use_a_client_made_in_an_earlier_cell(tmp_path):
    path = tmp_path / "inference.ipynb"
    write_notebook(path, [("code", "from azure.ai.inference import load_client\nclient = load_client(e, c)"),
                          ("code", "client.complete(messages=[])")])
    assert [f"{f.where}: {f.pattern}" for f in check_path(path)][-1] == f"{path}:cell 2:1: client.complete()"


def test_main_returns_1_and_prints_each_finding_then_a_summary(tmp_path, capsys):
    (tmp_path / "old.py").write_text("import openai\nopenai.api_base = 'https://x.openai.azure.com/'\n")
    assert main([str(tmp_path / "old.py")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tmp_path / 'old.py'}:2: openai.api_base = ... -> pass azure_endpoint=")
    assert out[1] == "1 to migrate in 1 file; see notebooks/09_migrate_legacy_completions.ipynb."


def test_the_summary_points_to_the_notebook_that_teaches_each_kind_of_finding(tmp_path, capsys):
    (tmp_path / "inference.py").write_text("from azure.ai.inference import ChatCompletionsClient\n")
    (tmp_path / "legacy.py").write_text("import openai\nopenai.api_base = 'https://x.openai.azure.com/'\n")
    for names, shown in ((["inference.py"], "see notebooks/08_migrate_inference_to_openai_v1.ipynb."),
                         (["inference.py", "legacy.py"], "see notebooks/08_migrate_inference_to_openai_v1.ipynb and "
                                                         "notebooks/09_migrate_legacy_completions.ipynb.")):
        assert main([str(tmp_path / name) for name in names]) == 1
        assert capsys.readouterr().out.splitlines()[-1].endswith(shown)


def test_main_returns_0_for_clean_code_and_scans_folders_without_hidden_ones(tmp_path, capsys):
    (tmp_path / "new.py").write_text("from openai import OpenAI\n")
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": []}))
    (tmp_path / ".venv-legacy").mkdir()
    (tmp_path / ".venv-legacy" / "old.py").write_text("import openai\nopenai.api_key = 'k'\n")
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == "No legacy patterns in 2 files.\n"


@pytest.mark.parametrize("args, status, says", [
    ([], 2, "the following arguments are required: PATH"),
    (["missing.py"], 2, "missing.py is not a .py file, a notebook (.ipynb) or a folder"),
    (["notes.txt"], 2, "notes.txt is not a .py file, a notebook (.ipynb) or a folder"),
    (["old.py"], 1, "1 to migrate in 1 file"),
    (["new.py"], 0, "No legacy patterns in 1 file."),
])
def test_the_command_line_exit_status(tmp_path, args, status, says):
    (tmp_path / "notes.txt").write_text("openai.api_key = 'k'\n")
    (tmp_path / "old.py").write_text("openai.api_base = 'https://x.openai.azure.com/'\n")
    (tmp_path / "new.py").write_text("print('hello')\n")
    run = subprocess.run([sys.executable, "-m", "openai_v1_migrate", *args], cwd=tmp_path, capture_output=True,
                         text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=False)
    assert run.returncode == status
    assert says in run.stdout + run.stderr


def test_lesson_10_before_cells_are_each_flagged_for_the_feature_they_teach_and_its_after_cells_are_clean():
    import nbformat

    path = Path(__file__).resolve().parent.parent / "notebooks" / "10_beyond_chat.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    found = {}
    for finding in check_path(path):
        cell = int(re.search(r":cell (\d+):", finding.where).group(1))
        found.setdefault(cell, []).append(finding.pattern)
    labelled = {n: c.source.splitlines()[0] for n, c in enumerate(cells, start=1)
                if c.cell_type == "code" and c.source.startswith(("# Before", "# After"))}
    wanted = {"ChatCompletionsToolDefinition", "FunctionDefinition", "ToolMessage", "JsonSchemaFormat",
              "ImageContentItem", "ImageUrl", "TextContentItem", "model_extras="}
    before = [n for n, label in labelled.items() if label.startswith("# Before")]
    assert len(before) == 5 and all(found.get(n) for n in before), "every Before cell has a finding"
    flagged = " ".join(pattern for n in before for pattern in found[n])
    assert all(name in flagged for name in wanted), sorted(name for name in wanted if name not in flagged)
    assert not [found[n] for n, label in labelled.items() if label.startswith("# After") and n in found]
