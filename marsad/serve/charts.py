"""Small server-side SVG charts (no JavaScript, no external library)."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape


def _fill_days(points: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Add zero days between the first and last day so gaps show as gaps (bounded)."""
    parsed = []
    for day, count in points:
        try:
            parsed.append((dt.date.fromisoformat(str(day)[:10]), count))
        except ValueError:
            return points
    if not parsed:
        return []
    parsed.sort()
    first, last = parsed[0][0], parsed[-1][0]
    if (last - first).days > 400:
        return [(d.isoformat(), c) for d, c in parsed]
    counts = {}
    for d, c in parsed:
        counts[d] = counts.get(d, 0) + c
    out = []
    day = first
    while day <= last:
        out.append((day.isoformat(), counts.get(day, 0)))
        day += dt.timedelta(days=1)
    return out


def bar_chart(points: list[tuple[str, int]], title: str, *, width: int = 640, height: int = 180) -> Markup:
    """A bar chart of (day, count), oldest on the left, as accessible inline SVG."""
    data = _fill_days(points)
    if not data:
        return Markup("")
    pad_left, pad_bottom, pad_top = 32, 34, 10
    inner_w = width - pad_left - 8
    inner_h = height - pad_bottom - pad_top
    top = max(c for _, c in data) or 1
    slot = inner_w / len(data)
    bar_w = max(1.0, min(slot * 0.8, 48.0))
    parts = [
        Markup('<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {w} {h}" '
               'width="100%" preserveAspectRatio="xMidYMid meet" direction="ltr">').format(w=width, h=height),
        Markup('<title id="chart-title">{}</title>').format(title),
        Markup('<line x1="{x}" y1="{y0}" x2="{x2}" y2="{y0}" class="axis"/>').format(
            x=pad_left, x2=width - 8, y0=pad_top + inner_h
        ),
        Markup('<text x="{x}" y="{y}" class="tick" text-anchor="end">{v}</text>').format(
            x=pad_left - 4, y=pad_top + 8, v=top
        ),
        Markup('<text x="{x}" y="{y}" class="tick" text-anchor="end">0</text>').format(
            x=pad_left - 4, y=pad_top + inner_h
        ),
    ]
    label_every = max(1, len(data) // 6)
    for i, (day, count) in enumerate(data):
        h = inner_h * count / top
        x = pad_left + i * slot + (slot - bar_w) / 2
        parts.append(
            Markup('<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"><title>{d}: {c}</title></rect>').format(
                x=x, y=pad_top + inner_h - h, w=bar_w, h=h, d=day, c=count
            )
        )
        if i % label_every == 0 or i == len(data) - 1:
            parts.append(
                Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">{d}</text>').format(
                    x=pad_left + i * slot + slot / 2, y=height - 12, d=escape(day[5:] if len(day) >= 10 else day)
                )
            )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
