"""python -m helpers.doctor [NN_topic] [--entra] [--json]: exit 0 when every step passes, 1 otherwise."""

import argparse
import json
import os
import platform
import sys
from dataclasses import asdict

from .. import settings
from ..errors import KitError
from ..plan import env_file_for
from . import FREE, ONE_TOKEN, diagnose

MARKS = {"pass": "[ok]  ", "fail": "[FAIL]", "skip": "[--]  "}
COSTS = {FREE: "free call", ONE_TOKEN: "1 request, max_tokens=1"}


def spent(results):
    return {cost: sum(1 for r in results if r.cost == cost) for cost in (FREE, ONE_TOKEN)}


def render(notebook, results):
    """The report a learner reads: one line per step, and the fix under a failure."""
    lines = [f"Live setup of {notebook or 'every notebook'}, checked against the service. No secret is shown."]
    shown = None
    for result in results:
        if result.target != shown:
            lines.append(result.target)
            shown = result.target
        line = f"  {MARKS[result.status]} {result.step:<15}{result.detail}"
        if result.cost:
            line += f"  [{COSTS[result.cost]}: {result.call}]"
        lines.append(line)
        if result.fix:
            lines.append(f"         fix: {result.fix}")
    used = spent(results)
    failed = sorted({r.target for r in results if r.status == "fail"})
    lines.append(f"Requests sent: {used[FREE]} free, {used[ONE_TOKEN]} with max_tokens=1.")
    if failed:
        again = " ".join(["python -m helpers.doctor", *([notebook] if notebook else [])])
        lines.append(f"{len(failed)} endpoint(s) failed: {', '.join(failed)}. Fix each [FAIL] line, then run "
                     f"{again} again.")
    else:
        lines.append("Every step passed: the notebooks can run live.")
    return "\n".join(lines)


def report(notebook, results):
    """The same results as JSON, for an instructor collecting a room's."""
    return {"notebook": notebook, "ok": not any(r.status == "fail" for r in results),
            "python": platform.python_version(), "platform": sys.platform, "requests": spent(results),
            "results": [asdict(r) for r in results]}


def main(argv=None, **options):
    """options go to diagnose (resolve, context, credential), so tests point the real hostnames at a loopback server."""
    parser = argparse.ArgumentParser(prog="python -m helpers.doctor", description=__doc__)
    parser.add_argument("notebook", nargs="?", help="NN_topic: check only the variables this notebook reads")
    parser.add_argument("--entra", action="store_true",
                        help="check Entra ID (DefaultAzureCredential, e.g. after az login) instead of the keys on "
                             "Azure OpenAI endpoints")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        if args.notebook:
            settings.variables_for(args.notebook)
        environ = {**settings.read_env(env_file_for(args.notebook)), **os.environ}
    except KitError as error:
        print(error, file=sys.stderr)
        return 2
    if args.entra and "credential" not in options:
        from azure.identity import DefaultAzureCredential

        options["credential"] = DefaultAzureCredential()
    results = diagnose(args.notebook, environ, **options)
    if args.json:
        print(json.dumps(report(args.notebook, results), indent=1))
    else:
        print(render(args.notebook, results))
    return 0 if not any(r.status == "fail" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
