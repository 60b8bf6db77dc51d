"""Terminal view of the ``times`` layer: the dates on a small timeline, then the rest."""

from __future__ import annotations

import datetime as dt
import re

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from marsad.document import Article



def _start(value: str) -> dt.date | None:
    """The first day of a DATE/TIME value's period, for placing it on the line."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value)
    if not m:
        return None
    try:
        if m.group(4):
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(4)), 1)
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _gap(a: dt.date, b: dt.date) -> str:
    days = (b - a).days
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} days"


def render_times(article: Article) -> RenderableType | None:
    """A vertical timeline of the dated expressions (the reference date marked), then the rest."""
    if not article.times:
        return None
    ref = None
    if article.reference_date:
        try:
            ref = dt.date.fromisoformat(article.reference_date[:10])
        except ValueError:
            ref = None
    groups: dict[tuple[dt.date, str], list[str]] = {}
    others: dict[tuple[str, str], int] = {}
    for t in article.times:
        d = _start(t.value) if t.type in ("DATE", "TIME") else None
        if d is None:
            others[(t.value, t.text)] = others.get((t.value, t.text), 0) + 1
        else:
            groups.setdefault((d, t.value), []).append(t.text)
    parts: list[RenderableType] = [Rule(f"time expressions ({article.reference_date or 'no reference date'})", style="dim")]
    rows = sorted(groups.items())
    if ref is not None and not any(d == ref for (d, _), _ in rows):
        rows.append(((ref, ref.isoformat()), []))
        rows.sort(key=lambda r: r[0])
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold")
    table.add_column()
    table.add_column(justify="right")
    previous = None
    for (d, value), texts in rows:
        if previous is not None and (d - previous).days > 31:
            table.add_row("", Text("┊", style="dim"), Text(_gap(previous, d), style="dim"))
        is_ref = ref is not None and d == ref and value[:10] == ref.isoformat()
        marker = Text("◆" if is_ref else "●", style="yellow" if is_ref else "cyan")
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        label = " · ".join(f"{text} ×{n}" if n > 1 else text for text, n in counts.items())
        if is_ref:
            label = (label + "  " if label else "") + "(reference date)"
        table.add_row(value, marker, label)
        previous = d
    parts.append(table)
    if others:
        rest = Table.grid(padding=(0, 2))
        rest.add_column(style="bold")
        rest.add_column(justify="right")
        for (value, text), n in others.items():
            rest.add_row(value, f"{text} ×{n}" if n > 1 else text)
        parts.append(rest)
    return Group(*parts)
