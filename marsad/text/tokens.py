"""Tokenisation with character offsets, and Arabic proclitic splitting.

General tokenisers (str.split, NLTK, spaCy's xx) glue Arabic punctuation and tatweel
to words and know nothing of proclitics, so marsad carries its own small tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from marsad.text.normalize import (
    _RARE_RE,
    DIACRITICS,
    INVISIBLES,
    TATWEEL,
    _WORD_TRANSLATION,
    normalize,
    normalize_word,
)

_MARKS = "".join(sorted(DIACRITICS)) + TATWEEL
_ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
# The token kinds' patterns, shared by TOKEN_RE and the fast paths below.
_NUMBER = r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c/:][0-9\u0660-\u0669\u06f0-\u06f9]+)*%?"
_ARABIC_WORD = f"[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_MARKS}\u200c\u200d]*"
_LATIN_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
# Order matters: numbers (with Arabic decimal/thousands separators) before words.
TOKEN_RE = re.compile(
    rf"(?P<number>{_NUMBER})|(?P<arabic>{_ARABIC_WORD})|(?P<latin>{_LATIN_WORD})|(?P<punct>[^\s\w]|_)"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # "arabic" | "latin" | "number" | "punct"

    @property
    def is_word(self) -> bool:
        return self.kind in ("arabic", "latin")


class TokenSpan(NamedTuple):
    """A token as a named tuple: same fields as :class:`Token`, about twice as fast to build."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def is_word(self) -> bool:
        return self.kind in ("arabic", "latin")


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[TokenSpan]:
    """:func:`tokenize` as light named tuples, for analysers that tokenise on every article
    within a per-article time budget (building frozen dataclasses dominates tokenising)."""
    matches = TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    # tuple.__new__ skips the named tuple's Python-level __new__: a third faster
    return [_new_tuple(TokenSpan, (m.group(), m.start(), m.end(), m.lastgroup or "punct")) for m in matches]


_new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text`` (or ``text[start:end]``) into word, number and punctuation tokens.

    Offsets always index ``text``, so a caller can tokenise one sentence of a long text
    without slicing it and shifting every token.
    """
    matches = TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    return [Token(m.group(), m.start(), m.end(), m.lastgroup or "punct") for m in matches]


# TOKEN_RE's number and word alternatives alone, without groups, so that findall gives each
# token's text at C speed.  It finds the same tokens: where TOKEN_RE takes one punctuation
# character, this pattern fails at that position and the scan moves one character on, as it
# does after the punctuation token.
_WORD_OR_NUMBER_RE = re.compile(f"{_NUMBER}|{_ARABIC_WORD}|{_LATIN_WORD}")


def word_and_number_strings(text: str) -> list[str]:
    """The text of every token of :func:`tokenize` that is a word or a number, in order: the fast
    path (no offsets, no token objects) for the search index's terms."""
    return _WORD_OR_NUMBER_RE.findall(text)


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.is_word]


# The word alternatives of TOKEN_RE (same words, same order), then any other non-space
# character as a one-character break.  Each match takes the white space before it (the
# search no longer fails at every space) and no quantifier gives back what it took (no
# alternative can match white space or continue a run): the same pieces, a quarter faster.
_WORD_OR_BREAK_RE = re.compile(
    rf"""
    \s*+(?:
    ([{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_MARKS}\u200c\u200d]*+
    |[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*)
    |[0-9\u0660-\u0669\u06f0-\u06f9]++|\S)
    """,
    re.VERBOSE,
)


def words_with_breaks(text: str) -> list[str]:
    """The words of ``text`` in order (surface forms, as :func:`tokenize` finds them), with
    an empty string for each number or punctuation mark between them.

    The fast path (no offsets, no Token objects) for statistics over word sequences that
    must not run across a comma or a number, such as keyphrase candidates.
    """
    return _WORD_OR_BREAK_RE.findall(text)


# Letters only (Arabic or Latin): digits, "_" and punctuation never belong to a word.
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


def normalized_words(text: str) -> list[str]:
    """The words of ``text`` in normalised spelling, numbers and punctuation dropped.

    The fast path (no offsets, ~3x quicker than :func:`tokenize`) for bag-of-words
    features; it also matches corpora such as SANAD whose digits and punctuation were
    stripped, so a model trained there sees real news the same way.
    """
    return _LETTER_RUN_RE.findall(normalize(text))


_ARABIC_START_RE = re.compile(f"[{_ARABIC_LETTERS}]")


def is_arabic_word(piece: str) -> bool:
    """Whether a word of :func:`words_with_breaks` is an Arabic word (begins with an Arabic
    letter); the others are Latin (or other-script) words and breaks."""
    return _ARABIC_START_RE.match(piece) is not None


def letter_runs(word: str) -> list[str]:
    """:func:`normalized_words` of one word (usually the word's normalised form alone)."""
    norm = normalize_word(word)
    if norm.isalpha():  # letters only (most words): one run, no regex
        return [norm]
    return _LETTER_RUN_RE.findall(norm)


# What can join two words_with_breaks pieces into one normalised word: a character that
# normalisation deletes standing on its own (an invisible mark, or a diacritic, tatweel or
# joiner that no Arabic word carries), or a non-Arabic letter right after an Arabic word.
_ARABIC_WORD_CHARS = f"{_ARABIC_LETTERS}{_MARKS}\u200c\u200d"
# One scan: any deleted character, unless it is a mark or joiner right after a character an
# Arabic word carries (the look-behind fails for the other invisibles, which are no mark).
_LOOSE_DELETED_RE = re.compile(
    "[" + "".join(sorted(INVISIBLES - {"\u200c", "\u200d"})) + f"{_MARKS}\u200c\u200d]"
    f"(?<![{_ARABIC_WORD_CHARS}][{_MARKS}\u200c\u200d])"
)
_ARABIC_WORD_CHAR_RE = re.compile(f"[{_ARABIC_WORD_CHARS}]")


def pieces_are_normalized_words(text: str, foreign: Iterable[str]) -> bool:
    """Whether the :func:`letter_runs` of the pieces of :func:`words_with_breaks` (of the
    text, or of each of its sentences), one after the other, are :func:`normalized_words`
    of ``text``: then a caller that has the pieces need not tokenise the text again.

    ``foreign`` holds the text's pieces that begin with a letter outside the Arabic ranges
    (Latin words).  False whenever two pieces could make one normalised word (see above)
    or lower-casing could depend on the next piece (Greek capital sigma); in doubt False.
    """
    if "\u03a3" in text or _LOOSE_DELETED_RE.search(text) is not None:
        return False
    for word in set(foreign):
        if _ARABIC_WORD_CHAR_RE.search(word) is not None:
            return False  # a Latin word running into Arabic letters
        pos = text.find(word)
        while pos >= 0:
            if pos and _ARABIC_WORD_CHAR_RE.match(text, pos - 1) is not None:
                return False  # an Arabic word running into this one
            pos = text.find(word, pos + 1)
    return True


# --- proclitics --------------------------------------------------------------------

# Words that begin with a letter that looks like a proclitic but is part of the stem.
# Without a morphological lexicon the splitter would cut these; the list holds the
# frequent news words where that mistake matters (normalised forms).
CLITIC_LOOKALIKES = frozenset(
    """
    وزير وزيره وزراء وزاره ولايه ولايات وقت وضع وفد وفاه وطن وطني وطنيه واشنطن وكاله وكالات ولي وسط
    واقع وجود وحده وحدات ورقه وصول وعد وافق وقف وقوع وسائل وسيله ورد واضح واكد واصل وارد والد والده
    فريق فرنسا فلسطين فلسطيني فصل فتره فرص فرصه فكره فيلم فوز فقط فيه فيها فوق فان فعل
    بلد بلاد بين بعد بعض بيان بنك برنامج بريطانيا بغداد بيروت بكين بوتين بحث بدايه بسبب برلمان بطوله بشار
    لبنان ليبيا لندن لجنه لقاء لعب لاعب لاعبين لكن لدى لقد ليس لها له لهم لم لن لا
    كان كانت كل كما كبير كبيره كلمه كرة كره كاس كازاخستان كندا كوريا كيف كلا كثير
    سوريا سعودي سعوديه سلام سياسه سنه سنوات سوق سبب سيد ساعه سفير سيارة سياره سعر
    الله اله
    كتاب كتب كتابه كشف كشفت كلف كامل كافه كبار كريم كريمه كمال كثيره كاظم كوثر كلثوم
    لجان لحظه لغه لون ليله ليلي لينا لمي لبني لؤي لطفي ليث لميس
    بحر بريد بطل بقاء برج بسام باسم باسل بشير بشري بدر بكر بلال بهاء بثينه بسمه بندر
    فرع فقر فصيل فنان فيروس فهد فيصل فارس فاطمه فراس فؤاد فادي فاتن فايز فتحي فريد فوزي فرح
    ولد وجه وجهه ورشه وراء وليد وائل وسام وفاء وداد وحيد
    سالم سامي سامر سابق سابقه سائق ساحه ساحل سادس سعاد سمير سميره سلمان سلطان سليم سليمان سهام سوسن سناء ساره سامح
    """.split()  # second block: frequent news words and given names that begin like a proclitic
)

# Conjunctions, then a preposition / future particle, then the article (in that order).
CONJUNCTIONS = ("و", "ف")  # wa- "and", fa- "so/then"
PREPOSITIONS = ("ب", "ل", "ك", "س")  # bi- "with/in", li- "for/to", ka- "like", sa- future
ARTICLE = "ال"  # al- "the"


@dataclass(frozen=True, slots=True)
class CliticSplit:
    """A word split into proclitics and stem; ``stem_offset`` is where the stem starts in the word."""

    word: str
    prefixes: tuple[str, ...]
    stem: str
    stem_offset: int

    @property
    def has_article(self) -> bool:
        return ARTICLE in self.prefixes


_WORD_TABLE = _WORD_TRANSLATION  # default normalisation of one word, shared with normalize_word

_new_object = object.__new__
_SET_WORD, _SET_PREFIXES, _SET_STEM, _SET_OFFSET = (
    getattr(CliticSplit, name).__set__ for name in ("word", "prefixes", "stem", "stem_offset")
)


def _make_split(word: str, prefixes: tuple[str, ...], stem: str, stem_offset: int) -> CliticSplit:
    """``CliticSplit(word, prefixes, stem, stem_offset)`` without the frozen dataclass's
    ``__init__`` (a Python function setting each slot through object.__setattr__): the
    same object, set through the slots' descriptors, at a third of the cost."""
    split = _new_object(CliticSplit)
    _SET_WORD(split, word)
    _SET_PREFIXES(split, prefixes)
    _SET_STEM(split, stem)
    _SET_OFFSET(split, stem_offset)
    return split


def split_clitics(word: str, min_stem: int = 2) -> CliticSplit:
    """Split Arabic proclitics (و ف ب ل ك س ال) off ``word``.

    Works on the surface form (diacritics are skipped over so offsets stay valid).
    ``لل`` is read as li- + the article with its alef elided (للمنظمة → ل + ال + منظمة).
    A split is only made when at least ``min_stem`` letters remain, and never for the
    lookalike words in :data:`CLITIC_LOOKALIKES`.
    """
    # Not cached here: a cache of CliticSplit objects (which the garbage collector tracks
    # for ever) made full collections slower than the splits it saved; callers cache what
    # they derive from a split (wordstats, the search analyser).
    return _split_clitics(word, min_stem)


def match_form(token: str) -> str:
    """The normalised word without its conjunction and preposition clitics, the article kept
    (بالشيخ → الشيخ, وشرم → شرم): the form names and gazetteer entries are matched on."""
    cs = split_clitics(token)
    if not cs.prefixes:
        return normalize_word(token)
    stem = normalize_word(cs.stem)
    return ARTICLE + stem if cs.has_article else stem


def _split_clitics(word: str, min_stem: int) -> CliticSplit:
    # Most words hold no diacritic, tatweel or invisible: then every letter is at its own
    # index and the normalised word is as long as the word, and the split needs no letter
    # map (the reference below, which gives the same split, for the other words).
    if _RARE_RE.search(word) is None:
        norm = normalize_word(word)
        if len(norm) == len(word):
            return _split_plain(word, norm, min_stem)
    return _split_clitics_reference(word, min_stem)


# Letters that normalisation maps to one letter each and that need no lower-casing: a word
# of these only (most Arabic words) normalises letter for letter, and so does any part of it.
_PLAIN_LETTERS = "".join(
    ch
    for ch in map(chr, range(0x0621, 0x064B))
    if _ARABIC_START_RE.match(ch)
    and ch.isalpha()
    and _RARE_RE.match(ch) is None
    and len(ch.translate(_WORD_TABLE)) == 1
    and ch.translate(_WORD_TABLE).lower() == ch.translate(_WORD_TABLE)
)
_PLAIN_WORD_RE = re.compile(f"[{_PLAIN_LETTERS}]+")


def split_plain_word(word: str) -> tuple[CliticSplit, str] | None:
    """``(split_clitics(word), normalize_word(word))`` for a word of plain Arabic letters
    only (no diacritic, tatweel, digit or Latin letter: most words), else None.  Such a
    word is an Arabic word (:func:`is_arabic_word`), its :func:`letter_runs` are its
    normalised form alone, and any slice of it normalises to the same slice of that form:
    callers that need these facts of many new words skip the general checks."""
    plain = plain_word_prefixes(word)
    if plain is None:
        return None
    prefixes, pos, norm = plain
    return (_make_split(word, prefixes, word[pos:], pos) if prefixes else _make_split(word, (), word, 0)), norm


def plain_word_prefixes(word: str) -> tuple[tuple[str, ...], int, str] | None:
    """:func:`split_plain_word` without the :class:`CliticSplit` object: ``(prefixes,
    stem_offset, normalize_word(word))`` of ``split_clitics(word)``, or None."""
    if _PLAIN_WORD_RE.fullmatch(word) is None:
        return None
    norm = word.translate(_WORD_TABLE)
    prefixes, pos = _plain_prefixes(word, norm, 2)
    return prefixes, pos, norm


# A word of plain letters that also carries diacritics or tatweel (ـ), which split_clitics
# skips: it splits as its letters alone do, and the stem starts at the matching letter.
_SKIPPED = "".join(sorted(DIACRITICS)) + TATWEEL
_STRIP_SKIPPED = str.maketrans("", "", _SKIPPED)
_MARKED_WORD_RE = re.compile(f"[{_PLAIN_LETTERS}][{_PLAIN_LETTERS}{re.escape(_SKIPPED)}]*")


def marked_word_prefixes(word: str) -> tuple[tuple[str, ...], int, str, int] | None:
    """For a word of plain Arabic letters (see :func:`split_plain_word`), diacritics and
    tatweel that begins with a letter (``كتابًا``, ``مُدرّس``: a word of letters only too),
    ``(prefixes, stem_offset, normalize_word(word), letters)`` of ``split_clitics(word)``,
    where ``letters`` is how many letters precede the stem; else None.  The normalised word
    is its letters' (those marks are deleted), but unlike :func:`plain_word_prefixes` a
    slice of the word need not normalise to the same slice of it."""
    if _MARKED_WORD_RE.fullmatch(word) is None:
        return None
    plain = word.translate(_STRIP_SKIPPED)
    norm = plain.translate(_WORD_TABLE)
    prefixes, pos = _plain_prefixes(plain, norm, 2)
    if not prefixes or len(plain) == len(word):
        return prefixes, pos, norm, pos
    offset = 0  # the index in the word of its letter number pos
    for _ in range(pos + 1):
        while word[offset] in _SKIPPED:
            offset += 1
        offset += 1
    return prefixes, offset - 1, norm, pos


def _split_plain(word: str, norm: str, min_stem: int) -> CliticSplit:
    """:func:`_split_clitics_reference` for a word whose letters all sit at their own index
    in ``norm`` (its normalised form, of the same length)."""
    prefixes, pos = _plain_prefixes(word, norm, min_stem)
    if not prefixes:
        return _make_split(word, (), word, 0)
    return _make_split(word, prefixes, word[pos:], pos)


def _plain_prefixes(word: str, norm: str, min_stem: int) -> tuple[tuple[str, ...], int]:
    n = len(norm)
    if n <= min_stem or norm in CLITIC_LOOKALIKES:
        return (), 0
    prefixes: list[str] = []
    pos = 0
    if norm[0] in CONJUNCTIONS and n - 1 >= min_stem + 1:  # norm itself is no lookalike
        prefixes.append(word[0])
        pos = 1
    if pos < n and norm[pos] in PREPOSITIONS and not (pos and norm[pos:] in CLITIC_LOOKALIKES):
        if norm[pos] == "ل" and norm.startswith("ل", pos + 1) and n - pos - 2 >= min_stem:
            prefixes.extend([word[pos], "ال"])
            pos += 2
        elif n - pos - 1 >= min_stem + 1:
            if norm[pos] != "س" or norm[pos + 1] in "يتن" or word[pos + 1] == "أ":
                prefixes.append(word[pos])
                pos += 1
    if norm.startswith(ARTICLE, pos) and n - pos - 2 >= min_stem and "ال" not in prefixes:
        prefixes.append(word[pos : pos + 2])
        pos += 2
    if not prefixes:
        return (), 0
    return tuple(prefixes), pos


def _split_clitics_reference(word: str, min_stem: int = 2) -> CliticSplit:
    """The letter-by-letter split (any word; kept as the specification of the fast path)."""
    letters = [(i, ch) for i, ch in enumerate(word) if ch not in DIACRITICS and ch != TATWEEL]
    plain = "".join(ch for _, ch in letters)
    # normalize(plain) for one word, via a translate table (normalize() is tuned for long text)
    norm = plain.translate(_WORD_TABLE).lower()

    def protected(rest: str) -> bool:
        return rest in CLITIC_LOOKALIKES

    if protected(norm) or len(norm) <= min_stem:
        return CliticSplit(word, (), word, 0)

    prefixes: list[str] = []
    pos = 0

    def remaining() -> int:
        return len(norm) - pos

    if norm[pos] in CONJUNCTIONS and remaining() - 1 >= min_stem + 1 and not protected(norm[pos:]):
        prefixes.append(plain[pos])
        pos += 1
    if pos < len(norm) and norm[pos] in PREPOSITIONS and not protected(norm[pos:]):
        if norm[pos] == "ل" and norm.startswith("ل", pos + 1) and remaining() - 2 >= min_stem:
            # li- + al-: the article's alef is dropped in writing
            prefixes.extend([plain[pos], "ال"])
            pos += 2
        elif remaining() - 1 >= min_stem + 1:
            # sa- (future) only before an imperfect-verb prefix; elsewhere س is a stem letter.
            # The first-person prefix is أ (سأذهب): a bare alef is a stem letter (سابق, سامي).
            if norm[pos] != "س" or norm[pos + 1] in "يتن" or plain[pos + 1] == "أ":
                prefixes.append(plain[pos])
                pos += 1
    if norm.startswith(ARTICLE, pos) and remaining() - 2 >= min_stem and "ال" not in prefixes:
        prefixes.append(plain[pos : pos + 2])
        pos += 2
    if not prefixes:
        return CliticSplit(word, (), word, 0)
    stem_offset = letters[pos][0]
    return CliticSplit(word, tuple(prefixes), word[stem_offset:], stem_offset)


def strip_clitics(word: str) -> str:
    """The stem of ``word`` with its proclitics removed."""
    return split_clitics(word).stem
