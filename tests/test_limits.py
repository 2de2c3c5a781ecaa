"""
Limits on untrusted data directories: size, nesting, paths, and full validation (#9).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import modslavery
from modslavery._files import DEFAULT_MAX_FILE_BYTES, bundled_files, inside
from modslavery._json import DEFAULT_MAX_DEPTH, _nesting_within, _structure, parse_json
from modslavery.dataset import FILES
from modslavery.integrity import verify_directory

NAMES = [filename for filename, _, _ in FILES]


def _depth(value: object) -> int:
    """Nesting depth of a JSON value, computed independently of the loader: [] is 1, [[]] is 2, 0 is 0."""
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _line_column(text: str, line: int, column: int) -> str:
    return text.splitlines()[line - 1][column - 1]


class TestDefaults:
    def test_documented_defaults(self) -> None:
        """64 MiB and 64 levels, as SECURITY.md and docs/security.md say."""
        assert DEFAULT_MAX_FILE_BYTES == 64 * 1024 * 1024
        assert DEFAULT_MAX_DEPTH == 64
        parameters = inspect.signature(modslavery.Dataset.from_directory).parameters
        assert parameters["max_file_bytes"].default == DEFAULT_MAX_FILE_BYTES
        assert parameters["max_depth"].default == DEFAULT_MAX_DEPTH
        assert inspect.signature(parse_json).parameters["max_depth"].default == DEFAULT_MAX_DEPTH

    def test_docs_state_the_defaults(self) -> None:
        root = Path(__file__).resolve().parent.parent
        for doc in (root / "SECURITY.md", root / "docs" / "security.md"):
            text = doc.read_text(encoding="utf-8")
            assert "max_file_bytes" in text
            assert "max_depth" in text
            assert "64 MiB" in text
            assert "64 levels" in text

    def test_bundled_data_is_well_within_the_depth_limit(self) -> None:
        depths = {name: _depth(json.loads(bundled_files().joinpath(name).read_bytes())) for name in NAMES}
        assert max(depths.values()) == 6
        assert depths["documents.json"] == 6


class TestMaxFileBytes:
    def test_limit_is_inclusive(self, data_dir: Path) -> None:
        """A file exactly at the limit loads; one byte less and the largest file is refused by name."""
        sizes = {name: (data_dir / name).stat().st_size for name in NAMES}
        largest = max(sizes, key=sizes.__getitem__)
        modslavery.Dataset.from_directory(data_dir, max_file_bytes=sizes[largest])
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir, max_file_bytes=sizes[largest] - 1)
        assert info.value.problems == (
            f"{largest}: {sizes[largest]} bytes is over the limit of {sizes[largest] - 1} (max_file_bytes)",
        )

    def test_every_oversized_file_is_reported(self, data_dir: Path) -> None:
        limit = 3000
        too_big = sorted(name for name in NAMES if (data_dir / name).stat().st_size > limit)
        assert len(too_big) >= 5
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir, max_file_bytes=limit)
        assert sorted(p.split(":")[0] for p in info.value.problems) == too_big

    def test_a_huge_file_is_refused_before_it_is_read(self, data_dir: Path) -> None:
        """A sparse 2 GiB file: refused from its size, without reading it."""
        with (data_dir / "measures.json").open("r+b") as handle:
            handle.truncate(2 * 1024**3)
        with pytest.raises(modslavery.DataError, match=r"measures\.json: 2147483648 bytes is over the limit"):
            modslavery.Dataset.from_directory(data_dir)


class TestMaxDepth:
    def test_limit_is_inclusive_on_the_bundled_data(self, data_dir: Path) -> None:
        """documents.json nests 6 deep: max_depth=6 loads, 5 is refused at the first 6th-level bracket."""
        modslavery.Dataset.from_directory(data_dir, max_depth=6)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir, max_depth=5)
        (problem,) = info.value.problems
        name, where, message = problem.split(": ")
        assert (name, message) == ("documents.json", "nested deeper than max_depth=5")
        _, line, _, column = where.split()
        text = (data_dir / "documents.json").read_text(encoding="utf-8")
        assert _line_column(text, int(line), int(column)) in "[{"

    @pytest.mark.parametrize("depth", [65, 1000, 100_000, 1_000_000])
    def test_deep_nesting_is_a_data_error(self, data_dir: Path, depth: int) -> None:
        """Never a RecursionError, however deep; refused at the 65th bracket on line 1."""
        (data_dir / "measures.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == ("measures.json: line 1 column 65: nested deeper than max_depth=64",)

    def test_nesting_beyond_the_interpreter_is_a_data_error(self) -> None:
        """With the limit raised past what Python can parse, the RecursionError still becomes a DataError."""
        depth = 200_000
        with pytest.raises(modslavery.DataError, match=r"x\.json: \$: nesting is too deep to parse"):
            parse_json(b"[" * depth + b"]" * depth, "x.json", max_depth=10 * depth)

    def test_brackets_in_strings_do_not_count(self) -> None:
        text = json.dumps(["[[[[{{{{", {"a": ']]]]\\"[[[['}, "\u00e9[", "\\"])
        assert parse_json(text.encode(), "x.json", max_depth=2) == json.loads(text)

    @settings(max_examples=500, deadline=None)
    @given(
        value=st.recursive(
            st.none() | st.text(alphabet='[]{}":\\/ab\u00e9\n', max_size=8),
            lambda c: (
                st.lists(c, max_size=3) | st.dictionaries(st.text(alphabet='[]{}":\\k', max_size=4), c, max_size=3)
            ),
            max_leaves=20,
        ),
        ascii_only=st.booleans(),
    )
    def test_nesting_scan_agrees_with_a_recursive_depth(self, value, ascii_only: bool) -> None:
        """The scan without parsing (escapes and strings dropped, then innermost pairs) gives the recursive depth."""
        data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
        depth = _depth(value)
        marks = _structure(data)
        assert _nesting_within(marks, depth)
        if depth:
            assert not _nesting_within(marks, depth - 1)

    @settings(max_examples=300, deadline=None)
    @given(
        value=st.recursive(
            st.none() | st.integers() | st.text(alphabet='[]{}"\\ab\u00e9\n', max_size=6),
            lambda c: (
                st.lists(c, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\k', max_size=3), c, max_size=3)
            ),
            max_leaves=30,
        ),
        limit=st.integers(0, 12),
        ascii_only=st.booleans(),
        indent=st.sampled_from([None, 1]),
    )
    def test_refused_exactly_when_too_deep(self, value, limit: int, ascii_only: bool, indent) -> None:
        """parse_json refuses a document iff its depth (computed here by recursion) exceeds the limit."""
        data = json.dumps(value, ensure_ascii=ascii_only, indent=indent).encode("utf-8")
        if _depth(value) > limit:
            with pytest.raises(modslavery.DataError, match=rf"nested deeper than max_depth={limit}"):
                parse_json(data, "x.json", max_depth=limit)
        else:
            assert parse_json(data, "x.json", max_depth=limit) == value

    @pytest.mark.parametrize("depth", [1, 7, 8, 9, 10, 17, 40])
    @pytest.mark.parametrize("slack", [-2, -1, 0, 1])
    def test_exact_past_the_quick_passes(self, depth: int, slack: int) -> None:
        """Deep documents (past the scan's innermost-pair passes) are refused exactly at the limit, with siblings."""
        chain: object = []
        for level in range(depth - 1):  # arrays and objects in turn, from the inside out
            chain = {"k": chain} if level % 2 else [chain]
        text = json.dumps([chain, [], {}, chain])
        value = json.loads(text)
        limit = _depth(value) + slack
        if limit < 0:
            return
        if slack < 0:
            with pytest.raises(modslavery.DataError, match=rf"nested deeper than max_depth={limit}$"):
                parse_json(text.encode(), "x.json", max_depth=limit)
        else:
            assert parse_json(text.encode(), "x.json", max_depth=limit) == value


class TestPaths:
    def test_symlink_to_a_file_outside_is_refused(self, data_dir: Path, tmp_path_factory) -> None:
        outside = tmp_path_factory.mktemp("outside") / "measures.json"
        shutil.copyfile(data_dir / "measures.json", outside)
        (data_dir / "measures.json").unlink()
        (data_dir / "measures.json").symlink_to(outside)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == (f"measures.json: links outside the data directory (to {outside.resolve()})",)

    def test_symlink_with_dotdot_is_refused(self, data_dir: Path) -> None:
        (data_dir / "sub").mkdir()
        shutil.move(data_dir / "entities.json", data_dir / "sub" / "entities.json")
        (data_dir / "entities.json").symlink_to(Path("sub") / ".." / "sub" / "entities.json")
        with pytest.raises(modslavery.DataError, match=r"^entities\.json: links outside the data directory"):
            modslavery.Dataset.from_directory(data_dir)

    def test_symlink_inside_the_directory_is_followed(self, data_dir: Path) -> None:
        shutil.move(data_dir / "measures.json", data_dir / "measures-real.json")
        (data_dir / "measures.json").symlink_to("measures-real.json")
        assert len(modslavery.Dataset.from_directory(data_dir).measures) == len(modslavery.load().measures)

    def test_the_directory_itself_may_be_a_link(self, data_dir: Path, tmp_path_factory) -> None:
        link = tmp_path_factory.mktemp("links") / "data"
        link.symlink_to(data_dir, target_is_directory=True)
        assert len(modslavery.Dataset.from_directory(link).documents) == 5

    def test_a_fifo_is_refused_without_blocking(self, data_dir: Path) -> None:
        (data_dir / "judgements.json").unlink()
        os.mkfifo(data_dir / "judgements.json")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == ("judgements.json: not a regular file",)

    def test_a_directory_in_place_of_a_file_is_refused(self, data_dir: Path) -> None:
        (data_dir / "mentions.json").unlink()
        (data_dir / "mentions.json").mkdir()
        with pytest.raises(modslavery.DataError, match=r"^mentions\.json: "):
            modslavery.Dataset.from_directory(data_dir)

    def test_missing_files_are_all_reported(self, data_dir: Path) -> None:
        (data_dir / "mentions.json").unlink()
        (data_dir / "exclusions.json").unlink()
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == (
            f"mentions.json: missing from {data_dir}",
            f"exclusions.json: missing from {data_dir}",
        )

    def test_a_loop_of_links_in_place_of_a_file_is_a_data_error(self, data_dir: Path) -> None:
        """Path.resolve() raises RuntimeError (OSError from Python 3.13) on a loop: a DataError naming the file."""
        (data_dir / "entities.json").unlink()
        (data_dir / "entities.json").symlink_to("loop.json")
        (data_dir / "loop.json").symlink_to("entities.json")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        (problem,) = info.value.problems
        assert problem.startswith(f"entities.json: cannot resolve {data_dir / 'entities.json'} (")

    def test_a_directory_that_is_a_loop_of_links_is_a_data_error(self, tmp_path: Path) -> None:
        (tmp_path / "data").symlink_to("data")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(tmp_path / "data")
        (problem,) = info.value.problems
        assert problem.startswith(f"{tmp_path / 'data'}: cannot read the directory (")

    @pytest.mark.usefixtures("file_modes_apply")
    def test_an_unreadable_directory_is_a_data_error(self, data_dir: Path) -> None:
        """chmod 000 on the data folder (#19): a DataError naming it, not a PermissionError."""
        data_dir.chmod(0)
        try:
            with pytest.raises(modslavery.DataError) as info:
                modslavery.Dataset.from_directory(data_dir)
        finally:
            data_dir.chmod(0o700)
        assert info.value.problems == (f"{data_dir}: cannot read the directory (Permission denied)",)

    @pytest.mark.usefixtures("file_modes_apply")
    def test_an_unreadable_file_is_a_data_error(self, data_dir: Path) -> None:
        """chmod 000 on one data file (#19): a DataError naming the file and its path."""
        path = data_dir / "entities.json"
        path.chmod(0)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == (f"entities.json: cannot read {path.resolve()} (Permission denied)",)

    def test_a_directory_the_system_will_not_list_is_a_data_error(
        self, data_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The chmod 000 case wherever the tests run (root ignores modes): listing raises PermissionError."""

        def refuse(path: Path) -> None:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(Path, "iterdir", refuse)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == (f"{data_dir}: cannot read the directory (Permission denied)",)

    @pytest.mark.parametrize(
        ("error", "reason"),
        [
            (PermissionError(13, "Permission denied"), "Permission denied"),
            (OSError(5, "Input/output error"), "Input/output error"),
        ],
    )
    def test_a_file_the_system_will_not_open_is_a_data_error(
        self, data_dir: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
    ) -> None:
        """The chmod 000 case on one file wherever the tests run: opening it raises an OS error."""
        real_open = os.open
        target = str((data_dir / "entities.json").resolve())

        def failing_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if os.fspath(path) == target:  # type: ignore[arg-type]
                raise error
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", failing_open)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == (f"entities.json: cannot read {target} ({reason})",)

    def test_a_directory_path_with_a_nul_byte(self) -> None:
        # The wording is the interpreter's: "embedded null byte", or "... null character in path" on 3.13.
        with pytest.raises(
            modslavery.DataError, match=r"not a usable directory path \(.*embedded null (byte|character)"
        ):
            modslavery.Dataset.from_directory("data\0dir")

    def test_a_file_instead_of_a_directory(self, data_dir: Path) -> None:
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir / "documents.json")
        assert info.value.problems == (f"{data_dir / 'documents.json'}: not a directory",)

    @pytest.mark.parametrize(
        "name", ["..", ".", "", "../documents.json", "/etc/passwd", "a/b.json", "a\\b.json", "x\0"]
    )
    def test_inside_refuses_names_that_leave(self, data_dir: Path, name: str) -> None:
        with pytest.raises(modslavery.DataError, match="not a plain file name inside the data directory"):
            inside(data_dir, name)

    def test_inside_accepts_plain_names(self, data_dir: Path) -> None:
        assert inside(data_dir, "documents.json") == (data_dir / "documents.json").resolve()


class TestValidationIsNeverSkipped:
    def _copy_manifest(self, directory: Path) -> None:
        (directory / "manifest.json").write_bytes(bundled_files().joinpath("manifest.json").read_bytes())

    def test_bundled_copy_with_its_manifest_loads(self, data_dir: Path) -> None:
        self._copy_manifest(data_dir)
        assert verify_directory(data_dir) == []
        assert len(modslavery.Dataset.from_directory(data_dir).signatures) == 114

    def test_invalid_record_with_a_matching_manifest_is_refused(self, data_dir: Path) -> None:
        """The manifest's hashes match the (bad) files exactly, and the records are still validated."""
        path = data_dir / "signatures.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[7]["position"] = "8"
        path.write_text(json.dumps(records, indent=2), encoding="utf-8")
        manifest = {
            "data_version": modslavery.__data_version__,
            "files": {name: hashlib.sha256((data_dir / name).read_bytes()).hexdigest() for name in NAMES},
        }
        (data_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert verify_directory(data_dir) == []
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert info.value.problems == ("signatures.json: $[7].position: expected an integer, got a string",)

    def test_cross_record_problem_with_a_matching_manifest_is_refused(self, data_dir: Path) -> None:
        self._copy_manifest(data_dir)
        path = data_dir / "statistics.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[2]["end"] += 1
        path.write_text(json.dumps(records), encoding="utf-8")
        manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"]["statistics.json"] = hashlib.sha256(path.read_bytes()).hexdigest()
        (data_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert verify_directory(data_dir) == []
        with pytest.raises(modslavery.DataError, match=r"statistics\.json: \$\[2\]\.quote: quote .* is not at"):
            modslavery.Dataset.from_directory(data_dir)


class TestParseErrors:
    def test_syntax_error_keeps_line_and_column(self) -> None:
        with pytest.raises(modslavery.DataError) as info:
            parse_json(b'[\n  {"a": 1,\n   "b" 2}\n]', "x.json")
        assert info.value.problems == ("x.json: line 3 column 8: Expecting ':' delimiter",)

    def test_invalid_utf8_names_the_byte(self) -> None:
        with pytest.raises(modslavery.DataError) as info:
            parse_json(b'["ok", "\xff"]', "x.json")
        assert info.value.problems == ("x.json: byte 8: not valid UTF-8 (invalid start byte)",)

    def test_byte_order_mark(self) -> None:
        with pytest.raises(modslavery.DataError, match=r"x\.json: line 1 column 1: byte order mark"):
            parse_json(b"\xef\xbb\xbf[]", "x.json")

    def test_every_repeated_key_is_reported_with_its_path(self) -> None:
        data = b'[{"id": "a", "x": {"k": 1, "k": 2, "k": 3}}, {"id": "b", "id": "c", "odd key": 1, "odd key": 2}]'
        with pytest.raises(modslavery.DataError) as info:
            parse_json(data, "x.json")
        assert info.value.problems == (
            "x.json: $[0].x.k: duplicate key 'k'",
            "x.json: $[0].x.k: duplicate key 'k'",
            "x.json: $[1].id: duplicate key 'id'",
            "x.json: $[1][\"odd key\"]: duplicate key 'odd key'",
        )

    @settings(max_examples=300, deadline=None)
    @given(
        objects=st.lists(
            st.lists(st.tuples(st.text(alphabet='ab:"\\{}[] \u00e9', max_size=3), st.integers(0, 9)), max_size=4),
            max_size=4,
        ),
        nest=st.booleans(),
    )
    def test_repeated_keys_are_found_whatever_the_keys_hold(self, objects, nest: bool) -> None:
        """Keys holding colons, quotes, brackets and escapes: refused exactly when an object repeats a key."""
        members = ["{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in pairs) + "}" for pairs in objects]
        if nest:  # the same objects again, as values inside an object
            members.append("{" + ", ".join(f'"n{i}": {m}' for i, m in enumerate(members)) + "}")
        text = "[" + ", ".join(members) + "]"
        repeated = [k for pairs in objects for i, (k, _) in enumerate(pairs) if k in [key for key, _ in pairs[:i]]]
        if repeated:
            with pytest.raises(modslavery.DataError) as info:
                parse_json(text.encode(), "x.json")
            assert all("duplicate key" in problem for problem in info.value.problems)
            assert len(info.value.problems) == len(repeated) * (2 if nest else 1)
        else:
            assert parse_json(text.encode(), "x.json") == json.loads(text)

    def test_over_long_integer_has_its_position(self) -> None:
        digits = "7" * 5000
        data = f'[\n  "{digits}",\n  {digits}\n]'.encode()
        with pytest.raises(modslavery.DataError) as info:
            parse_json(data, "x.json")
        assert info.value.problems == ("x.json: line 3 column 3: integer of 5000 digits is too long",)

    @pytest.mark.parametrize(
        ("literal", "shown"),
        [
            ("1e-400", "1e-400"),
            ("-1E-400", "-1E-400"),
            ("2e-324", "2e-324"),
            ("0." + "0" * 400 + "1", "0." + "0" * 22 + "... (403 characters)"),
        ],
    )
    def test_a_number_that_underflows_to_zero_has_its_position(self, literal: str, shown: str) -> None:
        """A literal that is not zero but reads as 0.0 (#19); the same text inside a string is no number."""
        assert float(literal) == 0.0  # the premise: Python's float reads it as zero
        data = f'[\n  "{literal}", 1.5,\n  {literal}\n]'.encode()
        with pytest.raises(modslavery.DataError) as info:
            parse_json(data, "x.json")
        expected = f"x.json: line 3 column 3: {shown} is not zero, but too small for a float: it would read as 0.0"
        assert info.value.problems == (expected,)

    @pytest.mark.parametrize("literal", ["0.0", "-0.0", "0e-400", "0.000e5", "-0E0", "5e-324", "1e-300"])
    def test_zero_and_small_numbers_read_as_written(self, literal: str) -> None:
        assert parse_json(f"[{literal}]".encode(), "x.json") == [float(literal)]

    @pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
    def test_non_standard_constants(self, literal: str) -> None:
        with pytest.raises(modslavery.DataError, match=rf"x\.json: line 1 column 2: {literal} is not a number in JSON"):
            parse_json(f"[{literal}]".encode(), "x.json")
