"""Stored article renderings (`marsad prerender`): the same page, read instead of rendered."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from marsad.serve import create_app, fragments
from marsad.store import open_store

from .conftest import build_archive


@pytest.fixture()
def fresh(tmp_path):
    return build_archive(tmp_path / "archive.db")


def _pages(path, ids, lang: str) -> dict[str, str]:
    with TestClient(create_app(path, cache_entries=0)) as c:
        return {i: c.get(f"/articles/{i}", params={"lang": lang} if lang != "ar" else None).text for i in ids}


def test_stored_fragments_give_the_same_pages_byte_for_byte(fresh):
    ids = fresh["ids"]
    live = {lang: _pages(fresh["path"], ids, lang) for lang in ("ar", "en")}
    from marsad.serve.fragments import template_env

    with open_store(fresh["path"]) as store:
        counts = fragments.prerender(store, template_env(), ["ar", "en"])
        assert counts == {"rendered": 2 * len(ids), "kept": 0, "pruned": 0}
        assert store.fragment_ids(fragments.kind("ar")) == set(ids)
        # a second run renders nothing again
        assert fragments.prerender(store, template_env(), ["ar"])["kept"] == len(ids)
    for lang in ("ar", "en"):
        stored = _pages(fresh["path"], ids, lang)
        for i in ids:
            assert stored[i] == live[lang][i], (lang, i)
    # the hostile fixture article: its <script> stays text in the stored rendering too
    assert "<script>" not in "".join(stored.values())


def test_pages_use_the_stored_fragment(fresh):
    art = fresh["ids"][0]
    from marsad.serve.fragments import template_env

    with open_store(fresh["path"]) as store:
        fragments.prerender(store, template_env(), ["ar"])
        # mark the stored rendering, so the page shows which one it used
        frag = fragments.decode(store.get_fragment(art, fragments.kind("ar")))
        frag.main = Markup(str(frag.main).replace("</h1>", "</h1><!--stored-->"))
        store.put_fragments([(art, fragments.kind("ar"), fragments.encode(frag))])
    with TestClient(create_app(fresh["path"], cache_entries=0)) as c:
        assert "<!--stored-->" in c.get(f"/articles/{art}").text
        # another interface language has none stored: rendered live
        assert "<!--stored-->" not in c.get(f"/articles/{art}", params={"lang": "en"}).text


def test_fragments_of_another_render_version_are_not_used_and_get_pruned(fresh):
    art = fresh["ids"][0]
    old_kind = f"{fragments.KIND_PREFIX}:0000000000000000:ar"
    with open_store(fresh["path"]) as store:
        store.put_fragments([(art, old_kind, fragments.encode(fragments.ArticleFragment("x", "<p>old</p>", "", [])))])
    with TestClient(create_app(fresh["path"], cache_entries=0)) as c:
        assert "<p>old</p>" not in c.get(f"/articles/{art}").text
    from marsad.serve.fragments import template_env

    with open_store(fresh["path"]) as store:
        assert fragments.prerender(store, template_env(), ["ar"])["pruned"] == 1
        assert store.get_fragment(art, old_kind) is None


def test_unreadable_fragment_renders_live(fresh):
    art = fresh["ids"][0]
    with open_store(fresh["path"]) as store:
        store.put_fragments([(art, fragments.kind("ar"), b"not zlib")])
    assert fragments.decode(b"not zlib") is None
    with TestClient(create_app(fresh["path"], cache_entries=0)) as c:
        r = c.get(f"/articles/{art}")
    assert r.status_code == 200 and 'id="article-title"' in r.text


def test_render_version_changes_with_the_templates(monkeypatch, tmp_path):
    before = fragments._render_version()
    fake = tmp_path / "templates"
    fake.mkdir()
    for name in fragments.TEMPLATES:
        text = (fragments.HERE / "templates" / name).read_text(encoding="utf-8")
        (fake / name).write_text(text + ("<!-- changed -->" if name == "_article_panels.html" else ""), encoding="utf-8")
    for name in ("fragments.py", "render.py", "i18n.py"):
        (tmp_path / name).write_bytes((fragments.HERE / name).read_bytes())
    monkeypatch.setattr(fragments, "HERE", tmp_path)
    assert fragments._render_version() != before


def test_marsad_prerender_command(fresh):
    out = subprocess.run(
        [sys.executable, "-m", "marsad", "prerender", "--db", fresh["path"], "--lang", "ar", "--lang", "en"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert f"rendered {2 * len(fresh['ids'])} article page parts" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "marsad", "prerender", "--db", fresh["path"], "--lang", "fr"],
        capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode != 0 and "unknown interface language" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_the_ingest_workers_render_equal_the_stored_articles_pages(tmp_path, workers):
    """`marsad ingest` stores each new article's fragment as its worker rendered it: the same
    bytes as rendering the article read back from the archive, so pages do not depend on
    which of the two rendered them."""
    from pathlib import Path

    from marsad.corpus.ingest import ingest
    from marsad.serve.fragments import template_env

    demo = Path(fragments.__file__).resolve().parents[1] / "samples" / "demo_corpus.jsonl"
    with open_store(str(tmp_path / "w.db")) as store:
        report = ingest([str(demo)], store, workers=workers, render=fragments.fragments_of)
        assert report.stored > 5 and report.pages == report.stored
        kind = fragments.kind("ar")
        assert len(store.fragment_ids(kind)) == report.stored
        env = template_env()
        for sid, article in store.iter_articles():
            assert store.get_fragment(sid, kind) == fragments.encode(fragments.render_fragment(env, article, "ar")), sid
        # nothing is left for the pass after the run
        assert fragments.prerender(store, env)["rendered"] == 0


def test_ingest_without_a_renderer_stores_no_pages(tmp_path):
    from pathlib import Path

    from marsad.corpus.ingest import ingest

    demo = Path(fragments.__file__).resolve().parents[1] / "samples" / "demo_corpus.jsonl"
    with open_store(str(tmp_path / "n.db")) as store:
        report = ingest([str(demo)], store, workers=1, exclude=["entities", "quotes", "topics"])
        assert report.stored > 5 and report.pages == 0
        assert store.fragment_ids(fragments.kind("ar")) == set()


def _failing_render(article):
    raise RuntimeError("a renderer bug")


def test_an_article_whose_page_fails_to_render_is_still_stored(tmp_path):
    from pathlib import Path

    from marsad.corpus.ingest import ingest

    demo = Path(fragments.__file__).resolve().parents[1] / "samples" / "demo_corpus.jsonl"
    with open_store(str(tmp_path / "f.db")) as store:
        report = ingest([str(demo)], store, workers=2, render=_failing_render,
                        exclude=["entities", "quotes", "topics"])
        assert report.stored > 5 and report.pages == 0 and not report.rejected
        assert len(list(store.iter_articles())) == report.stored
