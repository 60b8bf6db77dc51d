"""Speed of the time-expression analyser, per 500-word article.

    .venv/bin/python benchmarks/bench_times.py [--repeat 200]

Articles: the shared sample (first 500 words) and the 50 arabic-timeml documents
(time scaled to 500 words); without ../shared, a fictional article made of this
repo's own test sentences.  Also times quotes + times together when the quotes
analyser is installed (the issue's budget: both together <= 2 ms per 500 words).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_quotes import _ms_per_500_words as _per_500_words  # noqa: E402  (one CPU-time timing rule for both)
from marsad.analyze.times import find_times  # noqa: E402
from marsad.document import Article  # noqa: E402
from marsad.text.views import clear_views  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))

FICTIONAL = (
    "قال الوزير أمس إن الوفد سيصل بعد يومين إلى العاصمة، على أن تكتمل الزيارة في غضون 10 أيام. "
    "وكان المجلس قد اجتمع الثلاثاء الماضي، وفي 2 يناير/كانون الثاني الجاري أعلن خطة تمتد ثلاثة أعوام. "
    "وأضاف أن العمل بدأ قبل 30 عاما، وأن اللجنة تجتمع كل يوم سبت الساعة العاشرة صباحا منذ الخامس من الشهر ذاته. "
    "ويشارك في المعرض عدد كبير من الفنانين والكتاب الذين قدموا أعمالهم في مجالات الرسم والنحت والتصوير. "
)


def _articles() -> list[tuple[str, str, str | None]]:
    """(name, text, reference date) of ~500-word articles."""
    out = []
    sample = SHARED / "samples" / "000_c474bd9763c7905e.txt"
    if sample.exists():
        words = sample.read_text(encoding="utf-8").split(" ")
        out.append(("shared sample, 500 words", " ".join(words[:500]), "2022-01-11"))
    timeml = SHARED / "data" / "time" / "arabic-timeml"
    if timeml.is_dir():
        from marsad.analyze.times_eval import CORPUS_DCT, read_tml

        docs = [read_tml(p).text for p in sorted(timeml.glob("*.tml"))]
        # each document on its own (they are news articles of 100-1500 words)
        for text in sorted(docs, key=lambda t: len(t.split()))[-3:]:
            out.append((f"arabic-timeml, longest docs ({len(text.split())} words)", text, CORPUS_DCT))
        out.append(("arabic-timeml, 50 docs one by one", docs, CORPUS_DCT))
    if not out:
        words = (FICTIONAL * 20).split(" ")
        out.append(("fictional, 500 words", " ".join(words[:500]), "2023-05-09"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    try:
        from marsad.analyze.quotes import quotes as quotes_component
    except ImportError:
        quotes_component = None
    # CPU time of this process (time.process_time), not wall time: the 2-core machine is shared,
    # and waiting for a core is not the analyser's cost.  The loop below shows how contended it was.
    t0 = time.process_time()
    sum(range(10**6))
    print(f"calibration: sum(range(10**6)) = {1000 * (time.process_time() - t0):.0f} ms; load average {os.getloadavg()[0]:.1f}")
    print(f"{'article':<45} {'times ms/500w':>14} {'quotes+times':>13} {'found':>6}")
    for name, text, ref in _articles():
        if isinstance(text, list):  # a corpus: total time over total words
            docs = text
            t0 = time.process_time()
            for _ in range(5):
                clear_views()
                for doc in docs:
                    find_times(doc, ref)
            total_words = sum(len(d.split()) for d in docs)
            ms = (time.process_time() - t0) / 5 * 1000 * 500 / total_words
            n = sum(len(find_times(d, ref)) for d in docs)
            print(f"{name:<45} {ms:14.2f} {'':>13} {n:6d}")
            continue
        repeat = args.repeat
        ms = _per_500_words(lambda: find_times(text, ref), text, repeat)
        both = None
        if quotes_component is not None:

            def run_both():
                article = Article(text=text, reference_date=ref)
                quotes_component(article)
                article.times = find_times(text, ref)

            both = _per_500_words(run_both, text, repeat)
        n = len(find_times(text, ref))
        both_s = f"{both:13.2f}" if both is not None else f"{'n/a':>13}"
        print(f"{name:<45} {ms:14.2f} {both_s} {n:6d}")


if __name__ == "__main__":
    main()
