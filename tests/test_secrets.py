"""No secret anywhere: every cassette, notebook (solutions too), build/ page and log passes
tests/support/secret_scan.py; the scanner catches each kind of secret seeded into copies of a cassette and a notebook;
and record mode's cassettes pass it for every way of authenticating. Every seeded secret is made at run time, so no file
in the repo holds one."""

import copy
import json
import secrets
import string

import pytest
import yaml

from helpers.credentials import MASK
from helpers.paths import RECORDINGS, ROOT
from helpers.settings import VARIABLES
from tests.support import secret_scan, variants
from tests.support.loopback import make_jwt
from tests.support.secret_scan import ALLOWED, Unit, scan_units


def _random(alphabet, length):
    return "".join(secrets.choice(alphabet) for _ in range(length))


ALNUM = string.ascii_letters + string.digits


def seeds():
    """One line per kind of secret, as it would leak: kind -> (line, value)."""
    azure_84 = (_random(ALNUM, 52) + "JQQJ99" + _random(ALNUM, 1) + secrets.choice("ABCDEFGHIJKL")
                + _random(ALNUM, 16) + secrets.choice(string.ascii_letters) + _random(ALNUM, 7))
    values = {
        "Azure key (32 hex digits)": secrets.token_hex(16),
        "Azure AI services key (JQQJ9 signature)": azure_84,
        "Entra ID client secret": variants.make_client_secret(),
        "GitHub fine-grained token": f"github_pat_{_random(ALNUM, 22)}_{_random(ALNUM, 59)}",
        "GitHub token": "ghp_" + _random(ALNUM, 36),
        "OpenAI key": "sk-proj-" + _random(ALNUM, 48),
        "JWT": make_jwt(sub="someone@example.com"),
        "detect-secrets AWS Access Key": "AKIA" + _random(string.ascii_uppercase + "234567", 16),
    }
    lines = {kind: (f'credential = "{value}"', value) for kind, value in values.items()}
    bearer = _random(ALNUM, 6) + "9" + _random(ALNUM + "-._~", 33)
    lines["Bearer token"] = (f"Authorization: Bearer {bearer}", bearer)
    password = _random(ALNUM, 10) + "7"
    lines["detect-secrets Secret Keyword"] = (f'password = "{password}"', password)
    header = "-----BEGIN " + "RSA PRIVATE KEY-----"
    lines["detect-secrets Private Key"] = (header, header)
    return lines


def _cassette():
    """A copy of a shipped cassette: 00_setup's, which the kit itself owns."""
    return yaml.safe_load((RECORDINGS / "00_setup.yaml").read_text(encoding="utf-8"))


def _notebook():
    return json.loads((ROOT / "notebooks" / "00_setup.ipynb").read_text(encoding="utf-8"))


def _seed_cassette(place, line, data, index):
    interaction = copy.deepcopy(data["interactions"][0])
    if place == "request header":
        interaction["request"]["headers"]["X-Seed"] = [line]
        where = f"cassette/interactions[{index}]/request/headers/X-Seed"
    elif place == "request body":
        interaction["request"]["body"] = line
        where = f"cassette/interactions[{index}]/request/body"
    else:
        interaction["response"]["body"]["string"] = f"upstream said:\n{line}\n"
        where = f"cassette/interactions[{index}]/response/body/string"
    data["interactions"].append(interaction)
    return where


def _seed_notebook(place, line, data, index):
    if place in ("code cell source", "markdown cell source"):
        cell = {"cell_type": place.split()[0], "metadata": {}, "source": [line]}
        if place == "code cell source":
            cell.update(execution_count=1, outputs=[])
        where = f"cell {index + 1} source"
    else:
        kind = {"stream output": {"output_type": "stream", "name": "stdout", "text": ["before\n", line + "\n"]},
                "error traceback": {"output_type": "error", "ename": "ValueError", "evalue": "bad",
                                    "traceback": ["Traceback", f"    {line}"]},
                "result text/plain": {"output_type": "execute_result", "execution_count": 1, "metadata": {},
                                      "data": {"text/plain": [line]}}}[place]
        cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["print(1)"], "outputs": [kind]}
        where = f"cell {index + 1} output 0 " + {"stream output": "text", "error traceback": "traceback",
                                                 "result text/plain": "text/plain"}[place]
    data["cells"].append(cell)
    return where


CONTAINERS = {"cassette": (_cassette, _seed_cassette, "interactions", ".yaml"),
              "notebook": (_notebook, _seed_notebook, "cells", ".ipynb")}
PLACES = [("cassette", p) for p in ("request header", "request body", "response body")] + \
         [("notebook", p) for p in ("code cell source", "markdown cell source", "stream output", "error traceback",
                                    "result text/plain")]
CAUGHT = []


def _write(path, data):
    path.write_text(json.dumps(data, indent=1) if path.suffix == ".ipynb" else yaml.safe_dump(data, width=80),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("container, place", PLACES, ids=[f"{c}-{p}" for c, p in PLACES])
def test_scanner_catches_every_kind_of_secret_seeded_into_a_copy(container, place, tmp_path):
    load, seed, items, suffix = CONTAINERS[container]
    data = load()
    assert secret_scan.scan_file(_write(tmp_path / f"clean{suffix}", data)) == [], "the copy held a secret already"
    expected = {kind: (seed(place, line, data, len(data[items])), value) for kind, (line, value) in seeds().items()}
    findings = secret_scan.scan_file(_write(tmp_path / f"seeded{suffix}", data))
    missed = [kind for kind, (where, value) in expected.items()
              if not any(f.kind == kind and where in f.where and f.value and f.value in value for f in findings)]
    assert not missed, f"{container} {place}: not caught: {missed}\nfound: {findings}"
    assert all(value not in str(f) for f in findings for _, value in expected.values())  # findings show 4 characters
    CAUGHT.extend(expected)


def test_seeded_secret_count_for_the_closing_note():
    """Prints how many seeded secrets were caught (run with -s), once the seeding tests above have run."""
    if not CAUGHT:
        pytest.skip("run together with test_scanner_catches_every_kind_of_secret_seeded_into_a_copy")
    kinds = len(seeds())
    print(f"\nsecret scanner: {len(CAUGHT)} seeded secrets caught ({kinds} kinds x {len(PLACES)} places)")
    assert len(CAUGHT) == kinds * len(PLACES)


@pytest.mark.parametrize("path", secret_scan.targets(), ids=lambda p: str(p.relative_to(ROOT)))
def test_file_holds_no_secret(path):
    findings = secret_scan.scan_file(path)
    assert not findings, "\n".join(map(str, findings))


def test_record_mode_cassette_passes_the_scanner(recording):
    assert secret_scan.scan_file(recording.path) == []


def test_scanner_would_catch_what_record_mode_scrubbed(recording):
    """The test above can fail: each secret of the recording, left in place, is a finding."""
    for label, value in recording.secrets.items():
        text = f'{{"api-key": "{value}"}}' if label == "key" else f"{label.replace(' ', '_')}={value}"
        assert scan_units([Unit(text, label)]), f"{label} would not be caught"
    for token in recording.login.issued:
        assert scan_units([Unit(f"Authorization: Bearer {token}", "issued token")])


def test_allowlist_is_exactly_the_kits_mask_and_replay_placeholders():
    az = (ROOT / "helpers" / "offline_az" / "az").read_text(encoding="utf-8")
    placeholders = {v.placeholder for v in VARIABLES.values() if v.secret}
    assert ALLOWED == {MASK, *placeholders, "replay-entra-token"}
    assert '"accessToken": "replay-entra-token"' in az


def test_allowlisted_placeholders_would_otherwise_be_findings():
    lines = [f"Authorization: Bearer {value}" for value in ("replay-placeholder-github-token", "replay-entra-tokenX"
                                                            "-not-allowlisted-0000")]
    assert scan_units([Unit(lines[0], "placeholder")]) == []
    assert scan_units([Unit(lines[1], "other")])
    assert secret_scan._PATTERNS["Bearer token"].search(lines[0])


def test_scanner_leaves_prose_and_examples_alone():
    prose = ["Only `Authorization: Bearer` was sent, with a token, not a key.",
             "| `ServiceRequestError: Bearer token authentication is not permitted for non-TLS protected URLs` |",
             'api_key="your-key-here"', 'client = OpenAI(api_key="0123456789abcdef0123456789abcdef")  # made up',
             "Authorization: Bearer <scrubbed>", "api-key: <scrubbed>"]
    assert scan_units([Unit("\n".join(prose), "prose")]) == []
