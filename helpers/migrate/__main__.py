import sys

from helpers.migrate.cli import main

sys.exit(main())
