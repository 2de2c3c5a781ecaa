"""Importing the repository's scripts (benchmarks/, scripts/), which are not part of the package, by path."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def import_script(relative: str, name: str) -> ModuleType:
    """
    The module of the script at *relative* (to the repository root), imported once as *name*.

    Its folder is on ``sys.path`` while it runs, for its imports of its neighbours; it is put in
    ``sys.modules`` because dataclasses look their module up while the class is made.
    """
    path = ROOT / relative
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None, path
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module
