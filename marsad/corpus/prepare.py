"""Turn an analysed Article into an :class:`marsad.store.IngestItem` (runs in ingest workers).

Everything CPU-heavy that the store needs per article is computed here, in the worker
processes, so the single writer only writes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from functools import lru_cache

from marsad.corpus import dedup
from marsad.document import Article
from marsad.search.analyzer import Analyzer
from marsad.store.base import IngestItem

# zlib level of the stored article JSON.  On 1,000 analysed SaudiNewsNet articles: level 6
# keeps 18.9 % of the JSON size at 0.26 ms per article, 9 saves 0.1 point at 1.3x the
# time, 1 takes half the time for 23 %.
COMPRESS_LEVEL = 6

# Terms kept per article for story clustering (by frequency); enough for the cosine of
# two news articles to be stable, small enough to keep in every row.
STORY_TERMS = 60


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    return Analyzer()


def input_key(article: Article) -> str:
    """Identity of an input *record*: where it came from plus its raw content.

    Computed before the pipeline runs, so a rerun can skip records it has handled.
    """
    src = article.source
    where = src.url or f"{src.path or ''}#{src.record if src.record is not None else ''}"
    body = article.raw or article.text
    h = hashlib.sha256()
    h.update(where.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update((article.title or "").encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def prepare(
    article: Article, key: str | None = None, index_analyzer: Analyzer | None = None, pack: bool = True
) -> IngestItem:
    """The store's item for ``article``; ``index_analyzer`` overrides the search terms' analyser
    (the store must have been created with the same one); ``pack=False`` leaves out the
    stored form (re-indexing keeps the stored article as it is)."""
    an = analyzer()
    title_terms = an.term_strings(article.title or "")
    body_terms = an.term_strings(article.text)
    counts = Counter(body_terms)
    for t in title_terms:  # the headline names the event: weigh it like a few mentions
        counts[t] += 2
    story_terms = dict(counts.most_common(STORY_TERMS))
    if index_analyzer is not None and index_analyzer.name != an.name:
        title_index = index_analyzer.index_text(article.title or "")
        body_index = index_analyzer.index_text(article.text)
    else:
        title_index, body_index = " ".join(title_terms), " ".join(body_terms)
    return IngestItem(
        article=_indexed_layers(article),
        input_key=key or input_key(article),
        title_terms=title_index,
        body_terms=body_index,
        minhash=dedup.signature_of_words(body_terms),
        story_terms=story_terms,
        data=pack_article(article) if pack else None,
        content_hash=article.content_hash if pack else "",
    )


def _indexed_layers(article: Article) -> Article:
    """The article with only the layers a store indexes (what travels back from a worker)."""
    return Article(text=article.text, title=article.title, source=article.source, published=article.published,
                   entities=article.entities, topics=article.topics)


def pack_article(article: Article) -> bytes:
    """The stored form of an article: zlib-compressed JSON (:meth:`Article.to_dict`)."""
    return zlib.compress(json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"), COMPRESS_LEVEL)
