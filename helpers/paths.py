"""Where the kit's files are: the checkout, its notebooks, and their recordings."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RECORDINGS = NOTEBOOKS / "recordings"
