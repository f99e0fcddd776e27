"""A short traceback: the learner's own frames and the message, never the frames inside the libraries or the kit."""

import linecache
import sysconfig
import traceback
from pathlib import Path

from .cassettes import shown

_LIBRARIES = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib")}) + (
    str(Path(__file__).resolve().parent),)


def short_traceback(error, cell_name=lambda filename: None):
    """The error's traceback with only the learner's own frames: what an SDK error needs to be read.

    cell_name turns a notebook cell's file name into its label (IPython's "In [5]"), or None for other files.
    Frames inside the Python libraries, the SDKs and the kit itself are counted, not shown.
    """
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if cell_name(frame.filename) or not frame.filename.startswith(_LIBRARIES)]
    hidden = len(frames) - len(own)
    lines = [f"Traceback ({hidden} frames inside the libraries hidden by the kit):" if hidden else "Traceback:"]
    for frame in own:
        label = cell_name(frame.filename)
        where = f"Cell {label}" if label else f'File "{shown(frame.filename)}"'
        where += f", line {frame.lineno}"
        lines.append(f"  {where}, in {frame.name}")
        code = linecache.getline(frame.filename, frame.lineno).strip()
        if code:
            lines.append(f"    {code}")
    return lines + traceback.format_exception_only(error)[-1].rstrip("\n").splitlines()
