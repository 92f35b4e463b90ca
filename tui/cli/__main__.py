"""``python -m tui.cli``: the ``broadsheet`` command without its installed script."""

import sys

from . import entry

sys.exit(entry())
