"""The words of an entity's name as an archive keys it: one key for every spelling outlets use.

An entity's key (``TYPE:normalised words``) is what counts and links it across articles,
so two spellings of one name must give the same words: the normalisation's folded letters
(أ/إ/آ → ا, ى → ي, ة → ه), and the compound names that outlets write joined or apart
(:data:`~marsad.text.wordlists.NAME_COMPOUND_HEADS`: عبد العزيز / عبدالعزيز), and the few
words outlets spell two ways (:data:`~marsad.text.wordlists.NAME_SPELLINGS`: سورية / سوريا).  No library
does this: it is a convention of Arabic names.  "Son of" spelled ابن or بن is left as
written: ابن also begins names (ابن سينا, ابن خلدون), which a short form must still match.  A
person's key leaves out the family name after a chain of "son of" (سلمان بن عبدالعزيز آل سعود
and سلمان بن عبدالعزيز are one person).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from marsad.text.normalize import normalize_word
from marsad.text.tokens import tokenize
from marsad.text.wordlists import FAMILY_OF, NAME_COMPOUND_HEADS, NAME_SPELLINGS, SON_OF, STATE_FORMAL_NAMES

# Bumped whenever :func:`entity_key` changes what a key is; an archive keyed with an older
# version re-keys its entities when it is next opened for writing (marsad.store.sqlite).
# 1: normalised words; 2: compound names joined; 3: a person's family name after a "son of"
# chain left out; 4: the other spellings of NAME_SPELLINGS written one way; 5: a state's formal
# name keyed as its short name (STATE_FORMAL_NAMES); 6: «مصر العربية» among them.
ENTITY_KEY_VERSION = 6


def join_name_compounds(words: Sequence[str]) -> tuple[str, ...]:
    """Normalised name words with a compound head joined to the word after it (عبد العزيز →
    عبدالعزيز, ابو ظبي → ابوظبي)."""
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        i += 1
        if w in NAME_COMPOUND_HEADS and i < n and words[i].isalpha():
            out.append(w + words[i])
            i += 1
        else:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def plain_name_words(display: str) -> tuple[str, ...]:
    """A display name's normalised words without punctuation, as written (compounds apart
    where they were apart; cached: names recur across an archive)."""
    return tuple(normalize_word(t.text) for t in tokenize(display) if t.kind != "punct")


@lru_cache(maxsize=1 << 16)
def name_words(display: str) -> tuple[str, ...]:
    """The key words of a display name: :func:`plain_name_words` with compounds joined and
    words spelled one way (:data:`NAME_SPELLINGS`)."""
    return tuple(NAME_SPELLINGS.get(w, w) for w in join_name_compounds(plain_name_words(display)))


def without_the_family(words: Sequence[str]) -> Sequence[str]:
    """A person's name words without a family name after a chain of "son of" (سلمان بن
    عبدالعزيز آل سعود → سلمان بن عبدالعزيز): news writes the chain with the family or without,
    and the chain names one person (in the 15-day SaudiNewsNet archive the king's name was
    575 articles with the family, 460 without)."""
    if len(words) >= 5 and words[-2] == FAMILY_OF and any(w in SON_OF for w in words[1:-2]):
        return words[:-2]
    return words


def entity_key(kind: str, display: str) -> str:
    """The cross-article key of an entity: its type and :func:`name_words` (a person's without
    the family after a "son of" chain, :func:`without_the_family`; a state's formal name as its
    short name, :data:`STATE_FORMAL_NAMES`)."""
    words = name_words(display)
    if kind == "PERS":
        words = without_the_family(words)
    elif kind == "LOC":
        words = _STATE_SHORT_NAMES.get(words, words)
    return f"{kind}:{' '.join(words)}"


# The entity types of keys (the ANERcorp scheme's), for every part of marsad that reads them.
ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")


# the formal names' key words → the short names' (compiled once, by the same normalisation)
_STATE_SHORT_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    name_words(formal): name_words(short) for formal, short in STATE_FORMAL_NAMES.items()
}


def typed_entity_key(value: str) -> str:
    """A key as a user may type it, in any spelling («PERS:سلمان بن عبد العزيز»), as
    :func:`entity_key` writes it («PERS:سلمان بن عبدالعزيز»); any other value unchanged."""
    kind, sep, name = value.partition(":")
    if sep and kind in ENTITY_TYPES and name.strip():
        return entity_key(kind, name)
    return value
