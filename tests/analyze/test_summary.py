"""Extractive summary: length, order, offsets, headings, redundancy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze.summary import summarize, summary_length
from marsad.document import Article, Block, Entity, Keyword
from marsad.pipeline import get_component
from marsad.text import split_sentences

try:
    from . import reference_about as reference
    from .fixtures_about import ARTICLE, saudinewsnet_sample
except ImportError:  # tests/analyze is not a package
    import reference_about as reference
    from fixtures_about import ARTICLE, saudinewsnet_sample


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


# -- the same results as the plain reference (tests/analyze/reference_about.py) ----------------


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["وزير الخارجية بحث أزمة المياه", "في المنطقة", "وقال الحداد إن", "لجنة", "3", ".", "؟", "\n", "،"]), max_size=80),
    st.lists(st.sampled_from(["وزير الخارجية", "أزمة المياه", "الحداد", "في المنطقة"]), max_size=4),
)
def test_equals_the_plain_reference(parts: list[str], keywords: list[str]) -> None:
    text = " ".join(parts)
    article = Article(text=text, keywords=[Keyword(k, 1.0) for k in keywords])
    at = text.find("الحداد")
    if at >= 0:
        article.entities = [Entity("الحداد", "PERS", at, at + len("الحداد"))]
    assert summarize(article) == reference.summary(article)
    assert summarize(article, n=2) == reference.summary(article, n=2)


def test_equals_the_plain_reference_on_real_news() -> None:
    articles = saudinewsnet_sample()
    if not articles:
        pytest.skip("../shared absent")
    for title, text in articles:
        article = get_component("keyphrases")(Article(text=text, title=title))
        if "\n" in text:
            article.blocks = [Block("heading", text[: text.index("\n")], 0, text.index("\n"))]
        assert summarize(article) == reference.summary(article), title


def test_keyword_words_registered_into_a_full_table(monkeypatch) -> None:
    # a keyword word the article's word table has not seen, registered when the table is
    # full (it grows by replacing its columns): the summary reads the new column
    from marsad.analyze import wordstats

    text = "افتتح الوزير المدرسة الجديدة في القرية. وقال إن المدرسة تخدم أهل القرية. وحضر الحفل عدد من الأهالي."
    expected = summarize(Article(text=text, keywords=[Keyword("مكتبة المدرسة", 1.0, 0, 0)]))
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable(1))  # full after every article
    monkeypatch.setattr(wordstats, "_LAST", None)
    art = Article(text=text, keywords=[Keyword("مكتبة المدرسة", 1.0, 0, 0)])
    assert summarize(art) == expected


def test_keyword_with_a_new_stem_when_the_table_is_full(monkeypatch) -> None:
    # the article's table cannot take another stem (its stem ids must fit the pair keys):
    # a keyword word with a new stem counts as in no sentence, as it would otherwise
    from marsad.analyze import wordstats

    text = "افتتح الوزير المدرسة الجديدة في القرية. وقال إن المدرسة تخدم أهل القرية. وحضر الحفل عدد من الأهالي."
    keywords = [Keyword("مكتبة المدرسة", 1.0, 0, 0), Keyword("القرية", 0.5, 0, 0)]
    expected = summarize(Article(text=text, keywords=keywords))
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable())
    monkeypatch.setattr(wordstats, "_LAST", None)
    stats = wordstats.analyse(text)
    stats.table.max_stems = len(stats.table.stems)  # full
    assert summarize(Article(text=text, keywords=keywords)) == expected
    assert "مكتبة" not in stats.table.ids
