"""
A deterministic, seeded generator of valid data in the bundled format, at any scale.

One unit of scale is one joint-statement document with its campaign and
100 signatures, 20 organisations, 10 statistics, 2 measures, 4 entities,
25 mentions, 5 judgements and 10 exclusions, so scale 1000 gives the
benchmark's data set of 100,000 signatures, 20,000 organisations, 1,000
campaigns and 10,000 statistics. A campaign's 100 signatories are distinct,
so the organisation pool never drops below 150.

Every record passes :meth:`modslavery.Dataset.from_directory`: each document's
``sha256`` is the hash of its text, every quote and signature name stands at its
span, every id reference resolves, and no two organisation or entity names share a
:func:`modslavery.names.name_key`. Some names carry accents, some signatures
use an acronym or alias, and some long names wrap over two lines of the text.

Usage::

    python benchmarks/synthetic.py OUT_DIR --scale 10 --seed 0
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path
from typing import Any

from modslavery.names import name_key

__all__ = ["FILENAMES", "PER_UNIT", "generate", "write"]

#: The data files, in the order the loader reads them.
FILENAMES = (
    "documents.json",
    "measures.json",
    "statistics.json",
    "organisations.json",
    "campaigns.json",
    "signatures.json",
    "entities.json",
    "mentions.json",
    "judgements.json",
    "exclusions.json",
)

#: Records of each file per unit of scale.
PER_UNIT = {
    "documents.json": 1,
    "measures.json": 2,
    "statistics.json": 10,
    "organisations.json": 20,
    "campaigns.json": 1,
    "signatures.json": 100,
    "entities.json": 4,
    "mentions.json": 25,
    "judgements.json": 5,
    "exclusions.json": 10,
}

SIGNATURES_PER_CAMPAIGN = 100
MIN_ORGANISATIONS = 150

_PLACES = (
    "Aberdeen", "Belfast", "Bristol", "Cardiff", "Coventry", "Derby", "Dundee", "Exeter", "Glasgow", "Hull",
    "Leeds", "Leicester", "Liverpool", "London", "Luton", "Manchester", "Newcastle", "Norwich", "Oxford",
    "Plymouth", "Reading", "Sheffield", "Swansea", "York", "Brent", "Camden", "Croydon", "Ealing", "Hackney",
    "Islington", "Kent", "Essex", "Devon", "Fife", "Powys", "Gwynedd", "Cumbria", "Zürich", "Málaga", "Kraków",
)  # fmt: skip
_CAUSES = (
    "Freedom", "Anti-Slavery", "Refugee", "Migrant Workers", "Survivor", "Justice", "Safe Haven", "Hope",
    "Women's Aid", "Children's", "Labour Rights", "Asylum", "Community", "Outreach", "Legal", "Advocacy",
    "Welcome", "Housing", "Restore", "Liberty", "Rescue", "Dignity", "Unity", "Shelter", "Recovery",
)  # fmt: skip
_KINDS = (
    "Trust", "Network", "Project", "Alliance", "Foundation", "Centre", "Partnership", "Collective", "Forum",
    "Initiative", "Association", "Coalition", "Service", "Society", "Council", "Fund", "Group", "Mission",
    "Charity", "Hub",
)  # fmt: skip
_FIRST = ("Amara", "Ben", "Chloe", "Dev", "Émile", "Fatima", "George", "Hana", "Ifeoma", "Jonas", "Kate", "Liam")
_LAST = ("Adeyemi", "Brown", "Clarke", "Dąbrowski", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Khan")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_UNITS = (("people", "people were referred"), ("offences", "offences were recorded"), ("GBP", "pounds was pledged"))
_QUALIFIERS = (("exact", ""), ("more_than", "more than "), ("approximately", "about "), ("at_least", "at least "))
_GEOGRAPHIES = ("united_kingdom", "england_and_wales", "europe", "worldwide")
_ENTITY_KINDS = ("person", "law", "report", "programme")


class _Text:
    """A document text built piece by piece, remembering where each quote lands."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def add(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def quote(self, before: str, quote: str, after: str) -> dict[str, Any]:
        """Append ``before + quote + after`` and return the quote's evidence."""
        self.add(before)
        start = self._length
        self.add(quote)
        self.add(after)
        return {"quote": quote, "start": start, "end": start + len(quote)}

    def value(self) -> str:
        return "".join(self._parts)


def _organisation_names(count: int, rng: random.Random) -> list[str]:
    """*count* distinct names, shuffled; past the 20,000 word combinations a round number is appended."""
    per_round = len(_PLACES) * len(_CAUSES) * len(_KINDS)
    chosen = sorted(rng.sample(range(per_round * (count // per_round + 1)), count))
    names = []
    for n in chosen:
        rnd, rest = divmod(n, per_round)
        rest, kind = divmod(rest, len(_KINDS))
        place, cause = divmod(rest, len(_CAUSES))
        name = f"{_PLACES[place]} {_CAUSES[cause]} {_KINDS[kind]}"
        names.append(name if rnd == 0 else f"{name} {rnd + 1}")
    rng.shuffle(names)
    return names


def _organisations(count: int, rng: random.Random) -> list[dict[str, Any]]:
    taken: set[str] = set()
    records = []
    for n, name in enumerate(_organisation_names(count, rng)):
        if name_key(name) in taken:  # pragma: no cover - the word lists are chosen so that this cannot happen
            msg = f"generated name {name!r} clashes"
            raise AssertionError(msg)
        taken.add(name_key(name))
        acronyms: list[str] = []
        aliases: list[str] = []
        if rng.random() < 0.25:
            acronym = "".join(word[0] for word in name.replace("-", " ").split() if word[0].isalpha()).upper()
            acronym += str(n)  # initials alone would clash
            if len(acronym) > 1 and name_key(acronym) not in taken:
                taken.add(name_key(acronym))
                acronyms.append(acronym)
        if rng.random() < 0.2:
            alias = f"{name} UK"
            if name_key(alias) not in taken:
                taken.add(name_key(alias))
                aliases.append(alias)
        records.append(
            {
                "id": f"org-{n:06d}",
                "name": name,
                "acronyms": acronyms,
                "aliases": aliases,
                "note": None if n % 7 else "A synthetic organisation.",
            }
        )
    return records


def _date(rng: random.Random) -> tuple[str, str]:
    """A random day as ISO text and as the text writes it."""
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year:04d}-{month:02d}-{day:02d}", f"{day} {_MONTHS[month - 1]} {year}"


class _Unit:
    """One unit of scale: a document whose text holds every quote of its records."""

    def __init__(self, u: int, pools: _Pools, out: dict[str, list[dict[str, Any]]]) -> None:
        self.u = u
        self.rng = pools.rng
        self.pools = pools
        self.out = out
        self.doc_id = f"doc-{u:06d}"
        self.campaign_id = f"campaign-{u:06d}"
        self.text = _Text()

    def build(self) -> None:
        iso, written = _date(self.rng)
        date_evidence = self.text.quote("Published on ", written, ".\n\n")
        audience = self.text.quote("", "We call on every political party to act on modern slavery", " this year.\n\n")
        statistics = self.statistics()
        self.exclusions()
        asks = self.asks()
        signatories = self.signatories()
        self.mentions(signatories)
        self.signatures(signatories)
        self.judgements(signatories)
        body = self.text.value()
        claim = {"start": iso, "end": iso, "basis": "stated", "time": None, "timezone": None, "note": None}
        self.out["documents.json"].append(
            {
                "id": self.doc_id,
                "kind": "joint_statement",
                "title": f"Joint statement {self.u + 1}",
                "title_basis": "editorial",
                "source_file": f"synthetic_{self.u:06d}.txt",
                "text": body,
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "title_evidence": None,
                "authors": [],
                "publisher": None,
                "published": {**claim, "evidence": [date_evidence]},
                "updated": None,
                "notes": ["Synthetic text for benchmarks."],
            }
        )
        self.out["campaigns.json"].append(
            {
                "id": self.campaign_id,
                "document_id": self.doc_id,
                "title": f"Campaign {self.u + 1}",
                "title_basis": "editorial",
                "audience": "Every political party",
                "audience_evidence": [audience],
                "date": {**claim, "evidence": [date_evidence]},
                "asks": asks,
                "support_claim": None,
                "support_statistic_id": statistics[0]["id"],
                "note": None,
            }
        )

    def statistics(self) -> list[dict[str, Any]]:
        rng, entities, measures = self.rng, self.pools.entities, self.pools.measures
        statistics = []
        for k in range(PER_UNIT["statistics.json"]):
            whole = rng.randint(2, 250_000)
            # Every fifth figure has a fraction, so both JSON number forms occur.
            fraction = k % 5 == 0
            unit, phrase = _UNITS[k % len(_UNITS)]
            qualifier, words = _QUALIFIERS[rng.randrange(len(_QUALIFIERS))]
            year = rng.randint(2015, 2024)
            quote = f"{words}{whole:,}{'.5' if fraction else ''} {phrase}"
            evidence = self.text.quote(f"In {year}, ", quote, " across the country.\n")
            speaker = entities[rng.randrange(len(entities))]
            period = {"label": f"In {year}", "start": str(year), "end": str(year), "basis": "stated", "note": None}
            statistics.append(
                {
                    "id": f"{self.doc_id}-s{k + 1:02d}",
                    "document_id": self.doc_id,
                    "measure_id": measures[rng.randrange(len(measures))],
                    "description": f"Synthetic figure {k + 1} of {self.doc_id}",
                    "value": whole + 0.5 if fraction else whole,
                    "unit": unit,
                    "qualifier": qualifier,
                    **evidence,
                    "geography": _GEOGRAPHIES[k % len(_GEOGRAPHIES)] if k % 3 else None,
                    "period": period if k % 2 else None,
                    "speaker_id": speaker["id"] if speaker["kind"] == "person" else None,
                    "conversion_of_id": None,
                    "note": None,
                }
            )
        self.out["statistics.json"].extend(statistics)
        return statistics

    def exclusions(self) -> None:
        for k in range(PER_UNIT["exclusions.json"]):
            year = self.rng.randint(1990, 2014)
            evidence = self.text.quote("The network was first convened ", f"in {year}", ", and met again later.\n")
            self.out["exclusions.json"].append(
                {
                    "id": f"{self.doc_id}-x{k + 1:02d}",
                    "document_id": self.doc_id,
                    **evidence,
                    "reason": "A year, not a quantity.",
                }
            )

    def asks(self) -> list[dict[str, Any]]:
        asks = []
        for k, heading in enumerate(("Prevent exploitation", "Protect survivors", "Prosecute offenders")):
            self.text.add(f"\n{k + 1}. {heading}\n")
            body = f"Any future government must commit to measure {self.u}.{k + 1} within its first year in office."
            evidence = self.text.quote("", body, "\n")
            asks.append(
                {"number": k + 1, "heading": heading, "text": body, "start": evidence["start"], "end": evidence["end"]}
            )
        return asks

    def signatories(self) -> list[int]:
        """Distinct organisations: 30 from a popular few hundred, the rest from everyone."""
        rng, count = self.rng, len(self.pools.organisations)
        chosen = rng.sample(range(min(count, 6 * SIGNATURES_PER_CAMPAIGN)), 30)
        taken = set(chosen)
        rest = [n for n in rng.sample(range(count), SIGNATURES_PER_CAMPAIGN + 30) if n not in taken]
        return chosen + rest[: SIGNATURES_PER_CAMPAIGN - len(chosen)]

    def mentions(self, signatories: list[int]) -> None:
        self.text.add("\nWe thank our partners.\n")
        entities, organisations = self.pools.entities, self.pools.organisations
        for k in range(PER_UNIT["mentions.json"]):
            if k % 5 == 0:
                entity = entities[self.rng.randrange(len(entities))]
                evidence = self.text.quote("We welcome the work of ", entity["name"], ".\n")
                target = {"organisation_id": None, "entity_id": entity["id"]}
            else:
                org = organisations[signatories[k]]
                evidence = self.text.quote("Thanks to ", org["name"], " for its support.\n")
                target = {"organisation_id": org["id"], "entity_id": None}
            self.out["mentions.json"].append(
                {"id": f"{self.doc_id}-m{k + 1:02d}", "document_id": self.doc_id, **evidence, **target}
            )

    def signatures(self, signatories: list[int]) -> None:
        self.text.add("\nSigned:\n")
        for position, n in enumerate(signatories, start=1):
            org = self.pools.organisations[n]
            roll = self.rng.random()
            if roll < 0.1 and org["acronyms"]:
                written = org["acronyms"][0]
            elif roll < 0.2 and org["aliases"]:
                written = org["aliases"][0]
            else:
                written = org["name"]
            words = written.split(" ")
            # Every tenth long name wraps over two lines; the span covers the raw entry.
            wrap = len(words) > 2 and position % 10 == 0
            raw = " ".join(words[:2]) + "\n" + " ".join(words[2:]) if wrap else written
            evidence = self.text.quote("", raw, "\n")
            self.out["signatures.json"].append(
                {
                    "id": f"{self.campaign_id}-{position:03d}",
                    "campaign_id": self.campaign_id,
                    "organisation_id": org["id"],
                    "position": position,
                    "name_as_written": written,
                    "start": evidence["start"],
                    "end": evidence["end"],
                }
            )

    def judgements(self, signatories: list[int]) -> None:
        organisations = self.pools.organisations
        for k in range(PER_UNIT["judgements.json"]):
            a = organisations[signatories[2 * k]]
            b = organisations[signatories[2 * k + 1]]
            if k % 2 == 0 and (a["acronyms"] or a["aliases"]):
                other = (a["acronyms"] or a["aliases"])[0]
                verdict, names, ids = "same", [a["name"], other], [a["id"]]
            else:
                verdict, names, ids = "different", [a["name"], b["name"]], [a["id"], b["id"]]
            self.out["judgements.json"].append(
                {
                    "id": f"{self.doc_id}-j{k + 1}",
                    "verdict": verdict,
                    "names": names,
                    "organisation_ids": ids,
                    "rationale": "Synthetic judgement.",
                }
            )


class _Pools:
    """What every unit draws from: the random source, organisations, entities and measures."""

    def __init__(self, scale: int, rng: random.Random) -> None:
        self.rng = rng
        self.organisations = _organisations(max(PER_UNIT["organisations.json"] * scale, MIN_ORGANISATIONS), rng)
        self.measures = [f"measure-{n:05d}" for n in range(PER_UNIT["measures.json"] * scale)]
        self.entities: list[dict[str, Any]] = []
        people: set[str] = set()
        for n in range(PER_UNIT["entities.json"] * scale):
            kind = _ENTITY_KINDS[n % len(_ENTITY_KINDS)]
            if kind == "person":
                name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                if name in people:  # two entities may not share a name: a repeated one is numbered
                    name = f"{name} {n}"
                people.add(name)
            else:
                name = f"The {rng.choice(_PLACES)} {kind.title()} {n}"
            self.entities.append({"id": f"entity-{n:06d}", "name": name, "kind": kind, "aliases": [], "note": None})


def generate(scale: int, seed: int = 0) -> dict[str, list[dict[str, Any]]]:
    """
    The records of every data file at *scale* units, the same for the same *seed*.

    Example:
        >>> files = generate(2)
        >>> len(files["signatures.json"]), len(files["campaigns.json"])
        (200, 2)

    """
    if scale < 1:
        msg = f"scale must be at least 1, not {scale}"
        raise ValueError(msg)
    pools = _Pools(scale, random.Random(seed))
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in FILENAMES}
    out["organisations.json"] = pools.organisations
    out["measures.json"] = [
        {"id": m, "label": f"Synthetic measure {n}", "description": "Counted for benchmarks."}
        for n, m in enumerate(pools.measures)
    ]
    out["entities.json"] = pools.entities
    for u in range(scale):
        _Unit(u, pools, out).build()
    return out


def dumps(records: list[dict[str, Any]]) -> str:
    """One file's text in the bundled layout: two-space indent, UTF-8 kept, final newline."""
    return json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write(directory: str | Path, scale: int, seed: int = 0) -> list[Path]:
    """
    Write a data directory at *scale* (created if missing) and return the files written.

    Example:
        >>> import tempfile, modslavery
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = write(tmp, 1)
        ...     len(modslavery.Dataset.from_directory(tmp).campaigns)
        1

    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, records in generate(scale, seed).items():
        path = folder / filename
        path.write_text(dumps(records), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1] if __doc__ else None)
    parser.add_argument("directory")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write(args.directory, args.scale, args.seed)
    print(f"wrote {len(paths)} files to {args.directory} at scale {args.scale} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
