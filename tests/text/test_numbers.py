"""Arabic number words → values."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text import normalize
from marsad.text.numbers import NUMBER_WORDS_PATTERN, parse_number, spelled_numbers, word_value


@pytest.mark.parametrize(
    "phrase, value, ordinal",
    [
        ("ثلاثة", 3, False),
        ("ثلاث", 3, False),
        ("عشرين", 20, False),
        ("عشرون", 20, False),
        ("الخامس", 5, True),
        ("الخامسة", 5, True),
        ("الأول", 1, True),
        ("الأولى", 1, True),
        ("الحادي عشر", 11, True),
        ("الحادي والعشرين", 21, True),
        ("الثالث عشر", 13, True),
        ("إحدى عشرة", 11, False),
        ("اثنا عشر", 12, False),
        ("خمسة وتسعين", 95, False),
        ("ثمانية وسبعين", 78, False),
        ("مئة", 100, False),
        ("ثلاثمئة", 300, False),
        ("ثلاث مئة", 300, False),
        ("مئتين", 200, False),
        ("ألفين وخمسة عشر", 2015, False),
        ("عشرة آلاف", 10000, False),
        ("خمسمائة", 500, False),
        ("ثلاثة مليارات وخمسمئة مليون", 3_500_000_000, False),
        ("مليار", 1_000_000_000, False),
        ("تريليون", 1_000_000_000_000, False),
        ("ألف مليون", 1_000_000_000, False),
        ("ألف مليار", 1_000_000_000_000, False),
        ("مئة ألف مليار", 100_000_000_000_000, False),
        ("ثلاثة آلاف مليار", 3_000_000_000_000, False),
        ("خمسة ملايين وألف", 5_001_000, False),
    ],
)
def test_phrases(phrase, value, ordinal):
    parsed = parse_number(normalize(phrase))
    assert parsed is not None
    assert (parsed.value, parsed.ordinal) == (value, ordinal)


@pytest.mark.parametrize(
    "phrase",
    ["سنة", "خمسة أيام", "", "والخامس", "الأول والخامس عشر", "ثلاثة وأربعة", "خمسة ستة", "عشرين وثلاثين"],
)
def test_non_numbers(phrase):
    assert parse_number(normalize(phrase)) is None


def test_word_value():
    assert word_value(normalize("السابعة")) == 7
    assert word_value(normalize("كتاب")) is None


UNITS_M = ["واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
UNITS_F = ["واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]


def spell(n: int, feminine: bool) -> str:
    units = UNITS_F if feminine else UNITS_M
    tens, unit = divmod(n, 10)
    if tens == 0:
        return units[unit - 1]
    if tens == 1:
        if unit == 0:
            return "عشر" if feminine else "عشرة"
        return f"{units[unit - 1]} {'عشرة' if feminine else 'عشر'}"
    if unit == 0:
        return TENS[tens]
    return f"{units[unit - 1]} و{TENS[tens]}"


@given(st.integers(1, 99), st.booleans())
def test_spelled_numbers_round_trip(n, feminine):
    phrase = normalize(spell(n, feminine))
    parsed = parse_number(phrase)
    assert parsed is not None and parsed.value == n
    # the pattern finds the whole phrase inside a sentence
    found = re.search(NUMBER_WORDS_PATTERN, f"مضى {phrase} كتابا")
    assert found is not None and found.group() == phrase


def test_spelled_numbers_reads_each_number_a_text_writes_in_words():
    text = "ضبط 89 كبسولة تزن ستمائة وخمسة عشر ونصف جرام، ووصل ثلاثة آلاف وخمسمائة حاج في السادس من الشهر"
    assert spelled_numbers(text) == {615, 3500, 6}
    assert spelled_numbers("الأول والخامس") == {1, 5}  # two numbers, not one
    assert spelled_numbers("لا أرقام هنا 45") == set()
