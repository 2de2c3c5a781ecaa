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
    modslavery.errors.DataError: x.json: $.a: duplicate key 'a'

"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import re
import stat
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery.dataset import FILES, Dataset, Parts
from modslavery.errors import DataError

if TYPE_CHECKING:
    from collections.abc import Iterator

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_FILE_BYTES",
    "bundled_files",
    "check_plain_name",
    "inside",
    "load",
    "load_directory",
    "may_hold_surrogates",
    "parse_json",
    "read_limited",
]

#: The largest data file :func:`load_directory` reads by default (64 MiB).
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
#: The deepest nesting of arrays and objects :func:`parse_json` accepts by default.
#: The data format needs 6 (documents.json); the limit keeps parsing far from Python's recursion limit.
DEFAULT_MAX_DEPTH = 64

#: The escapes that can hide a quote or a backslash from the structure scan (see _structure_marks).
_ESCAPED_QUOTE_OR_BACKSLASH = re.compile(rb'\\[\\"]')
#: Every byte but brackets, quotes and colons: what the structure scan drops first.
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'[]{}":')
#: Objects and arrays alike, for the nesting scan.
_ONE_BRACKET = bytes.maketrans(b"{}", b"[]")
# Open flags, looked up once: a name the platform lacks raises inside getattr on every lookup.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_LIMITED_READ_FLAGS = _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_OPEN = ord("[")
#: How many innermost-pair removals the nesting scan tries before it counts bracket by bracket.
_REPLACE_PASSES = 8
#: A JSON string (closed or not), or a bracket: what the exact nesting scan looks at.
_DEPTH_TOKENS = r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[{]|[\]}]'  # compiled on first use (the slow scan only)

_lock = threading.Lock()
_cache: Dataset | None = None


class _Repeated(dict[str, Any]):
    """A parsed JSON object that repeated some of its keys (located after parsing)."""

    __slots__ = ("repeated",)
    repeated: list[str]


def _object(pairs: list[tuple[str, Any]], found: list[bool]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _Repeated(result)
    seen: set[str] = set()
    marked.repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
    found.append(True)
    return marked


def _no_constants(name: str) -> None:
    msg = f"{name} is not a number in JSON"
    raise ValueError(msg)


def _step(key: str) -> str:
    """One step of a JSON path: ``.name``, or ``["odd key"]`` for keys that are not plain names."""
    return f".{key}" if key.isidentifier() and key.isascii() else f"[{json.dumps(key)}]"


def _repeated_keys(value: object, filename: str) -> list[str]:
    """Every repeated key of a parsed document, with its JSON path (iteratively: no recursion)."""
    problems: list[str] = []
    stack: list[tuple[object, str]] = [(value, "$")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Repeated):
            problems.extend(f"{filename}: {path}{_step(key)}: duplicate key {key!r}" for key in item.repeated)
        if isinstance(item, dict):
            stack.extend((child, path + _step(key)) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{index}]") for index, child in reversed(list(enumerate(item))))
    return problems


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line} column {offset - text.rfind(chr(10), 0, offset)}"


def _structure_marks(data: bytes) -> bytes | None:
    r"""
    The brackets and colons of a JSON document that stand outside its strings, found without parsing.

    Escaped backslashes and quotes go first, then every byte but brackets,
    quotes and colons (UTF-8 never puts an ASCII byte inside a multi-byte
    character), then what is left inside the strings: each string stays as
    an empty pair of quotes. ``None`` if the quotes do not pair up (an
    unterminated string: the parser reports it).

    Only ``\\`` and ``\"`` matter among escapes: no other escape holds a
    bracket, quote or colon. Matching them left to right, the scan reaches
    each backslash only where an escape starts, as the parser does; other
    escapes (``\n``, ``\u00e9``) are left for the byte filter, which drops
    them, and nothing is copied for them.

    Example:
        >>> _structure_marks(b'{"a": [1, "]:"], "b": {}}')
        b'{"":[""]"":{}}'

    """
    if b"\\" in data:
        data = _ESCAPED_QUOTE_OR_BACKSLASH.sub(b"", data)
    marks = data.translate(None, _NOT_STRUCTURE)
    # Most strings hold none of these bytes and leave an empty pair of quotes. If every quote
    # is in such a pair (counted, not removed: a replace is slow with this many matches), the
    # marks are ready; otherwise pair the quotes in order and empty each string.
    if marks.count(b'""') * 2 == marks.count(b'"'):
        return marks
    pieces = marks.split(b'"')
    if len(pieces) % 2 == 0:
        return None
    return b'""'.join(pieces[::2])


def _nesting_within(marks: bytes, max_depth: int) -> bool:
    """
    Whether the brackets of :func:`_structure_marks` nest at most *max_depth* deep.

    Each of the first few passes removes the innermost pairs (a C-speed
    replace); what is still nested after them, only in unusually deep
    documents, is counted in one linear pass. Unbalanced brackets give
    ``False``: the exact scan of :func:`_too_deep` then decides.
    """
    brackets = marks.translate(_ONE_BRACKET, b':"')
    passes = min(max_depth, _REPLACE_PASSES)
    for _ in range(passes):
        if not brackets:
            return True
        inner_removed = brackets.replace(b"[]", b"")
        if len(inner_removed) == len(brackets):
            return False
        brackets = inner_removed
    depth, limit = 0, max_depth - passes
    for byte in brackets:
        depth += 1 if byte == _OPEN else -1
        if depth > limit or depth < 0:
            return False
    return depth == 0


def _too_deep(text: str, max_depth: int) -> str | None:
    """Where the nesting first goes deeper than *max_depth*, found without parsing (an exact, slower scan)."""
    depth = 0
    for match in re.finditer(_DEPTH_TOKENS, text):
        lexeme = match.group()
        if lexeme in "[{":
            depth += 1
            if depth > max_depth:
                return _position(text, match.start())
        elif lexeme in "]}":
            depth -= 1
        elif lexeme == '"':  # an unterminated string: the parser reports it
            return None
    return None


def _first_outside_strings(text: str, pattern: str) -> int | None:
    """The offset of the first match of *pattern* that is not inside a JSON string."""
    for match in re.finditer(rf'"[^"\\]*(?:\\.[^"\\]*)*"|{pattern}', text):
        if not match.group().startswith('"'):
            return match.start()
    return None


def _value_error(text: str, error: ValueError) -> str:
    """Locate a ValueError raised while parsing: a NaN/Infinity literal, or an over-long integer."""
    if "is not a number in JSON" in str(error):  # raised by _no_constants
        offset = _first_outside_strings(text, r"NaN|-?Infinity")
        where = "$" if offset is None else _position(text, offset)
        return f"{where}: {error}"
    # int() refuses literals over sys.get_int_max_str_digits() (Python 3.11+).
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    offset = _first_outside_strings(text, r"\d{%d,}" % (limit + 1))  # noqa: UP031
    if offset is None:
        return f"$: {error}"
    digits = len(re.match(r"\d*", text[offset:]).group())  # type: ignore[union-attr]
    return f"{_position(text, offset)}: integer of {digits} digits is too long"


def parse_json(data: bytes, filename: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """
    Decode UTF-8 JSON strictly: duplicate keys, NaN and Infinity are errors.

    Arrays and objects may nest at most *max_depth* deep; deeper input is
    refused before it is parsed.

    Raises:
        DataError: with the line and column of a syntax error, or the JSON
            path of every repeated key.

    Example:
        >>> parse_json(b"[1, 2", "x.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: line 1 column 6: Expecting ',' delimiter
        >>> parse_json(b'[{"a": [1, 2], "b": {"c": 1, "c": 2}, "a": 0}]', "x.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: $[0].a: duplicate key 'a'
        x.json: $[0].b.c: duplicate key 'c'
        >>> parse_json(b"[[[]]]", "x.json", max_depth=2)
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: line 1 column 3: nested deeper than max_depth=2

    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{filename}: byte {error.start}: not valid UTF-8 ({error.reason})"]) from None
    if text.startswith("\ufeff"):
        raise DataError([f"{filename}: line 1 column 1: byte order mark; save the file as UTF-8 without BOM"])
    marks = _structure_marks(data)
    if marks is None or not _nesting_within(marks, max_depth):
        where = _too_deep(text, max_depth)
        if where is not None:
            raise DataError([f"{filename}: {where}: nested deeper than max_depth={max_depth}"])
    if marks is None:  # the parser reports the unterminated string
        return _decode(text, filename, keys=None)
    return _decode(text, filename, keys=marks.count(b":"))


def _decode(text: str, filename: str, *, keys: int | None) -> object:
    """
    Parse *text*, refusing repeated keys.

    With *keys* (how many keys the text holds, one per colon outside
    strings) the C parser builds the objects and only their sizes are
    summed: a repeated key makes an object one smaller. Only then, or
    without *keys*, is the text parsed again pair by pair to name each
    repeated key and its path.
    """
    sizes: list[int] = []
    found: list[bool] = []
    append = sizes.append

    def counted(obj: dict[str, Any]) -> dict[str, Any]:
        append(len(obj))
        return obj

    hooks: dict[str, Any] = (
        {"object_hook": counted} if keys is not None else {"object_pairs_hook": functools.partial(_object, found=found)}
    )
    try:
        value = json.loads(text, parse_constant=_no_constants, **hooks)
    # JSONDecodeError is a syntax error; it carries the position.
    except json.JSONDecodeError as error:
        raise DataError([f"{filename}: line {error.lineno} column {error.colno}: {error.msg}"]) from None
    except ValueError as error:
        raise DataError([f"{filename}: {_value_error(text, error)}"]) from None
    except RecursionError:  # only if max_depth is set above what the interpreter can parse
        raise DataError([f"{filename}: $: nesting is too deep to parse"]) from None
    if keys is not None and sum(sizes) != keys:
        return _decode(text, filename, keys=None)
    if found:
        raise DataError(_repeated_keys(value, filename))
    return value


def _structure(raw: dict[str, object], without_surrogates: frozenset[str] = frozenset()) -> Parts:
    """
    Structure every file, collecting the problems of all files together.

    The strings of the files named in *without_surrogates* (whose bytes hold no
    escape of a surrogate) are not checked for lone surrogates.
    """
    fields: dict[str, tuple[object, ...]] = {}
    problems: list[str] = []
    from modslavery._fast import structure_records  # noqa: PLC0415 - the bundled data's cold start needs none of it

    for filename, attribute, model in FILES:
        try:
            surrogates = filename not in without_surrogates
            fields[attribute] = structure_records(raw[filename], model, filename, surrogates=surrogates)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return Parts(**fields)  # type: ignore[arg-type]


def read_limited(path: Path, max_file_bytes: int) -> bytes:
    """
    Read a regular file, never more than *max_file_bytes* (checked before and while reading).

    Raises:
        DataError: the file is too big, not a regular file (a FIFO or device
            would block or never end), or cannot be read.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "big.json").write_bytes(b"[]" * 10)
        ...     read_limited(Path(tmp) / "big.json", 16)
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: big.json: 20 bytes is over the limit of 16 (max_file_bytes)

    """
    try:
        descriptor = os.open(path, _LIMITED_READ_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DataError([f"{path.name}: not a regular file"])
            if info.st_size > max_file_bytes:
                raise DataError(
                    [f"{path.name}: {info.st_size} bytes is over the limit of {max_file_bytes} (max_file_bytes)"]
                )
            # read(n) allocates n bytes up front: read what fstat promised (plus one byte), and
            # only if the file grew since, the rest up to the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_file_bytes + 1 - len(data))
    except OSError as error:
        raise DataError([f"{path.name}: cannot read ({error.strerror or error})"]) from None
    if len(data) > max_file_bytes:  # the file grew after fstat
        raise DataError([f"{path.name}: over the limit of {max_file_bytes} bytes (max_file_bytes)"])
    return data


def check_plain_name(name: str) -> None:
    """
    Refuse a file name that is not a plain name: empty, ``.``, ``..``, absolute, or with a separator or NUL.

    Raises:
        DataError: the name could point outside its directory.

    Example:
        >>> check_plain_name("documents.json")
        >>> check_plain_name("/etc/passwd")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: /etc/passwd: not a plain file name inside the data directory

    """
    if not name or name in {".", ".."} or "/" in name or "\\" in name or "\0" in name or Path(name).is_absolute():
        raise DataError([f"{name}: not a plain file name inside the data directory"])


def inside(root: Path, name: str) -> Path:
    """
    The path of file *name* in directory *root*, refusing any name that could leave it.

    Absolute paths, ``..``, separators and links that lead outside *root* are
    refused; *root* itself is resolved first, so it may be a link.

    Raises:
        DataError: the name would leave the directory.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     inside(Path(tmp), "../etc/passwd")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: ../etc/passwd: not a plain file name inside the data directory

    """
    check_plain_name(name)
    resolved_root = root.resolve()
    path = root / name
    resolved = path.resolve()
    if resolved.parent != resolved_root:
        raise DataError([f"{name}: links outside the data directory (to {resolved})"])
    return resolved


def may_hold_surrogates(data: bytes) -> bool:
    r"""
    Whether JSON *data* may decode to a string holding a lone surrogate.

    UTF-8 cannot encode a surrogate, so one can only come from a ``\uD800``
    to ``\uDFFF`` escape; bytes without ``\ud`` or ``\uD`` hold none (bytes
    with them may still hold only pairs, or an escaped backslash).

    Example:
        >>> may_hold_surrogates(rb'["caf\u00e9"]'), may_hold_surrogates(rb'["\ud800"]')
        (False, True)

    """
    # The first test is a memchr, and most files hold no backslash. In a file with many (escaped line breaks),
    # one regular expression (re caches it) finds either escape in about a third of the time of two searches,
    # each of which stops at every backslash.
    return b"\\" in data and re.search(rb"\\u[dD]", data) is not None


def _read_directory(root: Path, max_file_bytes: int, max_depth: int) -> tuple[dict[str, object], frozenset[str]]:
    """The parsed files of *root*, and the names of those whose bytes hold no escape of a surrogate."""
    try:
        resolved_root = root.resolve(strict=True)
    except OSError as error:
        raise DataError([f"{root}: cannot read the directory ({error.strerror or error})"]) from None
    except ValueError as error:  # an embedded NUL byte
        raise DataError([f"{root!r}: not a usable directory path ({error})"]) from None
    if not resolved_root.is_dir():
        raise DataError([f"{root}: not a directory"])
    raw: dict[str, object] = {}
    without_surrogates: set[str] = set()
    problems: list[str] = []
    for filename, _, _ in FILES:
        if not (root / filename).exists():
            problems.append(f"{filename}: missing from {root}")
            continue
        try:
            data = read_limited(inside(root, filename), max_file_bytes)
            raw[filename] = parse_json(data, filename, max_depth=max_depth)
        except DataError as error:
            problems.extend(error.problems)
            continue
        if not may_hold_surrogates(data):
            without_surrogates.add(filename)
    if problems:
        raise DataError(problems)
    return raw, frozenset(without_surrogates)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """
    Pause the cyclic garbage collector while a load allocates its records, then restore it.

    A load makes hundreds of thousands of objects and no reference cycles, so
    the collections their allocations trigger find nothing to free (about an
    eighth of the 1000x benchmark load); reference counting still frees
    everything. The collector is switched back on only if it was on, and the
    next collection runs as usual. (Another thread that disables the
    collector during a load finds it enabled again when the load ends.)

    Example:
        >>> with _collector_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True

    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_directory(
    path: str | os.PathLike[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> Dataset:
    """
    Load and validate every record of a data directory.

    Only the known file names directly inside *path* are read; a file that is
    a link leading outside the directory is refused, and so is any file over
    *max_file_bytes* or nested deeper than *max_depth*. A ``manifest.json`` in
    the directory is ignored: every record is validated whatever it says.

    Raises:
        DataError: naming each file and JSON path with a problem.

    Example:
        >>> load_directory("/no/such/dir")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: /no/such/dir: cannot read the directory (No such file or directory)

    """
    root = Path(path)
    with _collector_paused():
        raw, without_surrogates = _read_directory(root, max_file_bytes, max_depth)
        return Dataset(_structure(raw, without_surrogates), source=str(root))


@functools.cache
def bundled_files() -> Traversable:
    """
    The package's data folder, as an :mod:`importlib.resources` traversable.

    Example:
        >>> bundled_files().joinpath("documents.json").is_file()
        True

    """
    # Cached: where the package keeps its data does not change while a process runs.
    # Imported here, not at the top: the import costs milliseconds that `import modslavery` does not need.
    # The standard library's files() reads a directory or a zip alike on every Python we support (3.10+).
    from importlib.resources import files  # noqa: PLC0415

    return files("modslavery").joinpath("data")


def _read_whole(path: str, folder: int | None = None) -> bytes:
    """
    A file's bytes in four system calls (open, fstat, read, close), where ``open(path, "rb").read()`` makes seven.

    *folder* is an open directory's descriptor that *path* is relative to, or
    None. One byte more than fstat gives is asked for, so a read that returns
    exactly the size has met the end of the file; if the file changed size
    since, or the read came back short, the rest is read to the end, as
    ``read()`` would.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "a.json").write_bytes(b"[]")
        ...     _read_whole(os.path.join(tmp, "a.json"))
        b'[]'

    """
    descriptor = os.open(path, _READ_FLAGS, dir_fd=folder)
    try:
        size = os.fstat(descriptor).st_size
        data = os.read(descriptor, size + 1)
        if len(data) != size:
            chunks = [data]
            while chunk := os.read(descriptor, 1 << 16):
                chunks.append(chunk)
            data = b"".join(chunks)
    finally:
        os.close(descriptor)
    return data


def _read_files(folder: str, names: list[str]) -> dict[str, bytes]:
    """
    The bytes of the files *names* in *folder*, each opened relative to the folder where the platform can.

    Opening a name relative to an open directory walks one path component
    instead of the whole path: opening and closing the bundled files took
    about 30% less time on Linux (see docs/performance.md).

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "a.json").write_bytes(b"[1]")
        ...     _read_files(tmp, ["a.json"])
        {'a.json': b'[1]'}

    """
    if os.open not in os.supports_dir_fd:  # Windows
        return {name: _read_whole(os.path.join(folder, name)) for name in names}  # noqa: PTH118 - a str path
    descriptor = os.open(folder, _FOLDER_FLAGS)
    try:
        return {name: _read_whole(name, descriptor) for name in names}
    finally:
        os.close(descriptor)


def _bundled_bytes(names: list[str]) -> dict[str, bytes]:
    """The bytes of bundled data files, found through :mod:`importlib.resources` (a directory or a zip alike)."""
    resources = bundled_files()
    if isinstance(resources, Path):  # an installed directory: plain reads, without a Path object per file
        return _read_files(os.fspath(resources), names)
    return {name: resources.joinpath(name).read_bytes() for name in names}


def _sha256_hex(data: bytes) -> str:
    """
    The SHA-256 of *data*, by the quickest implementation that costs no import.

    hashlib's OpenSSL SHA-256 is several times faster, but importing hashlib
    costs about 5 ms: it is used when something has imported it already (most
    applications and notebooks have), and the interpreter's built-in module
    otherwise (a script's cold start).

    Example:
        >>> _sha256_hex(b"")[:16]
        'e3b0c44298fc1c14'

    """
    hashlib = sys.modules.get("hashlib")
    if hashlib is not None:
        return str(hashlib.sha256(data).hexdigest())
    try:
        if sys.version_info >= (3, 12):
            from _sha2 import sha256  # type: ignore[import-not-found]  # noqa: PLC0415
        else:
            from _sha256 import sha256  # type: ignore[import-not-found]  # noqa: PLC0415
    except ImportError:  # pragma: no cover - interpreters without the built-in modules
        from hashlib import sha256  # noqa: PLC0415
    return str(sha256(data).hexdigest())


def _matches_manifest(data: dict[str, bytes], manifest: bytes) -> bool:
    """Whether every file's SHA-256 is the one the package manifest records."""
    try:
        expected = json.loads(manifest)["files"]
    except (ValueError, KeyError, TypeError):
        return False
    return isinstance(expected, dict) and all(expected.get(name) == _sha256_hex(raw) for name, raw in data.items())


def _load_bundled() -> Dataset:
    names = [filename for filename, _, _ in FILES]
    data = _bundled_bytes([*names, "manifest.json"])
    manifest = data.pop("manifest.json")
    source = "modslavery (bundled)"
    if _matches_manifest(data, manifest):
        # These exact bytes passed every check in the test suite (scripts/build_data.py writes the
        # manifest from them): parse and index without checking again.
        # Written ahead of time by scripts/generate_builders.py: nothing to generate or compile here.
        from modslavery._trusted_builders import BUILDERS  # noqa: PLC0415 - only the bundled data needs it

        # Each file is parsed and built before the next is parsed: its parsed JSON is freed at once,
        # so the collections that the new records trigger have less young data to go through.
        parts = Parts(
            **{attribute: tuple(map(BUILDERS[model], json.loads(data[name]))) for name, attribute, model in FILES}
        )
        return Dataset._trusted(parts, source=source)  # noqa: SLF001 - same package
    raw = {name: parse_json(content, name) for name, content in data.items()}
    return Dataset(_structure(raw), source=source)


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
            # No collector pause here (unlike load_directory): for data this small the
            # collection it defers costs more than it saves (measured in docs/performance.md).
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
