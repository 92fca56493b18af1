"""Exit statuses and the one error every command raises for a usage problem."""

from __future__ import annotations

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    """A command used wrongly or given what it cannot use: a message, exit status 2."""
