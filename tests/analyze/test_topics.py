"""Topic classifier: the shipped model, the "Other" rule, and the feature normalisation."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import topics as topics_mod
from marsad.analyze import wordstats as wordstats_mod
from marsad.analyze.topics import OTHER_LABEL, OTHER_THRESHOLD, TopicModel, classify, get_model, softmax
from marsad.document import Article
from marsad.pipeline import get_component

# Fictional reports written for these tests.
SPORTS = (
    "فاز فريق النادي الأهلي على منافسه بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس على الملعب البلدي "
    "ضمن الجولة الخامسة من الدوري، وسجل المهاجم الهدف الأول في الشوط الأول قبل أن يضيف زميله الهدف الثاني "
    "من ركلة جزاء، وقال المدرب إن اللاعبين قدموا أداء كبيرا وإن الفريق يستعد للمباراة المقبلة في البطولة."
)
FINANCE = (
    "ارتفع المؤشر العام لسوق الأسهم بنسبة ١٫٢٪ في ختام تداولات الأسبوع، وبلغت قيمة التداولات ٣ مليارات ريال، "
    "وقادت أسهم البنوك وشركات البتروكيماويات الارتفاع، فيما أعلن البنك المركزي استقرار أسعار الفائدة، "
    "وتوقع المحللون أن تواصل أرباح الشركات نموها في الربع المقبل مع تحسن أسعار النفط والاستثمار."
)
MEDICAL = (
    "حذر الأطباء من انتشار مرض السكري بين الأطفال، وقالت الدراسة إن المرضى الذين يتبعون نظاما غذائيا صحيا "
    "ويمارسون الرياضة ينخفض لديهم خطر الإصابة، ونصح الأطباء بمراجعة المستشفى وإجراء الفحوص الطبية "
    "بانتظام لأن العلاج المبكر يقلل من مضاعفات المرض على القلب والكلى."
)


def test_model_ships_and_is_small() -> None:
    assert topics_mod.MODEL_PATH.is_file()
    assert topics_mod.MODEL_PATH.stat().st_size <= 10 * 1024 * 1024
    model = get_model()
    assert model.labels == ["Culture", "Finance", "Medical", "Politics", "Religion", "Sports", "Tech"]
    assert model.weights.shape == (len(model.vocabulary), len(model.labels))


@pytest.mark.parametrize("text,label", [(SPORTS, "Sports"), (FINANCE, "Finance"), (MEDICAL, "Medical")])
def test_classifies_fictional_reports(text: str, label: str) -> None:
    result = classify(text)
    assert result[0].label == label
    assert result[0].probability > OTHER_THRESHOLD


def test_probabilities_are_a_distribution() -> None:
    p = get_model().probabilities(SPORTS)
    assert p.shape == (7,)
    assert abs(p.sum() - 1) < 1e-6
    assert (p >= 0).all()


def test_digits_and_punctuation_do_not_change_the_prediction() -> None:
    # SANAD was stripped of both: the model must see real text the same way.
    stripped = "".join(ch for ch in FINANCE if ch.isalpha() or ch.isspace())
    np.testing.assert_allclose(get_model().probabilities(FINANCE), get_model().probabilities(stripped), atol=1e-6)


def test_component_fills_topics_sorted() -> None:
    art = get_component("topics")(Article(text=SPORTS, title="الأهلي يفوز في الدوري"))
    assert art.topics and art.topics[0].label == "Sports"
    probs = [t.probability for t in art.topics]
    assert probs == sorted(probs, reverse=True)
    assert json.loads(json.dumps(art.to_dict()))["topics"][0]["label"] == "Sports"


def test_too_little_text_gives_no_topic_and_a_warning() -> None:
    art = get_component("topics")(Article(text="Hello world 123"))
    assert art.topics == []
    assert any(w.startswith("topics:") for w in art.warnings)


def _toy_model() -> TopicModel:
    # Three labels; "كرة" votes A, "سوق" votes B, "طقس" votes for none of them.
    vocab = {"كره": 0, "سوق": 1, "طقس": 2}
    weights = np.array([[3.0, -3.0, -3.0], [-3.0, 3.0, -3.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    return TopicModel(["A", "B", "C"], vocab, np.ones(3, np.float32), weights, np.zeros(3, np.float32), 1.0)


def test_other_below_threshold_keeps_list_sorted() -> None:
    model = _toy_model()
    decided = classify("كرة كرة", model)
    assert decided[0].label == "A" and decided[0].probability >= OTHER_THRESHOLD
    undecided = classify("طقس طقس", model)  # no evidence: 1/3 each
    assert undecided[0].label == OTHER_LABEL
    assert undecided[0].probability == pytest.approx(2 / 3, abs=1e-3)
    assert sorted(t.label for t in undecided[1:]) == ["A", "B", "C"]
    probs = [t.probability for t in undecided]
    assert probs == sorted(probs, reverse=True)


def test_softmax_temperature() -> None:
    s = np.array([1.0, 0.0])
    assert softmax(s, 0.5)[0] > softmax(s, 1.0)[0] > softmax(s, 2.0)[0] > 0.5


def test_missing_model_is_a_clear_error(tmp_path) -> None:
    from marsad.errors import ModelError

    with pytest.raises(ModelError):
        TopicModel.load(tmp_path / "nope.npz")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآ ،.؟0123456789abc\n")), max_size=400))
def test_any_text_gives_sorted_probabilities(text: str) -> None:
    art = get_component("topics")(Article(text=text))
    probs = [t.probability for t in art.topics]
    assert probs == sorted(probs, reverse=True)
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert art.topics or art.warnings


def test_training_smoke(tmp_path) -> None:
    pytest.importorskip("sklearn")
    from marsad.training.topics import train

    path = tmp_path / "toy.jsonl"
    rows = [{"label": "Sports", "text": SPORTS}, {"label": "Finance", "text": FINANCE}, {"label": "Medical", "text": MEDICAL}]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(12):
            f.write(json.dumps(rows[i % 3], ensure_ascii=False) + "\n")
    out = tmp_path / "model.npz"
    info = train(path, out, min_df=1, log=lambda *_: None)
    assert info["labels"] == ["Finance", "Medical", "Sports"]
    model = TopicModel.load(out)
    assert classify(SPORTS, model)[0].label == "Sports"
    assert info["temperature"] > 0


def test_training_features_match_runtime_features() -> None:
    pytest.importorskip("scipy")
    from marsad.training.topics import feature_matrix
    from marsad.text import normalized_words

    model = get_model()
    docs = [normalized_words(t) for t in (SPORTS, FINANCE, MEDICAL, "")]
    matrix = feature_matrix(model, docs)
    for row, words in enumerate(docs):
        idx, values = model.features_of_words(words)
        got = matrix.getrow(row)
        np.testing.assert_array_equal(np.sort(got.indices), idx)
        np.testing.assert_allclose(got.toarray()[0, idx], values, rtol=1e-5)


def test_training_prunes_terms(tmp_path) -> None:
    pytest.importorskip("sklearn")
    from marsad.training.topics import train

    path = tmp_path / "toy.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(12):
            label, text = [("Sports", SPORTS), ("Finance", FINANCE), ("Medical", MEDICAL)][i % 3]
            f.write(json.dumps({"label": label, "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "small.npz"
    info = train(path, out, min_df=1, max_terms=40, log=lambda *_: None)
    assert info["terms"] == 40
    assert classify(FINANCE, TopicModel.load(out))[0].label == "Finance"


_PAIR_VOCAB = {"كره": 0, "سوق": 1, "كره سوق": 2, "سوق نفط": 3, "نفط كره": 4}  # نفط: only in pairs


@given(st.lists(st.sampled_from(["كره", "سوق", "نفط", "طقس", "ماء"]), max_size=30))
@settings(max_examples=200, deadline=None)
def test_pair_lookup_by_number_matches_string_pairs(words: list[str]) -> None:
    # the runtime finds word pairs by number; the training defines them as "a b" strings
    n = len(_PAIR_VOCAB)
    model = TopicModel(["A", "B"], _PAIR_VOCAB, np.arange(1, n + 1, dtype=np.float32), np.ones((n, 2), np.float32), np.zeros(2, np.float32), 1.0)
    terms = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    ids = sorted(_PAIR_VOCAB[t] for t in terms if t in _PAIR_VOCAB)
    idx, values = model.features_of_words(words)
    assert idx.tolist() == sorted(set(ids))
    if ids:
        counts = np.array([ids.count(i) for i in sorted(set(ids))], dtype=np.float32)
        expected = (1.0 + np.log(counts)) * model.idf[idx]
        np.testing.assert_allclose(values, expected / np.linalg.norm(expected), rtol=1e-6)


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ابتدرسعلمنهويىةأ \u064e\u0651\u0640\u200c\u200fabΣİ۳3.،؛«»\n")), max_size=300),
    st.sampled_from(["", "عنوان الخبر", "ملعب"]),
)
def test_component_features_are_the_classifier_features(text: str, title: str) -> None:
    # the component takes its words from the shared keyphrase/summary word pass when the
    # text core allows it; the features must be exactly those of tokenising the text
    model = get_model()
    art = Article(text=text, title=title or None)
    full = f"{title}\n{text}" if title and not text.startswith(title) else text
    numbers = topics_mod._word_numbers_of(text, model)
    if title and not text.startswith(title):
        numbers = np.concatenate((np.frombuffer(topics_mod._numbers_bytes(model, title), dtype=np.int64), numbers))
    idx, values = model.features_of_numbers(numbers)
    ref_idx, ref_values = model.features(full)
    assert idx.tolist() == ref_idx.tolist()
    assert values.tobytes() == ref_values.tobytes()
    got = get_component("topics")(art).topics
    assert got == (classify(full) if len(ref_idx) >= topics_mod.MIN_KNOWN_TERMS else [])


def test_a_word_of_two_letter_runs_gets_its_own_numbers() -> None:
    # "Σİa" lower-cases to two letter runs: the component reads that word's numbers from
    # its facts and every other word's from the word table, in text order
    model = get_model()
    text = "أعلنت الوزارة اليوم Σİa عن خطة جديدة للتعليم في المدارس الحكومية ΣİaΣ والخاصة."
    stats = wordstats_mod.analyse(text)
    assert stats.table.runs[stats.ids].max() == 2  # the rare path runs
    numbers = topics_mod._word_numbers_of(text, model)
    assert numbers.tolist() == np.frombuffer(topics_mod._numbers_bytes(model, text), dtype=np.int64).tolist()
