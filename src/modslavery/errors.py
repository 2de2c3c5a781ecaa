"""
The exceptions modslavery raises.

Every error is a :class:`ModSlaveryError`; each also subclasses the builtin
that callers already catch, so ``except KeyError`` and ``except ValueError``
keep working.

Example:
    >>> import modslavery
    >>> issubclass(modslavery.NotFound, KeyError), issubclass(modslavery.DataError, ValueError)
    (True, True)

"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DataError", "ModSlaveryError", "NotFound"]


class ModSlaveryError(Exception):
    """
    Base class of every exception raised by modslavery.

    Example:
        >>> import modslavery
        >>> issubclass(modslavery.DataError, modslavery.ModSlaveryError)
        True

    """


class NotFound(ModSlaveryError, KeyError):  # noqa: N818 - the name reads as the event, like KeyError
    """
    No record matches the id or name asked for (a ``KeyError`` and ``LookupError``).

    Example:
        >>> import modslavery
        >>> try:
        ...     modslavery.load().campaigns["no-such-campaign"]
        ... except modslavery.NotFound as error:
        ...     print(error)
        no campaign with id 'no-such-campaign'; ids are: general-election-statement, mayoral-pledge-2024

    """

    def __init__(self, message: str, *, candidates: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates: tuple[str, ...] = tuple(candidates)

    def __str__(self) -> str:
        """The message itself, not its ``repr`` as ``KeyError`` would print."""
        return self.message


class DataError(ModSlaveryError, ValueError):
    """
    A data file is malformed; the message names the file and the JSON path.

    *problems* holds one ``"file: $.path: what is wrong"`` line per problem;
    all problems of a load are reported together.

    Example:
        >>> import modslavery
        >>> error = modslavery.DataError(["campaigns.json: $[1].title: expected a string"])
        >>> print(error)
        campaigns.json: $[1].title: expected a string

    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        """One line per problem."""
        return "\n".join(self.problems)
