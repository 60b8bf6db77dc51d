"""Snippets with highlighted matches, computed from the article's clean text.

The index holds analysed terms, not text, so the engine's own snippet function would
show stems; instead the words of the text are analysed again (with the same analyzer,
cached) and the window holding the most distinct query terms is cut out.
"""

from __future__ import annotations

from marsad.search.analyzer import Analyzer
from marsad.text import normalize, tokenize

SNIPPET_CHARS = 240


def snippet(
    text: str,
    terms: list[str],
    analyzer: Analyzer,
    prefixes: list[str] = (),  # type: ignore[assignment]
    width: int = SNIPPET_CHARS,
) -> tuple[str, list[tuple[int, int]]]:
    """``(snippet, highlights)``: highlights are half-open spans into the snippet."""
    tokens = [t for t in tokenize(text) if t.kind != "punct"]
    wanted = set(terms)
    heads = {t[:2] for t in terms} | {p[:2] for p in prefixes}
    matches: list[tuple[int, int, str]] = []
    if tokens and (wanted or prefixes):
        # one translate call for every word: normalising word by word is far slower
        folded = normalize("\n".join(t.text for t in tokens)).split("\n")
        for tok, nw in zip(tokens, folded):
            if not any(h in nw for h in heads):
                continue  # cannot match: skip the (costly on a cold cache) stemmer
            term = analyzer.term(tok.text)
            if term in wanted:
                matches.append((tok.start, tok.end, term))
            elif prefixes and any(p in nw for p in prefixes) and any(term.startswith(p) or p in nw for p in prefixes):
                matches.append((tok.start, tok.end, "*"))
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
