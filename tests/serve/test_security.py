"""Escaping, size limits, SQL safety, no path access from user input, local binding."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from urllib.parse import quote

import pytest

import marsad.serve
from marsad.serve.limits import MAX_BODY_BYTES

SERVE_DIR = Path(marsad.serve.__file__).parent


def test_script_in_an_article_shows_as_text(client, archive):
    html = client.get(f"/articles/{archive['ids'][4]}").text
    body = html.split('<main id="main"', 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>وسم</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in body  # the title too
    assert 'href="javascript:' not in html  # a non-http source URL is not made a link
    # the only <script> on the page is our own static file
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_search_input_is_escaped_in_the_page(client):
    evil = '"><script>alert(1)</script>'
    html = client.get("/search", params={"q": evil, "entity": evil}).text
    assert "<script>alert(1)" not in html
    assert "&#34;&gt;&lt;script&gt;" in html


def test_search_snippets_with_markup_are_escaped(client):
    html = client.get("/search", params={"q": "script"}).text
    assert "<mark>" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE articles; --",
        '" OR 1=1 --',
        "تحلية) UNION SELECT * FROM sqlite_master --",
        'NEAR(a b) "unterminated',
        "* ^ : ( ) \" '",
        "AND OR NOT",
        "\x00\x01",
    ],
)
def test_hostile_queries_never_reach_sql(client, archive, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.json()["error"] == "bad_query"
        assert "sqlite" not in r.json()["detail"].lower() and "syntax error" not in r.json()["detail"].lower()
    # the archive is intact afterwards
    assert client.get(f"/api/articles/{archive['ids'][0]}").status_code == 200
    page = client.get("/search", params={"q": q})
    assert page.status_code in (200, 400) and "Traceback" not in page.text


def test_serve_code_has_no_sql():
    for path in SERVE_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+\S+\s+\b(FROM|INTO|SET)\b", source), path
        assert "sqlite3" not in source, path


def test_body_limit_413_from_header(client):
    r = client.post("/api/analyze", json={"text": "ا" * (MAX_BODY_BYTES)})
    assert r.status_code == 413
    assert r.json() == {"error": "payload_too_large", "detail": f"request body too large: the limit is {MAX_BODY_BYTES} bytes"}


def test_body_limit_413_for_chunked_body_without_length(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 65536

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"


def test_upload_limit_413_on_the_page(client):
    big = ("ا" * (MAX_BODY_BYTES // 2 + 10)).encode("utf-8")
    r = client.post("/analyze", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and "الحد الأقصى" in r.text


def test_small_limit_is_configurable():
    from fastapi.testclient import TestClient

    from marsad.serve import create_app

    with TestClient(create_app(None, max_upload_bytes=1000)) as c:
        r = c.post("/api/analyze", json={"text": "ب" * 600})  # 1200 bytes of UTF-8 in a 1000-byte allowance
        assert r.status_code == 413
        r = c.post("/analyze", files={"file": ("a.txt", "ب".encode() * 600, "text/plain")})
        assert r.status_code == 413


def test_no_server_path_access_from_user_input(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-42", encoding="utf-8")
    probes = [
        f"/static/..%2f..%2f..%2f{quote(str(secret))}",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        f"/articles/{quote(str(secret), safe='')}",
        f"/entities/{quote('../../' + str(secret))}",
    ]
    for url in probes:
        r = client.get(url)
        assert "SECRET-CONTENT-42" not in r.text and "def create_app" not in r.text, url
        assert r.status_code in (400, 404), (url, r.status_code)
    # an uploaded file's name is never opened on the server
    r = client.post("/analyze", files={"file": (str(secret), b"", "text/plain")})
    assert "SECRET-CONTENT-42" not in r.text
    r = client.post("/api/analyze", json={"text": str(secret)})
    assert "SECRET-CONTENT-42" not in r.text


def test_errors_are_clear_json(client):
    r = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    r = client.post("/api/analyze", json={"text": "نص", "format": "pdf"})
    assert r.status_code == 400 and "format" in r.json()["detail"]
    r = client.post("/api/analyze", json={"text": "نص", "date": "tomorrow"})
    assert r.status_code == 400 and "ISO date" in r.json()["detail"]
    r = client.post("/api/analyze", json={"text": "   "})
    assert r.status_code == 422 and "empty" in r.json()["detail"]


def test_serve_binds_localhost_by_default():
    from marsad.cli.serve import serve

    defaults = {name: p.default for name, p in inspect.signature(serve).parameters.items()}
    assert defaults["host"].default == "127.0.0.1"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

QUERY_CHARS = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوية ءآأإؤئى\"'()*^:-+NEAROTDRN0123456789%_;\\\n\t"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.lists(QUERY_CHARS, max_size=40).map("".join))
def test_any_query_is_answered_or_refused_clearly(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), (q, r.status_code, r.text[:300])
    body = r.json()
    if r.status_code == 400:
        assert body["error"] == "bad_query" and body["detail"]
    else:
        assert isinstance(body["hits"], list)


def test_security_headers_and_no_cdn(client, archive):
    r = client.get(f"/articles/{archive['ids'][0]}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # nothing on the page loads from another host (share links are plain links, not resources)
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', r.text)
    assert client.get("/api/docs").status_code == 404  # Swagger UI would load from a CDN
    assert client.get("/api/search", params={"q": "x"}).headers["x-content-type-options"] == "nosniff"
