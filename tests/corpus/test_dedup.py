"""MinHash near-duplicate signatures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.fictional import generate
from marsad.corpus import dedup

ARTS = generate(12, seed=4)


def test_identical_texts_identical_signatures():
    a = ARTS[0].content
    assert dedup.signature(a) == dedup.signature(a)
    assert dedup.jaccard(dedup.signature(a), dedup.signature(a)) == 1.0


def test_near_reprint_above_threshold_other_event_below():
    near = next(a for a in ARTS if a.kind == "near")
    orig = next(a for a in ARTS if a.event == near.event and a.kind == "original")
    other = next(a for a in ARTS if a.event != near.event and a.kind == "original")
    s_near, s_orig, s_other = (dedup.signature(x.content) for x in (near, orig, other))
    assert dedup.jaccard(s_near, s_orig) >= dedup.THRESHOLD
    assert dedup.jaccard(s_orig, s_other) < dedup.THRESHOLD
    # LSH makes them candidates
    assert set(dedup.band_keys(s_near)) & set(dedup.band_keys(s_orig))


def test_short_texts_have_no_signature():
    assert dedup.signature("خبر قصير جدا") is None


def test_band_parameters_cover_the_signature():
    b, r = dedup.band_params()
    assert b * r <= dedup.NUM_PERM
    assert len(dedup.band_keys(dedup.signature(ARTS[0].content))) == b


def test_signature_roundtrip_through_bytes():
    sig = dedup.signature(ARTS[1].content)
    assert list(dedup.unpack(dedup.pack(sig))) == sig


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(ARTS) - 1), st.integers(0, len(ARTS) - 1))
def test_estimate_tracks_true_jaccard(i, j):
    a, b = ARTS[i].content, ARTS[j].content
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    true = len(sa & sb) / len(sa | sb)
    est = dedup.jaccard(dedup.signature(a), dedup.signature(b))
    assert abs(true - est) < 0.2  # 128 permutations: standard error ≤ 0.045
