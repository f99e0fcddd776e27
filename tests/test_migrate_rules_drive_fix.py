"""--fix writes what the rules say (openai_v1_migrate.rules): every v1 method, renamed keyword and error class a rule
names is what the rewrite of that pattern holds, and the checker's kinds are printed as the plain ids JSON and SARIF
have always carried."""

import json
import textwrap

import pytest

from openai_v1_migrate import check_source, main, rules
from openai_v1_migrate.fix import fix_module
from openai_v1_migrate.kinds import RuleId
from openai_v1_migrate.sources import Module

SETTINGS = """
import openai
openai.api_base = "https://api.openai.com/v1"
openai.api_key = "sk-placeholder"
"""


def arguments(symbol, method):
    if method == "create":
        return 'model="gpt-4o-mini", prompt="Hi"' if rules.LEGACY_CALLS[(symbol, method)].needs_model else 'input="Hi"'
    return '"gpt-4o-mini"' if method == "retrieve" else ""


def rewritten(code):
    fixed = fix_module(Module("app.py", [textwrap.dedent(code)], [None]))
    assert fixed.left == [], fixed.left
    return fixed.after[0]


@pytest.mark.parametrize(("symbol", "method"), sorted(rules.LEGACY_CALLS))
def test_each_legacy_call_becomes_the_v1_method_its_rule_names(symbol, method):
    given = arguments(symbol, method)
    after = rewritten(f"{SETTINGS}answer = openai.{symbol}.{method}({given})\n")
    assert f"answer = client.{rules.LEGACY_CALLS[(symbol, method)].v1_method}({given})" in after


@pytest.mark.parametrize("keyword", [k for k, rule in rules.LEGACY_KEYWORDS.items() if rule.rename])
def test_each_legacy_keyword_becomes_the_keyword_its_rule_names(keyword):
    model = "" if rules.LEGACY_KEYWORDS[keyword].rename == "model" else 'model="gpt-4o-mini", '
    after = rewritten(f'{SETTINGS}answer = openai.Completion.create({model}{keyword}="x", prompt="Hi")\n')
    assert f'{rules.LEGACY_KEYWORDS[keyword].rename}="x"' in after and f"{keyword}=" not in after


@pytest.mark.parametrize("name", sorted(rules.LEGACY_ERRORS))
def test_each_legacy_error_class_becomes_the_classes_its_rule_names(name):
    after = rewritten(f"import openai\ntry:\n    pass\nexcept openai.error.{name}:\n    pass\n")
    classes = [f"openai.{v1}" for v1 in rules.LEGACY_ERRORS[name]]
    caught = classes[0] if len(classes) == 1 else f"({', '.join(classes)})"
    assert f"except {caught}:" in after


def test_the_kinds_of_finding_print_as_the_plain_rule_ids(capsys, tmp_path):
    [finding] = check_source("import openai\nopenai.api_base = 'https://x.openai.azure.com/'\n")
    assert finding.rule is RuleId.LEGACY_SETTING and f"{finding.rule}" == "legacy-setting"
    (tmp_path / "app.py").write_text("import openai\nopenai.api_base = 'https://x.openai.azure.com/'\n")
    main(["--format", "json", str(tmp_path / "app.py")])
    assert '"rule": "legacy-setting"' in capsys.readouterr().out
    main(["--format", "sarif", str(tmp_path / "app.py")])
    [run] = json.loads(capsys.readouterr().out)["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["legacy-setting"]
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == RuleId.LEGACY_SETTING.description
