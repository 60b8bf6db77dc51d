"""Story clustering and the per-site line statistics."""

from __future__ import annotations

import random
from collections import defaultdict

from corpus.fictional import generate
from marsad.corpus import stories
from marsad.corpus.sitelines import MIN_SITE_ARTICLES, SiteLineStats
from marsad.document import Article, Published, Source
from marsad.store import open_store


def test_stories_group_events_across_outlets_and_never_mix(tmp_path):
    corpus = generate(30, seed=21)
    with open_store(tmp_path / "s.db") as store:
        outcomes = store.add_articles([a.article() for a in corpus])
        touched = stories.cluster_new(store)
        assert touched > 0
        story_events, event_stories = defaultdict(set), defaultdict(set)
        for art, out in zip(corpus, outcomes):
            sid = store.get_summary(out.id).story_id
            story_events[sid].add(art.event)
            event_stories[art.event].add(sid)
        assert all(len(v) == 1 for v in story_events.values()), "a story mixes two events"
        split = sum(len(v) > 1 for v in event_stories.values())
        assert split <= 2, f"{split} events split over several stories"
        # incremental: a later version of event 0 joins its story
        late = generate(30, seed=21)[0]
        late.url += "/late"
        late.content = late.content.replace("\n", "\nوقد أثار الإعلان اهتماما واسعا.\n", 1)
        out = store.add_articles([late.article()])[0]
        stories.cluster_new(store)
        first = store.get_summary(outcomes[0].id).story_id
        assert store.get_summary(out.id).story_id == first


def test_site_line_stats_share_and_threshold():
    st = SiteLineStats()
    for i in range(MIN_SITE_ARTICLES):
        st.add(Article(raw=f"خبر رقم {i} عن موضوع مختلف\nجميع الحقوق محفوظة لصحيفة المثال", source=Source(site="s")))
    st.add(Article(raw="سطر\nجميع الحقوق محفوظة لصحيفة المثال", source=Source(site="tiny")))
    pruned = st.prune()
    from marsad.clean.cleaner import line_key

    key = line_key("جميع الحقوق محفوظة لصحيفة المثال")
    assert pruned.share("s", key) == 1.0
    assert pruned.share("s", line_key("خبر رقم 3 عن موضوع مختلف")) == 0.0
    assert pruned.share("tiny", key) == 0.0  # too few articles to say


def test_one_transaction_per_batch_clusters_like_one_per_article(tmp_path):
    """Inside story_batch() each assignment must already be visible to the next article's
    candidate query: batching the commits may not change a single story."""
    corpus = generate(24, seed=8)
    partitions = []
    for batch in (1, 500):
        with open_store(tmp_path / f"b{batch}.db") as store:
            outcomes = store.add_articles([a.article() for a in corpus])
            stories.cluster_new(store, batch=batch)
            groups = defaultdict(set)
            for out in outcomes:
                if out.status == "stored":
                    groups[store.get_summary(out.id).story_id].add(out.id)
            partitions.append(sorted(sorted(g) for g in groups.values()))
    assert partitions[0] == partitions[1]
    assert any(len(g) > 1 for g in partitions[1])


def test_story_candidates_stay_inside_the_window(tmp_path):
    corpus = generate(30, seed=21)
    with open_store(tmp_path / "w.db") as store:
        store.add_articles([a.article() for a in corpus])
        stories.cluster_new(store)
        item = store.unclustered(1) or [store.story_input(store.latest(1)[0].id)]
        item = item[0]
        for lo, hi in (("2031-03-03", "2031-03-05"), ("2031-04-01", "2031-04-03")):
            got = store.story_candidates(item, lo, hi, 50)
            assert all(lo <= c.day <= hi for c in got)
            if lo.startswith("2031-04"):
                assert got == []


def test_a_story_does_not_drift_through_one_member(tmp_path):
    """B is close to A and to C, C is not close to A: C must not join A's story through B."""
    a_words = "افتتاح مستشفى الأطفال الجديد في مدينة الواحة بسعة مئتي سرير وتجهيزات حديثة للعناية المركزة"
    c_words = "انطلاق بطولة الشطرنج المدرسية في ملعب الواحة بمشاركة ثلاثين فريقا من مدارس المنطقة الشرقية"
    base = generate(6, seed=2)
    with open_store(tmp_path / "d.db") as store:
        store.add_articles([x.article() for x in base])
        mk = lambda t, u: Article(text=t, title="", source=Source(url=u, site=u.split("/")[2]),  # noqa: E731
                                  published=Published("2031-03-02", "metadata"))
        a, b, c = store.add_articles([
            mk(f"{a_words}. {a_words}.", "https://a.example/1"),
            mk(f"{a_words}. {c_words}.", "https://b.example/1"),
            # C's sentence is B's second: with a short tail C would be B's near-duplicate (its text
            # inside B's, both ways round within NEAR_EQUAL_LENGTH), a link, not a drift
            mk(f"{c_words}. {c_words}. وحضر الحفل عدد من أولياء الأمور والمعلمين ومديري المدارس وسط أجواء تنافسية.",
               "https://c.example/1"),
        ])
        stories.cluster_new(store)
        sa, sb, sc = (store.get_summary(o.id).story_id for o in (a, b, c))
        sim = stories.Similarity(store)
        sim.load(None)
        ia, ib, ic = (store.story_input(o.id) for o in (a, b, c))
        assert sim(ia, ib) >= stories.THRESHOLD and sim(ib, ic) >= stories.THRESHOLD
        assert sim(ia, ic) < stories.SEED_THRESHOLD
        assert c.near_duplicate_of is None
        assert sa == sb and sc != sa


def test_similarity_keeps_the_cosine_scale_when_entities_count(tmp_path):
    """The entity overlap is averaged in, not added: identical articles score 1 with or
    without entities, and without entities on either side the score is the cosine."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from marsad.store.base import StoryInput

    with open_store(tmp_path / "sim.db") as store:
        sim = stories.Similarity(store)
        words = st.sampled_from(["مطار", "رحلات", "الرياض", "وزير", "اجتماع", "مياه", "محطة", "تحلية"])
        terms = st.dictionaries(words, st.integers(1, 5), min_size=1, max_size=6)
        keys = st.sets(st.sampled_from(["زيد", "عمرو", "الساحل", "الهيئه"]), max_size=3)
        n = iter(range(10**6))

        def item(t: dict[str, int], e: set[str]) -> StoryInput:
            return StoryInput(id=str(next(n)), day="2031-01-01", terms=t, entities=e)

        same = {"مطار": 2, "رحلات": 1}
        assert abs(sim(item(same, {"زيد"}), item(same, {"زيد"})) - 1.0) < 1e-9
        assert abs(sim(item(same, set()), item(same, set())) - 1.0) < 1e-9

        @settings(max_examples=80, deadline=None)
        @given(terms, terms, keys, keys)
        def check(ta, tb, ea, eb):
            cos = sim(item(ta, set()), item(tb, set()))
            s = sim(item(ta, ea), item(tb, eb))
            assert -1e-9 <= s <= 1.0 + 1e-9
            if not (ea and eb):
                assert abs(s - cos) < 1e-9
            else:
                jac = len(ea & eb) / len(ea | eb)
                assert abs(s - (cos + stories.ENTITY_WEIGHT * jac) / (1 + stories.ENTITY_WEIGHT)) < 1e-9

        check()


def test_counted_frequencies_equal_the_index(tmp_path):
    """An ingest run keeps one Similarity current by counting each stored article's terms;
    the counts must be the index's own document frequencies (same split, same total)."""
    from marsad.corpus.prepare import prepare

    corpus = generate(24, seed=13)
    with open_store(tmp_path / "f.db") as store:
        kept = stories.Similarity(store)
        kept.load(None)
        assert (kept.total, kept.df) == (0, {})
        items = [prepare(a.article()) for a in corpus]
        # numbers with a decimal point and Latin words are split by the index, not by spaces
        items[0].body_terms += " 3.5 covid-19 abc_def"
        for item, out in zip(items, store.add_items(items)):
            if out.status == "stored":
                kept.count(item.title_terms, item.body_terms)
        fresh = stories.Similarity(store)
        fresh.load(None)
        assert kept.total == fresh.total == store.stats().articles
        assert kept.df == fresh.df
        assert {"3", "5", "covid", "19", "abc", "def"} <= set(fresh.df)


def test_a_daily_series_of_one_template_is_not_one_story(tmp_path, monkeypatch):
    """The same forecast, one a day for a week: each day is close to the last, and to the first,
    yet a story ends MAX_SPAN_DAYS after its first article (the sliding window alone kept all
    seven in one story, as the check with the guard switched off shows)."""
    forecast = ("توقعت الرئاسة العامة للأرصاد هطول أمطار رعدية على مرتفعات عسير وجازان والباحة "
                "مع رياح نشطة مثيرة للأتربة والغبار على أجزاء من منطقة الرياض والمنطقة الشرقية "
                "ودعت الجهات المختصة إلى أخذ الحيطة والحذر وعدم الاقتراب من مجاري السيول").split()
    chunks = [" ".join(forecast[i : i + 3]) for i in range(0, len(forecast), 3)]
    days = [f"2031-03-{d:02d}" for d in range(2, 9)]

    def day_text(i: int) -> str:
        # the forecast's words in another order each day: as close as a reworded forecast, and
        # no near-duplicate of another day's (a near-duplicate joins its original's story
        # however long ago that began)
        order = chunks[:]
        random.Random(i).shuffle(order)
        return "، ".join(order) + "."

    def run(name: str) -> list[int]:
        with open_store(tmp_path / name) as store:
            store.add_articles([x.article() for x in generate(6, seed=2)])
            outs = store.add_articles([
                Article(text=day_text(i), title="", source=Source(url=f"https://w{i % 2}.example/{i}", site=f"w{i % 2}.example"),
                        published=Published(day, "metadata"))
                for i, day in enumerate(days)
            ])
            assert not any(store.story_input(o.id).near_duplicate_of for o in outs)
            stories.cluster_new(store)
            return [store.get_summary(o.id).story_id for o in outs]

    got = run("span.db")
    first = stories.MAX_SPAN_DAYS + 1  # the days within the span of the first day
    assert len(set(got[:first])) == 1, "the first days of the series are one running story"
    assert got[first] != got[0], "a day past the span starts a story of its own"
    monkeypatch.setattr(stories, "MAX_SPAN_DAYS", 99)
    assert len(set(run("nospan.db"))) == 1  # without the guard the window chains all seven


def test_a_near_duplicate_past_the_span_does_not_join_the_old_story(tmp_path, monkeypatch):
    """The first day's text reprinted a week later is a near-duplicate of it, but no part of
    its story (the weather service's forecast, nearly the same every day)."""
    text = generate(6, seed=2)[0].content

    def run(name: str) -> tuple[int, int, str | None]:
        with open_store(tmp_path / name) as store:
            store.add_articles([x.article() for x in generate(6, seed=2)[1:]])
            mk = lambda t, u, day: Article(text=t, title="", source=Source(url=u, site=u.split("/")[2]),  # noqa: E731
                                           published=Published(day, "metadata"))
            first = store.add_articles([mk(text, "https://a.example/1", "2031-03-01")])[0]
            later = store.add_articles([mk(text + "\nوالله الموفق.", "https://b.example/1", "2031-03-08")])[0]
            stories.cluster_new(store)
            return (store.get_summary(first.id).story_id, store.get_summary(later.id).story_id,
                    store.story_input(later.id).near_duplicate_of)

    first, later, original = run("span.db")
    assert original is not None, "the reprint is still recorded as a near-duplicate"
    assert later != first
    monkeypatch.setattr(stories, "MAX_SPAN_DAYS", 99)
    first, later, _ = run("nospan.db")
    assert later == first  # without the guard the reprint joins the week-old story
