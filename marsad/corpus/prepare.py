"""Turn an analysed Article into an :class:`marsad.store.IngestItem` (runs in ingest workers).

Everything CPU-heavy that the store needs per article is computed here, in the worker
processes, so the single writer only writes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache

from marsad.corpus import dedup
from marsad.document import Article
from marsad.search.analyzer import Analyzer
from marsad.store.base import IngestItem

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


def prepare(article: Article, key: str | None = None, index_analyzer: Analyzer | None = None) -> IngestItem:
    """The store's item for ``article``; ``index_analyzer`` overrides the search terms' analyser
    (the store must have been created with the same one)."""
    an = analyzer()
    title_terms = [t.term for t in an.terms(article.title or "")]
    body_terms = [t.term for t in an.terms(article.text)]
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
        article=article,
        input_key=key or input_key(article),
        title_terms=title_index,
        body_terms=body_index,
        minhash=dedup.signature_of_words(body_terms),
        story_terms=story_terms,
    )
