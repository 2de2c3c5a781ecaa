"""
Building records field by field: a settable twin of each model class, and cached date parsing.

Shared by the generated structuring functions of :mod:`modslavery._fast`
(untrusted data) and the builders :mod:`modslavery._trusted` writes ahead of
time into ``modslavery._trusted_builders`` (the bundled data), and small
enough that a cold start imports nothing else for them.

Example:
    >>> parse_date("2013-04")
    PartialDate(year=2013, month=4, day=None)

"""

from __future__ import annotations

import functools

from modslavery.models import PartialDate

__all__ = ["Invalid", "parse_date", "settable"]


class Invalid(Exception):  # noqa: N818 - an internal signal, never seen by users
    """
    A value the generated code does not accept; the converter then explains why.

    Example:
        >>> issubclass(Invalid, Exception)
        True

    """


def settable(cls: type) -> type:
    """
    A private subclass of *cls* whose fields are set by plain assignment, frozen or not.

    A record is built as an instance of it, field by field (``o.name = value``,
    which the interpreter specialises for slots), then becomes a *cls* by
    assigning ``o.__class__ = cls``: the subclass adds no slot, so the two share
    one memory layout. This is several times cheaper than calling each slot's
    setter, and the record's class is exactly *cls* afterwards. One subclass
    per class, made on first use.

    Example:
        >>> from modslavery.models import Evidence
        >>> evidence = object.__new__(settable(Evidence))
        >>> evidence.quote, evidence.start, evidence.end = "q", 0, 1
        >>> evidence.__class__ = Evidence
        >>> evidence, type(evidence) is Evidence
        (Evidence(quote='q', start=0, end=1), True)
        >>> settable(Evidence) is settable(Evidence)
        True

    """
    twin = _settable.get(cls)
    if twin is None:
        namespace = {
            "__slots__": (),
            # Both, or the interpreter would dispatch every assignment through Python.
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cls.__module__,
            "__qualname__": f"{cls.__qualname__}._settable",
        }
        twin = _settable.setdefault(cls, type(f"{cls.__name__}._settable", (cls,), namespace))
    return twin


#: Each class's settable twin (a race makes two; either works, one is kept).
_settable: dict[type, type] = {}


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> PartialDate:
    """
    :meth:`PartialDate.parse` for ASCII text, cached: dates repeat across records, and equal ones can share one.

    Raises:
        Invalid: the text is not ASCII.
        ValueError: not a date (see :meth:`PartialDate.parse`).

    Example:
        >>> parse_date("2024") is parse_date("2024")
        True

    """
    if not text.isascii():
        raise Invalid
    return PartialDate.parse(text)
