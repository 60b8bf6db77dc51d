"""Named entities: accuracy on the standard test splits, tagging speed and model load time.

    .venv/bin/python benchmarks/bench_ner.py            # all figures, as a table
    .venv/bin/python benchmarks/bench_ner.py --json     # one JSON object
    .venv/bin/python benchmarks/bench_ner.py --stages   # + CPU µs per token of each tagging stage
    MARSAD_NER_MODEL=crf .venv/bin/python benchmarks/bench_ner.py   # the CRF alone

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
import subprocess
import sys
import time
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


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--json", action="store_true")
    p.add_argument("--stages", action="store_true", help="time each stage of the ensemble (warm runs)")
    args = p.parse_args()
    sys.path.insert(0, str(REPO))
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
