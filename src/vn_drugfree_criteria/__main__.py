"""``python -m vn_drugfree_criteria``: the ``vn-drugfree`` command line."""

from __future__ import annotations

import sys

from vn_drugfree_criteria.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
