"""
Collecting the problems of a load, at most :data:`~modslavery.errors.MAX_PROBLEMS` of them, counting the rest.

Keeping every problem of a hostile file (a million broken records) would take
gigabytes; a bounded list keeps memory proportional to the limit.

Example:
    >>> problems = Problems(limit=2)
    >>> problems.extend(["a", "b", "c"])
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: a
    b
    and 1 more problem

"""

from __future__ import annotations

from collections.abc import Iterable

from modslavery.errors import MAX_PROBLEMS, DataError

__all__ = ["Problems"]


class Problems:
    """
    A bounded list of problem lines, and a count of those past the limit.

    Example:
        >>> problems = Problems()
        >>> problems.add("x.json: $: expected an array")
        >>> bool(problems), problems.full
        (True, False)

    """

    __slots__ = ("_limit", "listed", "more")

    def __init__(self, *, limit: int = MAX_PROBLEMS) -> None:
        self._limit = limit
        self.listed: list[str] = []
        self.more = 0

    def add(self, problem: str) -> None:
        """Keep *problem* while there is room, else count it."""
        if len(self.listed) < self._limit:
            self.listed.append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[str]) -> None:
        """Add each of *problems*."""
        for problem in problems:
            self.add(problem)

    def absorb(self, error: DataError) -> None:
        """Add the problems of a :class:`DataError`, and its count of further ones."""
        self.extend(error.problems)
        self.more += error.more

    @property
    def full(self) -> bool:
        """Whether the list is at its limit: later problems are only counted."""
        return len(self.listed) >= self._limit

    def __bool__(self) -> bool:
        """Whether any problem was found."""
        return bool(self.listed) or self.more > 0

    def raise_if_any(self) -> None:
        """
        Raise a :class:`DataError` of the problems, if there are any.

        Raises:
            DataError: listing the problems kept and counting the rest.

        """
        if self:
            raise DataError(self.listed, more=self.more)
