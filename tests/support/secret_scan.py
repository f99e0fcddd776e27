"""Find secrets in what the kit ships and makes: cassettes, notebooks (sources, outputs, metadata), build/ HTML, logs.

Two nets over the same text: detect-secrets 1.5 with every plugin it has (its Python API, with the heuristic filters
its CLI uses by default, minus verification, which would use the network, and minus inline allowlist comments,
since the only allowlist is ALLOWED below), and the patterns of the secrets this kit handles (PATTERNS).

    python -m tests.support.secret_scan [FILE ...]      # with no FILE, every target of the repository

A finding shows where it is and only the first four characters of the value.
"""

import base64
import json
import math
import os
import re
import struct
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

# The only secret-looking values allowed anywhere: the kit's scrubbing mask and its replay placeholders.
ALLOWED = frozenset({"<scrubbed>", "replay-entra-token", *(f"replay-placeholder-{name}" for name in (
    "azure-ai-chat-key", "azure-openai-chat-key", "github-token", "azure-ai-embeddings-key",
    "azure-inference-credential", "azure-openai-api-key", "openai-api-key"))})

PATTERNS = {
    "Azure key (32 hex digits)": r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])",
    # Microsoft security-utilities, SEC101/200 (common annotated security key, as Azure AI services keys are now).
    "Azure AI services key (JQQJ9 signature)":
        r"(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}[A-Za-z][A-Za-z0-9]{7}",
    # Microsoft security-utilities, SEC101/156 (Entra ID client secret).
    "Entra ID client secret": r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{34}",
    "GitHub fine-grained token": r"github_pat_[A-Za-z0-9_]{40,}",
    "GitHub token": r"(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,}",
    "OpenAI key": r"(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
    "JWT": r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*",
    # A token after Bearer: 12+ token characters with a digit, or 30+ ("Bearer authentication" is prose).
    "Bearer token": r"(?i)\bBearer\s+(?P<value>(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{12,}=*|[A-Za-z0-9._~+/-]{30,}=*)",
}
_PATTERNS = {kind: re.compile(pattern) for kind, pattern in PATTERNS.items()}
# In HTML, what detect-secrets need not read (the patterns still read the raw file): pictures, styles and scripts.
_NOT_TEXT = re.compile(r"data:image/[a-z+.-]+;base64,[A-Za-z0-9+/=\s]+|<style.*?</style>|<script.*?</script>",
                       re.DOTALL | re.IGNORECASE)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DETECT_SECRETS_FILTERS = [
    "detect_secrets.filters.heuristic.is_indirect_reference",
    "detect_secrets.filters.heuristic.is_likely_id_string",
    "detect_secrets.filters.heuristic.is_lock_file",
    "detect_secrets.filters.heuristic.is_not_alphanumeric_string",
    "detect_secrets.filters.heuristic.is_potential_uuid",
    "detect_secrets.filters.heuristic.is_prefixed_with_dollar_sign",
    "detect_secrets.filters.heuristic.is_sequential_string",
    "detect_secrets.filters.heuristic.is_swagger_file",
    "detect_secrets.filters.heuristic.is_templated_secret",
]


@dataclass(frozen=True)
class Finding:
    where: str
    kind: str
    value: str

    def __str__(self):
        return f"{self.where}: {self.kind} ({self.value[:4]}...)"

    __repr__ = __str__


@dataclass(frozen=True)
class Unit:
    """Text to scan and where it is. deep: also run detect-secrets (the patterns always run)."""
    text: str
    where: str
    deep: bool = True


def targets(root=ROOT):
    """Every file the scanner covers: cassettes, notebooks (solutions and checkpoints too), build/ HTML, logs."""
    skip = (".venv", ".git", "node_modules", ".hypothesis", ".pytest_cache", "__pycache__")
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if not f.startswith(skip)]
        where = Path(folder).relative_to(root).parts
        for name in files:
            if (name.endswith(".log") or (where[:1] == ("notebooks",) and name.endswith((".yaml", ".ipynb")))
                    or (where[:1] == ("build",) and name.endswith(".html"))):
                found.append(Path(folder) / name)
    return sorted(found)


def _leaves(value, key="", where=""):
    """("key": "value" lines, where) for every string in parsed JSON or YAML; numbers and booleans hold no secret."""
    if isinstance(value, dict):
        for name, item in value.items():
            if not str(name).startswith("image/"):  # pictures are base64 pixels, not text
                yield from _leaves(item, str(name), f"{where}/{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, key, f"{where}[{index}]")
    elif isinstance(value, (str, bytes)):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        yield f"{json.dumps(key)}: {json.dumps(text, ensure_ascii=False)}", where


def _body_units(text, where):
    """A recorded body as detect-secrets should see it: JSON and SSE events as "key": "value" lines."""
    yield Unit(text, where, deep=False)
    events = [line[len("data: "):] for line in text.splitlines() if line.startswith("data: ")]
    for number, chunk in enumerate(events or [text]):
        try:
            parsed = json.loads(chunk)
        except ValueError:
            yield Unit(chunk, where)
            continue
        label = f"{where} event {number + 1}" if events else where
        yield Unit("\n".join(line for line, _ in _leaves(parsed)), label)


def _cassette_units(data, where="cassette"):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _cassette_units(value, f"{where}/{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _cassette_units(value, f"{where}[{index}]")
    elif isinstance(data, (str, bytes)):
        yield from _body_units(data.decode("utf-8", "replace") if isinstance(data, bytes) else data, where)


def _notebook_units(data):
    """A notebook's text: each cell's source and outputs joined as Jupyter shows them, and its metadata."""
    for number, cell in enumerate(data.get("cells", []), start=1):
        where = f"cell {number}"
        source = cell.get("source", "")
        yield Unit("".join(source) if isinstance(source, list) else source, f"{where} source")
        for index, output in enumerate(cell.get("outputs", [])):
            for key, value in output.items():
                if key == "data":
                    for mime, content in value.items():
                        if not mime.startswith("image/"):
                            text = "".join(content) if isinstance(content, list) else content
                            text = text if isinstance(text, str) else json.dumps(text)
                            yield Unit(text, f"{where} output {index} {mime}")
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    yield Unit(("" if key == "text" else "\n").join(value), f"{where} output {index} {key}")
                else:
                    yield Unit("\n".join(line for line, _ in _leaves(value, key)), f"{where} output {index} {key}")
        yield Unit("\n".join(line for line, _ in _leaves(cell.get("metadata", {}))), f"{where} metadata")
    yield Unit("\n".join(line for line, _ in _leaves(data.get("metadata", {}))), "notebook metadata")


def units(path):
    """The Units of one file, parsed when it is a cassette or a notebook; its raw text always gets the patterns."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8", errors="replace")
    found = [Unit(raw, "raw file", deep=False)]
    try:
        if path.suffix == ".ipynb":
            return found + list(_notebook_units(json.loads(raw)))
        if path.suffix == ".yaml":
            return found + list(_cassette_units(yaml.load(raw, Loader=_LOADER)))
    except (ValueError, AttributeError, yaml.YAMLError):
        pass  # unreadable as a notebook or cassette: scan it as text
    return found + [Unit(_NOT_TEXT.sub(" ", raw), "text")]


def scan_units(found, name="text"):
    """Findings in Units; each distinct line goes through detect-secrets once."""
    findings, deep = [], {}
    for unit in found:
        for number, line in enumerate(unit.text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{name}: {unit.where}, line {number}"
            for kind, pattern in _PATTERNS.items():
                for match in pattern.finditer(line):
                    value = match.groupdict().get("value") or match.group(0)
                    if value not in ALLOWED and not _made_up(value):
                        findings.append(Finding(where, kind, value))
            if unit.deep:
                deep.setdefault(line.strip(), where)
    findings += _detect_secrets(list(deep.items()))
    return sorted(set(findings), key=lambda f: (f.where, f.kind))


def _made_up(value):
    """An example, not a key: a sequence by detect-secrets' own heuristic, or the hex digits counted up in a loop
    (0123456789abcdef0123..., the example key of Microsoft's docs)."""
    from detect_secrets.filters.heuristic import is_sequential_string

    return is_sequential_string(value) or value.lower() in "0123456789abcdef" * 4


def _not_a_secret(kind, value):
    """What detect-secrets' plugins flag in this kit that is data, not a secret, each checked on the value itself."""
    if kind == "Secret Keyword":
        # words joined by - or _ ("your-key-here", "a-key-of-another-resource"): a placeholder, never a key
        return re.fullmatch(r"[a-z]+(?:[-_][a-z]+)+", value) is not None
    if kind == "Base64 High Entropy String":
        return _is_float_vector(value)
    return False


def _is_float_vector(value):
    """openai's encoding_format="base64" embeddings: at least 16 little-endian float32 values, each within +-2."""
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        return False
    if len(raw) < 64 or len(raw) % 4:
        return False
    numbers = struct.unpack(f"<{len(raw) // 4}f", raw)
    return all(math.isfinite(x) and abs(x) <= 2 for x in numbers)


def _detect_secrets(lines):
    """detect-secrets' findings in (line, where) pairs, through its file scan with every plugin it has."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import scan_file
    from detect_secrets.settings import transient_settings

    if not lines:
        return []
    config = {"plugins_used": [{"name": cls.__name__} for cls in get_mapping_from_secret_type_to_class().values()],
              "filters_used": [{"path": path} for path in _DETECT_SECRETS_FILTERS]}
    with tempfile.TemporaryDirectory() as directory:
        flat = Path(directory) / "scan.txt"
        flat.write_text("\n".join(line.replace("\r", " ") for line, _ in lines) + "\n", encoding="utf-8")
        with transient_settings(config):
            found = list(scan_file(str(flat)))
    return [Finding(lines[s.line_number - 1][1], f"detect-secrets {s.type}", s.secret_value or "")
            for s in found if s.secret_value not in ALLOWED and not _made_up(s.secret_value or "")
            and not _not_a_secret(s.type, s.secret_value or "")]


def scan_file(path):
    """Findings in one file."""
    path = Path(path)
    try:
        name = str(path.resolve().relative_to(ROOT))
    except ValueError:
        name = str(path)
    return scan_units(units(path), name)


def main(argv):
    paths = [Path(a) for a in argv] or targets()
    findings = [f for p in paths for f in scan_file(p)]
    for finding in findings:
        print(finding)
    print(f"{len(paths)} files scanned, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
