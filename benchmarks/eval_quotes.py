"""Quote detection P/R/F1 and speaker accuracy on the hand-annotated SaudiNewsNet gold.

    .venv/bin/python benchmarks/eval_quotes.py [SAUDINEWSNET_DIR] [--json] [--errors] [--with-entities]

The same code as `marsad eval quotes` (marsad/analyze/quotes_eval.py).  Two gold files:
benchmarks/gold/quotes.jsonl (31 articles of 2015-08-07/08; its errors were studied after a
first blind run) and benchmarks/gold/quotes_heldout.jsonl (22 articles of 2015-08-01/06,
annotated afterwards and not tuned on).  Offsets index each record's `content` as it is
in the zip (no cleaning), so the figures do not move when the cleaner changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.cli import _load_commands, app  # noqa: E402

if __name__ == "__main__":
    _load_commands()
    app(["eval", "quotes", *sys.argv[1:]], prog_name="eval_quotes.py")
