"""MinHash near-duplicate signatures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.fictional import generate
from marsad.corpus import dedup
from marsad.document import Article, Entity, Published, Source
from marsad.store import open_store

ARTS = generate(12, seed=4)


def test_identical_texts_identical_signatures():
    a = ARTS[0].content
    assert dedup.signature(a) == dedup.signature(a)
    assert dedup.jaccard(dedup.signature(a), dedup.signature(a)) == 1.0


def test_near_reprint_above_threshold_other_event_below():
    near = next(a for a in ARTS if a.kind == "near")
    orig = next(a for a in ARTS if a.event == near.event and a.kind == "original")
    other = next(a for a in ARTS if a.event != near.event and a.kind == "original")
    s_near, s_orig, s_other = (dedup.signature(x.content) for x in (near, orig, other))
    assert dedup.jaccard(s_near, s_orig) >= dedup.THRESHOLD
    assert dedup.jaccard(s_orig, s_other) < dedup.THRESHOLD
    # LSH makes them candidates
    assert set(dedup.band_keys(s_near)) & set(dedup.band_keys(s_orig))


def test_short_texts_have_no_signature():
    assert dedup.signature("خبر قصير جدا") is None


def test_band_parameters_cover_the_signature():
    b, r = dedup.band_params()
    assert b * r <= dedup.NUM_PERM
    keys = dedup.band_keys(dedup.signature(ARTS[0].content))
    assert len(keys) == 2 * b and sorted(band for band, _ in keys) == list(range(2 * b))


def test_the_second_pairing_joins_each_band_s_last_value_with_the_next_band_s_first():
    rng = np.random.default_rng(3)
    a = rng.integers(0, 2**32 - 1, dedup.NUM_PERM, dtype=np.uint32)
    b = rng.integers(0, 2**32 - 1, dedup.NUM_PERM, dtype=np.uint32)
    b[1:3] = a[1:3]  # values 1 and 2 agree: no band of the first pairing (0-1, 2-3) holds both
    assert dedup.candidates_collide(a, b)
    b[2] = a[2] + 1
    assert not dedup.candidates_collide(a, b)
    b[[-1, 0]] = a[[-1, 0]]  # the last value pairs with the first
    assert dedup.candidates_collide(a, b)


def _collision_rate(j: float, pairs: int = 1500) -> float:
    """Share of signature pairs whose values agree each with probability ``j`` (a Jaccard of j)
    that share a band."""
    rng = np.random.default_rng(7)
    hits = 0
    for _ in range(pairs):
        a = rng.integers(0, 2**32 - 1, dedup.NUM_PERM, dtype=np.uint32)
        b = np.where(rng.random(dedup.NUM_PERM) < j, a, rng.integers(0, 2**32 - 1, dedup.NUM_PERM, dtype=np.uint32))
        hits += dedup.candidates_collide(a, b)
    return hits / pairs


def test_bands_give_a_story_cut_to_its_lead_a_fair_chance_to_be_compared():
    # A release cut to its lead, or one wire text inside a long roundup, has a 3-shingle
    # Jaccard of 0.1-0.2 with the other text; the bands must still propose most such pairs
    # (one pairing of 64 bands: 0.66 at 0.13), and not every pair on the same topic.
    assert _collision_rate(0.13) >= 0.8 and _collision_rate(0.2) >= 0.97
    assert _collision_rate(0.04) < 0.25


def test_signature_roundtrip_through_bytes():
    sig = dedup.signature(ARTS[1].content)
    assert list(dedup.unpack(dedup.pack(sig))) == sig


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(ARTS) - 1), st.integers(0, len(ARTS) - 1))
def test_estimate_tracks_true_jaccard(i, j):
    a, b = ARTS[i].content, ARTS[j].content
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    true = len(sa & sb) / len(sa | sb)
    est = dedup.jaccard(dedup.signature(a), dedup.signature(b))
    assert abs(true - est) < 0.2  # 128 permutations: standard error ≤ 0.045


# --- verification of LSH candidates ---------------------------------------------------

WIRE = (
    "أعلنت هيئة المياه الوطنية اليوم تشغيل محطة التحلية الجديدة في مدينة الساحل بطاقة 300 ألف متر مكعب يوميا"
    " وقال مدير المشروع المهندس سامي الفرحان إن المحطة تغطي حاجة 12 حيا سكنيا وتخدم نحو نصف مليون نسمة"
    " وأضاف أن العمل في المرحلة الثانية سيبدأ مطلع العام المقبل بتكلفة تبلغ 900 مليون ريال"
    " وأشار إلى أن الهيئة دربت 140 مهندسا وفنيا من أبناء المنطقة على تشغيل المحطة وصيانتها"
    " ودعا المواطنين إلى ترشيد الاستهلاك والإبلاغ عن أي تسرب في الشبكة عبر الرقم المجاني"
)
OTHER = (
    "وفي شأن آخر افتتح نادي الشباب الرياضي ملعبه الجديد بحضور عدد من المسؤولين واللاعبين القدامى"
    " وشهد الحفل عروضا فنية وتكريم الفائزين في بطولة الأحياء الصيفية التي استمرت ثلاثة أسابيع"
    " كما أعلنت البلدية عن إغلاق مؤقت لطريق الكورنيش لأعمال الصيانة حتى نهاية الأسبوع"
    " وتواصل فرق الدفاع المدني جولاتها التفتيشية على المحلات التجارية للتأكد من اشتراطات السلامة"
    " وتوقعت الأرصاد طقسا حارا على معظم المناطق مع رياح نشطة مثيرة للأتربة على الطرق السريعة"
)


def _w(text: str) -> list[str]:
    return dedup.shingle_words(text)


def test_a_story_cut_to_its_lead_is_a_near_duplicate_though_its_jaccard_is_low():
    full = _w(WIRE + " " + OTHER)
    cut = _w(WIRE.split(" وأضاف")[0])  # the first two sentences only
    assert dedup.exact_jaccard(cut, full) < dedup.THRESHOLD
    assert dedup.verify(cut, full) and dedup.verify(full, cut)
    # LSH at the candidate threshold proposes the pair
    assert dedup.candidates_collide(dedup.signature_of_words(cut), dedup.signature_of_words(full))


def test_a_wire_story_inside_a_roundup_is_a_near_duplicate():
    roundup = _w(OTHER + " " + WIRE + " " + OTHER.replace("نادي الشباب", "نادي النصر"))
    assert dedup.verify(_w(WIRE), roundup)


def test_the_same_template_with_other_facts_is_not():
    other_facts = (
        WIRE.replace("المياه الوطنية", "الكهرباء الإقليمية").replace("التحلية", "التوليد")
        .replace("الساحل", "الواحة").replace("سامي الفرحان", "ماجد الخالدي")
        .replace("300", "450").replace("12", "30").replace("900", "650").replace("140", "75")
    )
    assert not dedup.verify(_w(WIRE), _w(other_facts))


def test_different_articles_are_not():
    assert not dedup.verify(_w(WIRE), _w(OTHER))


def test_headline_length_texts_are_never_contained():
    head = _w("تشغيل محطة التحلية الجديدة في مدينة الساحل بطاقة 300 ألف متر مكعب يوميا")
    assert len(head) < dedup.MIN_CONTAINED_WORDS
    assert not dedup.verify(head, _w(WIRE))


words = st.lists(st.sampled_from("أ ب ت ث ج ح خ د ذ ر ز س ش ص ض ط".split()), min_size=0, max_size=60)


@settings(max_examples=150, deadline=None)
@given(words, words)
def test_coverage_is_a_share_and_verify_is_symmetric(a, b):
    c = dedup.coverage(a, b)
    assert 0.0 <= c <= 1.0
    if len(a) >= dedup.SPAN:
        assert dedup.coverage(a, a) == 1.0
        assert dedup.coverage(a, b + a + b) == 1.0
    assert dedup.verify(a, b) == dedup.verify(b, a)


def test_verify_is_symmetric_for_texts_of_equal_length():
    # equal length: neither is "the shorter", and coverage differs by direction when one
    # text repeats a run of the other, so both directions must be tried
    a = [f"w{i}" for i in range(20)] + ["z"] * 10
    b = [f"w{i}" for i in range(10)] + [f"w{i}" for i in range(10)] + [f"y{i}" for i in range(10)]
    assert len(a) == len(b)
    assert dedup.coverage(a, b) != dedup.coverage(b, a)
    assert dedup.verify(a, b, containment=0.6) == dedup.verify(b, a, containment=0.6)


def test_texts_of_nearly_equal_length_are_compared_both_ways_round():
    # a text one term longer than the other (a credit line cut from one of them, say) is no
    # more "the longer" than its twin: the pair is linked whichever way round it matches
    a = [f"w{i}" for i in range(20)] + ["z"] * 10
    b = [f"w{i}" for i in range(10)] + [f"w{i}" for i in range(10)] + [f"y{i}" for i in range(10)] + ["x"]
    assert len(a) < len(b) <= len(a) * dedup.NEAR_EQUAL_LENGTH
    assert dedup.coverage(a, b) < 0.6 <= dedup.coverage(b, a)  # only b lies in a
    assert dedup.verify(a, b, containment=0.6) and dedup.verify(b, a, containment=0.6)
    # beyond the factor, the shorter is the shorter: one way round only
    c = b + [f"v{i}" for i in range(10)]
    assert len(c) > len(a) * dedup.NEAR_EQUAL_LENGTH and dedup.coverage(a, c) < 0.6
    assert not dedup.verify(a, c, containment=0.6) and not dedup.verify(c, a, containment=0.6)


# --- edits outlets make to every text they reprint ------------------------------------

# A ministry statement (fictional) and its reprint in another paper a day later: the
# reprint drops the honorifics, joins "عبد العزيز", says "أمس" for "اليوم", writes the
# numbers without separators and appends the paper's link line.  Every few words one of
# these edits breaks the run of shared terms.
STATEMENT = (
    "استقبل معالي وزير الصحة الدكتور فهد بن عبد العزيز الراشد في مكتبه بمدينة الواحة اليوم"
    " سفير جمهورية الساحل لدى المملكة الدكتور سالم بن عبد الله المري وبحث معالي الوزير مع السفير"
    " تعاون البلدين في مكافحة الأوبئة وأوضح الدكتور فهد بن عبد العزيز الراشد أن مختبرات الوزارة"
    " فحصت اليوم 41,882 عينة من المسافرين وأن المرحلة الثانية تبدأ في 10/10/1436 بتكلفة 12,500,000 ريال"
    " وحضر اللقاء وكيل الوزارة المهندس ماجد بن عبد الرحمن العلي ومدير الطب الوقائي الدكتور نايف الحربي"
    " وشكر السفير معالي الوزير على حسن الاستقبال وأكد أن وفدا من بلاده يصل غدا لتوقيع مذكرة التفاهم"
)
REPRINT = (
    "استقبل وزير الصحة فهد بن عبدالعزيز الراشد في مكتبه بمدينة الواحة أمس"
    " سفير جمهورية الساحل لدى المملكة سالم بن عبدالله المري وبحث الوزير مع السفير"
    " تعاون البلدين في مكافحة الأوبئة وأوضح فهد بن عبدالعزيز الراشد أن مختبرات الوزارة"
    " فحصت أمس 41882 عينة من المسافرين وأن المرحلة الثانية تبدأ في 10 / 10 / 1436 بتكلفة 12500000 ريال"
    " وحضر اللقاء وكيل الوزارة ماجد بن عبدالرحمن العلي ومدير الطب الوقائي نايف الحربي"
    " وشكر السفير الوزير على حسن الاستقبال وأكد أن وفدا من بلاده يصل اليوم لتوقيع مذكرة التفاهم"
    " رابط الخبر بصحيفة الضفاف: وزير الصحة يستقبل سفير الساحل ويبحث مكافحة الأوبئة"
)


def test_a_reprint_with_outlet_edits_is_a_near_duplicate():
    a, b = _w(STATEMENT), _w(REPRINT)
    # as analysed, the edits leave neither measure near its threshold
    assert dedup.exact_jaccard(a, b) < dedup.THRESHOLD
    assert max(dedup.coverage(a, b), dedup.coverage(b, a)) < dedup.CONTAINMENT
    assert dedup.comparison_terms(a) == dedup.comparison_terms(b)
    assert dedup.verify(a, b) and dedup.verify(b, a)


def test_a_cut_reprint_whose_numbers_are_written_otherwise_keeps_its_numbers():
    cut = _w(REPRINT.split(" وحضر")[0])
    full = _w(STATEMENT + " " + OTHER)
    numbers = lambda ws: {t for t in ws if any(ch.isdigit() for ch in t)}  # noqa: E731
    assert len(numbers(cut)) >= 2 and numbers(cut).isdisjoint(numbers(full))  # as written
    assert dedup.verify(cut, full)
    # the same cut with other figures is another statement
    other_figures = REPRINT.split(" وحضر")[0].replace("41882", "9315").replace("10 / 10 / 1436", "3 / 2 / 1437")
    other_figures = other_figures.replace("12500000", "870000")
    assert not dedup.verify(_w(other_figures), full)
    # without the date, only the thousands-separated figures can agree (41,882 = 41882)
    undated = lambda text: text.replace(" في 10/10/1436", "").replace(" في 10 / 10 / 1436", "")  # noqa: E731
    assert dedup.verify(_w(undated(REPRINT.split(" وحضر")[0])), _w(undated(STATEMENT + " " + OTHER)))
    # a figure in millions written out in words keeps its leading group (12,500,000 = 12 مليون);
    # a second number stays, so the number test has to find one of them in the statement
    cut_in_words = undated(REPRINT.split(" وحضر")[0]).replace("41882", "4 آلاف")
    statement = _w(undated(STATEMENT + " " + OTHER))
    assert dedup.verify(_w(cut_in_words.replace("12500000 ريال", "12 مليون ريال")), statement)
    assert not dedup.verify(_w(cut_in_words.replace("12500000 ريال", "13 مليون ريال")), statement)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("بن عبد العزيز", "بن عبدالعزيز"),
        ("بن عبد الله", "بن عبدالله"),
        ("عبد الرحمن العلي", "عبدالرحمن العلي"),
        ("استقبل معالي الوزير", "استقبل الوزير"),
        ("صرح المهندس ماجد", "صرح ماجد"),
        ("وصل الوفد اليوم", "وصل الوفد أمس"),
        ("الملك -حفظه الله- يستقبل", "الملك يستقبل"),
        ("فحص 41,882 عينة", "فحص 41882 عينة"),
        ("بنسبة 28%", "بنسبة 28"),
        ("في 10/10/1436", "في 10 / 10 / 1436"),
        ("وزنها 250 كلغم", "وزنها 250 كجم"),
        ("وزنها 250 كيلو غرام", "وزنها 250 كغم"),
    ],
)
def test_comparison_terms_undo_one_edit(one, other):
    assert _w(one) != _w(other)
    assert dedup.comparison_terms(_w(one)) == dedup.comparison_terms(_w(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("بن عبد العزيز", "بن عبد الرحمن"),  # other names stay other names
        ("في 10/10/1436", "في 11/10/1436"),
        ("قال الوزير", "قال السفير"),
    ],
)
def test_comparison_terms_keep_what_differs(one, other):
    assert dedup.comparison_terms(_w(one)) != dedup.comparison_terms(_w(other))


def test_the_link_line_is_cut_only_at_the_end():
    body = _w(WIRE)
    assert dedup.comparison_terms(_w(WIRE + " رابط الخبر بصحيفة الضفاف: تشغيل محطة التحلية")) == (
        dedup.comparison_terms(body)
    )
    # a mention of "رابط الخبر" far from the end is text, not the outlet's line
    early = _w("نشر رابط الخبر على موقع الهيئة " + WIRE + " " + OTHER)
    assert len(early) - 2 > dedup.LINK_LINE_TAIL
    assert len(dedup.comparison_terms(early)) > len(dedup.comparison_terms(_w(WIRE + " " + OTHER)))


plain_terms = st.lists(st.sampled_from("وزير صحه مدين واح سفير تعاون بلد مختبر عين مسافر مرحل".split()), max_size=40)


@settings(max_examples=100, deadline=None)
@given(plain_terms, st.sampled_from(["اليوم", "أمس", "غدا"]), st.sampled_from(["", "معالي", "الدكتور"]))
def test_comparison_terms_change_only_the_edits(ws, day, title):
    # terms none of the rules touch pass through unchanged and in order ...
    assert dedup.comparison_terms(ws) == ws
    # ... and an inserted title or another relative day word changes nothing else
    extra = _w(f"{title} {day}")
    assert dedup.comparison_terms(ws[:3] + extra + ws[3:]) == dedup.comparison_terms(ws[:3] + _w("اليوم") + ws[3:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=8).flatmap(
    lambda sig: st.tuples(st.just(sig), st.lists(st.lists(st.sampled_from(sig + [0, 7]), min_size=len(sig),
                                                           max_size=len(sig)), max_size=6))))
def test_signatures_compared_at_once_equal_one_by_one(case) -> None:
    sig, others = case
    blobs = [dedup.pack(o) for o in others]
    assert dedup.jaccards(sig, blobs) == [dedup.jaccard(sig, dedup.unpack(b)) for b in blobs]


# A congratulation cable, one template filled in for two fictional heads of state: short, and mostly
# boilerplate, so one covers the other in runs of SPAN terms though it names someone else.
CABLE = (
    "بعث خادم الحرمين الشريفين برقية تهنئة للرئيس {president} رئيس جمهورية {country} بمناسبة ذكرى استقلال بلاده"
    " وأعرب باسمه واسم شعب وحكومة المملكة عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته"
    " ولحكومة وشعب {country} الشقيق اطراد التقدم والازدهار في ظل قيادته الحكيمة"
    " كما بعث ولي العهد برقية تهنئة مماثلة للرئيس {president} عبر فيها عن أبلغ التهاني وأطيب التمنيات"
)


def _cable(president: str, country: str) -> tuple[list[str], dedup.Facts]:
    text = CABLE.format(president=president, country=country)
    names = [(f"PERS:{president}", "PERS", president), (f"LOC:{country}", "LOC", country)]
    return _w(text), dedup.Facts(names, None, None)


def test_one_template_filled_with_other_names_is_not_a_near_duplicate():
    (a, fa), (b, fb) = _cable("ماجد الخالدي", "الواحة"), _cable("سامي الفرحان", "الساحل")
    assert dedup.verify(a, b)  # the terms alone: the boilerplate covers both
    assert not dedup.verify(a, b, facts_a=fa, facts_b=fb)
    assert not dedup.verify(b, a, facts_a=fb, facts_b=fa)


def test_a_reprint_that_adds_a_name_or_spells_one_otherwise_stays_one():
    a, fa = _cable("ماجد الخالدي", "الواحة")
    # a dateline and its agency added: names the other text lacks, but nothing in their place
    dated = _w("الرياض واس " + CABLE.format(president="ماجد الخالدي", country="الواحة"))
    fd = dedup.Facts(list(fa.named()) + [("LOC:الرياض", "LOC", "الرياض"), ("ORG:واس", "ORG", "واس")], None, None)
    assert dedup.verify(a, dated, facts_a=fa, facts_b=fd)
    # a byline naming the reporter, against a longer version naming someone else elsewhere: each
    # names a person the other does not, but not after the same words, so no template is filled
    text = CABLE.format(president="ماجد الخالدي", country="الواحة")
    byline = _w("كتب المحرر سعد العتيبي " + text)
    fb = dedup.Facts(list(fa.named()) + [("PERS:سعد العتيبي", "PERS", "سعد العتيبي")], None, None)
    longer = _w(text + " وفي سياق آخر استقبل وزير الخارجية سامي الفرحان سفراء الدول المعتمدين لدى الواحة")
    fl = dedup.Facts(list(fa.named()) + [("PERS:سامي الفرحان", "PERS", "سامي الفرحان")], None, None)
    assert dedup.verify(byline, longer, facts_a=fb, facts_b=fl)
    # the same president spelled another way (غ / ج, as outlets write foreign names)
    b, fb = _cable("جيل الخالدي", "الواحة")
    c, fc = _cable("غيل الخالدي", "الواحة")
    assert dedup.verify(b, c, facts_a=fb, facts_b=fc)


# An outlet's race-day announcement, and its next one days later: the same wording, the next
# race's facts, and a paragraph of its own (fictional).
RACE_DAY = (
    "يقيم نادي الفروسية في محافظة الوادي الأخضر حفل سباقه الرابع ضمن موسم سباقات الصيف عصر اليوم السبت"
    " على ميدان الفروسية الكبير بمشاركة ستين جوادا من إسطبلات المنطقة وتبلغ جوائز الحفل 685 ألف ريال"
    " وأوضح مدير عام النادي أن الحفل يضم ثمانية أشواط للخيل العربية الأصيلة والخيل المهجنة"
    " وأن أبواب الميدان تفتح للجمهور عند الرابعة عصرا مع توفير مواقف للسيارات وخدمات للعائلات"
)
NEXT_RACE_DAY = RACE_DAY.replace("الرابع", "الخامس") + (
    " وكان الحفل الرابع الأسبوع الماضي قد شهد تتويج الجواد برق الشمال بكأس المحافظة بعد منافسة قوية"
    " مع الجواد سيف الصحراء في الشوط الأخير الذي حضره جمهور كبير من أهالي المحافظة وزوارها"
)


def _outlet_facts(site: str | None, published: str | None) -> dedup.Facts:
    return dedup.Facts([], site, published)


@pytest.mark.parametrize(
    "site_b, published_b, linked",
    [
        ("paper-a", "2015-07-28T16:00:00", False),  # the outlet's next race day, a week later
        ("paper-a", "2015-07-21T20:00:00", True),  # the outlet's own update the same day
        ("paper-a", "2015-07-22T20:00:00", True),  # the next day's print edition
        ("paper-b", "2015-07-28T16:00:00", True),  # another outlet printing the release late
        (None, None, True),  # unknown outlet and time refuse nothing
    ],
)
def test_one_outlet_s_texts_days_apart_need_a_higher_jaccard(site_b, published_b, linked):
    a, b = _w(RACE_DAY), _w(NEXT_RACE_DAY)
    # contained (the next text holds all of the last one's wording), below the raised Jaccard
    assert dedup.coverage(dedup.comparison_terms(a), dedup.comparison_terms(b)) >= dedup.CONTAINMENT
    assert dedup.exact_jaccard(a, b) < dedup.SAME_OUTLET_LATER_JACCARD
    fa, fb = _outlet_facts("paper-a", "2015-07-21T16:00:00"), _outlet_facts(site_b, published_b)
    assert dedup.verify(a, b)  # the terms alone link them
    assert dedup.verify(a, b, facts_a=fa, facts_b=fb) is linked
    assert dedup.verify(b, a, facts_a=fb, facts_b=fa) is linked


def test_one_outlet_printing_its_own_text_again_days_later_is_a_near_duplicate(monkeypatch):
    a = _w(RACE_DAY)
    again = _w(RACE_DAY.replace("عصر اليوم السبت", "عصر السبت"))  # run again, nearly whole
    assert dedup.exact_jaccard(a, again) >= dedup.SAME_OUTLET_LATER_JACCARD
    fa, fb = _outlet_facts("paper-a", "2015-07-21T16:00:00"), _outlet_facts("paper-a", "2015-07-28T16:00:00")
    assert dedup.verify(a, again, facts_a=fa, facts_b=fb)
    # the raised bar is what decides: above any Jaccard it refuses this reprint too, and for
    # texts closer than SAME_OUTLET_HOURS it does not apply at all
    monkeypatch.setattr(dedup, "SAME_OUTLET_LATER_JACCARD", 1.01)
    assert not dedup.verify(a, again, facts_a=fa, facts_b=fb)
    monkeypatch.setattr(dedup, "SAME_OUTLET_HOURS", 24 * 30)
    assert dedup.verify(a, again, facts_a=fa, facts_b=fb)


@pytest.mark.parametrize("site, day, linked", [("paper-a", "2015-07-28", False), ("paper-a", "2015-07-21", True),
                                               ("paper-b", "2015-07-28", True)])
def test_the_archive_does_not_link_an_outlet_s_next_text_of_a_series(tmp_path, site, day, linked):
    """The writer passes each article's outlet and date: the outlet's next race day a week
    later starts its own family, its update the same day and another outlet's late print join."""
    def article(text, url, site, day):
        return Article(text=text, title=text[:40], source=Source(url=url, site=site), published=Published(day, "metadata"))

    with open_store(tmp_path / "a.db") as store:
        first = store.add_articles([article(RACE_DAY, "https://a.example/1", "paper-a", "2015-07-21")])[0]
        out = store.add_articles([article(NEXT_RACE_DAY, f"https://{site}.example/2", site, day)])[0]
        assert out.status == "stored"
        assert out.near_duplicate_of == (first.id if linked else None)


def test_link_target_is_the_matched_article_or_its_own_link_when_that_matches_too():
    parents = {1: 1, 2: 1, 3: 3, 4: 1}
    calls: list[int] = []

    def accepting(*ids):
        def accepts(rowid):
            calls.append(rowid)
            return rowid in ids
        return accepts

    # the matched article's own link is taken when the new article matches it too
    assert dedup.link_target([2, 3], parents.__getitem__, accepting(1, 2)) == 1
    # not when it does not: the link names the article it matched, never one it was not verified against
    assert dedup.link_target([2, 3], parents.__getitem__, accepting(2)) == 2
    # the first candidate verify accepts decides, in the candidates' order
    assert dedup.link_target([2, 3], parents.__getitem__, accepting(3)) == 3
    assert dedup.link_target([3, 2], parents.__getitem__, accepting(2, 3)) == 3
    assert dedup.link_target([2, 3], parents.__getitem__, accepting()) is None
    assert dedup.link_target([], parents.__getitem__, accepting(1)) is None
    # a stored article is verified once, however many candidates lead to it
    calls.clear()
    assert dedup.link_target([2, 4, 1], parents.__getitem__, accepting(4)) == 4
    assert calls == [2, 4, 1]


# A release and what outlets made of it (fictional): one outlet printed it whole with two more
# paragraphs, another printed only the last of those paragraphs with the release's closing one.
RELEASE = (
    "أعلنت هيئة المياه في محافظة الساحل الشرقي بدء تشغيل محطة التحلية الجديدة بطاقة إنتاجية تبلغ مئة"
    " وعشرين ألف متر مكعب يوميا لخدمة أحياء المحافظة الشمالية والقرى المجاورة لها"
    " وأوضح مدير عام الهيئة أن المحطة أنشئت خلال ثلاثين شهرا بتكلفة بلغت تسعمئة مليون ريال"
    " وأنها تعمل بتقنية التناضح العكسي الموفرة للطاقة وتدار بالكامل من مركز التحكم الرئيس"
    " وأشار إلى أن الهيئة تعمل على مد خطوط نقل جديدة بطول مئتي كيلومتر لربط المحطة بالخزانات"
)
RELEASE_EXTENDED = RELEASE + (
    " وفي سياق متصل افتتح محافظ الساحل الشرقي معرض المياه السنوي في مركز المعارض بمشاركة أربعين جهة"
    " حكومية وخاصة تعرض أحدث تقنيات ترشيد الاستهلاك وإعادة استخدام المياه المعالجة في الزراعة"
    " ويستمر المعرض خمسة أيام يقدم خلالها برنامجا توعويا لطلاب المدارس وورش عمل للمزارعين والمهندسين"
    " وتنظم على هامشه ندوة علمية يشارك فيها خبراء من الجامعات ومراكز الأبحاث في المنطقة"
)
EXHIBITION_ONLY = (
    " وأشار إلى أن الهيئة تعمل على مد خطوط نقل جديدة بطول مئتي كيلومتر لربط المحطة بالخزانات"
    " وفي سياق متصل افتتح محافظ الساحل الشرقي معرض المياه السنوي في مركز المعارض بمشاركة أربعين جهة"
    " حكومية وخاصة تعرض أحدث تقنيات ترشيد الاستهلاك وإعادة استخدام المياه المعالجة في الزراعة"
    " ويستمر المعرض خمسة أيام يقدم خلالها برنامجا توعويا لطلاب المدارس وورش عمل للمزارعين والمهندسين"
    " وتنظم على هامشه ندوة علمية يشارك فيها خبراء من الجامعات ومراكز الأبحاث في المنطقة"
)


def test_the_archive_links_each_article_to_one_it_is_a_near_duplicate_of(tmp_path):
    """The extended print is a near-duplicate of the release; the exhibition piece only of the
    extended print: it is linked to that one, not to the release it was never a copy of."""
    release, extended, exhibition = _w(RELEASE), _w(RELEASE_EXTENDED), _w(EXHIBITION_ONLY)
    assert dedup.verify(release, extended) and dedup.verify(exhibition, extended)
    assert not dedup.verify(exhibition, release)

    def article(text, n):
        return Article(text=text, title=text[:40], source=Source(url=f"https://o{n}.example/{n}", site=f"outlet-{n}"),
                       published=Published("2015-07-21", "metadata"))

    with open_store(tmp_path / "a.db") as store:
        first = store.add_articles([article(RELEASE, 1)])[0]
        second = store.add_articles([article(RELEASE_EXTENDED, 2)])[0]
        third = store.add_articles([article(EXHIBITION_ONLY, 3)])[0]
        # the release again with a new dateline: most like the extended print, linked to the release
        fourth = store.add_articles([article("الدمام " + RELEASE_EXTENDED.replace("خمسة أيام", "أسبوعا"), 4)])[0]
        assert second.near_duplicate_of == first.id
        assert third.near_duplicate_of == second.id
        assert fourth.near_duplicate_of == first.id
        near = {a: {n.id for n in store.near_duplicates(a)} for a in (first.id, second.id, third.id)}
        assert near[first.id] == {second.id, fourth.id}
        assert near[second.id] == {first.id, third.id, fourth.id}
        assert near[third.id] == {second.id}


def test_relinking_an_archive_links_as_an_ingest_in_the_stored_order_would(tmp_path):
    def article(text, n):
        return Article(text=text, title=text[:40], source=Source(url=f"https://o{n}.example/{n}", site=f"outlet-{n}"),
                       published=Published("2015-07-21", "metadata"))

    with open_store(tmp_path / "a.db") as store:
        ids = [store.add_articles([article(t, n)])[0].id for n, t in enumerate((RELEASE, RELEASE_EXTENDED, EXHIBITION_ONLY))]
        links = {r[0]: r[1] for r in store._q("SELECT id, near_dup_of FROM articles")}
        # as an older marsad linked it: the exhibition piece to the release's first print
        store.conn.execute("UPDATE articles SET near_dup_of = 1 WHERE id = 3")
        assert store.get_summary(ids[2]).near_duplicate_of == ids[0]
        assert store.relink_near_duplicates() == 2
        assert {r[0]: r[1] for r in store._q("SELECT id, near_dup_of FROM articles")} == links
        assert store.get_summary(ids[2]).near_duplicate_of == ids[1]  # never an article stored after it
        assert store.get_summary(ids[0]).near_duplicate_of is None


def test_entity_candidate_pair_rule():
    rule = dedup.entity_candidate_pair
    assert rule((200, "2015-07-26", "a"), (3000, "2015-07-27", "b"))
    assert not rule((200, "2015-07-26", "a"), (3000, "2015-07-26", "a"))  # one outlet: the bands' job
    assert not rule((200, "2015-07-26", "a"), (3000, "2015-07-28", "b"))  # two days apart
    assert not rule((2000, "2015-07-26", "a"), (3000, "2015-07-26", "b"))  # about as long: the bands' job
    assert not rule((200, None, "a"), (3000, "2015-07-26", "b"))


# A brief (fictional) and a long roundup that holds it whole among other stories: the brief's
# shingles are a small share of the roundup's, so the bands do not propose the pair.
BRIEF = ("أعلنت سلطات بلدة وادي السدر مقتل ثلاثة أشخاص وإصابة خمسة آخرين في انهيار جسر قديم فوق الوادي صباح أمس"
         " وقال رئيس البلدية إن فرق الإنقاذ انتشلت المصابين ونقلتهم إلى مستشفى المحافظة"
         " وإن التحقيق جار في أسباب الانهيار")
_FILLER = [a.content for a in generate(40, seed=11) if a.kind == "original"][:10]
ROUNDUP = " ".join(_FILLER[:5]) + " وفي خبر آخر " + BRIEF + " " + " ".join(_FILLER[5:])
PLACE = "وادي السدر"


def _named(text: str, url: str, day: str, place: str = PLACE) -> Article:
    start = text.find(place)
    art = Article(text=text, title=text[:30], source=Source(url=url, site=url.split("/")[2]),
                  published=Published(day, "metadata"))
    art.entities = [Entity(place, "LOC", start, start + len(place), place, "LOC:" + place)]
    return art


@pytest.mark.parametrize("others_naming_it, linked", [(0, True), (dedup.ENTITY_CANDIDATE_ARTICLES, False)])
def test_a_brief_inside_a_roundup_is_proposed_by_a_rare_name_it_shares(tmp_path, others_naming_it, linked):
    wb, wr = dedup.shingle_words(BRIEF), dedup.shingle_words(ROUNDUP)
    assert not dedup.candidates_collide(dedup.signature_of_words(wb), dedup.signature_of_words(wr))
    assert dedup.verify(wb, wr)  # so the candidate step is what decides
    with open_store(tmp_path / "a.db") as store:
        # other stories naming the place (a common name is no lead: a place in the news)
        store.add_articles([_named(f"{PLACE} {x.content}", f"https://c.example/{i}", "2015-07-20")
                            for i, x in enumerate(generate(others_naming_it, seed=3))])
        roundup = store.add_articles([_named(ROUNDUP, "https://a.example/1", "2015-07-26")])[0]
        brief = store.add_articles([_named(BRIEF, "https://b.example/1", "2015-07-27")])[0]
        assert brief.near_duplicate_of == (roundup.id if linked else None)
        # re-linking the archive finds the same
        assert store.relink_near_duplicates() >= (1 if linked else 0)
        assert store.get_summary(brief.id).near_duplicate_of == (roundup.id if linked else None)
