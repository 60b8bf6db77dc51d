"""The boilerplate phrase families (marsad.clean.patterns)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean.patterns import COMPILED, FAMILIES
from marsad.text import normalize

# pieces that reach the phrases' edges: their words, proclitics, letters that glue onto a word,
# case changes, spaces of several kinds and punctuation
_PIECES = sorted({w for phrases in FAMILIES.values() for p in phrases.split() for w in p.rstrip("*").split("_")})
_PIECE = st.one_of(
    st.sampled_from(_PIECES),
    st.sampled_from(_PIECES).map(str.upper),
    st.sampled_from(["و", "ف", "ب", "ل", "ك", "ال", "لل", "ها", "وا", "s", "x"]),
    st.sampled_from([" ", "  ", "\n", "\u00a0", ":", "،", "-", "_", "."]),
    st.text(max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=12).map("".join))
def test_anchored_search_finds_what_the_phrase_regex_finds(text):
    for family in COMPILED:
        want = family.regex.search(text)
        got = family.search(text)
        assert (got and got.span()) == (want and want.span()), family.name


def test_every_family_phrase_is_found_in_a_sentence():
    for family in COMPILED:
        for phrase in FAMILIES[family.name].split():
            # phrases are matched in normalised text (the cleaner normalises each line first)
            text = normalize("قال الكاتب " + phrase.rstrip("*").replace("_", " ") + " في النهاية")
            assert family.search(text) is not None, (family.name, phrase)
