"""helpers/vcr_adapter.py is the one place that uses vcrpy's and aiohttp's private internals, and USED lists them.
When a release renames or removes one, this test names it and says where to adapt, before a notebook breaks."""

import inspect
import re
from importlib import metadata

from vcr.cassette import Cassette

from helpers import vcr_adapter
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
