"""
Draw the documentation's figures from the bundled data with modslavery.plot.

Usage: python scripts/make_figures.py [--out docs/img]

Writes signatory-overlap.png (who signed which campaign) and nrm-referrals.png
(the National Referral Mechanism referrals the sources state, by year). Needs
matplotlib: pip install -e ".[docs]" (or ".[plot]"). Rerun it after a data
change and commit the images; the figures' contents are checked by
tests/test_plot.py through the same functions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from modslavery import plot  # noqa: E402

#: Each image: file name, and the function call that draws it.
FIGURES = {
    "signatory-overlap.png": plot.signatory_overlap,
    "nrm-referrals.png": lambda: plot.statistic_series("nrm-referrals"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="directory for the PNG files")
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, draw in FIGURES.items():
        path = args.out / name
        # No "Software" stamp: the bytes then change only when the picture does.
        draw().savefig(path, dpi=args.dpi, facecolor="white", metadata={"Software": None})
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
