"""Fictional sentences (own text) and a fresh tagger for the entity tagger's tests."""

from __future__ import annotations

import pytest

from marsad.analyze import ner

# fictional sentences (own text): people, places, organisations, titles, clitics, digits, Latin
SENTENCES = [
    ["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "إن", "بلاده", "ستدعم", "الأمم", "المتحدة", "."],
    ["وزار", "وزير", "الخارجية", "المصري", "سامح", "شكري", "مدينة", "الإسكندرية", "أمس", "."],
    ["وأعلنت", "منظمة", "الصحة", "العالمية", "عن", "برنامج", "جديد", "في", "نيروبي"],
    ["التقى", "المتحدث", "باسم", "شركة", "نورا", "للطيران", "وفدا", "من", "القاهرة", "وبغداد"],
    ["و"],
    [],
    ["في", "عام", "2024", "سافر", "فريق", "Al", "Nour", "إلى", "مدريد", "ولندن", "وطوكيو", "."],
    ["قال", "ماكرون", "."],
]


def neural_tagger() -> ner.Tagger:
    """A fresh CRF + network tagger (empty word tables); skips the test when no network ships."""
    t = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE), ner.MODEL_DIR)
    if t.neural is None:
        pytest.skip("no neural model shipped (the CRF alone is used)")
    return t
