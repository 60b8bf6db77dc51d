"""Publication dates written as a line of their own ("نشر في: الأحد 5 يناير 2022 - 10:30")."""

from __future__ import annotations

import datetime as _dt
import re

from marsad.text import normalize
from marsad.text.wordlists import GREGORIAN_MONTHS, WEEKDAYS

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in GREGORIAN_MONTHS), key=len, reverse=True))
# "5 يناير 2022", "5 يناير/كانون الثاني 2022", "January 5, 2022", "2022-01-05", "05/01/2022"
_DMY_NAMED = re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?P<month>{_MONTH_ALT})(?:\s*/\s*[^\d/]{{2,20}}?)?\s*[,،]?\s*(\d{{4}})(?!\d)")
_EN_MONTHS = {m: i for i, m in enumerate("january february march april may june july august september october november december".split(), 1)}
_EN_MONTH_ALT = "|".join(list(_EN_MONTHS) + [m[:3] for m in _EN_MONTHS])
_MDY_EN = re.compile(rf"\b(?P<month>{_EN_MONTH_ALT})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DMY_EN = re.compile(rf"\b(\d{{1,2}})\s+(?P<month>{_EN_MONTH_ALT})\.?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|ص|م|صباحا|مساء)?", re.I)
# Words that may sit next to a date on a date line (normalised): "published", "updated", "on", "at"...
_DATE_LINE_WORDS = frozenset(
    normalize(w)
    for w in """نشر نشرت نشر_في تاريخ بتاريخ النشر اخر آخر تحديث محدث في الساعة ساعة منذ الموافق هـ م ص مساء صباحا
    published updated posted on at last modified date gmt utc am pm by""".replace("_", " ").split()
)


def _en_month(name: str) -> int:
    name = name.lower()
    for full, n in _EN_MONTHS.items():
        if full.startswith(name[:3]):
            return n
    raise ValueError(name)


def find_date(line: str) -> tuple[str, tuple[int, int]] | None:
    """The first calendar date in ``line`` as (ISO date, span in the normalised line)."""
    norm = normalize(line)
    for rx, order in ((_ISO, "ymd"), (_DMY_NAMED, "dmy_ar"), (_MDY_EN, "mdy_en"), (_DMY_EN, "dmy_en"), (_SLASHED, "dmy")):
        m = rx.search(norm)
        if not m:
            continue
        try:
            if order == "ymd":
                date = _dt.date(int(m[1]), int(m[2]), int(m[3]))
            elif order == "dmy_ar":
                date = _dt.date(int(m[3]), GREGORIAN_MONTHS[m["month"]], int(m[1]))
            elif order == "mdy_en":
                date = _dt.date(int(m[3]), _en_month(m["month"]), int(m[2]))
            elif order == "dmy_en":
                date = _dt.date(int(m[3]), _en_month(m["month"]), int(m[1]))
            else:
                date = _dt.date(int(m[3]), int(m[2]), int(m[1]))
        except (ValueError, KeyError):
            continue
        if 1900 <= date.year <= 2100:
            return date.isoformat(), m.span()
    return None


def date_line(line: str, max_words: int) -> str | None:
    """The ISO date when ``line`` is essentially a date (plus labels, weekday, time), else None."""
    if len(line.split()) > max_words:
        return None
    found = find_date(line)
    if not found:
        return None
    iso, (s, e) = found
    norm = normalize(line)
    rest = _TIME.sub(" ", norm[:s] + " " + norm[e:])
    leftover = [
        w
        for w in re.findall(r"[^\W\d_]+", rest)
        if w not in _DATE_LINE_WORDS and w not in WEEKDAYS and w.lower() not in _DATE_LINE_WORDS
    ]
    return iso if len(leftover) <= 1 else None
