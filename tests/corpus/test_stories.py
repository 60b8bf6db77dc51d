"""Story clustering and the per-site line statistics."""

from __future__ import annotations

from collections import defaultdict

from corpus.fictional import generate
from marsad.corpus import stories
from marsad.corpus.sitelines import MIN_SITE_ARTICLES, SiteLineStats
from marsad.document import Article, Source
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
