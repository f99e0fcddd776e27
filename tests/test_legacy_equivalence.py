"""The guide's legacy openai<1.0 code, run for real, prints what notebook 09's openai>=1 code prints.

openai 0.28.1 cannot be installed beside the kit's openai>=1: both are the distribution `openai`, and an environment
holds one version of it. So this test builds a throwaway virtual environment, .venv-legacy/ in the repo root
(gitignored by `.venv-*/`), and reuses it on later runs. There the legacy code shown in the notebook's markdown runs
against the notebook's own cassette, through vcrpy with record_mode="none" and the kit's matchers: nothing leaves
the machine, and a request the recording does not hold fails the test.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers.settings import VARIABLES
from tests.support.guides import needed

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-legacy"
PINS = {"openai": "0.28.1", "vcrpy": "9.4.2"}  # requests and PyYAML come with them, at the kit's own pins
NOTEBOOK = ROOT / "notebooks" / "09_migrate_legacy_completions.ipynb"
CASSETTE = ROOT / "notebooks" / "recordings" / "09_migrate_legacy_completions.yaml"

# The guide's api_base, 'https://your-resource-name.openai.azure.com/', is a placeholder for the learner's own
# resource, and no recording can answer a made-up host. The notebook's recording was made for the kit's placeholder
# resource, so the legacy code is pointed there, with the guide's trailing slash kept as it is: openai 0.28.1 appends
# '/openai/deployments/...' to it, so it asks for '//openai/deployments/...', and that is what the cassette holds.
RECORDED_RESOURCE = "openai.api_base = 'https://example-resource.openai.azure.com/'\n"

RUNNER = """
import json, sys
repo, cassette, replay_key = sys.argv[1:4]
sys.path.insert(0, repo)  # the kit's matchers and network guard; they need only PyYAML, which vcrpy brings
import vcr
from helpers import matching, network
from helpers.scrubbing import Scrubber

network.block()  # every answer comes from the cassette: no socket can open
scrubber = Scrubber([replay_key])
recorder = vcr.VCR(record_mode="none", match_on=matching.NAMES, before_record_request=scrubber.request)
recorder.register_matcher("auth_shape", matching.auth_shape)
namespace = {"__name__": "__main__"}
with recorder.use_cassette(cassette) as cassette:
    for snippet in json.load(sys.stdin):
        exec(compile(snippet, "<guide 003, as shown in notebook 09>", "exec"), namespace)
print(f"answered from the cassette: {cassette.play_count}", file=sys.stderr)
"""


def _python(venv):
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _ready(venv):
    """The venv works and holds the pinned openai and vcrpy (for this Python's version)."""
    lib = venv / "Lib" if os.name == "nt" else venv / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    return _python(venv).exists() and all(
        (lib / "site-packages" / f"{name}-{version}.dist-info").is_dir() for name, version in PINS.items())


def _build(target):
    """Create a venv in target with the pins; return pip's error text, or None when it worked."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True, capture_output=True)
    constraints = target / "constraints.txt"  # the kit's pins for everything both venvs share; not its openai
    kit_pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    constraints.write_text("\n".join(p for p in kit_pins if not p.lower().startswith("openai==")) + "\n")
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(_python(target)), "install", "--quiet",
         "--disable-pip-version-check", "-c", str(constraints), *(f"{n}=={v}" for n, v in PINS.items())],
        capture_output=True, text=True, check=False)
    return None if pip.returncode == 0 else (pip.stderr or pip.stdout).strip()[-800:]


@pytest.fixture(scope="session")
def legacy_python():
    """.venv-legacy/bin/python, built on first use. Concurrent builders (pytest-xdist workers, two test runs) each
    build in their own temporary folder and move it into place with one atomic rename; the first one wins."""
    if not _ready(VENV):
        building = Path(tempfile.mkdtemp(prefix=".venv-legacy-building-", dir=ROOT))
        try:
            problem = _build(building)
            if problem:
                pytest.skip(f"openai==0.28.1 could not be installed in a throwaway venv (pip failed): {problem}")
            if VENV.exists() and not _ready(VENV):  # left by an older pin or an interrupted run
                stale = Path(tempfile.mkdtemp(prefix=".venv-legacy-stale-", dir=ROOT))
                os.replace(VENV, stale / "venv")
                shutil.rmtree(stale, ignore_errors=True)
            try:
                os.rename(building, VENV)
            except OSError:
                if not _ready(VENV):  # another builder won the race only if its venv is complete
                    raise
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return _python(VENV)


def notebook_cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def legacy_blocks():
    """The ```python blocks of notebook 09's markdown: the guide's legacy code, shown and not run there."""
    markdown = ["".join(c["source"]) for c in notebook_cells() if c["cell_type"] == "markdown"]
    return [block for text in markdown for block in re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)]


def key_auth_program():
    """The legacy blocks in order, minus the Entra ID ones (Option B, which need a credential and azure-identity),
    with api_base pointed at the recorded resource right after the guide sets it."""
    program = []
    for block in legacy_blocks():
        if "DefaultAzureCredential" in block or "TokenRefresh" in block:
            continue
        program.append(block)
        if "openai.api_base =" in block:
            program.append(RECORDED_RESOURCE)
    return program


def completions_printed_by_the_notebook(prompt):
    """Every line notebook 09 printed that starts with the prompt, from its stored (nbval-checked) outputs:
    the answers of its openai>=1 code (AzureOpenAI and OpenAI, with a key and with Entra ID)."""
    printed = []
    for cell in notebook_cells():
        for output in cell.get("outputs", []):
            if output.get("name") == "stdout":
                printed += [line for line in "".join(output["text"]).splitlines() if line.startswith(prompt)]
    return printed


def test_the_key_auth_program_is_the_guides_four_steps_with_the_recorded_resource():
    program = key_auth_program()
    assert len(program) == 5
    assert "openai.api_version = '2023-05-15'" in program[0] and program[1] == RECORDED_RESOURCE
    assert "openai.api_type = 'azure'\n" in program[2]
    assert "deployment_id = 'gpt-35-turbo-instruct'" in program[3]
    assert "openai.Completion.create(" in program[4] and "completion['choices'][0]['text']" in program[4]


def test_the_legacy_code_shown_in_notebook_09_is_guide_003_verbatim_and_complete():
    assert legacy_blocks() == [block.code for block in needed("003")]


def test_the_guides_legacy_completion_prints_what_the_notebooks_v1_code_prints(legacy_python):
    key = VARIABLES["OPENAI_API_KEY"].placeholder
    environment = {"PATH": os.environ.get("PATH", ""), "OPENAI_API_KEY": key,
                   **({"SYSTEMROOT": os.environ["SYSTEMROOT"]} if "SYSTEMROOT" in os.environ else {})}
    run = subprocess.run([str(legacy_python), "-c", RUNNER, str(ROOT), str(CASSETTE), key],
                         input=json.dumps(key_auth_program()), capture_output=True, text=True, env=environment,
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stderr.strip().endswith("answered from the cassette: 1")
    legacy_line = run.stdout.strip()
    prompt = re.search(r'^prompt = "(.*)"$', key_auth_program()[-1], re.M).group(1)
    assert legacy_line.startswith(prompt) and legacy_line != f"{prompt}."
    v1 = completions_printed_by_the_notebook(prompt)
    assert len(v1) >= 3, f"{NOTEBOOK.name} has no stored outputs: store them with tools.run_notebooks --inplace"
    assert set(v1) == {legacy_line}
