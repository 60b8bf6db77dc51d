"""Metadata helpers shared by the readers: dates to ISO 8601, sites from URLs."""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
from urllib.parse import urlsplit

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_date(value: object) -> str | None:
    """An ISO 8601 date or datetime for a metadata date value, or None when unreadable.

    Accepts ISO forms (``2015-07-21``, ``2015-07-21 02:51:35``, ``...T...Z``), RFC 2822
    (RSS ``pubDate``), ``DD/MM/YYYY``, ``YYYY/MM/DD`` and Unix timestamps.  Day-first is
    assumed for the slashed form, as Arabic outlets write it.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        # seconds or milliseconds since the epoch, within a plausible range for news
        ts = float(value) / (1000 if value > 1e11 else 1)
        if 0 < ts < 4e9:
            return _dt.datetime.fromtimestamp(ts, _dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        return None
    text = str(value).translate(_DIGITS).strip()
    if not text:
        return None
    m = _ISO.match(text)
    try:
        if m:
            y, mo, d, h, mi, s, tz = m.groups()
            date = _dt.date(int(y), int(mo), int(d))
            if h is None:
                return date.isoformat()
            t = _dt.datetime(date.year, date.month, date.day, int(h), int(mi), int(s or 0))
            out = t.isoformat(timespec="seconds")
            if tz:
                out += "Z" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
            return out
        m = _YMD_SLASH.match(text)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = _DMY.match(text)
        if m:
            return _dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed.isoformat(timespec="seconds")


def site_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (the key for per-site statistics)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host
