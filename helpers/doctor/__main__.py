"""python -m helpers.doctor [NN_topic] [--entra] [--json]: exit 0 when every step passes, 1 otherwise."""

import argparse
import json
import os
import sys

from .. import settings
from ..errors import KitError
from . import diagnose, entra_credential, replay_session
from .probe import default_context
from .report import render, report
from .steps import Status


def main(argv=None, **options):
    """options go to diagnose (resolve, context, credential, replay): tests point the real hostnames at a loopback
    server."""
    parser = argparse.ArgumentParser(prog="python -m helpers.doctor", description=__doc__)
    parser.add_argument("notebook", nargs="?", help="NN_topic: check only the variables this notebook reads")
    parser.add_argument("--entra", action="store_true",
                        help="check Entra ID (DefaultAzureCredential, e.g. after az login) instead of the keys on "
                             "Azure OpenAI endpoints")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        if args.notebook:
            settings.variables_for(args.notebook)
        environ = {**settings.read_env(settings.env_file_for(args.notebook)), **os.environ}
        options.setdefault("context", default_context(environ))
    except KitError as error:
        print(error, file=sys.stderr)
        return 2
    if args.entra and "credential" not in options:
        options["credential"] = entra_credential()
    replay = options.setdefault("replay", replay_session())
    results = diagnose(args.notebook, environ, **options)
    if args.json:
        print(json.dumps(report(args.notebook, results), indent=1))
    else:
        print(render(args.notebook, results, replay=replay is not None))
    return 0 if not any(r.status is Status.FAIL for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
