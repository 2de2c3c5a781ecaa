"""docs/data.md documents every field of every model and every vocabulary value (issue #4)."""

from __future__ import annotations

import enum
from pathlib import Path

import attrs

from modslavery import models

DOC = (Path(__file__).resolve().parent.parent / "docs" / "data.md").read_text(encoding="utf-8")


def test_every_field_is_documented() -> None:
    for name in models.__all__:
        cls = getattr(models, name)
        if attrs.has(cls):
            for field in attrs.fields(cls):
                assert f"`{field.name}`" in DOC, f"{name}.{field.name}"


def test_every_vocabulary_value_is_documented() -> None:
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            for member in cls:
                assert f"`{member.value}`" in DOC, f"{name}.{member.name}"


def test_every_data_file_is_listed() -> None:
    from modslavery.dataset import FILES

    for filename, _, _ in FILES:
        assert f"`{filename}`" in DOC
