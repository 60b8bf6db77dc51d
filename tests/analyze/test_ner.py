"""The ``entities`` component with the shipped model."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import ner
from marsad.analyze.ner_eval import bio_spans, map_tag, score
from marsad.document import Article
from marsad.pipeline import component_names, get_component

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
SAMPLE = SHARED / "samples" / "000_c474bd9763c7905e.txt"

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def run(text: str) -> Article:
    return get_component("entities")(Article(text=text))


def test_registered_after_clean() -> None:
    names = component_names()
    assert "entities" in names
    if "clean" in names:
        assert names.index("entities") == names.index("clean") + 1


def test_model_loads_fast_and_once() -> None:
    ner._TAGGER = None
    t0 = time.perf_counter()
    tagger = ner.get_tagger()
    assert time.perf_counter() - t0 < 3.0  # the benchmark holds the 1 s target; this guards regressions
    assert ner.get_tagger() is tagger


def test_tags_people_places_and_organisations_in_a_fictional_story() -> None:
    text = (
        "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن بلاده ستدعم الأمم المتحدة. "
        "وأضاف ماكرون أن وزير الخارجية الأمريكي سيزور القاهرة الأسبوع المقبل."
    )
    art = run(text)
    assert art.check_spans() == []
    found = {(e.canonical, e.type) for e in art.entities}
    assert ("إيمانويل ماكرون", "PERS") in found
    assert ("باريس", "LOC") in found
    assert ("القاهرة", "LOC") in found
    macron = [e for e in art.entities if e.text == "ماكرون"]
    assert macron and macron[0].canonical == "إيمانويل ماكرون"


def test_crf_only_mode_loads_without_the_network_and_still_tags(monkeypatch) -> None:
    from marsad.errors import ModelError

    monkeypatch.setattr(ner, "_TAGGER", None)
    monkeypatch.setenv("MARSAD_NER_MODEL", "crf")
    tagger = ner.get_tagger()
    assert tagger.neural is None
    found = {(e.canonical, e.type) for e in run("التقى الرئيس إيمانويل ماكرون في باريس وفدا من القاهرة.").entities}
    assert ("باريس", "LOC") in found and ("إيمانويل ماكرون", "PERS") in found
    monkeypatch.setattr(ner, "_TAGGER", None)
    monkeypatch.setenv("MARSAD_NER_MODEL", "bert")
    with pytest.raises(ModelError, match="MARSAD_NER_MODEL"):
        ner.get_tagger()
    monkeypatch.setattr(ner, "_TAGGER", None)
    monkeypatch.delenv("MARSAD_NER_MODEL")
    assert ner.get_tagger().neural is not None


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "12345 ...", "hello world", "؟؟؟"])
def test_odd_input_gives_valid_spans(text: str) -> None:
    art = run(text)
    assert art.check_spans() == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهوية ،.؟«»0123456789\n", max_size=200))
def test_spans_index_any_text(text: str) -> None:
    art = run(text)
    assert art.check_spans() == []
    assert all(e.type in ("PERS", "LOC", "ORG", "MISC") for e in art.entities)


@given(st.lists(st.sampled_from(TAGS), max_size=30))
def test_fix_bio_gives_valid_bio_and_keeps_spans(tags: list[str]) -> None:
    fixed = ner.fix_bio(tags)
    for i, tag in enumerate(fixed):
        if tag.startswith("I-"):
            assert i > 0 and fixed[i - 1][2:] == tag[2:]
    assert bio_spans(fixed) == bio_spans(tags)


def test_score_counts_exact_spans_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    res = score(gold, pred)
    assert res["micro"] == {"precision": 50.0, "recall": 50.0, "f1": 50.0}
    assert res["per_type"]["LOC"]["f1"] == 100.0
    assert res["per_type"]["PERS"]["f1"] == 0.0


def test_tag_mapping() -> None:
    assert map_tag("B-PER") == "B-PERS"
    assert map_tag("I-MIS3") == "I-MISC"
    assert map_tag("B-DATE") == "O"
    assert map_tag("O") == "O"


@pytest.mark.shared
def test_sample_article_entities_with_full_names() -> None:
    if not SAMPLE.exists():
        pytest.skip("../shared absent")
    art = run(SAMPLE.read_text(encoding="utf-8"))
    assert art.check_spans() == []
    names = {(e.canonical, e.type) for e in art.entities}
    people = {n for n, t in names if t == "PERS"}
    places = {n for n, t in names if t == "LOC"}
    orgs = {n for n, t in names if t == "ORG"}
    # علي: the tagger reads the normalised text, where the name Ali is the preposition على
    # مولود: a first name the tagger leaves out, taken in after the role «وزير الخارجية التركي»
    for person in ["قاسم جومارت توكاييف", "ديمتري بيسكوف", "علي خان إسماعيلوف", "مولود جاويش أوغلو"]:
        assert person in people, (person, people)
    for place in ["كازاخستان", "موسكو", "آسيا الوسطى", "تركيا"]:
        assert place in places, (place, places)
    # the two long organisation names: the tagger cuts their adjective, the grouping keeps it
    for org in ["الكرملين", "منظمة الدول التركية", "منظمة معاهدة الأمن الجماعي"]:
        assert org in orgs, (org, orgs)
    # every mention of the president's surname belongs to his full name
    surname = [e for e in art.entities if e.text == "توكاييف"]
    assert surname and all(e.canonical == "قاسم جومارت توكاييف" for e in surname)


@pytest.mark.shared
@pytest.mark.xfail(
    reason="known gaps: an unseen first name (بغداد, taken for the city), a city only CLDR knows",
    strict=False,
)
@pytest.mark.parametrize(
    "name,kind",
    [
        ("بغداد أمرييف", "PERS"),
        ("ألماتي", "LOC"),
    ],
)
def test_sample_article_hard_names(name: str, kind: str) -> None:
    if not SAMPLE.exists():
        pytest.skip("../shared absent")
    art = run(SAMPLE.read_text(encoding="utf-8"))
    assert name in {e.canonical for e in art.entities if e.type == kind}


@pytest.mark.shared
@pytest.mark.slow
def test_training_smoke_on_a_tiny_slice(tmp_path: Path) -> None:
    train = SHARED / "data" / "ner" / "anercorp" / "camel_train_approx.txt"
    if not train.exists():
        pytest.skip("../shared absent")
    pytest.importorskip("sklearn")
    from marsad.analyze.ner_eval import read_conll, split_long
    from marsad.training.ner import jackknife_features, train_crf

    sents = split_long(read_conll(train))[:150]
    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    clusters = {w: [int(c) for c in lexicon.ids[i]] for i, w in enumerate(lexicon.words[:5000])}
    gaz = {k: set() for k in ner.GAZ_TYPES}
    feats = jackknife_features(sents, clusters, gaz)
    model = tmp_path / "tiny.crfsuite"
    train_crf(sents, feats, model, c1=0.05, c2=0.01, max_iter=30)
    tagger = ner.Tagger(model, lexicon)
    pred = [tagger.tag_tokens(toks) for toks, _ in sents]
    assert score([t for _, t in sents], pred)["micro"]["f1"] > 30  # it learnt its own training data


def test_train_names_match_only_from_other_folds() -> None:
    from marsad.training.ner import jackknife_features

    # fictional sentences: the first name occurs in fold 0 only, the second in both folds
    sents = [
        (["زار", "سامر", "الحلبي", "مدينة", "نوران"], ["O", "B-PERS", "I-PERS", "O", "B-LOC"]),
        (["وصل", "وفد", "إلى", "نوران"], ["O", "O", "O", "B-LOC"]),
    ]
    clusters = {"زار": [1, 2, 3]}
    feats = jackknife_features(sents, clusters, {"PERS": set(), "LOC": set(), "ORG": set()}, folds=2)
    first, second = feats
    assert "g=BTPERS" not in first[1]  # its own label is not visible to it
    assert "g=BTLOC" in first[4]  # the place is labelled in the other fold
    assert "g=BTLOC" in second[3]


def test_batch_form_gives_each_article_what_it_gets_alone() -> None:
    texts = [
        "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن بلاده ستدعم الأمم المتحدة. وأضاف ماكرون أنه سيزور القاهرة.",
        "",
        "افتتح وزير الصحة مستشفى جديدا في مدينة جدة بحضور أمير منطقة مكة المكرمة.",
        "ولم يذكر أي اسم في هذه الجملة القصيرة",
    ]
    entities = get_component("entities")
    alone = [entities(Article(text=t)).entities for t in texts]
    together = [a.entities for a in entities.pipe([Article(text=t) for t in texts])]
    assert together == alone
    assert any(alone)  # the batch holds articles with entities, and one without text
