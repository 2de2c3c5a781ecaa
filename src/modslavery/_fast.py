"""
Fast, strict structuring: one generated function per record type, no cattrs.

For each attrs model a structuring function is generated once, from its fields
and type annotations, with every type check written inline. It accepts only
what the converter in :mod:`modslavery._converter` accepts (it may refuse
more). It then runs every one of the model's attrs validators and its
``__attrs_post_init__``, as the model's ``__init__`` would: the common attrs
validators (``matches_re``, ``min_len``, ``ge``/``le``, ``instance_of``, and
``optional``/``and_`` of them) are written inline from their own settings,
and so is the models' span check (an end not before its start); any other
validator is called as attrs calls it. A file's own ids are matched against
the models' id pattern all at once (:func:`_ids_match`). Each record is built
as a settable twin of its class (:func:`modslavery._construct.settable`),
field by field, then made an instance of the class, without a second pass
through ``__init__``. When any
record of a file fails, the whole file goes through the converter instead,
which reports every problem with its JSON path; so the result and the errors
are the converter's, only faster when the data is good. ``tests/test_fast.py``
checks that the two agree on valid records and on thousands of broken ones.

Example:
    >>> from modslavery.models import Measure
    >>> structure_records([{"id": "x-y", "label": "L", "description": "D"}], Measure, "measures.json")
    (Measure(id='x-y', label='L', description='D'),)
    >>> structure_records([{"id": "x-y", "label": 1, "description": "D"}], Measure, "measures.json")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: measures.json: $[0].label: expected a string, got an integer

"""

from __future__ import annotations

import enum
import functools
import math
import re
import sys
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from modslavery._construct import Invalid as _Invalid
from modslavery._construct import parse_date, settable
from modslavery.models import _ID, PartialDate, _check_span

__all__ = ["structure_function", "structure_records"]

T = TypeVar("T")


_MISSING = object()


def _valid_text(value: str) -> bool:
    """Whether a non-ASCII string is real Unicode (no lone surrogates), as the converter requires."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Generator:
    """Writes the source of one structuring function per class, and the globals it needs."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_Invalid": _Invalid,
            "_new": object.__new__,
            "_isfinite": math.isfinite,
            "_valid_text": _valid_text,
            "_date": parse_date,
            "_MISSING": _MISSING,
        }
        self.functions: dict[tuple[type, bool, bool], str] = {}  # (class, ids_later, surrogates) -> name
        #: While a function is written: whether its strings may hold lone surrogates (and must be checked).
        self.surrogates = True
        self.sources: list[str] = []
        #: For each regular expression a field is matched against: the name of the set of strings it matched.
        self.matched: dict[Callable[[str], object], str] = {}
        self._count = 0

    def constant(self, value: object, stem: str) -> str:
        self._count += 1
        name = f"_{stem}_{self._count}"
        self.namespace[name] = value
        return name

    def check(self, var: str, tp: Any, pad: str) -> list[str]:
        """Lines that check *var* against *tp* and rebind it to the structured value."""
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        scalar = self.scalar(var, tp, pad)
        if scalar is not None:
            return scalar
        if origin in {typing.Union, types.UnionType} and len(args) == 2 and type(None) in args:  # noqa: PLR2004
            inner = args[0] if args[1] is type(None) else args[1]
            return [f"{pad}if {var} is not None:", *self.check(var, inner, pad + "    ")]
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            return self.homogeneous_tuple(var, args[0], pad)
        if attrs.has(tp):
            return [f"{pad}{var} = {self.function(tp, surrogates=self.surrogates)}({var})"]
        msg = f"no fast structuring for {tp!r}"
        raise TypeError(msg)

    def scalar(self, var: str, tp: Any, pad: str) -> list[str] | None:
        """The check of a JSON scalar type, or ``None`` if *tp* is not one."""
        if tp is str:  # lone surrogates only where the file may hold them
            unicode = f" or not {var}.isascii() and not _valid_text({var})" if self.surrogates else ""
            return [f"{pad}if type({var}) is not str{unicode}: raise _Invalid"]
        if tp is int or tp is bool:
            return [f"{pad}if type({var}) is not {tp.__name__}: raise _Invalid"]
        union = typing.get_origin(tp) in {typing.Union, types.UnionType}
        if tp is float or (union and set(typing.get_args(tp)) == {int, float}):
            return [
                f"{pad}if type({var}) is not int and (type({var}) is not float or not _isfinite({var})): raise _Invalid"
            ]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = self.constant({member.value: member for member in tp}, "members")
            return [f"{pad}if type({var}) is not str: raise _Invalid", f"{pad}{var} = {members}[{var}]"]
        if tp is PartialDate:
            return [f"{pad}if type({var}) is not str: raise _Invalid", f"{pad}{var} = _date({var})"]
        return None

    def homogeneous_tuple(self, var: str, item: Any, pad: str) -> list[str]:
        """The check of a ``tuple[item, ...]`` field, which JSON holds as an array."""
        lines = [f"{pad}if type({var}) is not list: raise _Invalid"]
        if attrs.has(item):
            return [
                *lines,
                f"{pad}{var} = tuple([{self.function(item, surrogates=self.surrogates)}(_i) for _i in {var}])",
            ]
        depth = len(pad) // 4
        element, items = f"_i{depth}", f"_items{depth}"
        if item in {str, int, bool}:  # checked in place, nothing to convert
            return [
                *lines,
                f"{pad}for {element} in {var}:",
                *self.check(element, item, pad + "    "),
                f"{pad}{var} = tuple({var})",
            ]
        return [
            *lines,
            f"{pad}{items} = []",
            f"{pad}for {element} in {var}:",
            *self.check(element, item, pad + "    "),
            f"{pad}    {items}.append({element})",
            f"{pad}{var} = tuple({items})",
        ]

    def validate(self, var: str, validator: Any, pad: str, *, repeats: bool = False) -> list[str] | None:  # noqa: PLR0911 - one per kind
        """
        Inline lines that run an attrs validator on *var*, or ``None`` if it has no inline form.

        Each form does what the validator's ``__call__`` does, read from the
        validator's own settings; anything else is called as attrs calls it.
        If the field's values *repeat* (a reference, not a record's own id),
        each string that matched a regular expression is remembered, and a
        string seen before is not matched again (see :func:`structure_records`).
        """
        kind = type(validator).__name__
        try:
            if kind == "_AndValidator":
                lines: list[str] = []
                for part in validator._validators:  # noqa: SLF001 - attrs' and_() keeps them here
                    inner = self.validate(var, part, pad, repeats=repeats)
                    if inner is None:
                        return None
                    lines += inner
                return lines
            if kind == "_OptionalValidator":
                inner = self.validate(var, validator.validator, pad + "    ", repeats=repeats)
                return None if inner is None else [f"{pad}if {var} is not None:", *inner]
            if kind == "_MatchesReValidator":
                return self.match(var, validator.match_func, pad, repeats=repeats)
            if kind == "_MinLengthValidator":
                return [f"{pad}if len({var}) < {int(validator.min_length)}: raise _Invalid"]
            if kind == "_NumberValidator" and validator.compare_op in {"<", "<=", ">=", ">"}:
                bound = self.constant(validator.bound, "bound")
                return [f"{pad}if not {var} {validator.compare_op} {bound}: raise _Invalid"]
            if kind == "_InstanceOfValidator":
                return [f"{pad}if not isinstance({var}, {self.constant(validator.type, 'type')}): raise _Invalid"]
        except AttributeError:  # another attrs version keeps its settings elsewhere: call it instead
            return None
        return None

    def match(self, var: str, match_func: Callable[[str], object], pad: str, *, repeats: bool) -> list[str]:
        """Lines that match *var* against a ``matches_re`` validator's pattern (remembered if it *repeats*)."""
        match = self.constant(match_func, "match")
        if not repeats:
            return [f"{pad}if {match}({var}) is None: raise _Invalid"]
        if match_func not in self.matched:
            self.matched[match_func] = self.constant(set(), "matched")
        matched = self.matched[match_func]
        return [
            f"{pad}if {var} not in {matched}:",
            f"{pad}    if {match}({var}) is None: raise _Invalid",
            f"{pad}    {matched}.add({var})",
        ]

    def function(self, cls: type, *, ids_later: bool = False, surrogates: bool = True) -> str:
        """
        The name of *cls*'s structuring function, writing it first if needed.

        With *ids_later*, a record's own id is not matched against the models'
        id pattern: :func:`structure_records` matches the ids of a whole file at once.
        Without *surrogates* (the file's bytes hold no escape of a surrogate,
        so no string can hold a lone one), strings are not checked for them.
        """
        key = (cls, ids_later, surrogates)
        if key in self.functions:
            return self.functions[key]
        if hasattr(cls, "__attrs_pre_init__") or "__attrs_cached_hash" in getattr(cls, "__slots__", ()):
            msg = f"no fast structuring for {cls.__name__}: its __init__ does more than set fields"
            raise TypeError(msg)
        name = (
            f"structure_{cls.__name__}" + ("_ids_later" if ids_later else "") + ("" if surrogates else "_no_surrogates")
        )
        self.functions[key] = name
        outer, self.surrogates = self.surrogates, surrogates
        try:
            self.write(cls, name, ids_later=ids_later)
        finally:
            self.surrogates = outer
        return name

    def write(self, cls: type, name: str, *, ids_later: bool) -> None:
        """Write the source of *cls*'s function *name* (see :meth:`function`)."""
        hints = _hints(cls)
        fields = attrs.fields(cls)
        # No unknown keys: every required key is read (a missing one raises), so the record has exactly
        # the keys it should when its length is the required ones plus the optional ones found.
        required = sum(a.default is attrs.NOTHING for a in fields)
        optional = len(fields) - required
        lines = [f"def {name}(d):"]
        if optional:
            lines += ["    if type(d) is not dict: raise _Invalid", f"    _n = {required}"]
        else:
            lines.append(f"    if type(d) is not dict or len(d) != {required}: raise _Invalid")
        # Built as the class's settable twin, whose fields take plain assignment, then turned into a cls.
        setters = [f"    o = _new({self.constant(settable(cls), 'settable')})"]
        called: list[str] = []  # validators with no inline form run on the built record, as attrs runs them
        variables: dict[str, str] = {}  # the variable of each field checked so far
        for index, attribute in enumerate(fields):
            var = f"v{index}"
            checks, call = self.field(cls, attribute, var, hints[attribute.name], variables, ids_later=ids_later)
            lines += checks
            called += call
            variables[attribute.name] = var
            setters.append(f"    o.{attribute.name} = {var}")
        if optional:
            lines.append("    if len(d) != _n: raise _Invalid")
        lines += [*setters, f"    o.__class__ = {self.constant(cls, 'cls')}", *called]
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        self.sources.append("\n".join(lines))

    def field(
        self,
        cls: type,
        attribute: attrs.Attribute[Any],
        var: str,
        tp: Any,
        variables: Mapping[str, str],
        *,
        ids_later: bool,
    ) -> tuple[list[str], list[str]]:
        """
        The lines that read, check and validate one field into *var*, and those that call its other validators.

        The models' span check (an end not before its start) is written inline,
        from the variable of the start field (in *variables*, read before it).
        With *ids_later*, an own id is left to :func:`_ids_match`.
        """
        name = attribute.name
        if not attribute.init or attribute.converter is not None or attribute.alias != name:
            msg = f"no fast structuring for {cls.__name__}.{name}"
            raise TypeError(msg)
        if attribute.default is attrs.NOTHING:
            lines = [f"    {var} = d[{name!r}]", *self.check(var, tp, "    ")]
        elif isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
            msg = f"no fast structuring for the factory default of {cls.__name__}.{name}"
            raise TypeError(msg)
        else:
            lines = [
                f"    {var} = d.get({name!r}, _MISSING)",
                f"    if {var} is _MISSING:",
                f"        {var} = {self.constant(attribute.default, 'default')}",
                "    else:",
                "        _n += 1",
                *self.check(var, tp, "        "),
            ]
        validator = attribute.validator
        if validator is None:
            return lines, []
        if ids_later and _is_own_id(attribute):
            return lines, []
        if validator is _check_span and "start" in variables:
            return [*lines, f"    if {var} < {variables['start']}: raise _Invalid"], []
        # A record's own id is unique in its file: remembering it would only cost.
        inline = self.validate(var, validator, "    ", repeats=name != "id")
        if inline is None:
            run, about = self.constant(validator, "validator"), self.constant(attribute, "attribute")
            return lines, [f"    {run}(o, {about}, {var})"]
        return lines + inline, []


def _is_own_id(attribute: attrs.Attribute[Any]) -> bool:
    """Whether *attribute* is a record's own id, checked by the models' id pattern alone."""
    validator = attribute.validator
    return (
        attribute.name == "id"
        and type(validator).__name__ == "_MatchesReValidator"
        and getattr(validator, "match_func", None) == _ID.fullmatch
    )


#: The models' id pattern without its anchors: ``^[a-z0-9][a-z0-9-]*[a-z0-9]$``.
_ID_BODY = _ID.pattern.removeprefix("^").removesuffix("$")


@functools.cache
def _ids_pattern() -> re.Pattern[str]:
    """Ids joined by line breaks (compiled on first use: a bundled load never needs it)."""
    return re.compile(f"(?:{_ID_BODY})(?:\n(?:{_ID_BODY}))*")


def _ids_match(ids: list[str]) -> bool:
    r"""
    Whether every string of *ids* matches the models' id pattern, told for all of them at once.

    The pattern's character classes hold no line break, so the ids joined by
    line breaks match the repeated pattern exactly when each id matches alone
    and none holds a line break itself (counted). One match over a whole file
    costs about half as much as a match per id.

    Example:
        >>> _ids_match(["a21", "hope-for-justice"]), _ids_match(["a21", "-x"]), _ids_match(["a\nb"])
        (True, False, False)

    """
    if not ids:
        return True
    joined = "\n".join(ids)
    return joined.count("\n") == len(ids) - 1 and _ids_pattern().fullmatch(joined) is not None


@functools.cache
def _annotation(text: str, module: str) -> Any:
    # The models use string annotations; many repeat ("str", "str | None"), so each is evaluated once.
    return eval(text, vars(sys.modules[module]))  # noqa: S307 - annotations of our own models


def _hints(cls: type) -> dict[str, Any]:
    """The field types of an attrs class, like typing.get_type_hints but cheaper at start-up."""
    fields = attrs.fields(cls)
    if any(a.inherited for a in fields):
        return typing.get_type_hints(cls)
    return {a.name: _annotation(a.type, cls.__module__) if isinstance(a.type, str) else a.type for a in fields}


_lock = threading.Lock()
_generator = _Generator()
_functions: dict[tuple[type, bool, bool], Callable[[object], Any] | None] = {}


def _generate(cls: type, *, ids_later: bool, surrogates: bool) -> Callable[[object], Any] | None:
    """Write, compile and return *cls*'s function; nested types already written are shared."""
    known, count = dict(_generator.functions), len(_generator.sources)
    try:
        name = _generator.function(cls, ids_later=ids_later, surrogates=surrogates)
    except TypeError:
        _generator.functions = known
        del _generator.sources[count:]
        return None
    source = "\n\n".join(_generator.sources[count:])
    if source:
        code = compile(source, f"<modslavery fast structure {cls.__name__}>", "exec")
        exec(code, _generator.namespace)  # noqa: S102 - our own generated source
    function: Callable[[object], Any] = _generator.namespace[name]
    return function


def _function(cls: type, *, ids_later: bool, surrogates: bool = True) -> Callable[[object], Any] | None:
    key = (cls, ids_later, surrogates)
    function = _functions.get(key, _lock)
    if function is _lock:
        with _lock:
            if key not in _functions:
                _functions[key] = _generate(cls, ids_later=ids_later, surrogates=surrogates)
            function = _functions[key]
    return function  # type: ignore[return-value]


def structure_function(cls: type[T]) -> Callable[[object], T] | None:
    """
    The generated structuring function of *cls*, or ``None`` if a field type has no fast form.

    The function raises an exception for any value it does not accept.

    Example:
        >>> from modslavery.models import Evidence
        >>> structure_function(Evidence)({"quote": "q", "start": 0, "end": 1})
        Evidence(quote='q', start=0, end=1)

    """
    return _function(cls, ids_later=False)


def structure_records(values: object, cls: type[T], filename: str, *, surrogates: bool = True) -> tuple[T, ...]:
    """
    Structure a JSON array of records; on any problem, defer to the converter's full report.

    Pass ``surrogates=False`` only for values parsed from JSON bytes for which
    :func:`modslavery._loader.may_hold_surrogates` is false: no string of theirs can hold a lone
    surrogate, and strings are not checked for one.

    Raises:
        DataError: naming *filename* and the JSON path of each problem.

    Example:
        >>> from modslavery.models import Measure
        >>> structure_records({}, Measure, "measures.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: measures.json: $: expected an array of records, got an object

    """
    # Own ids are matched for the whole file at once, after the records are built.
    batched = any(map(_is_own_id, attrs.fields(cls)))  # type: ignore[arg-type]
    function = _function(cls, ids_later=batched, surrogates=surrogates)
    if function is not None and type(values) is list:
        try:
            records = tuple(map(function, values))
            if not batched or _ids_match([record.id for record in records]):
                return records
        except Exception:  # noqa: BLE001, S110 - any failure is explained by the converter below
            pass
        finally:
            # The strings remembered as matching are only a shortcut: forget them, not to keep a file's ids alive.
            # (Another thread's load then matches some strings again; a set only ever holds strings that matched.)
            for name in _generator.matched.values():
                _generator.namespace[name].clear()
    from modslavery._converter import structure_records as structure_and_explain  # noqa: PLC0415 - cattrs only on bad data

    return structure_and_explain(values, cls, filename)
