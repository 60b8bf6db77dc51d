"""Per-site repeated-line statistics for the cleaner.

A line printed under most of one outlet's articles ("all rights reserved", a follow-us
prompt, the outlet's own name) is boilerplate there even when it reads like a sentence.
Ingest counts, per ``Source.site``, in how many of that site's articles each line occurs
and plugs the share into the cleaner through its documented hook
(:func:`marsad.clean.cleaner.set_site_line_frequency`).  Nothing else of the cleaner is
touched.

Only sites with at least :data:`MIN_SITE_ARTICLES` articles get a signal (a share among
three articles means nothing), and only lines seen in at least :data:`MIN_LINE_ARTICLES`
articles are kept, which keeps the table small enough to hand to every worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from marsad.document import Article

MIN_SITE_ARTICLES = 20
MIN_LINE_ARTICLES = 3


class SiteLineStats:
    """Counts of line keys per site; :meth:`share` is the cleaner's ``(site, key) -> share``."""

    def __init__(self) -> None:
        self.articles: Counter[str] = Counter()
        self.lines: dict[str, Counter[str]] = {}

    def add(self, article: Article) -> None:
        site = article.source.site
        text = article.raw or article.text
        if not site or not text:
            return
        self.articles[site] += 1
        from marsad.clean.cleaner import site_line_keys

        self.lines.setdefault(site, Counter()).update(site_line_keys(article))

    def merge(self, other: SiteLineStats) -> None:
        """Add another (unpruned) count of other articles: as if this one had counted them too."""
        self.articles.update(other.articles)
        for site, counts in other.lines.items():
            self.lines.setdefault(site, Counter()).update(counts)

    def update(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.add(a)

    def prune(self) -> SiteLineStats:
        """Keep only what can produce a signal (see module docstring)."""
        out = SiteLineStats()
        for site, n in self.articles.items():
            if n < MIN_SITE_ARTICLES:
                continue
            kept = Counter({k: c for k, c in self.lines.get(site, {}).items() if c >= MIN_LINE_ARTICLES})
            out.articles[site] = n
            out.lines[site] = kept
        return out

    def share(self, site: str, key: str) -> float:
        n = self.articles.get(site, 0)
        if n < MIN_SITE_ARTICLES:
            return 0.0
        return self.lines.get(site, {}).get(key, 0) / n

    def __call__(self, site: str, key: str) -> float:
        return self.share(site, key)

    def top(self, site: str, n: int = 10) -> list[tuple[str, float]]:
        total = self.articles.get(site, 0) or 1
        return [(k, c / total) for k, c in self.lines.get(site, Counter()).most_common(n)]


def install(stats: SiteLineStats | None) -> None:
    """Plug ``stats`` into the cleaner (None removes it)."""
    from marsad.clean.cleaner import set_site_line_frequency

    set_site_line_frequency(stats if stats is not None else None)
