"""Every Python block of the five guides stands in some notebook: run in a code cell, or shown in markdown
(with the reason it cannot run)."""

import json

import pytest

from helpers.paths import ROOT
from tests.support.guides import GUIDES, blocks

# A guide that hard-codes a placeholder URL cannot send it; the notebooks read the kit's variable instead.
SUBSTITUTES = {
    'endpoint="https://<resource>.services.ai.azure.com/models",': 'endpoint=os.environ["AZURE_INFERENCE_ENDPOINT"],',
    'base_url="https://<resource>.openai.azure.com/openai/v1/",': 'base_url=os.environ["AZURE_OPENAI_BASE_URL"],',
}


def normalized(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


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
@pytest.mark.parametrize("block", [pytest.param(normalized(block.code), id=f"{block.guide}-block{block.number}")
                                   for block in blocks()])
def test_guide_block_stands_in_a_notebook(block):
    wanted = [SUBSTITUTES.get(line, line) for line in block]
    places = [name for name, lines in notebook_texts() if contains(lines, block) or contains(lines, wanted)]
    assert places, "this guide block is in no notebook:\n" + "\n".join(block)
