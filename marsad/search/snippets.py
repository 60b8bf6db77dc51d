"""Snippets with highlighted matches, computed from the article's clean text.

The index holds analysed terms, not text, so the engine's own snippet function would
show stems; instead the words of the text are analysed again (with the same analyzer,
cached) and the window holding the most distinct query terms is cut out.
"""

from __future__ import annotations

from marsad.search.analyzer import Analyzer
from marsad.text import normalize, normalize_with_offsets, tokenize

SNIPPET_CHARS = 240


def snippet(
    text: str,
    terms: list[str],
    analyzer: Analyzer,
    prefixes: list[str] = (),  # type: ignore[assignment]
    width: int = SNIPPET_CHARS,
) -> tuple[str, list[tuple[int, int]]]:
    """``(snippet, highlights)``: highlights are half-open spans into the snippet."""
    wanted = set(terms)
    matches: list[tuple[int, int, str]] = []
    if wanted or prefixes:
        matches = _fast_matches(text, wanted, list(prefixes), analyzer)
        if matches is None:
            matches = _scan_matches(text, wanted, list(prefixes), analyzer)
    if not matches:
        start, end = 0, min(len(text), width)
    else:
        best, best_score = 0, (-1, 0)
        j = 0
        for i in range(len(matches)):
            while j < len(matches) and matches[j][1] - matches[i][0] <= width:
                j += 1
            score = (len({m[2] for m in matches[i:j]}), j - i)
            if score > best_score:
                best, best_score = i, score
        first = matches[best][0]
        # centre a little: show some words before the first match
        start = max(0, first - width // 5)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
    # cut at word boundaries
    if start > 0:
        sp = text.find(" ", start, start + 20)
        start = sp + 1 if sp != -1 else start
    if end < len(text):
        sp = text.rfind(" ", end - 20, end)
        end = sp if sp > start else end
    snip = text[start:end].replace("\n", " ")
    highlights = [(s - start, e - start) for s, e, _ in matches if s >= start and e <= end]
    prefix_mark = "… " if start > 0 else ""
    suffix_mark = " …" if end < len(text) else ""
    off = len(prefix_mark)
    return prefix_mark + snip + suffix_mark, [(s + off, e + off) for s, e in highlights]


_MAX_PROBES = 400


def _match(tok_text: str, wanted: set[str], prefixes: list[str], analyzer: Analyzer, folded: str) -> str | None:
    term = analyzer.term(tok_text)
    if term in wanted:
        return term
    if prefixes and any(folded.find(p) >= 0 and (term.startswith(p) or p in folded) for p in prefixes):
        return "*"
    return None


def _fast_matches(
    text: str, wanted: set[str], prefixes: list[str], analyzer: Analyzer
) -> list[tuple[int, int, str]] | None:
    """Matches found by searching the normalised text for the terms (an analysed term is a
    substring of its normalised word), analysing only the words around each hit."""
    norm = normalize(text)
    if len(norm) == len(text):
        to_orig = None  # the common case: no diacritics or tatweel, offsets line up
    else:
        nz = normalize_with_offsets(text)
        norm, to_orig = nz.text, nz.offsets
    starts: set[int] = set()
    for t in list(wanted) + prefixes:
        pos = norm.find(t)
        while pos >= 0 and len(starts) < _MAX_PROBES:
            starts.add(pos if to_orig is None else to_orig[pos])
            pos = norm.find(t, pos + len(t))
    found: dict[int, tuple[int, int, str]] = {}
    for pos in sorted(starts):
        lo = max(0, pos - 40)
        for tok in tokenize(text[lo : pos + 60]):
            s, e = tok.start + lo, tok.end + lo
            if s <= pos < e and s not in found and tok.kind != "punct":
                m = _match(tok.text, wanted, prefixes, analyzer, normalize(tok.text))
                if m is not None:
                    found[s] = (s, e, m)
                break
    return sorted(found.values())


def _scan_matches(text: str, wanted: set[str], prefixes: list[str], analyzer: Analyzer) -> list[tuple[int, int, str]]:
    tokens = [t for t in tokenize(text) if t.kind != "punct"]
    heads = {t[:2] for t in wanted} | {p[:2] for p in prefixes}
    matches = []
    if tokens:
        # one translate call for every word: normalising word by word is far slower
        folded = normalize("\n".join(t.text for t in tokens)).split("\n")
        for tok, nw in zip(tokens, folded):
            if not any(h in nw for h in heads):
                continue  # cannot match: skip the analyser (costly on a cold cache)
            m = _match(tok.text, wanted, prefixes, analyzer, nw)
            if m is not None:
                matches.append((tok.start, tok.end, m))
    return matches
