"""What the doctor prints: one line per step with the fix under a failure, or the same results as JSON."""

import platform
import sys
from dataclasses import asdict

from .steps import FREE, ONE_TOKEN, Status

MARKS = {Status.PASS: "[ok]  ", Status.FAIL: "[FAIL]", Status.SKIP: "[--]  ", Status.NOTE: "[note]"}
COSTS = {FREE: "free call", ONE_TOKEN: "1 request, max_tokens=1"}


def spent(results):
    return {cost: sum(1 for r in results if r.cost == cost) for cost in (FREE, ONE_TOKEN)}


def render(notebook, results, replay=False):
    """The report a learner reads. replay: the answers came from a notebook's recording, not from the service."""
    against = "the recording (replay: no network)" if replay else "the service"
    lines = [f"Live setup of {notebook or 'every notebook'}, checked against {against}. No secret is shown."]
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
    failed = sorted({r.target for r in results if r.status is Status.FAIL})
    lines.append(f"Requests sent: {used[FREE]} free, {used[ONE_TOKEN]} with max_tokens=1.")
    noted = sorted({r.target for r in results if r.status is Status.NOTE})
    if noted:
        lines.append(f"Read the [note] line of {', '.join(noted)}.")
    if failed:
        again = " ".join(["python -m helpers.doctor", *([notebook] if notebook else [])])
        lines.append(f"{len(failed)} endpoint(s) failed: {', '.join(failed)}. Fix each [FAIL] line, then run "
                     f"{again} again.")
    elif replay:
        lines.append("Every step passed against the recording. Run python -m helpers.doctor in a terminal to check "
                     "your own .env live.")
    else:
        lines.append("Every step passed: the notebooks can run live.")
    return "\n".join(lines)


def report(notebook, results):
    """The same results as JSON, for an instructor collecting a room's."""
    return {"notebook": notebook, "ok": not any(r.status is Status.FAIL for r in results),
            "python": platform.python_version(), "platform": sys.platform, "requests": spent(results),
            "results": [asdict(r) for r in results]}
