"""The Article model: JSON round trip, span checks, the schema file in step with the dataclasses."""

import json
from dataclasses import asdict, fields
from pathlib import Path

import jsonschema

from marsad.document import (
    SCHEMA_VERSION,
    Article,
    Block,
    Entity,
    Keyword,
    Published,
    Quote,
    Removed,
    Source,
    SummarySentence,
    TimeExpression,
    Topic,
)

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "marsad" / "schema" / "article.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
TEXT = "قال الوزير سالم إن الخطة جاهزة.\n\nوستبدأ الأعمال الأحد المقبل."


def full_article() -> Article:
    return Article(
        text=TEXT,
        title="عنوان",
        tags=["محليات"],
        author="كاتب",
        published=Published("2025-01-05", "metadata"),
        language="ar",
        source=Source(path="a.txt", url="https://a.example/1", format="json", encoding="utf-8", site="a.example", record=0),
        blocks=[Block("paragraph", TEXT[:31], 0, 31), Block("paragraph", TEXT[33:], 33, len(TEXT))],
        removed=[Removed("Share on facebook", "share widget", 2.5)],
        warnings=["w"],
        entities=[Entity("سالم", "PERS", 11, 15, "سالم", "سالم", 0.9)],
        quotes=[Quote("الخطة جاهزة", 19, 30, "reported", "قال", 0, 3, "الوزير سالم", 4, 15, "سالم")],
        times=[TimeExpression("الأحد المقبل", TEXT.index("الأحد"), TEXT.index("الأحد") + 12, "DATE", "2025-01-12")],
        topics=[Topic("Politics", 0.8)],
        keywords=[Keyword("الخطة", 1.0, 19, 24)],
        summary=[SummarySentence(TEXT[:31], 0, 31)],
        meta={"lang": "ar"},
        reference_date="2025-01-05",
    )


def test_round_trip_and_schema():
    a = full_article()
    assert a.check_spans() == []
    d = a.to_dict()
    assert d["schema_version"] == SCHEMA_VERSION == SCHEMA["properties"]["schema_version"]["const"]
    jsonschema.Draft202012Validator(SCHEMA).validate(d)
    assert Article.from_dict(json.loads(json.dumps(d, ensure_ascii=False))) == a
    assert "raw" not in d and "raw_html" not in d


def test_to_dict_gives_asdicts_values_and_copies_containers():
    a = full_article()
    a.meta = {"lang": "ar", "nested": {"list": [1, {"x": None}]}}
    a.quotes[0].speaker = ["not", "a", "string"]  # a container where a scalar is expected: still copied
    d = a.to_dict()
    expected = asdict(a)
    del expected["raw"], expected["raw_html"]
    assert {k: v for k, v in d.items() if k not in ("schema_version", "marsad_version")} == expected
    assert d["quotes"][0]["speaker"] is not a.quotes[0].speaker
    assert d["meta"]["nested"]["list"] is not a.meta["nested"]["list"]


def test_empty_article_matches_the_schema():
    jsonschema.Draft202012Validator(SCHEMA).validate(Article().to_dict())


def test_schema_covers_every_field():
    d = Article().to_dict()
    assert set(SCHEMA["required"]) == set(d), "update marsad/schema/article.schema.json and SCHEMA_VERSION"
    layer_defs = {
        "blocks": "block",
        "removed": "removed",
        "entities": "entity",
        "quotes": "quote",
        "times": "time",
        "topics": "topic",
        "keywords": "keyword",
        "summary": "summary_sentence",
    }
    classes = {
        "block": Block,
        "removed": Removed,
        "entity": Entity,
        "quote": Quote,
        "time": TimeExpression,
        "topic": Topic,
        "keyword": Keyword,
        "summary_sentence": SummarySentence,
        "source": Source,
        "published": Published,
    }
    for name in layer_defs:
        assert SCHEMA["properties"][name]["items"]["$ref"] == f"#/$defs/{layer_defs[name]}"
    for name, cls in classes.items():
        assert set(SCHEMA["$defs"][name]["properties"]) == {f.name for f in fields(cls)}, (
            f"{cls.__name__} and the schema's $defs/{name} differ: update marsad/schema/article.schema.json"
        )


def test_check_spans_reports_mismatches():
    a = full_article()
    a.blocks[0] = Block("paragraph", "نص آخر", 0, 5)
    a.entities[0] = Entity("سالم", "PERS", 500, 504)
    problems = a.check_spans()
    assert any(p.startswith("blocks[0]") for p in problems)
    assert any("out of range" in p for p in problems)


def test_content_hash_ignores_spelling_variants():
    assert Article(text="أحمد في المدينة").content_hash == Article(text="احمد  في المدينه").content_hash
    assert Article(text="أحمد").content_hash != Article(text="محمود").content_hash
