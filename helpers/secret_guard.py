"""python -m helpers.secret_guard [--install] [FILE ...]: refuse a commit whose files hold a key or token of yours.

The values it looks for are those of the kit's secret variables (helpers.settings.VARIABLES) in your .env (the nearest
one above the repository's top folder) and in your shell. With no FILE it reads what git has staged, as the commit will
hold it (git show :path), so a fix left unstaged does not hide a staged key; with FILEs (as pre-commit passes them) it
reads them from disk. Each finding names the file and the variable, never the value. Exit 1 when a file holds one.

--install writes .git/hooks/pre-commit, which runs this guard with this Python before every commit.
"""

import os
import subprocess
import sys
from pathlib import Path

from . import settings
from .errors import KitError
from .masking import SHORTEST, secret_values

HOOK = '#!/bin/sh\n# Written by python -m helpers.secret_guard --install\nexec "{python}" -m helpers.secret_guard\n'


def git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def secrets(top):
    """{value: variable name} of your secrets, from the .env above top and from the shell (where the two differ, both
    values are looked for)."""
    found = {}
    for source in (settings.read_env(settings.find_env(top)), os.environ):
        for name, value in secret_values(source).items():
            if len(value) >= SHORTEST:
                found.setdefault(value, name)
    return found


def staged(top):
    """(path, bytes) of every file the commit will add or change, as staged."""
    names = git("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", cwd=top).decode().split("\0")
    return [(name, git("show", f":{name}", cwd=top)) for name in names if name]


def findings(files, found):
    """(path, variable) for each secret value each file holds."""
    return [(path, name) for path, content in files for value, name in found.items() if value.encode() in content]


def install(top):
    where = git("rev-parse", "--git-path", "hooks/pre-commit", cwd=top).decode().strip()  # a worktree's too
    hook, text = top / where, HOOK.format(python=Path(sys.executable).as_posix())  # Git for Windows' sh reads /
    if hook.exists() and hook.read_text(encoding="utf-8") != text:
        print(f"{where} exists already. Add this line to it instead: {text.splitlines()[-1]}", file=sys.stderr)
        return 2
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(text, encoding="utf-8")
    hook.chmod(0o755)
    print(f"Installed {where}: every commit is checked for the keys of your .env.")
    return 0


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    try:
        top = Path(git("rev-parse", "--show-toplevel").decode().strip())
        if args == ["--install"]:
            return install(top)
        found = secrets(top)
        files = [(path, Path(path).read_bytes()) for path in args] if args else staged(top)
    except KitError as error:
        print(error, file=sys.stderr)
        return 2
    except (subprocess.CalledProcessError, FileNotFoundError):
        print("secret_guard runs inside a git repository, with git on PATH.", file=sys.stderr)
        return 2
    held = findings(files, found)
    for path, name in held:
        print(f"{path} holds the value of {name}. Remove it (in a notebook: clear the outputs that show it, or run "
              "the notebook in replay), then stage the file again.", file=sys.stderr)
    if held:
        print("Nothing was committed: the files above hold a key or token of your .env or shell.", file=sys.stderr)
    return 1 if held else 0


if __name__ == "__main__":
    sys.exit(main())
