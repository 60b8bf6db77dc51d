"""Arabic number words: cardinals and ordinals, masculine and feminine, as values.

Dates, durations, counts and quantities in news are often spelled out ("الخامس من
الشهر"، "ثلاثة أعوام"، "خمسة وتسعين عاما").  This module reads such phrases in their
normalised spelling (see :func:`marsad.text.normalize`: ة→ه, أ/إ/آ→ا, ى→ي).

* :func:`parse_number` reads a phrase ("خمسه وعشرين", "الحادي والعشرين", "ثلاثمئه")
  and returns a :class:`NumberWords` with its value and whether it is an ordinal.
* :data:`NUMBER_WORDS_PATTERN` is a regex source matching one such phrase in
  normalised text (word-bounded), for grammars that embed numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.normalize import normalize


def _forms(spec: str) -> dict[str, int]:
    """'3: ثلاث ثلاثة' lines → {normalised form: value}."""
    out: dict[str, int] = {}
    for line in spec.strip().splitlines():
        value, words = line.split(":")
        for w in words.split():
            out[normalize(w)] = int(value)
    return out


# Cardinals 1-10 and the tens, masculine / feminine, nominative / oblique case.
CARDINALS: dict[str, int] = _forms(
    """
    1: واحد واحدة أحد إحدى
    2: اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي
    3: ثلاث ثلاثة
    4: أربع أربعة
    5: خمس خمسة
    6: ست ستة
    7: سبع سبعة
    8: ثمان ثماني ثمانية
    9: تسع تسعة
    10: عشر عشرة
    20: عشرون عشرين
    30: ثلاثون ثلاثين
    40: أربعون أربعين
    50: خمسون خمسين
    60: ستون ستين
    70: سبعون سبعين
    80: ثمانون ثمانين
    90: تسعون تسعين
    """
)

# Ordinals 1-10 (masculine / feminine); "حادي" only occurs in 11th, 21st ...
ORDINALS: dict[str, int] = _forms(
    """
    1: أول أولى حادي حادية
    2: ثاني ثانية
    3: ثالث ثالثة
    4: رابع رابعة
    5: خامس خامسة
    6: سادس سادسة
    7: سابع سابعة
    8: ثامن ثامنة
    9: تاسع تاسعة
    10: عاشر عاشرة
    """
)

# Hundreds to trillions: multipliers, and their fused / dual forms with a fixed value.
MULTIPLIERS: dict[str, int] = _forms(
    """
    100: مئة مائة مئه مائه
    1000: ألف آلاف ألوف
    1000000: مليون ملايين
    1000000000: مليار مليارات بليون
    1000000000000: تريليون تريليونات ترليون
    """
)
FIXED: dict[str, int] = _forms(
    """
    200: مئتان مئتين مائتان مائتين
    300: ثلاثمئة ثلاثمائة
    400: أربعمئة أربعمائة
    500: خمسمئة خمسمائة
    600: ستمئة ستمائة
    700: سبعمئة سبعمائة
    800: ثمانمئة ثمانمائة ثمانيمئة
    900: تسعمئة تسعمائة
    2000: ألفان ألفين
    """
)
# The duals of the large multipliers, as amounts ("مليوني ريال" "two million riyals").  Not
# number words of phrases and time expressions: مليوني is also the adjective "million-strong"
# (حشد مليوني يوم الجمعة "a million-strong crowd on Friday").
DUAL_MULTIPLIERS: dict[str, int] = _forms(
    """
    2000: ألفي
    2000000: مليونان مليونين مليوني
    2000000000: ملياران مليارين ملياري
    """
)

_TEEN_TEN = {normalize("عشر"), normalize("عشرة")}
ARTICLE = "ال"

ALL_WORDS: frozenset[str] = frozenset(CARDINALS) | frozenset(ORDINALS) | frozenset(MULTIPLIERS) | frozenset(FIXED)


@dataclass(frozen=True)
class NumberWords:
    value: int
    ordinal: bool
    words: int  # how many words the phrase used


def _strip(word: str, first: bool) -> str:
    if not first and word.startswith("و") and word[1:] and (word[1:] in ALL_WORDS or word[1:].startswith(ARTICLE)):
        word = word[1:]
    if word.startswith(ARTICLE) and word[2:] in ALL_WORDS:
        word = word[2:]
    return word


def word_value(word: str) -> int | None:
    """The value of one normalised number word (with or without ال), or None."""
    w = _strip(word, True)
    for table in (CARDINALS, ORDINALS, FIXED, MULTIPLIERS):
        if w in table:
            return table[w]
    return None


def amount_word_value(word: str) -> int | None:
    """The value of a normalised word that can state an amount before a unit: a cardinal above
    one, a multiplier, a fused form or a large dual (خمسة, آلاف, المليون, مليوني); None for
    anything else, ordinals included (الثاني "second") and one, which is also "anyone" and,
    with the article, "Sunday" (الأحد)."""
    w = _strip(word, True)
    for table in (CARDINALS, FIXED, MULTIPLIERS, DUAL_MULTIPLIERS):
        value = table.get(w)
        if value is not None:
            return value if value > 1 else None
    return None


def parse_number(phrase: str | list[str]) -> NumberWords | None:
    """Read a whole normalised number phrase; None unless every word is part of the number.

    Arabic orders the parts thousands, hundreds, units, then tens joined by و
    ("الفين وخمسه وعشرين" = 2025), and teens as unit + عشر ("ثلاثه عشر" = 13).
    """
    tokens = phrase.split() if isinstance(phrase, str) else list(phrase)
    if not tokens:
        return None
    total = current = 0
    last_multiplier = 0  # of the last group added to total
    ordinal = False
    prev_unit = False
    for i, raw in enumerate(tokens):
        w = _strip(raw, i == 0)
        if i > 0:
            joined = raw.startswith("و") and not w.startswith("و")
            value = CARDINALS.get(w, 0)
            if joined:
                # "و" joins tens to units (خمسه وعشرين) or anything to a round hundred or
                # thousand (مئه وخمسه); elsewhere it coordinates two numbers (الاول والخامس).
                tens = value >= 20 and current % 100 < 10
                if not (tens or (total or current) and current % 100 == 0):
                    return None
            elif w not in _TEEN_TEN and w not in MULTIPLIERS:
                return None
        if w in _TEEN_TEN and prev_unit and 0 < current % 10 <= 9 and current % 100 < 10:
            current += 10  # the ten of a teen: "ثلاثه عشر"
            prev_unit = False
            continue
        if w in MULTIPLIERS:
            m = MULTIPLIERS[w]
            if not current and total and m >= 1000 and m > last_multiplier:
                total *= m  # "ألف مليار": a thousand billion, not a thousand and a billion
                last_multiplier = m
                prev_unit = False
                continue
            block = current % m if current else 0
            current = current - block + (block or 1) * m
            if m >= 1000:
                total += current
                current = 0
                last_multiplier = m
            prev_unit = False
            continue
        if w in FIXED:
            current += FIXED[w]
            prev_unit = False
            continue
        if w in ORDINALS:
            if i == 0:
                ordinal = True
            current += ORDINALS[w]
            prev_unit = True
            continue
        if w in CARDINALS:
            v = CARDINALS[w]
            current += v
            prev_unit = v < 10
            continue
        return None
    value = total + current
    return NumberWords(value, ordinal, len(tokens)) if value else None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = rf"(?:ال)?(?:{_alternation(sorted(ALL_WORDS))})(?!\w)"
# A number phrase: number words joined by spaces, later ones optionally prefixed by و.
NUMBER_WORDS_PATTERN = rf"(?<!\w){_WORD}(?: و?{_WORD})*(?!\w)"


_PHRASE = re.compile(NUMBER_WORDS_PATTERN)


def spelled_numbers(text: str) -> set[int]:
    """The values of the numbers ``text`` (any spelling: it is normalised here) writes in words:
    "تزن ستمائة وخمسة عشر جراما" -> {615}.  A phrase that does not read as one number ("الأول
    والخامس", first and fifth) gives each word's value."""
    out: set[int] = set()
    for m in _PHRASE.finditer(normalize(text)):
        whole = parse_number(m.group())
        if whole is not None:
            out.add(whole.value)
            continue
        for word in m.group().split():
            one = parse_number(_strip(word, False))
            if one is not None:
                out.add(one.value)
    return out
