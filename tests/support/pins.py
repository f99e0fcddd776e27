"""The kit's pin files as the tests read them, and what installing a set of requirements installs, from the installed
distributions' own metadata (no index is asked)."""

import re
from importlib import metadata

from packaging.requirements import Requirement

from helpers.paths import ROOT


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(name):
    """The requirement lines of the pin file name (in the checkout's root)."""
    return [line for line in (ROOT / name).read_text().splitlines() if line and not line.startswith("#")]


def pinned(name):
    """{distribution: version} of the pin file name."""
    return {normalized(line.split("==")[0]): line.split("==")[1] for line in requirement_lines(name)}


def needs(requirements):
    """Every distribution that installing these requirements (lines or bare names) installs, itself included."""
    found, todo = set(), [Requirement(line) for line in requirements]
    while todo:
        requirement = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = normalized(requirement.name)
        if name not in found:
            found.add(name)
            todo += [Requirement(line) for line in metadata.distribution(name).requires or ()]
    return found
