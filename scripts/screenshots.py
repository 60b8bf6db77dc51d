"""Screenshots of the web app's main pages, taken in Debian's Chromium (no browser download).

    python scripts/screenshots.py                        # the bundled demo corpus → docs/screenshots/
    python scripts/screenshots.py --db demo-output/demo.db --out /tmp/shots
    python scripts/screenshots.py --fixtures             # the hand-annotated test archive

Without --db it ingests marsad/samples/demo_corpus.jsonl (fictional articles) with the full
pipeline into a temporary archive, so the committed images show real output and no
third-party text.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.serve.server import running_server  # noqa: E402
from tests.serve.test_browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def pick_pages(db: str, query: str | None) -> list[tuple[str, str]]:
    """(name, path) of the pages to capture, chosen from what the archive holds."""
    from marsad.store import open_store

    with open_store(db, readonly=True, create=False) as store:
        stories = store.stories(top=1)
        people = store.entities(top=1, type="PERS") or store.entities(top=1)
        story = store.story(stories[0].id) if stories else None
        article_id = None
        if story:
            # the story article with the most analysis to show
            def richness(summary):
                art = store.get_article(summary.id)
                return (len(art.quotes) > 0, len({e.type for e in art.entities}), len(art.times)) if art else (0, 0, 0)

            article_id = max(story.articles, key=richness).id
        elif store.latest(limit=1):
            article_id = store.latest(limit=1)[0].id
        if query is None:
            query = people[0].name if people else "ال"
    pages = [("home", "/"), ("search", "/search?" + urlencode({"q": query}))]
    if article_id:
        pages.append(("article", f"/articles/{article_id}"))
    if people:
        pages.append(("entity", "/entities/" + quote(people[0].key, safe="")))
    if story:
        pages.append(("story", f"/stories/{story.id}"))
    pages.append(("analyze", "/analyze"))
    pages.append(("home-en", "/?lang=en"))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="archive to show (default: the fictional test archive)")
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    ap.add_argument("--query", help="search query to show (default: the top person's name)")
    ap.add_argument("--fixtures", action="store_true", help="use the tests' hand-annotated archive instead")
    ap.add_argument("--width", type=int, default=1280)
    args = ap.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: install Debian chromium (`make browser`)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None and args.fixtures:
            from tests.serve.conftest import build_archive

            db = build_archive(Path(tmp) / "screens.db", hostile=False)["path"]
        elif db is None:
            import subprocess

            db = str(Path(tmp) / "demo.db")
            corpus = REPO / "marsad" / "samples" / "demo_corpus.jsonl"
            subprocess.run([sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", db, "-q"], check=True,
                           stdout=subprocess.DEVNULL)
        pages = pick_pages(db, args.query)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        with running_server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": args.width, "height": 860}, locale="ar")
            page = context.new_page()
            for name, path in pages:
                page.goto(base + path)
                if name == "story":
                    for summary in page.locator("article.version details summary").all()[:2]:
                        summary.click()
                if name == "article":
                    removed = page.locator("details.removed summary")
                    if removed.count():
                        removed.click()
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(out / f"{name}.png")
                if name == "home-en":
                    page.goto(base + "/?lang=ar")  # leave the cookie on Arabic
            browser.close()


if __name__ == "__main__":
    main()
