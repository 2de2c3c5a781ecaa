"""
Checking data files against their manifest of SHA-256 hashes.

The package ships ``data/manifest.json``: the data version and the SHA-256 of
every bundled data file. :func:`verify_bundled` compares the installed files
with it, so a corrupted or tampered installation is found. It works however
the package is installed (a directory, a zip file) because it reads through
:mod:`importlib.resources`.

A manifest says nothing about whether records are valid: :func:`modslavery.load`
and :meth:`modslavery.Dataset.from_directory` validate every record anyway.

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

__all__ = ["MANIFEST", "check_manifest", "verify_bundled", "verify_directory"]

#: The manifest's file name, beside the data files.
MANIFEST = "manifest.json"

_SHA256 = re.compile(r"[0-9a-f]{64}")


def _parse_manifest(data: bytes) -> tuple[str | None, dict[str, str], list[str]]:
    """The data version and file hashes of a manifest, and what is wrong with its shape."""
    from modslavery._loader import parse_json  # noqa: PLC0415 - keeps import light
    from modslavery.errors import DataError  # noqa: PLC0415

    try:
        value = parse_json(data, MANIFEST)
    except DataError as error:
        return None, {}, list(error.problems)
    if type(value) is not dict:
        return None, {}, [f"{MANIFEST}: $: expected an object"]
    problems = [f"{MANIFEST}: $.{key}: unknown field" for key in sorted(set(value) - {"data_version", "files"})]
    version = value.get("data_version")
    if type(version) is not str:
        problems.append(f"{MANIFEST}: $.data_version: expected a string")
        version = None
    files = value.get("files")
    if type(files) is not dict:
        problems.append(f"{MANIFEST}: $.files: expected an object of file name to SHA-256")
        return version, {}, problems
    hashes: dict[str, str] = {}
    for name, digest in files.items():
        if type(digest) is not str or not _SHA256.fullmatch(digest):
            problems.append(f"{MANIFEST}: $.files[{json.dumps(name)}]: expected 64 lower-case hex digits")
        else:
            hashes[name] = digest
    return version, hashes, problems


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
    from modslavery.errors import DataError  # noqa: PLC0415

    version, hashes, problems = _parse_manifest(manifest)
    if problems:
        return problems
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
    from modslavery import __data_version__  # noqa: PLC0415
    from modslavery._loader import bundled_files  # noqa: PLC0415
    from modslavery.dataset import FILES  # noqa: PLC0415

    folder = bundled_files()
    try:
        manifest = folder.joinpath(MANIFEST).read_bytes()
    except OSError as error:
        return [f"{MANIFEST}: missing from the installed package ({error})"]
    present = [item.name for item in folder.iterdir() if item.is_file()]
    required = [filename for filename, _, _ in FILES]
    return check_manifest(
        manifest, lambda name: _read_bundled(folder, name), present, required=required, data_version=__data_version__
    )


def _read_bundled(folder: object, name: str) -> bytes:
    from modslavery._loader import check_plain_name  # noqa: PLC0415

    # The manifest names files; refuse any name that could point outside the data folder.
    check_plain_name(name)
    data: bytes = folder.joinpath(name).read_bytes()  # type: ignore[attr-defined]
    return data


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
        >>> import modslavery, shutil, tempfile
        >>> from modslavery._loader import bundled_files
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = modslavery.export_json(tmp)
        ...     _ = (Path(tmp) / "manifest.json").write_bytes(bundled_files().joinpath("manifest.json").read_bytes())
        ...     verify_directory(tmp)
        []

    """
    from modslavery._loader import DEFAULT_MAX_FILE_BYTES, inside, read_limited  # noqa: PLC0415
    from modslavery.dataset import FILES  # noqa: PLC0415
    from modslavery.errors import DataError  # noqa: PLC0415

    root = Path(path)
    limit = DEFAULT_MAX_FILE_BYTES if max_file_bytes is None else max_file_bytes
    try:
        manifest = read_limited(inside(root, MANIFEST), limit)
    except DataError as error:
        return list(error.problems)

    def read(name: str) -> bytes:
        return read_limited(inside(root, name), limit)

    present = [entry.name for entry in root.iterdir() if entry.is_file()]
    return check_manifest(manifest, read, present, required=[filename for filename, _, _ in FILES])
