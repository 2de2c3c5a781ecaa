"""
The package's version and the version of its bundled data.

Modules that need them import them from here, not from the package root, so
that importing them never runs the package's lazy names.

Example:
    >>> import modslavery
    >>> modslavery.__version__ == __version__
    True

"""

from __future__ import annotations

__all__ = ["__data_version__", "__version__"]

__version__ = "0.1.0"
#: The version of the bundled data (a date); recorded in every export.
__data_version__ = "2026.12.04"
