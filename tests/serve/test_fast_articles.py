"""FastArticles answers exact article ids itself: the same answers as the app's routes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from marsad.serve import create_app, fragments
from marsad.store import open_store

from .conftest import build_archive


@pytest.fixture(scope="module")
def archive_with_one_fragment(tmp_path_factory):
    info = build_archive(tmp_path_factory.mktemp("fast") / "archive.db")
    with open_store(info["path"]) as store:  # one article with a stored fragment, the others live
        article = store.get_article(info["ids"][0])
        frag = fragments.render_fragment(fragments.template_env(), article, "ar")
        store.put_fragments([(info["ids"][0], fragments.kind("ar"), fragments.encode(frag))])
    return info


def _answers(path: str, fast: bool, requests: list[tuple[str, dict]]) -> list[tuple[int, dict, bytes]]:
    out = []
    with TestClient(create_app(path, fast_articles=fast), follow_redirects=False) as c:
        for url, cookies in requests:
            c.cookies.clear()
            for k, v in cookies.items():
                c.cookies.set(k, v)
            r = c.get(url)
            out.append((r.status_code, dict(r.headers), r.content))
    return out


def test_fast_answers_equal_the_routes(archive_with_one_fragment):
    info = archive_with_one_fragment
    ids = info["ids"]
    requests = []
    for i in ids:
        for url in (f"/articles/{i}", f"/articles/{i}?print=1", f"/api/articles/{i}"):
            requests += [(url, {}), (url, {"marsad_lang": "en"})]
    # not for the fast path: prefix, capitals, unknown id, a language switch, other queries, HEAD-less variants
    requests += [
        (f"/articles/{ids[0][:7]}", {}),
        (f"/articles/{ids[0].upper()}", {}),
        ("/articles/0000000000", {}),
        ("/api/articles/0000000000", {}),
        (f"/articles/{ids[0]}?lang=en", {}),
        (f"/articles/{ids[0]}?print=1&x=2", {}),
        (f"/api/articles/{ids[0]}?pretty=1", {}),
        (f"/articles/{ids[0]}/", {}),
    ]
    fast = _answers(info["path"], True, requests)
    slow = _answers(info["path"], False, requests)
    for (url, cookies), a, b in zip(requests, fast, slow):
        assert a == b, (url, cookies)
    statuses = {url: a[0] for (url, _), a in zip(requests, fast)}
    assert statuses[f"/articles/{ids[0]}"] == 200 and statuses[f"/articles/{ids[0][:7]}"] == 301
    assert statuses["/articles/0000000000"] == 404 and statuses["/api/articles/0000000000"] == 404


def test_fast_path_is_taken(archive_with_one_fragment, monkeypatch):
    info = archive_with_one_fragment
    answered = []
    from marsad.serve import app as app_module

    original = app_module.FastArticles.__init__

    def init(self, app, answer):
        def recording(scope, api, article_id):
            response = answer(scope, api, article_id)
            answered.append((scope["path"], response is not None))
            return response

        original(self, app, recording)

    monkeypatch.setattr(app_module.FastArticles, "__init__", init)
    with TestClient(create_app(info["path"], cache_entries=0)) as c:
        for i in info["ids"][:2]:
            assert c.get(f"/articles/{i}").status_code == 200
            assert c.get(f"/api/articles/{i}").status_code == 200
        assert c.get("/articles/0000000000").status_code == 404
    ids = info["ids"]
    assert answered == [
        (f"/articles/{ids[0]}", True), (f"/api/articles/{ids[0]}", True),
        (f"/articles/{ids[1]}", True), (f"/api/articles/{ids[1]}", True),
        ("/articles/0000000000", False),
    ]


def test_fast_answers_keep_security_headers_and_cache(archive_with_one_fragment):
    info = archive_with_one_fragment
    with TestClient(create_app(info["path"])) as c:
        r = c.get(f"/articles/{info['ids'][0]}")
        assert "content-security-policy" in r.headers and r.headers["etag"]
        again = c.get(f"/articles/{info['ids'][0]}", headers={"if-none-match": r.headers["etag"]})
        assert again.status_code == 304
