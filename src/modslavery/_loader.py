"""
The bundled data set: read through :mod:`importlib.resources`, checked against its manifest, cached.

Example:
    >>> import modslavery
    >>> modslavery.load() is modslavery.load()
    True

"""

from __future__ import annotations

import hashlib
import sys
import threading
from typing import TYPE_CHECKING

from modslavery._about import __data_version__
from modslavery._files import bundled_files
from modslavery._format import MANIFEST
from modslavery._read import read_parts
from modslavery.dataset import BUNDLED_SOURCE, Dataset
from modslavery.errors import DataError
from modslavery.integrity import read_manifest

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["clear_cache", "load"]

#: How a mismatch tells users to load data they changed on purpose.
_EDITED = "the installed data was changed; load an edited copy with modslavery.Dataset.from_directory()"

_lock = threading.Lock()
_cache: Dataset | None = None


def _load_bundled() -> Dataset:
    """Read, check and index the bundled data: every file must be the one its manifest records."""
    folder = bundled_files()
    version, hashes = read_manifest(_read_installed(folder, MANIFEST))
    if version != __data_version__:
        raise DataError([f"{MANIFEST}: data version {version!r}, but the package is {__data_version__!r}"])

    def read(name: str) -> bytes:
        expected = hashes.get(name)
        if expected is None:
            raise DataError([f"{name}: not listed in {MANIFEST}: {_EDITED}"])
        data = _read_installed(folder, name)
        if hashlib.sha256(data).hexdigest() != expected:
            raise DataError([f"{name}: differs from {MANIFEST}: {_EDITED}"])
        return data

    return Dataset(read_parts(read), source=BUNDLED_SOURCE)


def _read_installed(folder: Traversable, name: str) -> bytes:
    """The bytes of one installed file; any OS error (missing, not permitted) is a DataError naming its path."""
    path = folder.joinpath(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{name}: missing from the installed package (no {path}); reinstall modslavery"]) from None
    except OSError as error:
        raise DataError([f"{name}: cannot read {path} ({error.strerror or error})"]) from None


def load() -> Dataset:
    """
    The bundled data set, read, checked and cached on first use.

    Every file is checked against the package's manifest as it is read, and
    every record is structured and validated. Thread-safe: threads that race
    on the first call share one load and get the same object.

    Installed data that was edited is refused, even when every record in it
    is valid. To work with edited data on purpose, copy it (for example with
    :func:`modslavery.export_json`), change the copy and load that with
    :meth:`modslavery.Dataset.from_directory`, which validates every record.

    Raises:
        DataError: an installed file differs from the manifest or is not listed
            in it, or a file or the manifest is missing or cannot be read; the
            message names the file.

    Example:
        >>> import modslavery
        >>> len(modslavery.load().signatures)
        114

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
