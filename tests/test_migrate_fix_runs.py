"""Proof by running: --fix's rewrite of the guides' legacy and azure-ai-inference code runs on openai>=1 and prints
what the kit's v1 cells printed.

The guides' code blocks (001: the azure-ai-inference tab; 003: the legacy openai<1.0 key path) are rewritten with
openai_v1_migrate's fixer, then run in a subprocess of this venv under vcrpy with record_mode="none", matching on
method, scheme, host, path, query and vcrpy's built-in body matcher. Nothing leaves the machine: a request the
cassette does not hold fails the run.

The cassette is written per test into a temporary folder, synthesized from the kit's own cassettes (it is no live
recording): notebooks/recordings/08_migrate_inference_to_openai_v1.yaml's /openai/v1/ answers, and
notebooks/recordings/09_migrate_legacy_completions.yaml's completion. Two requests of the rewritten code differ from the
kit's v1 cells on the wire, so their recorded answers are reused under the request the rewrite sends: guide 001's
inference embeddings block passes input as a list (the v1 tab passes a string), and guide 003 keeps its api-version
2023-05-15 (the notebook's AzureOpenAI cell asks for 2024-06-01). The answers' bodies are the kit's, unchanged.

The Entra ID blocks are left out: they need a credential, which only the kit cell's offline Azure CLI provides.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from openai_v1_migrate.fix import fix_module
from openai_v1_migrate.sources import Module
from tests.support.guides import needed

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "notebooks" / "recordings"
RESOURCE = "example-resource"  # the kit's placeholder resource, which its recordings answer for

RUNNER = """
import json, sys
import vcr
recorder = vcr.VCR(record_mode="none", match_on=("method", "scheme", "host", "path", "query", "body"))
with recorder.use_cassette(sys.argv[1]) as cassette:
    exec(compile(sys.stdin.read(), "<rewritten guide code>", "exec"), {"__name__": "__main__"})
print(f"answered from the cassette: {cassette.play_count}", file=sys.stderr)
"""


def rewritten(code):
    fixed = fix_module(Module("guide.py", [code], [None]))
    assert fixed.left == [], fixed.left
    return fixed.after[0]


def stored_stdout(notebook):
    cells = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "".join("".join(o["text"]) for c in cells for o in c.get("outputs", []) if o.get("name") == "stdout")


def cassette(tmp_path, interactions):
    path = tmp_path / "cassette.yaml"
    provenance = {"source": "synthesized", "note": "Answers of the kit's cassettes 08_migrate_inference_to_openai_v1 "
                  "and 09_migrate_legacy_completions, under the requests --fix's rewrite sends; not recorded live."}
    path.write_text(yaml.safe_dump({"version": 1, "metadata": {"provenance": provenance},
                                    "interactions": interactions}), encoding="utf-8")
    return path


def interactions(notebook, keep):
    recorded = yaml.safe_load((RECORDINGS / f"{notebook}.yaml").read_text(encoding="utf-8"))["interactions"]
    return [i for i in recorded if keep(i["request"])]


def run(code, cassette_path):
    environment = {"PATH": os.environ.get("PATH", ""), "AZURE_INFERENCE_CREDENTIAL": "replay-key",
                   "OPENAI_API_KEY": "replay-key"}
    result = subprocess.run([sys.executable, "-c", RUNNER, str(cassette_path)], input=code, capture_output=True,
                            text=True, env=environment, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, int(re.search(r"answered from the cassette: (\d+)", result.stderr).group(1))


def test_guide_001_inference_code_rewritten_by_fix_prints_what_notebook_08s_v1_cells_print(tmp_path):
    blocks = [block.code for block in needed("001") if block.tab == "azure-ai-inference"
              and "DefaultAzureCredential" not in block.code]
    program = rewritten("".join(blocks)).replace("<resource>", RESOURCE)
    assert "azure.ai.inference" not in program and "client.chat.completions.create(" in program

    def v1_request(request):
        return "/openai/v1/" in request["uri"] and "api-version" not in request["uri"]

    answers = interactions("08_migrate_inference_to_openai_v1", v1_request)
    for interaction in answers:
        body = json.loads(interaction["request"]["body"] or "null")
        if interaction["request"]["uri"].endswith("/embeddings"):
            body["input"] = [body["input"]]  # the inference tab's list; the answer holds one embedding either way
            interaction["request"]["body"] = json.dumps(body)
    printed, played = run(program + "print(len(embedding), embedding[:3])\n", cassette(tmp_path, answers))

    kit = stored_stdout("08_migrate_inference_to_openai_v1")
    # the chat answer; the poem, streamed with end=""; the error block's two lines; the embedding's size
    chat, poem, message, embedding = re.fullmatch(
        r"([^\n]+)\n(.+)Request failed: 429\nError message: ([^\n]+)\n(1536 \[[^\n]+\])\n", printed, re.S).groups()
    assert chat in kit.splitlines()
    assert poem in kit
    assert message
    assert played == 1 + 1 + 1 + 3  # chat, stream, embeddings, and the 429 sent three times (two retries)


def test_guide_003_legacy_code_rewritten_by_fix_prints_what_notebook_09s_v1_cells_print(tmp_path):
    blocks = [block.code for block in needed("003") if "DefaultAzureCredential" not in block.code
              and "TokenRefresh" not in block.code]
    program = rewritten("".join(blocks)).replace("your-resource-name", RESOURCE)
    assert "openai.Completion" not in program and "client.completions.create(" in program

    def completion(request):
        return "/openai/deployments/gpt-35-turbo-instruct/completions" in request["uri"] and json.loads(
            request["body"]) == {"model": "gpt-35-turbo-instruct", "prompt": "The food was delicious and the waiter",
                                 "stop": ".", "temperature": 0}

    answer = interactions("09_migrate_legacy_completions", completion)[:1]
    assert answer, "notebook 09's cassette no longer holds the completion"
    answer[0]["request"]["uri"] = answer[0]["request"]["uri"].replace("api-version=2024-06-01",
                                                                      "api-version=2023-05-15")
    printed, played = run(program, cassette(tmp_path, answer))
    assert played == 1
    assert printed.strip() in stored_stdout("09_migrate_legacy_completions").splitlines()
    assert printed.strip() == "The food was delicious and the waiter provided excellent service."
