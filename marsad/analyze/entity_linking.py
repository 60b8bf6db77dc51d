"""Group an article's entity mentions into entities and name each one.

News writes a name in full once, then shortens it: "قاسم جومارت توكاييف" becomes
"توكاييف", "منظمة معاهدة الأمن الجماعي" may come back as "المنظمة…".  Within one
article a mention whose words are a contiguous part of a longer mention of the same
type joins that entity.  Attached proclitics are cut from the span and the display
name (لمنظمة → منظمة, بآسيا → آسيا; للكرملين → الكرملين, restoring the article whose
alef the li- elided).  Each entity's key is its normalised full name with its type, so
the same entity gets the same key in every article.

Some mentions are left out, each a kind of false entity read in the 15-day SaudiNewsNet
archive (docs/benchmarks.md): a MISC mention that is only a currency unit or the name of God
in a formula (which the tagger's training scheme tags MISC); an entity whose whole name is a
function word or a preposition with a pronoun (لي "to me"); a month's name in brackets after
another month's (أبريل (نيسان)).  The prefix ka- ("like") is cut before the article only, since
names begin with ك (كيري, كندا).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Entity
from marsad.text import normalize, split_clitics, tokenize
from marsad.text.tokens import CliticSplit
from marsad.text.wordlists import (
    CURRENCY_UNITS,
    GOD_NAME_FORMS,
    GREGORIAN_MONTHS,
    PRAISE,
    PREPOSITION_PRONOUNS,
    STOPWORDS,
)

# MISC mentions made only of these words are not entities (see the word lists): a currency
# unit, the name of God in a formula (with "praise" next to it).
NOT_NAMES = CURRENCY_UNITS | GOD_NAME_FORMS
# An entity whose whole name is one of these words is not one (a name that contains one, or
# a longer name the word joins, stays).
NOT_NAMES_ALONE = STOPWORDS | PREPOSITION_PRONOUNS
# Arabic news gives a month its Levantine name after the Egyptian / Gulf one: «أبريل (نيسان)»;
# the tagger took that نيسان for the carmaker Nissan (an ORG in 290 articles of the 15-day
# archive).  A mention that is only a month name, in brackets right after another month name,
# is not an entity.
_MONTH_IN_BRACKETS = re.compile(r"(\S+)\s*[(\[]\s*$")


@dataclass
class _Mention:
    start: int
    end: int
    type: str
    display: str  # surface text with leading clitics removed
    words: tuple[str, ...]  # normalised words used for matching and the key


def clean_mention(text: str, start: int, end: int, rank: Mapping[str, int] | None = None) -> tuple[int, str]:
    """Trim proclitics off a mention: (new start, display name).

    ``rank`` (word → frequency rank in news, lower is more frequent) vetoes a split whose
    result is a rarer word than the unsplit one: باريس stays باريس, not ب + اريس.
    """
    # The answer depends on the mention's surface text alone, and news repeats its names:
    # an archive ingest trims the same few thousand surfaces over and over.
    cut, display = _clean_surface(text[start:end], _by_identity(rank))
    return start + cut, display


class _ByIdentity:
    """A rank mapping as a cache key: hashed by identity (a frequency table is not hashable)."""

    __slots__ = ("rank",)

    def __init__(self, rank: Mapping[str, int] | None) -> None:
        self.rank = rank


_RANK_KEYS: dict[int, _ByIdentity] = {}


def _by_identity(rank: Mapping[str, int] | None) -> _ByIdentity:
    key = _RANK_KEYS.get(id(rank))
    if key is None or key.rank is not rank:
        if len(_RANK_KEYS) > 8:  # a test building many lexicons: forget them (and their cached answers)
            _RANK_KEYS.clear()
            _clean_surface.cache_clear()
        key = _RANK_KEYS[id(rank)] = _ByIdentity(rank)  # holds the mapping, so its id is not reused
    return key


@lru_cache(maxsize=1 << 16)
def _clean_surface(surface: str, rank_key: _ByIdentity) -> tuple[int, str]:
    """:func:`clean_mention` of a whole mention ``surface``: (characters cut, display name)."""
    rank = rank_key.rank
    toks = tokenize(surface)
    if not toks or toks[0].kind != "arabic":
        return 0, surface
    first = toks[0]
    cs = split_clitics(first.text)
    if cs.prefixes and cs.prefixes[-1] == "ك" and not cs.has_article:
        # ka- ("like, as") comes before a noun with the article (كالسعودية); a name beginning
        # with ك without it is the name (كيري was cut to يري "he sees", a frequent word, so
        # the frequency check below let the cut pass: a "person" in 141 articles)
        kaf = first.text.rfind("ك", 0, cs.stem_offset)
        cs = CliticSplit(first.text, cs.prefixes[:-1], first.text[kaf:], kaf)
    non_article = tuple(p for p in cs.prefixes if p != "ال")
    if not non_article:
        return 0, surface
    if rank is not None:
        whole = normalize(first.text)
        stem = normalize(cs.stem)
        split = "ال" + stem if cs.has_article else stem
        unknown = len(rank) + 1
        if split not in rank and whole not in rank:
            # neither is a known word: trust only the conjunction و (وقيرغيزيا), since
            # names do begin with ب ل ك ف (بلغراد, كابول, فيينا)
            if non_article[0] != "و":
                return 0, surface
        elif rank.get(split, unknown) > rank.get(whole, unknown):
            return 0, surface
    if cs.has_article and not first.text[cs.stem_offset - 2 : cs.stem_offset].endswith("ال"):
        # li- + article with elided alef (للمنظمة): the span keeps the word, the name gets "ال" back
        return 0, "ال" + cs.stem + surface[first.end :]
    cut = first.start + cs.stem_offset - (2 if cs.has_article else 0)
    return cut, surface[cut:]


@lru_cache(maxsize=1 << 16)
def name_words(display: str) -> tuple[str, ...]:
    """The normalised words of a display name (cached: names recur across an archive)."""
    return tuple(normalize(t.text) for t in tokenize(display) if t.kind != "punct")


def entity_key(kind: str, display: str) -> str:
    """The cross-article key of an entity: its type and normalised name."""
    return f"{kind}:{' '.join(name_words(display))}"


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n, m = len(longer), len(shorter)
    return m < n and any(tuple(longer[i : i + m]) == tuple(shorter) for i in range(n - m + 1))


def _not_a_name(words: tuple[str, ...]) -> bool:
    """A MISC mention's words are a currency unit or the name of God, with "praise" beside it."""
    named = [w for w in words if w != PRAISE]
    return bool(named) and all(w in NOT_NAMES for w in named)


def _after_a_month(text: str, start: int) -> bool:
    """Whether ``text`` just before ``start`` is a month name and an opening bracket."""
    m = _MONTH_IN_BRACKETS.search(text, max(0, start - 40), start)
    return m is not None and normalize(m.group(1)) in GREGORIAN_MONTHS


def _strip_article(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def link(text: str, mentions: Sequence, rank: Mapping[str, int] | None = None) -> list[Entity]:
    """Entities (one per mention, in text order) with canonical names and keys filled in.

    ``mentions`` are objects with ``start``, ``end`` and ``type`` (offsets into ``text``);
    ``rank`` is passed to :func:`clean_mention`.
    """
    ms: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        start, display = clean_mention(text, m.start, m.end, rank)
        words = name_words(display)
        if not words or start >= m.end:
            continue
        if m.type == "MISC" and _not_a_name(words):
            continue
        if " ".join(words) in GREGORIAN_MONTHS and _after_a_month(text, start):
            continue
        ms.append(_Mention(start, m.end, m.type, display, words))

    # A single word tagged with another type that is a person's surname in this article is that person.
    person_parts = {m.words[-1] for m in ms if m.type == "PERS" and len(m.words) > 1}
    for m in ms:
        if m.type != "PERS" and len(m.words) == 1 and m.words[0] in person_parts:
            m.type = "PERS"

    by_form: dict[tuple[str, tuple[str, ...]], list[_Mention]] = defaultdict(list)
    for m in ms:
        by_form[(m.type, m.words)].append(m)
    # Longest forms first: each shorter form joins the most mentioned longer form containing it.
    forms = sorted(by_form, key=lambda f: (-len(f[1]), by_form[f][0].start))
    # every pair of forms of one type is compared: strip each form once, not once per pair
    stripped = {form: _strip_article(form[1]) for form in forms}
    forms_of_type: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for form in forms:
        forms_of_type[form[0]].append(form)
    parent: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    for form in forms:
        kind, words = form
        short = stripped[form]
        candidates = [
            other
            for other in forms_of_type[kind]
            if other not in parent and (_contains(other[1], words) or _contains(stripped[other], short))
        ]
        if candidates:
            parent[form] = max(candidates, key=lambda o: (len(by_form[o]), -by_form[o][0].start))

    def root(form: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
        while form in parent:
            form = parent[form]
        return form

    names: dict[tuple[str, tuple[str, ...]], str] = {}
    for form, group in by_form.items():
        if form not in parent:
            names[form] = Counter(m.display for m in group).most_common(1)[0][0]

    out = []
    for m in ms:
        top = root((m.type, m.words))
        if len(top[1]) == 1 and top[1][0] in NOT_NAMES_ALONE:
            continue
        canonical = names[top]
        out.append(
            Entity(
                text=text[m.start : m.end],
                type=m.type,
                start=m.start,
                end=m.end,
                canonical=canonical,
                key=entity_key(m.type, canonical),
            )
        )
    return out
