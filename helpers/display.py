"""What the kit shows: the banner, token usage, the request a call sent, and similarity heatmaps."""

import json

from .cassettes import describe_provenance
from .cassettes import provenance as read_provenance
from .modes import Mode
from .plan import env_file_label


def _status(variable, plan):
    if plan.mode is Mode.REPLAY:
        shown = variable.placeholder if not variable.secret else "(dummy)"
        return f"replay placeholder {shown}"
    return "set (value hidden)"


def banner(plan):
    """The kit cell's banner: the mode, each variable's state (never a secret), the .env read, and the one step to
    go live."""
    notebook, mode, choice = plan.notebook, plan.mode, plan.choice
    lines = [f"Kit ready: {notebook} in {mode.name} mode ({choice.reason})."]
    env_file = env_file_label(plan)
    lines.append(f"Settings read from {env_file}; your shell's values win over it." if env_file
                 else "No .env file was read.")
    if mode is Mode.REPLAY:
        origin = describe_provenance(read_provenance(plan.cassette))
        lines.append(f"Answers come from notebooks/recordings/{notebook}.yaml, {origin}. No network is used.")
        if plan.strict:
            lines.append("Strict replay (NOTEBOOK_REPLAY_STRICT=1): a request that was never recorded is an error.")
        else:
            lines.append("A request that was never recorded gets a stand-in answer that says so; a cell run again "
                         "gets the answer it got before.")
        if plan.uses_entra_id:
            lines.append("Entra ID: DefaultAzureCredential takes an offline token from the kit's stand-in "
                         "for the Azure CLI.")
        if plan.pace:
            lines.append(f"Streams are paced: one event every {plan.pace:g} s (NOTEBOOK_REPLAY_PACE).")
    elif mode is Mode.RECORD:
        lines.append(f"Calls go to Azure. The new recording is saved after every cell and replaces "
                     f"notebooks/recordings/{notebook}.yaml when the kernel shuts down (or when make record "
                     "finishes the notebook); running the kit cell again discards it.")
    else:
        lines.append("Calls go to Azure and use your quota. Nothing is recorded.")
    width = max(len(v.name) for v in plan.variables)
    lines += [f"  {v.name:<{width}}  {_status(v, plan)}" for v in plan.variables]
    if choice.problems:
        lines.append("To go live, fix these in .env and run this cell again:")
        lines += [f"  - {p.splitlines()[0]}" for p in choice.problems]
    elif mode is Mode.REPLAY:
        lines.append("To go live: copy .env.example to .env, fill in the variables above, "
                     "unset NOTEBOOK_MODE, and run this cell again.")
    else:
        lines.append("To go back to replay: set NOTEBOOK_MODE=replay and run this cell again.")
    return "\n".join(lines)


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
    if session.mode == "live":
        print("Live mode keeps no copy of requests or answers, so there is nothing to show. To see what a cell "
              "sends, run the notebook in replay (NOTEBOOK_MODE=replay), or turn on the SDK's logging (notebook 06).")
        return
    served = session.served or session.previous
    if not served:
        print("The previous cell sent no request.")
    for number, item in enumerate(served, start=1):
        request, status = item.request, item.response["status"]["code"]
        print(f"{number}. {request.method} {request.uri} -> {status}" + (" (stand-in)" if item.standin else ""))
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


def _markdown(header, rows):
    from IPython.display import Markdown

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return Markdown("\n".join(lines))


def variables_table():
    """Every variable, what it is, and which notebooks read it."""
    from .settings import NOTEBOOKS, VARIABLES

    rows = []
    for variable in VARIABLES.values():
        readers = ", ".join(stem for stem, names in NOTEBOOKS.items() if variable.name in names)
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

    from .cassettes import ROOT

    wanted = ("azure-ai-inference", "azure-core", "azure-identity", "openai", "aiohttp", "python-dotenv",
              "vcrpy", "nbval", "jupyterlab")
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
