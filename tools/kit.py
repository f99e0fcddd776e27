"""Set up the kit and run it: the one implementation behind `make lab` and `make test`, and the path without make.

    python -m tools.kit lab [jupyter lab arguments]     # Windows: py -m tools.kit lab
    python -m tools.kit test [pytest arguments]
    python -m tools.kit setup [--tests]                 # only create or refresh the venv (--tests: with test tools)
    python -m tools.kit check                           # only check the Python version

Setting up creates the venv (``.venv``, or ``--venv DIR``), installs the exact pins of requirements.txt (for test,
also requirements-test.txt: the test and lint tools), makes ``import helpers`` work from every notebook and
registers the Jupyter kernel. It runs again only when a pinned file is newer than the venv's ready mark, as make
would. Every command is a list of arguments, never a shell line, so checkouts whose path has spaces or non-ASCII
letters work. This module uses the standard library only and keeps to Python 3.6 syntax, so that an old interpreter
gets the one line below instead of a traceback.
"""

import os
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
OLDEST = (3, 11)
NEWEST = (3, 13)
KERNEL = ("azure-ai-kit", "Python (azure-ai kit)")
TEST_ENV = {"NOTEBOOK_REPLAY_PACE": "", "NOTEBOOK_MODE": "replay"}
SUITE = ("--nbval", "-n", "auto", "--dist", "loadfile")  # strict nbval on the notebooks; two workers per core
PTH = ("import sys, sysconfig, pathlib; "
       "pathlib.Path(sysconfig.get_paths()['purelib'], 'azure_ai_kit.pth').write_text(sys.argv[1] + '\\n', "
       "encoding='locale')")
USAGE = ("Usage: python -m tools.kit {lab,test,setup,check} [--venv DIR] [arguments for jupyter lab or pytest; "
         "for setup: --tests]")
# What each use of the venv needs installed, and the mark that says it is: the learner's kernel and JupyterLab, or
# those and the test and lint tools.
PINS = {"lab": ("requirements.txt",), "test": ("requirements.txt", "requirements-test.txt")}
MARKS = {"lab": ".kit-ready", "test": ".kit-test-ready"}


def version_problem(version, windows=False):
    """The one line that refuses an interpreter older than OLDEST, or None when it can run the kit."""
    if tuple(version[:2]) >= OLDEST:
        return None
    this = ".".join(str(part) for part in version[:3])
    newest, oldest = "{}.{}".format(*NEWEST), "{}.{}".format(*OLDEST)
    if windows:
        fix = (f"install Python {newest} from python.org (or: winget install Python.Python.{newest}), "
               f"then run: py -{newest} -m tools.kit lab")
    else:
        fix = (f"install Python {newest} (python.org, your package manager or pyenv), "
               f"then run: make PYTHON=python{newest} test (or python{newest} -m tools.kit test)")
    return f"The kit needs Python {oldest} to {newest}; this is {this}. To fix it, {fix}"


def _path(windows):
    return PureWindowsPath if windows else PurePosixPath


def venv_python(venv, windows):
    """The venv's interpreter: Scripts\\python.exe on Windows, bin/python elsewhere."""
    if windows:
        return str(PureWindowsPath(venv, "Scripts", "python.exe"))
    return str(PurePosixPath(venv, "bin", "python"))


def setup_commands(python, root, venv, windows, use="lab"):
    """What setting up for `use` (lab or test) runs, in order: each a list of arguments (pure: nothing is run here)."""
    inside = venv_python(venv, windows)
    pip = [inside, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    pinned = [word for name in PINS[use] for word in ("-r", str(_path(windows)(root, name)))]
    return [
        [python, "-m", "venv", str(venv)],
        pip + pinned,
        [inside, "-c", PTH, str(root)],
        [inside, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL[0], "--display-name", KERNEL[1]],
    ]


def run_command(action, venv, windows, args):
    """The command and the environment variables it adds, for lab and test (pure)."""
    inside = venv_python(venv, windows)
    if action == "lab":
        return [inside, "-m", "jupyter", "lab", "notebooks/00_setup.ipynb"] + list(args), {}
    if action == "test":
        return [inside, "-m", "pytest", *SUITE, *args], dict(TEST_ENV)
    raise ValueError(action)


def ready_mark(venv, use="lab"):
    return Path(venv, MARKS[use])


def needs_setup(root, venv, use="lab"):
    mark = ready_mark(venv, use)
    return not mark.exists() or any(mark.stat().st_mtime < Path(root, name).stat().st_mtime for name in PINS[use])


def setup(root, venv, windows, use="lab"):
    for command in setup_commands(sys.executable, root, venv, windows, use):
        print(" ".join(command[:4]) + (" ..." if len(command) > 4 else ""), flush=True)
        subprocess.run(command, cwd=str(root), check=True,
                       stdout=subprocess.DEVNULL if "ipykernel" in command else None)
    mark_ready(venv, use)


def mark_ready(venv, use):
    """Mark `use` set up, and every use whose pins it installed too (test's include lab's)."""
    for done, names in PINS.items():
        if set(names) <= set(PINS[use]):
            ready_mark(venv, done).touch()


def parse(argv):
    """(action, venv or None, the rest) from the command line."""
    if not argv or argv[0] not in ("lab", "test", "setup", "check"):
        return None, None, []
    action, rest, venv = argv[0], list(argv[1:]), None
    if rest[:1] == ["--venv"] and len(rest) >= 2:
        venv, rest = rest[1], rest[2:]
    return action, venv, rest


def main(argv=None):
    windows = os.name == "nt"
    action, venv, rest = parse(sys.argv[1:] if argv is None else argv)
    if action is None:
        print(USAGE, file=sys.stderr)
        return 2
    problem = version_problem(sys.version_info, windows)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if tuple(sys.version_info[:2]) > NEWEST:
        print("Python {}.{} is newer than the kit's tested range; if installing the pins fails, use Python {}.{}."
              .format(sys.version_info[0], sys.version_info[1], *NEWEST), file=sys.stderr)
    if action == "check":
        return 0
    venv = Path(venv) if venv else ROOT / ".venv"
    if not venv.is_absolute():
        venv = Path.cwd() / venv
    use = "test" if action == "test" or rest[:1] == ["--tests"] else "lab"
    try:
        if needs_setup(ROOT, venv, use):
            setup(ROOT, venv, windows, use)
    except subprocess.CalledProcessError as error:
        print("Setting up the kit stopped: {} exited with status {}. Fix what it printed above, then run the same "
              "command again.".format(" ".join(error.cmd[:4]), error.returncode), file=sys.stderr)
        return 1
    if action == "setup":
        return 0
    command, extra = run_command(action, venv, windows, rest)
    return subprocess.run(command, cwd=str(ROOT), env=dict(os.environ, **extra), check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
