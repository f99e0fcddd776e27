"""The lessons' tables, as Markdown: token usage, and the kit's facts (variables, endpoint kinds, packages)."""


def usage_table(usage):
    """Token usage (azure-ai-inference or openai) as a small Markdown table."""
    from IPython.display import Markdown

    names = ("prompt_tokens", "completion_tokens", "total_tokens")
    rows = [(name, getattr(usage, name)) for name in names if getattr(usage, name, None) is not None]
    return Markdown("| tokens | count |\n|---|---:|\n" + "\n".join(f"| {n} | {c} |" for n, c in rows))


def _markdown(header, rows):
    from IPython.display import Markdown

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return Markdown("\n".join(lines))


def variables_table():
    """Every variable, what it is, and which notebooks read it."""
    from .settings import READS, VARIABLES

    rows = []
    for variable in VARIABLES.values():
        readers = ", ".join(stem for stem, names in READS.items() if variable.name in names)
        rows.append((f"`{variable.name}`", variable.description, readers))
    return _markdown(("variable", "what it holds", "read by"), rows)


def kinds_table():
    """The endpoint kinds, their URL form, the client that takes them, and whether they still serve."""
    from .endpoints import KINDS

    return _markdown(("kind", "URL form", "client", "serves"),
                     [(k.label, f"`{k.form}`", k.client, k.serves) for k in KINDS])


def packages_table(requirements=None):
    """The kit's main packages: the pinned version, the installed one, and whether they agree."""
    from importlib import metadata

    from .paths import ROOT

    wanted = ("azure-ai-inference", "azure-core", "azure-identity", "openai", "aiohttp", "python-dotenv",
              "vcrpy", "jupyterlab")
    pins = {}
    for line in (requirements or ROOT / "requirements.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        pins[name.strip().lower()] = version.strip()
    rows = []
    for name in wanted:
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        rows.append((name, pins.get(name, "?"), installed, "ok" if installed == pins.get(name) else "run `make lab`"))
    return _markdown(("package", "pinned", "installed", "status"), rows)
