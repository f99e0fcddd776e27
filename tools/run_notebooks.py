"""Execute notebooks headlessly: store their outputs in place, or write HTML handouts with an index.

    python -m tools.run_notebooks [--inplace] [--html DIR] [NN_topic | solutions/NN_topic | path.ipynb ...]

With no names it runs every lesson (notebooks/NN_topic.ipynb), then every solution (notebooks/solutions/).
--html DIR writes DIR/NN_topic.html, DIR/solutions/NN_topic.html, and DIR/index.html: the lessons whose page is in DIR,
each with its learning goals and its solutions page. A cell that raises fails the notebook unless it is tagged
`raises-exception` (the troubleshooting sections raise on purpose); the handout marks those errors as expected.
The mode comes from NOTEBOOK_MODE as in the lab (make run forces replay, make record forces record).
"""

import argparse
import html
import re
import sys
from pathlib import Path

import mistune
import nbformat
from jinja2 import DictLoader
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
GOALS_LABEL = re.compile(r"^\s*(?:#+\s*|\*\*)What you will learn\b.*$", re.MULTILINE)
NOTEBOOK_LINK = re.compile(r'href="(?![a-z]+:|/|#)([^"#]*)\.ipynb(#[^"]*)?"')

# The lab template renders an error like stderr; the handout marks it so a reader (and a test) can tell them apart.
HANDOUT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block error %}<div class="handout-expected-error" style="border-left: 4px solid #e0a800; padding-left: .5em">
<p style="margin: 0; font: 85% sans-serif; color: #7a5c00">Expected error: this cell raises on purpose.</p>
{{ super() }}</div>
{%- endblock error %}
"""


def lessons():
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def solutions():
    return sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))


def notebook_paths(names):
    if not names:
        return lessons() + solutions()
    return [Path(name) if name.endswith(".ipynb") else NOTEBOOKS / f"{name}.ipynb" for name in names]


def label(path):
    """NN_topic, or solutions/NN_topic for a solution."""
    return f"solutions/{path.stem}" if path.resolve().parent == SOLUTIONS else path.stem


def page_for(path, out):
    """Where a notebook's handout goes: DIR/NN_topic.html, or DIR/solutions/NN_topic.html for a solution."""
    return out / f"{label(path)}.html"


def execute(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=False, coalesce_streams=True,
                            record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def to_html(notebook, target):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[DictLoader({"handout.html.j2": HANDOUT_TEMPLATE})],
                            template_file="handout.html.j2")
    body, _ = exporter.from_notebook_node(notebook)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NOTEBOOK_LINK.sub(r'href="\1.html\2"', body), encoding="utf-8")


def title_and_goals(path):
    """The notebook's first heading, and the bullet list under its "What you will learn" label as Markdown."""
    notebook = nbformat.read(path, as_version=4)
    markdown = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), path.stem)
    heading = GOALS_LABEL.search(markdown)
    goals = []
    for line in markdown[heading.end():].lstrip("\n").splitlines() if heading else []:
        if re.match(r"\s*[-*] ", line) and not line[0].isspace():
            goals.append(line)
        elif goals and line.strip() and line[0].isspace():
            goals.append(line)
        else:
            break
    return title, "\n".join(goals)


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
<p>Each page is a notebook executed in replay mode: the real SDKs sent real requests, answered from the recordings.
Errors you see were raised on purpose, in the troubleshooting sections.</p>
<table>
<thead><tr><th>notebook</th><th>what you will learn</th><th>solutions</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def reason(error):
    """The failing cell's error in full (a kit error lists every fix), or the last line of anything else."""
    if getattr(error, "ename", None):
        return f"{error.ename}: {error.evalue}"
    return (str(error).strip() or repr(error)).splitlines()[-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook stems, e.g. 02_chat or solutions/02_chat (default: all)")
    parser.add_argument("--inplace", action="store_true", help="store the new outputs in the notebooks")
    parser.add_argument("--html", metavar="DIR", help="write one HTML page per notebook, and index.html, into DIR")
    args = parser.parse_args(argv)
    out = ROOT / args.html if args.html else None
    failed = []
    progress = tqdm(notebook_paths(args.names), unit="notebook", dynamic_ncols=True)
    for path in progress:
        progress.set_description(label(path))
        try:
            notebook = execute(path)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            failed.append(f"{label(path)}.ipynb")
            tqdm.write(f"{label(path)} failed: {reason(error)}")
            if out:
                page_for(path, out).unlink(missing_ok=True)
            continue
        if args.inplace:
            nbformat.write(notebook, path)
        if out:
            to_html(notebook, page_for(path, out))
    progress.close()
    if out:
        out.mkdir(parents=True, exist_ok=True)
        write_index(out)
        print(f"wrote {out / 'index.html'}")
    if failed:
        sys.exit(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
