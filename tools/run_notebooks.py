"""Execute notebooks headlessly: store their outputs in place, or write HTML handouts with an index.

    python -m tools.run_notebooks [--inplace] [--html DIR] [NN_topic | solutions/NN_topic | path.ipynb ...]

With no names it runs every lesson (notebooks/NN_topic.ipynb), then every solution (notebooks/solutions/).
--html DIR writes DIR/NN_topic.html, DIR/solutions/NN_topic.html, and DIR/index.html: the lessons whose page is in DIR,
each with its learning goals and its solutions page. A cell that raises fails the notebook unless it is tagged
`raises-exception` (the troubleshooting sections raise on purpose); the handout marks those errors as expected.
The mode comes from NOTEBOOK_MODE as in the lab (make run forces replay, make record forces record).

A name that is no notebook stops the run before any kernel starts, with one line listing the known names.
Handouts are rendered into a temporary folder and moved into DIR when the run completes. In record mode the runner
finishes each notebook's recording itself once every cell has run (the kernel is told NOTEBOOK_RECORD_FINISH=by-runner),
and removes the working file on any failure, so the old cassette stays byte-identical.
Ctrl-C stops the run with one line: the running kernel is interrupted and shut down (kernels run in a session of their
own, so the terminal's Ctrl-C reaches this process alone), its unfinished recording is removed and DIR is not touched.
"""

import argparse
import html
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import mistune
import nbformat
from jinja2 import DictLoader
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from tqdm import tqdm

from helpers import plan
from helpers.cassettes import shown
from helpers.errors import KitError
from helpers.modes import Mode
from helpers.session import finish, working_path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
GOALS_LABEL = re.compile(r"^\s*(?:#+\s*|\*\*)What you will learn\b.*$", re.MULTILINE)
NOTEBOOK_LINK = re.compile(r'href="(?![a-z]+:|/|#)([^"#]*)\.ipynb(#[^"]*)?"')

# mermaid 11.10.0 (the version nbconvert's template names) from the npm registry, with its licence: a page loads it
# from beside itself, so a handout draws its diagrams with no network (nbconvert's default is a CDN, and browsers refuse
# an ES module from file://, hence the classic script and a data: module that hands the template its global).
MERMAID = Path(__file__).resolve().parent / "handout" / "mermaid.min.js"
CHEATSHEET = ROOT / "docs" / "cheatsheet.md"
MERMAID_MODULE = "data:text/javascript,export default globalThis.mermaid"

# The lab template renders an error like stderr; the handout marks it so a reader (and a test) can tell them apart.
# A figure (an SVG) gets what it draws, its text form, as its alternative text.
HANDOUT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block html_head_js_mermaidjs %}{% if resources.mermaid_script %}
<script src="{{ resources.mermaid_script }}"></script>
<script>mermaid.initialize({startOnLoad: false});  // the template's own script renders each diagram</script>
{{ super() }}{% endif %}{% endblock html_head_js_mermaidjs %}
{% block error %}<div class="handout-expected-error" style="border-left: 4px solid #e0a800; padding-left: .5em">
<p style="margin: 0; font: 85% sans-serif; color: #7a5c00">Expected error: this cell raises on purpose.</p>
{{ super() }}</div>
{%- endblock error %}
{% block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
<img src="data:image/svg+xml;base64,{{ output.data['image/svg+xml'] | text_base64 | escape_html }}"
 alt="{{ output.data.get('text/plain', '') | escape_html }}">
</div>
{%- endblock data_svg %}
"""


def lessons():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def solutions():
    return sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))


def notebook_paths(names):
    """The notebooks to run; a name that is no notebook exits with one line listing the known names."""
    if not names:
        return lessons() + solutions()
    paths = [Path(name) if name.endswith(".ipynb") else NOTEBOOKS / f"{name}.ipynb" for name in names]
    unknown = [name for name, path in zip(names, paths, strict=True) if not path.is_file()]
    if unknown:
        known = ", ".join(label(path) for path in lessons() + solutions())
        sys.exit(f"No notebook is called {', '.join(unknown)}. Known notebooks: {known} (or a path to a .ipynb file).")
    return paths


def label(path):
    """NN_topic, or solutions/NN_topic for a solution."""
    return f"solutions/{path.stem}" if path.resolve().parent == SOLUTIONS else path.stem


def page_for(path, out):
    """Where a notebook's handout goes: DIR/NN_topic.html, or DIR/solutions/NN_topic.html for a solution."""
    return out / f"{label(path)}.html"


class Interrupted(Exception):
    """Ctrl-C arrived while a notebook ran: its kernel is stopped and the run ends."""


# nbclient logs a kernel it loses to an interrupt; the run reports every failure in one line of its own instead.
QUIET = logging.getLogger("tools.run_notebooks.nbclient")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False
INTERRUPT_GRACE = 10  # seconds an interrupted kernel gets to end its cell and shut down before it is killed


def _signal_kernel(manager, signum):
    pgid = getattr(manager.provisioner, "pgid", None)
    if pgid:
        try:
            os.killpg(pgid, signum)
        except ProcessLookupError:
            pass


def _stop(manager, finished):
    """Interrupt the kernel's cell (or keep the next cell from starting), let nbclient shut the kernel down, and
    kill it if that takes longer than INTERRUPT_GRACE seconds or Ctrl-C comes again."""
    _signal_kernel(manager, signal.SIGINT)
    try:
        finished.wait(INTERRUPT_GRACE)
    except KeyboardInterrupt:
        pass
    if not finished.is_set():
        _signal_kernel(manager, signal.SIGKILL)
        finished.wait()


def execute(path, **environment):
    """Run every cell of the notebook at path in a fresh kernel, with environment added to this process's.

    nbclient runs in a worker thread, so Ctrl-C reaches this thread as KeyboardInterrupt and becomes Interrupted once
    the kernel is stopped. jupyter_client starts kernels in a session of their own, out of the terminal's reach. The
    kernel's own log (stderr) is dropped: a cell's output comes over Jupyter's channels, and a failure is reported in
    one line by the run, not as a kernel's traceback of its sockets closing."""
    notebook = nbformat.read(path, as_version=4)
    stopping = threading.Event()

    def refuse_after_interrupt(**_):
        if stopping.is_set():
            raise Interrupted

    client = NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=False, coalesce_streams=True,
                            record_timing=False, log=QUIET, on_cell_start=refuse_after_interrupt,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    manager = client.create_kernel_manager()
    outcome, finished = {}, threading.Event()

    def run():
        try:
            client.execute(env={**os.environ, **environment}, stderr=subprocess.DEVNULL)
        except BaseException as error:  # noqa: B036 (handed to the main thread, which raises it)
            outcome["error"] = error
        finally:
            finished.set()

    worker = threading.Thread(target=run, name=f"nbclient {label(path)}")
    worker.start()
    # Waiting on an Event, not on join(): Ctrl-C during Thread.join() marks a running thread as stopped (Python 3.11).
    try:
        finished.wait()
    except KeyboardInterrupt:
        stopping.set()
        _stop(manager, finished)
        raise Interrupted from None
    finally:
        worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return notebook


def record(path, final_path, overwrite):
    """Execute a notebook in record mode and, once every cell has run, move its recording into place (beside the old
    cassette unless overwrite). On any failure or Ctrl-C the working file is removed and the old cassette stays."""
    try:
        notebook = execute(path, NOTEBOOK_RECORD_FINISH="by-runner")
        return notebook, finish(final_path, overwrite)
    except BaseException:
        working_path(final_path).unlink(missing_ok=True)
        raise


def markdown_of(notebook):
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def title(notebook, default):
    """The notebook's first level-one heading."""
    return next((line[2:].strip() for line in markdown_of(notebook).splitlines() if line.startswith("# ")), default)


def has_diagram(notebook):
    return "```mermaid" in markdown_of(notebook)


def to_html(notebook, target, page_title, mermaid_script=None):
    """The page; mermaid_script is the path from the page to mermaid.min.js, for a notebook with a diagram."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[DictLoader({"handout.html.j2": HANDOUT_TEMPLATE})],
                            template_file="handout.html.j2", mermaid_js_url=MERMAID_MODULE,
                            mermaid_layout_elk_js_url="")
    resources = {"metadata": {"name": page_title}, "mermaid_script": mermaid_script if has_diagram(notebook) else None}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NOTEBOOK_LINK.sub(r'href="\1.html\2"', body), encoding="utf-8")


def title_and_goals(path):
    """The notebook's first heading, and the bullet list under its "What you will learn" label as Markdown."""
    notebook = nbformat.read(path, as_version=4)
    markdown = markdown_of(notebook)
    heading = GOALS_LABEL.search(markdown)
    goals = []
    for line in markdown[heading.end():].lstrip("\n").splitlines() if heading else []:
        if re.match(r"\s*[-*] ", line) and not line[0].isspace():
            goals.append(line)
        elif goals and line.strip() and line[0].isspace():
            goals.append(line)
        else:
            break
    return title(notebook, path.stem), "\n".join(goals)


def write_index(out):
    rows = []
    for lesson in lessons():
        page = page_for(lesson, out)
        if not page.exists():
            continue
        title, goals = title_and_goals(lesson)
        solution = page_for(SOLUTIONS / lesson.name, out)
        solution_cell = (f'<a href="solutions/{solution.name}">solutions</a>' if solution.exists() else "")
        rows.append(f'<tr id="{lesson.stem}"><td><a href="{page.name}">{html.escape(title)}</a></td>'
                    f'<td class="goals">{mistune.html(goals)}</td><td>{solution_cell}</td></tr>')
    (out / "index.html").write_text(INDEX.format(rows="\n".join(rows)), encoding="utf-8")


INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Azure AI Inference and OpenAI v1 on Azure: handouts</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }}
td.goals ul {{ margin: 0; padding-left: 1.2rem; }}
</style></head><body>
<h1>Azure AI Inference and OpenAI v1 on Azure: handouts</h1>
<p><a href="cheatsheet.html">The cheat sheet</a>: the whole migration to OpenAI v1 on one page, to print.</p>
<p>Each page is a notebook executed in replay mode: the real SDKs sent real requests, answered from the recordings.
Errors you see were raised on purpose, in the troubleshooting sections.</p>
<table>
<thead><tr><th>notebook</th><th>what you will learn</th><th>solutions</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


CHEATSHEET_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4 landscape; margin: 8mm; }}
body {{ font: 9pt/1.3 system-ui, sans-serif; margin: 1rem auto; max-width: 80rem; }}
h1 {{ font-size: 14pt; margin: 0 0 .3rem; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ccc; padding: .15rem .35rem; text-align: left; vertical-align: top; }}
th {{ background: #f0f0f0; }}
code {{ font-size: 8pt; }}
</style></head><body>
{body}</body></html>
"""


def reason(error):
    """The failing cell's error in full (a kit error lists every fix), or the last line of anything else."""
    if isinstance(error, KitError):
        return f"{type(error).__name__}: {error}"
    if getattr(error, "ename", None):
        return f"{error.ename}: {error.evalue}"
    return (str(error).strip() or repr(error)).splitlines()[-1]


def recording_plan(path):
    """When NOTEBOOK_MODE=record, the kit's plan for the notebook: its cassette, and whether to overwrite it, read as
    the kit cell reads them (a bad setting fails here, before a kernel starts). Otherwise None."""
    if os.environ.get("NOTEBOOK_MODE", "").strip().lower() != Mode.RECORD.value:
        return None
    return plan.make(label(path), dict(os.environ))


def run(path, staging):
    """Execute one notebook (recording it when NOTEBOOK_MODE=record) and render its page into staging, if given."""
    session = recording_plan(path)
    if session is not None:
        notebook, saved = record(path, session.cassette, session.overwrite)
        tqdm.write(f"{label(path)}: recording saved as {shown(saved)}")
    else:
        notebook = execute(path)
    if staging:
        page = page_for(path, staging)
        to_html(notebook, page, title(notebook, path.stem),
                Path(os.path.relpath(staging / MERMAID.name, page.parent)).as_posix())
    return notebook


def publish(paths, failed, staging, out):
    """Move the staged pages into out, drop the pages of notebooks that failed, and write the index."""
    for path in paths:
        staged, page = page_for(path, staging), page_for(path, out)
        if staged.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staged, page)
        elif f"{label(path)}.ipynb" in failed:
            page.unlink(missing_ok=True)
    for vendored in (MERMAID, MERMAID.with_name("mermaid.LICENSE")):
        shutil.copyfile(vendored, out / vendored.name)
    write_cheatsheet(out)
    write_index(out)


def write_cheatsheet(out):
    """docs/cheatsheet.md as one printable page, out/cheatsheet.html."""
    markdown = CHEATSHEET.read_text(encoding="utf-8")
    heading = next(line[2:] for line in markdown.splitlines() if line.startswith("# "))
    page = CHEATSHEET_PAGE.format(title=html.escape(heading), body=mistune.html(markdown))
    (out / "cheatsheet.html").write_text(page, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook stems, e.g. 02_chat or solutions/02_chat (default: all)")
    parser.add_argument("--inplace", action="store_true", help="store the new outputs in the notebooks")
    parser.add_argument("--html", metavar="DIR", help="write one HTML page per notebook, and index.html, into DIR")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.names)
    out = ROOT / args.html if args.html else None
    staging = Path(tempfile.mkdtemp(prefix="handouts-")) if out else None
    failed, running = [], "the run"
    progress = tqdm(paths, unit="notebook", dynamic_ncols=True, disable=None)
    try:
        for path in progress:
            running = label(path)
            progress.set_description(running)
            try:
                notebook = run(path, staging)
            except (KitError, CellExecutionError, CellTimeoutError, DeadKernelError) as error:
                failed.append(f"{label(path)}.ipynb")
                tqdm.write(f"{label(path)} failed: {reason(error)}")
                continue
            if args.inplace:
                nbformat.write(notebook, path)
        progress.close()
        if out:
            out.mkdir(parents=True, exist_ok=True)
            publish(paths, failed, staging, out)
            print(f"wrote {shown(out / 'index.html')}")
    except (Interrupted, KeyboardInterrupt):
        progress.close()
        kept = f"; {shown(out)}/ is as it was" if out else ""
        print(f"Interrupted during {running}: its kernel is stopped and nothing of it was kept{kept}.",
              file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    if failed:
        sys.exit(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
