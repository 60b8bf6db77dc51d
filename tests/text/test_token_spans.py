"""token_spans and windowed tokenize: the same tokens as tokenize, offsets into the full text."""

from hypothesis import given
from hypothesis import strategies as st

from marsad.text import token_spans, tokenize
from marsad.text.tokens import word_and_number_strings

ALPHABET = st.sampled_from(list("قال الوزير إن «الطريق» مغلق: 3.5% ،.\n") + ["ـ", "َ", "x", "Ab"])


@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_token_spans_match_tokenize(text):
    assert [tuple(t) for t in token_spans(text)] == [(t.text, t.start, t.end, t.kind) for t in tokenize(text)]


@given(st.lists(ALPHABET, max_size=60).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_window_on_whitespace_is_a_slice_of_the_full_tokens(text, a, b):
    spaces = [i for i, c in enumerate(text) if c.isspace()]
    lo = spaces[a % len(spaces)] if spaces else 0
    hi = spaces[b % len(spaces)] if spaces else len(text)
    lo, hi = min(lo, hi), max(lo, hi)
    full = [t for t in tokenize(text) if lo <= t.start and t.end <= hi]
    assert tokenize(text, lo, hi) == full
    assert [tuple(t) for t in token_spans(text, lo, hi)] == [(t.text, t.start, t.end, t.kind) for t in full]


@given(st.lists(ALPHABET | st.characters(), max_size=60).map("".join))
def test_word_and_number_strings_are_the_non_punctuation_tokens(text):
    assert word_and_number_strings(text) == [t.text for t in tokenize(text) if t.kind != "punct"]
