"""
Take the documentation's screenshot of a document page of the HTML export, with one mark's record showing.

Usage: python scripts/screenshot_evidence.py [--out docs/img/evidence-document-page.png]

Exports the site to a temporary folder, gives one statistic's mark keyboard
focus when the page opens (an ``autofocus`` attribute in a copy of the page,
so its tooltip shows as it does for a reader who tabs to it), renders the page
with headless Chromium and crops the legend and the first part of the text.
Needs Chromium (``apt-get install chromium``) and Pillow (installed with
matplotlib by the ``docs`` extra).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from PIL import Image  # noqa: E402 - the docs extra brings Pillow with matplotlib

import modslavery  # noqa: E402

#: The image's name in docs/img.
IMAGE = "evidence-document-page.png"
DOCUMENT = "pledge-mayoral-2024"
FOCUSED = "statistic-pledge-mayoral-2024-s02"
#: The part of the 1200 x 2400 page to keep: the "The text" heading, the legend and a few paragraphs.
CROP = (0, 330, 840, 1330)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / IMAGE)
    args = parser.parse_args(argv)

    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if browser is None:
        print("no Chromium found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        modslavery.export_html(site)
        page = site / "documents" / f"{DOCUMENT}.html"
        marked = page.read_text(encoding="utf-8")
        anchor = f'id="{FOCUSED}" tabindex="0"'
        if marked.count(anchor) != 1:
            print(f"no single mark {FOCUSED} on {page.name}", file=sys.stderr)
            return 1
        shot = page.with_name("screenshot.html")
        shot.write_text(marked.replace(anchor, anchor + " autofocus"), encoding="utf-8")
        picture = Path(tmp) / "page.png"
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/profile",
            "--hide-scrollbars", "--window-size=1200,2400", f"--screenshot={picture}", shot.as_uri(),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        with Image.open(picture) as image:
            image.crop(CROP).convert("RGB").save(args.out, optimize=True)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
