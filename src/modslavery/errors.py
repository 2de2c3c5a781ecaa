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

import os
from collections.abc import Iterable

__all__ = ["MAX_PROBLEMS", "DataError", "ExportError", "ModSlaveryError", "NotFound"]

#: The most problems a :class:`DataError` lists; it counts the rest.
MAX_PROBLEMS = 1000


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
    all problems of a load are reported together, at most :data:`MAX_PROBLEMS`
    of them. *more* counts the problems found beyond those (past the limit, a
    bad record counts once however many of its fields are wrong).

    Example:
        >>> import modslavery
        >>> error = modslavery.DataError(["campaigns.json: $[1].title: expected a string"])
        >>> print(error)
        campaigns.json: $[1].title: expected a string
        >>> print(modslavery.DataError(["a.json: $[0]: expected an object"], more=2))
        a.json: $[0]: expected an object
        and 2 more problems

    """

    def __init__(self, problems: Iterable[str], *, more: int = 0) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.more: int = more
        super().__init__(str(self))

    def __str__(self) -> str:
        """One line per problem, then how many more there are."""
        lines = [*self.problems, f"and {self.more:,} more problem{'s' if self.more != 1 else ''}"][
            : len(self.problems) + (self.more > 0)
        ]
        return "\n".join(lines)


class ExportError(ModSlaveryError, OSError):
    """
    An export cannot be written where it was asked to be; the message names that path as given.

    Nothing of a failed export is left behind: files it would replace are as they were.

    Example:
        >>> import modslavery
        >>> print(modslavery.ExportError("out.db", "is a folder; give the file to write"))
        out.db: is a folder; give the file to write

    """

    def __init__(self, target: str | os.PathLike[str], reason: str) -> None:
        super().__init__(reason)
        self.filename = os.fspath(target)
        self.reason = reason

    def __str__(self) -> str:
        """The path as given, then what is wrong."""
        shown = repr(self.filename) if not str(self.filename).strip() else str(self.filename)
        return f"{shown}: {self.reason}"
