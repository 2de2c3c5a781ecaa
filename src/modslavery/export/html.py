"""
HTML export: a static site that shows every record in the sentence it comes from.

The site works offline and from any folder: plain HTML files and one style
sheet, no script, nothing fetched from elsewhere. ``index.html`` lists the
documents, campaigns, statistics and organisations; ``documents/ID.html``
shows a document's whole text with every statistic, signature, mention and
exclusion marked (an element carrying ``data-statistic-id``,
``data-signature-id``, ``data-mention-id`` or ``data-exclusion-id`` whose text
is exactly the record's span); ``campaigns/ID.html`` and
``organisations/ID.html`` show a campaign's asks, signatories and overlap, and
an organisation's spellings, campaigns and judgements. The same data always
gives the same bytes.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = export_html(tmp)
    ...     sorted({p.parent.name for p in paths if p.parent.name != os.path.basename(tmp)})
    ['campaigns', 'documents', 'organisations']

"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from modslavery._loader import load
from modslavery.dataset import Dataset
from modslavery.export._atomic import write_files
from modslavery.export._pages import Pages
from modslavery.export._site import SITE_CSS, path_of

if TYPE_CHECKING:
    from modslavery._format import Parts

__all__ = ["export_html", "site_files"]


def site_files(data: Dataset | Parts | None = None) -> dict[str, bytes]:
    """
    The site's files by their paths inside it: ``index.html``, ``style.css`` and one page per record.

    Example:
        >>> files = site_files()
        >>> files["style.css"].startswith(b"body {"), "documents/op-ed-stroud.html" in files
        (True, True)

    """
    if data is None:
        data = load()
    elif not isinstance(data, Dataset):
        data = Dataset(data)
    pages = Pages(data)
    files = {"index.html": pages.index(), "style.css": (SITE_CSS + "\n").encode("utf-8")}
    files.update((path_of("documents", d.id), pages.document(d)) for d in data.documents)
    files.update((path_of("campaigns", c.id), pages.campaign(c)) for c in data.campaigns)
    files.update((path_of("organisations", o.id), pages.organisation(o)) for o in data.organisations)
    return files


def export_html(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> list[Path]:
    """
    Write *data* (default: the bundled data) as a static HTML site into the folder *target*, all files or none.

    Open ``index.html`` in a browser; no server is needed. Files of the site
    already in *target* are replaced; other files are left alone.

    Raises:
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     paths = export_html(tmp)
        ...     html = (Path(tmp) / "documents" / "pledge-mayoral-2024.html").read_text(encoding="utf-8")
        ...     'data-statistic-id="pledge-mayoral-2024-s02"' in html
        True

    """
    return write_files(target, site_files(data))
