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


# WIRE rewritten sentence by sentence (verbs and connectives swapped, as outlets do with a
# release): every fact and name stays, but only ~0.62 of it lies in runs of 5 shared terms.
REWRITE = (
    "شغلت هيئة المياه الوطنية اليوم محطة التحلية الجديدة في مدينة الساحل بطاقة 300 ألف متر مكعب كل يوم"
    " وأوضح مدير المشروع المهندس سامي الفرحان أن المحطة تغطي احتياج 12 حيا سكنيا وتخدم قرابة نصف مليون نسمة"
    " وبين أن العمل في المرحلة الثانية سينطلق مطلع العام المقبل بتكلفة تبلغ 900 مليون ريال"
    " ولفت إلى أن الهيئة أهلت 140 مهندسا وفنيا من أبناء المنطقة على تشغيل المحطة وصيانتها"
    " وحث المواطنين على ترشيد الاستهلاك والإبلاغ عن أي تسرب في الشبكة عبر الرقم المجاني"
)
WIRE_FACTS = frozenset({"هيئه المياه الوطنيه", "سامي الفرحان", "الساحل"})


def test_a_rewritten_release_is_a_near_duplicate_when_it_names_the_same_facts():
    a, b = _w(WIRE), _w(REWRITE)
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    # the pair sits in the band the rewrite rule decides: the wording alone cannot
    assert dedup.exact_jaccard(a, b) < dedup.THRESHOLD
    assert dedup.REWRITE_COVERAGE <= dedup.coverage(short, long) < dedup.CONTAINMENT
    assert not dedup.verify(a, b)
    assert dedup.verify(a, b, facts_a=WIRE_FACTS, facts_b=WIRE_FACTS)
    assert dedup.verify(b, a, facts_a=WIRE_FACTS, facts_b=WIRE_FACTS)
    # most of the names shared is enough (one extra or dropped name is an edit) ...
    assert dedup.verify(a, b, facts_a=WIRE_FACTS, facts_b=WIRE_FACTS - {"الساحل"} | {"وزاره المياه"})
    # ... but a template filled with other people and places is not a reprint
    other = frozenset({"هيئه الكهرباء الاقليميه", "ماجد الخالدي", "الواحه"})
    assert not dedup.verify(a, b, facts_a=WIRE_FACTS, facts_b=other)
    # and a text without named entities cannot use the rule
    assert not dedup.verify(a, b, facts_a=frozenset(), facts_b=frozenset())


def test_fact_keys_type_a_key_by_its_first_mention_as_the_store_does():
    from marsad.document import Entity

    ents = [Entity("الساحل", "MISC", 0, 6, key="الساحل"), Entity("الساحل", "LOC", 10, 16, key="الساحل")]
    assert dedup.fact_keys(ents) == frozenset()
    assert dedup.fact_keys(ents[::-1]) == {"الساحل"}


def test_fact_keys_are_the_stored_entity_keys_of_people_places_and_organisations():
    from marsad.document import Entity

    ents = [
        Entity("لسامي الفرحان", "PERS", 0, 13, canonical="سامي الفرحان", key="سامي الفرحان"),
        Entity("الساحل", "LOC", 20, 26, canonical="الساحل"),  # no key: the store falls back the same way
        Entity("الهيئة", "ORG", 30, 36),
        Entity("الصيفية", "MISC", 40, 47, key="الصيفيه"),
    ]
    assert dedup.fact_keys(ents) == {"سامي الفرحان", "الساحل", "الهيئة"}


words = st.lists(st.sampled_from("أ ب ت ث ج ح خ د ذ ر ز س ش ص ض ط".split()), min_size=0, max_size=60)


facts = st.frozensets(st.sampled_from(["زيد", "عمرو", "الساحل", "الواحه", "الهيئه"]), max_size=4)


@settings(max_examples=150, deadline=None)
@given(words, words, facts, facts)
def test_coverage_is_a_share_and_verify_is_symmetric(a, b, fa, fb):
    c = dedup.coverage(a, b)
    assert 0.0 <= c <= 1.0
    if len(a) >= dedup.SPAN:
        assert dedup.coverage(a, a) == 1.0
        assert dedup.coverage(a, b + a + b) == 1.0
    assert dedup.verify(a, b) == dedup.verify(b, a)
    assert dedup.verify(a, b, facts_a=fa, facts_b=fb) == dedup.verify(b, a, facts_a=fb, facts_b=fa)


def test_verify_is_symmetric_for_texts_of_equal_length_in_the_rewrite_band():
    # equal length: neither is "the shorter", so the facts of both sides must be tried
    a = _w(WIRE)
    b = _w(REWRITE)
    b = (b + a)[: len(a)]
    assert len(a) == len(b)
    few, many = frozenset({"سامي الفرحان"}), WIRE_FACTS
    assert dedup.verify(a, b, facts_a=few, facts_b=many) == dedup.verify(b, a, facts_a=many, facts_b=few)
