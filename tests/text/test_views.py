"""The shared per-text cache: one normalisation for every analyser of an article."""

from __future__ import annotations

from functools import cached_property

import pytest

from marsad.analyze import quotes as quotes_module
from marsad.analyze import times as times_module
from marsad.document import Article
from marsad.text import normalize_with_offsets, split_sentences
from marsad.text import views

# fictional sentences
TEXT = "وقال الوزير أمس إن الوفد سيصل بعد يومين. وأضافت الرئاسة في بيان: «القمة ستعقد في موعدها»."


@pytest.fixture
def counted(monkeypatch):
    """Count calls of the text-core functions the views wrap."""
    calls = {"normalize": 0, "split": 0}

    def norm(text, *args, **kwargs):
        calls["normalize"] += 1
        return normalize_with_offsets(text, *args, **kwargs)

    def split(text, *args, **kwargs):
        calls["split"] += 1
        return split_sentences(text, *args, **kwargs)

    # the analysers too, so one that normalised on its own again would be counted
    for module in (views, quotes_module, times_module):
        monkeypatch.setattr(module, "normalize_with_offsets", norm, raising=False)
        monkeypatch.setattr(module, "split_sentences", split, raising=False)
    views.clear_views()
    yield calls
    views.clear_views()


def test_views_match_the_text_core():
    views.clear_views()
    view = views.text_view(TEXT)
    assert view.normalized == normalize_with_offsets(TEXT)
    assert view.normalized_sentences == split_sentences(normalize_with_offsets(TEXT).text)
    assert view.sentences == split_sentences(TEXT)


def test_quotes_and_times_normalise_an_article_once(counted):
    article = Article(text=TEXT, reference_date="2023-05-09")
    quotes_module.quotes(article)
    assert counted["normalize"] == 1
    times_module.times(article)
    assert counted["normalize"] == 1  # times reused the view quotes built
    assert article.quotes and article.times
    quotes_module.quotes(article)
    assert counted == {"normalize": 1, "split": 1}


def test_equal_text_in_another_object_shares_the_view(counted):
    copy = "".join(list(TEXT))
    assert copy is not TEXT
    assert views.text_view(copy) is views.text_view(TEXT)
    views.text_view(copy).normalized
    views.text_view(TEXT).normalized
    assert counted["normalize"] == 1


def test_changed_text_gets_a_new_view(counted):
    article = Article(text=TEXT, reference_date="2023-05-09")
    times_module.times(article)
    first = article.times
    article.text = TEXT.replace("أمس", "اليوم")
    times_module.times(article)
    assert counted["normalize"] == 2
    assert [t.text for t in first] != [t.text for t in article.times]
    assert all(t.text == article.text[t.start : t.end] for t in article.times)


def test_least_recently_used_view_is_dropped(counted):
    texts = [f"{TEXT} {i}" for i in range(views.CACHE_SIZE + 1)]
    first = views.text_view(texts[0])
    for t in texts[1:]:
        views.text_view(t)
    assert views.text_view(texts[0]) is not first  # evicted
    keep = views.text_view(texts[2])
    views.text_view("نص آخر")
    assert views.text_view(texts[2]) is keep  # recently used, still cached


def test_word_set_splits_at_punctuation():
    views.clear_views()
    words = views.text_view("قال: «القمة في موعدها» (غدا)، 2023/05.").normalized_word_set
    assert words == {"قال", "القمه", "في", "موعدها", "غدا", "2023", "05"}


def test_quotes_and_times_share_the_word_set(monkeypatch):
    computed = []
    build = views.TextView.normalized_word_set.func

    def counting(self):
        computed.append(self.text)
        return build(self)

    prop = cached_property(counting)
    prop.__set_name__(views.TextView, "normalized_word_set")
    monkeypatch.setattr(views.TextView, "normalized_word_set", prop)
    views.clear_views()
    article = Article(text=TEXT, reference_date="2023-05-09")
    quotes_module.quotes(article)
    assert computed == [TEXT]  # the cue scan built it
    times_module.times(article)
    assert computed == [TEXT]  # the trigger scan reused it
    assert article.quotes and article.times
    views.clear_views()
