"""Article text to safe HTML: every character is escaped first, then marks are added.

Highlights come from span offsets (entities, time expressions, search hits), never from
matching strings inside already-built HTML, so nothing the article or the user wrote can
become markup.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from marsad.document import Article
from marsad.text.names import ENTITY_TYPES


@dataclass
class _Mark:
    start: int
    end: int
    open: str  # already-safe opening tag (escaped values only)
    close: str
    priority: int  # lower wins when two marks overlap


@dataclass
class Paragraph:
    kind: str  # heading | paragraph
    html: Markup
    start: int
    end: int


def entity_href(key: str) -> str:
    return "/entities/" + quote(key, safe="")


def _esc(value) -> str:
    return str(escape(value))


# Marks are built with plain string formatting of escaped values (Markup.format goes through
# string.Formatter, which was most of an article page's highlighting time).
def _entity_marks(article: Article) -> list[_Mark]:
    marks = []
    for ent in article.entities:
        etype = ent.type if ent.type in ENTITY_TYPES else "MISC"
        key = ent.key or ent.canonical or ent.text
        title = ent.canonical or ent.text
        # aria-describedby names the type for screen readers (the ids are on the article page).
        open_tag = (
            f'<a class="ent ent-{etype}" data-type="{etype}" href="{_esc(entity_href(key))}" title="{_esc(title)}"'
            f' aria-describedby="etype-{etype}">'
        )
        marks.append(_Mark(ent.start, ent.end, open_tag, "</a>", 0))
    return marks


def _time_marks(article: Article) -> list[_Mark]:
    marks = []
    for i, tx in enumerate(article.times):
        v = _esc(tx.value)
        marks.append(_Mark(tx.start, tx.end, f'<time class="tx" id="t{i}" datetime="{v}" title="{v}">', "</time>", 1))
    return marks


def _anchor_points(article: Article) -> list[tuple[int, str]]:
    return [(q.start, f'<span class="anchor" id="q{i}"></span>') for i, q in enumerate(article.quotes)]


def _non_overlapping(marks: list[_Mark], length: int) -> list[_Mark]:
    """Keep a set of marks that do not overlap: by priority, then earlier, then longer."""
    kept: list[_Mark] = []
    taken = bytearray(length + 1)
    for m in sorted(marks, key=lambda m: (m.priority, m.start, -(m.end - m.start))):
        if not (0 <= m.start < m.end <= length):
            continue
        if any(taken[m.start : m.end]):
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


def render_range(text: str, start: int, end: int, marks: list[_Mark], points: list[tuple[int, str]]) -> Markup:
    """Escape ``text[start:end]`` and wrap the marks that fall inside it (``marks`` sorted by
    start and not overlapping, as :func:`_non_overlapping` returns them)."""
    out: list[str] = []
    pos = start
    lo = bisect.bisect_left(marks, start, key=_mark_start)
    inside = []
    for m in marks[lo:]:
        if m.start >= end:
            break
        if m.end <= end:
            inside.append(m)
    # A point inside a mark moves to the mark's start so tags stay properly nested.
    moved = []
    for at, html in points:
        if not (start <= at < end):
            continue
        for m in inside:
            if m.start < at < m.end:
                at = m.start
                break
        moved.append((at, html))
    if moved:
        moved.sort(key=lambda p: p[0])
        events: list[tuple[int, int, object]] = [(m.start, 1, m) for m in inside] + [(at, 0, h) for at, h in moved]
        events.sort(key=lambda e: (e[0], e[1]))
    else:
        events = [(m.start, 1, m) for m in inside]
    for at, kind, obj in events:
        if at > pos:
            out.append(_esc(text[pos:at]))
            pos = at
        if kind == 0:
            out.append(str(obj))
        else:
            m = obj  # type: ignore[assignment]
            out.append(str(m.open) + _esc(text[m.start : m.end]) + str(m.close))
            pos = m.end
    if pos < end:
        out.append(_esc(text[pos:end]))
    return Markup("".join(out))


def _mark_start(m: _Mark) -> int:
    return m.start


def _fallback_blocks(text: str) -> list[tuple[str, int, int]]:
    """Paragraphs by line when the article has no block layer."""
    blocks = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            blocks.append(("paragraph", m.start(), m.end()))
    return blocks


def article_body(article: Article, *, highlight: bool = True) -> list[Paragraph]:
    """The article's blocks as escaped HTML with entity and time marks."""
    text = article.text
    marks = _non_overlapping(_entity_marks(article) + _time_marks(article), len(text)) if highlight else []
    points = _anchor_points(article) if highlight else []
    if article.blocks:
        ranges = [(b.kind, b.start, b.end) for b in article.blocks if 0 <= b.start <= b.end <= len(text)]
    else:
        ranges = _fallback_blocks(text)
    paragraphs = []
    for kind, start, end in ranges:
        paragraphs.append(Paragraph(kind, render_range(text, start, end, marks, points), start, end))
    return paragraphs


def highlight_terms(text: str, spans: list[tuple[int, int]]) -> Markup:
    """Escape ``text`` and wrap each (start, end) span in <mark> (for search snippets)."""
    marks = [_Mark(s, e, Markup("<mark>"), "</mark>", 0) for s, e in spans]
    return render_range(text, 0, len(text), _non_overlapping(marks, len(text)), [])


def timeline(article: Article) -> list[dict]:
    """Time expressions ordered by their value (resolved dates first, in date order)."""
    items = []
    for i, tx in enumerate(article.times):
        resolved = bool(re.match(r"^\d{4}(-\d{2}){0,2}", tx.value or ""))
        items.append({"index": i, "text": tx.text, "value": tx.value, "type": tx.type, "resolved": resolved})
    items.sort(key=lambda it: (not it["resolved"], it["value"] if it["resolved"] else "", it["index"]))
    return items


def entity_summary(article: Article) -> dict[str, list[dict]]:
    """Distinct entities of the article by type, most mentioned first."""
    by_key: dict[tuple[str, str], dict] = {}
    for ent in article.entities:
        etype = ent.type if ent.type in ENTITY_TYPES else "MISC"
        key = ent.key or ent.canonical or ent.text
        item = by_key.setdefault((etype, key), {"key": key, "name": ent.canonical or ent.text, "count": 0})
        item["count"] += 1
    grouped: dict[str, list[dict]] = {t: [] for t in ENTITY_TYPES}
    for (etype, _), item in by_key.items():
        item["href"] = entity_href(item["key"])
        grouped[etype].append(item)
    for items in grouped.values():
        items.sort(key=lambda it: (-it["count"], it["name"]))
    return grouped


def quotes_panel(article: Article) -> list[dict]:
    names = {e.key: (e.canonical or e.text) for e in article.entities if e.key}
    items = []
    for i, q in enumerate(article.quotes):
        speaker = names.get(q.speaker_entity or "") or q.speaker
        items.append(
            {
                "index": i,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "speaker": speaker,
                "speaker_href": entity_href(q.speaker_entity) if q.speaker_entity else None,
            }
        )
    return items
