"""What the lessons show: token usage, the request a call sent, tables of the kit's facts, and similarity heatmaps."""

import json


def usage_table(usage):
    """Token usage (azure-ai-inference or openai) as a small Markdown table."""
    from IPython.display import Markdown

    names = ("prompt_tokens", "completion_tokens", "total_tokens")
    rows = [(name, getattr(usage, name)) for name in names if getattr(usage, name, None) is not None]
    return Markdown("| tokens | count |\n|---|---:|\n" + "\n".join(f"| {n} | {c} |" for n, c in rows))


def show_requests(headers=("api-key", "authorization", "extra-parameters", "content-type"), body=True):
    """Print the requests this cell sent, or when it sent none the previous cell's, with secrets masked, and the
    status each got."""
    from .apply import current_session

    session = current_session()
    served = session.served or session.previous
    if not served:
        print("The previous cell sent no request.")
    for number, item in enumerate(served, start=1):
        request, status = item.request, item.response["status"]["code"]
        note = " (stand-in)" if item.standin else " (live)" if item.live else ""
        print(f"{number}. {request.method} {request.uri} -> {status}{note}")
        for name in headers:
            value = request.headers.get(name)
            if value is not None:
                print(f"   {name}: {value}")
        if body and request.body:
            payload = request.body.decode() if isinstance(request.body, bytes) else request.body
            try:
                payload = json.dumps(json.loads(payload), indent=2)
            except ValueError:
                pass
            print("   body: " + payload.replace("\n", "\n   "))


def similarity_heatmap(labels, vectors, title="Cosine similarity"):
    """Draw the cosine-similarity matrix of vectors as a labelled heatmap."""
    import matplotlib.pyplot as plt
    import numpy as np

    matrix = np.asarray(vectors, dtype=float)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    similarity = matrix @ matrix.T
    figure, axes = plt.subplots(figsize=(5, 4))
    image = axes.imshow(similarity, vmin=-1, vmax=1, cmap="RdBu_r")
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            axes.text(j, i, f"{similarity[i, j]:.2f}", ha="center", va="center")
    axes.set_title(title)
    figure.colorbar(image)
    figure.tight_layout()
    plt.show()
    return similarity


def retry_timeline(answers, title="A retried 429, as the SDK handled it"):
    """Draw answers, (seconds since the call started, status, Retry-After) as a cell measured them, on a time line:
    each answer a dot labelled with its status and Retry-After, each wait before a retry a shaded span."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 2.8))
    nexts = [*answers[1:], None]
    for attempt, ((at, status, retry_after), following) in enumerate(zip(answers, nexts, strict=True), start=1):
        axes.scatter(at, attempt, s=80, color="tab:red" if status >= 400 else "tab:green", zorder=3)
        label = f"{status}" + (f", Retry-After: {retry_after} s" if retry_after else "")
        axes.annotate(label, (at, attempt), textcoords="offset points", xytext=(8, 6))
        if following:
            axes.axvspan(at, following[0], color="tab:blue", alpha=0.12)
            axes.annotate(f"waited {following[0] - at:.2f} s", ((at + following[0]) / 2, attempt + 0.5),
                          ha="center", color="tab:blue")
    axes.set_xlim(-0.1, max(at for at, _, _ in answers) * 1.3 + 0.2)
    axes.set_ylim(0.5, len(answers) + 0.7)
    axes.set_yticks(range(1, len(answers) + 1))
    axes.set_xlabel("seconds since the call started")
    axes.set_ylabel("attempt")
    axes.set_title(title)
    figure.tight_layout()
    plt.show()


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
