"""End to end in a real Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser download).

search → article → entity → story, checking what a person sees.  Set MARSAD_SCREENSHOTS=DIR to
also save screenshots of the main pages there (docs/screenshots/ is made that way).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import build_archive
from .server import running_server

CHROMIUM = Path(os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} absent: install Debian chromium (`make browser`)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    archive = build_archive(tmp_path_factory.mktemp("browser") / "archive.db")
    with running_server(archive["path"]) as base:
        yield base, archive


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    folder = os.environ.get("MARSAD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_search_article_entity_story(page, server):
    base, archive = server
    page.goto(base + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.locator("h2", has_text="أحدث المقالات").is_visible()
    shot(page, "home")

    # search from the home page's box
    page.fill("#home-q", "بتحلية المياه")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert "q=" in page.url  # the URL holds the query
    hits = page.locator("li.hit")
    assert hits.count() == 1  # three versions of one story, collapsed
    marks = hits.first.locator("mark")
    assert marks.count() >= 1 and "تحلية" in marks.first.inner_text()
    assert page.locator("details.also summary").inner_text().endswith("2")
    shot(page, "search")

    # open the article
    hits.first.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{10}$"))
    article = page.locator("article.article")
    assert article.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.article-body p')).direction") == "rtl"
    person = article.locator("a.ent-PERS", has_text="سالم الهاشمي").first
    assert person.is_visible()
    bg = person.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    place = article.locator("a.ent-LOC").first
    assert place.is_visible() and place.evaluate("e => getComputedStyle(e).backgroundColor") != bg  # by type
    quotes = page.locator("section.quotes li")
    assert quotes.count() >= 1 and "سالم الهاشمي" in quotes.first.locator(".speaker").inner_text()
    assert page.locator("section.timeline li").count() >= 1
    removed = page.locator("details.removed")
    assert not removed.locator("li").first.is_visible()  # collapsed
    removed.locator("summary").click()
    assert removed.locator("li").first.is_visible()
    title = page.locator("h1#article-title").inner_text()
    short = page.input_value("#short-url")
    assert re.search(r"/a/[0-9a-f]{10}$", short)
    assert page.locator("a.share-whatsapp").get_attribute("href").startswith("https://wa.me/")
    shot(page, "article")

    # follow the highlighted person to the entity page
    person.click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert page.locator("h1").inner_text().strip() == "سالم الهاشمي"
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.locator("svg.chart").is_visible()
    assert "المشروع سيوفر الماء" in page.locator("main").inner_text()
    shot(page, "entity")

    # back to the article, then on to its story
    page.go_back()
    page.locator("section.read-also a", has_text="اعرض القصة كاملة").click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    text = page.locator("main").inner_text()
    for site in ("sahifat-alwaha.example", "akhbar-alsahil.example", "wakalat-alanbaa.example"):
        assert site in text
    assert page.locator("ol.story-timeline > li").count() == 2  # two days
    agency = page.locator("article.version", has_text="wakalat-alanbaa.example")
    added = agency.locator("ins", has_text="مليار ريال")
    assert not added.is_visible()  # collapsed until asked for
    agency.locator("details", has_text="جمل إضافية").locator("summary").click()
    assert added.is_visible()
    shot(page, "story")

    # the short link resolves in the browser too
    page.goto(short)
    assert page.locator("h1#article-title").inner_text() == title


def test_script_in_an_article_is_shown_not_run(page, server):
    base, archive = server
    page.goto(f"{base}/articles/{archive['ids'][4]}")
    body = page.locator(".article-body").inner_text()
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body
    assert "<script>alert('x')</script>" in page.locator("h1").inner_text()
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_keyboard_navigation_and_english_labels(page, server):
    base, _ = server
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    page.keyboard.press("/")  # progressive enhancement: "/" jumps to the search box
    assert page.evaluate("document.activeElement.id") == "home-q"
    page.locator(".lang-switch a").click()
    assert page.get_attribute("html", "lang") == "en" and page.get_attribute("html", "dir") == "ltr"
    assert page.locator("h2", has_text="Latest articles").is_visible()
    # the choice sticks (cookie) while article text stays Arabic and right-to-left
    page.goto(base + "/search?q=الصقور")
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("li.hit h3").get_attribute("dir") == "rtl"


def test_works_without_javascript(browser, server):
    base, archive = server
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "/search?q=الهاشمي")
    pg.locator("li.hit h3 a").first.click()
    pg.wait_for_url(re.compile(r"/articles/"))
    assert pg.locator("a.ent-PERS").count() >= 1
    assert pg.locator("button.copy").is_hidden()  # needs JS, so it stays hidden
    pg.goto(base + "/analyze")
    pg.fill("#text", "   ")
    pg.locator("form.analyze-form button[type=submit]").click()
    assert pg.locator("p.error[role=alert]").is_visible()
    context.close()


def test_analyse_page_in_the_browser(page, server):
    base, _ = server
    page.goto(base + "/analyze")
    shot(page, "analyze")
    page.fill("#text", "افتتح المهندس سالم الهاشمي يوم الأحد مكتبة عامة جديدة في مدينة الواحة.")
    page.locator("form.analyze-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("p.error[role=alert]").count() == 0
    assert "مكتبة عامة جديدة" in page.locator(".article-body").inner_text()
    assert page.locator(".article-body a.ent-PERS").count() >= 1  # the real entity analyser ran
    assert page.locator("p.notice").is_visible()  # "not stored"
