"""Exact and near-duplicate detection.

*Exact* duplicates share :attr:`marsad.document.Article.content_hash` (the hash of the
normalised clean text); the store keeps one article and records the reprints.

*Near* duplicates (a wire story reprinted with a changed headline, a dropped paragraph,
a dateline or signature added) are found with MinHash LSH: each article becomes the
set of its word :data:`SHINGLE` -grams over the search analyser's terms (normalised,
light-stemmed, function words dropped — so "قال" vs "وقال" or a dropped "في" does not
break a shingle), a :data:`NUM_PERM`-permutation MinHash
(datasketch) estimates the Jaccard similarity of two such sets, and LSH banding (the
same banding datasketch's ``MinHashLSH`` does in memory, with its optimal band/row
split for the threshold) finds the candidates.  The bands are kept in the store, so
detection works across ingest runs and processes.

Threshold: :data:`THRESHOLD` on the estimated Jaccard of word 3-shingles.  One edited
word changes at most 3 shingles, so a 300-word reprint with 20 scattered edits keeps
J ≈ 0.7, while two outlets' own write-ups of the same event (same facts, own wording)
share few 3-word sequences (J < 0.2 in our labelled sample).  The value was chosen on
the labelled pairs in ``benchmarks/gold/dedup_pairs.jsonl``: rerun
``benchmarks/eval_dedup.py`` after any change.
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
THRESHOLD = 0.5
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
    return [t.term for t in _analyzer().terms(text)]


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
def band_params(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positives + negatives at ``threshold`` (datasketch's rule)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(sig: list[int] | np.ndarray, threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """LSH keys ``(band, hash)``: two signatures sharing any key are candidates."""
    b, r = band_params(threshold, len(sig))
    arr = np.asarray(sig, dtype=np.uint32)
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(arr[i * r : (i + 1) * r].tobytes(), digest_size=8).digest()
        keys.append((i, struct.unpack("<q", digest)[0]))
    return keys
