"""`import modslavery` stays light: no data read, no cattrs, no heavy modules (issue #3)."""

from __future__ import annotations

import json
import subprocess
import sys

import modslavery

HEAVY = [
    "cattrs",
    "json",
    "sqlite3",
    "csv",
    "pandas",
    "matplotlib",
    "importlib.metadata",
    "argparse",
    "difflib",
    "unicodedata",
]


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nmods = sorted(sys.modules)\nimport json\nprint(json.dumps(mods))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_import_is_light() -> None:
    loaded = _modules_after("import modslavery")
    assert not [m for m in HEAVY if m in loaded]
    assert "modslavery._loader" not in loaded


def test_first_use_loads() -> None:
    loaded = _modules_after("import modslavery; modslavery.load()")
    # One path for bundled and users' data alike: cattrs structures every record (#17).
    assert "cattrs" in loaded
    assert "modslavery._loader" in loaded


def test_version_is_a_literal_in_step_with_pyproject() -> None:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"$', text, flags=re.MULTILINE)
    assert match is not None
    assert modslavery.__version__ == match.group(1)


def test_all_is_sorted_and_resolvable() -> None:
    assert modslavery.__all__ == sorted(modslavery.__all__)
    for name in modslavery.__all__:
        assert getattr(modslavery, name) is not None, name
    assert set(modslavery.__all__) <= set(dir(modslavery))


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    import inspect

    for name in modslavery.__all__:
        obj = getattr(modslavery, name)
        if isinstance(obj, str):
            continue
        doc = inspect.getdoc(obj) or ""
        assert ">>>" in doc, name


def test_unknown_attribute() -> None:
    import pytest

    with pytest.raises(AttributeError):
        modslavery.no_such_thing  # noqa: B018
