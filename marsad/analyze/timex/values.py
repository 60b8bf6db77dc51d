"""TIMEX3 value strings and calendar arithmetic.

Granularities: "day" (2022-01-02), "week" (2022-W02), "month" (2022-01), "year" (2022),
"decade" (202), "century" (20).  An unknown part is written with X, as TIMEX3 does
(XXXX-XX-XX, XXXX-WXX-2, XXXX-01-02), so a value never pretends to know what the
text does not say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX"}
UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}


@dataclass(frozen=True)
class Point:
    """A resolved calendar point: a date plus how much of it the text pins down."""

    date: dt.date
    granularity: str  # day | week | month | year | decade | century

    @property
    def value(self) -> str:
        d, g = self.date, self.granularity
        if g == "day":
            return d.isoformat()
        if g == "week":
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}"
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"


def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    day = min(d.day, _month_length(y, m))
    return dt.date(y, m, day)


def _month_length(y: int, m: int) -> int:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def shift(d: dt.date, unit: str, n: int) -> dt.date | None:
    """``d`` moved by ``n`` calendar units (None when it leaves the supported range)."""
    try:
        if unit == "D":
            return d + dt.timedelta(days=n)
        if unit == "W":
            return d + dt.timedelta(weeks=n)
        if unit == "M":
            return add_months(d, n)
        if unit == "Y":
            return add_months(d, 12 * n)
        if unit == "DE":
            return add_months(d, 120 * n)
        if unit == "CE":
            return add_months(d, 1200 * n)
    except (OverflowError, ValueError):
        return None
    return None


def duration(n: float | int | None, unit: str) -> str:
    """P10D, P2W, PT2H, P1CE; PXY when the count is unknown."""
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    else:
        amount = f"{n:g}"
    if unit in _CLOCK_UNITS:
        return f"PT{amount}{_CLOCK_UNITS[unit]}"
    return f"P{amount}{unit}"


_CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}


def valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def weekday_on_or_before(ref: dt.date, iso_weekday: int, strictly: bool = False) -> dt.date:
    back = (ref.isoweekday() - iso_weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def weekday_after(ref: dt.date, iso_weekday: int) -> dt.date:
    ahead = (iso_weekday - ref.isoweekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead)
