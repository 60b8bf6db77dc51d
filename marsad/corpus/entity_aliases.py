"""A person named by a short form (the family name alone, or the given and family name without
the father's name), counted with the full name that the archive knows.

Inside one article a surname alone already joins the full name given earlier (``link`` in
:mod:`marsad.analyze.entity_linking`).  Across the archive it does not: an article that says only
«الأسد» or «أوباما» (a headline's short form, an opinion column) keeps the key of the word alone,
so the archive's top people were split: PERS «بشار الأسد» in 216 articles of the 15-day
SaudiNewsNet archive and «الأسد» alone in 108 more; «باراك أوباما» 377 and «أوباما» 89.

:func:`short_name_aliases` reads the archive's person keys with their article counts and maps a
one-word key to the full name that ends in it when that full name is the archive's answer:

- it holds at least :data:`FULL_NAME_SHARE` of the articles of all the longer person keys
  ending in that word (المالكي: نوري المالكي has 117 of 228, the rest are Saudi namesakes: no);
- the word is rarely a given name: the articles of person keys that begin with it are at most
  :data:`GIVEN_NAME_SHARE` of those that end with it (صالح begins names in 700 articles:
  no, though علي عبدالله صالح is the Saleh of most lone mentions);
- the full name is in at least :data:`MIN_FULL_NAME_ARTICLES` articles.

It also maps a two-word person key to the three-word key that names the same person with a
middle word (:func:`marsad.text.names.without_the_middle_name`: «علي صالح» → «علي عبدالله صالح»;
inside one article the two already join, ``link``) when that full name is the answer: it holds
at least :data:`FULL_NAME_SHARE` of the articles of the three-word keys of those first and last
words, has at least :data:`MIN_FULL_NAME_ARTICLES`, and is in at least as many articles as the
two-word key (تركي الفيصل 29 articles stays himself; a two-word name more frequent than the
long one is more likely someone else's whole name: أحمد الغامدي 24, أحمد الخازم الغامدي 12).
Keys already drop a father's name where they can (:func:`~marsad.text.names.person_key_words`);
this is for the names whose last word may be a given name, where the key must keep it.

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

from marsad.text.names import without_the_middle_name

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
    # two-word keys with their articles, and the three-word keys by the two-word form without
    # their middle name (marsad.text.names.without_the_middle_name)
    pairs: list[tuple[int, str]] = field(default_factory=list)
    with_a_middle: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

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
                if len(words) == 2:
                    out.pairs.append((articles, key))
                elif (short := without_the_middle_name(words)) is not None:
                    out.with_a_middle[short].append((articles, key))
                out.ending[words[-1]].append((articles, key))
                out.beginning[words[0]] += articles
        return out


def short_name_aliases(person_keys: Iterable[tuple[str, int]]) -> dict[str, str]:
    """``{one- or two-word person key: full-name person key}`` from ``(key, articles)`` pairs of
    an archive's person keys (other keys are ignored)."""
    keys = Namesakes.of(person_keys)
    aliases = {}
    for articles, key in keys.pairs:
        words = tuple(key[len(PERSON_PREFIX) :].split())
        names = keys.with_a_middle.get(words)
        if not names:
            continue
        top, full = max(names)  # ties: the same key every time
        if (top >= MIN_FULL_NAME_ARTICLES and top >= articles
                and top >= FULL_NAME_SHARE * sum(n for n, _ in names)):
            aliases[key] = full
    for key in keys.single:
        word = key[len(PERSON_PREFIX) :]
        names = keys.ending.get(word)
        if not names:
            continue
        # a two-word name that goes to a longer one counts as that one («العاملي» is owned by
        # «سليم فارس العاملي» with «سليم العاملي» in its articles)
        owners: dict[str, int] = defaultdict(int)
        for n, name in names:
            owners[aliases.get(name, name)] += n
        total = sum(owners.values())
        full, top = max(owners.items(), key=lambda x: (x[1], x[0]))  # ties: the same key every time
        if (top >= MIN_FULL_NAME_ARTICLES and top >= FULL_NAME_SHARE * total
                and keys.beginning.get(word, 0) <= GIVEN_NAME_SHARE * total):
            aliases[key] = full
    return aliases
