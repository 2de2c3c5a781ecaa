"""
Reading data files into a :class:`~modslavery.Dataset`.

The bundled data is read with :mod:`importlib.resources`, so it works from an
installed, zipped or source-tree package; users' directories go through
:func:`load_directory`. Both parse strictly (UTF-8, no duplicate keys, no NaN)
and report every problem as a :class:`~modslavery.DataError` naming the file.

Example:
    >>> from modslavery._loader import parse_json
    >>> parse_json(b'{"a": 1, "a": 2}', "x.json")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: x.json: $: duplicate key 'a'

"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery._converter import structure_records
from modslavery.dataset import FILES, Dataset, Parts
from modslavery.errors import DataError

if TYPE_CHECKING:
    if sys.version_info >= (3, 12):
        from importlib.resources.abc import Traversable
    else:
        from importlib_resources.abc import Traversable

if sys.version_info >= (3, 12):
    from importlib.resources import files
else:  # pragma: no cover - the backport has the 3.12 API on older Pythons
    from importlib_resources import files

__all__ = ["DEFAULT_MAX_FILE_BYTES", "bundled_files", "load", "load_directory", "parse_json"]

#: The largest data file :func:`load_directory` reads by default (64 MiB).
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024

_lock = threading.Lock()
_cache: Dataset | None = None


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _no_constants(name: str) -> None:
    msg = f"{name} is not a number in JSON"
    raise ValueError(msg)


def parse_json(data: bytes, filename: str) -> object:
    """
    Decode UTF-8 JSON strictly: duplicate keys, NaN and Infinity are errors.

    Raises:
        DataError: with the line and column of a syntax error.

    Example:
        >>> parse_json(b"[1, 2", "x.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: line 1 column 6: Expecting ',' delimiter

    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{filename}: byte {error.start}: not valid UTF-8 ({error.reason})"]) from None
    if text.startswith("\ufeff"):
        raise DataError([f"{filename}: line 1 column 1: byte order mark; save the file as UTF-8 without BOM"])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise DataError([f"{filename}: line {error.lineno} column {error.colno}: {error.msg}"]) from None
    except _DuplicateKeyError as error:
        raise DataError([f"{filename}: $: duplicate key {error.args[0]!r}"]) from None
    except ValueError as error:  # raised by _no_constants
        raise DataError([f"{filename}: $: {error}"]) from None
    except RecursionError:
        raise DataError([f"{filename}: $: nesting is too deep to parse"]) from None


def _structure(raw: dict[str, object]) -> Parts:
    """Structure every file, collecting the problems of all files together."""
    fields: dict[str, tuple[object, ...]] = {}
    problems: list[str] = []
    for filename, attribute, model in FILES:
        try:
            fields[attribute] = structure_records(raw[filename], model, filename)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return Parts(**fields)  # type: ignore[arg-type]


def _read_directory(root: Path, max_file_bytes: int) -> dict[str, object]:
    try:
        resolved_root = root.resolve(strict=True)
    except OSError as error:
        raise DataError([f"{root}: cannot read the directory ({error.strerror or error})"]) from None
    if not resolved_root.is_dir():
        raise DataError([f"{root}: not a directory"])
    raw: dict[str, object] = {}
    problems: list[str] = []
    for filename, _, _ in FILES:
        path = root / filename
        try:
            resolved = path.resolve(strict=True)
        except OSError:
            problems.append(f"{filename}: missing from {root}")
            continue
        if resolved.parent != resolved_root:
            problems.append(f"{filename}: links outside the data directory (to {resolved})")
            continue
        try:
            size = resolved.stat().st_size
            if size > max_file_bytes:
                problems.append(f"{filename}: {size} bytes is over the limit of {max_file_bytes} (max_file_bytes)")
                continue
            data = resolved.read_bytes()
        except OSError as error:
            problems.append(f"{filename}: cannot read ({error.strerror or error})")
            continue
        try:
            raw[filename] = parse_json(data, filename)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return raw


def load_directory(path: str | os.PathLike[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Dataset:
    """
    Load and validate every record of a data directory.

    Only the known file names directly inside *path* are read; a file that is
    a link leading outside the directory is refused.

    Raises:
        DataError: naming each file and JSON path with a problem.

    Example:
        >>> load_directory("/no/such/dir")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: /no/such/dir: cannot read the directory (No such file or directory)

    """
    root = Path(path)
    raw = _read_directory(root, max_file_bytes)
    return Dataset(_structure(raw), source=str(root))


def bundled_files() -> Traversable:
    """
    The package's data folder, as an :mod:`importlib.resources` traversable.

    Example:
        >>> bundled_files().joinpath("documents.json").is_file()
        True

    """
    return files("modslavery").joinpath("data")


def _load_bundled() -> Dataset:
    folder = bundled_files()
    raw = {filename: parse_json(folder.joinpath(filename).read_bytes(), filename) for filename, _, _ in FILES}
    return Dataset(_structure(raw), source="modslavery (bundled)")


def load() -> Dataset:
    """
    The bundled data set, structured and checked once, then cached.

    Thread-safe: threads that race on the first call share one load and get
    the same object.

    Example:
        >>> import modslavery
        >>> modslavery.load() is modslavery.load()
        True

    """
    global _cache  # noqa: PLW0603 - the process-wide cache is the point
    cached = _cache
    if cached is not None:
        return cached
    with _lock:
        if _cache is None:
            _cache = _load_bundled()
        return _cache


def clear_cache() -> None:
    """
    Forget the cached bundled data set (for tests and long-running reloads).

    Example:
        >>> import modslavery
        >>> first = modslavery.load()
        >>> clear_cache()
        >>> modslavery.load() is first
        False

    """
    global _cache  # noqa: PLW0603
    with _lock:
        _cache = None
