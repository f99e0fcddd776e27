"""helpers/vcr_adapter.py is the one place that uses vcrpy's and aiohttp's private internals, and USED lists them.
When a release renames or removes one, this test names it and says where to adapt, before a notebook breaks."""

import inspect
import re
from importlib import metadata
from pathlib import Path

from vcr.cassette import Cassette

from helpers import vcr_adapter
from helpers.paths import ROOT
from helpers.vcr_adapter import USED

DISTRIBUTIONS = {"vcr": "vcrpy", "aiohttp": "aiohttp"}


def defined(owner, attribute):
    """True when owner has attribute, or a class of owner sets it on its instances (self.attribute = ...)."""
    if hasattr(owner, attribute):
        return True
    assignment = re.compile(rf"\bself\.{re.escape(attribute)}\s*(:[^=\n]+)?=[^=]")
    for cls in getattr(owner, "__mro__", ())[:-1]:
        if assignment.search(inspect.getsource(cls)):
            return True
    return False


def missing(used):
    """A message for each (owner, attribute) of used that the installed vcrpy or aiohttp no longer has."""
    messages = []
    for owner, attribute in used:
        if defined(owner, attribute):
            continue
        module = getattr(owner, "__module__", None) or owner.__name__
        name = owner.__name__ if module == owner.__name__ else f"{module}.{owner.__qualname__}"
        distribution = DISTRIBUTIONS[module.partition(".")[0]]
        messages.append(
            f"{name}.{attribute} is gone in {distribution} {metadata.version(distribution)}: a {distribution} release "
            f"changed it. helpers/vcr_adapter.py uses it (listed in USED); adapt that module to the new release, or "
            f"pin the previous {distribution} in requirements.txt and environment.yml.")
    return messages


def test_every_private_vcrpy_and_aiohttp_name_the_kit_uses_still_exists():
    assert not missing(USED), "\n".join(missing(USED))


def test_every_private_name_vcr_adapter_reaches_for_is_listed_in_used():
    reached = set(re.findall(r"\w\.(_[A-Za-z]\w*)", inspect.getsource(vcr_adapter)))
    assert reached and reached <= {attribute for _, attribute in USED}, reached - {a for _, a in USED}


def test_a_renamed_internal_is_named_with_the_release_and_the_module_to_adapt():
    assert missing([(Cassette, "_save_renamed")]) == [
        f"vcr.cassette.Cassette._save_renamed is gone in vcrpy {metadata.version('vcrpy')}: a vcrpy release changed "
        "it. helpers/vcr_adapter.py uses it (listed in USED); adapt that module to the new release, or pin the "
        "previous vcrpy in requirements.txt and environment.yml."]


HELPERS = Path(vcr_adapter.__file__).parent
OVERRIDDEN = {"can_play_response_for", "play_response", "append", "_save"}  # vcrpy's, that a subclass may override
COMMON = {"data", "append"}  # words too common to scan for as attributes: only overriding them counts
PRIVATE_MODULES = re.compile(
    r"\bvcr\.(stubs|patch|cassette)\b|\bfrom vcr import (stubs|patch)\b|\b(aiohttp|httpx)_stubs\b")


def _then(value):
    """What follows a name used as its kind is: a class as it is, a method called, an attribute not called (the kit
    has methods of its own named like some of vcrpy's attributes)."""
    if isinstance(value, type):
        return ""
    return r"\(" if callable(value) else r"(?!\s*\()"


def _reaches(owner, name, line):
    used = name not in COMMON and re.search(rf"\.{re.escape(name)}\b" + _then(getattr(owner, name, None)), line)
    return bool(used or (name in OVERRIDDEN and re.search(rf"def\s+{re.escape(name)}\(", line)))


def reached_outside_the_adapter(root):
    """Each place in a module of root, but the adapter, that reaches for a name USED lists or a vcrpy module's
    internals, as "path:line: what"."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "vcr_adapter.py" and path.parent == HELPERS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            names = [name for owner, name in USED if _reaches(owner, name, line)]
            names += [m.group(0) for m in PRIVATE_MODULES.finditer(line)]
            found += [f"{path.relative_to(root)}:{number}: {name}" for name in names]
    return found


def test_no_module_of_the_kit_but_the_adapter_reaches_for_vcrpy_or_aiohttp_internals():
    assert reached_outside_the_adapter(HELPERS) == []
    assert reached_outside_the_adapter(ROOT / "openai_v1_migrate") == []


def test_the_scan_names_a_private_name_used_elsewhere(tmp_path):
    (tmp_path / "pacing.py").write_text("from vcr import stubs\nstubs.VCRHTTPResponse\n"
                                        "class C:\n    def play_response(self, r):\n        return r\n")
    assert reached_outside_the_adapter(tmp_path) == [
        "pacing.py:1: from vcr import stubs", "pacing.py:2: VCRHTTPResponse", "pacing.py:4: play_response"]
