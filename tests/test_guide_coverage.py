"""Every Python block of the five guides stands in some notebook: run in a code cell, or shown in markdown
(with the reason it cannot run)."""

import json
import re

import pytest

from helpers.paths import ROOT

GUIDES = ROOT.parent / "shared" / "guides"
FENCE = re.compile(r"^(?P<indent>[ \t>]*)```python[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.S | re.M)
# A guide that hard-codes a placeholder URL cannot send it; the notebooks read the kit's variable instead.
SUBSTITUTES = {
    'endpoint="https://<resource>.services.ai.azure.com/models",': 'endpoint=os.environ["AZURE_INFERENCE_ENDPOINT"],',
    'base_url="https://<resource>.openai.azure.com/openai/v1/",': 'base_url=os.environ["AZURE_OPENAI_BASE_URL"],',
}


def normalized(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def guide_blocks():
    if not GUIDES.is_dir():
        return []
    blocks = []
    for guide in sorted(GUIDES.glob("0*.txt")):
        text = re.sub(r"<!--.*?-->", "", guide.read_text(encoding="utf-8"), flags=re.S)
        for number, match in enumerate(FENCE.finditer(text), start=1):
            lines = [line.removeprefix(match["indent"]) for line in match["body"].splitlines()]
            blocks.append(pytest.param(normalized("\n".join(lines)), id=f"{guide.name[:3]}-block{number}"))
    return blocks


def notebook_texts():
    texts = []
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for kind in ("code", "markdown"):
            lines = [line for c in cells if c["cell_type"] == kind for line in normalized("".join(c["source"]))]
            texts.append((f"{path.name} ({kind})", lines))
    return texts


def contains(lines, block):
    width = len(block)
    return any(lines[i:i + width] == block for i in range(len(lines) - width + 1))


@pytest.mark.skipif(not GUIDES.is_dir(), reason=f"the guides are not beside the repo at {GUIDES}")
@pytest.mark.parametrize("block", guide_blocks())
def test_guide_block_stands_in_a_notebook(block):
    wanted = [SUBSTITUTES.get(line, line) for line in block]
    places = [name for name, lines in notebook_texts() if contains(lines, block) or contains(lines, wanted)]
    assert places, "this guide block is in no notebook:\n" + "\n".join(block)
