"""
Writing the builders of records already known to be valid: the bundled files after their hashes match.

The bundled files passed every check of the test suite, and :func:`modslavery.load`
builds them this way only when their bytes match the package manifest. So the
builders written here check nothing: they convert JSON values to the declared
types (enums, dates, tuples, nested records) and set the fields directly,
without running the models' ``__init__`` and validators. Untrusted data never
comes here; it goes through :mod:`modslavery._fast` and the models' validators
(``tests/test_trusted_load.py`` checks both give equal records).

:func:`module_source` writes them as the source of ``modslavery._trusted_builders``,
which ``scripts/generate_builders.py`` saves, so that a cold start compiles nothing.

Example:
    >>> module_source().count("def build_")  # every model but PartialDate, which is parsed
    16

"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from modslavery import models
from modslavery._fast import _hints
from modslavery.models import PartialDate

__all__ = ["module_source"]


def _model(cls: type) -> str:
    """How the written module names a model class."""
    if getattr(models, cls.__name__, None) is not cls:  # pragma: no cover - every model lives in models
        msg = f"{cls!r} is not in modslavery.models"
        raise TypeError(msg)
    return f"_m.{cls.__name__}"


class _Writer:
    """Writes the source of the builders: each constant (with the source of its value) and each function."""

    def __init__(self) -> None:
        self.names: dict[type, str] = {}
        self.constants: dict[str, str] = {}  # name -> source of its value
        self.functions: list[str] = []
        self.locals = 0  # local names written so far

    def constant(self, stem: str, source: str) -> str:
        name = f"_{stem}_{len(self.constants) + 1}"
        self.constants[name] = source
        return name

    def default(self, value: object) -> str:
        """A default value as a constant; its repr is its source (None, (), numbers, strings)."""
        if eval(repr(value), {}) != value:  # noqa: S307 - our own defaults  # pragma: no cover
            msg = f"default {value!r} has no literal source"
            raise TypeError(msg)
        return self.constant("default", repr(value))

    def convert(self, expression: str, tp: Any) -> str:  # noqa: PLR0911 - one return per kind of type
        """An expression that turns the JSON value *expression* into a value of type *tp*."""
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in {typing.Union, types.UnionType} and type(None) in args:
            (inner,) = [a for a in args if a is not type(None)]
            self.locals += 1
            local = f"_v{self.locals}"  # one name per optional value: nested ones cannot clash
            converted = self.convert(local, inner)
            if converted == local:
                return expression
            # An assignment expression, not a lambda: no function object made and called per value.
            return f"(None if ({local} := {expression}) is None else {converted})"
        if origin is tuple:
            converted = self.convert("_i", args[0])
            return f"tuple({expression})" if converted == "_i" else f"tuple([{converted} for _i in {expression}])"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = self.constant("members", f"{{m.value: m for m in {_model(tp)}}}")
            return f"{members}[{expression}]"
        if tp is PartialDate:
            return f"_date({expression})"
        if attrs.has(tp):
            return f"{self.function(tp)}({expression})"
        return expression  # str, int, float, bool: JSON already holds them

    def function(self, cls: type) -> str:
        """The name of the builder of *cls*, writing it first if needed."""
        if cls in self.names:
            return self.names[cls]
        name = f"build_{cls.__name__}"
        self.names[cls] = name
        hints = _hints(cls)
        twin = self.constant("settable", f"settable({_model(cls)})")  # fields set by assignment, then made a cls
        lines = [f"def {name}(d: Any) -> Any:", f"    o: Any = _new({twin})"]
        for attribute in attrs.fields(cls):
            if attribute.default is attrs.NOTHING:
                value = f"d[{attribute.name!r}]"
            else:
                value = f"d.get({attribute.name!r}, {self.default(attribute.default)})"
            lines.append(f"    o.{attribute.name} = {self.convert(value, hints[attribute.name])}")
        lines.append(f"    o.__class__ = {self.constant('cls', _model(cls))}")
        lines.append("    return o")
        self.functions.append("\n".join(lines))
        return name


def module_source() -> str:
    """
    The source of ``modslavery._trusted_builders``: the builders of every data file's model, written ahead of time.

    :func:`modslavery.load` imports that module instead of generating the
    builders at start-up; ``scripts/generate_builders.py`` writes it, and a
    test checks that the committed file is exactly this text.

    Example:
        >>> "def build_Signature(d: Any) -> Any:" in module_source()
        True

    """
    from modslavery.dataset import FILES  # noqa: PLC0415 - dataset imports nothing from here

    writer = _Writer()
    names = {model: writer.function(model) for _, _, model in FILES}
    builders = ", ".join(f"{_model(model)}: {name}" for model, name in names.items())
    return "\n".join(
        [
            '"""Builders of trusted records, generated by scripts/generate_builders.py from modslavery._trusted."""',
            "",
            "# Do not edit: run `python scripts/generate_builders.py` after changing a model.",
            "from __future__ import annotations",
            "",
            "from collections.abc import Callable",
            "from typing import Any",
            "",
            "from modslavery import models as _m",
            "from modslavery._construct import settable",
            "from modslavery._construct import parse_date as _date",
            "",
            "_new = object.__new__",
            *(f"{name} = {source}" for name, source in writer.constants.items()),
            "",
            *(f"\n{function}\n" for function in writer.functions),
            f"BUILDERS: dict[type, Callable[[Any], Any]] = {{{builders}}}",
            "",
        ]
    )
