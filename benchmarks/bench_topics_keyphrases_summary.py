"""Speed of the topics, keyphrases and summary stages on real ~500-word articles.

    .venv/bin/python benchmarks/bench_topics_keyphrases_summary.py [--articles N]

Takes SaudiNewsNet articles of 400–600 words and runs the three pipeline components on
each (loading the topic model and the word-fact lexicon excluded and reported apart).  Times are CPU time of this process
(``time.process_time``), scaled to 500 words: the benchmark machine is shared, and wall
time there mostly measures the neighbours.  Target: all three ≤ 3 ms.

Per-word analyses (clitics, stems) are cached per process, so two figures are printed:
"first articles" (empty caches) and "steady state" (unseen articles from the last days,
after --warmup articles from the first days went through): what a batch or the archive
sees.  The time of an empty Python loop iteration is printed to compare machines.
Skips (exit 0, with a message) when ../shared is absent.

The stages share one per-article word pass (``marsad.analyze.wordstats.analyse``: sentences,
words, word facts), made by whichever stage runs first (topics) and reused by the other
two; its cost is inside the three stages' time, as it was when keyphrases made it.

On a shared machine single runs move by ±30 % with the neighbours' load, more than most
changes.  ``--against REV`` loads fresh copies of the marsad package of git revision REV
(exported with ``git archive``) and of this working tree (imports renamed in both) and runs
both on each article in turn, in one process, so both see the same load: the ratio of their
medians is the comparison to trust (against this tree's own commit it reads 1.00 ± 0.02);
with ``--stages`` it also prints each stage's median for both.
``--outputs REV`` instead checks that this tree's topics, keywords (with offsets), summaries
and warnings equal REV's on ~1,000 inputs (every 26th SaudiNewsNet record, made-up entity
layers and headings on some, a few odd texts); exit status 1 when any differs.
``--text-core`` adds the per-word cost of the text core (normalise, clitic split, light
stem without its cache) on the steady-state articles' unseen words.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.document import Article  # noqa: E402
from marsad.pipeline import get_component  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared")).resolve()
STAGES = ("topics", "keyphrases", "summary")


def sample(n: int, newest: bool = True) -> list[tuple[str, str]]:
    """n articles of 400-600 words, from the newest days (or from the oldest)."""
    out = []
    files = sorted((SHARED / "data" / "news" / "saudinewsnet").glob("*.zip"))
    for path in reversed(files) if newest else files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for rec in json.loads(z.read(name).decode("utf-8")):
                    content = rec.get("content") or ""
                    if 400 <= len(content.split()) <= 600:
                        out.append((rec.get("title") or "", content))
                        if len(out) >= n:
                            return out
    return out


def load_revision(rev: str | None, into: Path, package: str = "marsad_rev") -> str:
    """Export marsad/ of git revision ``rev`` (None: of this working tree) as the package
    ``package`` under ``into``."""
    from revisions import export_package

    export_package(rev, into).rename(into / package)
    for path in (into / package).rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bmarsad(?=[. ]|$)", package, code, flags=re.M), encoding="utf-8")
    sys.path.insert(0, str(into))
    return package


def stage_funcs(package: str) -> tuple[list, type]:
    pipeline = importlib.import_module(f"{package}.pipeline")
    funcs = [pipeline.get_component(s) for s in STAGES]
    importlib.import_module(f"{package}.analyze.topics").get_model()
    wordstats = importlib.import_module(f"{package}.analyze.wordstats")
    if hasattr(wordstats, "shipped_lexicon"):  # the word-fact lexicon (since 2026-12-01, third session)
        wordstats.shipped_lexicon()
    return funcs, importlib.import_module(f"{package}.document").Article


def compare(rev: str, warm: list[tuple[str, str]], later: list[tuple[str, str]], stages: bool = False) -> None:
    """Both versions on every article, in alternating order, one process: same load."""
    with tempfile.TemporaryDirectory() as tmp:
        # Both sides fresh copies, loaded alike: the already imported package has seen the
        # timed articles (and kept their words), which made this tree look 1/4 faster than
        # itself (ratio 0.77 against its own commit before this was fixed).
        other = load_revision(rev, Path(tmp) / "rev")
        this = load_revision(None, Path(tmp) / "this", "marsad_this")
        versions = {"this tree": stage_funcs(this), rev: stage_funcs(other)}
        times: dict[str, list[float]] = {name: [] for name in versions}
        stage_times: dict[str, dict[str, list[float]]] = {name: {s: [] for s in STAGES} for name in versions}

        def one(name: str, title: str, content: str) -> float:
            funcs, article = versions[name]
            art = article(text=content, title=title)
            scale = 1000 * 500 / len(content.split())
            total = 0.0
            for stage, func in zip(STAGES, funcs):
                t = time.process_time()
                art = func(art)
                dt = (time.process_time() - t) * scale
                stage_times[name][stage].append(dt)
                total += dt
            return total

        for title, content in warm:
            for name in versions:
                one(name, title, content)
        for per_stage in stage_times.values():  # only the timed articles count
            for xs in per_stage.values():
                xs.clear()
        names = list(versions)
        for i, (title, content) in enumerate(later):
            for name in names if i % 2 else reversed(names):
                times[name].append(one(name, title, content))
    medians = {name: statistics.median(xs) for name, xs in times.items()}
    print(f"interleaved, steady state, all three stages (median CPU ms per 500 words; load {os.getloadavg()[0]:.2f}):")
    for name, m in medians.items():
        print(f"  {name:<11} {m:6.3f} ms")
    print(f"  ratio this tree / {rev}: {medians['this tree'] / medians[rev]:.3f}")
    if stages:
        print("  per stage (median CPU ms per 500 words):")
        for stage in STAGES:
            print(f"    {stage:<11} " + "   ".join(f"{name}: {statistics.median(xs[stage]):6.3f}" for name, xs in stage_times.items()))


def outputs_of(package: str, inputs: list[tuple[str, str]]) -> list[tuple]:
    """Topics, keywords (with offsets), summary and warnings of each input, by the stages of
    ``package``; every second input gets a fixed made-up entity layer (random word spans,
    seeded) and every fifth with a line break a heading block, so those paths run too."""
    import random

    pipeline = importlib.import_module(f"{package}.pipeline")
    doc = importlib.import_module(f"{package}.document")
    funcs = [pipeline.get_component(s) for s in STAGES]
    rng = random.Random(7)
    out = []
    for i, (title, content) in enumerate(inputs):
        art = doc.Article(text=content, title=title)
        words = list(re.finditer(r"\S+", content))
        if i % 2 == 0:
            for _ in range(min(8, len(words) // 10)):
                j, n = rng.randrange(len(words)), rng.randint(1, 3)
                a, b = words[j].start(), words[min(j + n, len(words)) - 1].end()
                art.entities.append(doc.Entity(content[a:b], "PERS", a, b, key="" if j % 3 else content[a:b].strip(".,،")))
        if i % 5 == 0 and "\n" in content:
            end = content.index("\n")
            art.blocks = [doc.Block("heading", content[:end], 0, end)]
        for func in funcs:
            art = func(art)
        out.append((
            [(t.label, t.probability) for t in art.topics],
            [(k.text, k.score, k.start, k.end) for k in art.keywords],
            [(x.text, x.start, x.end) for x in art.summary],
            list(art.warnings),
        ))
    return out


def same_outputs(rev: str, every: int = 26) -> int:
    """Whether this tree's stages give exactly REV's outputs on every ``every``-th
    SaudiNewsNet record (all days) and a few odd texts; prints the first differences."""
    inputs = []
    for path in sorted((SHARED / "data" / "news" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                inputs += [(r.get("title") or "", r.get("content") or "") for r in json.loads(z.read(name).decode("utf-8"))]
    inputs = inputs[::every] + [
        ("", "كلمة"), ("عنوان", ""), ("x", "Hello world. This is English text only, 42 times."),
        ("", "مرحبا بكم\u200c في الـــمدينة، وَالعالمُ 3.5% «قال» (يوم) ؟ بريدة وثيقة سيعقد للبنان"),
        ("", "ΣΑΣ ΟΔΟΣ الكلمةabc abcالكلمة واشنطن-تايمز u.s. د. محمد"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        old = outputs_of(load_revision(rev, Path(tmp) / "rev"), inputs)
        new = outputs_of(load_revision(None, Path(tmp) / "this", "marsad_this"), inputs)
    differ = [i for i in range(len(inputs)) if old[i] != new[i]]
    print(f"outputs: {len(inputs)} inputs, {len(differ)} differ from {rev}")
    for i in differ[:5]:
        for part, o, n in zip(("topics", "keywords", "summary", "warnings"), old[i], new[i]):
            if o != n:
                print(f"  input {i} {part}:\n    {rev}: {o}\n    this tree: {n}")
    return 1 if differ else 0


def text_core_speed(
    packages: dict[str, str], later: list[tuple[str, str]], seen: set[str]
) -> dict[str, dict[str, float]]:
    """Microseconds per word of the text core's per-word functions on words unseen in the
    warm-up, and per 500-word article of its whole-text passes; the best of 6 runs, the
    versions taking turns."""
    words = None
    cases: dict[str, dict[str, tuple]] = {}
    for name, package in packages.items():
        text = importlib.import_module(f"{package}.text")
        stem = importlib.import_module(f"{package}.text.stem")
        memo = getattr(importlib.import_module(f"{package}.text.normalize"), "_WORDS", {})  # where there is one
        if words is None:
            words = list(dict.fromkeys(w for _, c in later for w in text.words_with_breaks(c) if w and w not in seen))
        cases[name] = {
            "normalize_word": (stem.normalize_word, memo),
            "split_clitics": (text.split_clitics, memo),
            "light_stem (no cache)": (stem.light_stem.__wrapped__, memo),
            "split_sentences /article": (text.split_sentences, None),
            "words_with_breaks /article": (text.words_with_breaks, None),
            "normalized_words /article": (text.normalized_words, None),
        }
    scale = sum(500 / len(c.split()) for _, c in later) / len(later)
    best = {name: {what: float("inf") for what in cases[name]} for name in cases}
    names = list(cases)
    for round_ in range(6):
        for what in best[names[0]]:
            for name in names if round_ % 2 else reversed(names):  # each goes first in turn
                func, memo = cases[name][what]
                if memo is None:  # a whole-text pass
                    t = time.process_time()
                    for _, c in later:
                        func(c)
                    per = (time.process_time() - t) / len(later) * 1e6 * scale
                else:
                    memo.clear()  # the words are unseen: no kept result may answer
                    t = time.process_time()
                    for w in words:
                        func(w)
                    per = (time.process_time() - t) / len(words) * 1e6
                best[name][what] = min(best[name][what], per)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=1000)
    ap.add_argument("--against", metavar="REV", help="also run git revision REV, interleaved (see above)")
    ap.add_argument("--stages", action="store_true", help="with --against: each stage's median for both (see above)")
    ap.add_argument("--text-core", action="store_true", help="per-word cost of the text core (see above)")
    ap.add_argument("--outputs", metavar="REV", help="only check that the outputs equal REV's (see above)")
    args = ap.parse_args(argv)
    if args.stages and not args.against:
        ap.error("--stages needs --against (the standalone figures are always per stage)")
    if not (SHARED / "data" / "news" / "saudinewsnet").is_dir():
        print(f"skipped: {SHARED}/data/news/saudinewsnet absent")
        return 0
    if args.outputs:
        return same_outputs(args.outputs)
    later = sample(args.articles, newest=True)
    warm = sample(args.warmup + args.articles, newest=False)
    first, warm = warm[: args.articles], warm[args.articles :]
    t0 = time.perf_counter()
    funcs = [get_component(s) for s in STAGES]
    from marsad.analyze.topics import get_model
    from marsad.analyze.wordstats import shipped_lexicon

    get_model()
    shipped_lexicon()
    load_s = time.perf_counter() - t0

    def timed(batch: list[tuple[str, str]]) -> tuple[dict[str, list[float]], list[float]]:
        per_stage: dict[str, list[float]] = {s: [] for s in STAGES}
        totals = []
        for title, content in batch:
            art = Article(text=content, title=title)
            scale = 500 / len(content.split())
            total = 0.0
            for name, func in zip(STAGES, funcs):
                t = time.process_time()
                art = func(art)
                dt = (time.process_time() - t) * 1000 * scale
                per_stage[name].append(dt)
                total += dt
            totals.append(total)
        return per_stage, totals

    from machine_speed import calibrate

    # the machine's speed can turn within seconds: its figure just before and just after
    # the steady-state articles says whether they ran in one phase
    results = [("first articles", *timed(first))]
    timed(warm)
    before = calibrate()
    results.append(("steady state", *timed(later)))
    after = calibrate()

    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        return (f"median {xs[len(xs) // 2]:6.3f} ms   mean {sum(xs) / len(xs):6.3f} ms   "
                f"p95 {xs[int(len(xs) * 0.95)]:6.3f} ms")

    print(f"{len(first)} + {len(later)} articles of 400-600 words (+ {len(warm)} warm-up); "
          f"CPU ms per article scaled to 500 words; calibration loop (benchmarks/machine_speed.py) "
          f"{before:.3f} s CPU before the steady-state articles, {after:.3f} s after")
    print(f"model load (once per process): {load_s * 1000:.0f} ms")
    if hasattr(os, "getloadavg"):  # the figures are only comparable at a similar load
        print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
    for label, per_stage, totals in results[:2]:
        print(label)
        for s in STAGES:
            print(f"  {s:<11} {stats(per_stage[s])}")
        print(f"  {'all three':<11} {stats(totals)}")
    if args.against:
        compare(args.against, warm, later, args.stages)
    if args.text_core:
        from marsad.text import words_with_breaks

        seen = {w for _, c in warm for w in words_with_breaks(c)}
        trees = {"this tree": "marsad"}
        if args.against:
            trees[args.against] = "marsad_rev"  # still importable: loaded by compare()
        cores = text_core_speed(trees, later, seen)
        print("text core (best of 6 runs; µs per unseen word, or per 500-word article):")
        for what in cores["this tree"]:
            print(f"  {what:<28} " + "   ".join(f"{name}: {core[what]:7.2f}" for name, core in cores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
