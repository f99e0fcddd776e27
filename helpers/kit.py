"""The one kit cell: start("NN_topic") loads .env, picks the mode, opens the cassette and prints the banner."""

import json
import os
import sys
from pathlib import Path

from . import explain, modes, network, settings
from .display import banner
from .errors import KitError, SettingError
from .recording import ROOT, Scrubber, Session, cassette_path

OFFLINE_AZ = Path(__file__).resolve().parent / "offline_az"
_state = {}


def current_session():
    if "session" not in _state:
        raise KitError("The kit is not started. Run the first cell of the notebook: "
                       'from helpers import start; start("NN_topic").')
    return _state["session"]


def _go_offline(variables):
    for variable in variables:
        os.environ[variable.name] = variable.placeholder
    os.environ["AZURE_TOKEN_CREDENTIALS"] = "AzureCliCredential"
    # The stand-in runs on this kernel's own Python, found first on PATH, as an activated venv would have it.
    first = [str(OFFLINE_AZ), str(Path(sys.executable).parent)]
    rest = [entry for entry in os.environ.get("PATH", "").split(os.pathsep) if entry not in first]
    os.environ["PATH"] = os.pathsep.join(first + rest)
    network.block()


def _scrubber(variables):
    secrets = [os.environ.get(v.name) for v in variables if v.secret]
    endpoints = [(os.environ[v.name], v.placeholder) for v in variables if v.is_endpoint and os.environ.get(v.name)]
    return Scrubber(secrets, endpoints)


def replay_pace(environ):
    """NOTEBOOK_REPLAY_PACE: seconds before each event of a replayed stream; unset or empty means no pause."""
    value = environ.get("NOTEBOOK_REPLAY_PACE", "").strip()
    try:
        pace = float(value or 0)
    except ValueError:
        pace = -1
    if not 0 <= pace <= 5:
        raise SettingError(f"NOTEBOOK_REPLAY_PACE={value!r} cannot be used: it is a pause in seconds from 0 to 5. "
                           "Set NOTEBOOK_REPLAY_PACE=0.03 in .env or your shell, "
                           "or unset it to replay streams at once.")
    return pace


def start(notebook):
    """Set up this kernel for the notebook: run it once, as the notebook's first cell."""
    variables = settings.variables_for(notebook)
    settings.load_env()
    mode = modes.choose(os.environ.get("NOTEBOOK_MODE"), variables, os.environ)
    pace = replay_pace(os.environ) if mode.name == "replay" else 0
    if mode.name == "replay":
        scrubber = Scrubber()  # replay sends only placeholders: a learner's own secrets play no part
        _go_offline(variables)
    else:
        scrubber = _scrubber(variables)
        network.unblock()
    if "session" in _state:
        _state.pop("session").close()
    session = Session(notebook, mode.name, scrubber, overwrite=os.environ.get("NOTEBOOK_RECORD_OVERWRITE") == "1",
                      pace=pace)
    session.open()
    _state["session"] = session
    _hook_into_ipython(session)
    print(banner(notebook, mode, variables, os.environ, cassette_path(notebook) if mode.name == "replay" else None,
                 pace))


def _last_code_cell(notebook):
    path = ROOT / "notebooks" / f"{notebook}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"] if path.exists() else []
    sources = ["".join(c["source"]).strip() for c in cells if c["cell_type"] == "code"]
    sources = [s for s in sources if s]
    return sources[-1] if sources else None


def _hook_into_ipython(session):
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    last_cell = _last_code_cell(session.notebook) if session.mode == "record" else None

    def before(*_):
        session.mark()

    def after(result):
        session.answered()
        session.save()
        if last_cell is not None and result.info.raw_cell.strip() == last_cell:
            print(f"Recording finished: {session.finish().relative_to(ROOT)}")

    def cell_name(filename):
        label = shell.compile.format_code_name(filename)
        return label and label[1]

    def show_error(shell, etype, value, tb, tb_offset=None):
        message = explain.explain(value, session.notebook)
        if message:
            lines = [f"{etype.__name__}, explained by the kit:", *message.splitlines()]
        else:
            lines = explain.short_traceback(value, cell_name)
        value._render_traceback_ = lambda: lines
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    for event, callback in _state.pop("callbacks", []):
        shell.events.unregister(event, callback)
    _state["callbacks"] = [("pre_run_cell", before), ("post_run_cell", after)]
    for event, callback in _state["callbacks"]:
        shell.events.register(event, callback)
    shell.set_custom_exc(explain.explained_types(), show_error)


def preview(notebook, **environ):
    """Print the banner start() would print with these variables, changing nothing in this kernel."""
    variables = settings.variables_for(notebook)
    mode = modes.choose(environ.get("NOTEBOOK_MODE"), variables, environ)
    replay = mode.name == "replay"
    print(banner(notebook, mode, variables, environ, cassette_path(notebook) if replay else None,
                 replay_pace(environ) if replay else 0))
