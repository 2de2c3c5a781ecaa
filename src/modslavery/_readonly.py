"""
The read-only base of the collections and the data set: fields are set once, in ``__init__``.

``__init__`` sets its fields with ``object.__setattr__``, past the refusal, as attrs does for
frozen classes; afterwards, setting or deleting an attribute raises :class:`AttributeError`.

Example:
    >>> class Point(ReadOnly):
    ...     __slots__ = ("x",)
    ...     def __init__(self, x: int) -> None:
    ...         object.__setattr__(self, "x", x)
    >>> Point(1).x = 2
    Traceback (most recent call last):
    AttributeError: Point is immutable

"""

from __future__ import annotations

__all__ = ["ReadOnly"]


class ReadOnly:
    """A base class whose instances refuse attribute assignment and deletion (see the module)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        """Read-only: always raises :class:`AttributeError`."""
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Read-only: always raises :class:`AttributeError`."""
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)
