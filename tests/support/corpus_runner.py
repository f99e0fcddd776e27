"""Runs corpus programs one after another in this process, each as __main__ with its own environment, and prints
one JSON line per program: {"program": name, "error": null or the exception's last line, "stdout": ...}.

    python tests/support/corpus_runner.py FOLDER SERVER_URL KEY PROGRAM...

Each program's endpoint variables name a path of its own under SERVER_URL (SERVER_URL/<program>/openai/v1/ for
azure-ai-inference's variable, SERVER_URL/<program> for Azure OpenAI's resource endpoint), so the loopback server
can tell which program sent each request. Modules a program imports from FOLDER are forgotten after it, so each
program reads its own environment.
"""

import contextlib
import io
import json
import os
import runpy
import sys
import traceback

DEPLOYMENT, EMBEDDINGS = "gpt-4o-mini", "text-embedding-3-small"


def environment(url, key, program):
    resource = f"{url}/{program}"
    return {"AZURE_AI_CHAT_ENDPOINT": f"{resource}/openai/v1/",
            "AZURE_AI_EMBEDDINGS_ENDPOINT": f"{resource}/openai/v1/",
            "AZURE_AI_CHAT_KEY": key, "AZURE_AI_CHAT_MODEL": DEPLOYMENT, "AZURE_AI_EMBEDDINGS_MODEL": EMBEDDINGS,
            "AZURE_OPENAI_ENDPOINT": resource, "AZURE_OPENAI_API_KEY": key, "AZURE_OPENAI_DEPLOYMENT": DEPLOYMENT,
            "AZURE_OPENAI_EMBEDDING_DEPLOYMENT": EMBEDDINGS, "OPENAI_API_BASE": f"{resource}/openai/v1"}


def run(folder, url, key, program):
    before = set(sys.modules)
    os.environ.update(environment(url, key, program))
    printed = io.StringIO()
    error = None
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            runpy.run_path(os.path.join(folder, f"{program}.py"), run_name="__main__")
    except BaseException as exception:  # noqa: BLE001 - a program's failure, whatever it is, is the result
        error = traceback.format_exception_only(exception)[-1].strip()
    for name in set(sys.modules) - before:
        if (getattr(sys.modules[name], "__file__", None) or "").startswith(folder):
            del sys.modules[name]
    return {"program": program, "error": error, "stdout": printed.getvalue()}


def main(folder, url, key, *programs):
    folder = os.path.abspath(folder)
    sys.path.insert(0, folder)
    for program in programs:
        print(json.dumps(run(folder, url, key, program)), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
