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


def test_every_rule_of_issue_19_has_a_line() -> None:
    """Each rule test_record_rules.py checks is stated in the rules section, one line each."""
    section = DOC.split("## Rules every record keeps", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    for phrase in (
        "9223372036854775807",
        "`1e-400`",
        "does not end before it starts",
        "`label` and `description` are not empty",
        "`source_file` is a plain file name",
        "`conversion_of_id` names another statistic",
        "`support_statistic_id` names a statistic of the campaign's own document",
        "entity's name and aliases name that entity only",
    ):
        assert sum(phrase in line for line in lines) == 1, phrase
