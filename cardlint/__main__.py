"""``python -m cardlint``."""

import sys

from cardlint.cli import main

sys.exit(main())
