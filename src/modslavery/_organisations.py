"""
The organisation collection: exact lookup by any spelling, and ranked search.

Example:
    >>> import modslavery
    >>> orgs = modslavery.load().organisations
    >>> orgs.lookup("ATLEU").name
    'Anti Trafficking and Labour Exploitation Unit'

"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator, Sequence

from modslavery._records import Records
from modslavery._similar import TrigramIndex
from modslavery.errors import NotFound
from modslavery.models import Organisation
from modslavery.names import MAX_NAME_LENGTH, name_key, name_words, variant_keys

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
#: The weight of the trigram similarity, so that a fuzzy match stays below a prefix or whole-word match of its size.
FUZZY_WEIGHT = 0.85


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


def _fuzzy_text(words: list[str]) -> str:
    """The words a fuzzy match compares, as name_key reads them (a leading "the" dropped), space-separated."""
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


class _NameSearch:
    """Every name, acronym and alias indexed for :meth:`Organisations.search`: by key, word, prefix and trigram."""

    __slots__ = ("_by_word", "_keys", "_owners", "_sorted", "_trigrams", "_words")

    def __init__(self, organisations: Sequence[Organisation]) -> None:
        self._keys: list[str] = []
        self._owners: list[int] = []  # the position of the organisation each key names
        self._by_word: dict[str, set[int]] = {}
        self._words: list[str] = []  # each name's words, space-separated: what the trigrams are taken of
        for position, org in enumerate(organisations):
            for name in org.names:
                index = len(self._keys)
                self._keys.append(name_key(name))
                self._owners.append(position)
                words = name_words(name)
                self._words.append(_fuzzy_text(words))
                for word in words:
                    self._by_word.setdefault(word, set()).add(index)
        self._sorted = sorted(range(len(self._keys)), key=self._keys.__getitem__)
        self._trigrams = TrigramIndex(self._words)

    def scores(self, key: str, words: list[str], min_score: float) -> dict[int, float]:
        """The best score of each organisation (by position) whose names reach *min_score* for a query."""
        best: dict[int, float] = {}

        def offer(index: int, score: float, ceiling: float) -> None:
            score = min(score, ceiling)
            owner = self._owners[index]
            if score >= min_score and score > best.get(owner, -1.0):
                best[owner] = score

        # Whole words are no accident, even in a short query ("hope"); other partial matches of one are capped.
        ceiling = SHORT_CEILING if len(key) <= SHORT_QUERY else PARTIAL_CEILING
        if min_score <= ceiling:
            for index, dice in self._trigrams.similar(_fuzzy_text(words), min_score / FUZZY_WEIGHT):
                offer(index, FUZZY_WEIGHT * dice, ceiling)
            for index in self._prefixed(key):
                offer(index, 0.5 + 0.3 * len(key) / len(self._keys[index]), ceiling)
        if words and len(key) > WORD_MINIMUM and min_score <= PARTIAL_CEILING:
            postings = [self._by_word.get(word, set()) for word in set(words)]
            for index in set.intersection(*postings):
                offer(index, 0.6 + 0.3 * len(key) / max(len(self._keys[index]), 1), PARTIAL_CEILING)
        for index in self._prefixed(key):  # the exact keys are the first of the prefixed ones
            if self._keys[index] != key:
                break
            best[self._owners[index]] = 1.0
        return best

    def _prefixed(self, key: str) -> Iterator[int]:
        """The keys that start with *key*, shortest-first among equals, found by bisection."""
        keys = self._keys
        position = bisect.bisect_left(self._sorted, key, key=keys.__getitem__)
        while position < len(self._sorted) and keys[self._sorted[position]].startswith(key):
            yield self._sorted[position]
            position += 1


class Organisations(Records[Organisation]):
    """
    Organisations with :meth:`lookup` (one exact answer) and :meth:`search` (ranked).

    Example:
        >>> import modslavery
        >>> orgs = modslavery.load().organisations
        >>> orgs.lookup("Unseen") is orgs.lookup("unseen uk")
        True

    """

    __slots__ = ("_exact_cache", "_loose_cache", "_search_cache", "_spelled")
    _exact_cache: dict[str, str] | None
    _loose_cache: dict[str, frozenset[str]] | None
    _search_cache: _NameSearch | None
    _spelled: dict[str, Organisation]

    def __init__(self, items: Iterable[Organisation], *, index: dict[str, str] | None = None) -> None:
        items = tuple(items)
        set_field = object.__setattr__  # past ReadOnly's refusal, as in Records
        # The normalised index is needed only when a name is not spelled as the data writes it;
        # a caller that has built it already (to check for clashes) passes it in.
        set_field(self, "_exact_cache", index)
        # The looser forms and the search index are needed only when an exact key misses: built on first use.
        set_field(self, "_loose_cache", None)
        set_field(self, "_search_cache", None)
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

    def _search_index(self) -> _NameSearch:
        index = self._search_cache
        if index is None:
            # Idempotent: racing threads build equal indexes, and either may be kept.
            index = _NameSearch(self._items)
            object.__setattr__(self, "_search_cache", index)
        return index

    def lookup(self, name: str) -> Organisation:
        """
        The one organisation that *name* spells, in any way a person would type it.

        Case, accents, apostrophes, "&"/"and", "St."/"St", hyphens and spaces, a
        leading "The", a bracketed acronym and a "UK" tag do not matter; an
        acronym the sources give works alone. An id works too.

        Raises:
            NotFound: nothing matches, or the name fits more than one
                organisation; the message lists the closest names (from :meth:`search`).
            TypeError: *name* is not a string.

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
        """:meth:`lookup` of a name not spelled exactly as the data writes it."""
        if not isinstance(name, str):
            msg = f"lookup() takes a name as a string, not {type(name).__name__}"
            raise TypeError(msg)
        if len(name) > MAX_NAME_LENGTH:
            msg = (
                f"no organisation named {name[:40]!r}... ({len(name)} characters; names are at most {MAX_NAME_LENGTH})"
            )
            raise NotFound(msg)
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
        scores 0.5 to 0.8; otherwise the trigram similarity (the Dice
        coefficient of the three-letter pieces of each word) times 0.85, so
        a name typed with a letter missing still ranks high. Any other match of
        a query of four letters or fewer scores at most 0.4, so initials never
        rank a long name high by accident. Results below *min_score* (default
        0.5) are left out; ties are broken by name, then id.

        The time of a search grows with the names that share a word, a prefix
        or a trigram with the query, not with every name.

        Raises:
            ValueError: *query* is longer than any name can be (:data:`~modslavery.names.MAX_NAME_LENGTH`).

        Example:
            >>> import modslavery
            >>> [(o.name, s) for o, s in modslavery.load().organisations.search("snowdrop", limit=1)]
            [('The Snowdrop Project', 0.76)]
            >>> modslavery.load().organisations.search("Snowdrp Project", limit=1)[0][0].id
            'snowdrop-project'

        """
        if len(query) > MAX_NAME_LENGTH:
            msg = f"a query of {len(query)} characters is longer than any name can be ({MAX_NAME_LENGTH})"
            raise ValueError(msg)
        key = name_key(query)
        if not key:
            return []
        best = self._search_index().scores(key, name_words(query), min_score)
        if min_score <= 0:
            best = {position: best.get(position, 0.0) for position in range(len(self._items))}
        scored = [(self._items[position], round(score, 4)) for position, score in best.items()]
        if limit is None:
            return sorted(scored, key=_rank)
        return heapq.nsmallest(limit, scored, key=_rank)


def _rank(pair: tuple[Organisation, float]) -> tuple[float, str, str]:
    """Best score first, then by name and id."""
    org, score = pair
    return (-score, org.name, org.id)
