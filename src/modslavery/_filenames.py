"""
What a plain file name is: one name inside a folder, never a way out of it.

The models check a document's ``source_file`` with it, and the readers of
data directories the names they are asked to open, so both agree on one rule.

Example:
    >>> is_plain_name("documents.json"), is_plain_name("../../etc/passwd"), is_plain_name("..")
    (True, False, False)

"""

from __future__ import annotations

import re

__all__ = ["PLAIN_NAME", "is_plain_name"]

#: A plain file name, as a JSON Schema pattern too: not empty, not ``.`` or ``..``, and without a
#: separator (``/`` or ``\``), a drive or stream colon, NUL or another control character.
PLAIN_NAME = re.compile(r"^(?!\.\.?$)[^/\\:\x00-\x1f\x7f]+$")


def is_plain_name(name: str) -> bool:
    r"""
    Whether *name* names a file directly inside a folder on every system: no folder part, no ``..``, no drive.

    Example:
        >>> [is_plain_name(n) for n in ("a.txt", "", ".", "a/b", "a\\b", "C:x", "a\0b", "...")]
        [True, False, False, False, False, False, False, True]

    """
    return PLAIN_NAME.fullmatch(name) is not None
