"""`python -m wfl`: the same as the `wfl` command."""

import sys

from wfl.cli import main

sys.exit(main())
