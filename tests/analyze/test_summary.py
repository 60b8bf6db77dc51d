"""Extractive summary: length, order, offsets, headings, redundancy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze.summary import summarize, summary_length
from marsad.document import Article, Block
from marsad.pipeline import get_component
from marsad.text import split_sentences

try:
    from .fixtures_about import ARTICLE
except ImportError:  # tests/analyze is not a package
    from fixtures_about import ARTICLE


def test_summary_is_sentences_of_the_article_in_order() -> None:
    art = get_component("summary")(Article(text=ARTICLE))
    sentences = {(s.start, s.end) for s in split_sentences(ARTICLE)}
    assert len(art.summary) == summary_length(len(sentences)) == 2
    assert art.check_spans() == []
    assert all((s.start, s.end) in sentences for s in art.summary)
    assert [s.start for s in art.summary] == sorted(s.start for s in art.summary)


def test_lead_sentence_is_picked() -> None:
    art = get_component("summary")(Article(text=ARTICLE))
    assert art.summary[0].start == 0


def test_short_text_gives_one_sentence() -> None:
    text = "افتتح المجلس البلدي حديقة عامة جديدة في وسط المدينة. وحضر الافتتاح عدد كبير من السكان."
    assert len(summarize(Article(text=text))) == 1


def test_headings_are_never_picked() -> None:
    heading = "أزمة المياه وزير الخارجية المياه الأنهار"
    text = heading + "\n" + ARTICLE
    art = Article(text=text, blocks=[Block("heading", heading, 0, len(heading))])
    assert all(s.start > len(heading) for s in summarize(art))


def test_repeated_sentence_is_not_picked_twice() -> None:
    first = split_sentences(ARTICLE)[0].text
    text = ARTICLE + first + "\n" + first
    picked = [s.text for s in summarize(Article(text=text), n=3)]
    assert picked.count(first) == 1


def test_empty() -> None:
    assert summarize(Article(text="")) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتجحدرسعفقكلمنهويةأ والفي،.؟!0123\n")), max_size=400))
def test_any_text_gives_valid_spans(text: str) -> None:
    art = get_component("summary")(Article(text=text))
    assert len(art.summary) <= 3
    assert art.check_spans() == []
    if split_sentences(text):
        assert art.summary
