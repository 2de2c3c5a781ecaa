r"""
Writing export files safely: through temporary files beside them, all files of an export or none.

A new file is written to a temporary file in its folder and moved into place
with :func:`os.replace`, which replaces a link planted at the target rather
than writing through it. When an export writes several files, each old file is
kept aside until every new one is in place, and put back if any step fails.
New files take their mode from the umask, as ``open()`` gives them.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_files(tmp, {"a.csv": b"x\n", "sub/b.json": b"[]\n"})]
    ['a.csv', 'b.json']

"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from modslavery.errors import ExportError

__all__ = ["export_folder", "write_file", "write_files"]

# O_NOFOLLOW and O_EXCL: a temporary name is always new, never a link; 0o666 leaves the mode to the umask.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def export_folder(target: str | os.PathLike[str]) -> Path:
    """
    The folder an export writes into, created if missing; refused if empty or not a usable folder.

    Raises:
        ExportError: naming *target* as given.

    Example:
        >>> export_folder("")
        Traceback (most recent call last):
        ...
        modslavery.errors.ExportError: '': an export needs a folder to write into

    """
    folder = _target_path(target, "an export needs a folder to write into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as error:
        raise ExportError(target, f"cannot make the folder ({_reason(error)})") from None
    if folder.is_symlink() or not folder.is_dir():
        raise ExportError(target, "not a folder")
    return folder


def write_file(target: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """
    Make the file *target* by *write* (given a new, empty temporary path beside it), then move it into place.

    Missing parent folders are created. If *write* raises, *target* is left as it was.

    Raises:
        ExportError: *target* is empty, a folder, or in a folder that cannot be written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write_file(os.path.join(tmp, "new", "x.db"), lambda path: path.write_bytes(b"x")).read_bytes()
        b'x'

    """
    path = _target_path(target, "an export needs a file name to write to")
    if path.is_dir() and not path.is_symlink():
        raise ExportError(target, "is a folder; give the file to write")
    folder = export_folder(path.parent)
    final = folder / path.name
    with _reserved(final, target) as temporary:
        write(temporary)
        _replace_all({final: temporary}, target)
    return final


def write_files(target: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """
    Write *files* (relative names, ``/`` between folders, to their bytes) into folder *target*, all or none.

    Raises:
        ExportError: the folder cannot be written; nothing of the export is left behind.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write_files(tmp, {"../x": b""})
        Traceback (most recent call last):
        ...
        modslavery.errors.ExportError: ...: '../x' is not a file name inside the export

    """
    folder = export_folder(target)
    temporaries: dict[Path, Path] = {}
    with contextlib.ExitStack() as stack:
        for name, data in files.items():
            parts = name.split("/")
            if not name or any(part in {"", ".", ".."} or "\\" in part for part in parts):
                raise ExportError(target, f"{name!r} is not a file name inside the export")
            parent = folder.joinpath(*parts[:-1])
            if parent != folder:
                export_folder(parent)
            final = parent / parts[-1]
            temporary = stack.enter_context(_reserved(final, target))
            temporary.write_bytes(data)
            temporaries[final] = temporary
        _replace_all(temporaries, target)
    return list(temporaries)


def _target_path(target: str | os.PathLike[str], empty: str) -> Path:
    text = os.fspath(target)
    if not text or not str(text).strip():
        raise ExportError(target, empty)
    if "\0" in str(text):
        raise ExportError(target, "not a usable path")
    return Path(text)


def _reason(error: BaseException) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


@contextlib.contextmanager
def _reserved(final: Path, target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new, empty file beside *final* with the umask's mode; removed afterwards unless it was moved into place."""
    for _ in range(100):
        temporary = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.close(os.open(temporary, _CREATE, 0o666))
            break
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(target, f"cannot write in {final.parent} ({_reason(error)})") from None
    else:  # pragma: no cover - a hundred random names all taken
        raise ExportError(target, f"no free temporary name in {final.parent}")
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _replace_all(temporaries: Mapping[Path, Path], target: str | os.PathLike[str]) -> None:
    """Move each temporary file onto its final path; on any failure put every old file back."""
    in_the_way = [final.name for final in temporaries if final.is_dir() and not final.is_symlink()]
    if in_the_way:
        raise ExportError(target, f"a folder is in the way of {', '.join(in_the_way)}")
    kept: dict[Path, Path] = {}  # final -> the old file, set aside
    placed: list[Path] = []
    try:
        for final, temporary in temporaries.items():
            if os.path.lexists(final):
                aside = final.with_name(f".{final.name}.{secrets.token_hex(6)}.old")
                final.replace(aside)
                kept[final] = aside
            temporary.replace(final)
            placed.append(final)
    except BaseException as error:
        for final in placed:
            with contextlib.suppress(OSError):
                final.unlink()
        for final, aside in kept.items():
            with contextlib.suppress(OSError):
                aside.replace(final)
        if isinstance(error, OSError) and not isinstance(error, ExportError):
            raise ExportError(target, f"cannot write ({_reason(error)})") from None
        raise
    for aside in kept.values():
        with contextlib.suppress(OSError):
            aside.unlink()
