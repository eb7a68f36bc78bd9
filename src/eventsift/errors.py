"""One exception hierarchy with messages a user can act on.

The CLI and the web app turn these into exit codes and HTTP statuses; anything
else escaping the library is a bug, not a user error.
"""


class EventsiftError(Exception):
    """Base class: the message is meant for the user, as it is."""


class InputError(EventsiftError):
    """An input could not be read or is not a document (binary, empty, too large, malformed)."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ConfigError(EventsiftError):
    """A setting is wrong, e.g. the spaCy model named is not installed."""


class StoreError(EventsiftError):
    """The store could not be opened, read or written."""


class NotFound(EventsiftError):
    """A document, event or actor asked for is not in the store."""
