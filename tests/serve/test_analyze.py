"""The Analyse page and POST /api/analyze: the same article view, nothing stored."""

from __future__ import annotations

import html as htmlmod
import json
import re

import pytest


TEXT = (
    "افتتاح مكتبة عامة جديدة في مدينة الواحة\n\n"
    "افتتح المهندس سالم الهاشمي يوم الأحد مكتبة عامة جديدة في مدينة الواحة.\n\n"
    "وقال الهاشمي إن «المكتبة ستفتح أبوابها للجميع مجانًا».\n\n"
    "<script>alert('x')</script> هذا السطر يجب أن يظهر نصًا."
)


@pytest.fixture(scope="module")
def pipeline_ready():
    """The full pipeline with the shipped models (loaded once, outside the timed requests)."""
    from marsad.api import analyze

    analyze("نص قصير للتجربة.")


def test_api_analyze_returns_the_article_schema(client, pipeline_ready):
    r = client.post("/api/analyze", json={"text": TEXT, "date": "2031-03-02"})
    assert r.status_code == 200, r.text
    data = r.json()
    from marsad.document import Article

    art = Article.from_dict(data)
    assert art.check_spans() == []
    assert "سالم الهاشمي" in art.text and data["schema_version"]
    assert data["reference_date"] == "2031-03-02"


def test_api_analyze_stores_nothing(client, archive, pipeline_ready):
    before = client.get("/api/search", params={"q": "المكتبة"}).json()["total_articles"]
    client.post("/api/analyze", json={"text": TEXT})
    assert client.get("/api/search", params={"q": "المكتبة"}).json()["total_articles"] == before == 0


def test_analyse_page_pasted_text(client, pipeline_ready):
    r = client.post("/analyze", data={"text": TEXT, "date": ""})
    assert r.status_code == 200
    html = r.text
    assert "هذا التحليل لم يُخزَّن" in html
    assert "<script>alert" not in html
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    visible = htmlmod.unescape(re.sub(r"<[^>]*>", "", body))
    assert "<script>alert('x')</script> هذا السطر يجب أن يظهر نصًا." in visible
    assert 'class="article-body"' in html and 'id="quotes-h"' in html and 'id="timeline-h"' in html


def test_analyse_page_uploaded_json_file(client, pipeline_ready):
    record = {"title": "عنوان من ملف", "content": "افتتح المهندس سالم الهاشمي مكتبة عامة جديدة في مدينة الواحة."}
    r = client.post("/analyze", files={"file": ("record.json", json.dumps(record, ensure_ascii=False).encode(), "application/json")})
    assert r.status_code == 200, r.text
    assert "مكتبة عامة جديدة" in r.text


def test_analyse_page_empty_and_binary_input_are_messages(client):
    r = client.post("/analyze", data={"text": "  "})
    assert r.status_code == 422 and 'role="alert"' in r.text
    r = client.post("/analyze", files={"file": ("x.bin", bytes(range(256)) * 20, "application/octet-stream")})
    assert r.status_code in (422, 503) and 'role="alert"' in r.text and "Traceback" not in r.text


def test_analyse_form_is_multipart_and_states_the_limit(client):
    html = client.get("/analyze").text
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html and "KiB" in html
