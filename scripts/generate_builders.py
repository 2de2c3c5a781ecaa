"""
Write src/modslavery/_trusted_builders.py, the builders of trusted records, from modslavery._trusted.

    python scripts/generate_builders.py          # write it
    python scripts/generate_builders.py --check  # exit 1 if the committed file is not current

Run it after changing a model; tests/test_trusted_load.py fails until you do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from modslavery._trusted import module_source

TARGET = Path(__file__).resolve().parents[1] / "src" / "modslavery" / "_trusted_builders.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--check", action="store_true", help="only check that the committed file is current")
    args = parser.parse_args()
    source = module_source()
    if args.check:
        current = TARGET.exists() and TARGET.read_text(encoding="utf-8") == source
        print(f"{TARGET.name}: {'current' if current else 'OUT OF DATE: run python scripts/generate_builders.py'}")
        return 0 if current else 1
    TARGET.write_text(source, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
