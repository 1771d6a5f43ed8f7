"""``python -m argmap``: the same as the ``argmap`` command."""

import sys

from argmap.cli import main

sys.exit(main())
