"""What differs between versions of one story: sentence-level comparison with word-level edits."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape

from marsad.document import Article
from marsad.text import normalize, split_sentences

# Two sentences at least this similar (difflib ratio over normalised words) are one sentence
# edited, shown word by word, rather than one removed and another added.  Chosen by reading the
# demo story and SaudiNewsNet reprints: edited wire sentences score 0.6-0.95, unrelated ones < 0.3.
SAME_SENTENCE_RATIO = 0.5


def _key(text: str) -> str:
    return " ".join(normalize(text).split())


def _sentences(article: Article) -> list[tuple[str, str]]:
    """(display text, comparison key) per sentence; the key ignores spelling variants and spacing."""
    out = []
    for sent in split_sentences(article.text):
        shown = sent.text.strip()
        if shown:
            out.append((shown, _key(shown)))
    return out


def _word_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()


def word_diff(old: str, new: str) -> Markup:
    """``new`` with the words it adds in <ins> and the words of ``old`` it drops in <del> (escaped)."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=[_key(w) for w in a], b=[_key(w) for w in b], autojunk=False)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(str(escape(" ".join(b[j1:j2]))))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return Markup(" ".join(parts))


def compare_versions(base: Article, other: Article) -> dict:
    """Sentences ``other`` adds to / omits from / edits in ``base``, and a similarity in [0, 1]."""
    a = _sentences(base)
    b = _sentences(other)
    matcher = difflib.SequenceMatcher(a=[k for _, k in a], b=[k for _, k in b], autojunk=False)
    moved = {k for _, k in a} & {k for _, k in b}  # sentences that only moved are not differences
    # Sentences outside the matched runs, on both sides; an edited sentence may have moved too,
    # so pairs are looked for across the whole article, not only within one diff block.
    old: list[tuple[str, str]] = []
    new: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old.extend(s for s in a[i1:i2] if s[1] not in moved)
            new.extend(s for s in b[j1:j2] if s[1] not in moved)
    added: list[str] = []
    changed: list[dict] = []
    used: set[int] = set()
    for text, key in new:
        best, best_ratio = None, SAME_SENTENCE_RATIO
        for idx, (_, okey) in enumerate(old):
            if idx not in used:
                ratio = _word_ratio(okey, key)
                if ratio >= best_ratio:
                    best, best_ratio = idx, ratio
        if best is None:
            added.append(text)
        else:
            used.add(best)
            changed.append({"from": old[best][0], "to": text, "html": word_diff(old[best][0], text)})
    missing = [text for idx, (text, _) in enumerate(old) if idx not in used]
    return {"added": added, "missing": missing, "changed": changed, "similarity": round(matcher.ratio(), 3)}
