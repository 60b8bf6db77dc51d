"""Keyphrases: count, offsets, multi-word units, clitics, entity preference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze.keyphrases import MAX_KEYWORDS, extract
from marsad.document import Article, Entity
from marsad.pipeline import get_component
from marsad.text import normalize
from marsad.text.wordlists import STOPWORDS

try:
    from . import reference_about as reference
    from .fixtures_about import ARTICLE, TITLE, saudinewsnet_sample
except ImportError:  # tests/analyze is not a package
    import reference_about as reference
    from fixtures_about import ARTICLE, TITLE, saudinewsnet_sample


def _norms(article: Article) -> list[str]:
    return [normalize(k.text) for k in article.keywords]


def test_five_to_ten_keyphrases_with_valid_offsets() -> None:
    art = get_component("keyphrases")(Article(text=ARTICLE, title=TITLE))
    assert 5 <= len(art.keywords) <= MAX_KEYWORDS
    assert art.check_spans() == []
    for k in art.keywords:
        assert art.text[k.start : k.end] == k.text
    scores = [k.score for k in art.keywords]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_recurring_multiword_unit_is_one_keyphrase() -> None:
    art = get_component("keyphrases")(Article(text=ARTICLE, title=TITLE))
    norms = _norms(art)
    assert "وزير الخارجيه" in norms
    assert "ازمه المياه" in norms or "المياه" in norms
    # the phrase replaces its parts
    assert "الخارجيه" not in norms


def test_no_stopwords_and_no_attached_conjunction() -> None:
    art = get_component("keyphrases")(Article(text=ARTICLE))
    for k in art.keywords:
        words = normalize(k.text).split()
        assert words[0] not in STOPWORDS and words[-1] not in STOPWORDS
        # "وقال"/"وزير": a leading wa- is only kept when it is a stem letter
        assert not k.text.startswith("وال"), k.text


def test_entities_are_preferred() -> None:
    name = "سامر الحداد"
    start = ARTICLE.index(name)
    later = ARTICLE.index("الحداد", start + len(name))  # "وأضاف الحداد": the same person
    plain = extract(Article(text=ARTICLE))
    with_entity = Article(
        text=ARTICLE,
        entities=[
            Entity(name, "PERS", start, start + len(name), canonical=name, key="samer"),
            Entity("الحداد", "PERS", later, later + len("الحداد"), canonical=name, key="samer"),
        ],
    )
    preferred = extract(with_entity)
    rank = [normalize(k.text) for k in preferred]
    assert normalize(name) in rank
    before = [normalize(k.text) for k in plain]
    assert normalize(name) not in before or rank.index(normalize(name)) <= before.index(normalize(name))


def test_empty_and_wordless_text() -> None:
    assert extract(Article(text="")) == []
    assert extract(Article(text="123 456 ... !!")) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتجحدرسعفقكلمنهويةأ والفي،.؟0123\n")), max_size=300))
def test_any_text_gives_valid_spans(text: str) -> None:
    art = get_component("keyphrases")(Article(text=text))
    assert len(art.keywords) <= MAX_KEYWORDS
    assert art.check_spans() == []
    assert all(k.text.strip() == k.text and k.text for k in art.keywords)


def test_entity_names_longer_than_three_words_are_scored():
    text = "افتتح الوزير سالم بن راشد الحارثي المحطة الجديدة. وقال سالم بن راشد الحارثي إن المحطة تخدم المدينة."
    name = "سالم بن راشد الحارثي"
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    article = Article(text=text, entities=[Entity(name, "PERS", s, s + len(name), name, "PERS:" + name) for s in starts])
    article = get_component("keyphrases")(article)
    assert any(k.text == name for k in article.keywords)


def test_sentence_opening_verbs_are_not_keyphrases() -> None:
    # fictional text: every sentence opens with a topic-less verb that recurs
    text = (
        "تشهد مدينة النخيل مهرجان الربيع للكتاب. يمكن لزوار مهرجان الربيع للكتاب شراء الكتب. "
        "تشهد القاعة الكبرى ندوات الكتاب يوميا. يمكن تحميل برنامج المهرجان من الموقع. "
        "وتضم قائمة المهرجان دور نشر عربية. تضم الندوات كتابا من مدينة النخيل. "
        "يمكن للأطفال حضور ورش الرسم. وتشهد ورش الرسم إقبالا من الأطفال."
    )
    art = extract(Article(text=text))
    words = {w for k in art for w in normalize(k.text).split()}
    assert words and not words & {"تشهد", "يمكن", "تضم", "وتضم", "وتشهد"}


# -- the same results as the plain reference (tests/analyze/reference_about.py) ----------------

_WORDS = ["وزير", "الخارجية", "والخارجية", "أزمة", "المياه", "بحث", "في", "من", "سامر", "الحداد", "بريدة", "لجنة", "المياه،", "3", ".", "\n", "؟", "abc", "Zayed-Port"]


def _random_article(data) -> Article:
    words = data.draw(st.lists(st.sampled_from(_WORDS), max_size=120))
    text = " ".join(words)
    title = data.draw(st.sampled_from([None, "وزير الخارجية", "أزمة المياه في بريدة"]))
    entities = []
    for name in data.draw(st.lists(st.sampled_from(["سامر الحداد", "الحداد", "بريدة", "لجنة المياه"]), max_size=3)):
        at = text.find(name)
        if at >= 0 and (at == 0 or text[at - 1] == " ") and text[at + len(name) : at + len(name) + 1] in ("", " "):
            entities.append(Entity(name, "PERS", at, at + len(name), name, data.draw(st.sampled_from(["", "k1", "k2"]))))
    return Article(text=text, title=title, entities=entities)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_equals_the_plain_reference(data) -> None:
    article = _random_article(data)
    assert extract(article) == reference.keyphrases(article)


def test_equals_the_plain_reference_on_the_fixture() -> None:
    name = "سامر الحداد"
    start = ARTICLE.index(name)
    for article in (
        Article(text=ARTICLE),
        Article(text=ARTICLE, title=TITLE, entities=[Entity(name, "PERS", start, start + len(name), name, "samer")]),
    ):
        assert extract(article) == reference.keyphrases(article)
        assert extract(article, k=3) == reference.keyphrases(article, k=3)


def test_equals_the_plain_reference_on_real_news() -> None:
    articles = saudinewsnet_sample()
    if not articles:
        pytest.skip("../shared absent")
    for title, text in articles:
        article = Article(text=text, title=title)
        assert extract(article) == reference.keyphrases(article), title


def test_stem_ids_stay_within_the_pair_key_bits(monkeypatch) -> None:
    # Word pairs and triples are keyed by stem ids packed _STEM_BITS apart: no table may hand
    # out a stem id past 2**_STEM_BITS, however many new stems an article brings.  With the
    # limit at 2**6 stems, articles of ~40 stems each need a fresh table nearly every time;
    # the keyphrases must be those of the unlimited table (and of the plain reference).
    import random

    from marsad.analyze import keyphrases as keyphrases_mod
    from marsad.analyze import wordstats
    from marsad.errors import InputError

    rng = random.Random(5)
    letters = "ابتجدرسعفقكلمنهوي"

    def text() -> str:
        vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 6))) for _ in range(40)]
        return " ".join(rng.choice(vocab) + rng.choice(["", "", "", ".", "،"]) for _ in range(150))

    arts = [Article(text=text(), title=" ".join(text().split()[:4])) for _ in range(12)]
    expected = [extract(a) for a in arts]
    monkeypatch.setattr(wordstats, "_STEM_BITS", 6)
    monkeypatch.setattr(keyphrases_mod, "_STEM_BITS", 6)
    monkeypatch.setattr(keyphrases_mod, "_STEM_MASK", (1 << 6) - 1)
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable(16))
    monkeypatch.setattr(wordstats, "_LAST", None)
    tables = set()
    for art, want in zip(arts, expected):
        got = extract(art)
        stats = wordstats.analyse(art.text)
        tables.add(id(stats.table))
        assert len(stats.table.stems) <= 1 << 6 and int(stats.content_stems.max()) < 1 << 6
        assert got == want == reference.keyphrases(art)
    assert len(tables) > 3  # the limit was reached: fresh tables took over
    with pytest.raises(InputError, match="too large"):  # no table holds this one
        wordstats.analyse(" ".join(f"كلمة{letters[i % 17]}{letters[i // 17 % 17]}" for i in range(80)))
