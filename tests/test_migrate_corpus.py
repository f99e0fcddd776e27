"""The checker on a corpus of realistic files (tests/migrate_corpus/): its precision and recall against the findings a
person expects (expected.json), its --fix rewrite, its SARIF against the 2.1.0 schema, and its pre-commit hook."""

import json
import shutil
from pathlib import Path

import jsonschema

from openai_v1_migrate import check_path, main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "migrate_corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def found():
    return {name: [f"{f'cell {f.cell}:' if f.cell else ''}{f.line} {f.pattern}" for f in check_path(CORPUS / name)]
            for name in EXPECTED if not name.startswith("_")}


def precision_and_recall():
    actual = found()
    hits = sum(len(set(actual[n]) & set(EXPECTED[n])) for n in actual)
    reported, expected = sum(len(v) for v in actual.values()), sum(len(EXPECTED[n]) for n in actual)
    return hits / reported, hits / expected


def test_the_corpus_gets_exactly_the_expected_findings_so_precision_and_recall_are_1():
    actual = found()
    for name, findings in actual.items():
        assert sorted(findings) == sorted(EXPECTED[name]), name
    assert precision_and_recall() == (1.0, 1.0)


def test_valid_openai_v1_files_of_the_corpus_stay_clean():
    for name in ("v1_clean_app.py", "v1_clean_notebook.ipynb"):
        assert check_path(CORPUS / name) == [], name


def test_fix_rewrites_the_fixable_legacy_file_as_expected_and_leaves_it_clean(tmp_path, capsys):
    target = tmp_path / "app.py"
    shutil.copy(CORPUS / "legacy_completions_fixable.py", target)
    assert main(["--fix", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == (CORPUS / "legacy_completions_fixable.fixed").read_text(
        encoding="utf-8")
    assert capsys.readouterr().out.strip() == "No legacy patterns in 1 file."


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path, capsys):
    target = tmp_path / "app.py"
    shutil.copy(CORPUS / "legacy_completions_fixable.py", target)
    assert main(["--diff", str(target)]) == 1
    out, err = capsys.readouterr()
    assert f"--- a/{target}" in out
    assert err == f"would rewrite {target}\n"
    assert "+        model=deployment_id," in out and "-        deployment_id=deployment_id," in out
    assert target.read_text(encoding="utf-8") == (CORPUS / "legacy_completions_fixable.py").read_text(encoding="utf-8")


def test_fix_never_changes_a_file_with_a_syntax_error(tmp_path, capsys):
    target = tmp_path / "nb.ipynb"
    shutil.copy(CORPUS / "legacy_notebook.ipynb", target)
    before = target.read_bytes()
    assert main(["--fix", str(target)]) == 1
    assert target.read_bytes() == before
    assert "not rewritten: it has a syntax error" in capsys.readouterr().err


def test_fix_reports_what_it_leaves_to_a_person_with_the_reason(tmp_path, capsys):
    target = tmp_path / "svc.py"
    shutil.copy(CORPUS / "inference_service.py", target)
    main(["--fix", str(target)])
    err = capsys.readouterr().err
    assert (f"{target}:17: left self.client.complete(): model= is optional in azure-ai-inference but required in v1"
            in err)
    assert f"{target}:4: left 6 other findings of this file: left as they were with the rest of the file" in err


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path, capsys):
    assert main(["--format", "sarif", str(CORPUS)]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(v) for k, v in EXPECTED.items() if not k.startswith("_"))
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)


def test_json_output_lists_every_finding_with_its_rule_and_source(capsys):
    assert main(["--format", "json", str(CORPUS / "v1_subscript_bug.py")]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["rule"], finding["line"], finding["source"]) == ("v1-subscript", 5, "openai README, Using types")


if __name__ == "__main__":
    precision, recall = precision_and_recall()
    print(f"precision {precision:.2f}, recall {recall:.2f}")
