"""The ``vn-drugfree`` command line: one module per subcommand, :func:`main` runs them."""

from vn_drugfree_criteria.cli.main import main

__all__ = ["main"]
