"""
Build src/modslavery/data/*.json from sources/*.txt and scripts/curation.py.

Usage: python scripts/build_data.py [--check]

Every span is computed here by locating a curated quote in its source text;
the build fails if a quote is missing or occurs more than once where one
occurrence was meant. With --check, nothing is written and the command fails
if the committed data differ from what the build produces.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import curation  # noqa: E402

from modslavery.dataset import FILES, Dataset, Parts  # noqa: E402
from modslavery.export.json import json_files, manifest_bytes  # noqa: E402
from modslavery.models import (  # noqa: E402
    Ask,
    Author,
    Basis,
    Campaign,
    DateClaim,
    Document,
    DocumentKind,
    Entity,
    EntityKind,
    Evidence,
    Exclusion,
    Geography,
    Judgement,
    Measure,
    Mention,
    Organisation,
    PartialDate,
    Period,
    Publisher,
    Qualifier,
    Signature,
    Statistic,
    TitleBasis,
    Unit,
    Verdict,
)
from modslavery.names import name_key  # noqa: E402

SOURCES = ROOT / "sources"
DATA = ROOT / "src" / "modslavery" / "data"


def read_source(name: str) -> str:
    return (SOURCES / name).read_bytes().decode("utf-8")


def find(text: str, quote: str, occurrence: int | None = None, *, start: int = 0) -> int:
    """Offset of *quote* in *text*; unique unless *occurrence* picks one."""
    hits = [m.start() for m in re.finditer(re.escape(quote), text[start:])]
    hits = [h + start for h in hits]
    if not hits:
        raise SystemExit(f"quote not found: {quote!r}")
    if occurrence is None:
        if len(hits) != 1:
            raise SystemExit(f"quote occurs {len(hits)} times, say which: {quote!r}")
        return hits[0]
    return hits[occurrence]


def evidence(text: str, quote: str) -> Evidence:
    at = find(text, quote)
    return Evidence(quote=quote, start=at, end=at + len(quote))


def date(value: str | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def date_claim(text: str, spec: dict | None) -> DateClaim | None:
    if spec is None:
        return None
    return DateClaim(
        start=date(spec["start"]),
        end=date(spec["end"]),
        time=spec.get("time"),
        timezone=spec.get("timezone"),
        basis=Basis(spec["basis"]),
        evidence=tuple(evidence(text, q) for q in spec["evidence"]),
        note=spec.get("note"),
    )


def build_documents() -> tuple[list[Document], dict[str, str]]:
    documents, texts = [], {}
    for spec in curation.DOCUMENTS:
        text = read_source(spec["source_file"])
        texts[spec["id"]] = text
        publisher = spec["publisher"]
        documents.append(
            Document(
                id=spec["id"],
                kind=DocumentKind(spec["kind"]),
                title=spec["title"],
                title_basis=TitleBasis(spec["title_basis"]),
                title_evidence=evidence(text, spec["title_quote"]) if spec["title_quote"] else None,
                source_file=spec["source_file"],
                text=text,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                authors=tuple(
                    Author(
                        name=a["name"],
                        role=a["role"],
                        organisation_id=a["organisation_id"],
                        basis=Basis(a["basis"]),
                        evidence=tuple(evidence(text, q) for q in a["evidence"]),
                    )
                    for a in spec["authors"]
                ),
                publisher=None
                if publisher is None
                else Publisher(
                    name=publisher["name"],
                    basis=Basis(publisher["basis"]),
                    evidence=tuple(evidence(text, q) for q in publisher["evidence"]),
                    note=publisher["note"],
                ),
                published=date_claim(text, spec["published"]),
                updated=date_claim(text, spec.get("updated")),
                notes=tuple(spec["notes"]),
            )
        )
    return documents, texts


def build_statistics(texts: dict[str, str]) -> list[Statistic]:
    statistics = []
    for document_id, specs in curation.STATISTICS.items():
        text = texts[document_id]
        for number, spec in enumerate(specs, start=1):
            at = find(text, spec["quote"])
            period = spec.get("period")
            conversion = spec.get("conversion_of")
            statistics.append(
                Statistic(
                    id=f"{document_id}-s{number:02d}",
                    document_id=document_id,
                    measure_id=spec["measure_id"],
                    description=spec["description"],
                    value=spec["value"],
                    unit=Unit(spec["unit"]),
                    qualifier=Qualifier(spec["qualifier"]),
                    geography=Geography(spec["geography"]) if spec["geography"] else None,
                    period=None
                    if period is None
                    else Period(
                        label=period["label"],
                        start=date(period["start"]),
                        end=date(period["end"]),
                        basis=Basis(period["basis"]),
                        note=period.get("note"),
                    ),
                    speaker_id=spec.get("speaker_id"),
                    conversion_of_id=None if conversion is None else f"{document_id}-s{conversion:02d}",
                    quote=spec["quote"],
                    start=at,
                    end=at + len(spec["quote"]),
                    note=spec.get("note"),
                )
            )
    return statistics


def list_lines(text: str, after: str) -> list[tuple[int, int, str]]:
    """The non-blank lines after the marker line, as (start, end, stripped text)."""
    begin = find(text, after) + len(after)
    lines = []
    for match in re.finditer(r"[^\n]+", text[begin:]):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        offset = begin + match.start() + (len(raw) - len(raw.lstrip()))
        lines.append((offset, offset + len(stripped), stripped))
    return lines


def build_signatures(texts: dict[str, str], index: dict[str, str]) -> list[Signature]:
    signatures = []
    for campaign in curation.CAMPAIGNS:
        text = texts[campaign["document_id"]]
        entries: list[tuple[int, int]] = []
        if campaign["id"] == "general-election-statement":
            for start, end, line in list_lines(text, campaign["list_after"]):
                marker = re.match(r"(\d+)\.\s+", line)
                if marker is None or int(marker.group(1)) != len(entries) + 1:
                    raise SystemExit(f"unexpected list line {line!r}")
                entries.append((start + marker.end(), end))
        else:
            continuations = list(curation.PLEDGE_CONTINUATIONS)
            for start, end, line in list_lines(text, campaign["list_after"]):
                if line in continuations:
                    continuations.remove(line)
                    entries[-1] = (entries[-1][0], end)
                else:
                    entries.append((start, end))
            if continuations:
                raise SystemExit(f"unused continuation lines: {continuations}")
        for position, (start, end) in enumerate(entries, start=1):
            name = " ".join(text[start:end].split())
            org_id = index.get(name_key(name))
            if org_id is None:
                raise SystemExit(f"no organisation has the name {name!r}")
            signatures.append(
                Signature(
                    id=f"{campaign['id']}-{position:02d}",
                    campaign_id=campaign["id"],
                    organisation_id=org_id,
                    position=position,
                    name_as_written=name,
                    start=start,
                    end=end,
                )
            )
    return signatures


def build_campaigns(texts: dict[str, str]) -> list[Campaign]:
    campaigns = []
    for spec in curation.CAMPAIGNS:
        text = texts[spec["document_id"]]
        asks = []
        for ask in spec["asks"]:
            number, heading = ask.get("number"), ask.get("heading")
            basis, note = Basis(ask.get("basis", "stated")), ask.get("note")
            if number is not None:
                start = find(text, f"\n{number}. ") + len(f"\n{number}. ")
                end = text.index("\n", start)
            else:
                start = find(text, ask["first"])
                end = find(text, ask["last"], start=start) + len(ask["last"])
                if heading is not None and not re.search(rf"\n{re.escape(heading)}\s*\n", text[:start]):
                    raise SystemExit(f"heading {heading!r} is not on its own line before its ask")
            asks.append(
                Ask(number=number, heading=heading, text=text[start:end], start=start, end=end, basis=basis, note=note)
            )
        support = spec["support_quote"]
        campaigns.append(
            Campaign(
                id=spec["id"],
                document_id=spec["document_id"],
                title=spec["title"],
                title_basis=TitleBasis(spec["title_basis"]),
                audience=spec["audience"],
                audience_evidence=tuple(evidence(text, q) for q in spec["audience_quotes"]),
                date=date_claim(text, spec["date"]),
                asks=tuple(asks),
                support_claim=evidence(text, support) if support else None,
                support_statistic_id=f"{spec['document_id']}-s{spec['support_statistic']:02d}"
                if spec["support_statistic"]
                else None,
                note=spec["note"],
            )
        )
    return campaigns


def mention(  # noqa: PLR0917 - the fields of a mention, named at each call
    document_id: str,
    number: int,
    surface: str,
    start: int,
    target: str,
    organisation_ids: set[str],
    *,
    inferred_from: tuple[Evidence, ...] = (),
    note: str | None = None,
) -> Mention:
    """One mention; with evidence, a mention inferred from it (a person by office, a name in lower case)."""
    is_org = target in organisation_ids
    return Mention(
        id=f"{document_id}-m{number:02d}",
        document_id=document_id,
        quote=surface,
        start=start,
        end=start + len(surface),
        organisation_id=target if is_org else None,
        entity_id=None if is_org else target,
        basis=Basis.INFERRED if inferred_from else Basis.STATED,
        evidence=inferred_from,
        note=note,
    )


def build_mentions(texts: dict[str, str], organisation_ids: set[str]) -> list[Mention]:
    mentions = []
    for document_id, targets in curation.MENTIONS.items():
        text = texts[document_id]
        found: list[tuple[int, int, str, str]] = []
        surfaces = [(s, t) for t, forms in targets.items() for s in forms]
        surfaces.sort(key=lambda pair: -len(pair[0]))
        for surface, target in surfaces:
            hits = 0
            for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                start, end = match.span()
                if any(t == target and s <= start and end <= e for s, e, t, _ in found):
                    continue  # inside a longer mention of the same target
                found.append((start, end, target, surface))
                hits += 1
            if hits == 0 and not any(t == target for *_, t, _ in found):
                raise SystemExit(f"{document_id}: no mention of {target} as {surface!r}")
        found.sort()
        for number, (start, _end, target, surface) in enumerate(found, start=1):
            mentions.append(mention(document_id, number, surface, start, target, organisation_ids))
        inferred = [m for m in curation.INFERRED_MENTIONS if m[0] == document_id]
        # Each surface is found inside its phrase, which must occur once in the text.
        located = sorted((find(text, m[3]) + m[3].index(m[2]), m) for m in inferred)
        for number, (start, (_, target, surface, _phrase, quotes, note)) in enumerate(located, start=len(found) + 1):
            inferred_from = tuple(evidence(text, q) for q in quotes)
            mentions.append(
                mention(
                    document_id,
                    number,
                    surface,
                    start,
                    target,
                    organisation_ids,
                    inferred_from=inferred_from,
                    note=note,
                )
            )
    return mentions


def build_exclusions(texts: dict[str, str], campaigns: list[Campaign]) -> list[Exclusion]:
    exclusions = []
    specs: list[tuple[str, str, str, int | None, int | None]] = [
        (d, q, r, o, None) for d, q, r, o in curation.EXCLUSIONS
    ]
    for campaign in campaigns:
        text = texts[campaign.document_id]
        for ask in campaign.asks:
            if ask.number is not None:
                marker = f"{ask.number}. "
                specs.append(
                    (
                        campaign.document_id,
                        marker,
                        f"Number of pledge {ask.number} as printed (kept as Ask.number).",
                        None,
                        ask.start - len(marker),
                    )
                )
    statement = next(c for c in curation.CAMPAIGNS if c["id"] == "general-election-statement")
    text = texts[statement["document_id"]]
    begin = find(text, statement["list_after"]) + len(statement["list_after"])
    block = text[begin:].strip()
    specs.append(
        (
            statement["document_id"],
            block,
            "The numbering 1-59 of the signatory list (kept as Signature.position); names in it are signatures.",
            None,
            None,
        )
    )
    counters: dict[str, int] = {}
    for document_id, quote, reason, occurrence, at in specs:
        text = texts[document_id]
        start = at if at is not None else find(text, quote, occurrence)
        if text[start : start + len(quote)] != quote:
            raise SystemExit(f"exclusion not at its place: {quote!r}")
        counters[document_id] = counters.get(document_id, 0) + 1
        exclusions.append(
            Exclusion(
                id=f"{document_id}-x{counters[document_id]:02d}",
                document_id=document_id,
                quote=quote,
                start=start,
                end=start + len(quote),
                reason=reason,
            )
        )
    return exclusions


def build() -> Parts:
    documents, texts = build_documents()
    organisations = [
        Organisation(id=i, name=name, acronyms=tuple(acr), aliases=tuple(aliases), note=note)
        for i, name, acr, aliases, note in curation.ORGANISATIONS
    ]
    index = {}
    for org in organisations:
        for name in org.names:
            index[name_key(name)] = org.id
    campaigns = build_campaigns(texts)
    return Parts(
        documents=tuple(documents),
        measures=tuple(Measure(id=i, label=label, description=d) for i, label, d in curation.MEASURES),
        statistics=tuple(build_statistics(texts)),
        organisations=tuple(organisations),
        campaigns=tuple(campaigns),
        signatures=tuple(build_signatures(texts, index)),
        entities=tuple(
            Entity(id=i, name=n, kind=EntityKind(k), aliases=tuple(a), note=note)
            for i, n, k, a, note in curation.ENTITIES
        ),
        mentions=tuple(build_mentions(texts, {o.id for o in organisations})),
        judgements=tuple(
            Judgement(id=i, verdict=Verdict(v), names=tuple(n), organisation_ids=tuple(o), rationale=r)
            for i, v, n, o, r in curation.JUDGEMENTS
        ),
        exclusions=tuple(build_exclusions(texts, campaigns)),
    )


def rendered(parts: Parts) -> dict[str, bytes]:
    files = json_files(parts)
    return {**files, "manifest.json": manifest_bytes(files)}


def main(argv: list[str]) -> int:
    parts = build()
    Dataset(parts)  # every integrity check the loader runs
    files = rendered(parts)
    if "--check" in argv:
        stale = [
            name
            for name, content in files.items()
            if not (DATA / name).is_file() or (DATA / name).read_bytes() != content
        ]
        if stale:
            print("data out of date, run python scripts/build_data.py:", ", ".join(stale), file=sys.stderr)
            return 1
        print("data up to date")
        return 0
    DATA.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (DATA / name).write_bytes(content)
    counts = ", ".join(f"{attribute}={len(getattr(parts, attribute))}" for _, attribute, _ in FILES)
    print(f"wrote {len(files)} files to {DATA.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
