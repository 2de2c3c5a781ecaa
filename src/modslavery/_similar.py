"""
Finding similar strings without comparing a query with every one: a trigram index, scored by the Dice coefficient.

The Dice coefficient of two strings is twice the number of three-character
pieces (trigrams) they share over the number each has; 1.0 means the same
trigrams. A query looks up only the strings that share one of its trigrams,
so its cost grows with those, not with every string indexed.

Example:
    >>> index = TrigramIndex(["snowdropproject", "hopeforjustice", "snowdon"])
    >>> [(i, round(d, 2)) for i, d in index.similar("snowdrpproject", 0.5)]
    [(0, 0.84)]

"""

from __future__ import annotations

import collections
from collections.abc import Iterable

__all__ = ["TrigramIndex", "trigrams"]


def trigrams(text: str) -> frozenset[str]:
    """
    The trigrams of each space-separated word of *text*, padded so that a word's ends count as much as its middle.

    Example:
        >>> sorted(trigrams("abc"))
        ['  a', ' ab', 'abc', 'bc ']
        >>> sorted(trigrams("ab 2"))
        ['  2', '  a', ' 2 ', ' ab', 'ab ']

    """
    grams: set[str] = set()
    for word in text.split(" "):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


class TrigramIndex:
    """
    Strings indexed by their trigrams, built once; :meth:`similar` finds those like a query.

    Example:
        >>> TrigramIndex(["abc", "xyz"]).similar("abd")
        [(0, 0.5)]

    """

    __slots__ = ("_postings", "_sizes")

    def __init__(self, strings: Iterable[str]) -> None:
        postings: dict[str, list[int]] = {}
        sizes: list[int] = []
        for index, text in enumerate(strings):
            grams = trigrams(text)
            sizes.append(len(grams))
            for gram in grams:
                postings.setdefault(gram, []).append(index)
        self._postings = postings
        self._sizes = sizes

    def similar(self, query: str, minimum: float = 0.0, *, within: bool = False) -> list[tuple[int, float]]:
        """
        The position and Dice coefficient of each indexed string that shares a trigram with *query*, from *minimum*.

        With *within*, the score is instead the share of the query's trigrams
        that the string holds, so a query found inside a longer string scores
        high. Most similar first, then by position.

        Example:
            >>> TrigramIndex(["hope", "hope for justice"]).similar("hope", 0.5)
            [(0, 1.0)]
            >>> TrigramIndex(["amber-rudd", "theresa-may"]).similar("rudd", 0.5, within=True)
            [(0, 0.6)]

        """
        grams = trigrams(query)
        counts: collections.Counter[int] = collections.Counter()
        for gram in grams:
            posting = self._postings.get(gram)
            if posting is not None:
                counts.update(posting)  # counted in C, one pass over the posting
        size, sizes = len(grams), self._sizes
        if within:
            found = [(index, shared / size) for index, shared in counts.items()]
        else:
            found = [(index, 2 * shared / (size + sizes[index])) for index, shared in counts.items()]
        found = [pair for pair in found if pair[1] >= minimum]
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found
