import sys

from openai_v1_migrate.cli import main

sys.exit(main())
