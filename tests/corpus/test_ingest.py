"""Batch ingest: counts, idempotency, rejections, and surviving kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from corpus.fictional import generate, write_jsonl
from marsad.corpus.ingest import _survey_files, ingest
from marsad.pipeline import component_names
from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]
# The ingest mechanics do not depend on which analysers run; the cleaner alone keeps these
# tests fast and independent of other components' models.  One test runs the full pipeline.
ONLY_CLEAN = [c for c in component_names() if c != "clean"]


@pytest.fixture(scope="module")
def corpus():
    return generate(30, seed=5)


def _write_inputs(folder: Path, corpus) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    half = len(corpus) // 2
    write_jsonl(corpus[:half], folder / "a.jsonl")
    with zipfile.ZipFile(folder / "b.zip", "w") as zf:
        zf.writestr("day.json", json.dumps([a.record() for a in corpus[half:]], ensure_ascii=False))
        zf.writestr("notes/readme.md", "ignored member")


def test_ingest_counts_and_rerun_is_idempotent(tmp_path, corpus):
    _write_inputs(tmp_path / "in", corpus)
    with open_store(tmp_path / "a.db") as store:
        r1 = ingest([str(tmp_path / "in")], store, workers=2, exclude=ONLY_CLEAN)
        assert r1.read == len(corpus)
        assert r1.rejected_total == 0, r1.rejected_examples
        assert r1.duplicates == sum(1 for a in corpus if a.kind == "exact")
        assert r1.stored == len(corpus) - r1.duplicates
        assert r1.near_duplicates >= sum(1 for a in corpus if a.kind == "near")
        assert r1.stories > 0
        r2 = ingest([str(tmp_path / "in")], store, workers=1, exclude=ONLY_CLEAN)
        assert (r2.stored, r2.duplicates, r2.already) == (0, 0, len(corpus))
        assert store.stats().articles == r1.stored


def test_rejections_have_reasons_and_do_not_stop_the_rest(tmp_path, corpus):
    folder = tmp_path / "bad"
    folder.mkdir()
    recs = [a.record() for a in corpus[:5]]
    recs.insert(2, {"source": "x", "url": "https://x.example/empty", "title": "t", "content": ""})
    (folder / "day.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.json").write_text("[{", encoding="utf-8")
    (folder / "lines.jsonl").write_text(json.dumps(corpus[6].record(), ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    with open_store(tmp_path / "b.db") as store:
        r = ingest([str(folder), str(tmp_path / "missing.json"), str(tmp_path / "*.nothing")], store, workers=1,
                   exclude=ONLY_CLEAN)
    assert r.stored == 6
    reasons = " | ".join(r.rejected)
    assert "invalid JSON" in reasons
    assert "record has no text field" in reasons or "record has an empty text field" in reasons
    assert "no such file" in reasons
    assert "matches no file" in reasons
    assert r.rejected_total == 5


def test_full_pipeline_small_ingest(tmp_path, corpus):
    write_jsonl(corpus[:6], tmp_path / "six.jsonl")
    with open_store(tmp_path / "f.db") as store:
        r = ingest([str(tmp_path / "six.jsonl")], store, workers=1)
        assert r.rejected_total == 0, r.rejected_examples
        sid = store.latest(1)[0].id
        art = store.get_article(sid)
        assert art.check_spans() == []
        assert art.blocks


def _counts(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _state(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM fts").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM articles WHERE clustered = 0").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM lsh WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM inputs WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
        urls = [r[0] for r in conn.execute("SELECT url FROM articles UNION ALL SELECT url FROM reprints")]
        assert len(urls) == len(set(urls)), "an input was stored twice"
        return {
            "articles": sorted(conn.execute("SELECT sid, url, content_hash FROM articles")),
            "reprints": sorted(conn.execute("SELECT r.url, a.sid FROM reprints r JOIN articles a ON a.id = r.article_id")),
            "near": sorted(conn.execute("SELECT a.sid FROM articles a WHERE near_dup_of IS NOT NULL")),
        }
    finally:
        conn.close()


def _ingest_cmd(folder: Path, db: Path) -> list[str]:
    cmd = [sys.executable, "-m", "marsad", "ingest", str(folder), "--db", str(db), "--workers", "2", "--batch", "20", "--json"]
    for c in ONLY_CLEAN:
        cmd += ["--skip", c]
    return cmd


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_completes_exactly(tmp_path):
    big = generate(160, seed=99)  # ~450 fictional articles over 8 files
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(8):
        write_jsonl(big[i::8], folder / f"part{i}.jsonl")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    db = tmp_path / "killed.db"
    exact = sum(1 for a in big if a.kind == "exact")
    total = len(big) - exact  # articles the finished archive must hold (the generator's texts are distinct)

    proc = subprocess.Popen(_ingest_cmd(folder, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and _counts(db) < total // 4 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, as `kill -9` on the job
    proc.wait()
    partial = _counts(db)
    assert 0 < partial < total

    rerun = subprocess.run(_ingest_cmd(folder, db), env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["already"] >= partial
    state = _state(db)
    assert len(state["articles"]) == total
    assert len(state["reprints"]) == exact
    assert {u for _, u, _ in state["articles"]} | {u for u, _ in state["reprints"]} == {a.url for a in big}

    again = subprocess.run(_ingest_cmd(folder, db), env=env, capture_output=True, text=True, timeout=300)
    report = json.loads(again.stdout)
    assert (report["stored"], report["duplicates"], report["already"]) == (0, 0, len(big))
    assert _state(db) == state


def test_stored_form_is_the_article_json(tmp_path):
    """prepare() serialises in the workers with its own (faster) converter: same JSON as
    Article.to_dict, and the item sent back keeps the layers the store indexes."""
    import json
    import zlib

    from dataclasses import asdict

    from marsad import __version__
    from marsad.corpus.prepare import pack_article, prepare
    from marsad.document import SCHEMA_VERSION
    from marsad.document import Keyword, Quote, SummarySentence, TimeExpression, Topic

    for fa in generate(6, seed=11):
        art = fa.article()
        art.quotes = [Quote(art.text[:5], 0, 5, "direct", speaker="س")]
        art.times = [TimeExpression(art.text[:3], 0, 3, "DATE", "2031-03-01")]
        art.topics = [Topic("اقتصاد", 0.7)]
        art.keywords = [Keyword("كلمة", 0.5)]
        art.summary = [SummarySentence(art.text[:4], 0, 4)]
        art.meta = {"record": {"nested": [1, {"a": None}]}}
        reference = {k: v for k, v in asdict(art).items() if k not in ("raw", "raw_html")}
        assert art.to_dict() == {"schema_version": SCHEMA_VERSION, "marsad_version": __version__} | reference
        assert json.loads(zlib.decompress(pack_article(art))) == json.loads(json.dumps(art.to_dict()))
        item = prepare(art, "k")
        assert item.content_hash == art.content_hash
        assert (item.article.text, item.article.entities, item.article.topics) == (art.text, art.entities, art.topics)


def _watched_ingest(store, paths, **kw):
    """Ingest with a count of the unclustered articles before each batch is written."""
    unclustered_before_write = []
    add_items = store.add_items

    def watched(items):
        unclustered_before_write.append(len(store.unclustered(1000)))
        return add_items(items)

    store.add_items = watched
    report = ingest(paths, store, exclude=ONLY_CLEAN, **kw)
    return report, unclustered_before_write


def _one_pass(store) -> set[frozenset]:
    from marsad.corpus.stories import cluster_new

    store.reset_stories()
    cluster_new(store)
    return _partition({s.id: s.story_id for s in store.latest(1000)})


def test_stories_are_clustered_batch_by_batch_during_ingest(tmp_path, corpus):
    """Input in date order: the writer clusters each stored batch while the workers analyse
    the next records, so nothing waits for a clustering pass at the end."""
    write_jsonl(sorted(corpus, key=lambda a: a.date), tmp_path / "dated.jsonl")
    with open_store(tmp_path / "s.db") as store:
        r, unclustered = _watched_ingest(store, [str(tmp_path / "dated.jsonl")], workers=1, batch=5)
        assert len(unclustered) >= 4
        assert unclustered == [0] * len(unclustered)
        assert store.unclustered(1000) == [] and r.stories > 0
        per_batch = _partition({s.id: s.story_id for s in store.latest(1000)})
        # on this corpus the stories equal a single pass's (frequencies counted batch by
        # batch could in general move a borderline pair)
        assert per_batch == _one_pass(store)


def test_out_of_order_input_is_clustered_in_one_pass_at_the_end(tmp_path, corpus):
    """Input not in date order (here days 1-20 shuffled): batch-by-batch clustering would
    depend on the order, so once the days go backwards the run leaves the rest to one pass
    at the end, oldest first (only the first batch was clustered before); on this corpus
    the stories equal a single pass's."""
    import random

    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    write_jsonl(shuffled, tmp_path / "shuffled.jsonl")
    with open_store(tmp_path / "o.db") as store:
        r, unclustered = _watched_ingest(store, [str(tmp_path / "shuffled.jsonl")], workers=1, batch=5)
        assert max(unclustered) > 0  # clustering stopped once the days went backwards
        assert store.unclustered(1000) == [] and r.stories > 0
        at_end = _partition({s.id: s.story_id for s in store.latest(1000)})
        assert at_end == _one_pass(store)


def _partition(assignment: dict) -> set[frozenset]:
    groups: dict = {}
    for sid, story in assignment.items():
        groups.setdefault(story, set()).add(sid)
    return {frozenset(g) for g in groups.values()}


def _records_jsonl(records: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_an_undated_article_leaves_the_rest_to_the_final_pass(tmp_path, corpus):
    """Without a date an article has no place in the date order: from its batch on, the run
    clusters at the end (the undated one first, as a single pass orders them)."""
    records = [a.record() for a in sorted(corpus, key=lambda a: a.date)]
    del records[12]["date_extracted"]
    _records_jsonl(records, tmp_path / "undated.jsonl")
    with open_store(tmp_path / "u.db") as store:
        _, unclustered = _watched_ingest(store, [str(tmp_path / "undated.jsonl")], workers=1, batch=5)
        assert unclustered[:2] == [0, 0]  # before the undated record: batch by batch
        assert unclustered[-1] > 0  # after it: left for the end
        assert store.unclustered(1000) == []


def test_a_straggler_a_day_late_keeps_batch_by_batch_clustering(tmp_path, corpus):
    """An article a day older than the newest clustered one (inside the story window) does
    not stop batch-by-batch clustering; one older than the window does."""
    ordered = sorted(corpus, key=lambda a: a.date)
    days = sorted({a.date for a in ordered})
    late = next(i for i, a in enumerate(ordered) if a.date == days[6])
    for shift, expect_batch_by_batch in ((1, True), (3, False)):
        records = [a.record() for a in ordered]
        straggler = dict(records[late], url=records[late]["url"] + f"/late{shift}")
        straggler["date_extracted"] = days[6 - shift] + " 10:00:00"
        # its own text (a copy would be stored as an exact reprint, not as an article)
        straggler["content"] = ordered[0].content + "\nوأضاف المتحدث أن اللجنة ستجتمع مرة أخرى الأسبوع المقبل."
        records.insert(late + 7, straggler)
        _records_jsonl(records, tmp_path / f"s{shift}.jsonl")
        with open_store(tmp_path / f"s{shift}.db") as store:
            _, unclustered = _watched_ingest(store, [str(tmp_path / f"s{shift}.jsonl")], workers=1, batch=5)
            assert (unclustered == [0] * len(unclustered)) is expect_batch_by_batch, unclustered
            assert store.unclustered(1000) == []


_SURVEY_FILES = _survey_files  # the real reader, kept before a test patches the module's name


def _recording_survey(job):
    """The first pass's reader, noting which process ran it (module level: the pool pickles it)."""
    with open(os.environ["MARSAD_TEST_READERS"], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return _SURVEY_FILES(job)


def test_parallel_survey_counts_what_the_sequential_one_counts(tmp_path, corpus, monkeypatch):
    from marsad.corpus import sitelines
    from marsad.corpus.ingest import survey

    from marsad.corpus import ingest as ingest_module

    monkeypatch.setattr(sitelines, "MIN_SITE_ARTICLES", 1)  # the fixture's sites are small
    readers = tmp_path / "readers.txt"
    monkeypatch.setenv("MARSAD_TEST_READERS", str(readers))  # forked workers inherit it
    monkeypatch.setattr(ingest_module, "_survey_files", _recording_survey)
    _write_inputs(tmp_path / "in", corpus)
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    paths = [str(tmp_path / "in"), str(tmp_path / "missing.jsonl")]
    n1, seq = survey(paths, stats=True, workers=1)
    n2, par = survey(paths, stats=True, workers=2)
    assert n1 == n2 == len(corpus) + 2  # the articles, the broken file, the missing path
    assert seq.articles == par.articles and seq.articles
    assert seq.lines == par.lines
    pids = readers.read_text(encoding="utf-8").split()
    assert str(os.getpid()) in pids and len(set(pids) - {str(os.getpid())}) >= 1  # the second pass ran in workers


_MARKER = "مرصدكسر"  # a word no fictional article has: the test component fails on it


def _fragile(article):
    from marsad.errors import MarsadError, ModelError

    if _MARKER + "نموذج" in article.text:
        raise ModelError("the test model is missing")
    if _MARKER + "خطأ" in article.text:
        raise MarsadError("this article is refused by the test component")
    if _MARKER in article.text:
        raise ValueError("a bug in the test component")
    return article


@pytest.fixture
def fragile_component(monkeypatch):
    from marsad import pipeline

    # forked workers inherit the patched registry and pipeline list
    monkeypatch.setitem(pipeline._REGISTRY, "test-fragile", _fragile)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-fragile", __name__)])


@pytest.mark.parametrize("workers", [1, 2])
def test_one_failing_record_in_an_analysis_batch_is_rejected_alone(tmp_path, corpus, fragile_component, workers):
    recs = [a.record() for a in corpus[:20]]
    recs[3]["content"] += f" {_MARKER}"
    recs[11]["content"] += f" {_MARKER}خطأ"
    (tmp_path / "in.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    with open_store(tmp_path / "e.db") as store:
        r = ingest([str(tmp_path / "in.json")], store, workers=workers, components=["clean", "test-fragile"])
        urls = {a.url for a in store.latest(limit=100)}
    assert r.rejected_total == 2
    assert any("internal error in the pipeline: ValueError: a bug in the test component" in k for k in r.rejected)
    assert any("refused by the test component" in k for k in r.rejected)
    assert r.stored + r.duplicates == 18  # every other record of the batches went through
    assert recs[3]["url"] not in urls and recs[11]["url"] not in urls
    assert recs[4]["url"] in urls  # its neighbour in the same batch was stored


@pytest.mark.parametrize("workers", [1, 2])
def test_a_missing_model_in_an_analysis_batch_stops_the_ingest(tmp_path, corpus, fragile_component, workers):
    from marsad.errors import ModelError

    recs = [a.record() for a in corpus[:20]]
    recs[5]["content"] += f" {_MARKER}نموذج"
    (tmp_path / "in.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    with open_store(tmp_path / "m.db") as store, pytest.raises(ModelError, match="test model is missing"):
        ingest([str(tmp_path / "in.json")], store, workers=workers, components=["clean", "test-fragile"])


def test_text_views_outlive_an_analysis_batch():
    # the entity tagger reads a batch's texts before the other stages read them again one by
    # one: the shared text views must still hold the whole batch by then
    from marsad.corpus.ingest import ANALYSE_BATCH
    from marsad.text import views

    assert views.CACHE_SIZE >= 2 * ANALYSE_BATCH


def _record_collector(article):
    import gc

    with open(os.environ["MARSAD_TEST_GC_LOG"], "a", encoding="utf-8") as fh:
        fh.write("%d,%d,%d\n" % gc.get_threshold())
    return article


@pytest.mark.parametrize("workers", [1, 2])
def test_analysis_runs_with_the_tuned_collector_and_the_caller_keeps_its_own(tmp_path, corpus, monkeypatch, workers):
    import gc

    from marsad import pipeline
    from marsad.corpus.ingest import ANALYSE_GC_THRESHOLDS

    log = tmp_path / "gc.log"
    monkeypatch.setenv("MARSAD_TEST_GC_LOG", str(log))
    monkeypatch.setitem(pipeline._REGISTRY, "test-gc", _record_collector)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-gc", __name__)])
    before = gc.get_threshold()
    assert before != ANALYSE_GC_THRESHOLDS
    write_jsonl(corpus[:6], tmp_path / "in.jsonl")
    with open_store(tmp_path / "g.db") as store:
        ingest([str(tmp_path / "in.jsonl")], store, workers=workers, components=["clean", "test-gc"])
    seen = set(log.read_text(encoding="utf-8").split())
    assert seen == {"%d,%d,%d" % ANALYSE_GC_THRESHOLDS}
    assert gc.get_threshold() == before


def _record_minhash_library(article):
    import sys

    with open(os.environ["MARSAD_TEST_MODULES_LOG"], "a", encoding="utf-8") as fh:
        fh.write(f"{'datasketch' in sys.modules}\n")
    return article


def test_workers_inherit_the_minhash_library_instead_of_each_importing_it(tmp_path, corpus, monkeypatch):
    # datasketch imports scipy (0.7 s and ~50 MB a process): loaded once before the fork
    from marsad import pipeline

    log = tmp_path / "modules.log"
    monkeypatch.setenv("MARSAD_TEST_MODULES_LOG", str(log))
    monkeypatch.setitem(pipeline._REGISTRY, "test-modules", _record_minhash_library)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-modules", __name__)])
    write_jsonl(corpus[:6], tmp_path / "in.jsonl")
    with open_store(tmp_path / "d.db") as store:
        ingest([str(tmp_path / "in.jsonl")], store, workers=2, components=["clean", "test-modules"])
    assert set(log.read_text(encoding="utf-8").split()) == {"True"}


def test_ctrl_c_while_the_workers_are_forked_is_not_lost(monkeypatch):
    # Python prints and drops a KeyboardInterrupt raised inside fork's at-fork handlers: the
    # pool holds Ctrl-C while forking and raises it once the pool exists, which it tears down
    import multiprocessing as mp
    import signal

    from marsad.corpus import ingest as ing

    made = []

    class InterruptedWhileForking:
        def Pool(self, processes, **options):  # noqa: N802 - multiprocessing's name
            os.kill(os.getpid(), signal.SIGINT)
            made.append(mp.get_context("fork").Pool(processes, **options))
            return made[-1]

    monkeypatch.setattr(ing, "_fork_context", lambda: InterruptedWhileForking())
    with pytest.raises(KeyboardInterrupt):
        ing._fork_pool(2, initializer=ing._ignore_interrupts)
    made[0].join()  # terminated: its workers are gone
    assert not mp.active_children()


def test_ctrl_c_while_importing_the_minhash_library_is_an_interrupt(tmp_path, corpus, monkeypatch):
    # an extension module interrupted while it initialises raises ImportError, not
    # KeyboardInterrupt (scipy, under datasketch): ingest holds Ctrl-C until the import is done
    import signal

    from marsad.corpus import dedup

    def preload_like_an_extension():
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.2)
        except KeyboardInterrupt:
            raise ImportError("initialization failed") from None

    monkeypatch.setattr(dedup, "preload", preload_like_an_extension)
    write_jsonl(corpus[:4], tmp_path / "in.jsonl")
    with open_store(tmp_path / "k.db") as store, pytest.raises(KeyboardInterrupt):
        ingest([str(tmp_path / "in.jsonl")], store, workers=2)


# --- records an outlet repeats word for word -----------------------------------------

_ANALYSED_LOG: list[Path] = []  # where _record_analysed appends (inherited by forked workers)


def _record_analysed(article):
    with open(_ANALYSED_LOG[0], "a", encoding="utf-8") as fh:
        fh.write(f"{article.source.url}\n")
    return article


@pytest.fixture
def analysed_log(tmp_path, monkeypatch):
    from marsad import pipeline

    log = tmp_path / "analysed.txt"
    log.touch()
    monkeypatch.setattr(sys.modules[__name__], "_ANALYSED_LOG", [log])
    monkeypatch.setitem(pipeline._REGISTRY, "test-analysed-log", _record_analysed)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-analysed-log", __name__)])
    return log


def _repeat_records(corpus) -> tuple[list[dict], set[str]]:
    """Records of which five repeat an earlier one of their outlet (URL variants, another
    day's file): one right after its first copy (in the same analysis batch), four after 36
    other records (their first copies handled by then); returns them and the repeats' URLs."""
    recs = [a.record() for a in corpus[:12]]
    undated = {"source": "wasla", "url": "https://wasla.example/undated", "title": "افتتاح مستشفى جديد",
               "author": "", "content": "الرياض - 21 يوليو 2015\nأعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد "
               "في المدينة بسعة مئتي سرير، وقال المتحدث باسم الوزارة إن المستشفى سيخدم سكان الأحياء الشمالية.\n"
               "وأضاف أن العمل في المشروع بدأ قبل عامين بتكلفة تجاوزت ثلاثمئة مليون ريال."}
    refused = dict(recs[7], url=recs[7]["url"] + "-refused", content=recs[7]["content"] + f" {_MARKER}خطأ")
    near = [dict(recs[1], url=recs[1]["url"] + "?utm_source=share")]
    far = [
        dict(recs[1], url=recs[1]["url"] + "?amp=1"),
        dict(recs[9], url=recs[9]["url"] + "/", date_extracted="2015-08-02 09:00:00"),  # saved again a day later
        dict(undated, url=undated["url"] + "?p=2"),
        dict(refused, url=refused["url"] + "?p=2"),
    ]
    fillers = [a.record() for a in corpus[12:48]]
    assert len(fillers) == 36
    return recs + [undated, refused] + near + fillers + far, {r["url"] for r in near + far}


def _archive(db: Path) -> dict:
    """What an archive holds, independent of which copy of a text came first (with several
    workers that depends on which finished first): each URL's outlet and date and the URLs
    it shares a text with, and each input record's group."""
    _state(db)  # integrity
    conn = sqlite3.connect(db)
    try:
        rows = list(conn.execute("SELECT id, url, site, published, day FROM articles")) + list(
            conn.execute("SELECT article_id, url, site, published, day FROM reprints"))
        groups: dict[int, set] = {}
        for aid, url, *_ in rows:
            groups.setdefault(aid, set()).add(url)
        inputs = conn.execute("SELECT key, article_id FROM inputs").fetchall()
        return {
            "urls": {url: (site, published, day, frozenset(groups[aid])) for aid, url, site, published, day in rows},
            "inputs": {key: frozenset(groups[aid]) for key, aid in inputs},
            "reprint_rows": sorted(conn.execute("SELECT url, site, published, day FROM reprints")),
        }
    finally:
        conn.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_record_its_outlet_repeats_is_recorded_without_a_second_analysis(
    tmp_path, corpus, analysed_log, fragile_component, monkeypatch, workers
):  # (analysed_log first: the pipeline runs its component before the fragile one)
    import marsad.corpus.ingest as ingest_module

    recs, repeat_urls = _repeat_records(corpus)
    (tmp_path / "in.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    components = ["clean", "test-analysed-log", "test-fragile"]
    found: list[bool] = []  # did a repeat find its first copy handled already?
    wait = ingest_module._RepeatOutcomes.wait

    def watched(self, repeat):
        outcome = wait(self, repeat)
        found.append(outcome is not None)
        return outcome

    monkeypatch.setattr(ingest_module._RepeatOutcomes, "wait", watched)
    # one analysis batch in flight per worker, so the 36 records between the far repeats and their first
    # copies are analysed (and those copies handled) before the feeder reads the repeats
    monkeypatch.setattr(ingest_module, "IN_FLIGHT_PER_WORKER", ingest_module.ANALYSE_BATCH)
    reports, archives, analysed = [], [], []
    for memory in (0, ingest_module.REPEAT_MEMORY):  # without the shortcut, then with it
        monkeypatch.setattr(ingest_module, "REPEAT_MEMORY", memory)
        analysed_log.write_text("")
        with open_store(tmp_path / f"r{memory}.db") as store:
            r = ingest([str(tmp_path / "in.json")], store, workers=workers, components=components, batch=3)
        # (workers return results in the order they finish)
        reports.append(r.to_dict() | {"seconds": 0, "articles_per_second": 0,
                                      "rejected_examples": sorted(r.rejected_examples)})
        archives.append(_archive(tmp_path / f"r{memory}.db"))
        analysed.append(analysed_log.read_text().split())
    # the same archive and report as analysing every record ...
    assert reports[0] == reports[1]
    assert archives[0]["urls"] == archives[1]["urls"] and archives[0]["inputs"] == archives[1]["inputs"]
    if workers == 1:  # in input order: the same copy of each text is the stored one
        assert archives[0] == archives[1]
    exact = sum(1 for a in corpus[:48] if a.kind == "exact")
    assert reports[1]["duplicates"] == 4 + exact and reports[1]["rejected_total"] == 2
    assert len(found) == 5 and any(found)  # the far repeats' first copies were handled before them
    if workers == 1:
        assert found == [False, True, True, True, True]  # the near one waited for its first copy
    assert any("refused by the test component" in k for k in reports[1]["rejected"])
    day_of = {url: day for url, _, _, day in archives[1]["reprint_rows"]}
    assert day_of[recs[12]["url"] + "?p=2"] == "2015-07-21"  # the date the cleaner found in the text
    assert day_of[recs[9]["url"] + "/"] == "2015-08-02"  # the repeat's own date
    # ... without analysing the repeats (the refused record's neither)
    assert sorted(analysed[0]) == sorted(r["url"] for r in recs)
    assert sorted(analysed[1]) == sorted(r["url"] for r in recs if r["url"] not in repeat_urls)
    with open_store(tmp_path / f"r{ingest_module.REPEAT_MEMORY}.db") as store:  # a rerun adds nothing
        again = ingest([str(tmp_path / "in.json")], store, workers=workers, components=components)
    assert (again.stored, again.duplicates, again.already) == (0, 0, len(recs) - 2)


def test_repeats_are_remembered_for_the_last_records_only():
    from marsad.corpus.ingest import _FirstCopies
    from marsad.document import Article, Source

    def rec(i: int) -> Article:
        return Article(text="", raw=f"نص الخبر رقم {i}", title="عنوان", source=Source(site="x", format="json"))

    first = _FirstCopies(3)
    assert [first.leader(f"k{i}", rec(i)) for i in range(3)] == [None] * 3
    assert first.leader("again0", rec(0)) == "k0"  # a repeat is not sent, and does not count
    assert first.leader("k3", rec(3)) is None  # the fourth record sent: k0 is forgotten
    assert first.leader("late0", rec(0)) is None  # so this copy is analysed, and remembered
    assert first.leader("again3", rec(3)) == "k3"
    assert first.leader("again-late0", rec(0)) == "late0"
    assert len(first.first) <= 3
    other_site = Article(text="", raw="نص الخبر رقم 3", title="عنوان", source=Source(site="y", format="json"))
    assert first.leader("y3", other_site) is None  # another outlet's copy may clean differently
    assert first.leader("hand", Article(text="نص")) is None  # no raw content: always analysed


def test_a_repeat_whose_first_copy_is_missing_is_a_store_error(tmp_path):
    from marsad.document import Article, Source
    from marsad.errors import StoreError
    from marsad.store.base import IngestItem

    with open_store(tmp_path / "s.db") as store:
        item = IngestItem(Article(text="", source=Source(url="https://x.example/1")), "key", repeat_of="never-stored")
        with pytest.raises(StoreError, match="the record it repeats is not in"):
            store.add_items([item])
        assert store.stats().articles == 0


def test_fewer_records_in_flight_than_one_analysis_batch_still_ingests(tmp_path, corpus):
    # run in a child process: before the guard this deadlocked (the feeder waited for the
    # results of a batch it had not sent), and a timeout must end it
    write_jsonl(corpus[:40], tmp_path / "in.jsonl")
    code = (
        "import sys; from marsad.corpus import ingest as i; from marsad.store import open_store\n"
        "i.IN_FLIGHT_PER_WORKER = 1\n"
        f"s = open_store({str(tmp_path / 'f.db')!r})\n"
        f"r = i.ingest([{str(tmp_path / 'in.jsonl')!r}], s, workers=2, exclude={ONLY_CLEAN!r})\n"
        "print(r.read)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["40"]


class _InterruptWhileFinalized:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # the handler runs here, inside the finalizer, which drops what it raises
            pass


def _interrupt_in_a_finalizer(article):
    if _MARKER + "مقاطعة" in article.text:
        _InterruptWhileFinalized()  # made and finalized at once
    return article


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped interrupt, as reported
def test_ctrl_c_dropped_inside_a_finalizer_still_stops_the_ingest(tmp_path, corpus, monkeypatch):
    from marsad import pipeline

    # Python's own Ctrl-C handler, which a process started in the background without job
    # control does not get (it inherits SIGINT ignored)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    monkeypatch.setitem(pipeline._REGISTRY, "test-finalizer", _interrupt_in_a_finalizer)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-finalizer", __name__)])
    recs = [a.record() for a in corpus[:40]]
    recs[3]["content"] += f" {_MARKER}مقاطعة"
    (tmp_path / "in.json").write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    with open_store(tmp_path / "i.db") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest([str(tmp_path / "in.json")], store, workers=1, components=["clean", "test-finalizer"], batch=5)
        assert store.stats().articles < len(recs)  # it stopped, within the batch after the interrupt
    try:
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the caller's handler is back
    finally:
        signal.signal(signal.SIGINT, before)
