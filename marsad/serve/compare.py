"""What differs between versions of one story: sentence-level comparison."""

from __future__ import annotations

import difflib

from marsad.document import Article
from marsad.text import normalize, split_sentences


def _sentences(article: Article) -> list[tuple[str, str]]:
    """(display text, comparison key) per sentence; the key ignores spelling variants and spacing."""
    out = []
    for sent in split_sentences(article.text):
        shown = sent.text.strip()
        if shown:
            out.append((shown, " ".join(normalize(shown).split())))
    return out


def compare_versions(base: Article, other: Article) -> dict:
    """Sentences ``other`` adds to / omits from ``base``, and a similarity ratio in [0, 1]."""
    a = _sentences(base)
    b = _sentences(other)
    matcher = difflib.SequenceMatcher(a=[k for _, k in a], b=[k for _, k in b], autojunk=False)
    added: list[str] = []
    missing: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            missing.extend(text for text, _ in a[i1:i2])
        if tag in ("replace", "insert"):
            added.extend(text for text, _ in b[j1:j2])
    # Sentences that only moved are not differences.
    moved = {k for _, k in a} & {k for _, k in b}
    added = [s for s in added if " ".join(normalize(s).split()) not in moved]
    missing = [s for s in missing if " ".join(normalize(s).split()) not in moved]
    return {"added": added, "missing": missing, "similarity": round(matcher.ratio(), 3)}
