"""Stories: articles about the same event, across outlets, within a sliding time window.

Each new article (oldest first; an ingest run clusters batch by batch while its input comes in
date order, see :class:`BatchClusterer`) is compared with the already-clustered articles published
within :data:`WINDOW_DAYS` days of it that share its most distinctive terms (candidates
come from the full-text index, so the cost does not grow with the archive).  The
similarity of two articles is

    (cosine(tf-idf of their top analysed terms) + ENTITY_WEIGHT × Jaccard(entity keys))
    / (1 + ENTITY_WEIGHT)

(the entity part counts only when both articles have entities, i.e. once the NER
component has run; otherwise the similarity is the cosine alone).  Dividing keeps both
forms on the cosine's scale, so one threshold serves archives with and without entities:
a plain sum raised every pair by the entity term, and on the fully analysed archive story
precision fell to 0.889 (docs/benchmarks.md).  The article joins the story of its most similar candidate when that
similarity reaches :data:`THRESHOLD`, else it starts a story of its own.  A
near-duplicate joins the story of the article it duplicates, unless that story began more
than :data:`MAX_SPAN_DAYS` before it.

Single-link assignment inside a short window keeps a running story together (day 1:
the announcement, day 2: reactions) without chaining a whole month of one topic; an article
must also reach :data:`SEED_THRESHOLD` with the story's first article, so a story cannot
drift one similar pair at a time, nor run on past :data:`MAX_SPAN_DAYS` after its first
article (a daily series of one template).
:data:`THRESHOLD` and :data:`ENTITY_WEIGHT` were chosen on the labelled pairs in
``benchmarks/gold/dedup_pairs.jsonl`` (same-story labels): rerun
``benchmarks/eval_dedup.py`` after any change.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable

from marsad.store.base import Store, StoryInput

WINDOW_DAYS = 2
THRESHOLD = 0.45
# Chaining guard: the story must also be this similar to the article that started it, not
# only to one member (single link let "the King receives X" chain the US defence
# secretary's visit to the Egyptian and French visits, 80 articles over a week).  Chosen on
# the same labelled pairs with the archive re-clustered from scratch (docs/benchmarks.md):
# 0.3 keeps story recall (0.921 -> 0.915) and cuts the largest story from 80 to 53 articles.
SEED_THRESHOLD = 0.3
# Span guard: an article joins a story only within this many days of the story's first article,
# a near-duplicate too.  The sliding window alone let a daily series of one template run on as
# one story (the weather service's forecasts, 37 and 40 articles over 11 and 9 days of the 15-day
# SaudiNewsNet archive; the King's congratulation cables to the heads of state of Colombia,
# Egypt, Tunisia, ..., 36 over 13 days), since each day's text is close to the last day's and to
# the first one's, or is a near-duplicate of it.  Chosen on the labelled pairs with the archive
# re-clustered from scratch (docs/benchmarks.md, "Stories: a span guard"): 2, 3 and 4 days all
# raise story precision, 3 the most, and 4 loses a labelled pair.
MAX_SPAN_DAYS = 3
ENTITY_WEIGHT = 0.2
CANDIDATES = 30
QUERY_TERMS = 8
# Candidate-finding terms occur in at most this share of the archive's articles.
QUERY_MAX_DF = 0.02
# Articles fetched and assigned per transaction (cluster_new's default; BatchClusterer's too).
CLUSTER_BATCH = 500


def _shift(day: str, days: int) -> str:
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


class Similarity:
    """tf-idf cosine + entity overlap, with document frequencies fetched from the store."""

    def __init__(self, store: Store):
        self.store = store
        self.df: dict[str, int] = {}
        self.total = 0  # articles in the archive (set by load)
        self._vectors: dict[str, dict[str, float]] = {}
        # each term's idf at the current frequencies: a batch's articles share most terms, and
        # the logarithms were a fifth of the writer's clustering time
        self._idf: dict[str, float] = {}
        self._idf_total = -1  # the article count those idfs were computed with
        self.seeds: dict[int, StoryInput | None] = {}  # story id -> its first article (per run)
        self.complete = False  # True once the whole vocabulary is loaded

    def load(self, terms: set[str] | None = None) -> None:
        """Document frequencies of ``terms`` (None: the whole vocabulary, one scan)."""
        if terms is None:
            found, total = self.store.document_frequencies(None)
            self.df.update(found)
            self.total = total
            self.complete = True
            self._idf.clear()
            return
        if self.complete:
            return
        missing = [t for t in terms if t not in self.df]
        if missing:
            found, total = self.store.document_frequencies(missing)
            self.total = total  # a changed total clears the idfs at the next vector()
            for t in missing:
                self.df[t] = found.get(t, 0)

    def count(self, title_terms: str, body_terms: str) -> None:
        """Add one newly stored article's index terms to the loaded frequencies, as the store
        counts them (:meth:`Store.indexed_terms`); lets an ingest run keep one Similarity
        across its batches instead of re-reading the whole vocabulary before each (0.5 s at
        25k articles).  Call :meth:`frequencies_changed` before the next comparisons."""
        self.total += 1
        df = self.df
        for t in self.store.indexed_terms(title_terms, body_terms):
            df[t] = df.get(t, 0) + 1

    def frequencies_changed(self) -> None:
        """Forget the article vectors weighted with the frequencies before the last counts."""
        self._vectors.clear()
        self._idf.clear()

    def vector(self, terms: dict[str, int]) -> dict[str, float]:
        self.load(set(terms))
        vec = {}
        idfs, df, total = self._idf, self.df, self.total
        if self._idf_total != total:  # count() since: every idf moved
            idfs.clear()
            self._idf_total = total
        for t, tf in terms.items():
            idf = idfs.get(t)
            if idf is None:
                idf = idfs[t] = math.log((total + 1) / (df.get(t, 0) + 1)) + 1.0
            vec[t] = (_LOG_TF[tf] if tf < len(_LOG_TF) else 1.0 + math.log(tf)) * idf
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def query_terms(self, item: StoryInput) -> list[str]:
        """Terms that find candidates: the article's heaviest terms among those rare enough
        (≤ :data:`QUERY_MAX_DF` of the archive) that the index query stays cheap; a term
        only this article has finds nothing and is skipped."""
        vec = self.vector_of(item)
        cap = max(50, QUERY_MAX_DF * self.total)
        usable = [t for t in vec if 2 <= self.df.get(t, 0) <= cap]
        chosen = sorted(usable, key=lambda t: -vec[t])[:QUERY_TERMS]
        if len(chosen) < QUERY_TERMS // 2:
            rest = sorted((t for t in vec if t not in chosen and self.df.get(t, 0) >= 2), key=lambda t: self.df[t])
            chosen += rest[: QUERY_TERMS // 2 - len(chosen)]
        return chosen

    def vector_of(self, item: StoryInput) -> dict[str, float]:
        vec = self._vectors.get(item.id)
        if vec is None:
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            vec = self._vectors[item.id] = self.vector(item.terms)
        return vec

    def __call__(self, a: StoryInput, b: StoryInput) -> float:
        va, vb = self.vector_of(a), self.vector_of(b)
        if len(va) > len(vb):
            va, vb = vb, va
        cos = sum([w * vb[t] for t, w in va.items() if t in vb])  # in va's order: same sum every run
        if a.entities and b.entities:
            ent = len(a.entities & b.entities) / len(a.entities | b.entities)
            return (cos + ENTITY_WEIGHT * ent) / (1.0 + ENTITY_WEIGHT)
        return cos


_LOG_TF = [0.0] + [1.0 + math.log(tf) for tf in range(1, 64)]  # the weight of a term seen tf times


def _seed(store: Store, story_id: int, sim: Similarity) -> StoryInput | None:
    seeds = sim.seeds
    if story_id not in seeds:
        if len(seeds) > 50_000:
            seeds.clear()
        seeds[story_id] = store.story_seed(story_id)
    return seeds[story_id]


def assign(store: Store, item: StoryInput, sim: Similarity) -> int | None:
    """The story ``item`` belongs to (None: a new story)."""
    earliest = _shift(item.day, -MAX_SPAN_DAYS) if item.day else None
    if item.near_duplicate_of:
        orig = store.get_summary(item.near_duplicate_of)
        if orig is not None and orig.story_id is not None:
            seed = _seed(store, orig.story_id, sim)
            if not (earliest and seed is not None and seed.day and seed.day < earliest):
                return orig.story_id
            # a reprint of a text from before the span (the weather service's forecast, nearly the
            # same every day) is compared like any other article
    lo = _shift(item.day, -WINDOW_DAYS) if item.day else None
    hi = _shift(item.day, WINDOW_DAYS) if item.day else None
    query_terms = sim.query_terms(item)
    scored = sorted(
        ((sim(item, c), i, c) for i, c in enumerate(store.story_candidates(item, lo, hi, CANDIDATES, terms=query_terms))
         if c.story_id is not None),
        key=lambda x: (-x[0], -x[1]),  # ties: the later candidate, as before
    )
    for s, _, cand in scored:
        if s < THRESHOLD:
            break
        seed = _seed(store, cand.story_id, sim)  # candidates without a story were left out above
        if seed is None or seed.id == cand.id:
            return cand.story_id
        if earliest and seed.day and seed.day < earliest:
            continue  # the story began too long before: the next day of a series
        if sim(item, seed) < SEED_THRESHOLD:
            continue  # close to one member only: the story would drift (chaining)
        return cand.story_id
    return None


def _cluster(
    store: Store,
    items: list[StoryInput],
    sim: Similarity,
    touched: set[int],
    progress: Callable[[str, int, int | None], None] | None,
    done: int,
) -> int:
    # one transaction per batch; inside it each article's assignment is visible to the next
    # article's candidate query (same connection)
    with store.story_batch():
        for it in items:
            story = assign(store, it, sim)
            store.assign_stories([(it.id, story)])
            if story is not None:
                touched.add(story)
            done += 1
            if progress:
                progress("stories", done, None)
    return done


def cluster_new(
    store: Store,
    progress: Callable[[str, int, int | None], None] | None = None,
    batch: int = CLUSTER_BATCH,
    sim: Similarity | None = None,
    touched: set[int] | None = None,
) -> int:
    """Assign every unclustered article to a story, oldest first; returns how many
    multi-article stories the run touched.

    ``sim``: a :class:`Similarity` kept current by the caller (see :class:`BatchClusterer`);
    by default one is loaded from the whole vocabulary.  ``touched`` collects the story ids
    across calls."""
    if sim is None:
        sim = Similarity(store)
        sim.load(None)  # the articles to cluster are all indexed already: one vocabulary scan
    touched = set() if touched is None else touched
    done = 0
    while items := store.unclustered(batch):
        done = _cluster(store, items, sim, touched, progress, done)
    return len(touched)


class BatchClusterer:
    """Story clustering for an ingest run, batch by batch as articles are stored, so the
    writer's clustering overlaps the workers' analysis instead of following it.

    Clustering is oldest first.  A batch is clustered at once only while the run's input
    comes in date order: no article without a date, none older than the story window
    before the newest day already clustered.  Then the articles are taken nearly in the
    order a single pass at the end would take them (a straggler a day late, as SaudiNewsNet
    has eight in 25k articles, is compared with the window's articles all the same).  Once
    the input is out of order (shuffled files, a backfill of older days), everything left
    waits for :meth:`finish`, the single pass over all unclustered articles.
    The frequencies of one :class:`Similarity` are counted as articles are stored, so each
    batch is compared with the archive as it stands then (a single pass at the end sees the
    whole run's frequencies: the stories of the two can differ slightly, as those of two
    ingest runs do)."""

    def __init__(self, store: Store):
        self.store = store
        self.sim = Similarity(store)
        self.sim.load(None)
        self.touched: set[int] = set()
        self.latest_day: str | None = None  # the newest day clustered in this run
        self.in_order = True

    def stored(self, title_terms: str, body_terms: str) -> None:
        """One article stored by this run (its index term strings)."""
        self.sim.count(title_terms, body_terms)

    def batch_done(self) -> None:
        """Cluster what the last stored batch added, if the input is still in date order."""
        if not self.in_order:
            return
        self.sim.frequencies_changed()
        while items := self.store.unclustered(CLUSTER_BATCH):
            if any(it.day is None for it in items) or (
                self.latest_day and items[0].day < _shift(self.latest_day, -WINDOW_DAYS)
            ):
                self.in_order = False
                return
            _cluster(self.store, items, self.sim, self.touched, None, 0)
            self.latest_day = max(self.latest_day or items[-1].day, items[-1].day)

    def finish(self, progress: Callable[[str, int, int | None], None] | None = None) -> int:
        """Cluster everything still unclustered (out-of-order input, or what a killed run
        left); returns how many multi-article stories the run touched."""
        self.sim.frequencies_changed()
        return cluster_new(self.store, progress=progress, sim=self.sim, touched=self.touched)
