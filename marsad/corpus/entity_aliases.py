"""A person named by the family name alone, counted with the full name that the archive knows.

Inside one article a surname alone already joins the full name given earlier (``link`` in
:mod:`marsad.analyze.entity_linking`).  Across the archive it does not: an article that says only
«الأسد» or «أوباما» (a headline's short form, an opinion column) keeps the key of the word alone,
so the archive's top people were split: PERS «بشار الأسد» in 216 articles of the 15-day
SaudiNewsNet archive and «الأسد» alone in 108 more; «باراك أوباما» 377 and «أوباما» 89.

:func:`surname_aliases` reads the archive's person keys with their article counts and maps a
one-word key to the full name that ends in it when that full name is the archive's answer:

- it holds at least :data:`FULL_NAME_SHARE` of the articles of all the longer person keys
  ending in that word (المالكي: نوري المالكي has 117 of 228, the rest are Saudi namesakes: no);
- the word is rarely a given name: the articles of person keys that begin with it are at most
  :data:`GIVEN_NAME_SHARE` of those that end with it (صالح begins names in 700 articles:
  no, though علي عبدالله صالح is the Saleh of most lone mentions);
- the full name is in at least :data:`MIN_FULL_NAME_ARTICLES` articles.

The map is computed from the archive as it stands (the store caches it until its entities
change), never written into the stored articles: a lone name stays what its article said, and
only the archive's counts and lists join the two keys.  The thresholds were set by reading the
119 aliases they give on the 15-day archive (docs/benchmarks.md, "Names alone across the
archive"): rerun ``benchmarks/entity_aliases.py`` after any change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

PERSON_PREFIX = "PERS:"
# The first key after every person key (";" follows ":"): a store reads the person keys as the
# range PERSON_PREFIX <= key < PERSON_KEYS_END of its key index.
PERSON_KEYS_END = PERSON_PREFIX[:-1] + chr(ord(PERSON_PREFIX[-1]) + 1)
FULL_NAME_SHARE = 0.75
GIVEN_NAME_SHARE = 0.1
MIN_FULL_NAME_ARTICLES = 5


@dataclass
class Namesakes:
    """An archive's person keys read for the aliases: the one-word keys, and for each word the
    longer keys ending in it with their articles and the articles of the keys beginning with it."""

    single: list[str] = field(default_factory=list)
    ending: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    beginning: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def of(cls, person_keys: Iterable[tuple[str, int]]) -> Namesakes:
        """From ``(key, articles)`` pairs (keys of other types are ignored)."""
        out = cls()
        for key, articles in person_keys:
            if not key.startswith(PERSON_PREFIX):
                continue
            words = key[len(PERSON_PREFIX) :].split()
            if len(words) == 1:
                out.single.append(key)
            elif words:
                out.ending[words[-1]].append((articles, key))
                out.beginning[words[0]] += articles
        return out


def surname_aliases(person_keys: Iterable[tuple[str, int]]) -> dict[str, str]:
    """``{one-word person key: full-name person key}`` from ``(key, articles)`` pairs of an
    archive's person keys (other keys are ignored)."""
    keys = Namesakes.of(person_keys)
    aliases = {}
    for key in keys.single:
        word = key[len(PERSON_PREFIX) :]
        names = keys.ending.get(word)
        if not names:
            continue
        total = sum(n for n, _ in names)
        top, full = max(names, key=lambda x: (x[0], x[1]))  # ties: the same key every time
        if (top >= MIN_FULL_NAME_ARTICLES and top >= FULL_NAME_SHARE * total
                and keys.beginning.get(word, 0) <= GIVEN_NAME_SHARE * total):
            aliases[key] = full
    return aliases
