"""`python -m pingyin_rules.cli`, as the `pingyin-rules` script."""

import sys

from . import main

sys.exit(main())
