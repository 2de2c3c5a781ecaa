"""
Writing the data set out: JSON (the bundled format), and later CSV, SQLite, data packages.

Example:
    >>> import modslavery, tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = modslavery.export_json(tmp)
    ...     sorted(os.path.basename(p) for p in written)[:2]
    ['campaigns.json', 'documents.json']

"""

from __future__ import annotations

from modslavery.export.json import dumps_records, export_json

__all__ = ["dumps_records", "export_json"]
