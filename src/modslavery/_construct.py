"""
Building records field by field: the slots' own setters and cached date parsing.

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
import types
from collections.abc import Callable
from typing import Any

from modslavery.models import PartialDate

__all__ = ["Invalid", "field_setter", "parse_date"]


class Invalid(Exception):  # noqa: N818 - an internal signal, never seen by users
    """
    A value the generated code does not accept; the converter then explains why.

    Example:
        >>> issubclass(Invalid, Exception)
        True

    """


def field_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """
    A function that sets field *name* of a new instance of *cls*, frozen or not.

    For a slotted class this is the slot's own setter, which skips the
    attribute lookup of ``object.__setattr__``.

    Example:
        >>> from modslavery.models import Evidence
        >>> evidence = object.__new__(Evidence)
        >>> for name, value in [("quote", "q"), ("start", 0), ("end", 1)]:
        ...     field_setter(Evidence, name)(evidence, value)
        >>> evidence
        Evidence(quote='q', start=0, end=1)

    """
    for klass in cls.__mro__:
        if name in vars(klass):
            descriptor = vars(klass)[name]
            if isinstance(descriptor, types.MemberDescriptorType):
                setter: Callable[[Any, Any], None] = descriptor.__set__
                return setter
            break
    return functools.partial(_set_attribute, name=name)


def _set_attribute(instance: object, value: object, name: str) -> None:
    object.__setattr__(instance, name, value)


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
