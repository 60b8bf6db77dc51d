"""The storage interface of the marsad archive.

Everything outside ``marsad/store/`` (ingest, search CLI, the web app and API) talks to
an archive through :class:`Store` only; backend specifics (SQL dialect, full-text engine,
file layout) stay inside the backend module.  The embedded default is
:class:`marsad.store.sqlite.SQLiteStore`; a PostgreSQL backend can be added later by
implementing the same abstract methods and registering its URL scheme in
:func:`marsad.store.open_store`.

Identifiers
-----------
Every stored article has a **short id**: the first :data:`SHORT_ID_LEN` hex digits of
its :attr:`marsad.document.Article.content_hash`.  It is stable (the same text gets the
same id in every archive), URL-safe and short enough to type (``marsad show 3fa9c02b1d``).
Any unambiguous prefix of at least 6 digits is accepted wherever an id is expected.
Stories have integer ids (``StorySummary.id``); entities are addressed by their
normalised key (``Entity.key``).

Dates
-----
``published`` values are ISO 8601 strings as found in ``Article.published.value``.
Period filters (``date_from`` / ``date_to``) are inclusive ISO dates (``"2015-07-21"``).

Snippets
--------
Search snippets are plain text cut from the article's clean text; ``highlights`` gives the
matched spans as half-open ``(start, end)`` offsets into ``snippet``, so a front end can
wrap them in ``<mark>`` (escaping the rest) and a terminal can colour them.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad.document import Article
from marsad.errors import StoreError

SHORT_ID_LEN = 10
MIN_ID_PREFIX = 6


def short_id(content_hash: str) -> str:
    """The short article id for a content hash (see module docstring)."""
    return content_hash[:SHORT_ID_LEN]


class _AsDict:
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``--json`` prints and the API returns)."""
        return asdict(self)  # type: ignore[call-overload]


# --- writing -----------------------------------------------------------------------


@dataclass
class IngestItem:
    """One analysed article ready to store, with what ingest computed for it.

    ``input_key`` identifies the *input record* (hash of the raw record and where it came
    from); the store remembers it so a rerun skips records it has already handled, even
    when they were exact duplicates.  ``minhash`` holds the near-duplicate signature
    (list of ints, see :mod:`marsad.corpus.dedup`); ``terms`` the analysed index terms of
    the title and text (see :mod:`marsad.search.analyzer`).

    ``data`` (zlib-compressed JSON of the whole article) and ``content_hash`` are filled
    by :func:`marsad.corpus.prepare.prepare` in the ingest workers, so the single writer
    does not serialise; ``article`` then keeps only what the store indexes (text, title,
    source, published, entities, topics).  A store computes both when they are missing.

    ``repeat_of`` marks a record that repeats, word for word, an earlier record of the same
    run and outlet (:func:`marsad.corpus.ingest.ingest` does not analyse it again): the input
    key of that earlier record, which the store has already been given.  Such an item
    carries only its own ``article`` metadata (URL, outlet, date) and is recorded against
    the article that earlier record became, as an exact duplicate would be.

    ``fragments`` (stored-fragment kind → encoded page fragment, see
    :mod:`marsad.serve.fragments`) are stored with the article when it is new, so its page
    needs no ``prerender`` pass; empty when the caller did not render any.
    """

    article: Article
    input_key: str
    title_terms: str = ""
    body_terms: str = ""
    minhash: list[int] | None = None
    story_terms: dict[str, int] = field(default_factory=dict)
    data: bytes | None = None
    content_hash: str = ""
    repeat_of: str | None = None
    fragments: dict[str, bytes] = field(default_factory=dict)


@dataclass
class AddOutcome(_AsDict):
    """What happened to one :class:`IngestItem` passed to :meth:`Store.add_items`.

    ``status`` is one of:

    - ``"stored"``: a new article row (``id`` is its short id; ``near_duplicate_of``
      is set when it is a near-duplicate of an earlier article);
    - ``"duplicate"``: the same normalised text is already stored (from another URL or
      outlet); the reprint is recorded against ``id`` (the stored article) and no new
      article row is made;
    - ``"seen"``: this input record was ingested before (idempotent rerun): nothing changes.
    """

    status: str
    id: str
    near_duplicate_of: str | None = None


# --- reading -----------------------------------------------------------------------


@dataclass
class ArticleSummary(_AsDict):
    """A stored article without its full analysis: what lists and search results show."""

    id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    story_id: int | None = None
    near_duplicate_of: str | None = None
    duplicates: int = 0  # exact reprints recorded against this article (other URLs/outlets)
    length: int = 0  # characters of clean text


@dataclass
class SearchFilters(_AsDict):
    """Restrictions applied on top of the text query (all optional, combined with AND).

    ``sources`` matches ``Source.site`` exactly (any of them); ``entity`` is an
    ``Entity.key``; ``topic`` a ``Topic.label``.  Dates are inclusive ISO dates.
    """

    sources: list[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    topic: str | None = None


@dataclass
class SearchHit(_AsDict):
    """One result: the best-ranked article of its story, with the others collapsed under it."""

    article: ArticleSummary
    score: float  # higher is better (negated BM25 for the SQLite backend)
    snippet: str
    highlights: list[tuple[int, int]]  # half-open spans into ``snippet``
    story_id: int | None = None
    story_size: int = 1  # articles in the whole story
    also: list[ArticleSummary] = field(default_factory=list)  # other matching articles of the same story


@dataclass
class SearchResults(_AsDict):
    query: str
    parsed: str  # the query as the engine understood it (for "did you mean" / debugging)
    total: int  # matching stories (collapsed groups), capped by the backend's scan limit
    total_articles: int  # matching articles before collapsing
    page: int
    page_size: int
    hits: list[SearchHit]
    took_ms: float = 0.0


@dataclass
class EntityCount(_AsDict):
    key: str
    name: str  # most frequent canonical/display form
    type: str  # PERS | LOC | ORG | MISC
    articles: int  # articles mentioning it
    mentions: int


@dataclass
class EntityDetail(_AsDict):
    key: str
    name: str
    type: str
    articles: int
    mentions: int
    by_day: list[tuple[str, int]]  # (ISO date, articles) ascending
    by_source: list[tuple[str, int]]  # (site, articles) descending
    related: list[EntityCount]  # entities most often in the same articles
    recent: list[ArticleSummary]  # latest articles mentioning it
    # shorter forms of this person's name counted with it (marsad.corpus.entity_aliases), each with its own counts
    aliases: list[EntityCount] = field(default_factory=list)


@dataclass
class StorySummary(_AsDict):
    id: int
    title: str | None  # title of the story's earliest article
    size: int  # articles (exact reprints not counted; see ``reprints``)
    reprints: int  # exact duplicates recorded against the story's articles
    sources: list[str]
    first: str | None  # earliest published
    last: str | None  # latest published


@dataclass
class StoryDetail(StorySummary):
    articles: list[ArticleSummary] = field(default_factory=list)  # ordered by published
    entities: list[EntityCount] = field(default_factory=list)  # most mentioned in the story


@dataclass
class StoryInput:
    """What story clustering needs of one article (see :mod:`marsad.corpus.stories`)."""

    id: str
    day: str | None
    terms: dict[str, int]
    entities: set[str]
    story_id: int | None = None
    near_duplicate_of: str | None = None


@dataclass
class StoreStats(_AsDict):
    articles: int
    duplicates: int  # exact reprints recorded (not stored as articles)
    near_duplicates: int  # stored articles that are near-duplicates of an earlier one
    stories: int  # stories with 2 or more articles
    sources: list[tuple[str, int]]
    first: str | None
    last: str | None
    schema_version: int
    size_bytes: int
    path: str | None = None


# --- the interface -----------------------------------------------------------------


class Store(abc.ABC):
    """An archive of analysed articles.  Use as a context manager, or call :meth:`close`.

    Implementations must be safe to *read* from one process while another writes
    (ingest running while the web app serves), and must apply each :meth:`add_items`
    call atomically: after a crash either all of a call's items are stored or none.
    Methods raise :class:`marsad.errors.StoreError` for storage failures and
    :class:`marsad.errors.QueryError` for malformed search queries; never a driver error.
    """

    #: schema version this code writes; older archives are migrated on open.
    schema_version: int = 0

    # -- lifecycle --------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection(s)."""

    # -- writing ----------------------------------------------------------------------
    @abc.abstractmethod
    def add_items(self, items: Iterable[IngestItem]) -> list[AddOutcome]:
        """Store a batch atomically (one transaction); one outcome per item, in order.

        Exact duplicates (same ``content_hash``, or the article of the record an item's
        ``repeat_of`` names) become reprint records; items whose
        ``input_key`` is already known are ``"seen"``; near-duplicates are detected with
        the items' MinHash signatures against everything stored (and earlier items of the
        same batch).
        """

    def add_article(self, article: Article) -> AddOutcome:
        """Analyse nothing, just index and store one already-analysed article."""
        from marsad.corpus.prepare import prepare

        return self.add_items([prepare(article)])[0]

    def add_articles(self, articles: Iterable[Article]) -> list[AddOutcome]:
        """Store already-analysed articles in one transaction (see :meth:`add_items`)."""
        from marsad.corpus.prepare import prepare

        return self.add_items([prepare(a) for a in articles])

    @abc.abstractmethod
    def has_input(self, input_key: str) -> bool:
        """True when this input record was ingested before (lets ingest skip the pipeline)."""

    @abc.abstractmethod
    def known_inputs(self, input_keys: Iterable[str]) -> set[str]:
        """The subset of ``input_keys`` already ingested (batched :meth:`has_input`)."""

    @abc.abstractmethod
    def has_hash(self, content_hash: str) -> bool:
        """True when an article with this normalised-text hash is stored."""

    # -- reading one ------------------------------------------------------------------
    @abc.abstractmethod
    def resolve_id(self, id_or_prefix: str) -> str | None:
        """The full short id for an id or unambiguous prefix (None when unknown).

        Raises :class:`marsad.errors.StoreError` when the prefix is ambiguous or shorter
        than :data:`MIN_ID_PREFIX`.
        """

    @abc.abstractmethod
    def find_url(self, url: str) -> str | None:
        """The id of the stored article for ``url`` (its own URL or that of an exact reprint)."""

    @abc.abstractmethod
    def get_article(self, id: str) -> Article | None:
        """The full stored Article (every analysis layer), or None."""

    @abc.abstractmethod
    def get_summary(self, id: str) -> ArticleSummary | None:
        """The :class:`ArticleSummary` of an article, or None."""

    @abc.abstractmethod
    def reprints(self, id: str) -> list[dict[str, Any]]:
        """Exact reprints recorded against an article: ``{"url", "site", "published"}`` dicts."""

    @abc.abstractmethod
    def near_duplicates(self, id: str) -> list[ArticleSummary]:
        """Stored articles that are near-duplicates of this one (either direction)."""

    def article_json(self, id: str) -> bytes | None:
        """The stored article as UTF-8 JSON in the Article schema, as it was stored (its
        ``schema_version`` and ``marsad_version`` are those of the marsad that stored it), or
        None.  For serving an article without rebuilding it; backends that keep JSON return
        it as is."""
        import json

        article = self.get_article(id)
        return None if article is None else json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")

    def entity_articles(self, key: str, limit: int = 12) -> list[ArticleSummary]:
        """Newest articles mentioning the entity ``key``, one per story, newest first (the
        same list as an entity-filtered empty search, without snippets)."""
        hits = self.search("", SearchFilters(entity=key), page=1, page_size=limit, collapse=True).hits
        return [h.article for h in hits]

    def story_articles(self, story_id: int, limit: int = 10) -> tuple[int, list[ArticleSummary]]:
        """``(size, first articles)`` of a story: its number of articles and its first ``limit``
        articles in time order, as in :meth:`story` (``(0, [])`` for no such story), without
        the story's entity and outlet aggregates."""
        story = self.story(story_id)
        return (story.size, story.articles[:limit]) if story is not None else (0, [])

    # -- stored renderings: what a front end computed once from an article ------------------
    # ``kind`` names the renderer, its version and anything else the rendering depends on
    # (e.g. the interface language); backends keep the bytes as given and drop them when the
    # stored article changes.  A backend without storage for them keeps nothing (the defaults).
    def get_fragment(self, id: str, kind: str) -> bytes | None:
        """The stored rendering ``kind`` of an article, or None."""
        return None

    def put_fragments(self, items: Iterable[tuple[str, str, bytes]]) -> int:
        """Store ``(article id, kind, bytes)`` renderings (replacing those of the same kind);
        returns how many were kept (articles not in the archive are skipped)."""
        return 0

    def fragment_ids(self, kind: str) -> set[str]:
        """Ids of the articles that have a stored rendering ``kind``."""
        return set()

    def prune_fragments(self, keep: Iterable[str]) -> int:
        """Delete stored renderings of every kind not in ``keep``; returns how many went."""
        return 0

    # -- lists ------------------------------------------------------------------------
    @abc.abstractmethod
    def latest(self, limit: int = 20, offset: int = 0, source: str | None = None) -> list[ArticleSummary]:
        """Most recently published articles first (then most recently stored)."""

    @abc.abstractmethod
    def iter_articles(self, batch: int = 500, skip: Collection[str] = ()) -> Iterator[tuple[str, Article]]:
        """Every stored article as ``(id, Article)``, in storage order (for exports, re-analysis),
        except the ids in ``skip`` (left out before they are decoded, so incremental jobs stay cheap)."""

    @abc.abstractmethod
    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        page: int = 1,
        page_size: int = 10,
        collapse: bool = True,
    ) -> SearchResults:
        """Full-text search with Arabic analysis (see :mod:`marsad.search.query` for the syntax).

        Ranked best first; with ``collapse`` the results are grouped by story (one hit
        per story, the other matching articles in ``SearchHit.also``).  ``page`` starts at 1.
        A query that filters only (empty text) lists the matching articles, newest first.
        """

    @abc.abstractmethod
    def entities(
        self,
        top: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        source: str | None = None,
        type: str | None = None,
    ) -> list[EntityCount]:
        """Most mentioned entities (by number of articles) in a period / outlet / type."""

    @abc.abstractmethod
    def entity(self, key: str) -> EntityDetail | None:
        """One entity over time and outlets, with related entities and recent articles."""

    @abc.abstractmethod
    def stories(
        self,
        top: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        source: str | None = None,
        min_size: int = 2,
    ) -> list[StorySummary]:
        """Largest stories (most articles, then most outlets) overlapping the period."""

    @abc.abstractmethod
    def story(self, id: int) -> StoryDetail | None:
        """One story with its articles in time order."""

    @abc.abstractmethod
    def sources(self) -> list[tuple[str, int]]:
        """Outlets (``Source.site``) with their article counts, largest first."""

    @abc.abstractmethod
    def stats(self) -> StoreStats:
        """Counts and sizes for a status line or dashboard."""

    # -- maintenance: story clustering (used by marsad.corpus.stories) ----------------
    @abc.abstractmethod
    def signatures(self) -> Iterator[tuple[str, str | None, int | None, list[int]]]:
        """``(id, url, story id, MinHash signature)`` of every article that has one."""

    @abc.abstractmethod
    def story_input(self, id: str) -> StoryInput | None:
        """What story clustering knows of one article (for evaluations and debugging)."""

    @abc.abstractmethod
    def unclustered(self, limit: int = 500) -> list[StoryInput]:
        """Articles not yet assigned to a story, oldest published first."""

    @abc.abstractmethod
    def story_candidates(
        self,
        item: StoryInput,
        date_from: str | None,
        date_to: str | None,
        limit: int = 30,
        terms: list[str] | None = None,
    ) -> list[StoryInput]:
        """Already-clustered articles in the period that share the most distinctive terms with ``item``
        (``terms``: the query terms to use, default its most frequent ones)."""

    @abc.abstractmethod
    def document_frequencies(self, terms: Iterable[str] | None = None) -> tuple[dict[str, int], int]:
        """``({term: articles containing it}, total articles)`` for IDF weights (``None``: every term)."""

    def indexed_terms(self, title_terms: str, body_terms: str) -> set[str]:
        """The distinct terms :meth:`document_frequencies` counts for an article stored with
        these term strings (an ingest run keeps its frequencies current with them).  This
        default is for an index that keeps the space-separated terms as given."""
        return set(title_terms.split()) | set(body_terms.split())

    @abc.abstractmethod
    def assign_stories(self, assignments: list[tuple[str, int | None]]) -> None:
        """Set ``(article id, story id)`` atomically; story id None means "a story of its own"
        (the backend gives it a fresh id)."""

    def story_seed(self, story_id: int) -> StoryInput | None:
        """The first article of a story (the one it was started by), for the chaining guard
        of story clustering; None when the backend does not know it."""
        return None

    def reset_stories(self) -> int:
        """Forget every story assignment so the next clustering starts over; returns the
        articles reset.  (A backend that cannot says so.)"""
        raise StoreError(f"{type(self).__name__} cannot reset stories")

    def relink_near_duplicates(self) -> int:
        """Link every stored article to its near-duplicate again with this marsad's rule, as an
        ingest in the order they were stored would; returns the articles linked.  (A backend
        that cannot says so.)"""
        raise StoreError(f"{type(self).__name__} cannot re-link near-duplicates")

    @contextlib.contextmanager
    def story_batch(self) -> Iterator[None]:
        """Group the :meth:`assign_stories` calls made inside into one transaction whose
        assignments the candidate queries inside already see (default: no grouping)."""
        yield
