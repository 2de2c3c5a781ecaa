"""
The bundled data set: read through :mod:`importlib.resources`, checked against its manifest, cached.

Example:
    >>> import modslavery
    >>> modslavery.load() is modslavery.load()
    True

"""

from __future__ import annotations

import hashlib
import threading

from modslavery._about import __data_version__
from modslavery._files import bundled_files
from modslavery._format import MANIFEST
from modslavery._read import read_parts
from modslavery.dataset import BUNDLED_SOURCE, Dataset
from modslavery.errors import DataError
from modslavery.integrity import read_manifest

__all__ = ["clear_cache", "load"]

#: How a mismatch tells users to load data they changed on purpose.
_EDITED = "the installed data was changed; load an edited copy with modslavery.Dataset.from_directory()"

_lock = threading.Lock()
_cache: Dataset | None = None


def _load_bundled() -> Dataset:
    """Read, check and index the bundled data: every file must be the one its manifest records."""
    folder = bundled_files()
    try:
        version, hashes = read_manifest(folder.joinpath(MANIFEST).read_bytes())
    except OSError as error:
        raise DataError([f"{MANIFEST}: missing from the installed package ({error.strerror or error})"]) from None
    if version != __data_version__:
        raise DataError([f"{MANIFEST}: data version {version!r}, but the package is {__data_version__!r}"])

    def read(name: str) -> bytes:
        try:
            data = folder.joinpath(name).read_bytes()
        except OSError as error:
            raise DataError([f"{name}: cannot read the installed file ({error.strerror or error})"]) from None
        if hashlib.sha256(data).hexdigest() != hashes.get(name):
            raise DataError([f"{name}: differs from {MANIFEST}: {_EDITED}"])
        return data

    return Dataset(read_parts(read), source=BUNDLED_SOURCE)


def load() -> Dataset:
    """
    The bundled data set, read, checked and cached on first use.

    Every file is checked against the package's manifest as it is read, and
    every record is structured and validated. Thread-safe: threads that race
    on the first call share one load and get the same object.

    Raises:
        DataError: an installed file differs from the manifest, or the manifest is missing.

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
