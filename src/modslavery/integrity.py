"""
Checking data files against their manifest of SHA-256 hashes.

The package ships ``data/manifest.json``: the data version and the SHA-256 of
every bundled data file. :func:`modslavery.load` checks each file against it
as it reads it and refuses a file that differs; :func:`verify_bundled` lists
every difference without loading, however the package is installed (a
directory, a zip file), because it reads through :mod:`importlib.resources`.

A manifest says nothing about whether records are valid: it proves that the
files are the ones released, which passed every check when they were built.

Example:
    >>> from modslavery.integrity import verify_bundled
    >>> verify_bundled()
    []

"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from modslavery._about import __data_version__
from modslavery._files import DEFAULT_MAX_FILE_BYTES, bundled_files, check_plain_name, inside, read_limited
from modslavery._format import FILES, MANIFEST
from modslavery._json import parse_json
from modslavery.errors import DataError

__all__ = ["MANIFEST", "check_manifest", "read_manifest", "verify_bundled", "verify_directory"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


def read_manifest(data: bytes) -> tuple[str, dict[str, str]]:
    """
    The data version and the SHA-256 of each file that a manifest's bytes record.

    Raises:
        DataError: the manifest is not of the form ``{"data_version": str, "files": {name: sha256}}``.

    Example:
        >>> read_manifest(b'{"data_version": "1", "files": {}}')
        ('1', {})
        >>> read_manifest(b'{"files": []}')
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: manifest.json: $.data_version: expected a string
        manifest.json: $.files: expected an object of file name to SHA-256

    """
    value = parse_json(data, MANIFEST)
    if type(value) is not dict:
        raise DataError([f"{MANIFEST}: $: expected an object"])
    problems = [f"{MANIFEST}: $.{key}: unknown field" for key in sorted(set(value) - {"data_version", "files"})]
    version = value.get("data_version")
    if type(version) is not str:
        problems.append(f"{MANIFEST}: $.data_version: expected a string")
    files = value.get("files")
    hashes: dict[str, str] = {}
    if type(files) is not dict:
        problems.append(f"{MANIFEST}: $.files: expected an object of file name to SHA-256")
        files = {}
    for name, digest in files.items():
        if type(digest) is not str or not _SHA256.fullmatch(digest):
            problems.append(f"{MANIFEST}: $.files[{json.dumps(name)}]: expected 64 lower-case hex digits")
        else:
            hashes[name] = digest
    if problems:
        raise DataError(problems)
    return str(version), hashes


def check_manifest(
    manifest: bytes,
    read: Callable[[str], bytes],
    present: Iterable[str],
    *,
    required: Iterable[str] = (),
    data_version: str | None = None,
) -> list[str]:
    r"""
    Compare files with a manifest; return one line per problem (empty when all match).

    *read* returns the bytes of a listed file (raising ``OSError`` or
    :class:`modslavery.DataError` if it cannot); *present* names the ``.json``
    files that are actually there, so that unlisted ones are reported; each of
    *required* must be listed; with *data_version*, the manifest must state
    that version.

    Example:
        >>> import hashlib, json
        >>> files = {"a.json": b"[]\n"}
        >>> manifest = json.dumps({"data_version": "1", "files": {"a.json": hashlib.sha256(b"[]").hexdigest()}})
        >>> check_manifest(manifest.encode(), files.__getitem__, files)
        ['a.json: SHA-256 is 3751..., the manifest says 4f53...']

    """
    try:
        version, hashes = read_manifest(manifest)
    except DataError as error:
        return list(error.problems)
    problems = []
    if data_version is not None and version != data_version:
        problems.append(f"{MANIFEST}: $.data_version: {version!r}, but the package is data version {data_version!r}")
    unlisted = sorted({name for name in required if name not in hashes})
    problems.extend(f"{name}: not listed in {MANIFEST}" for name in unlisted)
    for name in sorted(hashes):
        try:
            data = read(name)
        except (OSError, KeyError) as error:  # KeyError: a mapping's __getitem__ as *read*
            problems.append(f"{name}: listed in {MANIFEST} but cannot be read ({error})")
            continue
        except DataError as error:
            problems.extend(error.problems)
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != hashes[name]:
            problems.append(f"{name}: SHA-256 is {actual[:4]}..., the manifest says {hashes[name][:4]}...")
    problems.extend(
        f"{name}: not listed in {MANIFEST}"
        for name in sorted(present)
        if name.endswith(".json") and name != MANIFEST and name not in hashes and name not in unlisted
    )
    return problems


def verify_bundled() -> list[str]:
    """
    Check the installed data files against the bundled manifest.

    Returns:
        One line per problem: a file whose SHA-256 differs, a file missing
        from the package or from the manifest, a manifest for another data
        version. An empty list means the installed data is what was released.

    Example:
        >>> verify_bundled()
        []

    """
    folder = bundled_files()
    try:
        manifest = folder.joinpath(MANIFEST).read_bytes()
    except OSError as error:
        return [f"{MANIFEST}: missing from the installed package ({error})"]

    def read(name: str) -> bytes:
        check_plain_name(name)  # the manifest names files: refuse any name that could leave the folder
        return folder.joinpath(name).read_bytes()

    try:
        present = [item.name for item in folder.iterdir() if item.is_file()]
    except OSError as error:  # the folder cannot be listed (not permitted)
        return [f"{folder}: cannot read the installed data folder ({error.strerror or error})"]
    required = [filename for filename, _, _ in FILES]
    return check_manifest(manifest, read, present, required=required, data_version=__data_version__)


def verify_directory(path: str | os.PathLike[str], *, max_file_bytes: int | None = None) -> list[str]:
    """
    Check a data directory against the ``manifest.json`` inside it.

    Only plain file names inside the directory are read: a manifest entry
    with ``..``, an absolute path or a link leading out of the directory is
    reported, never followed. This checks hashes only; load the directory
    with :meth:`modslavery.Dataset.from_directory` to validate its records.

    Returns:
        One line per problem, empty when every file matches.

    Example:
        >>> import modslavery, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = modslavery.export_json(tmp)
        ...     _ = (Path(tmp) / "manifest.json").write_bytes(bundled_files().joinpath("manifest.json").read_bytes())
        ...     verify_directory(tmp)
        []

    """
    root = Path(path)
    limit = DEFAULT_MAX_FILE_BYTES if max_file_bytes is None else max_file_bytes
    try:
        manifest = read_limited(inside(root, MANIFEST), limit)
    except DataError as error:
        return list(error.problems)

    def read(name: str) -> bytes:
        return read_limited(inside(root, name), limit)

    try:
        present = [entry.name for entry in root.iterdir() if entry.is_file()]
    except OSError as error:  # the manifest could be opened, but the folder cannot be listed
        return [f"{root}: cannot read the directory ({error.strerror or error})"]
    return check_manifest(manifest, read, present, required=[filename for filename, _, _ in FILES])
