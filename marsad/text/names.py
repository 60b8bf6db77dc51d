"""The words of an entity's name as an archive keys it: one key for every spelling outlets use.

An entity's key (``TYPE:normalised words``) is what counts and links it across articles,
so two spellings of one name must give the same words: the normalisation's folded letters
(أ/إ/آ → ا, ى → ي, ة → ه), and the compound names that outlets write joined or apart
(:data:`~marsad.text.wordlists.NAME_COMPOUND_HEADS`: عبد العزيز / عبدالعزيز), and the few
words outlets spell two ways (:data:`~marsad.text.wordlists.NAME_SPELLINGS`: سورية / سوريا).  No library
does this: it is a convention of Arabic names.  "Son of" spelled ابن or بن is left as
written: ابن also begins names (ابن سينا, ابن خلدون), which a short form must still match.  A
person's key is the short form news uses for the person (:func:`person_key_words`): سلمان بن
عبدالعزيز آل سعود and سلمان بن عبدالعزيز are one person, and so are عادل بن أحمد الجبير and
عادل الجبير.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from marsad.text.normalize import normalize_word
from marsad.text.tokens import tokenize
from marsad.text.wordlists import (
    CHAIN_FOUNDER,
    FAMILY_OF,
    KUNYA_HEADS,
    LATIN_LETTER_NAMES,
    NAME_COMPOUND_HEADS,
    NAME_COMPOUND_TAILS,
    NAME_LINKS,
    NAME_PARTICLES,
    NAME_SPELLINGS,
    ORGANISATION_SHORT_NAMES,
    PERSON_GIVEN_NAMES,
    ROYAL_BRANCHES,
    SON_OF,
    STATE_FORMAL_NAMES,
    TITLES,
)

# Bumped whenever :func:`entity_key` changes what a key is; an archive keyed with an older
# version re-keys its entities when it is next opened for writing (marsad.store.sqlite).
# 1: normalised words; 2: compound names joined; 3: a person's family name after a "son of"
# chain left out; 4: the other spellings of NAME_SPELLINGS written one way; 5: a state's formal
# name keyed as its short name (STATE_FORMAL_NAMES); 6: «مصر العربية» among them; 7: a person's
# short form (person_key_words: the founder's name closing a chain, the father's name before a
# family name); 8: also the father's name of a three-word name written without «بن» (عزام محمد
# الدخيل → عزام الدخيل); 9: a one-word organisation or other name without the article (الفيفا →
# فيفا); 10: an organisation's long name keyed as its short name (ORGANISATION_SHORT_NAMES), and
# no empty word where a token normalises to nothing.
ENTITY_KEY_VERSION = 10


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
    where they were apart; cached: names recur across an archive).  A token that normalises to
    nothing (a tatweel standing alone, «يجس ـ بي آي») is no word of the name."""
    return tuple(w for t in tokenize(display) if t.kind != "punct" and (w := normalize_word(t.text)))


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


def person_key_words(words: Sequence[str]) -> Sequence[str]:
    """A person's name words as the short form news uses for the person, which every longer
    form of the name shares (applied until nothing changes, so a key read back is itself):

    - the founder's name closing a chain of three or more names is left out
      (:data:`CHAIN_FOUNDER`: محمد بن سلمان بن عبدالعزيز → محمد بن سلمان, خالد الفيصل بن
      عبدالعزيز → خالد الفيصل); a grandfather of another name stays, as he tells two
      princes apart (سعود بن عبدالله بن ثنيان, سعود بن عبدالله بن جلوي);
    - the family after a "son of" chain is left out (:func:`without_the_family`);
    - the father's name between a given name and a family name is left out (عادل بن أحمد
      الجبير → عادل الجبير), except a kunya (علي بن أبي طالب, :data:`KUNYA_HEADS`) and a
      royal branch named after its father (:data:`ROYAL_BRANCHES`);
    - so is the father's name of a three-word name written without «بن» (عزام محمد الدخيل →
      عزام الدخيل, رجب طيب إردوغان → رجب إردوغان; :func:`_given_father_family`).

    In the 15-day SaudiNewsNet archive these gave 831 persons one key instead of two or more
    (محمد بن سلمان 129 + 372 articles, عادل الجبير 132 + 77); docs/benchmarks.md, "Entities".
    Two people with one given and family name already shared the short form's key; the
    father's name no longer separates their long forms either."""
    while True:
        before = tuple(words)
        if len(words) >= 4 and words[-2] in SON_OF and words[-1] == CHAIN_FOUNDER:
            words = words[:-2]
        words = without_the_family(words)
        if len(words) == 4 and words[1] in SON_OF and words[2] not in KUNYA_HEADS and _a_family_name(words[3]):
            words = (words[0], words[3])
        elif len(words) == 3 and _given_father_family(words):
            words = (words[0], words[2])
        if tuple(words) == before:
            return words


def without_the_middle_name(full: Sequence[str]) -> tuple[str, str] | None:
    """The two-word form (key words) that names the same person as a three-word name without
    its middle word, None if it would name someone else: the middle word is the father's name
    of a given name and a family name (علي [عبدالله] صالح, the Yemeni ex-president, also
    written «علي صالح»; الملا [اختر] منصور) or a particle (لويس [فان] غال).  Not when it is a
    link (بن, أبو, آل), a kunya's head or a title, nor a family or a branch (it begins with ال:
    تركي [العبدالله] الفيصل is not تركي الفيصل), nor a Latin initial (جورج [دبليو] بوش is the son
    of جورج بوش), nor a word after «و» "and" (علي [ومجتبى] سعيد names two people)."""
    if len(full) != 3:
        return None
    middle = full[1]
    if (middle in NAME_LINKS or middle in KUNYA_HEADS or middle in TITLES
            or middle in LATIN_LETTER_NAMES or middle.startswith(("ال", "و"))):
        return None
    return full[0], full[2]


def _a_family_name(word: str) -> bool:
    """Whether the last of four name words (F بن X word) may be a family name: not a link
    word, a royal branch, a given name (a grandfather written without «بن»: «… بن سعيد
    سلطان») or a title the tagger ran on into (قابوس بن سعيد سلطان [عمان], Sultan of Oman)."""
    return not (word in SON_OF or word == FAMILY_OF or word in ROYAL_BRANCHES
                or word in PERSON_GIVEN_NAMES or word in TITLES)


def _given_father_family(words: Sequence[str]) -> bool:
    """Whether three name words are a given name, a father's name and a family name, as news
    writes them without «بن» (عزام محمد الدخيل, نوري كامل المالكي, محمد جواد ظريف).  Not when
    the middle word is a family, a branch or a compound's half (it begins with ال or أبو:
    تركي العبدالله الفيصل, محمد أبوزيد …), a particle (:data:`NAME_PARTICLES`: أنخيل دي ماريا),
    a link or a title; nor when the first word is a link or a title, or the last is no family
    name (:func:`_a_family_name`: علي عبدالله صالح ends in his grandfather's given name, which
    «علي صالح» might also be) or the second half of a compound given name
    (:data:`NAME_COMPOUND_TAILS`: صلاح عز الدين).

    In the 15-day SaudiNewsNet archive this gave 587 persons one key instead of two or more
    (خالد محفوظ بحاح 28 articles + خالد بحاح 58; رجب طيب إردوغان 115 + رجب إردوغان 1; the
    spellings of مولود تشاووش أوغلو's middle name, five keys); docs/benchmarks.md, "Entities".
    As with «بن», two namesakes with different fathers share the short form's key."""
    given, father, family = words
    return not (
        len(father) < 2 or father.startswith(("ال", "ابو")) or father in NAME_PARTICLES
        or father in NAME_LINKS or father in KUNYA_HEADS or father in TITLES
        or given in NAME_LINKS or given in TITLES or given in NAME_PARTICLES
        or family in NAME_COMPOUND_TAILS or family in NAME_PARTICLES or not _a_family_name(family)
    )


def entity_key(kind: str, display: str) -> str:
    """The cross-article key of an entity: its type and :func:`name_words` (a person's short
    form, :func:`person_key_words`; a state's formal name as its short name,
    :data:`STATE_FORMAL_NAMES`, an organisation's long name as its short name,
    :data:`ORGANISATION_SHORT_NAMES`; a one-word organisation or other name without the
    article, :data:`ARTICLE_OPTIONAL_TYPES`)."""
    words = name_words(display)
    if kind == "PERS":
        words = person_key_words(words)
    elif kind == "LOC":
        words = _STATE_SHORT_NAMES.get(words, words)
    elif kind == "ORG":
        words = _ORGANISATION_SHORT_NAMES.get(words, words)
    if kind in ARTICLE_OPTIONAL_TYPES and len(words) == 1:
        word = words[0]
        while len(word) >= 5 and word.startswith("ال"):  # until none is left: a key read back is itself
            word = word[2:]
        words = (word,)
    return f"{kind}:{' '.join(words)}"


# Entity types whose one-word names outlets write with the definite article or without it: the
# foreign names of organisations and things (الفيفا / فيفا "FIFA", ORG 153 and 108 articles of the
# 15-day SaudiNewsNet archive as two entities; الطالبان / طالبان, الناتو / ناتو, الأوسكار / أوسكار),
# keyed without it.  Not places (رياض الخبراء, a town the tagger cut to «رياض», is not الرياض) nor
# people (الصالح, a family, is not صالح); names of four letters or fewer stay as written (الله).
ARTICLE_OPTIONAL_TYPES = ("ORG", "MISC")


# The entity types of keys (the ANERcorp scheme's), for every part of marsad that reads them.
ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")


# the formal names' key words → the short names' (compiled once, by the same normalisation)
_STATE_SHORT_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    name_words(formal): name_words(short) for formal, short in STATE_FORMAL_NAMES.items()
}


# an organisation's long name's key words → its short name's
_ORGANISATION_SHORT_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    name_words(long): name_words(short) for long, short in ORGANISATION_SHORT_NAMES.items()
}


def typed_entity_key(value: str) -> str:
    """A key as a user may type it, in any spelling («PERS:سلمان بن عبد العزيز»), as
    :func:`entity_key` writes it («PERS:سلمان بن عبدالعزيز»); any other value unchanged."""
    kind, sep, name = value.partition(":")
    if sep and kind in ENTITY_TYPES and name.strip():
        return entity_key(kind, name)
    return value
