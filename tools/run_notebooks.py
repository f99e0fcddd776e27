"""Execute notebooks headlessly: store their outputs in place, or write HTML handouts.

    python -m tools.run_notebooks [--inplace] [--html DIR] [NN_topic ...]

The mode comes from NOTEBOOK_MODE as in the lab (make run forces replay, make record forces record).
"""

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def notebook_paths(names):
    if names:
        return [NOTEBOOKS / f"{name.removesuffix('.ipynb')}.ipynb" for name in names]
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def to_html(notebook, target):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    target.write_text(body, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook stems, e.g. 02_chat (default: all)")
    parser.add_argument("--inplace", action="store_true", help="store the new outputs in the notebooks")
    parser.add_argument("--html", metavar="DIR", help="write one HTML page per notebook into DIR")
    args = parser.parse_args(argv)
    failed = []
    for path in notebook_paths(args.names):
        print(f"running {path.relative_to(ROOT)}", flush=True)
        try:
            notebook = execute(path)
        except CellExecutionError as error:
            failed.append(path.name)
            print(f"  failed: {str(error).splitlines()[-1] if str(error) else error}", flush=True)
            continue
        if args.inplace:
            nbformat.write(notebook, path)
        if args.html:
            out = ROOT / args.html
            out.mkdir(parents=True, exist_ok=True)
            to_html(notebook, out / f"{path.stem}.html")
    if failed:
        sys.exit(f"{len(failed)} notebook(s) failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
