"""Normalisation: each folding switchable, and the offset map always points back correctly."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import (
    NormalizeOptions,
    drop_control_characters,
    fold_presentation_forms,
    normalize,
    normalize_with_offsets,
    strip_diacritics,
)

# Arabic letters with their variants, marks, tatweel, invisibles, digits, Latin, spaces.
ALPHABET = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱئؤةىیکـ\u064b\u064e\u0650\u0651\u0652\u0670\u200f\u200b\ufeff٠١٢٩۴۵ 09AbZ.،؟")


def test_each_folding_is_switchable():
    text = "أَحْمَدُ إلى مكتبةِ الـمدينة ١٢٣"
    assert normalize(text) == "احمد الي مكتبه المدينه 123"
    assert normalize(text, NormalizeOptions(alef=False)) == "أحمد إلي مكتبه المدينه 123"
    assert normalize(text, NormalizeOptions(ya=False)) == "احمد الى مكتبه المدينه 123"
    assert normalize(text, NormalizeOptions(ta_marbuta=False)) == "احمد الي مكتبة المدينة 123"
    assert normalize(text, NormalizeOptions(digits=False)) == "احمد الي مكتبه المدينه ١٢٣"
    assert normalize(text, NormalizeOptions(diacritics=False)).startswith("اَحْمَدُ")
    assert normalize(text, NormalizeOptions(tatweel=False)).split()[3] == "الـمدينه"


def test_persian_digits_and_letters_and_case():
    assert normalize("۲۰۲۲ کتاب یک BBC") == "2022 كتاب يك bbc"
    assert normalize("BBC", NormalizeOptions(lowercase=False)) == "BBC"


def test_hamza_carriers_only_when_asked():
    assert normalize("مسؤول رئيس") == "مسؤول رئيس"
    assert normalize("مسؤول رئيس", NormalizeOptions(hamza=True)) == "مسوول رييس"


def test_strip_diacritics_keeps_letters():
    assert strip_diacritics("مُحَمَّدٌ إِلى") == "محمد إلى"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_offset_map_round_trip(text):
    n = normalize_with_offsets(text)
    assert n.text == normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets == sorted(n.offsets)
    # every normalised character comes from a source character that normalises to it
    for i, ch in enumerate(n.text):
        src = text[n.offsets[i]]
        assert normalize(src) == ch
    # every span maps back to a source span whose normalisation is the span
    for start in range(len(n.text) + 1):
        for end in range(start, min(len(n.text), start + 6) + 1):
            s, e = n.to_original(start, end)
            assert 0 <= s <= e <= len(text)
            assert normalize(text[s:e]) == n.text[start:end]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.booleans(), st.booleans(), st.booleans())
def test_offset_map_round_trip_with_options(text, alef, ta, digits):
    opts = NormalizeOptions(alef=alef, ta_marbuta=ta, digits=digits)
    n = normalize_with_offsets(text, opts)
    assert n.text == normalize(text, opts)
    s, e = n.to_original(0, len(n.text))
    assert normalize(text[s:e], opts) == n.text


def test_presentation_forms_become_the_letters_they_show():
    # contextual shapes of a PDF export, the lam-alef and honorific ligatures, a short vowel's
    # isolated form (its compatibility mapping puts a space before the vowel: not kept)
    assert fold_presentation_forms("ﻳﻮﺍﺟﻬﻮﻥ ﺍﻟﻤﺤﺎﻛﻤﺔ") == "يواجهون المحاكمة"
    assert fold_presentation_forms("ﻻ ﺗﻨﺴﻰ") == "لا تنسى"
    assert fold_presentation_forms("النبي ﷺ") == "النبي صلى الله عليه وسلم"
    assert fold_presentation_forms("ﻛﺘﺎﺑﹰﺎ") == "كتابًا"
    assert fold_presentation_forms("﴿ﺑﺴﻢ ﷲ﴾") == "﴿بسم الله﴾"  # the ornate parentheses have no letters
    text = "قال الوزير (2015) إن «المشروع» جاهز…"
    assert fold_presentation_forms(text) is text


def _text_of(ranges: list[tuple[int, int]], also: str) -> st.SearchStrategy[str]:
    """Short texts of the code points in ``ranges`` (inclusive) and the characters ``also``."""
    return st.text(alphabet=st.sampled_from([chr(c) for lo, hi in ranges for c in range(lo, hi + 1)] + list(also)),
                   max_size=40)


@settings(max_examples=300, deadline=None)
@given(_text_of([(0xFB50, 0xFDFF), (0xFE70, 0xFEFE)], "ابت ثجح،.\n"))
def test_folding_presentation_forms_is_idempotent_and_leaves_only_forms_without_letters(text):
    once = fold_presentation_forms(text)
    assert fold_presentation_forms(once) == once
    for ch in once:
        if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFE:
            assert unicodedata.normalize("NFKC", ch).strip() in (ch, "")  # no letters to give


def test_control_characters_and_the_escape_sequences_they_begin_are_dropped():
    assert drop_control_characters("\x1b]0;pwn\x07عنوان") == "عنوان"  # sets a terminal's title
    assert drop_control_characters("نص\x07\x1b[31m أحمر\x1b[0m") == "نص أحمر"
    assert drop_control_characters("a\x1b]52;c;ZXZpbA==\x1b\\b") == "ab"  # writes the clipboard
    assert drop_control_characters("x\x00y\x9bz\x7f") == "xyz"
    assert drop_control_characters("a\x0cb\x85c\x0bd") == "a\nb\nc\nd"
    assert drop_control_characters("الوطن. \x1a\x1aمن احتفالات") == "الوطن. \n\nمن احتفالات"  # al-Yaum's SUBs
    text = "سطر\tأول\r\nسطر ثان\n"
    assert drop_control_characters(text) is text


@settings(max_examples=300, deadline=None)
@given(_text_of([(0x00, 0x1F), (0x7F, 0x9F)], "[]0;m\\abc نص"))
def test_no_control_character_but_tab_and_line_breaks_survives(text):
    out = drop_control_characters(text)
    assert all(ch in "\t\n\r" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) for ch in out)
    assert drop_control_characters(out) == out
