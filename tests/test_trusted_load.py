"""The bundled data skips re-checking only while its bytes match the package manifest (#8)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import modslavery
from modslavery import _integrity, _loader, dataset
from modslavery._loader import bundled_files, clear_cache

NAMES = [filename for filename, _, _ in dataset.FILES]


@pytest.fixture
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def _real_bytes(names: list[str]) -> dict[str, bytes]:
    folder = bundled_files()
    return {name: folder.joinpath(name).read_bytes() for name in names}


def test_manifest_records_the_sha256_of_every_bundled_file() -> None:
    data = _real_bytes([*NAMES, "manifest.json"])
    manifest = json.loads(data.pop("manifest.json"))
    assert manifest["files"] == {name: hashlib.sha256(raw).hexdigest() for name, raw in sorted(data.items())}
    assert _loader._matches_manifest(data, json.dumps(manifest).encode())


def test_matching_bytes_take_the_trusted_path(fresh_cache, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(_integrity, "check_parts", lambda *args: calls.append(args) or [])
    ds = modslavery.load()
    assert calls == []
    assert len(ds.signatures) == 114
    assert ds.organisations.lookup("Unseen").id == "unseen"


def test_changed_bytes_are_checked_in_full(fresh_cache, monkeypatch) -> None:
    """A data file that no longer matches the manifest is validated like any user directory."""

    def tampered(names: list[str]) -> dict[str, bytes]:
        data = _real_bytes(names)
        records = json.loads(data["signatures.json"])
        records[0]["start"] += 1
        data["signatures.json"] = json.dumps(records).encode()
        return data

    monkeypatch.setattr(_loader, "_bundled_bytes", tampered)
    with pytest.raises(modslavery.DataError, match=r"signatures.json: \$\[0\].name_as_written"):
        modslavery.load()


def test_a_broken_manifest_means_a_full_check(fresh_cache, monkeypatch) -> None:
    calls = []
    real = _integrity.check_parts
    monkeypatch.setattr(_integrity, "check_parts", lambda *args: calls.append(1) or real(*args))

    def without_manifest(names: list[str]) -> dict[str, bytes]:
        data = _real_bytes(names)
        data["manifest.json"] = b"{not json"
        return data

    monkeypatch.setattr(_loader, "_bundled_bytes", without_manifest)
    assert len(modslavery.load().signatures) == 114
    assert calls == [1]


@pytest.mark.parametrize("manifest", [b"[]", b'{"files": []}', b'{"files": {}}', b'{"data_version": "x"}'])
def test_manifest_shapes_that_trust_nothing(manifest: bytes) -> None:
    assert not _loader._matches_manifest(_real_bytes(NAMES), manifest)


def test_trusted_build_equals_the_validated_load(data_dir) -> None:
    """The bundled data built without checks (modslavery._trusted) equals, value and type, the fully validated load."""
    import attr

    from modslavery import _loader
    from modslavery.dataset import FILES

    trusted = _loader._load_bundled()
    validated = modslavery.Dataset.from_directory(data_dir)
    for _, attribute, _ in FILES:
        mine = [repr(attr.astuple(r, retain_collection_types=True)) for r in getattr(trusted, attribute)]
        theirs = [repr(attr.astuple(r, retain_collection_types=True)) for r in getattr(validated, attribute)]
        assert mine == theirs, attribute
        assert [type(r) for r in getattr(trusted, attribute)] == [type(r) for r in getattr(validated, attribute)]


def test_the_written_builders_are_current() -> None:
    """src/modslavery/_trusted_builders.py is exactly what the generator writes (scripts/generate_builders.py)."""
    from pathlib import Path

    from modslavery import _trusted

    written = Path(_trusted.__file__).with_name("_trusted_builders.py").read_text(encoding="utf-8")
    assert written == _trusted.module_source(), "run: python scripts/generate_builders.py"


def test_the_written_builders_are_what_load_uses(fresh_cache) -> None:
    import sys

    from modslavery import _trusted_builders

    ds = modslavery.load()
    assert "modslavery._trusted_builders" in sys.modules
    for filename, attribute, model in dataset.FILES:
        raw = json.loads(bundled_files().joinpath(filename).read_bytes())
        assert tuple(map(_trusted_builders.BUILDERS[model], raw)) == tuple(getattr(ds, attribute)), attribute


@pytest.mark.parametrize("hashlib_imported", [True, False])
def test_manifest_hash_is_sha256_whichever_implementation(monkeypatch, hashlib_imported: bool) -> None:
    import sys

    if not hashlib_imported:
        monkeypatch.delitem(sys.modules, "hashlib")
    for raw in [b"", b"abc", *_real_bytes(NAMES).values()]:
        assert _loader._sha256_hex(raw) == hashlib.sha256(raw).hexdigest()
    assert ("hashlib" in sys.modules) == hashlib_imported


def test_bundled_bytes_are_the_files_bytes() -> None:
    """The plain reads of an installed directory give what importlib.resources' own read_bytes gives."""
    assert _loader._bundled_bytes([*NAMES, "manifest.json"]) == _real_bytes([*NAMES, "manifest.json"])


def test_bundled_bytes_without_opening_relative_to_a_folder(monkeypatch) -> None:
    """Where os.open takes no dir_fd (Windows), the files are read by their whole paths, to the same bytes."""
    monkeypatch.setattr(_loader.os, "supports_dir_fd", set())
    opened = []
    real_open = _loader.os.open

    def spy(path, flags, *args, **kwargs):
        opened.append((path, kwargs.get("dir_fd")))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(_loader.os, "open", spy)
    assert _loader._bundled_bytes([*NAMES, "manifest.json"]) == _real_bytes([*NAMES, "manifest.json"])
    expected = [*NAMES, "manifest.json"]
    assert [Path(path).name for path, _ in opened] == expected
    assert [dir_fd for _, dir_fd in opened] == [None] * len(expected)


@pytest.mark.parametrize("most", [1, 7, 4096])
def test_short_reads_are_read_on_to_the_end(tmp_path, monkeypatch, most: int) -> None:
    """A read that returns less than asked (allowed, if rare, for a regular file) does not cut the file short."""
    content = bytes(range(256)) * 40
    (tmp_path / "a.json").write_bytes(content)
    real_read = _loader.os.read
    monkeypatch.setattr(_loader.os, "read", lambda fd, n: real_read(fd, min(n, most)))
    assert _loader._read_whole(str(tmp_path / "a.json")) == content
    assert _loader._read_files(str(tmp_path), ["a.json"]) == {"a.json": content}


@pytest.mark.parametrize("change", [-5, -1, 1, 5000])
def test_a_file_that_changed_size_since_fstat_is_read_whole(tmp_path, monkeypatch, change: int) -> None:
    """fstat's size is only a guess at what read() will give: the bytes are whatever the file holds to its end."""
    content = b"[" + b"1," * 3000 + b"1]"
    (tmp_path / "a.json").write_bytes(content)
    real_fstat = _loader.os.fstat

    class Stat:
        def __init__(self, fd):
            self.st_size = max(0, real_fstat(fd).st_size + change)

    monkeypatch.setattr(_loader.os, "fstat", Stat)
    assert _loader._read_whole(str(tmp_path / "a.json")) == content


def test_each_bundled_file_is_freed_before_the_next_is_parsed(fresh_cache, monkeypatch) -> None:
    """
    The trusted load holds one file's parsed JSON at a time.

    Parsing every file first kept all of it alive while the records were
    built, and the collections those records triggered went through it all
    (about a collection a load, against none now; see docs/performance.md).
    """
    import json as real_json
    import types

    live: list[int] = []  # parsed arrays not yet freed
    most_alive = []

    class Parsed(list):
        def __del__(self) -> None:
            live.pop()

    def loads(data, **kwargs):
        value = real_json.loads(data, **kwargs)
        if not isinstance(value, list):  # the manifest
            return value
        most_alive.append(len(live))
        live.append(1)
        return Parsed(value)

    monkeypatch.setattr(_loader, "json", types.SimpleNamespace(loads=loads))
    ds = modslavery.load()
    assert len(most_alive) == len(NAMES)  # the trusted path, one parse a file
    assert max(most_alive) == 0, most_alive  # nothing else alive when each file is parsed
    assert live == []
    assert len(ds.signatures) == len(real_json.loads(_real_bytes(["signatures.json"])["signatures.json"]))


def test_the_bundled_load_generates_and_checks_nothing() -> None:
    """A cold load() imports neither the generators nor the integrity checks: the builders are written ahead of time."""
    import subprocess
    import sys

    code = (
        "import sys, modslavery; modslavery.load().organisations.lookup('Unseen'); "
        "print(sorted(m for m in ('modslavery._fast', 'modslavery._trusted', 'modslavery._integrity', 'cattrs', "
        "'hashlib', 'difflib', 'html') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
