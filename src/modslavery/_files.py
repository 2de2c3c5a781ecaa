"""
Reading data files safely: the bundled folder, and bounded reads of plain names inside a directory.

Example:
    >>> bundled_files().joinpath("documents.json").is_file()
    True
    >>> check_plain_name("../etc/passwd")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: ../etc/passwd: not a plain file name inside the data directory

"""

from __future__ import annotations

import functools
import os
import stat
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from modslavery._filenames import is_plain_name
from modslavery.errors import DataError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["DEFAULT_MAX_FILE_BYTES", "bundled_files", "check_plain_name", "directory_reader", "inside", "read_limited"]

#: The largest data file :meth:`modslavery.Dataset.from_directory` reads by default (64 MiB).
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024

# O_NOFOLLOW: a link in the file's place is refused; O_NONBLOCK: opening a FIFO does not wait for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@functools.cache
def bundled_files() -> Traversable:
    """
    The package's data folder, as an :mod:`importlib.resources` traversable (a directory or inside a zip).

    Example:
        >>> bundled_files().joinpath("manifest.json").is_file()
        True

    """
    return files("modslavery").joinpath("data")


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
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DataError([f"{path.name}: not a regular file"])
            if info.st_size > max_file_bytes:
                raise DataError(
                    [f"{path.name}: {info.st_size} bytes is over the limit of {max_file_bytes} (max_file_bytes)"]
                )
            # read(n) sets aside n bytes first: ask for the size fstat gave, plus one byte to notice growth.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_file_bytes + 1 - len(data))
    except OSError as error:
        raise DataError([f"{path.name}: cannot read {path} ({error.strerror or error})"]) from None
    if len(data) > max_file_bytes:
        raise DataError([f"{path.name}: over the limit of {max_file_bytes} bytes (max_file_bytes)"])
    return data


def check_plain_name(name: str) -> None:
    """
    Refuse a file name that is not a plain name: empty, ``.``, ``..``, or with a separator, colon or control character.

    Raises:
        DataError: the name could point outside its directory.

    Example:
        >>> check_plain_name("documents.json")
        >>> check_plain_name("/etc/passwd")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: /etc/passwd: not a plain file name inside the data directory

    """
    if not is_plain_name(name):
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
    try:
        resolved = (root / name).resolve()
        inside_root = resolved.parent == root.resolve()
    except (OSError, RuntimeError) as error:  # a loop of links: RuntimeError before Python 3.13, OSError since
        raise DataError([f"{name}: cannot resolve {root / name} ({error})"]) from None
    if not inside_root:
        raise DataError([f"{name}: links outside the data directory (to {resolved})"])
    return resolved


def directory_reader(root: Path, max_file_bytes: int) -> Callable[[str], bytes]:
    """
    A reader of the data files of directory *root*: each plain name inside it, bounded by *max_file_bytes*.

    Raises:
        DataError: the directory cannot be read (the reader raises it for a missing, too big or unreadable file).

    Example:
        >>> directory_reader(Path("/no/such/dir"), 100)
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: /no/such/dir: cannot read the directory (No such file or directory)

    """
    try:
        is_directory = root.resolve(strict=True).is_dir()
        present = {entry.name for entry in root.iterdir()} if is_directory else set()
    except OSError as error:  # missing, not permitted, a loop of links (Python 3.13)
        raise DataError([f"{root}: cannot read the directory ({error.strerror or error})"]) from None
    except RuntimeError as error:  # a loop of links before Python 3.13
        raise DataError([f"{root}: cannot read the directory ({error})"]) from None
    except ValueError as error:  # an embedded NUL byte
        raise DataError([f"{root!r}: not a usable directory path ({error})"]) from None
    if not is_directory:
        raise DataError([f"{root}: not a directory"])

    def read(filename: str) -> bytes:
        if filename not in present:
            raise DataError([f"{filename}: missing from {root}"])
        return read_limited(inside(root, filename), max_file_bytes)

    return read
