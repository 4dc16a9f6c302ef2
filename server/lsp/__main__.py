"""`python -m wfl.lsp`: the language server, as `wfl serve` runs it."""

import sys

from .cli import main

sys.exit(main())
