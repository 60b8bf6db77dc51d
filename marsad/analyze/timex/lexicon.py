"""Arabic time vocabulary in normalised spelling (ة→ه, أ/إ/آ→ا, ى→ي; see marsad.text).

Month and weekday names come from :mod:`marsad.text.wordlists`; this module only
adds the words that are specific to time expressions.
"""

from __future__ import annotations

import re

from marsad.text import normalize
from marsad.text.numbers import ALL_WORDS as NUMBER_WORDS
from marsad.text.wordlists import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS


def _n(words: str) -> list[str]:
    return [normalize(w.replace("_", " ")) for w in words.split()]


def _map(spec: dict[str, str]) -> dict[str, str]:
    return {w: value for value, words in spec.items() for w in _n(words)}


# Calendar units: word form -> (unit, count). count 1 = singular, 2 = dual, 0 = plural
# (needs a number, or is vague). Units: D W M Y DE (decade) CE (century) H MIN S.
UNITS: dict[str, tuple[str, int]] = {}
for _unit, _sg, _du, _pl in [
    ("D", "يوم يوما", "يومين يومان", "أيام"),  # day
    ("W", "أسبوع أسبوعا", "أسبوعين أسبوعان", "أسابيع"),  # week
    ("M", "شهر شهرا", "شهرين شهران", "أشهر شهور"),  # month
    ("Y", "عام عاما سنة سنه", "عامين عامان سنتين سنتان", "أعوام سنوات سنين"),  # year
    ("DE", "عقد عقدا", "عقدين عقدان", "عقود"),  # decade
    ("CE", "قرن قرنا", "قرنين قرنان", "قرون"),  # century
    ("H", "ساعة", "ساعتين ساعتان", "ساعات"),  # hour
    ("MIN", "دقيقة", "دقيقتين دقيقتان", "دقائق"),  # minute
    ("S", "ثانية", "ثانيتين ثانيتان", "ثوان ثواني"),  # second
]:
    for _count, _words in ((1, _sg), (2, _du), (0, _pl)):
        for _w in _n(_words):
            UNITS[_w] = (_unit, _count)
            UNITS["ال" + _w] = (_unit, _count)
# "اليوم" is "today", not "the day": resolved by the relative rules, never as a unit.
del UNITS["اليوم"]
# Indefinite singulars that stand alone as a duration ("استمر يوما") — accusative forms only,
# since the bare nominative ("يوم") is mostly part of "يوم الثلاثاء" and the like.
BARE_DURATIONS = frozenset(_n("يوما أسبوعا شهرا عاما قرنا"))

# Relative adjectives after a unit, month or weekday → direction.
RELATIVE: dict[str, str] = _map(
    {
        "past": "الماضي الماضية الماضيين الماضيتين المنصرم المنصرمة المنقضي الفائت الفائتة السابق السابقة الأخير الأخيرة المنصرمين",
        "future": "المقبل المقبلة القادم القادمة المقبلين القادمين",
        "next": "التالي التالية اللاحق اللاحقة",
        "current": "الجاري الجارية الحالي الحالية هذا",
        "same": "ذاته ذاتها نفسه نفسها عينه",
    }
)

# Standalone deictic words → (value kind, day offset or symbolic value).
DEICTIC: dict[str, tuple[str, int | str]] = {
    **{w: ("day", 0) for w in _n("اليوم")},  # today
    **{w: ("day", -1) for w in _n("أمس الأمس البارحة")},  # yesterday
    **{w: ("day", 1) for w in _n("غدا الغد غداً")},  # tomorrow
    **{w: ("night", 0) for w in _n("الليلة")},  # tonight
    **{w: ("ref", "PRESENT_REF") for w in _n("الآن حاليا")},  # now, currently (not الحين: "منذ ذلك الحين")
    **{w: ("ref", "PAST_REF") for w in _n("مؤخرا سابقا آنذاك حينها حينذاك وقتها")},  # recently, formerly, then
    **{w: ("ref", "FUTURE_REF") for w in _n("قريبا لاحقا مستقبلا")},  # soon, later
}

# Parts of the day → TIMEX3 part-of-day codes; hour shift for "x o'clock in the evening".
PARTS_OF_DAY: dict[str, str] = _map(
    {
        "MO": "صباح صباحا فجر فجرا الصباح الفجر ضحى",  # morning, dawn
        "MI": "ظهر ظهرا الظهر ظهيرة",  # noon
        "AF": "عصر عصرا العصر بعد_الظهر",  # afternoon
        "EV": "مساء مساءا المساء مساء_اليوم عشية",  # evening
        "NI": "ليلة ليلا الليل ليل منتصف_الليل",  # night
    }
)

# Edges of a period ("early March", "end of last week") — kept inside the span.
EDGES = frozenset(_n("أوائل أواخر أواسط منتصف مطلع بداية بدايات نهاية أول آخر مستهل ختام أواخر"))

# Prepositions that turn a duration into an offset date or a bounded duration.
OFFSET_PREPS: dict[str, str] = _map(
    {
        "after": "بعد",  # after N units → a date N units after the reference
        "before": "قبل",  # N units ago
        "since": "منذ",  # for the past N units (a duration)
        "within": "خلال غضون طوال طيلة لمدة مدة مدار",  # during / within N units (a duration)
    }
)

# Periodic adverbs and adjectives → set period.
SETS: dict[str, str] = _map(
    {
        "P1D": "يوميا اليومية اليومي يومية يومي",
        "P1W": "أسبوعيا الأسبوعية الأسبوعي أسبوعية",
        "P1M": "شهريا الشهرية شهرية",  # not الشهري: a common family name
        "P1Y": "سنويا السنوية السنوي سنوية",
    }
)

# Decades: "الستينيات" → 6 (the century is the reference's, or the twentieth).
DECADES: dict[str, int] = {
    w: d
    for d, forms in enumerate(
        ["", "", "العشرينيات العشرينات", "الثلاثينيات الثلاثينات", "الأربعينيات الأربعينات",
         "الخمسينيات الخمسينات", "الستينيات الستينات", "السبعينيات السبعينات",
         "الثمانينيات الثمانينات", "التسعينيات التسعينات"]
    )
    for w in _n(forms)
}

SEASONS: dict[str, str] = _map(
    {
        "SU": "الصيف صيفا صيف",  # summer
        "WI": "الشتاء شتاء شتاءا",  # winter
        "SP": "الربيع ربيعا",  # spring
        "FA": "الخريف خريفا",  # autumn
    }
)

# Month names that are also common words: only a date when a day, a year, "شهر" or a
# relative adjective comes with them (آب "father", مارس "practised", ماي, نيسان the car maker).
AMBIGUOUS_MONTHS = frozenset(_n("آب ماي مارس نيسان تموز جوان"))

# Nouns counted by a number: "1900 دولار" is a price, not a year.
COUNTED = frozenset(
    _n(
        "دولار دولارا ريال ريالا درهم دينار جنيه يورو ليرة شخص أشخاص متر مترا كيلومتر كيلو كم طن برميل "
        "نقطة مليون مليار ألف سهم طالب طالبا موظف عامل حالة جندي قتيل مصاب منزل وحدة ميجاوات غرام "
        "كيلوغرام لتر مشارك زائر مواطن ريال، مرة"
    )
)

YEAR_WORDS = frozenset(_n("عام العام سنة السنة لعام"))


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so no word shadows a longer one)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


MONTHS = GREGORIAN_MONTHS
HMONTHS = HIJRI_MONTHS
WEEKDAY_AL = {w: n for w, n in WEEKDAYS.items() if w.startswith("ال")}
NUMBERS = NUMBER_WORDS
