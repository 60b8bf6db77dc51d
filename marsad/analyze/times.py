"""Time expressions: find dates, times, durations and sets, normalised to TIMEX3 values.

Pipeline component ``times``.  Matching runs on normalised text (see
:func:`marsad.text.normalize_with_offsets`) with the rule grammar of
:mod:`marsad.analyze.timex.grammar`; every span is mapped back to the clean text.

Values follow TIMEX3 and are resolved against ``article.reference_date`` (the
published date, or ``--date``):

* calendar dates at the granularity the text gives: ``2022-01-02``, ``2022-W01``
  (ISO week), ``2022-01``, ``2022``, ``196`` (the 1960s), ``19`` (the 20th century),
  ``2015-SU`` (a season); times ``2022-01-10TEV`` / ``XXXX-XX-XXT10:30``;
* durations ``P10D``, ``P2W``, ``PT2H``, ``P1CE``, ``PXY`` (an unknown count);
* sets: the period (``P1D`` for كل يوم / يوميا) or a pattern (``XXXX-WXX-6``);
* vague references: ``PRESENT_REF`` (الآن), ``PAST_REF`` (مؤخرا، قبل أيام),
  ``FUTURE_REF`` (قريبا، بعد أيام).

**Without a reference date nothing relative is guessed**: أمس, الثلاثاء or بعد يومين
get a value with the unknown parts written as X (``XXXX-XX-XX``, ``XXXX-WXX-2``,
``XXXX-WXX``), the TIMEX3 way of saying "a day, which one is not known"; an explicit
"2 يناير" keeps what it says (``XXXX-01-02``).  Anaphoric expressions (الشهر ذاته،
اليوم نفسه، الخامس من الشهر ذاته) resolve to the last date the article mentioned at
that granularity, even without a reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from marsad.analyze.timex import lexicon as lx
from marsad.analyze.timex.grammar import COMPILED, DIGIT_RULES, find_triggers, rules_for
from marsad.analyze.timex.values import (
    UNIT_GRANULARITY,
    UNKNOWN,
    Point,
    duration,
    shift,
    valid_date,
    weekday_after,
    weekday_on_or_before,
)
from marsad.document import Article, TimeExpression
from marsad.pipeline import component
from marsad.text.views import text_view
from marsad.text.numbers import parse_number

_SPACE = re.compile(r"\s+")
_SKIP = "SKIP"  # a rule that consumes text without yielding an expression (idioms)
_EDGE_SPACE = re.compile(r"[ \t\u00a0]+")
_WORD_END = re.compile(r"[^\W_]*")


@dataclass
class _Found:
    start: int
    end: int
    type: str
    value: str


class _Context:
    """What resolution needs: the reference date and the last dates mentioned."""

    def __init__(self, reference: dt.date | None):
        self.ref = reference
        self.last: dict[str, Point] = {}  # granularity -> last explicit or resolved point
        self.partial_month: int | None = None  # month of the last date given without a year
        self.explicit_days: dict[tuple[int, int], int] = {}  # (month, day) -> year, from full dates

    def remember(self, point: Point) -> None:
        order = ["century", "decade", "year", "month", "week", "day"]
        upto = order.index(point.granularity) if point.granularity in order else -1
        for g in order[: upto + 1]:
            if g == "week" and point.granularity not in ("week", "day"):
                continue
            self.last[g] = Point(point.date, g)

    def anchor(self, granularity: str) -> dt.date | None:
        """The last mentioned point at ``granularity`` or finer, else the reference date."""
        p = self.last.get(granularity)
        return p.date if p else self.ref


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    text = text.strip()
    if text[:1].isdigit():
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return None
    parsed = parse_number(_SPACE.split(text))
    return float(parsed.value) if parsed else None


def _direction(rel: str | None) -> str | None:
    return lx.RELATIVE.get(rel) if rel else None


def _month_number(name: str | None) -> int | None:
    return lx.MONTHS.get(_SPACE.sub(" ", name)) if name else None


def _year_for_month(ctx: _Context, month: int, direction: str | None) -> int | None:
    """The year of a month named without one: same year, or the next/previous occurrence."""
    ref = ctx.ref
    if ref is None:
        return None
    if direction == "past":
        return ref.year if month < ref.month else ref.year - 1
    if direction in ("future", "next"):
        return ref.year if month > ref.month else ref.year + 1
    return ref.year


def _year_from_rel(ctx: _Context, direction: str | None) -> int | None:
    if ctx.ref is None:
        return None
    return ctx.ref.year + {"past": -1, "future": 1, "next": 1}.get(direction or "", 0)


def _point_or_unknown(ctx: _Context, point: Point | None, granularity: str, typ: str = "DATE") -> tuple[str, str]:
    if point is None:
        return typ, UNKNOWN[granularity]
    ctx.remember(point)
    return typ, point.value


# --- rule handlers: (groups, context) -> (type, value) or None to reject ---------------


def _numeric(g: dict, ctx: _Context):
    year, month, day = int(g["y"]), int(g["b"]), int(g["a"])
    if g.get("era") or 1300 <= year <= 1500:  # Hijri: 20/6/1436هـ
        from hijridate import Hijri

        try:
            greg = Hijri(year, month, day).to_gregorian()
        except (ValueError, OverflowError):
            return None
        d = dt.date(greg.year, greg.month, greg.day)
    else:
        d = valid_date(year, month, day)
    if d is None:
        return None
    return _point_or_unknown(ctx, Point(d, "day"), "day")


def _idiom(g: dict, ctx: _Context):
    return _SKIP, ""


def _day_month(g: dict, ctx: _Context):
    day = _num(g["d"])
    month = _month_number(g["m"])
    if day is None or month is None or not 1 <= day <= 31 or day != int(day):
        return None
    if g["m2"] and _month_number(g["m2"]) != month:
        return None
    year: int | None
    if g.get("y"):
        year = int(g["y"])
        ctx.explicit_days[(month, int(day))] = year
    elif (month, int(day)) in ctx.explicit_days and not g.get("rel"):
        # "11 سبتمبر" after "11 سبتمبر 2001": the same date again, not this year's
        year = ctx.explicit_days[(month, int(day))]
    elif g.get("yrel"):
        year = _year_from_rel(ctx, _direction(g["yrel"]))
    else:
        direction = _direction(g.get("rel"))
        if direction == "same":
            last = ctx.last.get("year")
            year = last.date.year if last else (ctx.ref.year if ctx.ref else None)
        else:
            year = _year_for_month(ctx, month, direction)
    if year is None:
        ctx.partial_month = month
        return "DATE", f"XXXX-{month:02d}-{int(day):02d}"
    d = valid_date(year, month, int(day))
    return None if d is None else _point_or_unknown(ctx, Point(d, "day"), "day")


def _day_of_month(g: dict, ctx: _Context):
    day = _num(g["d"])
    direction = _direction(g.get("rel"))
    if day is None or not 1 <= day <= 31 or direction is None:
        return None
    if direction == "same":
        base = ctx.anchor("month")
    elif ctx.ref is not None:
        base = shift(ctx.ref, "M", {"past": -1, "future": 1, "next": 1}.get(direction, 0))
    else:
        base = None
    if base is None:
        month = ctx.partial_month if direction == "same" else None
        return "DATE", f"XXXX-{month:02d}-{int(day):02d}" if month else f"XXXX-XX-{int(day):02d}"
    d = valid_date(base.year, base.month, int(day))
    return None if d is None else _point_or_unknown(ctx, Point(d, "day"), "day")


def _hijri(g: dict, ctx: _Context):
    from hijridate import Hijri, Gregorian

    day = _num(g["d"])
    month = lx.HMONTHS.get(_SPACE.sub(" ", g["hm"]))
    if day is None or month is None or not 1 <= day <= 30:
        return None
    if g.get("y"):
        year = int(g["y"])
    elif ctx.ref is not None:
        year = Gregorian(ctx.ref.year, ctx.ref.month, ctx.ref.day).to_hijri().year
    else:
        return "DATE", UNKNOWN["day"]
    try:
        greg = Hijri(year, month, int(day)).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _point_or_unknown(ctx, Point(dt.date(greg.year, greg.month, greg.day), "day"), "day")


def _month(g: dict, ctx: _Context):
    month = _month_number(g["m"])
    if month is None:
        return None
    if g["m2"] and _month_number(g["m2"]) != month:
        return None
    explicit = g.get("shahr") or g.get("y") or g.get("rel") or g.get("yrel") or g.get("m2") or g.get("m3")
    if not explicit and _SPACE.sub(" ", g["m"]) in lx.AMBIGUOUS_MONTHS:
        return None
    if g.get("y"):
        year = int(g["y"])
    elif g.get("yrel"):
        year = _year_from_rel(ctx, _direction(g["yrel"]))
    else:
        year = _year_for_month(ctx, month, _direction(g.get("rel")))
    if year is None:
        return "DATE", f"XXXX-{month:02d}"
    return _point_or_unknown(ctx, Point(dt.date(year, month, 1), "month"), "month")


def _year(g: dict, ctx: _Context):
    year = int(g["y"])
    era = (g.get("era") or "").strip()
    if era and era[0] == "ه" or "هجر" in era:
        from hijridate import Hijri

        try:
            year = Hijri(year, 1, 1).to_gregorian().year
        except (ValueError, OverflowError):
            return None
    elif not g.get("yw") and not era and (not 1800 <= year <= 2100 or g.get("counted")):
        return None  # a bare number: only plausible news years, and not "1900 دولار"
    return _point_or_unknown(ctx, Point(dt.date(year, 1, 1), "year"), "year")


def _duration(g: dict, ctx: _Context):
    if _is_ordinal(g["n"]):
        return None  # "اول يوم", "ثاني عام": which day, not how long
    n = _num(g["n"])
    unit, count = lx.UNITS[g["u"]]
    if n is None or n <= 0:
        return None
    return "DURATION", duration(n, unit)


def _is_ordinal(text: str | None) -> bool:
    if not text or text[:1].isdigit():
        return False
    parsed = parse_number(_SPACE.split(text.strip()))
    return bool(parsed and parsed.ordinal)


def _few(g: dict, ctx: _Context):
    unit, _ = lx.UNITS[g["u"]]
    return "DURATION", duration(None, unit)


def _offset(g: dict, ctx: _Context):
    prep = lx.OFFSET_PREPS.get(_SPACE.split(g["p"])[-1])
    direction = _direction(g.get("rel"))
    if g.get("u"):
        if _is_ordinal(g["n"]):
            return None
        unit, _ = lx.UNITS[g["u"]]
        n = _num(g["n"])
    else:
        unit, count = lx.UNITS[g["u2"]]
        if g.get("few"):
            count = 0
        elif g["u2"].startswith("ال") and count == 0 and not g.get("n2") and direction is None:
            return None  # "خلال الايام" on its own says nothing about time
        n = _num(g["n2"]) if g.get("n2") else (count or None)
    if prep in ("after", "before"):
        sign = 1 if prep == "after" else -1
        if n is None:
            return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
        granularity = UNIT_GRANULARITY.get(unit)
        if granularity is None or n != int(n):  # hours, minutes: the clock time is not known
            return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
        if ctx.ref is None:
            return "DATE", UNKNOWN[granularity]
        d = shift(ctx.ref, unit, sign * int(n))
        return ("DATE", UNKNOWN[granularity]) if d is None else ("DATE", Point(d, granularity).value)
    if n is None:
        if direction == "past":
            return "DATE", "PAST_REF"
        if direction in ("future", "next"):
            return "DATE", "FUTURE_REF"
        return "DURATION", duration(None, unit)
    return "DURATION", duration(n, unit)


def _unit_rel(g: dict, ctx: _Context):
    unit, _ = lx.UNITS[g["u"]]
    granularity = UNIT_GRANULARITY.get(unit)
    direction = _direction(g.get("rel"))
    dem = g.get("dem")
    if granularity is None or granularity == "day":
        return None
    if dem == "نفس" and direction is None:
        direction = "same"
    elif dem in ("هذا", "هذه") and direction is None:
        direction = "current"
    if direction is None:
        return None
    if direction == "same":
        base = ctx.anchor(granularity)
        if base is None:
            return "DATE", UNKNOWN[granularity]
        return "DATE", Point(base, granularity).value
    if direction == "next":
        base = ctx.anchor(granularity)
        step = 1
    else:
        base = ctx.ref
        step = {"past": -1, "future": 1, "current": 0}[direction]
    if base is None:
        return "DATE", UNKNOWN[granularity]
    d = shift(base, unit, step)
    return ("DATE", UNKNOWN[granularity]) if d is None else ("DATE", Point(d, granularity).value)


def _unit_plural(g: dict, ctx: _Context):
    unit, count = lx.UNITS[g["u"]]
    if g["u"] in ("العامين", "العامان") and not (g.get("n") or g.get("rel")):
        return None  # also "the general ones": "المديرين العامين"
    n = _num(g.get("n")) if g.get("n") else (count or None)
    direction = _direction(g.get("rel"))
    if n is None:
        if direction == "past":
            return "DATE", "PAST_REF"
        if direction in ("future", "next"):
            return "DATE", "FUTURE_REF"
        return None
    return "DURATION", duration(n, unit)


def _dual(g: dict, ctx: _Context):
    unit, count = lx.UNITS[g["u"]]
    return "DURATION", duration(count or 1, unit)


def _with_part_of_day(typ_value: tuple[str, str], pod: str | None) -> tuple[str, str]:
    typ, value = typ_value
    if not pod:
        return typ_value
    code = lx.PARTS_OF_DAY.get(pod)
    if code is None or not (value[:4].isdigit() or value.startswith("XXXX-XX-XX")) or len(value) != 10:
        return typ_value
    return "TIME", f"{value}T{code}"


_PRESENT_PHRASES = frozenset(
    ["في الوقت الحالي", "الوقت الحالي", "في الوقت الراهن", "الوقت الراهن", "هذه الايام", "نفس الوقت",
     "في الوقت نفسه", "في الوقت ذاته", "هذه اللحظه"]
)


def _deictic(g: dict, ctx: _Context):
    word = _SPACE.sub(" ", g["w"])
    same = g.get("same")
    if word in ("اول امس", "اول من امس", "امس الاول"):
        kind, offset = "day", -2
    elif word == "بعد غد":
        kind, offset = "day", 2
    elif word in ("في السابق",):
        return "DATE", "PAST_REF"
    elif word in _PRESENT_PHRASES:
        return "DATE", "PRESENT_REF"
    elif word in ("الليله الماضيه", "الليله البارحه"):
        kind, offset = "night", -1
    else:
        kind, offset = lx.DEICTIC[word]
    if kind == "ref":
        return "DATE", str(offset)
    if same:
        if word != "اليوم":
            return None
        base = ctx.anchor("day")
        offset = 1 if same == "التالي" else 0
        if base is None:
            return _with_part_of_day(("DATE", UNKNOWN["day"]), g.get("pod"))
        point = Point(base + dt.timedelta(days=offset), "day")
        return _with_part_of_day(_point_or_unknown(ctx, point, "day"), g.get("pod"))
    if ctx.ref is None:
        result = ("DATE", UNKNOWN["day"])
    else:
        point = Point(ctx.ref + dt.timedelta(days=int(offset)), "day")
        result = _point_or_unknown(ctx, point, "day")
    if kind == "night":
        return "TIME", f"{result[1]}TNI"
    return _with_part_of_day(result, g.get("pod"))


def _weekday(g: dict, ctx: _Context):
    wd_word = g["wd"]
    if not wd_word.startswith("ال") and not g.get("yawm"):
        return None  # "احد" is also "one / anyone"
    iso = lx.WEEKDAYS[wd_word]
    if g.get("d"):
        day_month = _day_month({"d": g["d"], "m": g["m"], "m2": g.get("m2"), "y": g.get("y")}, ctx)
        if day_month is not None:
            return _with_part_of_day(day_month, g.get("pod"))
    if g.get("na"):
        numeric = _numeric({"a": g["na"], "b": g["nb"], "y": g["ny"], "era": g.get("era")}, ctx)
        if numeric is not None:
            return _with_part_of_day(numeric, g.get("pod"))
    direction = _direction(g.get("rel"))
    if direction == "same":
        return None
    if g.get("yawm") == "يومي":
        return None  # "يومي الاحد والاثنين": two days; leave to a later version
    if ctx.ref is None:
        return _with_part_of_day(("DATE", f"XXXX-WXX-{iso}"), g.get("pod"))
    if direction in ("future", "next"):
        d = weekday_after(ctx.ref, iso)
    else:
        d = weekday_on_or_before(ctx.ref, iso, strictly=direction == "past")
    return _with_part_of_day(_point_or_unknown(ctx, Point(d, "day"), "day"), g.get("pod"))


def _hour(g: dict) -> tuple[int, int] | None:
    if g.get("h"):
        hour = int(g["h"])
    else:
        parsed = _num(g.get("hw"))
        if parsed is None:
            return None
        hour = int(parsed)
    minute = int(g["mi"]) if g.get("mi") else 0
    frac = (g.get("frac") or "").replace("و", "", 1) if g.get("frac") else ""
    if "النصف" in frac:
        minute = 30
    elif "الا" in frac:
        hour, minute = hour - 1, 45
    elif "الربع" in frac:
        minute = 15
    code = lx.PARTS_OF_DAY.get(g.get("pod") or "")
    if code in ("AF", "EV", "NI") and hour < 12 or code == "MI" and hour < 6:
        hour += 12
    if hour == 24:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return hour, minute


def _clock(g: dict, ctx: _Context):
    hm = _hour(g)
    if hm is None:
        return None
    day = UNKNOWN["day"]
    if g.get("day"):
        word = g["day"]
        if g.get("d"):
            resolved = _day_month({"d": g["d"], "m": g["m"], "m2": g.get("m2"), "y": g.get("y"), "rel": g.get("mrel")}, ctx)
        elif word in lx.WEEKDAYS:
            resolved = _weekday({"wd": word, "rel": g.get("rel")}, ctx)
        else:
            resolved = _deictic({"w": "غدا" if word == "غد" else word}, ctx)
        if resolved is not None:
            day = resolved[1][:10]
    return "TIME", f"{day}T{hm[0]:02d}:{hm[1]:02d}"


def _set(g: dict, ctx: _Context):
    wd = g.get("wd") or g.get("wd2")
    if wd:
        return "SET", f"XXXX-WXX-{lx.WEEKDAYS[wd]}"
    unit, count = lx.UNITS[g["u"]]
    n = _num(g.get("n")) if g.get("n") else (count or 1)
    if n is None:
        return None
    return "SET", duration(n, unit)


def _set_word(g: dict, ctx: _Context):
    return "SET", lx.SETS[g["w"]]


def _century_number(g: dict, ctx: _Context) -> int | None:
    if g.get("crel"):
        direction = _direction(g["crel"])
        if ctx.ref is None:
            return None
        current = ctx.ref.year // 100 + 1
        return current + {"past": -1, "future": 1, "next": 1}.get(direction or "", 0)
    return int(_num(g["c"]) or 0) or None


def _century(g: dict, ctx: _Context):
    n = _century_number(g, ctx)
    if n is None:
        return ("DATE", "XX") if g.get("crel") else None
    return "DATE", f"{n - 1:02d}"


def _decade(g: dict, ctx: _Context):
    decade = lx.DECADES[g["dec"]]
    century = _century_number(g, ctx) if g.get("c") else 20
    if century is None:
        return "DATE", f"XX{decade}"
    return "DATE", f"{century - 1:02d}{decade}"


def _season(g: dict, ctx: _Context):
    season = lx.SEASONS[g["s"]]
    if g["s"] == "صيف" and not (g.get("y") or g.get("rel") or g.get("yw")):
        return None  # "وصيف" is the runner-up; "صيف جده" a festival
    if g.get("y"):
        year: int | None = int(g["y"])
    else:
        year = _year_from_rel(ctx, _direction(g.get("rel") or g.get("yrel")))
    return "DATE", f"{year:04d}-{season}" if year is not None else f"XXXX-{season}"


def _part_of_year(g: dict, ctx: _Context):
    quarter = g["part"] == "الربع"
    index = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 4 if quarter else 2}[g["ord"]]
    if not quarter and index > 2:
        return None
    if g.get("y"):
        year: int | None = int(g["y"])
    else:
        year = _year_from_rel(ctx, _direction(g.get("rel")))
    code = f"Q{index}" if quarter else f"H{index}"
    return "DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}"


def _day_range_start(g: dict, ctx: _Context):
    return _day_month({**g, "yrel": None}, ctx)


def _year_range_start(g: dict, ctx: _Context):
    return _point_or_unknown(ctx, Point(dt.date(int(g["y"]), 1, 1), "year"), "year")


HANDLERS = {
    "day_range_start": _day_range_start,
    "year_range_start": _year_range_start,
    "part_of_year": _part_of_year,
    "numeric_dmy": _numeric,
    "numeric_ymd": _numeric,
    "idiom": _idiom,
    "day_month": _day_month,
    "day_of_month": _day_of_month,
    "hijri": _hijri,
    "month": _month,
    "year": _year,
    "duration": _duration,
    "few": _few,
    "offset": _offset,
    "unit_rel": _unit_rel,
    "unit_plural": _unit_plural,
    "dual": _dual,
    "deictic": _deictic,
    "weekday": _weekday,
    "clock_words": _clock,
    "clock": _clock,
    "set": _set,
    "set_word": _set_word,
    "century": _century,
    "decade": _decade,
    "season": _season,
}
_RULES = {name: (name, COMPILED[name], HANDLERS[name]) for name in COMPILED}
_DIGIT_RULES = tuple(_RULES[name] for name in DIGIT_RULES)
_WORD_RULES: dict[str, tuple] = {}


def _rules_at(ntext: str, start: int, word_end: int) -> tuple:
    if ntext[start].isdigit():
        return _DIGIT_RULES
    word = ntext[start:word_end]
    rules = _WORD_RULES.get(word)
    if rules is None:
        rules = _WORD_RULES[word] = tuple(_RULES[name] for name in rules_for(word))
    return rules


def _parse_reference(reference: str | dt.date | None) -> dt.date | None:
    if reference is None or isinstance(reference, dt.date):
        return reference
    try:
        return dt.date.fromisoformat(str(reference)[:10])
    except ValueError:
        return None


def find_times(text: str, reference: str | dt.date | None = None) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, with TIMEX3 type and value."""
    view = text_view(text)  # shared with the other analysers of this text (quotes)
    norm = view.normalized
    ntext = norm.text
    ctx = _Context(_parse_reference(reference))
    found: list[_Found] = []
    pos = 0
    for start in find_triggers(ntext, view.normalized_word_set):
        if start < pos:
            continue
        best = _match_at(ntext, start, ctx)
        if best is None:
            continue
        s, e, typ, value = best
        if typ is not _SKIP:
            found.append(_Found(s, e, typ, value))
        pos = e
    out = []
    for f in found:
        s, e = norm.to_original(f.start, f.end)
        out.append(TimeExpression(text[s:e], s, e, f.type, f.value))
    return out


def _match_at(ntext: str, start: int, ctx: _Context) -> tuple[int, int, str, str] | None:
    """The longest rule match at ``start`` (with an edge word like اوائل folded in)."""
    word_end = _WORD_END.match(ntext, start).end()
    direct = _longest(ntext, start, word_end, ctx)
    if ntext[start:word_end] in lx.EDGES and direct is None:
        m = _EDGE_SPACE.match(ntext, word_end)
        if m:
            inner_end = _WORD_END.match(ntext, m.end()).end()
            inner = _longest(ntext, m.end(), inner_end, ctx)
            if inner is not None and inner[2] in ("DATE", "TIME") and not inner[3].startswith(("P", "F")):
                value = inner[3]
                if ntext[start:word_end] == "نهايه" and "-W" in value and value.count("-") == 1:
                    value += "-WE"  # "نهايه الاسبوع": the weekend
                return start, inner[1], inner[2], value
    return direct


def _longest(ntext: str, start: int, word_end: int, ctx: _Context) -> tuple[int, int, str, str] | None:
    rules = _rules_at(ntext, start, word_end)
    candidates = []
    for name, pattern, handler in rules:
        m = pattern.match(ntext, start)
        if m and m.end() > start:
            candidates.append((m.end(), name, m, handler))
    if not candidates:
        return None
    # Longest first; resolving may be refused (e.g. a bare ambiguous month), then try the next.
    # Handlers only update the context (last dates mentioned) when they return a value.
    if len(candidates) > 1:
        candidates.sort(key=lambda c: -c[0])
    for end, name, m, handler in candidates:
        if name == "deictic" and _today_is_a_noun(ntext, m):
            continue
        try:
            result = handler(m.groupdict(), ctx)
        except (OverflowError, ValueError):  # calendar arithmetic past year 1 or 9999
            result = None
        if result is None:
            continue
        if name == "offset" and lx.OFFSET_PREPS.get(_SPACE.split(m.group("p"))[-1]) in ("since", "within"):
            # TimeML: منذ / خلال / لمده / في غضون are signals, outside the expression
            start = _EDGE_SPACE.match(ntext, m.end("p")).end()
        return start, end, result[0], result[1]
    return None


# "اليوم" + a definite word is "the day ..." — except before a direction word or إلى (الي).
_NOUN_AFTER_TODAY = re.compile(r"[ \t\u00a0]+ال(?!\w*(?:ماضي|مقبل|قادم|جاري|حالي)|ي(?!\w))\w+")


def _today_is_a_noun(ntext: str, m: re.Match) -> bool:
    """"اليوم العالمي / اليوم الاول" is "the day", not "today"."""
    if m.group("w") != "اليوم" or m.group("same") or m.group("wd"):
        return False
    return _NOUN_AFTER_TODAY.match(ntext, m.end()) is not None


@component("times")
def times(article: Article) -> Article:
    """Fill ``article.times`` (relative values resolved against ``article.reference_date``)."""
    article.times = find_times(article.text, article.reference_date)
    return article
