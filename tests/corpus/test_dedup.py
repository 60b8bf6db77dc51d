"""MinHash near-duplicate signatures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.fictional import generate
from marsad.corpus import dedup

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
    assert len(dedup.band_keys(dedup.signature(ARTS[0].content))) == b


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
