"""The guides the notebooks are built from (shared/guides, beside the repository) and their ```python blocks.

    for block in blocks():          # every guide's, in order: block.guide "003", block.number, block.tab, block.code
    needed("001")                   # guide 001's blocks, or the test is skipped when the guides are not there
"""

import re
from dataclasses import dataclass

import pytest

from helpers.paths import ROOT

GUIDES = ROOT.parent / "shared" / "guides"
# A fence may be indented or quoted (a block in a list or a note); its lines carry the same prefix, which is dropped.
FENCE = re.compile(r"^(?P<indent>[ \t>]*)```python[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.S | re.M)
# A tab of a tabbed section starts at its heading and ends at the section's closing --- line.
TAB = re.compile(r"^(?:# \[.*\]\(#tab/(?P<tab>.+)\)|---)[ \t]*$", re.M)


@dataclass(frozen=True)
class Block:
    guide: str  # the guide's number, "003"
    number: int  # the block's place in its guide, from 1
    tab: str | None  # the tab it sits in ("azure-ai-inference", "openai") or None
    code: str


def _tab_at(text, position):
    marks = list(TAB.finditer(text, 0, position))
    return marks[-1]["tab"] if marks else None


def blocks(guide="0"):
    """The ```python blocks of every guide whose number starts with guide; none when the guides are not there."""
    found = []
    for path in sorted(GUIDES.glob(f"{guide}*_*.txt")) if GUIDES.is_dir() else []:
        text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        for number, match in enumerate(FENCE.finditer(text), start=1):
            code = "".join(line.removeprefix(match["indent"]) + "\n" for line in match["body"].splitlines())
            found.append(Block(path.name[:3], number, _tab_at(text, match.start()), code))
    return found


def needed(guide):
    """The blocks of guide NNN; the calling test is skipped when the guides are not beside the repository."""
    found = blocks(guide)
    if not found:
        pytest.skip(f"guide {guide} is not in {GUIDES}: these tests read the guides the notebooks are built from")
    return found
