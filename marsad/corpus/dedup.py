"""Exact and near-duplicate detection.

*Exact* duplicates share :attr:`marsad.document.Article.content_hash` (the hash of the
normalised clean text); the store keeps one article and records the reprints.

*Near* duplicates are copies of one source text (a wire or press-release text) that an
outlet edited: a changed headline or dateline, reworded sentences, a paragraph cut or
added, the story cut to its first paragraphs, or inserted whole into a longer piece.
Articles are compared as sequences of the search analyser's terms (normalised,
light-stemmed, function words dropped — so "قال" vs "وقال" or a dropped "في" does not
break a match).  Detection has two steps:

1. **Candidates** by MinHash LSH (datasketch permutations, :data:`NUM_PERM` values over
   word :data:`SHINGLE`-grams): the bands are set for a *low* Jaccard,
   :data:`CANDIDATE_THRESHOLD`, because a story cut to a third of its length, or held
   whole inside a roundup three times as long, has a Jaccard of 0.15–0.3 with it even
   though every word of it is there.  The bands are kept in the store, so detection works
   across ingest runs and processes.
2. **Verification** of each candidate on the exact term sequences (:func:`verify`):
   a near-duplicate when

   - the Jaccard of the two sets of 3-shingles is ≥ :data:`THRESHOLD` (reprints of
     about the same length: one edited word changes at most 3 shingles, so a 300-word
     reprint with 20 scattered edits keeps J ≈ 0.7), or
   - ≥ :data:`CONTAINMENT` of the shorter article's terms lie inside runs of at least
     :data:`SPAN` consecutive terms that also occur in the longer one (the shorter is
     contained in the longer: cuts and roundups), and the two share a number if the
     shorter has two or more.  Counting only runs of :data:`SPAN`
     terms is what keeps agency template statements apart: two condolence cables or
     execution notices share their boilerplate, but every few words a different name,
     country or date breaks the run, so their coverage stays below the threshold.

Thresholds were chosen on the hand-labelled pairs in ``benchmarks/gold/dedup_pairs.jsonl``
(see docs/benchmarks.md, "Near-duplicates and stories"): rerun ``benchmarks/eval_dedup.py``
after any change.
"""

from __future__ import annotations

import hashlib
import struct
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param


SHINGLE = 3
NUM_PERM = 128
# Exact Jaccard of the 3-shingle sets from which two articles are near-duplicates.
# 0.5: the lowest value at which precision stays >= 0.97 on the labelled pairs (below it,
# agency template statements come in).
THRESHOLD = 0.5
# LSH bands are tuned for this Jaccard (datasketch's optimal split: 28 bands of 2 rows).
# Of the labelled pairs that verification accepts, 110 of 111 collide at 0.2; at 0.25
# (3-row bands) four more, all cut or contained stories, were no longer candidates.  On
# the SaudiNewsNet archive (25k articles) this gives ~16 band collisions per article.
CANDIDATE_THRESHOLD = 0.2
# Containment: share of the shorter article's terms inside shared runs of SPAN terms.
# 0.7 on the labelled pairs: template statements (cables, execution notices) reach 0.57
# and 0.68, cut or extended reprints mostly 0.8–1.0 (docs/benchmarks.md gives the sweep).
SPAN = 5
CONTAINMENT = 0.7
# Containment is only trusted for texts of at least this many terms: a headline-length
# item is "contained" in every article that quotes its one sentence.
MIN_CONTAINED_WORDS = 20
# Candidates verified per new article at most, the most similar by signature first.  In
# the 15-day SaudiNewsNet archive an article collides with 3 others on average (median 0,
# 99th percentile 42, at most 97): the cap only bounds template-heavy articles as the
# archive grows (the pairwise evaluation does not apply it).
MAX_VERIFIED = 50
# Bumped whenever the band layout changes: stores rebuild their band index from the
# stored signatures when they see another version.
LSH_VERSION = 3
# Texts this short are mostly headline-only items or captions; a shared sentence would
# make them "near-duplicates" of anything quoting it.
MIN_WORDS = 8
_SEED = 1


@lru_cache(maxsize=1)
def _analyzer():
    from marsad.search.analyzer import Analyzer

    return Analyzer()


def shingle_words(text: str) -> list[str]:
    """The analysed terms of ``text`` (what shingles are made of)."""
    return _analyzer().term_strings(text)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    return _shingles(shingle_words(text), k)


def _shingles(ws: list[str], k: int = SHINGLE) -> set[bytes]:
    if len(ws) < k:
        return {" ".join(ws).encode("utf-8")} if ws else set()
    return {" ".join(ws[i : i + k]).encode("utf-8") for i in range(len(ws) - k + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Permutations are derived from the seed; build them once per process.
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


def signature(text: str) -> list[int] | None:
    """MinHash signature of ``text`` (None when it is too short to compare)."""
    return signature_of_words(shingle_words(text))


def signature_of_words(ws: list[str]) -> list[int] | None:
    """MinHash signature of an analysed word sequence (see :func:`shingle_words`)."""
    if len(ws) < MIN_WORDS:
        return None
    sh = _shingles(ws)
    t = _template()
    extra = {"scheme": t.scheme} if hasattr(t, "scheme") else {}  # datasketch >= 2 wants it stated
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=t.permutations, **extra)
    m.update_batch(list(sh))
    return [int(v) for v in m.hashvalues]


def pack(sig: list[int]) -> bytes:
    """Signature as bytes (MinHash values fit in 32 bits: datasketch hashes mod 2^32)."""
    return np.asarray(sig, dtype=np.uint32).tobytes()


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)


def jaccard(a: np.ndarray | list[int], b: np.ndarray | list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32)))


@lru_cache(maxsize=4)
def band_params(threshold: float = CANDIDATE_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positives + negatives at ``threshold`` (datasketch's rule)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(sig: list[int] | np.ndarray, threshold: float = CANDIDATE_THRESHOLD) -> list[tuple[int, int]]:
    """LSH keys ``(band, hash)``: two signatures sharing any key are candidates."""
    b, r = band_params(threshold, len(sig))
    arr = np.asarray(sig, dtype=np.uint32)[: b * r].reshape(b, r)
    if r <= 2:
        # A band of two 32-bit values is its own 64-bit key (as a signed SQLite integer):
        # exact, and no hashing in the single writer.
        packed = arr[:, 0].astype(np.uint64) << np.uint64(32)
        if r == 2:
            packed |= arr[:, 1].astype(np.uint64)
        return list(enumerate(packed.view(np.int64).tolist()))
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(arr[i].tobytes(), digest_size=8).digest()
        keys.append((i, struct.unpack("<q", digest)[0]))
    return keys


def _grams(ws: list[str], k: int) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + k]) for i in range(len(ws) - k + 1)}


def exact_jaccard(a: list[str], b: list[str], k: int = SHINGLE) -> float:
    """Jaccard similarity of the k-shingle sets of two term sequences."""
    sa, sb = _shingles(a, k), _shingles(b, k)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def coverage(short: list[str], long: list[str], span: int = SPAN) -> float:
    """Share of ``short``'s terms that lie in a run of ``span`` consecutive terms also
    found (in the same order) in ``long``."""
    n = len(short)
    if n < span:
        return 0.0
    grams = _grams(long, span)
    covered = 0
    end = 0  # first position not yet counted as covered
    for i in range(n - span + 1):
        if tuple(short[i : i + span]) in grams:
            covered += i + span - max(i, end)
            end = i + span
    return covered / n


def verify(a: list[str], b: list[str], threshold: float = THRESHOLD, containment: float = CONTAINMENT) -> bool:
    """Whether term sequences ``a`` and ``b`` are near-duplicates (see module docstring);
    the thresholds are parameters for the evaluation's sweeps."""
    if len(a) < MIN_WORDS or len(b) < MIN_WORDS:
        return False
    if exact_jaccard(a, b) >= threshold:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(a) < MIN_CONTAINED_WORDS:
        return False
    if len(a) == len(b):  # neither is "the shorter": either way round will do (symmetric)
        return _contained(a, b, containment) or _contained(b, a, containment)
    return _contained(a, b, containment)


def _contained(short: list[str], long: list[str], containment: float) -> bool:
    """The containment rule of :func:`verify`: ``short`` lies in ``long``."""
    if coverage(short, long) < containment:
        return False
    # A reprint keeps the facts: when none of the shorter text's numbers (two or more)
    # is in the longer one, the two fill one template with different facts (a form
    # statement issued twice).  On the labelled pairs this changes no decision; it is
    # what separates templated announcements whose fixed wording is long.
    numbers = {t for t in short if any(ch.isdigit() for ch in t)}
    return len(numbers) < 2 or not numbers.isdisjoint(long)


def candidates_collide(sig_a: list[int] | np.ndarray, sig_b: list[int] | np.ndarray) -> bool:
    """Whether two signatures share an LSH band (would be compared at ingest)."""
    return bool(set(band_keys(sig_a)) & set(band_keys(sig_b)))
