"""``python -m twinnet``: the command line (see :mod:`twinnet.cli`)."""

import sys

from twinnet.cli import main

sys.exit(main())
