"""Batch ingest: read inputs, analyse in worker processes, store in atomic batches.

Flow (one writer, N analysers)::

    main: expand paths → read records → skip inputs the archive already has, and hold
            back a record that repeats an earlier one of the run (REPEAT_MEMORY)
          → worker pool, 16 records per task: pipeline.run_many + index terms + MinHash
            (marsad.corpus.prepare)
    main: collect results (each held-back repeat right after the record it repeats)
          → Store.add_items(batch) (one transaction per batch)
          → story clustering of the batch's articles (marsad.corpus.stories), while the
            workers analyse the next records

Safety: every batch is one transaction that also records the batch's input keys, so a
process killed at any point (even ``kill -9``) leaves whole batches only, and a rerun
skips exactly the inputs that were committed.  Idempotency: the input key (source +
raw content) and the content hash (normalised clean text) both make a second ingest of
the same material store nothing new.

Before analysis, a first pass over the inputs counts them (for the progress bar's ETA)
and collects per-site repeated-line statistics for the cleaner
(:mod:`marsad.corpus.sitelines`).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import re
import signal
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad.corpus import dedup
from marsad.corpus.prepare import input_key, prepare
from marsad.corpus.sitelines import SiteLineStats, install
from marsad.corpus.sources import Rejected, expand, iter_inputs
from marsad.document import Article, Published
from marsad.errors import MarsadError, ModelError
from marsad.store.base import IngestItem, Store

BATCH = 200  # articles per transaction: large enough to amortise the commit, small enough to lose little on a kill
# Bounds memory: records read ahead of the writer.  Deep enough that the workers keep busy
# while the writer stores and clusters a batch: story clustering took up to 9.7 ms per article
# at 25k articles (docs/benchmarks.md, the writer table's pessimistic case), 2 s for 200, while two
# workers analyse 2 x 128 records in about 2.5 s at 20 ms each; a few MB of records.
IN_FLIGHT_PER_WORKER = 128
# Records a worker analyses together (marsad.pipeline.run_many): the entity tagger scores
# their sentences in one batch.  Measured with `benchmarks/bench_ner.py --batch-speed`
# (docs/benchmarks.md, "Ingest", fifth session): the gain is reached by 16 (64 was no
# faster), and larger batches only hold more records per worker.
ANALYSE_BATCH = 16
# Groups of input files per worker in the parallel first pass: each group sends back one
# count to pickle and merge, so a folder of thousands of one-page files costs a few
# transfers, not one per file, while a few large files still spread over the workers.
SURVEY_GROUPS_PER_WORKER = 4
# Cyclic-garbage collector thresholds while analysing.  The analysers allocate many short-lived
# lists and tuples per token while their word tables (entity tagger rows, index-term caches)
# keep growing, so at CPython's default (700, 10, 10) the collector kept re-walking those
# tables.  Measured with `benchmarks/bench_worker_gc.py` (docs/benchmarks.md, "Ingest", sixth
# session), records 1,500-2,500, two rounds: collector time 1.49 and 1.34 ms per record at the
# defaults (890 collections per 1,000 records), 0.30 and 0.27 ms at (10000, 10, 10) (15
# collections), with the same peak memory (543 and 542 MB): the analysis makes next to no
# cyclic garbage.
ANALYSE_GC_THRESHOLDS = (10_000, 10, 10)
# Records remembered for finding repeats (:class:`_FirstCopies`): a record of an outlet that
# repeats an earlier one word for word (the same page scraped twice under URL variants) is
# not analysed again but recorded against the article the earlier one became.  509 of the
# 26,254 SaudiNewsNet records (1.9 %) are such repeats, 416 of them in the same day's file as
# their first copy (median 94 records apart, at most 24,269: benchmarks/count_repeats.py).
# The feeder and the writer hold about 0.7 KB per remembered record (70 MB at this limit), and
# fingerprint and lookup cost 0.013 ms per record (the same script, all 15 days).
REPEAT_MEMORY = 100_000


@dataclass
class IngestReport:
    read: int = 0  # input records read (articles + rejected records)
    stored: int = 0  # new articles
    duplicates: int = 0  # exact reprints of a stored article (other URL/outlet): recorded, not stored
    near_duplicates: int = 0  # stored, but a near-duplicate of an earlier article
    already: int = 0  # inputs this archive had ingested before (rerun)
    rejected: Counter[str] = field(default_factory=Counter)  # reason → count
    rejected_examples: list[tuple[str, str]] = field(default_factory=list)  # (where, reason), first few
    stories: int = 0  # stories with ≥ 2 articles touched by this run
    pages: int = 0  # new articles stored with their rendered page fragments (``render``)
    seconds: float = 0.0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["rejected"] = dict(self.rejected)
        d["rejected_total"] = self.rejected_total
        d["articles_per_second"] = round(self.read / self.seconds, 1) if self.seconds else None
        return d


Progress = Callable[[str, int, int | None], None]  # (phase, done, total)
# an analysed article → what the store keeps beside it (page fragments by kind)
Render = Callable[[Article], dict[str, bytes]]


_RECORD_NO = re.compile(r"\b(record|line) \d+\b")
_COLUMN_NO = re.compile(r" at line \d+ column \d+| \(column \d+\)")


def _reason(reason: str) -> str:
    """A reason without its location (file, record number), so equal causes count together."""
    head, sep, tail = reason.partition(": ")
    if sep and ("/" in head or "!" in head or "#" in head or head.endswith((".json", ".jsonl", ".zip", ".html", ".txt"))):
        reason = tail
    reason = _COLUMN_NO.sub("", reason)
    return _RECORD_NO.sub(r"\1", reason)


# --- worker side -------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init_worker(
    stats: SiteLineStats | None,
    components: list[str] | None,
    exclude: list[str] | None = None,
    render: Render | None = None,
) -> None:
    _init_worker_inline(stats, components, exclude, render)
    _ignore_interrupts()
    gc.set_threshold(*ANALYSE_GC_THRESHOLDS)  # inherited through fork; set again for spawn
    # what the worker inherited lives as long as it does: keep it out of every collection
    # (and its pages shared with the parent instead of copied when the collector touches them)
    gc.freeze()


@contextmanager
def analysis_collector() -> Iterator[None]:
    """Run the block with :data:`ANALYSE_GC_THRESHOLDS`, then restore the caller's thresholds
    (``ingest`` may run inside a longer-lived program)."""
    before = gc.get_threshold()
    gc.set_threshold(*ANALYSE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _ignore_interrupts() -> None:
    try:  # workers ignore Ctrl-C: the main process decides and tears the pool down
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):
        pass


def _fork_context() -> Any:
    # fork: workers start with the loaded code and the cleaner's statistics, no re-import
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Ctrl-C is noted rather than raised inside the block, and raised when it ends.  Some steps
    lose a KeyboardInterrupt raised in their midst: fork's at-fork handlers (the logging
    module's, for one) print it as "Exception ignored" and the run carried on to its end, and a
    C extension being imported (scipy, under datasketch) turns it into an ImportError."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before if before is not None else signal.SIG_DFL)
    if noted:
        raise KeyboardInterrupt


def _fork_pool(processes: int, **options: Any) -> Any:
    """A worker pool, forked with Ctrl-C held (:func:`_interrupt_after`); torn down if one came."""
    pool = None
    try:
        with _interrupt_after():
            pool = _fork_context().Pool(processes, **options)
    except KeyboardInterrupt:
        if pool is not None:
            pool.terminate()
        raise
    return pool


def _init_worker_inline(
    stats: SiteLineStats | None,
    components: list[str] | None,
    exclude: list[str] | None = None,
    render: Render | None = None,
) -> None:
    install(stats)
    _W["components"] = components
    _W["exclude"] = list(exclude or ())
    _W["render"] = render


def _process_many(jobs: list[tuple[str, Article]]) -> list[tuple[str, IngestItem | Rejected]]:
    """Analyse a batch of records together; each record's input key and result (or
    rejection), in order."""
    from marsad import pipeline

    for _, article in jobs:
        if article.published and not article.reference_date:
            article.reference_date = article.published.value[:10]
    analysed = pipeline.run_many([a for _, a in jobs], _W.get("components"), exclude=_W.get("exclude", ()))
    render = _W.get("render")
    out: list[tuple[str, IngestItem | Rejected]] = []
    for (key, original), article in zip(jobs, analysed, strict=True):
        where = _where(original)
        if isinstance(article, ModelError):
            raise article  # a missing model fails every article: stop and say so, do not reject them all
        if isinstance(article, MarsadError):
            out.append((key, Rejected(where, str(article))))
            continue
        if isinstance(article, Exception):  # a bug in one analyser must not stop a 100k-article ingest
            out.append((key, Rejected(where, f"internal error in the pipeline: {type(article).__name__}: {article}")))
            continue
        if not article.text.strip():
            out.append((key, Rejected(where, "no article text left after cleaning")))
            continue
        item = prepare(article, key)
        if render is not None:
            try:
                item.fragments = render(article)
            except Exception:  # noqa: BLE001 - an article is never lost over its page: that page renders live
                item.fragments = {}
        article.raw = ""  # not stored; saves pickling it back
        article.raw_html = None
        out.append((key, item))
    return out


def _where(article: Article) -> str:
    s = article.source
    return s.url or f"{s.path}#{s.record}" if s.record is not None else (s.url or s.path or "?")


# --- main side ---------------------------------------------------------------------


def survey(
    paths: Iterable[str], max_bytes: int | None = None, stats: bool = True, workers: int = 1
) -> tuple[int, SiteLineStats]:
    """First pass: count input records and gather per-site line statistics.

    With several ``workers`` and several files, groups of files are read in parallel and
    their counts added up (the same figures): the analysis cannot start before this pass
    ends, and read by the main process alone it left the other core idle for about 0.6 ms
    per record (16 s of the 15 SaudiNewsNet days)."""
    paths = [str(p) for p in paths]
    if workers > 1:
        items = list(expand(paths))
        files = [i for i in items if isinstance(i, str)]
        if len(files) > 1 and "-" not in files:
            k = min(len(files), workers * SURVEY_GROUPS_PER_WORKER)
            groups = [files[len(files) * g // k : len(files) * (g + 1) // k] for g in range(k)]
            n = len(items) - len(files)  # each rejected path is one record read
            st = SiteLineStats()
            with _fork_pool(min(workers, k), initializer=_ignore_interrupts) as pool:
                for count, part in pool.imap(_survey_files, [(g, max_bytes, stats) for g in groups]):
                    n += count
                    st.merge(part)
            return n, st.prune()
    n, st = _survey_files((paths, max_bytes, stats))
    return n, st.prune()


def _survey_files(job: tuple[list[str], int | None, bool]) -> tuple[int, SiteLineStats]:
    """Records under some paths and their unpruned line statistics (pruning needs them all)."""
    paths, max_bytes, stats = job
    n = 0
    st = SiteLineStats()
    for item in iter_inputs(paths, max_bytes):
        n += 1
        if stats and isinstance(item, Article):
            st.add(item)
    return n, st


class _RememberedInterrupts:
    """Ctrl-C during an ingest, raised at once as Python does, and also remembered: one that
    comes while a finalizer runs (a pool's or a pipe's ``__del__``, a weakref callback) is
    printed by Python as "Exception ignored" and dropped, and the run went on to its end (a
    fresh-clone CI run caught it).  :meth:`check`, called for every record handled, raises it
    again.  Installed only over Python's own Ctrl-C handler, in the main thread."""

    def __init__(self) -> None:
        self.seen = False
        self._before: Any = None

    def __enter__(self) -> _RememberedInterrupts:
        if threading.current_thread() is threading.main_thread():
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                self._before = signal.signal(signal.SIGINT, self._interrupt)
        return self

    def _interrupt(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt

    def __exit__(self, kind: Any, *rest: Any) -> None:
        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)
        if self.seen and kind is None:
            raise KeyboardInterrupt


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int | None = None,
    batch: int = BATCH,
    components: list[str] | None = None,
    exclude: list[str] | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    site_stats: bool = True,
    cluster: bool = True,
    render: Render | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store`` (see module docstring).

    ``render``: called in the workers on each analysed article; what it returns (page
    fragments by kind, :func:`marsad.serve.fragments.fragments_of`) is stored with the article."""
    with _RememberedInterrupts() as interrupts:
        return _ingest(paths, store, interrupts, workers=workers, batch=batch, components=components,
                       exclude=exclude, max_bytes=max_bytes, progress=progress, site_stats=site_stats,
                       cluster=cluster, render=render)


def _ingest(
    paths: Iterable[str],
    store: Store,
    interrupts: _RememberedInterrupts,
    *,
    workers: int | None,
    batch: int,
    components: list[str] | None,
    exclude: list[str] | None,
    max_bytes: int | None,
    progress: Progress | None,
    site_stats: bool,
    cluster: bool,
    render: Render | None,
) -> IngestReport:
    paths = [str(p) for p in paths]
    t0 = time.perf_counter()
    report = IngestReport()
    if progress:
        progress("scan", 0, None)
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    with _interrupt_after():
        dedup.preload()  # before any fork: the survey's and the analysis' workers share it
    total, stats = survey(paths, max_bytes, site_stats, n_workers)
    interrupts.check()
    if progress:
        progress("scan", total, total)
        progress("ingest", 0, total)
    pending: list[IngestItem] = []
    done = 0
    # Stories are clustered after each stored batch (while the input comes in date order),
    # so the writer's clustering overlaps the workers' analysis instead of following it.
    clusterer = None
    if cluster:
        from marsad.corpus.stories import BatchClusterer

        clusterer = BatchClusterer(store)

    def flush() -> None:
        if not pending:
            return
        for item, outcome in zip(pending, store.add_items(pending)):
            if outcome.status == "stored":
                report.stored += 1
                if item.fragments:
                    report.pages += 1
                if outcome.near_duplicate_of:
                    report.near_duplicates += 1
                if clusterer is not None:
                    clusterer.stored(item.title_terms, item.body_terms)
            elif outcome.status == "duplicate":
                report.duplicates += 1
            else:
                report.already += 1
        pending.clear()
        if clusterer is not None:
            clusterer.batch_done()

    def reject(r: Rejected) -> None:
        reason = _reason(r.reason)
        report.rejected[reason] += 1
        if len(report.rejected_examples) < 20:
            report.rejected_examples.append((r.where, r.reason))

    repeats = _RepeatOutcomes(n_workers * IN_FLIGHT_PER_WORKER)

    def read_one() -> None:
        nonlocal done
        done += 1
        report.read += 1
        if progress:
            progress("ingest", done, total)

    def handle(key: str, result: IngestItem | Rejected) -> None:
        interrupts.check()
        read_one()
        if isinstance(result, Rejected):
            reject(result)
        else:
            pending.append(result)
        outcome, waited = repeats.handled(key, result)
        for repeat in waited:
            take_repeat(repeat, outcome)
        if len(pending) >= batch:
            flush()

    def take_repeat(repeat: _Repeat, leader: _Outcome) -> None:
        """A repeated record, once the record it repeats has been handled: rejected likewise,
        or recorded against that record's article (after it, in the store's order)."""
        read_one()
        if isinstance(leader, Rejected):
            reject(Rejected(_where(repeat.article), leader.reason))
        else:
            pending.append(repeat.item(leader.published))

    def seen() -> None:
        read_one()
        report.already += 1

    def side_effect(r: Any) -> None:
        interrupts.check()
        if r == "seen":
            seen()
        elif isinstance(r, _Repeat):
            leader = repeats.wait(r)
            if leader is not None:
                take_repeat(r, leader)
                if len(pending) >= batch:
                    flush()
        else:  # a record that could not be read
            done_reading(r)

    def done_reading(r: Rejected) -> None:
        read_one()
        reject(r)

    if n_workers <= 1:
        _init_worker_inline(stats, components, exclude, render)
        try:
            with analysis_collector():
                for jobs in _batches(_jobs(paths, store, max_bytes, side_effect), ANALYSE_BATCH):
                    for key, result in _process_many(jobs):
                        handle(key, result)
        finally:
            install(None)
    else:
        # at least one analysis batch: the feeder hands the pool whole batches, so with fewer
        # slots it would wait for results of a batch it never sent
        slots = threading.BoundedSemaphore(max(ANALYSE_BATCH, n_workers * IN_FLIGHT_PER_WORKER))
        # Skips and read errors are found in the pool's feeder thread; they reach the
        # main thread (the one writer) through this list.
        side: list[Any] = []
        side_lock = threading.Lock()

        def queue_side(r: Any) -> None:
            with side_lock:
                side.append(r)

        def drain_side() -> None:
            with side_lock:
                items = side[:]
                side.clear()
            for r in items:
                side_effect(r)

        def feed() -> Iterator[tuple[str, Article]]:
            for job in _jobs(paths, store, max_bytes, queue_side):
                slots.acquire()
                yield job

        with _fork_pool(n_workers, initializer=_init_worker, initargs=(stats, components, exclude, render)) as pool:
            for results in pool.imap_unordered(_process_many, _batches(feed(), ANALYSE_BATCH)):
                for key, result in results:
                    slots.release()
                    drain_side()
                    handle(key, result)
        drain_side()
    for r in repeats.unresolved():  # none by construction: its first copy was handled before the run ended
        done_reading(Rejected(_where(r.article), "not analysed: the record it repeats was never analysed"))
    flush()
    if clusterer is not None:
        if progress and store.unclustered(1):  # a bar only when a pass is left to do
            progress("stories", 0, None)
        # out-of-order input, or articles a killed earlier run stored but did not cluster
        report.stories = clusterer.finish(progress)
    report.seconds = time.perf_counter() - t0
    return report


def _batches(jobs: Iterable[tuple[str, Article]], size: int) -> Iterator[list[tuple[str, Article]]]:
    batch: list[tuple[str, Article]] = []
    for job in jobs:
        batch.append(job)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def record_fingerprint(article: Article) -> bytes | None:
    """What a record's clean text depends on, as a digest: its outlet (whose repeated-line
    statistics the cleaner applies), format, title, raw text, whether it came as a web page
    (the cleaner reads the lines of a page's text differently; the page itself it does not
    read) and whether it has a date (the cleaner dates an undated record from its text).  Two
    records with one fingerprint clean, and so analyse, to the same article.  None for a record
    without raw content (built by hand or by a reader that extracted the text itself)."""
    if not article.raw:
        return None
    h = hashlib.blake2b(digest_size=16)
    src = article.source
    for part in (src.site or "", src.format, article.title or "", article.raw,
                 "page" if article.raw_html is not None else "text",
                 "undated" if article.published is None else "dated"):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.digest()


@dataclass
class _Repeat:
    """A record that repeats an earlier record of this run (``leader``: that record's input
    key) word for word: see :data:`REPEAT_MEMORY`.  ``article`` keeps only what the store
    records for it (no text: repeats wait in memory until their first copy is handled)."""

    leader: str
    key: str
    article: Article

    @classmethod
    def of(cls, leader: str, key: str, record: Article) -> _Repeat:
        return cls(leader, key, Article(text="", title=record.title, source=record.source, published=record.published))

    def item(self, leader_published: Published | None) -> IngestItem:
        """What the store records for it: its own URL, outlet and date, against the article the
        leader became (the date the cleaner found in the text when the record has none)."""
        if self.article.published is None:
            self.article.published = leader_published
        return IngestItem(self.article, self.key, repeat_of=self.leader)


@dataclass
class _Analysed:
    published: Published | None


_Outcome = _Analysed | Rejected


class _FirstCopies:
    """The feeder's memory of recent records by :func:`record_fingerprint`: the input key of
    the first copy, for the last ``size`` records sent to analysis."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.sent = 0
        # fingerprint -> (input key, when sent), oldest first (an OrderedDict: a plain dict
        # used as a queue slows down once full, as its deleted front slots pile up)
        self.first: OrderedDict[bytes, tuple[str, int]] = OrderedDict()

    def leader(self, key: str, article: Article) -> str | None:
        """The first copy's input key if ``article`` repeats a recent record; else None, and the
        record counts as sent."""
        fp = record_fingerprint(article) if self.size > 0 else None
        if fp is not None:
            found = self.first.get(fp)
            if found is not None and found[1] >= self.sent - self.size:
                return found[0]
            self.first[fp] = (key, self.sent)
            self.first.move_to_end(fp)  # a forgotten first copy's fingerprint, sent again
        self.sent += 1
        first = self.first
        while first and next(iter(first.values()))[1] < self.sent - self.size:
            first.popitem(last=False)
        return None


class _RepeatOutcomes:
    """The writer's side: what became of recently handled records, and repeats waiting for
    theirs.  A repeat's first copy was sent to analysis at most ``REPEAT_MEMORY`` records
    before it (:class:`_FirstCopies`); since then fewer results have been handled than the
    records sent after it plus those sent before it and still in flight.  So a first copy not
    remembered here has not been handled yet, and the repeat waits for it."""

    def __init__(self, in_flight: int) -> None:
        self.size = REPEAT_MEMORY + 2 * in_flight + ANALYSE_BATCH
        # an analysed record's date (all a repeat takes from it), or its rejection
        self.outcomes: OrderedDict[str, _Outcome] = OrderedDict()
        self.waiting: dict[str, list[_Repeat]] = {}

    def handled(self, key: str, result: IngestItem | Rejected) -> tuple[_Outcome, list[_Repeat]]:
        """Record a handled record's result; its outcome and the repeats that waited for it."""
        outcome = result if isinstance(result, Rejected) else _Analysed(result.article.published)
        if REPEAT_MEMORY > 0:
            self.outcomes[key] = outcome
            if len(self.outcomes) > self.size:
                self.outcomes.popitem(last=False)
        return outcome, self.waiting.pop(key, [])

    def wait(self, repeat: _Repeat) -> _Outcome | None:
        """The first copy's result if it has been handled; else None, and the repeat waits."""
        found = self.outcomes.get(repeat.leader)
        if found is None:
            self.waiting.setdefault(repeat.leader, []).append(repeat)
        return found

    def unresolved(self) -> list[_Repeat]:
        left = [r for rs in self.waiting.values() for r in rs]
        self.waiting.clear()
        return left


def _jobs(
    paths: list[str], store: Store, max_bytes: int | None, on_side: Callable[[Any], None]
) -> Iterator[tuple[str, Article]]:
    """Records still to analyse, as ``(input key, article)``; reports skips via ``on_side``.

    Keys are checked against the archive in chunks (one query per chunk)."""
    chunk: list[tuple[str, Article]] = []
    first_copies = _FirstCopies(REPEAT_MEMORY)

    def release() -> Iterator[tuple[str, Article]]:
        known = store.known_inputs(k for k, _ in chunk)
        for key, art in chunk:
            if key in known:
                on_side("seen")
            elif (leader := first_copies.leader(key, art)) is not None:
                on_side(_Repeat.of(leader, key, art))
            else:
                yield key, art
        chunk.clear()

    for item in iter_inputs(paths, max_bytes):
        if isinstance(item, Rejected):
            on_side(item)
            continue
        chunk.append((input_key(item), item))
        if len(chunk) >= 100:
            yield from release()
    if chunk:
        yield from release()
