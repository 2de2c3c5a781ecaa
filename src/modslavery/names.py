"""
Normalising organisation names the way people type them.

:func:`name_key` folds case, accents, apostrophes (straight, curly or none),
``&``/``and``, punctuation such as ``St.``/``St``, hyphens and spaces, and a
leading "The", so that every spelling a person would type of one name gives
one key. Which keys belong to which organisation is curated data (aliases and
acronyms), never a fuzzy threshold.

Example:
    >>> name_key("The Snowdrop Project") == name_key("snowdrop-project")
    True
    >>> name_key("St. Mary’s University") == name_key("St Marys University")
    True

"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME_LENGTH", "name_key", "name_words", "split_brackets", "variant_keys"]

#: The longest organisation or entity name (or acronym, or alias) the data may hold, and the longest
#: query :meth:`~modslavery.Organisations.lookup` and :meth:`~modslavery.Organisations.search` take.
MAX_NAME_LENGTH = 300

# Patterns only some names need stay strings, compiled on first use (re caches them), not at import.
_APOSTROPHES = r"['\u2018\u2019\u02bc`\u00b4]"
_WORD = re.compile(r"[a-z0-9]+")
_COUNTRY_TAGS = frozenset({"uk"})


def name_words(name: str) -> list[str]:
    """
    The lower-case words of a name, accents and apostrophes folded, "&" read as "and".

    Example:
        >>> name_words("Birmingham Asylum & Refugee Association")
        ['birmingham', 'asylum', 'and', 'refugee', 'association']
        >>> name_words("René Cassin")
        ['rene', 'cassin']

    """
    if name.isascii():  # nothing to decompose, and only two of the apostrophes: most names, the fast case
        text = name.lower().replace("'", "").replace("`", "")
    else:
        text = unicodedata.normalize("NFKD", name)
        text = re.sub(_APOSTROPHES, "", "".join(ch for ch in text if not unicodedata.combining(ch)).casefold())
    return _WORD.findall(text.replace("&", " and "))


def name_key(name: str) -> str:
    """
    The key two spellings of one name share: words joined, leading "the" dropped.

    Joining the words makes "Anti-Slavery", "Anti Slavery" and "AntiSlavery" one key.

    Example:
        >>> name_key("The UK BME Anti-Slavery Network") == name_key("UK BME AntiSlavery Network")
        True

    """
    words = name_words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "".join(words)


def variant_keys(name: str) -> set[str]:
    """
    Keys of the looser forms of a name: without a bracketed acronym, without a "UK" tag.

    These are a second tier for :meth:`Organisations.lookup`, used only when
    no exact key matches and only when they pick out one organisation.

    Example:
        >>> sorted(variant_keys("Focus on Labour Exploitation (FLEX)"))
        ['flex', 'focusonlabourexploitation']
        >>> sorted(variant_keys("Jesuit Refugee Service UK"))
        ['jesuitrefugeeservice']

    """
    keys: set[str] = set()
    without_brackets, bracketed = split_brackets(name)
    if bracketed:
        keys.add(name_key(without_brackets))
        keys.update(name_key(inner) for inner in bracketed)
    for form in {name, without_brackets}:
        words = name_words(form)
        if words and words[0] == "the":
            words = words[1:]
        trimmed = [w for i, w in enumerate(words) if not (w in _COUNTRY_TAGS and i in {0, len(words) - 1})]
        if trimmed and trimmed != words:
            keys.add("".join(trimmed))
    keys.discard("")
    keys.discard(name_key(name))
    return keys


def split_brackets(name: str) -> tuple[str, list[str]]:
    """
    *name* without its innermost bracketed parts, and those parts, in one pass (no backtracking).

    Example:
        >>> split_brackets("Focus on Labour Exploitation (FLEX) UK")
        ('Focus on Labour Exploitation   UK', ['FLEX'])
        >>> split_brackets("(a (b) c)")
        ('(a   c)', ['b'])

    """
    pieces: list[str] = []
    inner: list[str] = []
    start = position = 0
    while (opening := name.find("(", position)) >= 0:
        closing = name.find(")", opening + 1)
        if closing < 0:
            break
        opening = max(opening, name.rfind("(", opening, closing))  # the innermost pair before this ")"
        pieces.append(name[start:opening])
        inner.append(name[opening + 1 : closing])
        start = position = closing + 1
    pieces.append(name[start:])
    return " ".join(pieces), inner
