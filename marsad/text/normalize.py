"""Arabic normalisation that remembers where every character came from.

Search, matching and every model in marsad work on normalised text, but what a user
sees (and every span in an Article) points into the clean, *unnormalised* text.  The
offset map is what lets an analyser find a match in the normalised form and report
it at the right place in the original.  No library we know of does this for Arabic
(CAMeL Tools and pyarabic normalise, but drop the alignment), hence our own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Harakat (fathatan .. sukun), extended marks, superscript alef and Quranic annotation marks.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
# Zero-width characters scraped pages are full of; they never carry meaning for us.
INVISIBLES = frozenset("\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff")

ALEF_VARIANTS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
YA_VARIANTS = {"ى": "ي", "ی": "ي", "ې": "ي"}  # alef maqsura, Persian yeh
TA_MARBUTA = {"ة": "ه"}
HAMZA_CARRIERS = {"ؤ": "و", "ئ": "ي"}
KAF_VARIANTS = {"ک": "ك"}  # Persian keheh
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
PUNCTUATION_FOLD = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","}


@dataclass(frozen=True)
class NormalizeOptions:
    """Which foldings to apply. Defaults suit search and statistical models."""

    diacritics: bool = True
    tatweel: bool = True
    invisibles: bool = True
    alef: bool = True
    ya: bool = True
    ta_marbuta: bool = True
    hamza: bool = False  # ؤ/ئ carry real distinctions (مسؤول vs مسول is rare noise); off by default
    kaf: bool = True
    digits: bool = True
    punctuation: bool = False
    lowercase: bool = True  # for Latin script inside Arabic text


DEFAULT_OPTIONS = NormalizeOptions()
# Keeps the letters exactly but drops what scrapers and keyboards add: used for display keys.
LIGHT_OPTIONS = NormalizeOptions(alef=False, ya=False, ta_marbuta=False, kaf=False, digits=False, lowercase=False)


def _build_table(opts: NormalizeOptions) -> dict[str, str]:
    table: dict[str, str] = {}
    if opts.diacritics:
        table.update({c: "" for c in DIACRITICS})
    if opts.tatweel:
        table[TATWEEL] = ""
    if opts.invisibles:
        table.update({c: "" for c in INVISIBLES})
    for enabled, mapping in (
        (opts.alef, ALEF_VARIANTS),
        (opts.ya, YA_VARIANTS),
        (opts.ta_marbuta, TA_MARBUTA),
        (opts.hamza, HAMZA_CARRIERS),
        (opts.kaf, KAF_VARIANTS),
        (opts.digits, DIGITS),
        (opts.punctuation, PUNCTUATION_FOLD),
    ):
        if enabled:
            table.update(mapping)
    return table


_TABLES: dict[NormalizeOptions, dict[str, str]] = {}


def _table(opts: NormalizeOptions) -> dict[str, str]:
    table = _TABLES.get(opts)
    if table is None:
        table = _TABLES[opts] = _build_table(opts)
    return table


# Per options: the table keys, and a regex over the characters the table deletes.
# Translating with one str.replace per character actually present is several times
# faster than str.translate on Arabic text (translate does a dict lookup per character
# outside ASCII); it gives the same result because no replacement is itself a key.
_FAST: dict[NormalizeOptions, tuple[frozenset[str], re.Pattern[str] | None]] = {}


def _fast(opts: NormalizeOptions) -> tuple[frozenset[str], re.Pattern[str] | None]:
    cached = _FAST.get(opts)
    if cached is None:
        table = _table(opts)
        assert not set("".join(table.values())) & table.keys(), "replacement chain must not feed itself"
        deleted = sorted(c for c, r in table.items() if r == "")
        pattern = re.compile("[" + "".join(re.escape(c) for c in deleted) + "]+") if deleted else None
        cached = _FAST[opts] = (frozenset(table), pattern)
    return cached


def _translate(text: str, opts: NormalizeOptions) -> str:
    table = _table(opts)
    keys, _ = _fast(opts)
    for ch in keys:
        if ch in text:  # a C-speed substring test; set(text) costs ten times more
            text = text.replace(ch, table[ch])
    return text


@dataclass
class Normalized:
    """Normalised text plus, for each of its characters, the index it came from.

    ``offsets`` has ``len(text) + 1`` entries; the last is the length of the original,
    so half-open spans ``[start, end)`` map back with :meth:`to_original`.
    """

    text: str
    offsets: list[int] = field(repr=False)
    original: str = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.offsets[start]
            return pos, pos
        # end maps to just after the last source character consumed by text[end-1],
        # so diacritics attached to the last letter stay inside the span.
        last = self.offsets[end - 1]
        orig_end = self.offsets[end] if end < len(self.text) else len(self.original)
        orig_end = max(orig_end, last + 1)
        return self.offsets[start], orig_end


def normalize(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> str:
    """Normalise ``text`` (no offset map: the fast path for search keys and features)."""
    out = _translate(text, options)
    return out.lower() if options.lowercase else out


# For one word: a translate table (normalize() is tuned for long text).  _RARE_RE finds the
# table characters other than the five foldings ordinary Arabic words need (a diacritic,
# tatweel, an invisible, a digit...): a word without them keeps its length, letter for letter.
_RARE = sorted(set(_table(DEFAULT_OPTIONS)) - set("أإآىة"))
_RARE_RE = re.compile("[" + "".join(re.escape(c) for c in _RARE) + "]")
_WORD_TRANSLATION = str.maketrans(_table(DEFAULT_OPTIONS))


# The text core normalises one word several times over (clitics, stem, letter runs) and
# analysers see the same words again and again: results are kept (a plain dict, emptied
# when full).
_WORDS: dict[str, str] = {}
_WORDS_SIZE = 100_000


def normalize_word(word: str) -> str:
    """``normalize(word)`` with the default options, fast for short strings (a word)."""
    out = _WORDS.get(word)
    if out is None:
        out = word.translate(_WORD_TRANSLATION).lower()
        if len(_WORDS) >= _WORDS_SIZE:
            _WORDS.clear()
        _WORDS[word] = out
    return out


def normalize_with_offsets(text: str, options: NormalizeOptions = DEFAULT_OPTIONS) -> Normalized:
    """Normalise ``text`` and keep a map from each output character to its source index."""
    # Fast path: every table entry maps one character to at most one, so the offsets are
    # the source indices minus the deleted runs, unless lowercasing expanded a character.
    out = normalize(text, options)
    _, deleted = _fast(options)
    offsets: list[int] = []
    prev = 0
    if deleted is not None:
        for m in deleted.finditer(text):
            offsets.extend(range(prev, m.start()))
            prev = m.end()
    offsets.extend(range(prev, len(text) + 1))
    if len(offsets) == len(out) + 1:
        return Normalized(out, offsets, text)
    table = _table(options)
    chars: list[str] = []
    offsets = []
    for i, ch in enumerate(text):
        rep = table.get(ch, ch)
        if options.lowercase and rep:
            rep = rep.lower()
        for r in rep:
            chars.append(r)
            offsets.append(i)
    # Characters dropped after the last kept one still belong to the final span.
    offsets.append(len(text))
    return Normalized("".join(chars), offsets, text)


# Arabic presentation forms (U+FB50-FDFF, FE70-FEFE): the contextual shapes of letters and the
# ligatures that PDF and word-processor exports write instead of letters (a whole article of
# «ﻳﻮﺍﺟﻬﻮﻥ ﺍﻟﻤﺤﺎﻛﻤﺔ», or one «ﻻ» or «ﷺ» in it: 173 of the 15-day SaudiNewsNet archive's articles).
# They look like the letters but no search, word list or model matches them.  Unicode's
# compatibility mapping (NFKC) gives each its letters (ﻻ → لا, ﷺ → صلى الله عليه وسلم); the
# isolated forms of the short vowels map to a space and the vowel, and the space is no part of
# the text.  Characters with no mapping (the ornate parentheses ﴾ ﴿) stay.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")


def _letters_of(run: str) -> str:
    return "".join(unicodedata.normalize("NFKC", ch).lstrip(" ") or ch for ch in run)


def fold_presentation_forms(text: str) -> str:
    """``text`` with every Arabic presentation form written as the letters it shows."""
    return _PRESENTATION_FORMS.sub(lambda m: _letters_of(m.group()), text) if _PRESENTATION_FORMS.search(text) else text


# C0 and C1 control characters other than tab and the line breaks: a scraped page or a hostile
# record may carry terminal escape sequences (ESC ] 0 ; … BEL sets a terminal's title, ESC [ 31 m
# its colours), which marsad would print to its reader's terminal with the text; none is text.
# Form feed, vertical tab and NEL (U+0085) end a line.
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x84\x86-\x9f]")
_LINE_CONTROL = re.compile("[\x0b\x0c\x1a\x85]")
# a whole escape sequence goes, not only its ESC: a control sequence (ESC [ parameters, final
# byte), an operating-system command (ESC ] … ended by BEL or ESC \\), or a two-byte escape
_ESCAPE_SEQUENCE = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x1b[@-Z\\\\-_]")


def drop_control_characters(text: str) -> str:
    """``text`` without control characters and the escape sequences they begin (tab, CR and LF
    kept; form feed, vertical tab and NEL made line feeds)."""
    if _CONTROL.search(text):
        text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text) if "\x1b" in text else text)
    return _LINE_CONTROL.sub("\n", text) if _LINE_CONTROL.search(text) else text


def strip_diacritics(text: str) -> str:
    return normalize(text, NormalizeOptions(alef=False, ya=False, ta_marbuta=False, kaf=False, digits=False, lowercase=False))


ARABIC_LETTER_RANGES = ((0x0620, 0x064A), (0x066E, 0x06D3), (0x06FA, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in ARABIC_LETTER_RANGES)


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (0 when the text has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)
