"""The time-expression grammar: one regex per rule, over normalised text.

Every rule is anchored at the start of a *trigger* word (the first word of some time
expression: a number, a month, a weekday, بعد/قبل/خلال, كل, الساعة …).
:func:`find_triggers` locates those words with str methods and a set intersection, and
:func:`rules_for` says which rules can start with each, so the cost grows with the
number of time words in a text, not with every rule times every position.
"""

from __future__ import annotations

import re

from marsad.analyze.timex import lexicon as lx
from marsad.text import normalize
from marsad.text.views import WORD_SEPARATORS

S = r"[ \t\u00a0]+"  # a space inside an expression (never a line break)
S0 = r"[ \t\u00a0]*"
E = r"(?!\w)"
COMMA = rf"{S0}[,،]?{S0}"

_NUMWORD = rf"(?:ال)?(?:{lx.alternation(lx.NUMBERS)}){E}"
NUMP = rf"{_NUMWORD}(?:{S}و?{_NUMWORD})*"  # a number phrase: خمسه وتسعين
DIG = r"\d+(?:[.,]\d+)?"
MONTH = rf"(?:{lx.alternation(lx.MONTHS)}){E}"
MONTHC = rf"(?P<m>{MONTH})(?:{S0}[/\\(]{S0}(?P<m2>{MONTH})(?:{S0}\))?|{S0}-{S0}(?P<m3>{MONTH}))?"
HMONTH = rf"(?:{lx.alternation(lx.HMONTHS)}){E}"
WEEKDAY = rf"(?:{lx.alternation(lx.WEEKDAY_AL)}){E}"
WEEKDAY_ANY = rf"(?:{lx.alternation(lx.WEEKDAYS)}){E}"
REL = rf"(?:{lx.alternation(lx.RELATIVE)}){E}"
UNIT = rf"(?:{lx.alternation(lx.UNITS)}){E}"
# Units that may follow بعد/قبل/خلال without a number: not "the year" (خلال العام الماضي is
# a relative date, read by the unit rule).
UNIT_FREE = rf"(?:{lx.alternation(w for w, (_, c) in lx.UNITS.items() if not (w.startswith('ال') and c == 1))}){E}"
UNIT_AL_SG = rf"(?:{lx.alternation(w for w, (_, c) in lx.UNITS.items() if w.startswith('ال') and c == 1)}){E}"
UNIT_AL_PL = rf"(?:{lx.alternation(w for w, (_, c) in lx.UNITS.items() if w.startswith('ال') and c != 1)}){E}"
DUAL_OR_BARE = rf"(?:{lx.alternation([w for w, (_, c) in lx.UNITS.items() if c == 2 and not w.startswith('ال')] + list(lx.BARE_DURATIONS))}){E}"
POD = rf"(?:{lx.alternation(w for w in lx.PARTS_OF_DAY if ' ' not in w)}){E}"
DAYWORD = r"(?:اليوم|امس|الامس|غدا|الغد|غد|البارحه)(?!\w)"
YEARW = r"(?:عام|العام|سنه|السنه|لعام|للعام)"
ERA = rf"(?:{S0}م{E}|{S}(?:ميلادي|ميلاديه|للميلاد){E})"
HIJRI_ERA = rf"(?:{S0}ه{E}|{S}(?:هجري|هجريه|للهجره){E})"
# "a few" (عده، بضعه) and adjectives between a plural unit and its direction
FEW = r"(?:عده|بضع|بضعه|عشرات|بضعا)"
FILLER = r"(?:القليله|القريبه|المعدوده|الطويله|العديده|الكثيره)"
APPROX = rf"(?:(?:اكثر|اقل){S}من{S}|نحو{S}|حوالي{S}|قرابه{S}|زهاء{S}|ما{S}يقارب{S}|ما{S}يزيد{S}عن{S})"

# name -> pattern; which words may start each rule is derived from the rule itself
# by the scanner's trigger list (lexicon words + digits).
RULES: dict[str, str] = {
    # 12/1/2022, 2022-01-12
    # (a Hijri year: 20/6/1436 هـ is converted)
    "numeric_dmy": rf"(?P<a>\d{{1,2}}){S0}(?P<sep>[/.\-]){S0}(?P<b>\d{{1,2}}){S0}(?P=sep){S0}(?P<y>\d{{4}})(?![\d/.\-]*\d)(?P<era>{HIJRI_ERA})?",
    "numeric_ymd": rf"(?P<y>\d{{4}}){S0}(?P<sep>[/.\-]){S0}(?P<b>\d{{1,2}}){S0}(?P=sep){S0}(?P<a>\d{{1,2}})(?![\d/.\-]*\d)(?P<era>{HIJRI_ERA})?",
    # "يوما بعد يوم" (day after day): an idiom, consumed so that "بعد يوم" is not read as tomorrow
    "idiom": rf"(?:يوما|عاما|شهرا|اسبوعا|سنه|ساعه){S}(?:بعد|تلو){S}(?:يوم|عام|شهر|اسبوع|سنه|ساعه|الاخر|اخر){E}",
    # 2 يناير/كانون الثاني 2022 | الخامس من شهر مارس الماضي | 31 مارس من العام الماضي
    "day_month": (
        rf"(?P<d>\d{{1,2}}|{NUMP})\)?{S}(?:من{S})?(?:شهر{S})?{MONTHC}"
        rf"(?:{COMMA}(?:من{S})?(?:{YEARW}{S})?(?P<y>\d{{4}}){ERA}?(?!\d)|{S}(?P<rel>{REL})"
        rf"|{S}من{S}(?:العام|السنه){S}(?P<yrel>{REL}))?"
    ),
    # the first day of a range, "من 5 الي 10 يناير" / "بين 1 و15 يوليو": month and year read ahead
    "day_range_start": (
        rf"(?P<d>\d{{1,2}})(?={S0}(?:-|–|الي|حتي|و|ل){S0}\d{{1,2}}{S}(?:من{S})?(?:شهر{S})?{MONTHC}"
        rf"(?:{COMMA}(?:من{S})?(?:{YEARW}{S})?(?P<y>\d{{4}})(?!\d)|{S}(?P<rel>{REL}))?)"
    ),
    # the first year of a range, "2014-2015" / "بين 2010 و2012"
    "year_range_start": rf"(?P<y>(?:18|19|20)\d\d)(?={S0}(?:-|–|/|الي|حتي|و){S0}(?:18|19|20)\d\d(?!\d))",
    # الخامس من الشهر ذاته / الجاري
    "day_of_month": rf"(?P<d>\d{{1,2}}|{NUMP}){S}من{S}(?:الشهر|هذا{S}الشهر){S}?(?P<rel>{REL})?",
    # 15 رمضان 1443 هـ
    "hijri": (
        rf"(?P<d>\d{{1,2}}|{NUMP}){S}(?:من{S})?(?:شهر{S})?(?P<hm>{HMONTH})"
        rf"(?:{S}(?:{YEARW}{S})?(?P<y>1[34]\d\d)(?!\d){HIJRI_ERA}?)?"
    ),
    # (شهر) يناير 2022 | مارس الماضي | يونيو من العام المقبل
    "month": (
        rf"(?:(?P<shahr>شهر){S})?{MONTHC}"
        rf"(?:{COMMA}(?:من{S})?(?:{YEARW}{S})?(?P<y>\d{{4}}){ERA}?(?!\d)|{S}(?P<rel>{REL})"
        rf"|{S}من{S}(?:العام|السنه){S}(?P<yrel>{REL}))?"
    ),
    # عام 2015 | 2015م | 1436 هـ
    "year": (
        rf"(?:(?P<yw>{YEARW}){S})?(?P<y>\d{{4}})(?P<era>{ERA}|{HIJRI_ERA})?(?![\d.,/:\-]?\d)"
        rf"(?:(?=(?P<counted>{S}(?:{lx.alternation(lx.COUNTED)}){E}))|)"
    ),
    # 10 ايام | ثلاثه اعوام | خمسه وتسعين عاما
    "duration": rf"{APPROX}?(?P<n>{DIG}|{NUMP})\)?{S}(?P<u>{UNIT})(?:{S}(?P<rel>{REL}))?",
    # بعد يومين | قبل 30 عاما | في غضون 10 ايام | خلال الايام الثلاثه المقبله | منذ سنوات
    "offset": (
        rf"(?P<p>بعد|قبل|منذ|خلال|غضون|في{S}غضون|على{S}مدى|على{S}مدار|طوال|طيله|لمده|مده){S}{APPROX}?"
        rf"(?:(?P<n>{DIG}|{NUMP}){S}(?P<u>{UNIT})|(?:(?P<few>{FEW}){S})?(?P<u2>{UNIT_FREE})(?!{S}(?:\d|{WEEKDAY_ANY}|{MONTH}))"
        rf"(?:{S}(?P<n2>{NUMP}))?)(?:{S}{FILLER})?(?:{S}(?P<rel>{REL}))?"
    ),
    # الاسبوع الماضي | العام الجاري | هذا الشهر | الشهر ذاته | نفس العام
    "unit_rel": rf"(?:(?P<dem>هذا|هذه|نفس){S})?(?P<u>{UNIT_AL_SG})(?:{S}(?P<rel>{REL}))?",
    # السنوات الخمس الماضيه | الايام الماضيه | العامين الماضيين
    "unit_plural": rf"(?P<u>{UNIT_AL_PL})(?:{S}(?P<n>{NUMP}))?(?:{S}{FILLER})?(?:{S}(?P<rel>{REL}))?",
    # عده اعوام | بضعه ايام
    "few": rf"{APPROX}?(?P<few>{FEW}){S}(?P<u>{UNIT})",
    # يومين | عاما
    "dual": rf"(?P<u>{DUAL_OR_BARE})(?:{S}(?P<rel>{REL}))?",
    # امس | اول امس | بعد غد | صباح اليوم | امس الخميس | اليوم نفسه
    "deictic": (
        rf"(?:(?P<pod>{POD}){S})?(?:يوم{S})?(?P<w>اول{S}(?:من{S})?امس|امس{S}الاول|بعد{S}غد|في{S}السابق|في{S}الوقت{S}(?:الحالي|الراهن)"
        rf"|الوقت{S}(?:الحالي|الراهن)|هذه{S}الايام|نفس{S}الوقت|في{S}الوقت{S}(?:نفسه|ذاته)|هذه{S}اللحظه|الليله{S}(?:الماضيه|البارحه)|{lx.alternation(lx.DEICTIC)}){E}"
        rf"(?:{S}(?P<same>نفسه|ذاته|عينه|التالي))?(?:{S}(?P<wd>{WEEKDAY}))?"
    ),
    # الثلاثاء | يوم الاحد المقبل | مساء الجمعه | الثلاثاء 11 يناير 2022
    "weekday": (
        rf"(?:(?P<pod>{POD}){S})?(?:(?P<yawm>يوم|يومي){S})?(?P<wd>{WEEKDAY_ANY})(?:{S}(?P<rel>{REL}))?"
        rf"(?:{COMMA}(?:الموافق{S})?(?P<d>\d{{1,2}}){S}(?:من{S})?{MONTHC}(?:{COMMA}(?P<y>\d{{4}})(?!\d))?"
        rf"|{COMMA}(?:الموافق{S})?(?P<na>\d{{1,2}}){S0}(?P<sep>[/.\-]){S0}(?P<nb>\d{{1,2}}){S0}(?P=sep){S0}(?P<ny>\d{{4}})(?!\d)(?P<era>{HIJRI_ERA})?)?"
    ),
    # الساعه العاشره صباحا | الساعه 10:30 مساء
    "clock_words": (
        rf"(?:تمام{S})?الساعه{S}(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?|(?P<hw>{NUMP}))"
        rf"(?:{S}(?P<frac>و?(?:النصف|الربع|الا{S}ربعا|الا{S}ربع)))?(?:{S}(?:من{S})?(?P<pod>{POD}))?"
        rf"(?:{S}(?:من{S})?(?:يوم{S})?(?P<day>{DAYWORD}|{WEEKDAY})(?:{S}(?P<rel>{REL}))?"
        rf"(?:{COMMA}(?:الموافق{S})?(?P<d>\d{{1,2}}){S}(?:من{S})?{MONTHC}(?:{COMMA}(?P<y>\d{{4}})(?!\d)|{S}(?P<mrel>{REL}))?)?)?"
    ),
    "clock": rf"(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?!\d)(?:{S}(?P<pod>{POD}))?(?:{S}(?:من{S})?(?:يوم{S})?(?P<day>{DAYWORD}|{WEEKDAY}))?",
    # كل يوم | كل عامين | كل 4 سنوات | كل يوم سبت | يوميا
    "set": (
        rf"كل{S}(?:(?P<n>{DIG}|{NUMP}){S})?(?:(?P<u>{UNIT})(?:{S}(?P<wd2>{WEEKDAY_ANY}))?|(?P<wd>{WEEKDAY_ANY}))"
    ),
    "set_word": rf"(?P<w>{lx.alternation(lx.SETS)}){E}(?!{S}{WEEKDAY_ANY})",
    # القرن العشرين | القرن الماضي | الستينيات (من القرن الماضي)
    "century": rf"(?:القرن|قرن){S}(?P<c>{NUMP}|\d{{1,2}}{E}|(?P<crel>{REL}))",
    "decade": rf"(?P<dec>{lx.alternation(lx.DECADES)}){E}(?:{S}من{S}القرن{S}(?P<c>{NUMP}|(?P<crel>{REL})))?",
    # الربع الاول من العام الجاري | النصف الثاني من 2015 (a year must come with it)
    "part_of_year": (
        rf"(?P<part>الربع|النصف){S}(?P<ord>الاول|الثاني|الثالث|الرابع|الاخير){S}(?:من{S})?"
        rf"(?:(?:العام|السنه){S}(?P<rel>{REL})|(?:(?:{YEARW}){S})?(?P<y>\d{{4}})(?!\d)|(?P<this>العام|السنه){E})"
    ),
    # الصيف | صيف 2015 | الشتاء المقبل
    "season": (
        rf"(?:فصل{S})?(?P<s>{lx.alternation(lx.SEASONS)}){E}(?:{S}(?P<rel>{REL})|{S}(?:عام{S})?(?P<y>\d{{4}})(?!\d)"
        rf"|{S}(?:من{S})?(?:هذا{S})?(?P<yw>العام|السنه)(?:{S}(?P<yrel>{REL}))?)?"
    ),
}

COMPILED: dict[str, re.Pattern[str]] = {name: re.compile(p) for name, p in RULES.items()}


def _first_words() -> set[str]:
    """Every word a rule can start with (the scanner's triggers)."""
    words: set[str] = set()
    words |= set(lx.NUMBERS) | {"ال" + w for w in lx.NUMBERS}
    words |= {m.split()[0] for m in lx.MONTHS}  # Hijri dates start with their day number
    words |= set(lx.WEEKDAYS) | set(lx.UNITS) | set(lx.DEICTIC) | set(lx.SETS) | set(lx.DECADES) | set(lx.SEASONS)
    words |= {w.split()[0] for w in lx.PARTS_OF_DAY}
    words |= set(lx.YEAR_WORDS) | set(lx.EDGES)
    words |= {normalize(w) for w in "أكثر أقل نحو حوالي قرابة زهاء".split()}
    words |= {"الربع", "النصف"}
    words |= {normalize(w) for w in "شهر يوم يومي هذا هذه عدة بضع بضعة عشرات نفس بعد قبل منذ خلال غضون في على طوال طيلة لمدة مدة كل الساعة تمام القرن قرن فصل أول الوقت".split()}
    return words


TRIGGER_WORDS = frozenset(_first_words())

# Every trigger with the proclitics it may carry (و ف, then ب ل ك), mapped to the
# length of those proclitics: the span starts after them.
_CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]
TRIGGER_FORMS: dict[str, int] = {}
for _clitic in reversed(_CLITICS):  # bare forms last, so a word that is itself a trigger wins
    for _w in TRIGGER_WORDS:
        TRIGGER_FORMS[_clitic + _w] = len(_clitic)
# Words that look like clitic + trigger but are something else: وصيف "runner-up" (not و + صيف).
for _w in ("وصيف", "وصيفا"):
    del TRIGGER_FORMS[_w]


# Characters that end a word: replaced by spaces before split() collects the words.
_SEPARATORS = WORD_SEPARATORS


def find_triggers(ntext: str, words: frozenset[str] | set[str] | None = None) -> list[int]:
    """Start offsets (after proclitics) of every trigger word and number in ``ntext``.

    The distinct words come from C-speed str methods (split, strip), a set
    intersection keeps the triggers and str.find locates them: several times faster
    than a regex over the text, which tries its pattern at every position.
    """
    if words is None:  # else the caller's: text_view(text).normalized_word_set, shared with quotes
        spaced = ntext
        for ch in _SEPARATORS:
            if ch in spaced:
                spaced = spaced.replace(ch, " ")
        words = set(spaced.split())
    starts: set[int] = set()
    n = len(ntext)
    for form in words & _FORM_SET:
        skip = TRIGGER_FORMS[form]
        size = len(form)
        needs = _NEEDS_NEXT.get(form[skip:])
        if needs is not None and needs[1].isdisjoint(words):
            continue  # e.g. "في" in a text without غضون / السابق / الوقت
        pos = ntext.find(form)
        while pos >= 0:
            end = pos + size
            if (pos == 0 or not ntext[pos - 1].isalnum()) and (end == n or not ntext[end].isalnum()):
                if needs is None or ntext[end : end + 1] != " " or ntext.startswith(needs[0], end + 1):
                    starts.add(pos + skip)
            pos = ntext.find(form, end)
    for digit in "0123456789":
        pos = ntext.find(digit)
        while pos >= 0:
            # a number starts a word, or follows the article: "الـ75 عاما" (tatweel is gone)
            if (
                pos == 0
                or not ntext[pos - 1].isalnum()
                or ntext[pos - 1] == "و" and (pos == 1 or not ntext[pos - 2].isalnum())  # "و15"
                or ntext.startswith("ال", pos - 2) and (pos == 2 or not ntext[pos - 3].isalnum())
            ):
                starts.add(pos)
            pos = ntext.find(digit, pos + 1)
    return sorted(starts)


_FORM_SET = frozenset(TRIGGER_FORMS)


# Frequent function words that start a rule only before certain words (في غضون، على مدى،
# هذا العام …): checking the next word here saves trying their rules ~30 times an article.
_AFTER_DEMONSTRATIVE = [w for w, (_, c) in lx.UNITS.items() if w.startswith("ال") and c == 1] + ["الايام", "اللحظه", "الوقت", "اليوم"]
_NEEDS_NEXT: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    word: (tuple(following), frozenset(following))
    for word, following in {
        "في": ["غضون", "السابق", "الوقت"],
        "علي": ["مدي", "مدار"],
        "هذا": _AFTER_DEMONSTRATIVE,
        "هذه": _AFTER_DEMONSTRATIVE,
        "نفس": _AFTER_DEMONSTRATIVE,
    }.items()
}


def rules_for(word: str) -> tuple[str, ...]:
    """The rules that can start with ``word`` (a trigger, without proclitics)."""
    return _DISPATCH.get(word, ())


def _dispatch() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}

    def add(words, *rules):
        for w in words:
            for r in rules:
                if r not in table.setdefault(w, []):
                    table[w].append(r)

    nums = set(lx.NUMBERS) | {"ال" + w for w in lx.NUMBERS}
    add(nums, "day_month", "day_of_month", "hijri", "duration")
    add({m.split()[0] for m in lx.MONTHS} | {"شهر"}, "month")
    add(lx.WEEKDAYS, "weekday")
    add(["يوم", "يومي"], "weekday", "day_month")
    add(["يوم"], "deictic")
    add({w.split()[0] for w in lx.PARTS_OF_DAY}, "deictic", "weekday")
    add(lx.UNITS, "unit_rel", "unit_plural", "dual")
    add(lx.BARE_DURATIONS, "dual", "idiom")
    add(["سنه", "ساعه"], "idiom")
    add(lx.DEICTIC, "deictic")
    add(lx.SETS, "set_word")
    add(lx.DECADES, "decade")
    add(["القرن", "قرن"], "century")
    add(["الربع", "النصف"], "part_of_year")
    add(set(lx.SEASONS) | {"فصل"}, "season")
    add(lx.YEAR_WORDS, "year")
    add(["هذا", "هذه", "نفس"], "unit_rel", "deictic")
    add(["بعد", "في"], "offset", "deictic")
    add([normalize(w) for w in "قبل منذ خلال غضون على طوال طيلة لمدة مدة".split()], "offset")
    add(["كل"], "set")
    add([normalize(w) for w in "الساعة تمام".split()], "clock_words")
    add([normalize(w) for w in "عدة بضع بضعة عشرات".split()], "few")
    add(["الوقت", "اول"], "deictic")
    add([normalize(w) for w in "أكثر أقل نحو حوالي قرابة زهاء".split()], "duration", "few")
    missing = TRIGGER_WORDS - table.keys() - lx.EDGES
    assert not missing, f"trigger words without a rule: {sorted(missing)[:10]}"
    return {w: tuple(r) for w, r in table.items()}


_DISPATCH = _dispatch()
DIGIT_RULES = ("day_range_start", "year_range_start", "numeric_dmy", "numeric_ymd", "day_month", "day_of_month", "hijri", "year", "duration", "clock")
