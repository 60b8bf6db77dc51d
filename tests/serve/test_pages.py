"""Server-rendered pages: what a reader gets without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import quote

KEY = "PERS:سالم الهاشمي"
NAME = "سالم الهاشمي"


def test_home_lists_latest_stories_and_entities(client):
    html = client.get("/").text
    assert '<html lang="ar" dir="rtl">' in html
    assert "فريق الصقور يفوز بكأس البطولة" in html  # latest article
    assert 'href="/stories/' in html  # largest stories
    assert '<time datetime="2031-02-27">' in html  # ... of the archive's last week
    assert f'href="/entities/{quote(KEY, safe="")}"' in html  # top entities


def test_empty_archive_home_explains_ingest(empty_client):
    html = empty_client.get("/").text
    assert "الأرشيف فارغ" in html and "marsad ingest" in html and 'href="/analyze"' in html


def test_article_page_has_every_part(client, archive):
    art_id = archive["ids"][0]
    html = client.get(f"/articles/{art_id}").text
    assert "<h1 id=\"article-title\">إطلاق مشروع تحلية المياه في الواحة الخضراء</h1>" in html
    assert '<h2 class="subheading">تفاصيل المشروع</h2>' in html
    assert re.search(r'<a class="ent ent-PERS" data-type="PERS" href="/entities/[^"]+" title="[^"]+" aria-describedby="etype-PERS">سالم الهاشمي</a>', html)
    assert 'class="ent ent-ORG"' in html and 'class="ent ent-LOC"' in html
    assert '<span hidden id="etype-PERS" lang="ar">شخص</span>' in html  # the type, for screen readers
    assert 'id="quotes-h"' in html and "المشروع سيوفر الماء" in html
    assert '<a href="#t1"><bdi lang="ar">15 مارس 2031</bdi></a> <span class="tvalue"><bdi dir="ltr">2031-03-15</bdi>' in html
    assert "شارك الخبر على تويتر" in html and "<details class=\"removed\"" in html
    for share in ("https://wa.me/", "facebook.com/sharer", "x.com/intent/tweet", "t.me/share", "mailto:", "?print=1"):
        assert share in html, share
    assert f"/a/{art_id}" in html  # short link
    assert 'href="https://sahifat-alwaha.example/news/1"' in html  # original link
    assert "من القصة نفسها" in html and f'href="/articles/{archive["ids"][2]}"' in html  # read also
    assert 'href="/stories/' in html
    assert 'id="reprints-h"' in html and "mirror-news.example" in html  # the exact reprint


def test_short_link_redirects_to_the_article(client, archive):
    art_id = archive["ids"][3]
    r = client.get(f"/a/{art_id}", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == f"/articles/{art_id}"
    r = client.get(f"/a/{art_id[:6]}", follow_redirects=False)
    assert r.headers["location"] == f"/articles/{art_id}"
    assert client.get("/a/0000000000").status_code == 404


def test_print_view(client, archive):
    html = client.get(f"/articles/{archive['ids'][0]}?print=1").text
    assert 'class="article-page print-view"' in html


def test_search_page_highlights_and_groups(client, archive):
    html = client.get("/search", params={"q": "تحلية"}).text
    assert "<mark>" in html
    assert "من القصة نفسها: 2" in html  # the other two versions collapsed under the hit
    assert 'value="تحلية"' in html  # the URL/query is kept in the form


def test_search_page_paginates_in_the_url(client):
    html = client.get("/search", params={"q": "تحلية OR الصقور", "to": "2031-03-31", "size": 1}).text
    assert html.count('class="hit"') == 1
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "page=2" in nxt and "size=1" in nxt and "to=2031-03-31" in nxt and "q=" in nxt
    page2 = client.get(nxt).text
    assert page2.count('class="hit"') == 1 and '<a rel="prev"' in page2
    assert re.search(r'<span aria-current="page">2</span>', page2)


def test_search_page_bad_query_is_a_message(client):
    r = client.get("/search", params={"q": "تحلية", "from": "not-a-date"})
    assert r.status_code == 400 and 'role="alert"' in r.text and "ISO date" in r.text


def test_entity_page_chart_quotes_and_articles(client):
    html = client.get(f"/entities/{quote(KEY)}").text
    assert "<svg" in html and 'role="img"' in html and "<rect" in html
    assert "المشروع سيوفر الماء" in html  # its quote
    assert "الواحة الخضراء" in html  # co-occurring
    assert html.count('class="article-item"') == 4


def test_story_page_shows_outlets_and_differences(client, archive):
    html = client.get(f"/stories/{archive['story_id']}").text
    for site in ("sahifat-alwaha.example", "akhbar-alsahil.example", "wakalat-alanbaa.example"):
        assert site in html
    assert "<ins>وأشار إلى أن الكلفة ستبلغ مليار ريال.</ins>" in html
    assert "<del>" in html


def test_english_labels_switch_and_cookie(client):
    r = client.get("/?lang=en")
    assert '<html lang="en" dir="ltr">' in r.text and "Latest articles" in r.text
    assert r.cookies.get("marsad_lang") == "en" or "marsad_lang=en" in r.headers.get("set-cookie", "")
    r2 = client.get("/search")
    assert "Search the archive" in r2.text
    client.get("/?lang=ar")
    assert '<html lang="ar" dir="rtl">' in client.get("/").text


def test_pages_404_are_html(client):
    r = client.get("/articles/ffffffffff")
    assert r.status_code == 404 and "<html" in r.text
    assert client.get(f"/entities/{quote('غير موجود')}").status_code == 404
    assert client.get("/stories/424242").status_code == 404


def test_entity_page_names_the_family_name_counted_with_it(tmp_path):
    from fastapi.testclient import TestClient

    from corpus.fictional import person_articles
    from marsad.serve import create_app
    from marsad.store import open_store

    with open_store(tmp_path / "a.db") as s:
        s.add_articles(person_articles("ياسر المنصوري", 5) + person_articles("المنصوري", 2, first=10))
    with TestClient(create_app(tmp_path / "a.db")) as c:
        html = c.get(f"/entities/{quote('PERS:ياسر المنصوري')}").text
        assert "· 7 مقالات ·" in html  # five with the full name, two with the family name alone
        assert 'class="meta aliases"' in html and '>المنصوري</bdi> <span class="count">2</span>' in html
        # the family name's own address shows the same person
        assert 'class="meta aliases"' in c.get(f"/entities/{quote('PERS:المنصوري')}").text
