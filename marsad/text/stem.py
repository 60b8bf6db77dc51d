"""A light Arabic stemmer (Light10-style affix stripping) for keyphrases, summaries and search.

Snowball's Arabic stemmer is both aggressive (وزارة "ministry" → زار "visited") and slow in
pure Python (~240 µs a word), too slow for per-article analysis.  Light stemming only
removes the proclitics the text core already knows (:func:`marsad.text.split_clitics`) and
a short list of inflectional suffixes, which conflates المدارس/مدارس and اقتصادية/اقتصادي
without merging unrelated roots.  Output is in normalised spelling (:func:`marsad.text.normalize`).
"""

from __future__ import annotations

from functools import lru_cache

from marsad.text.normalize import normalize_word
from marsad.text.tokens import CliticSplit, marked_word_prefixes, plain_word_prefixes, split_clitics
from marsad.text.wordlists import NOT_INFLECTED, PLACE_STEMS, STEMS_BEGINNING_LIKE_A_PROCLITIC


# Suffixes in normalised spelling (ة→ه, ى→ي), longest first; removed once, only when at
# least MIN_STEM letters remain.  Glosses: -at (fem. plural), -un/-in (masc. plural),
# -an (dual), -iya (fem. nisba), -ha/-hum/-hma (her/their pronouns), -h (ta marbuta or "his"),
# -i (nisba / "my").
SUFFIXES = ("هما", "يه", "ات", "ون", "ين", "ان", "ها", "هم", "ه", "ي")
MIN_STEM = 3
# The suffixes a word can end with, by its last letter, in SUFFIXES order (the first that
# fits wins, as when trying them all): one dict look-up instead of ten endswith calls.
_SUFFIXES_BY_LAST = {last: tuple(s for s in SUFFIXES if s[-1] == last) for last in {s[-1] for s in SUFFIXES}}

# Bump whenever a change here (or in PLACE_STEMS) changes any stem: search indexes built
# with another version hold other terms (marsad.store.sqlite records it per archive).
# 4: the words of STEMS_BEGINNING_LIKE_A_PROCLITIC keep their first letter (بلدية, فساد).
# 5: the search analyser indexes a word whose stem an inflectional suffix made a function word
# (ولاية → ولا; marsad.search.analyzer), which it dropped before.
STEMMER_VERSION = 5


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """The light stem of one word (normalised; Latin words are just lower-cased)."""
    return stem_of_split(split_clitics(word))


_PLACE_TAILS = frozenset(name[-3:] for name in PLACE_STEMS)


def _place_stem(norm: str, n_prefix: int) -> str | None:
    # Place names are checked with every prefix cut the clitic splitter could mean (للبنان
    # is li- + لبنان, not li- + al- + بنان; باكستان keeps its ب), fewest letters cut first.
    if norm[-3:] not in _PLACE_TAILS:  # most words: no place name ends like them
        return None
    if not n_prefix:
        return PLACE_STEMS.get(norm)
    for i in range(n_prefix + 1):
        cand = norm[i:]
        hit = PLACE_STEMS.get(cand)
        if hit is None and cand.startswith("ال"):
            hit = PLACE_STEMS.get(cand[2:])
        if hit is not None:
            return hit
    return None


def _suffix_stem(word: str) -> str:
    """``word`` (not empty) without one inflectional suffix, unless :data:`NOT_INFLECTED` says
    its ending is part of it."""
    if word in NOT_INFLECTED:
        return word
    for suffix in _SUFFIXES_BY_LAST.get(word[-1], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


# What a word of STEMS_BEGINNING_LIKE_A_PROCLITIC is before a suffix: itself, its stem, and a
# word in ة without it (بلدية → بلديه, بلد, بلدي: بلديات is بلدي + ات), and their first two
# letters (a cheap test first: most words begin otherwise).
_WHOLE_BASES = frozenset(
    b for w in STEMS_BEGINNING_LIKE_A_PROCLITIC for b in (w, _suffix_stem(w), w[:-1] if w.endswith("ه") else w)
)
_WHOLE_HEADS = frozenset(b[:2] for b in _WHOLE_BASES)


def _whole_stem(norm: str, n_prefix: int) -> str | None:
    # The word with each prefix cut the splitter could mean, fewest letters cut first: when it
    # is one of those words, with a suffix or without, its stem keeps the first letter, as
    # after the article (بلديات → بلدي as البلديات; وبلدية is wa- + بلدية, not wa- + bi- + لدية).
    for i in range(n_prefix):
        whole = norm[i:]
        if whole[:2] not in _WHOLE_HEADS:
            continue
        if whole in _WHOLE_BASES or any(
            whole.endswith(suffix) and whole[: -len(suffix)] in _WHOLE_BASES
            for suffix in _SUFFIXES_BY_LAST.get(whole[-1], ())
        ):
            return _suffix_stem(whole)
    return None


def stem_of_split(split: CliticSplit) -> str:
    """:func:`light_stem` for a word already split by :func:`split_clitics`.

    A country or city name and its nisba adjectives share one stem from
    :data:`marsad.text.wordlists.PLACE_STEMS` (السعودية, السعودي, السعوديين → سعودي, apart
    from the name سعود; إيران stays whole); other words lose their proclitics and one suffix,
    unless :data:`marsad.text.wordlists.NOT_INFLECTED` says the ending is part of the word.
    """
    norm = normalize_word(split.word)
    return _stem(split, norm, normalize_word(split.stem) if split.prefixes else norm)


def stem_parts(split: CliticSplit) -> tuple[str, str, str]:
    """The normalised word, its normalised clitic-free stem and :func:`stem_of_split`, for
    callers that need all three (each normalised once)."""
    norm = normalize_word(split.word)
    bare = normalize_word(split.stem) if split.prefixes else norm
    return norm, bare, _stem(split, norm, bare)


def plain_word_parts(word: str) -> tuple[tuple[str, ...], int, str, str, str] | None:
    """For a word of plain Arabic letters only (:func:`marsad.text.tokens.split_plain_word`:
    most words) the ``prefixes`` and ``stem_offset`` of ``split_clitics(word)`` and
    ``stem_parts`` of it (normalised word, clitic-free stem, light stem), in one pass and
    without the split object; else None.  For callers that analyse many new words."""
    plain = plain_word_prefixes(word)
    if plain is None:
        return None
    prefixes, pos, norm = plain
    bare = norm[pos:] if prefixes else norm
    return prefixes, pos, norm, bare, _stem_of(prefixes, norm, bare)


def marked_word_parts(word: str) -> tuple[tuple[str, ...], int, str, str, str] | None:
    """:func:`plain_word_parts` for a word of plain Arabic letters that may also carry
    diacritics or tatweel (:func:`marked_word_prefixes`), else None; the same five parts,
    ``stem_offset`` an index into ``word``.  Slices of such a word need not normalise to the
    same slices of its normalised form."""
    marked = marked_word_prefixes(word)
    if marked is None:
        return None
    prefixes, offset, norm, letters = marked
    bare = norm[letters:] if prefixes else norm
    return prefixes, offset, norm, bare, _stem_of(prefixes, norm, bare)


def _stem(split: CliticSplit, norm: str, stem: str) -> str:
    return _stem_of(split.prefixes, norm, stem)


def _stem_of(prefixes: tuple[str, ...], norm: str, stem: str) -> str:
    place = _place_stem(norm, len(norm) - len(stem))
    if place is not None:
        return place
    if prefixes:
        whole = _whole_stem(norm, len(norm) - len(stem))
        if whole is not None:
            return whole
    if "س" in prefixes:
        # The future sa- is only told from a stem letter by what follows (سيعقد vs سامر,
        # سالم); a light stemmer keeps the letter rather than turn names into other words.
        stem = norm[1:] if prefixes[0] in ("و", "ف") else norm
    return _suffix_stem(stem) if stem else stem
