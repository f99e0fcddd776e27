"""Hostile configuration: arbitrary .env files (unicode, control characters, very long values, '=' and quotes in
values, export prefixes, CRLF, a BOM, other encodings), loaded as the kit loads them (helpers.settings.read_env into
the environment, and python-dotenv's dotenv_values), then fed through helpers.settings.check, helpers.modes.choose
in every mode and helpers.kit.banner. Every failure must be a KitError with a message, and no message or banner
may show any part of a secret: no substring of 4 or more characters of a secret value that is not also in the kit's
own text (its sources) or in a value that is not secret."""

import functools
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from dotenv import dotenv_values
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from helpers import modes, plan, settings
from helpers.cassettes import cassette_path
from helpers.errors import KitError
from helpers.kit import banner

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "kit-hypothesis")  # keep the repository free of .hypothesis/
HELPERS = Path(settings.__file__).resolve().parent
KIT_TEXT = "\0".join(p.read_text(encoding="utf-8") for p in sorted(HELPERS.glob("*.py")))
KIT_NAMES = [*settings.VARIABLES, "NOTEBOOK_MODE", "NOTEBOOK_RECORD_OVERWRITE"]
SECRETS = [v.name for v in settings.VARIABLES.values() if v.secret]
EXAMPLES = Counter()

realistic = st.sampled_from([
    *(v.example for v in settings.VARIABLES.values()), *(v.placeholder for v in settings.VARIABLES.values()),
    "https://my-llama.eastus2.models.ai.azure.com", "https://r.openai.azure.com/openai/v1/",
    "https://r.openai.azure.com/openai/deployments/gpt-4o-mini", "https://r.openai.azure.com/openai/deployments/d?api-version=1",
    "http://r.openai.azure.com/", "https://portal.azure.com/#home", "https://ai.azure.com/build",
    "replay", "live", "record",
    "LIVE ", "0123456789abcdef0123456789abcdef", "3f9c2a7e5b8d4c1fa6e0b9d7c5a3e1f2", "github_pat_11ABCDEFG0abcdefghij",
    "<your-key>", "your-key-here", '"double"', "'single'", '""quoted twice""', "", " ", "a b", "key\\nwith\\nnewlines",
])
values = st.one_of(realistic, st.text(max_size=60), st.text(min_size=1000, max_size=4000),
                   st.builds("{}={}".format, st.text(max_size=20), st.text(max_size=20)),
                   st.builds("{}{}{}".format, st.sampled_from(["'", '"', '"""']), st.text(max_size=30),
                             st.sampled_from(["'", '"', "", '"""'])))
names = st.one_of(st.sampled_from(KIT_NAMES), st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,15}", fullmatch=True))
line = st.one_of(
    st.builds("{}{}{}{}{}{}{}".format, st.sampled_from(["", "export ", "  ", "\t", "export  "]), names,
              st.sampled_from(["=", " = ", "= ", "=\t", ": "]), st.sampled_from(["", '"', "'"]), values,
              st.sampled_from(["", '"', "'"]), st.sampled_from(["", " # a comment", "  ", "\t"])),
    st.sampled_from(["# comment", "", "export", "=", "==", "KEY", '"', "A=b=c", "B='unterminated", "C=\"unterminated"]),
    st.text(max_size=40),
)


@st.composite
def env_files(draw):
    """The bytes of a .env file: lines, line endings, an optional BOM, and sometimes another encoding."""
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(draw(st.lists(line, max_size=12)))
    text = ("\ufeff" if draw(st.booleans()) else "") + text
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=20))  # a few stray bytes: a half-saved or binary file
    return data


def _leaks(secret, shown, known):
    """Substrings of secret of 4 or more characters that are in shown and not in known (the kit's own text)."""
    found = []
    for start in range(len(secret) - 3):
        if secret[start:start + 4] not in shown:
            continue
        length = 0
        while start + length < len(secret) and secret[start:start + length + 1] in shown:
            length += 1
        if length >= 4:
            known_length = 0
            while known_length < length and secret[start:start + known_length + 1] in known:
                known_length += 1
            if length > max(known_length, 3):
                found.append(secret[start:start + length])
    return [leak for leak in found if not any(leak != other and leak in other for other in found)]


def _through_the_kit(environ):
    """Every message and banner the kit shows for this environment, and how many set values it refused;
    only KitError may be raised."""
    shown, refused = [], 0
    for notebook in settings.READS:
        variables = settings.variables_for(notebook)
        for variable in variables:
            try:
                assert settings.check(variable, environ.get(variable.name)) == environ.get(variable.name)
            except KitError as error:
                refused += environ.get(variable.name) is not None
                shown.append(str(error))
        endpoints = modes.endpoints_for(variables, uses_entra_id=True)
        for asked in (None, "replay", "live", "record", environ.get("NOTEBOOK_MODE")):
            try:
                requested = modes.requested(asked)
                decisions = modes.choose(requested, endpoints, environ)
            except KitError as error:
                shown.append(str(error))
                continue
            shown.append(banner(plan.Plan(notebook, tuple(variables), decisions, requested, None,
                                          cassette=cassette_path(notebook))))
    assert all(text.strip() for text in shown), "a KitError without a message"
    return shown, refused


@functools.cache
def fixed_text():
    """The kit's own text: its sources, and every message and banner it shows for environments whose values are
    its own examples, placeholders and typical mistakes (so rendered text such as "Live steps" counts as the kit's)."""
    shown = []
    typical = ["", " ", '"x"', "'x'", "x ", "x\ny", "\x01x", "\u00e9", "http://h/", "https://portal.azure.com/",
               "https://r.openai.azure.com/openai/deployments/d?api-version=1"]
    environments = [{}, {v.name: v.example for v in settings.VARIABLES.values()},
                    {v.name: v.placeholder for v in settings.VARIABLES.values()}]
    environments += [{v.name: value for v in settings.VARIABLES.values()} for value in typical]
    for environ in environments:
        for mode in (None, "replay", "live", "record", "bogus"):
            shown += _through_the_kit({**environ, **({"NOTEBOOK_MODE": mode} if mode else {})})[0]
    return KIT_TEXT + "\0" + "\0".join(dict.fromkeys(shown))


def _loaded(data):
    """The variables read_env returns, and dotenv_values' parse; the kit's names are cleared first and restored."""
    saved = {name: os.environ.pop(name) for name in list(os.environ) if name in KIT_NAMES}
    try:
        with tempfile.TemporaryDirectory() as directory:
            (Path(directory) / ".env").write_bytes(data)
            try:
                values = settings.read_env(settings.find_env(directory))
            except KitError:
                EXAMPLES["unreadable .env refused"] += 1
                values = {}
            loaded = {name: values[name] for name in KIT_NAMES if name in values}
            try:
                parsed = dotenv_values(Path(directory) / ".env", encoding="utf-8-sig")
            except UnicodeDecodeError:
                parsed = {}
    finally:
        for name in KIT_NAMES:
            os.environ.pop(name, None)
        os.environ.update(saved)
    return loaded, parsed


def test_hostile_env_files_give_only_kit_errors_and_never_show_a_secret():
    @hypothesis_settings(max_examples=300, deadline=None, database=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(env_files())
    def check(data):
        EXAMPLES["examples"] += 1
        for environ in _loaded(data):
            shown, refused = _through_the_kit(environ)
            EXAMPLES["refused values"] += refused
            text = "\0".join(dict.fromkeys(shown))
            known = fixed_text() + "\0" + "\0".join(str(v) for k, v in environ.items() if k not in SECRETS and v)
            for name in SECRETS:
                # a secret never holds whitespace or control characters (check() refuses them), so the pieces
                # between them are what could leak; the kit's own line breaks and spaces are not part of a leak
                for piece in re.split(r"[\s\x00-\x1f\x7f]+", environ.get(name) or ""):
                    leaks = _leaks(piece, text, known)
                    assert not leaks, f"{name}'s value shows in a message or banner: {leaks[:3]}"

    check()
    print(f"\nfuzz: {EXAMPLES['examples']} hostile .env files (each read twice: read_env and dotenv_values), "
          f"{EXAMPLES['refused values']} set values refused with a KitError, {EXAMPLES['unreadable .env refused']} "
          "unreadable files refused with a SettingError")
    assert EXAMPLES["examples"] >= 300 and EXAMPLES["refused values"] > 0


def test_the_leak_check_finds_a_secret_shown_in_part():
    secret = "Zq8vT2kLm9Xw"
    assert _leaks(secret, f"the key starts with {secret[:5]}", fixed_text()) == [secret[:5]]
    assert _leaks("Live steps!", "Kit ready: 00_setup. Live steps call your resource", fixed_text()) == []
    assert _leaks(secret, f"{secret[:4]} and {secret[6:11]}", KIT_TEXT) == [secret[:4], secret[6:11]]
    assert _leaks(secret, f"the key ends with ...{secret[-4:]}", KIT_TEXT) == [secret[-4:]]
    assert _leaks("your-key-here", "still holds the .env.example placeholder your-key", KIT_TEXT) == []


def test_a_secret_with_quotes_around_it_is_refused_without_being_shown():
    secret = "'Zq8vT2kLm9Xw4nR7'"
    with pytest.raises(KitError) as raised:
        settings.check(settings.VARIABLES["AZURE_AI_CHAT_KEY"], secret)
    assert "quoted twice" in str(raised.value) and not _leaks(secret, str(raised.value), KIT_TEXT)


@pytest.mark.parametrize("data", [b"AZURE_AI_CHAT_KEY=ab\x00cd\n", "AZURE_AI_CHAT_KEY=caf\u00e9\n".encode("cp1252")],
                         ids=["nul-byte", "cp1252"])
def test_an_env_file_the_kit_cannot_read_is_a_kit_error(data, tmp_path):
    (tmp_path / ".env").write_bytes(data)
    saved = os.environ.pop("AZURE_AI_CHAT_KEY", None)
    try:
        with pytest.raises(KitError, match=r"\.env"):
            settings.read_env(settings.find_env(tmp_path))
    finally:
        os.environ.pop("AZURE_AI_CHAT_KEY", None)
        if saved is not None:
            os.environ["AZURE_AI_CHAT_KEY"] = saved


def test_a_key_pasted_into_an_endpoints_query_is_not_shown():
    key = "3f9c2a7e5b8d4c1fa6e0b9d7c5a3e1f2"
    url = f"https://r.openai.azure.com/openai/v1/?api-version=preview&api-key={key}"
    with pytest.raises(KitError) as raised:
        settings.check(settings.VARIABLES["AZURE_OPENAI_BASE_URL"], url)
    assert "api-version" in str(raised.value)
    assert not _leaks(key, str(raised.value), KIT_TEXT)
