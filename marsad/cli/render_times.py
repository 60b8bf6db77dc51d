"""Terminal view of the ``times`` layer: the dates on a small timeline, then the rest."""

from __future__ import annotations

import datetime as dt
import re

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from marsad.document import Article

WIDTH = 60


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


def timeline(points: list[tuple[dt.date, str]], width: int = WIDTH) -> Text:
    """One line from the earliest to the latest date, a dot per date."""
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    cells = ["─"] * width
    for d, _ in points:
        cells[round((d - first).days / span * (width - 1))] = "●"
    line = Text(f"{first.isoformat()} ", style="dim")
    line.append("".join(cells), style="cyan")
    line.append(f" {last.isoformat()}", style="dim")
    return line


def render_times(article: Article) -> RenderableType | None:
    if not article.times:
        return None
    dated = sorted(
        ((d, t) for t in article.times if t.type in ("DATE", "TIME") and (d := _start(t.value)) is not None),
        key=lambda p: p[0],
    )
    parts: list[RenderableType] = [Rule(f"time expressions ({article.reference_date or 'no reference date'})", style="dim")]
    if dated:
        parts.append(timeline([(d, t.value) for d, t in dated]))
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("value")
    table.add_column("type", style="dim")
    table.add_column("text", justify="right")
    seen = set()
    for _, t in dated:
        table.add_row(t.value, t.type, t.text)
        seen.add(id(t))
    for t in article.times:
        if id(t) not in seen:
            table.add_row(t.value, t.type, t.text)
    parts.append(table)
    return Group(*parts)
