"""Time expressions: extents, TIMEX3 values, reference-date handling, offsets."""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze.times import find_times, times
from marsad.document import Article

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
SAMPLE = SHARED / "samples" / "000_c474bd9763c7905e.txt"


def values(text, ref=None):
    return [(t.text, t.type, t.value) for t in find_times(text, ref)]


def one(text, ref=None):
    found = values(text, ref)
    assert len(found) == 1, found
    return found[0]


# Reference: Tuesday 2023-05-09.
REF = "2023-05-09"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Gregorian months in every tradition, combined forms, years, relative years
        ("افتتح المعرض في 3 نوفمبر 2024 بحضور الوزير.", ("3 نوفمبر 2024", "DATE", "2024-11-03")),
        ("وقع الاتفاق في 14 تشرين الأول 2019.", ("14 تشرين الأول 2019", "DATE", "2019-10-14")),
        ("انطلق المهرجان يوم 7 جانفي 2021 بالعاصمة.", ("7 جانفي 2021", "DATE", "2021-01-07")),
        ("أعلن القرار في 2 يناير/كانون الثاني الجاري.", ("2 يناير/كانون الثاني الجاري", "DATE", "2023-01-02")),
        ("بدأت الأشغال في مارس الماضي.", ("مارس الماضي", "DATE", "2023-03")),
        ("ستجرى الانتخابات في يونيو المقبل.", ("يونيو المقبل", "DATE", "2023-06")),
        ("تأسست الجمعية عام 2015.", ("عام 2015", "DATE", "2015")),
        ("تأسست الجمعية سنة 1998م في المدينة.", ("سنة 1998م", "DATE", "1998")),
        ("ارتفعت الأسعار خلال العام الجاري.", ("العام الجاري", "DATE", "2023")),
        ("سيعقد المؤتمر الشهر المقبل.", ("الشهر المقبل", "DATE", "2023-06")),
        ("التقى الوفدان الأسبوع الماضي.", ("الأسبوع الماضي", "DATE", "2023-W18")),
        # numeric dates
        ("صدر المرسوم بتاريخ 05/03/2021 في الجريدة.", ("05/03/2021", "DATE", "2021-03-05")),
        ("نشر التقرير في 2020-12-31 على الموقع.", ("2020-12-31", "DATE", "2020-12-31")),
        # Hijri
        ("يبدأ الصوم في 1 رمضان 1444 هـ.", ("1 رمضان 1444 هـ", "DATE", "2023-03-23")),
        ("عقد الاجتماع مساء الخميس 20/6/1436هـ في المقر.", ("مساء الخميس 20/6/1436هـ", "TIME", "2015-04-09TEV")),
        ("صدر القرار في 20/6/1436 هـ.", ("20/6/1436 هـ", "DATE", "2015-04-09")),
        ("يبدأ التسجيل الثلاثاء الموافق 3 / 11 / 1436هـ.", ("الثلاثاء الموافق 3 / 11 / 1436هـ", "DATE", "2015-08-18")),
        # deictic
        ("وصل الوزير أمس إلى المدينة.", ("أمس", "DATE", "2023-05-08")),
        ("وصل الوزير أول أمس إلى المدينة.", ("أول أمس", "DATE", "2023-05-07")),
        ("يغادر الوفد غدا إلى الرباط.", ("غدا", "DATE", "2023-05-10")),
        ("وصل الوزير يوم أمس إلى المدينة.", ("يوم أمس", "DATE", "2023-05-08")),
        ("وقع الانفجار أمس الأول قرب الميناء.", ("أمس الأول", "DATE", "2023-05-07")),
        ("سمع دوي انفجار ليل أمس.", ("ليل أمس", "TIME", "2023-05-08TNI")),
        ("يغادر الوفد اليوم إلى الرباط.", ("اليوم", "DATE", "2023-05-09")),
        ("اجتمع المجلس مساء أمس.", ("مساء أمس", "TIME", "2023-05-08TEV")),
        ("يعمل الفريق حاليا على المشروع.", ("حاليا", "DATE", "PRESENT_REF")),
        # weekdays: nearest past (today included), or explicit direction
        ("عقد المؤتمر الثلاثاء في العاصمة.", ("الثلاثاء", "DATE", "2023-05-09")),
        ("عقد المؤتمر الأحد في العاصمة.", ("الأحد", "DATE", "2023-05-07")),
        ("يعقد المؤتمر يوم الخميس المقبل.", ("يوم الخميس المقبل", "DATE", "2023-05-11")),
        ("عقد المؤتمر الثلاثاء الماضي.", ("الثلاثاء الماضي", "DATE", "2023-05-02")),
        # offsets and durations, digits and words, dual forms
        ("ينسحب الجيش بعد يومين من الاتفاق.", ("بعد يومين", "DATE", "2023-05-11")),
        ("بني الجسر قبل 30 عاما.", ("قبل 30 عاما", "DATE", "1993")),
        ("بني الجسر قبل خمسة وعشرين عاما.", ("قبل خمسة وعشرين عاما", "DATE", "1998")),
        ("تكتمل العملية في غضون 10 أيام.", ("10 أيام", "DURATION", "P10D")),
        ("تستمر الزيارة خلال الأيام الثلاثة المقبلة.", ("الأيام الثلاثة المقبلة", "DURATION", "P3D")),
        ("تراجعت الأسعار خلال أقل من 3 أسابيع.", ("أقل من 3 أسابيع", "DURATION", "P3W")),
        ("سيصدر القرار خلال الأيام المقبلة.", ("الأيام المقبلة", "DATE", "FUTURE_REF")),
        ("استمر الاجتماع ساعتين كاملتين.", ("ساعتين", "DURATION", "PT2H")),
        ("استمرت الحرب ثلاث سنوات.", ("ثلاث سنوات", "DURATION", "P3Y")),
        ("عاش في المدينة عشرين عاما.", ("عشرين عاما", "DURATION", "P20Y")),
        ("غاب عن الملاعب أسبوعين.", ("أسبوعين", "DURATION", "P2W")),
        # times of day
        ("يبدأ الحفل الساعة العاشرة صباحا.", ("الساعة العاشرة صباحا", "TIME", "XXXX-XX-XXT10:00")),
        ("يبدأ الحفل الساعة الثامنة مساء اليوم.", ("الساعة الثامنة مساء اليوم", "TIME", "2023-05-09T20:00")),
        ("تقام الندوة في تمام الساعة الثامنة من مساء الأحد القادم 14 مايو الجاري.",
         ("تمام الساعة الثامنة من مساء الأحد القادم 14 مايو الجاري", "TIME", "2023-05-14T20:00")),
        ("تنطلق الفعاليات الساعة السابعة من مساء غد.", ("الساعة السابعة من مساء غد", "TIME", "2023-05-10T19:00")),
        ("انطلق القطار في 10:30 صباحا.", ("10:30 صباحا", "TIME", "XXXX-XX-XXT10:30")),
        # sets
        ("تصدر النشرة كل يوم عند الفجر.", ("كل يوم", "SET", "P1D")),
        ("يجتمع المجلس أسبوعيا في مقره.", ("أسبوعيا", "SET", "P1W")),
        ("يقام المهرجان كل عامين.", ("كل عامين", "SET", "P2Y")),
        ("يقام السوق كل يوم سبت.", ("كل يوم سبت", "SET", "XXXX-WXX-6")),
        # centuries, decades, seasons
        ("بني القصر في القرن التاسع عشر.", ("القرن التاسع عشر", "DATE", "18")),
        ("ازدهرت الحركة في الستينيات.", ("الستينيات", "DATE", "196")),
        ("تجف البحيرة في الصيف المقبل.", ("الصيف المقبل", "DATE", "2024-SU")),
        ("نمت الأرباح في الربع الأول من العام الجاري.", ("الربع الأول من العام الجاري", "DATE", "2023-Q1")),
        ("تراجع الإنتاج في النصف الثاني من عام 2015.", ("النصف الثاني من عام 2015", "DATE", "2015-H2")),
        ("زار المدينة صيف العام الماضي.", ("صيف العام الماضي", "DATE", "2022-SU")),
        ("احتفل الشاعر بعيد ميلاده الـ75 عاما.", ("75 عاما", "DURATION", "P75Y")),
        ("أجري المسح بين الأول والخامس عشر من تموز 2015.", ("الخامس عشر من تموز 2015", "DATE", "2015-07-15")),
        # مليوني "million-strong" here, not a number: the amount words' duals stay out of dates
        ("خرج حشد مليوني يوم الجمعة.", ("يوم الجمعة", "DATE", "2023-05-05")),
    ],
)
def test_fictional_sentences(sentence, expected):
    assert one(sentence, REF) == expected


def test_anaphora_to_the_last_mentioned_month():
    text = "وصل الوفد في 2 مارس 2020، ثم غادر في الخامس من الشهر ذاته، وعاد في اليوم نفسه من العام التالي."
    found = values(text, REF)
    assert ("الخامس من الشهر ذاته", "DATE", "2020-03-05") in found
    assert found[0] == ("2 مارس 2020", "DATE", "2020-03-02")


def test_a_date_repeated_without_its_year_keeps_it():
    found = values("تغير العالم منذ 11 سبتمبر 2001، وبعد 11 سبتمبر تبدلت السياسات، ثم في 12 سبتمبر.", REF)
    assert [v for _, _, v in found] == ["2001-09-11", "2001-09-11", "2023-09-12"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("يقام المعرض من 5 إلى 10 يناير 2024.", [("5", "2024-01-05"), ("10 يناير 2024", "2024-01-10")]),
        ("أجري المسح بين 1 و15 يوليو الماضي.", [("1", "2022-07-01"), ("15 يوليو الماضي", "2022-07-15")]),
        ("ارتفع الإنتاج في الفترة 2014-2015.", [("2014", "2014"), ("2015", "2015")]),
        ("صدر في 2022-01-12 قرار.", [("2022-01-12", "2022-01-12")]),
    ],
)
def test_ranges_give_both_ends(text, expected):
    assert [(t, v) for t, _, v in values(text, REF)] == expected


def test_next_day_after_a_mentioned_date():
    found = values("وقع الحادث في 4 أبريل 2022 وأعلنت النتائج في اليوم التالي.", REF)
    assert found[-1] == ("اليوم التالي", "DATE", "2022-04-05")


def test_no_reference_date_keeps_relative_values_unknown():
    text = "وصل الوزير أمس، ويعود الثلاثاء، بعد يومين من 2 يناير، ثم في الخامس من الشهر ذاته، وقبل 30 عاما."
    got = {t: v for t, _, v in values(text)}
    assert got["أمس"] == "XXXX-XX-XX"
    assert got["الثلاثاء"] == "XXXX-WXX-2"
    assert got["بعد يومين"] == "XXXX-XX-XX"
    assert got["2 يناير"] == "XXXX-01-02"
    assert got["الخامس من الشهر ذاته"] == "XXXX-01-05"
    assert got["قبل 30 عاما"] == "XXXX"
    # explicit dates still resolve fully without a reference
    assert one("وقع في 3 نوفمبر 2024.") == ("3 نوفمبر 2024", "DATE", "2024-11-03")


@pytest.mark.parametrize(
    "sentence",
    [
        "قال أحد المسؤولين إن الأمر انتهى.",  # أحد = "one of", not Sunday
        "زار أب الطفل المدرسة.",  # آب = August, but here "father"
        "مارس الفريق ضغطا كبيرا.",  # مارس = March, but here "exerted"
        "احتفل العالم باليوم العالمي للمسرح.",  # "the world day", not today
        "كان أول يوم في المدرسة صعبا.",  # ordinal + day is not a duration
        "بلغ عدد الزوار 2500 زائر.",
        "تزداد الحرارة يوما بعد يوم.",
        "تقدم الفريق في النصف الثاني من المباراة.",
        "اجتمع المديرين العامين مع اللاعب يحيى الشهري.",
        "تجاوز سعر الأوقية 1900 دولار.",
        "حل الفريق وصيفا للبطولة وجاء وصيف البطولة الأخرى.",
    ],
)
def test_lookalikes_are_not_times(sentence):
    assert values(sentence, REF) == []


def test_clitics_stay_outside_the_span():
    assert one("وصل وأمس غادر", REF)[0] == "أمس"
    assert [v[0] for v in values("تأسس في العام 2015 وبعام 2016", REF)] == ["العام 2015", "عام 2016"]
    assert values("وبعد يومين عاد", REF)[0][0] == "بعد يومين"


def test_diacritics_and_tatweel_map_to_original_offsets():
    text = "وَصَلَ الوفدُ أمسِ، ويغادر بعـــد يومَيْن."
    found = find_times(text, REF)
    assert [t.text for t in found] == ["أمسِ", "بعـــد يومَيْن"]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.value for t in found] == ["2023-05-08", "2023-05-11"]


def test_component_fills_the_layer_and_respects_the_reference_date():
    article = Article(text="عقد الاجتماع الثلاثاء الماضي.", reference_date="2022-01-11")
    times(article)
    assert [(t.text, t.value) for t in article.times] == [("الثلاثاء الماضي", "2022-01-04")]
    assert article.check_spans() == []
    # an unusable reference date is treated as none rather than guessed around
    assert find_times("وصل أمس", "not-a-date")[0].value == "XXXX-XX-XX"


FRAGMENTS = [
    "وصل الوفد", "أمس", "في 2 يناير/كانون الثاني الجاري", "بعد يومين", "، ", "الثلاثاء", "عام 2015",
    "خلال الأيام الثلاثة المقبلة", "الساعة العاشرة صباحا", "كل يوم", "ثلاثة أعوام", "قال", "\n", "15 رمضان 1443 هـ",
    "الخامس من الشهر ذاته", "12/01/2022", "ساعتين", "مؤخرا", "كتاب", "2500",
]
NOISE = ["", "\u064e", "\u0651", "\u0640", "\u200f", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(NOISE)), max_size=12),
       st.sampled_from([None, "2022-01-11"]))
def test_spans_always_index_the_text(parts, ref):
    # noise is inserted inside fragments (after their first letter) to exercise the offset map
    text = " ".join(f[:1] + n + f[1:] for f, n in parts)
    found = find_times(text, ref)
    last_end = -1
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end and t.end > t.start
        assert t.text == t.text.strip()
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        last_end = t.end


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared absent")
def test_shared_sample_with_reference_date():
    text = SAMPLE.read_text(encoding="utf-8")
    got = {}
    for t in find_times(text, "2022-01-11"):
        got.setdefault(t.text, (t.type, t.value))
    assert got["بعد يومين"] == ("DATE", "2022-01-13")
    # TimeML keeps the signal في غضون ("within") outside the expression
    assert got["10 أيام"] == ("DURATION", "P10D")
    assert "في غضون 10 أيام" in text
    assert got["الأسبوع الماضي"] == ("DATE", "2022-W01")
    assert got["2 يناير/كانون الثاني الجاري"] == ("DATE", "2022-01-02")
    assert got["الثلاثاء"] == ("DATE", "2022-01-11")
    assert got["الخامس من الشهر ذاته"] == ("DATE", "2022-01-05")
    assert got["قبل 30 عاما"] == ("DATE", "1992")


@pytest.mark.parametrize("ref", ["0001-01-01", "9999-12-31"])
def test_extreme_reference_dates_do_not_crash(ref):
    text = "عاد الخميس الماضي، ويغادر بعد يومين، وبني قبل 30 عاما، في 1 محرم 1200 هـ، العام المقبل."
    for t in find_times(text, ref):
        assert text[t.start : t.end] == t.text


def test_empty_and_non_arabic_text():
    assert find_times("") == []
    assert find_times("   \n") == []
    assert find_times("The meeting is on Monday.", REF) == []
