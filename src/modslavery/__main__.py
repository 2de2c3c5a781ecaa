"""
Run the command line with ``python -m modslavery``.

Example:
    >>> from modslavery.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    modslavery 0.1.0 (data 2026.12.04)
    0

"""

from modslavery.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
