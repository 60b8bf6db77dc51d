"""The article renderer: escaping first, then marks from span offsets."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.document import Article, Block, Entity, TimeExpression
from marsad.serve import render
from . import fixtures

TAG = re.compile(r"<[^>]*>")


def visible_text(markup: str) -> str:
    return html.unescape(TAG.sub("", str(markup)))


def test_entities_become_typed_links_and_text_is_unchanged():
    art = fixtures.corpus()[0]
    body = render.article_body(art)
    assert [p.kind for p in body][:2] == ["heading", "paragraph"]
    para = str(body[1].html)
    assert '<a class="ent ent-PERS" data-type="PERS" href="/entities/' in para
    assert 'class="ent ent-LOC"' in para
    assert '<time class="tx" id="t0" datetime="2031-03-02"' in para
    for p in body:
        assert visible_text(p.html) == art.text[p.start : p.end]


def test_script_in_article_text_is_escaped():
    hostile = fixtures.corpus()[-1]
    out = "".join(str(p.html) for p in render.article_body(hostile))
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert visible_text(out).count("<script>") == 1


def test_overlapping_spans_keep_markup_well_nested():
    text = "زار أحمد علي مدينة الرياض اليوم"
    art = Article(text=text, blocks=[Block("paragraph", text, 0, len(text))])
    art.entities = [
        Entity("أحمد علي", "PERS", 4, 12, key="a"),
        Entity("علي مدينة", "LOC", 9, 18, key="b"),  # overlaps the first: dropped
        Entity("الرياض", "LOC", 19, 25, key="c"),
    ]
    art.times = [TimeExpression("الرياض اليوم", 19, 31, "DATE", "2031-01-01")]  # overlaps an entity: entity wins
    out = str(render.article_body(art)[0].html)
    assert out.count("<a ") == 2 and out.count("</a>") == 2
    assert "<time" not in out
    assert visible_text(out) == text


def test_search_highlights_escape_everything_else():
    out = str(render.highlight_terms("<b>انسحاب</b> القوات", [(3, 9)]))
    assert out == "&lt;b&gt;<mark>انسحاب</mark>&lt;/b&gt; القوات"


def test_timeline_orders_resolved_dates_first():
    art = fixtures.corpus()[0]
    art.times.append(TimeExpression(art.text[0:5], 0, 5, "DURATION", "P3D"))
    values = [it["value"] for it in render.timeline(art)]
    assert values == ["2031-03-02", "2031-03-15", "P3D"]


def test_quotes_panel_names_the_speaker_entity():
    items = render.quotes_panel(fixtures.corpus()[0])
    assert items[0]["speaker"] == "سالم الهاشمي"
    assert items[0]["speaker_href"].startswith("/entities/")


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab<>&\"' دلم\n", min_size=1, max_size=40), raw_spans=spans)
def test_any_text_and_spans_render_to_the_same_visible_text(text, raw_spans):
    art = Article(text=text)
    for i, (a, b) in enumerate(raw_spans):
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        art.entities.append(Entity(text[s:e], "PERS", s, e, key=f"k{i}"))
    for p in render.article_body(art):
        out = str(p.html)
        assert visible_text(out) == text[p.start : p.end]
        # Only our own tags: every "<" in the output opens an a/span/time element or closes one.
        assert all(re.match(r"</?(a|span|time)\b", m) for m in re.findall(r"<[^>]*>", out))
