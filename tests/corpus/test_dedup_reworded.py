"""The reworded route of near-duplicate verification (a release reworded by an outlet).

The texts are fictional: a municipal release (LONG) and an outlet's reworded, cut version
of it (SHORT) whose coverage in 5-term runs is between REWORDED_COVERAGE and CONTAINMENT.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpus.fictional import generate
from marsad.corpus import dedup
from marsad.document import Article, Entity, Published, Source
from marsad.store import open_store

LONG = (
    "أعلنت أمانة محافظة الوادي الأخضر اليوم افتتاح اثنتي عشرة حديقة عامة جديدة في أحياء المحافظة بتكلفة بلغت 45 مليون ريال"
    " وقال أمين المحافظة المهندس خالد الرحيلي إن الحدائق الجديدة تضم ملاعب للأطفال وممرات للمشي ومسطحات خضراء واسعة"
    " وأوضح الرحيلي أن الأمانة زرعت أكثر من ثلاثة آلاف شجرة محلية تتحمل الحرارة وتحتاج إلى كميات قليلة من المياه"
    " وأضاف أن الحدائق ستفتح أبوابها للزوار يوميا من الرابعة عصرا حتى منتصف الليل طوال أيام الأسبوع"
    " ودعا أمين المحافظة السكان إلى المحافظة على المرافق العامة والإبلاغ عن أي عبث عبر تطبيق الأمانة"
    " وتأتي هذه المشروعات ضمن خطة الأمانة لزيادة المساحات الخضراء في المحافظة خلال السنوات الخمس المقبلة"
)
SHORT = (
    "افتتحت أمانة محافظة الوادي الأخضر اثنتي عشرة حديقة عامة جديدة في أحياء المحافظة بتكلفة 45 مليون ريال"
    " وبين المهندس خالد الرحيلي أمين المحافظة أن الحدائق تضم مسطحات خضراء واسعة وممرات للمشي وملاعب للأطفال"
    " مشيرا إلى أن الأمانة زرعت أكثر من ثلاثة آلاف شجرة محلية تتحمل الحرارة وتحتاج إلى كميات قليلة من المياه"
    " وأن أبواب الحدائق تفتح للزوار يوميا من الرابعة عصرا حتى منتصف الليل"
)
NAMES = [("khalid-ruhaili", "PERS", "خالد الرحيلي"), ("wadi-akhdar", "LOC", "الوادي الأخضر")]


def _w(text: str) -> list[str]:
    return dedup.shingle_words(text)


def _facts(site="paper-a", published="2015-07-21T10:00:00", names=NAMES):
    return dedup.Facts(names, site, published)


def _band(short: str, long: str) -> float:
    return dedup.coverage(dedup.comparison_terms(_w(short)), dedup.comparison_terms(_w(long)))


def test_the_fixture_lies_in_the_reworded_band():
    cov = _band(SHORT, LONG)
    assert dedup.REWORDED_COVERAGE <= cov < dedup.CONTAINMENT
    assert dedup.exact_jaccard(_w(SHORT), _w(LONG)) < dedup.THRESHOLD


def test_a_reworded_reprint_is_linked_with_both_articles_facts_only():
    a, b = _w(SHORT), _w(LONG)
    assert not dedup.verify(a, b)  # the containment rule alone misses it
    fa, fb = _facts("paper-a"), _facts("paper-b", "2015-07-21T18:00:00")
    assert dedup.verify(a, b, facts_a=fa, facts_b=fb)
    assert dedup.verify(b, a, facts_a=fb, facts_b=fa)  # either order
    assert not dedup.verify(a, b, facts_a=fa)  # one side's facts are not enough
    assert not dedup.verify(a, b, facts_a=fa, facts_b=fb, reworded=2.0)  # the route switched off


def test_a_template_naming_another_person_is_not():
    other = SHORT.replace("خالد الرحيلي", "سامي العتيبي")
    names = [("sami-otaibi", "PERS", "سامي العتيبي"), ("wadi-akhdar", "LOC", "الوادي الأخضر")]
    assert _band(other, LONG) >= dedup.REWORDED_COVERAGE
    assert not dedup.verify(_w(other), _w(LONG), facts_a=_facts(names=names), facts_b=_facts("paper-b"))


def test_names_agree_by_their_terms_when_the_longer_text_has_no_such_key():
    # the tagger missed the engineer in the longer text (or keyed another spelling)
    long_facts = _facts("paper-b", names=[("wadi-akhdar", "LOC", "الوادي الأخضر")])
    assert dedup.verify(_w(SHORT), _w(LONG), facts_a=_facts(), facts_b=long_facts)


def test_a_shorter_text_that_names_nothing_is_not_linked_by_the_route():
    assert not dedup.verify(_w(SHORT), _w(LONG), facts_a=_facts(names=[]), facts_b=_facts("paper-b"))


@pytest.mark.parametrize(
    "long_site, long_time, linked",
    [
        ("paper-a", "2015-07-21T18:00:00", False),  # one outlet's own follow-up
        ("paper-b", "2015-07-24T10:00:00", False),  # three days later: another meeting, a later stage
        ("paper-b", "2015-07-22T20:00:00", True),  # the next day's print edition
        (None, None, True),  # unknown outlet and time refuse nothing
    ],
)
def test_outlet_and_time_guards(long_site, long_time, linked):
    got = dedup.verify(_w(SHORT), _w(LONG), facts_a=_facts("paper-a"), facts_b=_facts(long_site, long_time))
    assert got is linked


# SHORT with one more of the release's sentences kept as it is (more coverage, to spare)
SHORT_PLUS = SHORT + " ودعا أمين المحافظة السكان إلى المحافظة على المرافق العامة"


def test_a_shorter_text_with_other_numbers_is_not(monkeypatch):
    # one number in common keeps the containment rule's number test happy; two of the
    # three missing from the longer text refuse the reworded route
    other = SHORT_PLUS.replace("وأن أبواب الحدائق", "وأن أبواب الحدائق الـ 14 التي بدأ العمل فيها عام 2013")
    assert _band(other, LONG) >= dedup.REWORDED_COVERAGE
    args = dict(facts_a=_facts(), facts_b=_facts("paper-b"))
    assert not dedup.verify(_w(other), _w(LONG), **args)
    monkeypatch.setattr(dedup, "REWORDED_MISSING_NUMBERS", 2)
    assert dedup.verify(_w(other), _w(LONG), **args)  # so the number guard is what refused it


OWN_CONTENT = " وفي سياق منفصل شهد مهرجان الصيف إقبالا كبيرا من العائلات التي حضرت عروض المسرح"
MORE_OWN_CONTENT = (" والسيرك وسط أجواء احتفالية مميزة وأعلنت اللجنة المنظمة تمديد المهرجان أسبوعا إضافيا"
                    " استجابة لطلبات الجمهور")


def test_a_shorter_text_with_its_own_other_content_is_not(monkeypatch):
    # it shares the release's sentences but reports more of its own (four tenths of its
    # chunks): not a rewording, by its vocabulary nor by its words in place
    own = SHORT + OWN_CONTENT + MORE_OWN_CONTENT
    assert len(_w(own)) < len(_w(LONG))
    args = dict(facts_a=_facts(), facts_b=_facts("paper-b"))
    assert not dedup.verify(_w(own), _w(LONG), **args)
    monkeypatch.setattr(dedup, "LOCAL_COVERAGE", 0.55)
    assert dedup.verify(_w(own), _w(LONG), **args)  # so the local test is what refused it


def test_one_sentence_of_its_own_is_a_paragraph_added(monkeypatch):
    # one added sentence of nine chunks: too many new words for the vocabulary test, but the
    # release's words stand where the release has them in the rest, as in a reprint that
    # adds a paragraph
    own = SHORT_PLUS + OWN_CONTENT
    assert _band(own, LONG) >= dedup.REWORDED_COVERAGE
    args = dict(facts_a=_facts(), facts_b=_facts("paper-b"))
    assert dedup.verify(_w(own), _w(LONG), **args)
    monkeypatch.setattr(dedup, "LOCAL_COVERAGE", 0.8)
    assert not dedup.verify(_w(own), _w(LONG), **args)  # the vocabulary test alone refuses it
    monkeypatch.setattr(dedup, "REWORDED_VOCABULARY", 0.7)
    assert dedup.verify(_w(own), _w(LONG), **args)


# the release condensed and reworded in place: its sentences merged, words moved within them
CONDENSED = (
    "افتتحت أمانة الوادي الأخضر اثنتي عشرة حديقة جديدة بتكلفة 45 مليون ريال في أحياء المحافظة"
    " تضم بحسب أمين المحافظة خالد الرحيلي ملاعب أطفال وممرات مشي ومسطحات واسعة خضراء"
    " وزرعت الأمانة أكثر من ثلاثة آلاف شجرة محلية قليلة المياه تتحمل الحرارة"
    " وتفتح الحدائق للزوار يوميا من الرابعة عصرا حتى منتصف الليل"
)


def test_a_release_condensed_in_place_is_linked_below_the_run_coverage():
    short, long = dedup.comparison_terms(_w(CONDENSED)), dedup.comparison_terms(_w(LONG))
    assert dedup.coverage(short, long) < dedup.REWORDED_COVERAGE  # the runs are broken
    assert dedup.local_coverage(short, long) >= dedup.LOCAL_COVERAGE
    fa, fb = _facts("paper-a"), _facts("paper-b", "2015-07-21T18:00:00")
    assert dedup.verify(_w(CONDENSED), _w(LONG), facts_a=fa, facts_b=fb)
    assert not dedup.verify(_w(CONDENSED), _w(LONG))  # only with both articles' facts
    assert not dedup.verify(_w(CONDENSED), _w(LONG), facts_a=fa, facts_b=_facts("paper-a"))  # one outlet
    # the same words spread over another text: each chunk's words are apart there
    spread = " ".join(f"{w} سيارة مطار قطار مدرسة جامعة سوق ملعب مسجد شارع بحر جبل" for w in CONDENSED.split())
    assert dedup.local_coverage(short, dedup.comparison_terms(_w(spread))) < dedup.LOCAL_COVERAGE


@given(st.lists(st.sampled_from("أ ب ت ث ج ح خ د ذ ر".split()), max_size=60),
       st.lists(st.sampled_from("أ ب ت ث ج ح خ د ذ ر".split()), max_size=60))
def test_local_coverage_is_a_share_and_full_for_a_text_in_itself(a, b):
    assert 0.0 <= dedup.local_coverage(a, b) <= 1.0
    if len(set(a[: dedup.LOCAL_CHUNK])) >= 3:
        assert dedup.local_coverage(a, a) == 1.0
        assert dedup.local_coverage(a, b + a) == 1.0


def test_entities_are_read_only_when_the_route_needs_them():
    calls = []

    def names():
        calls.append(1)
        return NAMES

    lazy = dedup.Facts(names, "paper-a", None)
    assert dedup.verify(_w(LONG), _w(LONG), facts_a=lazy, facts_b=lazy)  # identical: Jaccard decides
    assert not calls
    assert dedup.verify(_w(SHORT), _w(LONG), facts_a=lazy, facts_b=_facts("paper-b"))
    assert calls


# the release and its rewording (which the route links), then fictional articles of other events
TEXTS = [LONG, SHORT] + [a.content for a in generate(16, seed=7)]
pick = st.integers(0, len(TEXTS) - 1)
entity_lists = st.one_of(
    st.just(NAMES),
    st.lists(st.tuples(st.sampled_from(["k1", "k2", "k3"]), st.sampled_from(["PERS", "LOC", "ORG", "MISC"]),
                       st.sampled_from(["خالد الرحيلي", "الوادي الأخضر", "نادي الشباب"])), max_size=4),
)


@settings(max_examples=60, deadline=None)
@example(1, 0, NAMES, NAMES, "a", "b", "2015-07-21T12:00:00")  # the rewording and its release, linked by the route alone
@example(0, 1, NAMES, NAMES, "b", "a", "2015-07-21T12:00:00")
@example(0, 1, NAMES, NAMES, "a", "a", "2015-07-25T12:00:00")  # one outlet, four days apart
@given(pick, pick, entity_lists, entity_lists, st.sampled_from(["a", "b", None]), st.sampled_from(["a", "b", None]),
       st.sampled_from(["2015-07-21T12:00:00", "2015-07-25T12:00:00", None]))
def test_facts_only_add_links(i, j, ea, eb, sa, sb, published_b):
    """The reworded route can only link more pairs: with any facts, a pair the plain rule
    links stays linked unless it is one template filled with other names, or one outlet's
    two texts days apart below the raised Jaccard; and the decision does not depend on the
    argument order."""
    a, b = _w(TEXTS[i]), _w(TEXTS[j])
    fa, fb = dedup.Facts(ea, sa, "2015-07-21T10:00:00"), dedup.Facts(eb, sb, published_b)
    with_facts = dedup.verify(a, b, facts_a=fa, facts_b=fb)
    if dedup.verify(a, b) and not with_facts:
        ca, cb = dedup.comparison_terms(a), dedup.comparison_terms(b)
        assert (dedup._names_substituted(fa, fb, tuple(ca), tuple(cb)) or dedup._names_substituted(fb, fa, tuple(cb), tuple(ca))
                or (dedup._same_outlet_later(fa, fb) and dedup.exact_jaccard(ca, cb) < dedup.SAME_OUTLET_LATER_JACCARD))
    assert with_facts == dedup.verify(b, a, facts_a=fb, facts_b=fa)


def _article(text: str, url: str, site: str, day: str, names) -> Article:
    ents = []
    for key, typ, name in names:
        pos = text.find(name)
        ents.append(Entity(name, typ, pos, pos + len(name), name, key))
    art = Article(text=text, title=text[:40], source=Source(url=url, site=site), published=Published(day, "metadata"))
    art.entities = ents
    return art


@pytest.mark.parametrize("site, linked", [("paper-b", True), ("paper-a", False)])
def test_the_archive_links_a_reworded_reprint_from_another_outlet(tmp_path, site, linked):
    """The writer passes each article's facts (entities, outlet, date) to verify: another
    outlet's rewording is linked, the first outlet's own (a follow-up) is not."""
    with open_store(tmp_path / "a.db") as store:
        first = store.add_articles([_article(LONG, "https://a.example/1", "paper-a", "2015-07-21", NAMES)])[0]
        out = store.add_articles([_article(SHORT, f"https://{site}.example/2", site, "2015-07-22", NAMES)])[0]
        assert out.status == "stored"
        assert out.near_duplicate_of == (first.id if linked else None)


def test_a_name_agrees_with_one_term_of_three_missing_but_not_of_two():
    # a reprint drops a middle name (خالد بن سعيد الرحيلي -> خالد الرحيلي); a two-term name
    # missing one term is another person (another family or another first name)
    long = tuple(dedup.comparison_terms(_w(LONG)))
    three = [("k", "PERS", "خالد بن سعيد الرحيلي")]
    assert len(dedup._name_terms("خالد بن سعيد الرحيلي")) == 3
    assert dedup._names_agree(three, [], long)
    assert not dedup._names_agree([("k", "PERS", "سامي الرحيلي")], [], long)
    assert not dedup._names_agree([("k", "PERS", "خالد بن سعيد الشمري")], [], long)  # two of three missing
    # so a rewording that gives the engineer's full name is still linked
    full = SHORT.replace("المهندس خالد الرحيلي", "المهندس خالد بن سعيد الرحيلي")
    fa = _facts(names=[("khalid-saeed-ruhaili", "PERS", "خالد بن سعيد الرحيلي"), NAMES[1]])
    assert dedup.verify(_w(full), _w(LONG), facts_a=fa, facts_b=_facts("paper-b"))


def test_local_coverage_is_bounded_on_a_hostile_pair():
    # terms the longer text repeats more than LOCAL_MAX_OCCURRENCES times place nothing
    chunk = [f"t{k}" for k in range(8)]
    crowded = chunk * (dedup.LOCAL_MAX_OCCURRENCES + 1)
    assert dedup.local_coverage(chunk * 4, crowded) == 0.0
    assert dedup.local_coverage(chunk * 4, chunk * dedup.LOCAL_MAX_OCCURRENCES) == 1.0
    # the most work left: every chunk's terms present as often as allowed, never close together
    spread = []
    for r in range(dedup.LOCAL_MAX_OCCURRENCES):
        for t in chunk:
            spread += [t] + [f"filler{r}_{t}_{j}" for j in range(dedup.LOCAL_WINDOW)]
    short = chunk * (dedup.LOCAL_MAX_TERMS // len(chunk) + 100)  # beyond the cap too
    started = time.process_time()
    assert dedup.local_coverage(short, spread) == 0.0
    assert time.process_time() - started < 10  # about 0.3 s: the bounded work stays bounded
    # the hostile pair the bounds are for: each term far more often, never close together
    # (about 4 s without the occurrence bound, 0.01 s with it)
    hostile = []
    for r in range(1000):
        for t in chunk:
            hostile += [t] + [f"filler{r}_{t}_{j}" for j in range(dedup.LOCAL_WINDOW)]
    started = time.process_time()
    assert dedup.local_coverage(short, hostile) == 0.0
    assert time.process_time() - started < 1


def test_a_name_starting_with_ali_is_three_words_though_ali_is_no_term():
    # «علي» (Ali) folds to على ("on"), a function word the analyser drops: the name still has
    # three words, so a reprint that misspells one of the others still names him
    assert dedup._name_terms("علي بن سعيد الرحيلي") == dedup._name_terms("سعيد الرحيلي")
    assert dedup._name_words("علي بن سعيد الرحيلي") == 3 and dedup._name_words("علي الرحيلي") == 2
    long = tuple(dedup.comparison_terms(_w(LONG.replace("المهندس خالد الرحيلي", "المهندس علي سعيدال الرحيلي"))))
    assert dedup._names_agree([("k", "PERS", "علي بن سعيد الرحيلي")], [], long)
    assert not dedup._names_agree([("k", "PERS", "علي بن سعيد الشمري")], [], long)  # two of three missing
    assert not dedup._names_agree([("k", "PERS", "علي الشمري")], [], long)


# SHORT with the release's spelled-out numbers in digits (twelve parks, three thousand trees)
SHORT_DIGITS = SHORT.replace("اثنتي عشرة حديقة", "12 حديقة").replace("ثلاثة آلاف شجرة", "3000 شجرة")


def test_numbers_the_longer_text_spells_out_are_its_numbers():
    a, b = _w(SHORT_DIGITS), _w(LONG)
    assert dedup.local_coverage(dedup.comparison_terms(a), dedup.comparison_terms(b)) >= dedup.LOCAL_COVERAGE
    # two of the shorter text's three numbers are not in the longer one in digits
    assert not dedup.verify(a, b, facts_a=_facts(), facts_b=_facts("paper-b"))
    # they are in words: with the longer text (or a function that reads it) the route links them
    assert dedup.verify(a, b, facts_a=_facts(), facts_b=dedup.Facts(NAMES, "paper-b", "2015-07-21T10:00:00", LONG))
    lazy = dedup.Facts(NAMES, "paper-b", "2015-07-21T10:00:00", lambda: LONG)
    assert dedup.verify(a, b, facts_a=_facts(), facts_b=lazy)
    # a shorter text's spelled numbers do not count as numbers the longer must have
    no_count = LONG.replace("اثنتي عشرة حديقة", "حدائق")
    assert dedup.verify(_w(SHORT), _w(no_count), facts_a=_facts(), facts_b=_facts("paper-b"))


# LONG without its one number in digits, and its first three sentences with a date added
LONG_NO_DIGITS = LONG.replace(" بتكلفة بلغت 45 مليون ريال", "")
CUT_DATED = " ".join(LONG_NO_DIGITS.split()[:45]) + " وذلك يوم الأحد الموافق 8 / 10 / 1436"


def test_a_longer_text_without_numbers_dropped_the_shorter_text_s_date():
    a = _w(CUT_DATED)
    assert dedup.coverage(dedup.comparison_terms(a), dedup.comparison_terms(_w(LONG_NO_DIGITS))) >= dedup.CONTAINMENT
    assert dedup.verify(a, _w(LONG_NO_DIGITS))
    # a longer text with another date is the same template for another day
    assert not dedup.verify(a, _w(LONG_NO_DIGITS + " وذلك يوم الاثنين الموافق 9 / 11 / 1437"))


def test_the_archive_reads_a_stored_text_s_spelled_numbers(tmp_path):
    # the stored release spells its counts out; the new reprint gives them in digits
    with open_store(tmp_path / "a.db") as store:
        first = store.add_articles([_article(LONG, "https://a.example/1", "paper-a", "2015-07-21", NAMES)])[0]
        out = store.add_articles([_article(SHORT_DIGITS, "https://b.example/2", "paper-b", "2015-07-22", NAMES)])[0]
        assert out.near_duplicate_of == first.id
