"""
The organisation collection: exact lookup by any spelling, and ranked search.

Example:
    >>> import modslavery
    >>> orgs = modslavery.load().organisations
    >>> orgs.lookup("ATLEU").name
    'Anti Trafficking and Labour Exploitation Unit'

"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from modslavery._records import Records
from modslavery.errors import NotFound
from modslavery.models import Organisation
from modslavery.names import name_key, name_words, variant_keys

__all__ = ["Organisations", "build_loose_index", "build_name_index"]

#: Queries with a key this short (or shorter) are initials: partial matches are capped.
SHORT_QUERY = 4
#: The highest score a partial (non-exact) match can reach.
PARTIAL_CEILING = 0.9
#: The highest score a partial match of a short query can reach.
SHORT_CEILING = 0.4
#: Whole-word matches count as such only for queries longer than this (so "uk" stays a fragment).
WORD_MINIMUM = 2
#: The default lowest score :meth:`Organisations.search` returns.
MIN_SCORE = 0.5


def build_name_index(organisations: Iterable[Organisation]) -> tuple[dict[str, str], list[str]]:
    """
    Index every name, acronym and alias by :func:`~modslavery.names.name_key`.

    Returns the exact index (key to id) and a list of clashes: keys that two
    organisations share, or names with no letters or digits.

    Example:
        >>> exact, clashes = build_name_index([Organisation(id="a21", name="A21 UK", aliases=("A21",))])
        >>> exact["a21uk"], clashes
        ('a21', [])

    """
    exact: dict[str, str] = {}
    clashes: list[str] = []
    for org in organisations:
        for name in org.names:
            key = name_key(name)
            if not key:
                clashes.append(f"{org.id}: name {name!r} has no letters or digits")
                continue
            owner = exact.setdefault(key, org.id)
            if owner != org.id:
                clashes.append(f"{org.id}: name {name!r} is also a name of {owner!r}")
    return exact, clashes


def build_loose_index(organisations: Iterable[Organisation], exact: dict[str, str]) -> dict[str, frozenset[str]]:
    """
    Index the looser forms of every name (:func:`~modslavery.names.variant_keys`) to the ids they fit.

    Keys that are also exact keys are left out: an exact match always wins.

    Example:
        >>> orgs = [Organisation(id="a21", name="A21 UK")]
        >>> build_loose_index(orgs, build_name_index(orgs)[0])
        {'a21': frozenset({'a21'})}

    """
    loose: dict[str, set[str]] = {}
    for org in organisations:
        for name in org.names:
            for variant in variant_keys(name):
                loose.setdefault(variant, set()).add(org.id)
    return {k: frozenset(v) for k, v in loose.items() if k not in exact}


def _partial_score(query_key: str, query_words: list[str], name: str) -> float:
    """Score a non-exact match of a query against one name, in [0, PARTIAL_CEILING]."""
    key = name_key(name)
    words = name_words(name)
    share = len(query_key) / max(len(key), 1)
    if query_words and set(query_words) <= set(words) and len(query_key) > WORD_MINIMUM:
        # Whole words of the name: not an accident, even for a short query like "hope".
        return min(0.6 + 0.3 * share, PARTIAL_CEILING)
    score = 0.5 + 0.3 * share if key.startswith(query_key) else 0.0
    matcher = difflib.SequenceMatcher(None, query_key, key, autojunk=False)
    if matcher.real_quick_ratio() * 0.85 > score:
        score = max(score, 0.85 * matcher.ratio())
    score = min(score, PARTIAL_CEILING)
    if len(query_key) <= SHORT_QUERY:
        score = min(score, SHORT_CEILING)
    return score


class Organisations(Records[Organisation]):
    """
    Organisations with :meth:`lookup` (one exact answer) and :meth:`search` (ranked).

    Example:
        >>> import modslavery
        >>> orgs = modslavery.load().organisations
        >>> orgs.lookup("Unseen") is orgs.lookup("unseen uk")
        True

    """

    __slots__ = ("_exact_cache", "_loose_cache", "_spelled")
    _exact_cache: dict[str, str] | None
    _loose_cache: dict[str, frozenset[str]] | None
    _spelled: dict[str, Organisation]

    def __init__(self, items: Iterable[Organisation], *, index: dict[str, str] | None = None) -> None:
        items = tuple(items)
        set_field = object.__setattr__  # past the read-only __setattr__, as in Records
        # The normalised index is needed only when a name is not spelled as the data writes it;
        # a caller that has built it already (to check for clashes) passes it in.
        set_field(self, "_exact_cache", index)
        # The looser forms are needed only when an exact key misses: built on first use.
        set_field(self, "_loose_cache", None)
        # Every spelling exactly as the data writes it (in the order of Organisation.names), then
        # every id (ids win, as in the slow path): a name copied from the data costs one dict lookup.
        spelled: dict[str, Organisation] = {}
        for org in items:
            spelled[org.name] = org
            if org.acronyms or org.aliases:  # most have neither: no tuple to build
                for name in (*org.acronyms, *org.aliases):
                    spelled[name] = org
        for org in items:
            spelled[org.id] = org
        set_field(self, "_spelled", spelled)
        super().__init__(items, kind="organisation")

    def _exact(self) -> dict[str, str]:
        exact = self._exact_cache
        if exact is None:
            # Idempotent: racing threads build equal dicts, and either may be kept.
            exact = build_name_index(self._items)[0]
            object.__setattr__(self, "_exact_cache", exact)
        return exact

    def _loose(self) -> dict[str, frozenset[str]]:
        loose = self._loose_cache
        if loose is None:
            # Idempotent: racing threads build equal dicts, and either may be kept.
            loose = build_loose_index(self._items, self._exact())
            object.__setattr__(self, "_loose_cache", loose)
        return loose

    def lookup(self, name: str) -> Organisation:
        """
        The one organisation that *name* spells, in any way a person would type it.

        Case, accents, apostrophes, "&"/"and", "St."/"St", hyphens and spaces, a
        leading "The", a bracketed acronym and a "UK" tag do not matter; an
        acronym the sources give works alone. An id works too.

        Raises:
            NotFound: nothing matches, or the name fits more than one
                organisation; the message lists the closest names.

        Example:
            >>> import modslavery
            >>> orgs = modslavery.load().organisations
            >>> orgs.lookup("ECPAT").id
            'ecpat-uk'
            >>> orgs.lookup("bakhita centre for research on slavery exploitation and abuse st marys university").id
            'bakhita-centre'
            >>> orgs.lookup("Bakhita Centre")
            Traceback (most recent call last):
            ...
            modslavery.errors.NotFound: no organisation named 'Bakhita Centre'; closest: ...

        """
        try:
            return self._spelled[name]
        except (KeyError, TypeError):
            pass
        # Called after the handler, not in it, so that its errors do not chain the KeyError.
        return self._lookup_other(name)

    def _lookup_other(self, name: str) -> Organisation:
        """
        :meth:`lookup` of a name not spelled exactly as the data writes it.

        A method of its own so that ``lookup`` holds no closure: a generator
        over ``self`` here would make every call of ``lookup``, hits too,
        allocate a cell for ``self``.
        """
        if not isinstance(name, str):
            msg = f"lookup() takes a name as a string, not {type(name).__name__}"
            raise TypeError(msg)
        key = name_key(name)
        exact = self._exact()
        org_id = exact.get(key)
        if org_id is not None:
            return self._by_id[org_id]
        candidates: set[str] = set()
        for variant in {key} | variant_keys(name):
            candidates |= self._loose().get(variant, frozenset())
            if variant in exact:
                candidates.add(exact[variant])
        if len(candidates) == 1:
            return self._by_id[candidates.pop()]
        if candidates:
            names = sorted(self._by_id[c].name for c in candidates)
            msg = f"{name!r} could be any of: " + "; ".join(names)
            raise NotFound(msg, candidates=names)
        close = [org.name for org, _ in self.search(name, limit=3)]
        hint = "closest: " + "; ".join(close) if close else "no close names"
        msg = f"no organisation named {name!r}; {hint}"
        raise NotFound(msg, candidates=close)

    def search(
        self, query: str, *, limit: int | None = 10, min_score: float = MIN_SCORE
    ) -> list[tuple[Organisation, float]]:
        """
        Organisations ranked by how well a name, acronym or alias matches *query*.

        Scores are in [0, 1]: 1.0 is an exact match of a name, acronym or alias
        (after :func:`~modslavery.names.name_key`); a partial match scores at
        most 0.9, so an exact match always ranks first. A query whose words
        (three letters or more in all) are whole words of a name scores 0.6 to
        0.9, rising with the share of the name it covers; a prefix of the name
        scores 0.5 to 0.8; otherwise the difflib similarity times 0.85. Any
        other match of a query of four letters or fewer scores at most 0.4, so
        initials never rank a long name high by accident. Results below
        *min_score* (default 0.5) are left out; ties are broken by name.

        Example:
            >>> import modslavery
            >>> [(o.name, s) for o, s in modslavery.load().organisations.search("snowdrop", limit=1)]
            [('The Snowdrop Project', 0.76)]

        """
        key = name_key(query)
        if not key:
            return []
        words = name_words(query)
        scored: list[tuple[Organisation, float]] = []
        for org in self._items:
            best = 0.0
            for name in org.names:
                if name_key(name) == key:
                    best = 1.0
                    break
                best = max(best, _partial_score(key, words, name))
            if best >= min_score:
                scored.append((org, round(best, 4)))
        scored.sort(key=lambda pair: (-pair[1], pair[0].name))
        return scored if limit is None else scored[:limit]
