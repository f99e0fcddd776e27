"""Findings as text (one line each), JSON, or SARIF 2.1.0 (what GitHub code scanning reads); --fix's summary."""

import json
from dataclasses import asdict
from pathlib import Path

from openai_v1_migrate import retirements
from openai_v1_migrate.kinds import Family, RuleId

NOTEBOOK_09 = "notebooks/09_migrate_legacy_completions.ipynb"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def plural(count, word):
    return f"{count} {word}{'s' if count != 1 else ''}"


def lessons(findings):
    """The notebooks that teach these findings' moves: 08 for azure-ai-inference, 09 for openai<1.0 and the checker."""
    families = {RuleId(f.rule).family for f in findings}
    inference = Family.INFERENCE in families
    legacy = not inference or Family.LEGACY in families
    return " and ".join(name for name, wanted in ((retirements.MIGRATION, inference), (NOTEBOOK_09, legacy)) if wanted)


def text(findings, files):
    lines = [str(finding) for finding in findings]
    if findings:
        lines.append(f"{len(findings)} to migrate in {plural(files, 'file')}; see {lessons(findings)}.")
    else:
        lines.append(f"No legacy patterns in {plural(files, 'file')}.")
    return "\n".join(lines)


def as_json(findings, files):
    return json.dumps({"files": files, "findings": [asdict(f) for f in findings]}, indent=2)


def _uri(path):
    path = Path(path)
    return path.resolve().as_uri() if path.is_absolute() else path.as_posix()


def sarif(findings, files):
    ids = sorted({f.rule for f in findings})
    results = []
    for finding in findings:
        message = f"{finding.pattern} -> {finding.replacement} [{finding.source}]"
        if finding.cell:
            message = f"cell {finding.cell}, line {finding.line}: {message}"
        location = {"artifactLocation": {"uri": _uri(finding.path)}}
        if finding.cell is None:  # a notebook's lines are counted in its cells, not in its JSON file
            location["region"] = {"startLine": finding.line, "startColumn": finding.column}
        results.append({"ruleId": finding.rule, "ruleIndex": ids.index(finding.rule), "level": "warning",
                        "message": {"text": message}, "locations": [{"physicalLocation": location}]})
    driver = {"name": "openai_v1_migrate", "version": "1.0.0",
              "rules": [{"id": id, "shortDescription": {"text": RuleId(id).description}} for id in ids]}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results,
                     "properties": {"filesChecked": files}}]}
    return json.dumps(log, indent=2)


FORMATS = {"text": text, "json": as_json, "sarif": sarif}


def _where(path, item):
    return f"{path}:cell {item.cell}:{item.line}" if item.cell else f"{path}:{item.line}"


def fixed(results, applied=True):
    """--fix's summary: which files changed (or, for --diff alone, would), and what it left to a person, and why."""
    lines = []
    for result in results:
        changed = sum(a != b for a, b in zip(result.before, result.after, strict=True))
        if changed:
            lines.append(f"{'rewrote' if applied else 'would rewrite'} {result.path}")
        for note in result.notes:
            lines.append(f"{_where(result.path, note)}: note: {note.text}")
        for left in result.left:
            lines.append(f"{_where(result.path, left)}: left {left.what}: {left.why}")
    return "\n".join(lines)
