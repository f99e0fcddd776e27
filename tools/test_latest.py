"""Drift check: the whole suite, in replay, against the newest releases of the SDKs and the test tools.

    make test-latest                      # or: python -m tools.test_latest [extra pytest arguments]

It builds .venv-latest/ (kept between runs, refreshed each time) with every requirement at its pin, then upgrades
azure-ai-inference (its newest beta: it never had another kind), azure-core, azure-identity, openai, vcrpy and nbval
to their newest releases (pip moves a pinned dependency only when a new release needs it). It runs pytest there in
replay mode with a JUnit XML report in build/test-latest.xml and prints a compatibility table, also written to
build/test-latest.txt: each package's pin and the version installed, then pass or fail per notebook and per test
file. It is not part of `make test`; its exit status is pytest's.
"""

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from tools.kit import PINS, SUITE

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-latest"
REPORT = ROOT / "build" / "test-latest.xml"
TABLE = ROOT / "build" / "test-latest.txt"  # the drift workflow shows it in the job summary
LATEST = ("azure-ai-inference", "azure-core", "azure-identity", "openai", "vcrpy", "nbval")


def _name(line):
    return line.split("==")[0].strip().lower().replace("_", "-")


def pins():
    lines = [line for name in PINS["test"] for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    return {_name(line): line.split("==", 1)[1].strip() for line in lines if "==" in line and not line.startswith("#")}


def python():
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build():
    """Create or refresh .venv-latest: the pins, then the newest LATEST packages over them."""
    if not python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    kept = [f"{name}=={version}" for name, version in pins().items() if name not in LATEST]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as pinned:
        pinned.write("\n".join(kept) + "\n")
    try:
        subprocess.run([*pip, "-r", pinned.name], check=True)
    finally:
        os.unlink(pinned.name)
    subprocess.run([*pip, "--upgrade", *(n for n in LATEST if n != "azure-ai-inference")], check=True)
    subprocess.run([*pip, "--upgrade", "--pre", "azure-ai-inference"], check=True)  # it has only ever shipped betas
    purelib = subprocess.run([str(python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "azure_ai_kit.pth").write_text(f"{ROOT}\n", encoding="utf-8")  # import helpers, as make lab does


def installed():
    script = "import importlib.metadata as m, json; print(json.dumps({d.metadata['Name'].lower().replace('_', '-'): " \
             "d.version for d in m.distributions()}))"
    import json

    return json.loads(subprocess.run([str(python()), "-c", script], check=True, capture_output=True,
                                     text=True).stdout)


def run_suite(extra):
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NOTEBOOK_MODE": "replay"}
    command = [str(python()), "-m", "pytest", *SUITE, f"--junitxml={REPORT}", "-q", *extra]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def results(report=REPORT):
    """(passed, failed, skipped, xfailed) per notebook or test file, from pytest's JUnit XML."""
    counts = defaultdict(lambda: [0, 0, 0, 0])
    for case in ET.parse(report).getroot().iter("testcase"):
        classname = case.get("classname", "")
        if ".ipynb" in classname:  # nbval: classname is the notebook's path, dotted
            where = classname.split("::")[0].replace(".", "/").replace("/ipynb", ".ipynb")
        else:
            where = classname.replace(".", "/") + ".py" if classname else case.get("file", "?")
        skipped = case.find("skipped")
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = 1
        elif skipped is not None:
            outcome = 3 if skipped.get("type") == "pytest.xfail" else 2
        else:
            outcome = 0
        counts[where][outcome] += 1
    return dict(sorted(counts.items()))


def table(versions, outcome):
    pinned = pins()
    names = list(LATEST) + sorted(n for n in pinned if n not in LATEST and versions.get(n) not in (None, pinned[n]))
    rows = [("package", "pinned", "latest installed", "")]
    rows += [(n, pinned.get(n, "-"), versions.get(n, "missing"), "" if versions.get(n) == pinned.get(n) else "newer")
             for n in names]
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{width[0]}}  {b:<{width[1]}}  {c:<{width[2]}}  {d}".rstrip() for a, b, c, d in rows]
    lines.append("")
    place = max([len(w) for w in outcome] + [20])
    lines.append(f"{'notebook or test file':<{place}}  result")
    for where, (passed, failed, skipped, xfailed) in outcome.items():
        verdict = "pass" if not failed else f"FAIL ({failed} of {passed + failed} failed)"
        verdict += f", {skipped} skipped" if skipped else ""
        verdict += f", {xfailed} known failures (xfail)" if xfailed else ""
        lines.append(f"{where:<{place}}  {verdict}")
    return "\n".join(lines)


def main(argv=None):
    build()
    status = run_suite(sys.argv[1:] if argv is None else argv)
    compatibility = table(installed(), results() if REPORT.exists() else {})
    TABLE.write_text(compatibility + "\n", encoding="utf-8")
    print("\nCompatibility with the newest releases (make test-latest):\n")
    print(compatibility)
    return status


if __name__ == "__main__":
    sys.exit(main())
