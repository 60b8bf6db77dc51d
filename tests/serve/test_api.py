"""The REST API over a real SQLite archive of fictional articles."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import marsad

from marsad.document import Article

KEY = "PERS:سالم الهاشمي"
NAME = "سالم الهاشمي"


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in (
        "/api/analyze",
        "/api/search",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{key}",
        "/api/stories",
        "/api/stories/{story_id}",
    ):
        assert path in paths, path


def test_article_json_is_the_article_schema(client, archive):
    art_id = archive["ids"][0]
    data = client.get(f"/api/articles/{art_id}").json()
    import jsonschema

    schema_path = Path(marsad.__file__).parent / "schema" / "article.schema.json"
    jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
    assert data["title"] == archive["articles"][0].title
    restored = Article.from_dict(data)
    assert restored.text == archive["articles"][0].text
    assert restored.check_spans() == []
    assert [e.text for e in restored.entities] == [e.text for e in archive["articles"][0].entities]
    # a unique prefix works too
    assert client.get(f"/api/articles/{art_id[:7]}").json()["title"] == data["title"]


def test_unknown_and_malformed_article_ids_are_404_json(client):
    for bad in ("ffffffffff", "zz!!", "abc", "../../etc/passwd", "%2e%2e%2fetc"):
        r = client.get(f"/api/articles/{quote(bad, safe='')}")
        assert r.status_code == 404, bad
        assert r.json()["error"] == "not_found"


def test_search_is_arabic_aware_grouped_and_paginated(client, archive):
    r = client.get("/api/search", params={"q": "بتحلية"})
    assert r.status_code == 200
    data = r.json()
    assert data["total_articles"] == 3
    # the three water-project articles are one story: one hit, the others collapsed under it
    assert data["total"] == 1 and len(data["hits"]) == 1
    hit = data["hits"][0]
    assert hit["story_id"] == archive["story_id"] and len(hit["also"]) == 2
    assert hit["highlights"], "hits carry highlight spans"
    flat = client.get("/api/search", params={"q": "تحلية", "collapse": "false", "page_size": 2}).json()
    assert len(flat["hits"]) == 2 and flat["pages"] == 2
    second = client.get("/api/search", params={"q": "تحلية", "collapse": "false", "page_size": 2, "page": 2}).json()
    assert len(second["hits"]) == 1
    assert {h["article"]["id"] for h in flat["hits"]}.isdisjoint(h["article"]["id"] for h in second["hits"])


def test_search_filters(client):
    by_source = client.get("/api/search", params={"q": "تحلية", "source": "wakalat-alanbaa.example", "collapse": "false"})
    assert [h["article"]["site"] for h in by_source.json()["hits"]] == ["wakalat-alanbaa.example"]
    by_date = client.get("/api/search", params={"q": "تحلية", "from": "2031-03-03", "collapse": "false"}).json()
    assert all(h["article"]["published"] >= "2031-03-03" for h in by_date["hits"]) and by_date["hits"]
    by_entity = client.get("/api/search", params={"entity": "PERS:خالد العمري", "collapse": "false"}).json()
    assert [h["article"]["title"] for h in by_entity["hits"]] == ["فريق الصقور يفوز بكأس البطولة"]
    # a name typed by hand (no type prefix, other spelling of ta marbuta / alef) finds the entity's key
    typed = client.get("/api/search", params={"entity": "هيئه الموارد المائية", "collapse": "false"}).json()
    assert typed["total_articles"] == 2


def test_bad_search_input_is_a_clear_400(client):
    r = client.get("/api/search", params={"q": "تحلية", "from": "yesterday"})
    assert r.status_code == 400 and "ISO date" in r.json()["detail"]
    r = client.get("/api/search", params={"q": "x", "from": "2031-03-05", "to": "2031-03-01"})
    assert r.status_code == 400
    r = client.get("/api/search", params={"q": "x", "page": 0})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request" and "page" in r.json()["detail"]
    r = client.get("/api/search", params={"q": "ب" * 600})
    assert r.status_code == 400 and "500" in r.json()["detail"]


def test_entities_list_and_detail(client):
    data = client.get("/api/entities", params={"page_size": 3}).json()
    assert data["entities"][0]["key"] == KEY and data["entities"][0]["articles"] == 4
    assert len(data["entities"]) == 3 and data["has_more"]
    orgs = client.get("/api/entities", params={"type": "ORG"}).json()["entities"]
    assert orgs and all(e["type"] == "ORG" for e in orgs)
    assert client.get("/api/entities", params={"type": "BAD"}).status_code == 422
    detail = client.get(f"/api/entities/{quote(KEY)}").json()
    assert detail["name"] == NAME and detail["by_day"]
    assert any(q["text"].startswith("المشروع سيوفر") for q in detail["quotes"])
    assert client.get(f"/api/entities/{quote('لا أحد')}").status_code == 404


def test_stories_list_and_detail(client, archive):
    stories = client.get("/api/stories").json()["stories"]
    assert stories[0]["id"] == archive["story_id"] and stories[0]["size"] == 3
    story = client.get(f"/api/stories/{archive['story_id']}").json()
    assert [a["id"] for a in story["articles"]][:1] == [archive["ids"][0]]
    versions = story["versions"]
    assert versions[0]["first"] is True
    # the wire agency's version adds the cost sentence and lacks the implementation details
    agency = next(v for v in versions if v["id"] == archive["ids"][2])
    assert any("مليار ريال" in s for s in agency["added"])
    assert any("هيئة الموارد المائية" in s for s in agency["missing"])
    assert client.get("/api/stories/999999").status_code == 404
    assert client.get("/api/stories/abc").status_code == 422
    # past SQLite's 64-bit integers: still no such story, not an internal error
    assert client.get(f"/api/stories/{2**70}").status_code == 404
    assert client.get(f"/stories/{2**70}").status_code == 404


def test_no_archive_is_503_with_instructions(empty_client):
    r = empty_client.get("/api/search", params={"q": "x"})
    assert r.status_code == 503 and "marsad ingest" in r.json()["detail"]
    home = empty_client.get("/")
    assert home.status_code == 200 and "marsad ingest" in home.text


def test_unknown_api_path_and_method_are_json(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = client.delete("/api/search")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"
