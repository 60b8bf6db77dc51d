"""Named entities: accuracy on the standard test splits, tagging speed and model load time.

    .venv/bin/python benchmarks/bench_ner.py            # all figures, as a table
    .venv/bin/python benchmarks/bench_ner.py --json     # one JSON object
    .venv/bin/python benchmarks/bench_ner.py --stages   # + CPU µs per token of each tagging stage
    MARSAD_NER_MODEL=crf .venv/bin/python benchmarks/bench_ner.py   # the CRF alone
    .venv/bin/python benchmarks/bench_ner.py --outputs REV [--articles 150]
    .venv/bin/python benchmarks/bench_ner.py --memory [--articles 1500] [--against REV]
    .venv/bin/python benchmarks/bench_ner.py --long 10000 [--against REV]
    .venv/bin/python benchmarks/bench_ner.py --unseen
    .venv/bin/python benchmarks/bench_ner.py --batch-speed 1,4,16,64 [--articles 1200]

``--outputs REV``: whether the ``entities`` component gives exactly what git revision REV's
gives (text, type, name, key, offsets of every entity) on every 40th of the first ``--articles``
× 40 SaudiNewsNet records and the shared sample article, article by article and in the batches
of 16 an ingest worker tags together (``entities.pipe``).  ``--memory``: how much the process
grows (``tracemalloc``, kept and peak) while ``find_mentions`` tags the first ``--articles``
SaudiNewsNet records after the tagger is loaded (the word tables and the text core's caches
included); with ``--against REV``, REV's too.  ``--long N``: the peak memory growth (RSS) and
CPU time of one ``tag_sentences`` call given N tokens of news text with its punctuation removed
as one sentence among 200 news sentences (one call, so the tagger batches them together).  REV runs from its own ``marsad/`` (``git
archive``) with this tree's model files, each version in a fresh interpreter.

``--batch-speed SIZES``: CPU ms per article of the ``entities`` component on SaudiNewsNet
articles (every 10th of the first ``--articles`` × 10), called in batches of each size through
its batch form (``entities.pipe``, as ingest workers call it); the first half of the articles
warms the word tables, the second half is timed, three rounds with the sizes alternating
(median shown).  It chose ``marsad.corpus.ingest.ANALYSE_BATCH``.

``--unseen``: no model, the data only: the share of entity mentions (words and type) never
labelled in the training part, per type, for the tuning split (against the first 90 % of train)
and for the CAMeL test (against all of train).

It also checks that the batched tagger gives the same tags as the reference decode (sentence by
sentence with crfsuite's own marginals, or crfsuite's own Viterbi for the CRF alone:
``Tagger.tag_sentences_reference``) on the CAMeL test.

Speed is tokens per CPU-second of this process (``time.process_time``), i.e. per core,
after the model is loaded and with a warm word-feature cache, so a busy shared machine
does not understate it; the wall-clock rate is printed too.  Needs ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO / ".." / "shared"))
TESTS = {
    "anercorp_camel_test": SHARED / "data" / "ner" / "anercorp" / "camel_test.txt",
    "aqmar_test": SHARED / "data" / "ner" / "aqmar" / "test.txt",
}


def load_time() -> float:
    """Import of the tagger module + model and lexicon load, in a fresh interpreter (what a CLI run pays)."""
    code = (
        "import time; t=time.perf_counter(); from marsad.analyze import ner; ner.get_tagger(); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return float(out.stdout.strip())


def articles(sents: list, size: int = 20) -> list[list[list[str]]]:
    """The test sentences in runs of ``size``, the way the pipeline tags an article (one network run each)."""
    toks = [t for t, _ in sents]
    return [toks[i : i + size] for i in range(0, len(toks), size)]


NEWS = SHARED / "data" / "news" / "saudinewsnet"
SAMPLE = SHARED / "samples" / "000_c474bd9763c7905e.txt"
INGEST_BATCH = 16  # marsad.corpus.ingest.ANALYSE_BATCH (not imported: REV's package may lack it)


def news(n: int, every: int = 1) -> list[str]:
    """The content of every ``every``-th of the first ``n`` × ``every`` SaudiNewsNet records (file order)."""
    out: list[str] = []
    i = 0
    for path in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for rec in json.loads(z.read(name).decode("utf-8")):
                    if i % every == 0:
                        out.append(rec.get("content") or "")
                        if len(out) >= n:
                            return out
                    i += 1
    return out


def tree_of(rev: str | None, into: Path) -> Path:
    """A directory whose ``marsad/`` is git revision ``rev``'s with this tree's model files (None: this tree)."""
    if rev is None:
        return REPO
    from revisions import export_package

    models = export_package(rev, into) / "models"
    shutil.rmtree(models, ignore_errors=True)
    shutil.copytree(REPO / "marsad" / "models", models)
    return into


# run in a fresh interpreter inside a tree: reads texts as JSON on stdin, prints JSON
_OUTPUTS = """
import json, sys
from marsad.document import Article
from marsad.pipeline import get_component
entities = get_component("entities")
texts = json.load(sys.stdin)
batch = int(sys.argv[1]) if len(sys.argv) > 1 else 1  # >1: the batch form, as ingest workers call it
arts = [Article(text=text) for text in texts]
if batch > 1:
    arts = [a for i in range(0, len(arts), batch) for a in entities.pipe(arts[i : i + batch])]
else:
    arts = [entities(a) for a in arts]
print(json.dumps([[[e.text, e.type, e.canonical, e.key, e.start, e.end] for e in a.entities] for a in arts], ensure_ascii=False))
"""
_MEMORY = """
import json, sys, time, tracemalloc
from marsad.analyze.ner import find_mentions, get_tagger
texts = json.load(sys.stdin)
tagger = get_tagger()
find_mentions("قال الوزير في الرياض إن الاجتماع سيعقد غدا.", tagger)  # sessions warmed up
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
t = time.process_time()
mentions = sum(len(find_mentions(text, tagger)) for text in texts)
cpu = time.process_time() - t
now, peak = tracemalloc.get_traced_memory()
print(json.dumps({"kept_mb": round((now - base) / 1e6, 1), "peak_mb": round((peak - base) / 1e6, 1),
                  "cpu_seconds_traced": round(cpu, 1), "mentions": mentions}))
"""

_LONG = """
import json, resource, sys, time
from marsad.analyze.ner import get_tagger
sents = json.load(sys.stdin)
tagger = get_tagger()
tagger.tag_sentences(sents[:2])  # sessions warmed up
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
tagger.tag_sentences(sents)
cpu = time.process_time() - t
grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
print(json.dumps({"peak_rss_growth_mb": round(grew), "cpu_seconds": round(cpu, 2)}))
"""


def long_sentence(n: int, rev: str | None) -> int:
    from marsad.text import split_sentences, tokenize

    words: list[str] = []
    short: list[list[str]] = []
    for text in news(400):
        toks = [t.text for t in tokenize(text)]
        words += [w for w in toks if any(c.isalnum() for c in w)]
        short += [[t.text for t in tokenize(s.text)] for s in split_sentences(text)][:1]
        if len(words) >= n and len(short) >= 200:
            break
    sents = short[:100] + [words[:n]] + short[100:200]
    print(f"one {n:,}-token sentence (news words, no punctuation) among {len(sents) - 1} news sentences, "
          f"model {os.environ.get('MARSAD_NER_MODEL') or 'ensemble'}, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["this tree"] + ([rev] if rev else []):
            r = run_in(tree_of(None if name == "this tree" else rev, Path(tmp)), _LONG, sents)
            print(f"  {name}: peak RSS +{r['peak_rss_growth_mb']} MB, {r['cpu_seconds']} CPU-s")
    return 0


def run_in(tree: Path, code: str, texts: list, *args: str):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [sys.executable, "-c", code, *args], input=json.dumps(texts), capture_output=True, text=True, cwd=tree, env=env
    )
    if out.returncode:
        raise SystemExit(f"{tree}: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def same_outputs(rev: str, n: int) -> int:
    texts = news(n, every=40) + [SAMPLE.read_text(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        old = run_in(tree_of(rev, Path(tmp)), _OUTPUTS, texts)
    failed = 0
    for how, args in [("one by one", ()), (f"in batches of {INGEST_BATCH} (entities.pipe)", (str(INGEST_BATCH),))]:
        new = run_in(REPO, _OUTPUTS, texts, *args)
        differ = [i for i in range(len(texts)) if old[i] != new[i]]
        count = sum(len(x) for x in new)
        print(f"entities {how}: {len(texts)} articles, {count} entities (this tree), "
              f"{len(differ)} articles differ from {rev}")
        for i in differ[:5]:
            print(f"  article {i}:\n    {rev}: {old[i]}\n    this tree: {new[i]}")
        failed |= bool(differ)
    return int(failed)


def memory(n: int, rev: str | None) -> int:
    texts = news(n)
    from marsad.text import tokenize

    tokens = [t.text for text in texts for t in tokenize(text)]
    print(f"{len(texts)} SaudiNewsNet articles, {len(tokens):,} tokens ({len(set(tokens)):,} distinct), "
          f"model {os.environ.get('MARSAD_NER_MODEL') or 'ensemble'}, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["this tree"] + ([rev] if rev else []):
            r = run_in(tree_of(None if name == "this tree" else rev, Path(tmp)), _MEMORY, texts)
            print(f"  {name}: grew {r['kept_mb']} MB (peak {r['peak_mb']} MB), {r['mentions']} mentions, "
                  f"{r['cpu_seconds_traced']} CPU-s under tracemalloc")
    return 0


def unseen() -> int:
    """Print the share of gold entity mentions whose words and type are never labelled in training.

    Words are compared as written (no normalisation): a spelling variant of a trained name
    counts as unseen, so the share is an upper bound for what the tagger has really not seen."""
    from marsad.analyze.ner_eval import bio_spans, read_conll, split_long
    from marsad.training.ner import tuning_split

    train_file = SHARED / "data" / "ner" / "anercorp" / "camel_train_approx.txt"
    if not train_file.exists() or not TESTS["anercorp_camel_test"].exists():
        print("skipped: ../shared absent")
        return 0

    def mentions(sents: list) -> list[tuple[str, str]]:
        return [(" ".join(toks[a:b]), kind) for toks, tags in sents for a, b, kind in bio_spans(tags)]

    train = split_long(read_conll(train_file))
    first, last = tuning_split(train)
    for name, known, held in [
        ("tuning split (last tenth of train) vs the first 90 %", first, last),
        ("CAMeL test vs all of train", train, split_long(read_conll(TESTS["anercorp_camel_test"]))),
    ]:
        seen = set(mentions(known))
        found = mentions(held)
        kinds = sorted({k for _, k in found})
        share = {k: sum(m not in seen for m in found if m[1] == k) / sum(m[1] == k for m in found) for k in kinds}
        total = sum(m not in seen for m in found) / len(found)
        per = ", ".join(f"{k} {100 * v:.1f} %" for k, v in share.items())
        print(f"{name}: {len(found)} mentions, {100 * total:.1f} % unseen ({per})")
    return 0


def batch_speed(sizes: list[int], n: int) -> int:
    from marsad.analyze.ner import get_tagger
    from marsad.document import Article
    from marsad.pipeline import get_component

    texts = [t for t in news(n, every=10) if t.strip()]
    entities = get_component("entities")
    get_tagger()
    half = len(texts) // 2
    entities.pipe([Article(text=t) for t in texts[:half]])  # warm word tables, as mid-ingest
    timed = texts[half:]
    runs: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(3):
        for size in sizes:
            arts = [Article(text=t) for t in timed]
            t0 = time.process_time()
            for i in range(0, len(arts), size):
                entities.pipe(arts[i : i + size])
            runs[size].append((time.process_time() - t0) / len(arts) * 1000)
    print(f"entities on {len(timed)} SaudiNewsNet articles (after {half} to warm up), CPU ms per article, "
          f"median of 3 alternating rounds; load {os.getloadavg()[0]:.2f}")
    for size in sizes:
        r = sorted(runs[size])
        print(f"  batches of {size:3d}: {r[1]:.2f} ms  (rounds {', '.join(f'{x:.2f}' for x in runs[size])})")
    return 0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--json", action="store_true")
    p.add_argument("--stages", action="store_true", help="time each stage of the ensemble (warm runs)")
    p.add_argument("--outputs", metavar="REV", help="only check that the entities equal REV's (see above)")
    p.add_argument("--memory", action="store_true", help="only measure memory growth (see above)")
    p.add_argument("--articles", type=int, help="articles for --outputs (150) or --memory (1500)")
    p.add_argument("--long", type=int, metavar="N", help="only measure one N-token sentence's cost (see above)")
    p.add_argument("--against", metavar="REV", help="with --memory or --long: REV's figures too")
    p.add_argument("--unseen", action="store_true", help="only the share of never-labelled names (see above)")
    p.add_argument("--batch-speed", metavar="SIZES", help="only CPU ms per article by batch size, e.g. 1,16,64")
    args = p.parse_args()
    sys.path.insert(0, str(REPO))
    if args.unseen:
        return unseen()
    if args.batch_speed:
        if not NEWS.is_dir():
            print(f"skipped: ../shared absent ({NEWS})")
            return 0
        return batch_speed([int(x) for x in args.batch_speed.split(",")], args.articles or 1200)
    if args.outputs or args.memory or args.long:
        if not NEWS.is_dir() or not SAMPLE.exists():
            print(f"skipped: ../shared absent ({NEWS}, {SAMPLE})")
            return 0
        if args.outputs:
            return same_outputs(args.outputs, args.articles or 150)
        if args.long:
            return long_sentence(args.long, args.against)
        return memory(args.articles or 1500, args.against)
    from marsad.analyze.ner import get_tagger
    from marsad.analyze.ner_eval import read_conll, score, split_long

    missing = [str(f) for f in TESTS.values() if not f.exists()]
    if missing:
        print(f"skipped: ../shared absent ({', '.join(missing)})")
        return 0
    result: dict = {"load_seconds": round(min(load_time() for _ in range(3)), 3)}
    tagger = get_tagger()
    for name, path in TESTS.items():
        sents = split_long(read_conll(path))
        gold = [tags for _, tags in sents]
        pred = tagger.tag_sentences([toks for toks, _ in sents])  # also warms the word caches
        result[name] = score(gold, pred)
        result[name]["tokens"] = sum(len(t) for t, _ in sents)
    # speed: the CAMeL test split, tagged three times after warm-up
    sents = split_long(read_conll(TESTS["anercorp_camel_test"]))
    per_pass = sum(len(t) for t, _ in sents)
    n = 3 * per_pass
    ensemble = getattr(tagger, "_ensemble", None)
    if args.stages and ensemble is not None:
        ensemble.timings = {}
    c0, w0 = time.process_time(), time.perf_counter()
    passes = []
    for _ in range(3):
        p0 = time.process_time()
        for batch in articles(sents):
            tagger.tag_sentences(batch)
        passes.append(round(per_pass / (time.process_time() - p0)))
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    result["tokens_per_cpu_second"] = round(n / cpu)
    result["tokens_per_cpu_second_passes"] = passes
    result["tokens_per_wall_second"] = round(n / wall)
    if ensemble is not None and ensemble.timings is not None:
        result["microseconds_per_token"] = {k: round(v / n * 1e6, 2) for k, v in ensemble.timings.items()}
        ensemble.timings = None
    ref = [tagger.tag_sentences_reference(batch) for batch in articles(sents)]
    fast = [tagger.tag_sentences(batch) for batch in articles(sents)]
    result["sentences_differing_from_reference"] = sum(
        a != b for x, y in zip(fast, ref, strict=True) for a, b in zip(x, y, strict=True)
    )
    # cold: a fresh tagger (empty word cache) over the AQMAR test, words mostly unseen
    from marsad.analyze.ner import LEXICON_FILE, MODEL_DIR, MODEL_FILE, Lexicon, Tagger, tagger_mode

    neural_dir = MODEL_DIR if tagger_mode() == "ensemble" else None  # MARSAD_NER_MODEL=crf: the CRF alone
    cold = Tagger(MODEL_DIR / MODEL_FILE, Lexicon.load(MODEL_DIR / LEXICON_FILE), neural_dir)
    sents = split_long(read_conll(TESTS["aqmar_test"]))
    c0 = time.process_time()
    for batch in articles(sents):
        cold.tag_sentences(batch)
    result["tokens_per_cpu_second_cold_cache"] = round(sum(len(t) for t, _ in sents) / (time.process_time() - c0))
    size = sum(f.stat().st_size for f in MODEL_DIR.glob("ner*"))
    result["model_megabytes"] = round(size / 1e6, 2)

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for name in TESTS:
        r = result[name]
        print(f"{name} ({r['tokens']} tokens)")
        for kind, f in r["per_type"].items():
            print(f"  {kind:<5} P {f['precision']:6.2f}  R {f['recall']:6.2f}  F1 {f['f1']:6.2f}  (n={f['support']})")
        m = r["micro"]
        print(f"  micro P {m['precision']:6.2f}  R {m['recall']:6.2f}  F1 {m['f1']:6.2f}")
    print(f"load {result['load_seconds']} s; model files {result['model_megabytes']} MB")
    print(
        f"speed {result['tokens_per_cpu_second']} tokens/CPU-s warm (passes {result['tokens_per_cpu_second_passes']}), "
        f"{result['tokens_per_cpu_second_cold_cache']} cold cache; {result['tokens_per_wall_second']} tokens/wall-s"
    )
    for stage, us in result.get("microseconds_per_token", {}).items():
        print(f"  {stage:<17} {us:6.2f} µs/token")
    if "sentences_differing_from_reference" in result:
        differing = result["sentences_differing_from_reference"]
        print(f"CAMeL test sentences whose tags differ from the reference decode: {differing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
