"""The one exception type the marsad API raises for bad input or configuration.

The CLI catches :class:`MarsadError` and prints its message as one line; anything that
escapes as another exception type is a bug.
"""


class MarsadError(Exception):
    """Base class: every error marsad reports to a user."""


class InputError(MarsadError):
    """The input cannot be read as an article (empty, binary, too large, undecodable...)."""


class ModelError(MarsadError):
    """A shipped model file is missing or unreadable."""


class StoreError(MarsadError):
    """The archive database cannot be opened or written."""


class QueryError(MarsadError):
    """A search query is malformed."""
