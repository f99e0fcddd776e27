"""A learner's kernel: a real Jupyter kernel (tests/support/kernels.py) in replay on the checkout's notebooks, run cell
by cell the way a person runs a notebook (a cell again, a cell typed in, a prompt reworded). Each run gives the cell's
outputs as nbformat outputs and what the cell was served (helpers.apply.current_session().served), read by a silent
request, so no extra cell runs between a call and its show_requests()."""

import ast
import re
from collections import defaultdict

import nbformat
from nbval.plugin import coalesce_streams, get_sanitize_patterns

from helpers.paths import ROOT

from . import kernels
from .kernels import shell_env

NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb") if not p.stem.startswith("00_"))
SANITIZE = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8"))
SKIPPED = {"image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json"}  # as nbval skips them
SERVED = ("[(s.standin, s.request.method, s.request.uri) "
          "for s in __import__('helpers.apply').apply.current_session().served]")
TIMEOUT = 120
# A user's prompt as the lessons write it: in a UserMessage, an OpenAI message dict, an input= or a prompt variable.
PROMPT = re.compile(r'(UserMessage\((?:content=)?|"role": "user", "content": |\binput=\[?|\bprompt\s*=\s*)"([^"\\]+)"')
REWORDED = "In one short sentence: {}"


def code_cells(path):
    """The notebook's code cells, each as (source, tags, stored outputs), the kit cell first."""
    notebook = nbformat.read(path, as_version=4)
    return [("".join(c.source), set(c.metadata.get("tags", [])), c.outputs)
            for c in notebook.cells if c.cell_type == "code"]


def reworded(cells):
    """The cells with the first prompt literal reworded; the number of that cell, the prompt and its new wording."""
    number, match = next((n, m) for n, (source, _, _) in enumerate(cells) if n and (m := PROMPT.search(source)))
    source, tags, stored = cells[number]
    old = match.group(2)
    new = REWORDED.format(old)
    edited = source[:match.start(2)] + new + source[match.end(2):]
    return [*cells[:number], (edited, tags, stored), *cells[number + 1:]], number, old, new


def comparable(outputs):
    """What strict nbval compares of a cell's outputs, after the repository's sanitizer."""
    compared = defaultdict(list)
    for output in coalesce_streams([nbformat.from_dict(o) for o in outputs]):
        if output.output_type == "stream":
            compared[output.name].append(_sanitized(output.text))
        elif output.output_type == "error":
            compared["error"].append((_sanitized(output.ename), _sanitized(output.evalue)))
        else:
            compared.update({mime: compared[mime] + [_sanitized(value)]
                             for mime, value in output.get("data", {}).items() if mime not in SKIPPED})
    return dict(compared)


def _sanitized(text):
    for regex, replace in SANITIZE:
        text = re.sub(regex, replace, text)
    return text


class Run:
    """One execution of a cell: its outputs, whether it raised, and each request it sent as (stand-in?, method, URL)."""

    def __init__(self, outputs, reply, probe):
        self.outputs = outputs
        content = reply["content"]
        self.raised = content["status"] == "error"
        self.ename, self.evalue = content.get("ename"), content.get("evalue")
        served = probe["content"].get("user_expressions", {}).get("served", {})
        self.served = ast.literal_eval(served["data"]["text/plain"]) if served.get("status") == "ok" else []
        self.standins = [standin for standin, _, _ in self.served]

    @property
    def text(self):
        """Every stream, result and error line the cell showed, as one string."""
        parts = []
        for output in coalesce_streams([nbformat.from_dict(o) for o in self.outputs]):
            parts.append(output.get("text") or "")
            parts.append(output.get("data", {}).get("text/plain", ""))
            parts += output.get("traceback", [])
        return "\n".join(parts)


def replay_env(strict=False):
    """A kernel's environment in replay, with none of the shell's settings and no .env; stand-ins unless strict."""
    return shell_env(ROOT, NOTEBOOK_MODE="replay", NOTEBOOK_REPLAY_STRICT="1" if strict else "0",
                      NOTEBOOK_REPLAY_PACE="", NOTEBOOK_ENV_FILE="none")


class Kernel(kernels.Kernel):
    """A real kernel in replay (stand-ins unless strict) on the checkout's notebooks and recordings."""

    def __init__(self, strict=False):
        super().__init__(ROOT, replay_env(strict))

    def run(self, source):
        outputs = []

        def keep(message):
            if message["msg_type"] in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(message))

        reply = self.connected().execute_interactive(source, timeout=TIMEOUT, output_hook=keep)
        return Run(outputs, reply, self.quietly(""))

    def quietly(self, code):
        """Run code that is no cell of the learner's: a silent request fires no cell events."""
        reply = self.connected().execute_interactive(code, silent=True, store_history=False, timeout=TIMEOUT,
                                                     user_expressions={"served": SERVED})
        assert reply["content"]["status"] == "ok", reply["content"]
        return reply

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()
