"""The fast normalisation paths give exactly what the per-character reference gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import NormalizeOptions, normalize, normalize_with_offsets
from marsad.text.normalize import _table

ALPHABET = list("ابةىأإآئؤکـ\u064b\u0651\u0670\u200fAİBcK١٢۳ ،؛٫")
OPTIONS = [NormalizeOptions(), NormalizeOptions(punctuation=True, hamza=True), NormalizeOptions(lowercase=False)]


def reference(text: str, options: NormalizeOptions) -> tuple[str, list[int]]:
    table = _table(options)
    chars, offsets = [], []
    for i, ch in enumerate(text):
        rep = table.get(ch, ch)
        if options.lowercase and rep:
            rep = rep.lower()
        for r in rep:
            chars.append(r)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(chars), offsets


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=20), st.sampled_from(OPTIONS))
def test_fast_paths_match_reference(text, options):
    expected_text, expected_offsets = reference(text, options)
    n = normalize_with_offsets(text, options)
    assert n.text == expected_text
    assert n.offsets == expected_offsets
    assert normalize(text, options) == expected_text
