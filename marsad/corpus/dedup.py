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
   :data:`CANDIDATE_THRESHOLD`, because a story cut to its lead, or held whole inside a
   roundup several times as long, has a Jaccard of 0.1–0.3 with it even
   though every word of it is there; each value is in two bands (:data:`SECOND_PAIRING`).
   The bands are kept in the store, so detection works across ingest runs and processes.
   The store also proposes the stored articles of another outlet that share a rare name with
   the new one and are twice as long or half (:data:`ENTITY_CANDIDATE_ARTICLES`): a brief
   inside a long roundup, whose Jaccard with it (0.03) the bands rarely see.
2. **Verification** of each candidate on the two term sequences in their comparison
   form (:func:`comparison_terms`: the edits outlets make to every text they reprint —
   an honorific added or dropped, "عبد العزيز" written "عبدالعزيز", "اليوم" becoming
   "أمس" a day later, "41,882" written "41882", كجم for كلغم, an outlet's appended link
   line — are undone first, so they neither break runs nor dilute the Jaccard):
   a near-duplicate when

   - the Jaccard of the two sets of 3-shingles is ≥ :data:`THRESHOLD` (reprints of
     about the same length: one edited word changes at most 3 shingles, so a 300-word
     reprint with 20 scattered edits keeps J ≈ 0.7), or
   - ≥ :data:`CONTAINMENT` of the shorter article's terms lie inside runs of at least
     :data:`SPAN` consecutive terms that also occur in the longer one (the shorter is
     contained in the longer: cuts and roundups), and the two share a number if the
     shorter has two or more and the longer has numbers in digits (with its facts, the
     numbers the longer spells out in words count too).  Counting only runs of :data:`SPAN`
     terms is what keeps agency template statements apart: two condolence cables or
     execution notices share their boilerplate, but every few words a different name,
     country or date breaks the run, so their coverage stays below the threshold.
     The number test compares the digits of the two texts' numbers, so "10/10/1436"
     meets "10 / 10 / 1436" and "28%" meets "28".  With both articles' :class:`Facts`,
     neither of these two routes accepts one template filled in for two people (a short
     cable to another head of state is covered though its names differ:
     :func:`_names_substituted`);
   - or, when the writer passes both articles' :class:`Facts` (entities, outlet, date),
     the shorter reads as the longer's text reworded (:func:`_reworded`): another outlet,
     within :data:`REWORDED_HOURS`, its numbers and its people, places and organisations
     found in the longer one, and either covered at least :data:`REWORDED_COVERAGE` in such
     runs with its vocabulary found there too, or its words found where the longer text has
     them, a few terms at a time (:func:`local_coverage`: a release condensed, its sentences
     merged and reordered inside).  Outlets rewrite releases sentence by
     sentence (synonyms, word order, name and title swapped), which breaks the runs as
     often as a template's other facts do; the names, numbers and words tell them apart.

   A new article is linked to a stored article it was verified against
   (:func:`link_target`): the one it matched, or that one's own link (its family's first
   article) when it matches that one too.

   With both articles' facts, one outlet's two texts published days apart
   (:data:`SAME_OUTLET_HOURS`) must reach a higher Jaccard
   (:data:`SAME_OUTLET_LATER_JACCARD`) and take no other route: an outlet that prints its
   own text again prints it nearly whole, while its next text of a series (a race day, a
   relief flight, a daily report) reuses the last one's wording.

Thresholds were chosen on the hand-labelled pairs in ``benchmarks/gold/dedup_pairs.jsonl``
(see docs/benchmarks.md, "Near-duplicates and stories"): rerun ``benchmarks/eval_dedup.py``
after any change, and read what the change does in an archive
(``eval_dedup.py --db ARCHIVE --links REV --read N``): the pairs are stratified by
similarity, so their precision over-weights the easy strata.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import struct
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timezone
from difflib import SequenceMatcher
from functools import lru_cache
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

# datasketch is imported where a signature or the LSH bands are computed, not here: its package
# imports scipy (about 0.75 s), and every command that opens an archive (search, show, stories,
# the web app) imports this module through the store without ever hashing anything.


SHINGLE = 3
NUM_PERM = 128
# Exact Jaccard of the 3-shingle sets from which two articles are near-duplicates.
# 0.5: the lowest value at which precision stays >= 0.97 on the labelled pairs (below it,
# agency template statements come in).
THRESHOLD = 0.5
# LSH bands are tuned for this Jaccard (datasketch's optimal split: 64 bands of 2 rows,
# every value of the signature).  A release cut to its lead, or one wire text inside a long
# roundup, has a Jaccard of 0.1-0.2 with the other text: at 0.2 (28 bands) such a pair was
# compared with probability 0.25-0.68, and 2 of the 118 labelled pairs that verification
# accepts never were; at 0.12 all 118 are.  In the 15-day SaudiNewsNet archive it links 148
# more articles (25 read at random: all right), at the price of twice the verifications
# (the candidate step 0.5-0.6 -> 1.2 ms per article with 25k stored) and a band index of
# 1.6M rows instead of 0.7M (+17.5 MB); docs/benchmarks.md, "Comparison forms".
CANDIDATE_THRESHOLD = 0.12
# The 64 bands of 2 values above compare a pair of Jaccard 0.13 with probability 0.66 and one
# of 0.18 with 0.88: 5 of the 128 labelled near-duplicates that verification accepts were
# never compared (a release cut to a third, a short statement reworded).  A second set of 64
# bands, each value paired with its next neighbour instead (1-2, 3-4, ..., 127-0), compares
# pairs of 0.13 with probability about 0.88 from the signatures already stored: 4 of those 5
# are compared; in the 15-day archive 126 links more, 30 read, all right.  The price: twice the
# band index rows and half as many verifications again (45.8k against 31.1k for the archive);
# docs/benchmarks.md, "the 24 missed near-duplicates, one by one".  More permutations would do
# the same at twice the hashing in every worker and a new signature for every stored article.
SECOND_PAIRING = True
# Containment: share of the shorter article's terms inside shared runs of SPAN terms.
# 0.7 on the labelled pairs: template statements (cables, execution notices) reach 0.57
# and 0.68, cut or extended reprints mostly 0.8–1.0 (docs/benchmarks.md gives the sweep).
SPAN = 5
CONTAINMENT = 0.7
# Containment is only trusted for texts of at least this many terms: a headline-length
# item is "contained" in every article that quotes its one sentence.
MIN_CONTAINED_WORDS = 20
# Two texts whose lengths differ by at most this factor are compared by containment (and the
# reworded route) both ways round: which one is "the shorter" by a few terms is chance (an
# outlet's credit line or tags cut from one), and the local test can differ by a chunk each way
# (the Blackbushe crash statement in two versions of 40 and 47 terms once 3alyoum's tags are
# cut: 0.6 one way, enough the other).  1.1 (nineteenth session) gave one labelled
# near-duplicate more than equal lengths only, and 18 links more in the 15-day archive (17
# right, 1 unclear); 1.2 one more (Blackbushe), no pair labelled "no", and 6 links more, all
# read right (1.3 adds nothing on the labels); docs/benchmarks.md.
NEAR_EQUAL_LENGTH = 1.2
# Reworded route: a shorter text covered at least this much (and less than CONTAINMENT)
# may be the longer one reworded (:func:`_reworded`).  0.45: the labelled pairs are flat
# from 0.35 to 0.45 and lose one at 0.5; the guards were set by reading the links the
# route adds in the 15-day archive -- rerun ``eval_dedup.py --links REV --read 25`` after
# any change (docs/benchmarks.md, "Reworded reprints").
REWORDED_COVERAGE = 0.45
# One outlet's two texts published SAME_OUTLET_HOURS or more apart are near-duplicates only
# by a Jaccard of at least SAME_OUTLET_LATER_JACCARD (the containment and reworded routes are
# off).  An outlet that prints its own text again days later prints it nearly whole (a
# column, a poem, a release run again: J 0.75-0.94); what else links across those days is
# the outlet's next text of a series, which reuses the last one's wording: the next horse
# race, relief flight, cable or weather report, a transfer saga's next step (J 0.26-0.67).
# Read in the 15-day SaudiNewsNet archive (docs/benchmarks.md, "One outlet, days apart"):
# rerun ``eval_dedup.py --links REV --read N --lost`` after any change.  Links between two
# outlets days apart were mostly right (a release printed late), so they keep every route.
SAME_OUTLET_HOURS = 48
SAME_OUTLET_LATER_JACCARD = 0.7
# Second candidate source (the store's): stored articles that share with the new one a person,
# place or organisation named in at most ENTITY_CANDIDATE_ARTICLES stored articles, from another
# outlet, within ENTITY_CANDIDATE_DAYS days, one of the two at least ENTITY_CANDIDATE_LENGTH_RATIO
# times as long as the other (:func:`entity_candidate_pair`).  A brief inside a long roundup
# shares few of its shingles' minima with it (Jaccard 0.03: «أعلنت سلطات دياربكر مقتل جنديين»
# in two sentences, inside AFP's full text), so the bands rarely propose it, whatever their
# layout; a rare name they share does.  Replayed on the 15-day SaudiNewsNet archive
# (``eval_dedup.py --links REV``): 30,000 verifications more (75.9k against 45.8k, 22.8 s of
# CPU against 16.2 for the whole archive, with COMMON_TERMS_FLOOR), 64 articles linked more;
# of a draw of 40, 21 read: 18 right (briefs inside roundups, condensed releases), 2 unclear,
# 1 wrong (a governor's visit to a wounded soldier, linked to the funeral of his comrade that
# the governor attended).  One labelled near-duplicate more, no pair labelled "no"
# (docs/benchmarks.md, "the 24 missed near-duplicates, one by one").  20 articles: at 50 the
# pairs proposed grow 2.6 times.
ENTITY_CANDIDATE_ARTICLES = 20
ENTITY_CANDIDATE_DAYS = 1
ENTITY_CANDIDATE_LENGTH_RATIO = 2.0
# Candidates verified per new article at most, the most similar by signature first.  In
# the 15-day SaudiNewsNet archive an article collides with 3 others on average (median 0,
# 99th percentile 42, at most 97): the cap only bounds template-heavy articles as the
# archive grows (the pairwise evaluation does not apply it).
MAX_VERIFIED = 50
# Bumped whenever the band layout changes: stores rebuild their band index from the
# stored signatures when they see another version.
LSH_VERSION = 5
# Texts this short are mostly headline-only items or captions; a shared sentence would
# make them "near-duplicates" of anything quoting it.
MIN_WORDS = 8
_SEED = 1

# An article's named entity as the reworded route takes it (:class:`Facts`): key, type, name.
Entity = tuple[str, str, str]


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


def preload() -> None:
    """Import datasketch and build the permutations and LSH bands now: an ingest calls this before
    it forks its workers, so they share them instead of each importing scipy (0.7 s, ~50 MB)."""
    _template()
    band_params()


@lru_cache(maxsize=1)
def _template() -> MinHash:
    from datasketch import MinHash

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
    m = type(t)(num_perm=NUM_PERM, seed=_SEED, permutations=t.permutations, **extra)
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


def jaccards(sig: np.ndarray | list[int], blobs: Sequence[bytes]) -> list[float]:
    """:func:`jaccard` of ``sig`` with each of several packed signatures (:func:`pack`), at once."""
    if not blobs:
        return []
    stored = np.frombuffer(b"".join(blobs), dtype=np.uint32).reshape(len(blobs), -1)
    return np.mean(stored == np.asarray(sig, dtype=np.uint32), axis=1).tolist()


@lru_cache(maxsize=4)
def band_params(threshold: float = CANDIDATE_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positives + negatives at ``threshold`` (datasketch's rule)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(sig: list[int] | np.ndarray, threshold: float = CANDIDATE_THRESHOLD) -> list[tuple[int, int]]:
    """LSH keys ``(band, hash)``: two signatures sharing any key are candidates.  The bands
    of :func:`band_params` (values 0-1, 2-3, ...) and, with :data:`SECOND_PAIRING`, as many
    again over the values shifted by half a band (1-2, 3-4, ..., the last with the first)."""
    b, r = band_params(threshold, len(sig))
    values = np.asarray(sig, dtype=np.uint32)[: b * r]
    layouts = [values.reshape(b, r)]
    if SECOND_PAIRING and r // 2:
        layouts.append(np.roll(values, -(r // 2)).reshape(b, r))
    keys = []
    for n, arr in enumerate(layouts):
        if r <= 2:
            # A band of two 32-bit values is its own 64-bit key (as a signed SQLite integer):
            # exact, and no hashing in the single writer.
            packed = arr[:, 0].astype(np.uint64) << np.uint64(32)
            if r == 2:
                packed |= arr[:, 1].astype(np.uint64)
            keys.extend(enumerate(packed.view(np.int64).tolist(), n * b))
            continue
        for i in range(b):
            digest = hashlib.blake2b(arr[i].tobytes(), digest_size=8).digest()
            keys.append((n * b + i, struct.unpack("<q", digest)[0]))
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


# comparison_terms: an outlet's link line ("رابط الخبر بصحيفة …: <headline>") is looked for
# in this many final terms (the line is the marker, the outlet's name and the headline:
# al-Weeam's headlines run to about 20 terms).  The cleaner cuts the line since f93e7ba;
# this cut is for archives cleaned before, whose stored texts still end with it.
LINK_LINE_TAIL = 40
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_DATE = re.compile(r"\d{1,4}(?:[/-]\d{1,4})+")
_DIGITS = re.compile(r"\d+")
_NUMBER_TERM = re.compile(r"[^ ]*\d[^ ]*")


@lru_cache(maxsize=1)
def _comparison_tables() -> tuple:
    """The analysed forms of the words :func:`comparison_terms` rewrites (taken from the
    analyser, so they follow any change of the stemmer)."""
    from marsad.text.wordlists import BLESSING_VERBS, GRAM_SPELLINGS, HONORIFICS, KILOGRAM_SPELLINGS, RELATIVE_DAYS

    an = _analyzer()

    def terms(words):
        return frozenset(t for t in map(an.term, words) if t)

    return (
        terms(HONORIFICS),
        terms(BLESSING_VERBS),
        an.term("الله"),
        terms(RELATIVE_DAYS),
        an.term("اليوم"),
        an.term("عبد"),
        # كلغم stems to لغم, also "mine"; two reprints never differ by that word alone
        terms(KILOGRAM_SPELLINGS),
        an.term("كيلو"),
        terms(GRAM_SPELLINGS),
        an.term("كجم"),
        (an.term("رابط"), an.term("الخبر")),
    )


def comparison_terms(ws: list[str]) -> list[str]:
    """``ws`` (analysed terms, :func:`shingle_words`) with the edits outlets make to any
    text they reprint undone, the form :func:`verify` compares:

    - an outlet's appended link line ("رابط الخبر بصحيفة …: headline") is cut;
    - "عبد" and the name after it are one term, as in the joined spelling
      (عبد العزيز = عبدالعزيز, عبد الله = عبدالله);
    - honorifics and titles (:data:`~marsad.text.wordlists.HONORIFICS`) and blessing
      formulas ("حفظه الله") are dropped;
    - the relative day words (اليوم, أمس, غدا) are one term: a reprint a day later changes
      اليوم to أمس;
    - numbers: thousands separators and a trailing % are dropped, dates are split into
      their parts (10/10/1436 = 10 / 10 / 1436), kilogram spellings are one term.
    """
    return list(_comparison(tuple(ws)))


@lru_cache(maxsize=256)
def _comparison(ws: tuple[str, ...]) -> tuple[str, ...]:
    # Cached: at ingest a new article is verified against each of its candidates (at most
    # 50, store.sqlite), and a stored article is a candidate of each later member of its
    # family; 256 forms hold a batch's recent candidates at a few MB.
    honorifics, blessings, god, days, day, abd, kilos, kilo, grams, kg, link = _comparison_tables()
    n = len(ws)
    for i in range(max(0, n - LINK_LINE_TAIL), n - 1):
        if ws[i] == link[0] and ws[i + 1] == link[1]:
            n = i
            break
    special = _special_terms()
    abd_al = abd + "ال"
    out: list[str] = []
    i = 0
    while i < n:
        w = ws[i]
        i += 1
        if w not in special and not w[:1].isdigit() and not w.startswith(abd_al):
            out.append(w)
        elif w[:1].isdigit():
            if _THOUSANDS.fullmatch(w):
                out.append(w.replace(",", "").replace(".", ""))
            elif _DATE.fullmatch(w):
                out.extend(_DIGITS.findall(w))
            else:
                out.append(w.rstrip("%"))
        elif w in honorifics:
            continue
        elif w in days:
            out.append(day)
        elif w == abd and i < n:
            rest = ws[i]
            i += 1
            out.append(abd + (rest[2:] if rest.startswith("ال") else rest))
        elif w.startswith(abd_al) and len(w) > len(abd_al):
            out.append(abd + w[len(abd_al) :])
        elif w in blessings and i < n and ws[i] == god:
            i += 1
        elif w in kilos:
            out.append(kg)
        elif w == kilo and i < n and ws[i] in grams:
            i += 1
            out.append(kg)
        else:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=1)
def _special_terms() -> frozenset[str]:
    """Terms :func:`comparison_terms` may rewrite (all others pass through unchanged)."""
    honorifics, blessings, _, days, _, abd, kilos, kilo, _, _, _ = _comparison_tables()
    return honorifics | blessings | days | kilos | {abd, kilo}


def verify(
    a: list[str],
    b: list[str],
    threshold: float = THRESHOLD,
    containment: float = CONTAINMENT,
    facts_a: Facts | None = None,
    facts_b: Facts | None = None,
    reworded: float = REWORDED_COVERAGE,
) -> bool:
    """Whether term sequences ``a`` and ``b`` (:func:`shingle_words`) are near-duplicates
    (see module docstring); the thresholds are parameters for the evaluation's sweeps.

    ``facts_a`` / ``facts_b`` (:class:`Facts`: entities, outlet, date) enable the
    *reworded* route for a shorter text covered at least ``reworded`` but less than
    ``containment`` (:func:`_reworded`); without both it is off.  With both, two texts of
    one outlet published :data:`SAME_OUTLET_HOURS` or more apart are compared by the
    Jaccard route alone, at :data:`SAME_OUTLET_LATER_JACCARD` at least."""
    ca, cb = _comparison(tuple(a)), _comparison(tuple(b))
    if len(ca) < MIN_WORDS or len(cb) < MIN_WORDS:
        return False
    if not _enough_in_common(ca, cb):
        return False
    later = facts_a is not None and facts_b is not None and _same_outlet_later(facts_a, facts_b)
    if exact_jaccard(ca, cb) >= (max(threshold, SAME_OUTLET_LATER_JACCARD) if later else threshold):
        return facts_a is None or facts_b is None or not (
            _names_substituted(facts_a, facts_b, ca, cb) or _names_substituted(facts_b, facts_a, cb, ca))
    if later:
        return False  # one outlet, days apart: the raised Jaccard route only
    if len(ca) > len(cb):
        a, b, ca, cb = b, a, cb, ca
        facts_a, facts_b = facts_b, facts_a
    if len(ca) < MIN_CONTAINED_WORDS:
        return False
    facts = (facts_a, facts_b) if facts_a is not None and facts_b is not None else None
    if len(cb) <= len(ca) * NEAR_EQUAL_LENGTH:  # neither is "the shorter": either way round will do
        return _contained(ca, cb, a, b, containment, facts, reworded) or _contained(
            cb, ca, b, a, containment, facts[::-1] if facts else None, reworded)
    return _contained(ca, cb, a, b, containment, facts, reworded)


# Every route needs more than this share of one text's terms in the other's vocabulary: the
# Jaccard route half the shorter text's shingles, the containment route CONTAINMENT of its
# terms in shared runs, the reworded route REWORDED_VOCABULARY of its distinct terms or
# LOCAL_TERM_SHARE of the terms of LOCAL_COVERAGE of its chunks (0.6 x 0.75 = 0.45, less a
# margin for terms a chunk repeats).  Below it a pair is refused before any shingle is built:
# most pairs the rare-name candidates propose (a brief and a roundup of other news) end
# there; the links of the 15-day archive are the same with and without it.
COMMON_TERMS_FLOOR = 0.4


def _enough_in_common(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether either text has more than :data:`COMMON_TERMS_FLOOR` of its terms in the other."""
    in_b, in_a = set(b), set(a)
    return (sum(t in in_b for t in a) > COMMON_TERMS_FLOOR * len(a)
            or sum(t in in_a for t in b) > COMMON_TERMS_FLOOR * len(b))


def _number_digits(ws: list[str]) -> tuple[int, set[str]]:
    """How many distinct number terms ``ws`` has, and the digit runs in them.  A number
    with thousands separators gives its digits joined (41,882 = 41882, as written without
    them) and its leading group (197.000.000 = "197 مليون", 197 million, in the reprint)."""
    numbers = set(_NUMBER_TERM.findall(" ".join(ws)))  # terms have no spaces; one scan in C
    runs = set()
    for t in numbers:
        if _THOUSANDS.fullmatch(t):
            runs.add(t.replace(",", "").replace(".", ""))
            runs.add(_DIGITS.match(t).group())
        else:
            runs.update(_DIGITS.findall(t))
    return len(numbers), runs


def _contained(
    short: tuple[str, ...],
    long: tuple[str, ...],
    raw_short: list[str],
    raw_long: list[str],
    containment: float,
    facts: tuple[Facts, Facts] | None = None,
    reworded: float = REWORDED_COVERAGE,
) -> bool:
    """The containment rule of :func:`verify`: ``short`` lies in ``long`` (comparison
    forms; the ``raw_`` sequences are the same texts as analysed, for their numbers), or,
    with ``facts`` (the short and the long text's), the reworded route."""
    cov = coverage(short, long)
    if cov < containment and (facts is None or reworded > 1):
        return False  # a floor above 1 switches the reworded route off (the evaluation's "without")
    # A reprint keeps the facts: when none of the shorter text's numbers (two or more)
    # is in the longer one, the two fill one template with different facts (a form
    # statement issued twice).  On the labelled pairs this changes no decision; it is
    # what separates templated announcements whose fixed wording is long.  Years count
    # as numbers: leaving them out unlinked four right reprints in the 15-day archive
    # (a score "2/1" written "هدفين مقابل هدف", a date kept by one outlet only).
    count, digits = _number_digits(raw_short)
    long_digits = _number_digits(raw_long)[1]
    if cov >= containment:
        if count >= 2 and _numbers_replaced(digits, long_digits, _numbers_of_longer(digits, long_digits, facts)):
            return False
        return facts is None or not _names_substituted(facts[0], facts[1], short, long)
    if not _apart_enough(facts[0], facts[1]):
        return False
    known = _numbers_of_longer(digits, long_digits, facts)  # read once: a stored text is read for it
    if count >= 2 and _numbers_replaced(digits, long_digits, known):
        return False
    return _reworded(facts[0], facts[1], short, long, len(digits - known), cov >= reworded)


def _numbers_of_longer(digits: set[str], long_digits: set[str], facts: tuple[Facts, Facts] | None) -> set[str]:
    """The digit runs of the longer text's numbers (``long_digits``, :func:`_number_digits`),
    and, when some of the shorter text's ``digits`` are not among them, the numbers it spells
    out in words (its :class:`Facts`): one outlet prints "615.5 جرام" where the release had
    "ستمائة وخمسة عشر ونصف جرام" (the Jeddah airport customs release, 5 August 2015).  Only
    the longer text's spelled numbers count: the question is whether the shorter text's
    numbers are in the longer one, in any spelling."""
    if facts is not None and not digits <= long_digits:
        return long_digits | facts[1].spelled_numbers()
    return long_digits


def _numbers_replaced(digits: set[str], long_digits: set[str], known: set[str]) -> bool:
    """Whether the longer text gives other numbers in place of all of the shorter text's
    ``digits``: none of them is among its numbers in digits or words (``known``,
    :func:`_numbers_of_longer`), and it has numbers in digits of its own (``long_digits``).
    A longer text with no number in digits dropped them (a date line cut: «الجمعة الموافق 8 /
    10 / 1436» in one outlet's print of a civil-defence statement, nothing in the other's)
    rather than filling the template with other facts."""
    return bool(long_digits) and digits.isdisjoint(known)


@dataclass(frozen=True)
class Facts:
    """What :func:`verify` may know of an article besides its terms, for the reworded
    route: its named entities as ``(key, type, name)`` triples (or a function returning
    them, called only when the route needs them), its outlet, its publication time
    (ISO 8601) and its text (or a function returning it), read only for the numbers it
    spells out when the number test needs them.  An unknown outlet or time does not refuse a pair."""

    entities: Sequence[Entity] | Callable[[], Sequence[Entity]] = ()
    site: str | None = None
    published: str | None = None
    text: str | Callable[[], str] | None = None

    def named(self) -> list[Entity]:
        return list(self.entities() if callable(self.entities) else self.entities)

    def spelled_numbers(self) -> frozenset[str]:
        """The numbers the article's text writes in words, as digit strings (none when the
        text is unknown)."""
        text = self.text() if callable(self.text) else self.text
        return _spelled_digits(text) if text else frozenset()

    @classmethod
    def of(cls, article) -> Facts:
        """An analysed article's facts, its entities keyed as an archive stores them
        (:attr:`marsad.document.Entity.archive_key`); read when the route first needs them."""
        return cls(lambda: [(e.archive_key, e.type, e.name) for e in article.entities],
                   article.source.site, article.published.value if article.published else None, article.text)


@lru_cache(maxsize=64)
def _spelled_digits(text: str) -> frozenset[str]:
    from marsad.text.numbers import spelled_numbers

    return frozenset(map(str, spelled_numbers(text)))


# Reworded route (a shorter text covered less than CONTAINMENT in 5-term runs).
# Each guard removed a kind of wrong link read in the 15-day SaudiNewsNet archive
# (docs/benchmarks.md, "Reworded reprints"): the two texts come from two outlets (one
# outlet's texts that share this much are its own follow-ups: a ministry's daily count, the
# same reporter's next accident), within REWORDED_HOURS of each other (a meeting held
# again, a poll and then the vote), with at most REWORDED_MISSING_NUMBERS of the shorter
# text's numbers missing from the longer, at least REWORDED_VOCABULARY of the shorter
# text's distinct terms occurring somewhere in the longer when it is covered at least
# REWORDED_COVERAGE (a rewording keeps the words in another order; two texts that share one
# statement or paragraph each have their own other content), or else its words in place
# (LOCAL_COVERAGE below), and every person, place and organisation the shorter names also named
# in the longer (:func:`_names_agree`).
REWORDED_HOURS = 48
REWORDED_MISSING_NUMBERS = 1
REWORDED_VOCABULARY = 0.85
# A text reworded more deeply (a release condensed, its sentences merged and their words
# reordered: 5-term runs cover 0.1-0.45 of it) still keeps its words *where they were*:
# LOCAL_COVERAGE of the shorter text's chunks of LOCAL_CHUNK terms each have LOCAL_TERM_SHARE
# of their distinct terms within LOCAL_WINDOW consecutive terms of the longer text
# (:func:`local_coverage`).  Two reports of one event written apart share its names and
# numbers, but spread over their texts, each with its own words around them.  Such a text
# takes the route whatever its coverage, with this test in place of the vocabulary one.
# Chosen on half A of the labelled pairs (+5 near-duplicates, no pair labelled "no"), checked
# on half B (+1, none lost), then by reading the links it adds in the 15-day archive (55 read,
# none wrong; docs/benchmarks.md, "texts reworded in place"): rerun ``eval_dedup.py --links REV
# --read 25`` after any change.  A short text's share moves by a whole chunk when its chunk
# boundaries shift (a credit cut from its top); overlapping chunks were no steadier.
LOCAL_CHUNK = 8
LOCAL_WINDOW = 16
LOCAL_TERM_SHARE = 0.6
LOCAL_COVERAGE = 0.75
# Entity types whose names must agree for the reworded route (people, places, organisations).
NAMED_TYPES = frozenset({"PERS", "LOC", "ORG"})
# A name of three or more words (without «بن»; :func:`_name_words`) still agrees with one of
# them missing from the longer text: a reprint drops a middle name (خالد بن قرار الحربي -> خالد الحربي) or
# one word of an organisation's name; shorter names must be there whole.
NAME_TERMS_MISSING = 1


def _apart_enough(short: Facts, long: Facts) -> bool:
    """The reworded route's first guards, which read no text: two outlets, within
    :data:`REWORDED_HOURS` of each other."""
    if short.site and long.site and short.site == long.site:
        return False
    hours = _hours_apart(short, long)
    return hours is None or hours < REWORDED_HOURS


def _reworded(short: Facts, long: Facts, short_terms: tuple[str, ...], long_terms: tuple[str, ...],
              missing_numbers: int, covered: bool = True) -> bool:
    """The reworded route's text guards (above; :func:`_apart_enough` first), cheapest first:
    the entities are read last.  ``covered``: the shorter text reaches
    :data:`REWORDED_COVERAGE` in 5-term runs; else only :func:`local_coverage` admits it."""
    if missing_numbers > REWORDED_MISSING_NUMBERS:
        return False
    vocabulary = set(short_terms)
    if not (covered and len(vocabulary & set(long_terms)) >= REWORDED_VOCABULARY * len(vocabulary)) and (
            local_coverage(short_terms, long_terms) < LOCAL_COVERAGE):
        return False
    return _names_agree(short.named(), long.named(), long_terms)


# local_coverage reads at most LOCAL_MAX_TERMS terms of either text, and leaves out a term the
# longer text has more than LOCAL_MAX_OCCURRENCES times (it places nothing): news texts are
# far shorter, and their content terms far rarer, but the test's cost grows with the product of
# the two lengths for texts that repeat a few terms (a hostile record: 4 s for 10,000 terms
# against 8,000 without these bounds, at most 0.3 s with them).
LOCAL_MAX_TERMS = 10_000
LOCAL_MAX_OCCURRENCES = 64


def local_coverage(short: Sequence[str], long: Sequence[str], chunk: int = LOCAL_CHUNK,
                   window: int = LOCAL_WINDOW, share: float = LOCAL_TERM_SHARE) -> float:
    """Share of ``short``'s chunks of ``chunk`` terms (of three distinct terms or more) that have
    ``share`` of their distinct terms within some ``window`` consecutive terms of ``long``."""
    short, long = short[:LOCAL_MAX_TERMS], long[:LOCAL_MAX_TERMS]
    where: dict[str, list[tuple[int, str]]] = {}
    for i, term in enumerate(long):
        where.setdefault(term, []).append((i, term))
    chunks = found = 0
    for c in range(0, len(short), chunk):
        terms = set(short[c : c + chunk])
        if len(terms) < 3:
            continue
        chunks += 1
        need = share * len(terms)
        present = [where[t] for t in terms if t in where and len(where[t]) <= LOCAL_MAX_OCCURRENCES]
        if len(present) < need:
            continue
        inside: dict[str, int] = {}  # the chunk's terms in the window ending at i -> their count there
        window_hits: deque[tuple[int, str]] = deque()
        for i, t in heapq.merge(*present):  # in text order, read only as far as the first match
            inside[t] = inside.get(t, 0) + 1
            window_hits.append((i, t))
            while i - window_hits[0][0] >= window:
                u = window_hits.popleft()[1]
                inside[u] -= 1
                if not inside[u]:
                    del inside[u]
            if len(inside) >= need:
                found += 1
                break
    return found / chunks if chunks else 0.0


def _hours_apart(a: Facts, b: Facts) -> float | None:
    """Hours between two articles' publication times (None when either is unknown or unreadable)."""
    if not a.published or not b.published:
        return None
    try:
        return abs((_when(a.published) - _when(b.published)).total_seconds()) / 3600
    except ValueError:
        return None


def _same_outlet_later(a: Facts, b: Facts) -> bool:
    """Whether two articles come from one outlet at least :data:`SAME_OUTLET_HOURS` apart."""
    if not a.site or a.site != b.site:
        return False
    hours = _hours_apart(a, b)
    return hours is not None and hours >= SAME_OUTLET_HOURS


def _when(iso: str) -> datetime:
    t = datetime.fromisoformat(iso)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


@lru_cache(maxsize=4096)
def _name_terms(name: str) -> tuple[str, ...]:
    """A name's terms in comparison form, without «بن» ("son of"), which an outlet may
    drop: «محمد بن سلمان بن عبد العزيز» -> محمد سلم عبدعزيز."""
    an = _analyzer()
    son = an.term("بن")
    return tuple(t for t in _comparison(tuple(an.term_strings(name))) if t != son)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> int:
    """How many words a name has for :func:`_name_found`: its terms, and the words the
    analyser drops as function words -- «علي» (Ali) folds to على ("on"), so «علي بن عمير
    الشهراني» has two terms but is a three-word name, and a reprint that spells «عمير» another
    way (عميرال) still names him."""
    from marsad.text.tokens import word_and_number_strings

    an = _analyzer()
    dropped = sum(1 for w in word_and_number_strings(name) if not an.term(w))
    return len(_name_terms(name)) + dropped


def _names_agree(short_entities: list[Entity], long_entities: list[Entity], long: tuple[str, ...]) -> bool:
    """Whether every person, place and organisation the shorter text names is named in the
    longer one: by the same entity key, or by a name whose terms occur in the longer text
    (the tagger may have missed it there, or keyed another spelling), all of them or, for a
    name of three or more terms, all but :data:`NAME_TERMS_MISSING`.  Two filled-in
    templates (a cable to another head of state, an emir receiving another visitor, an
    execution in another region) differ exactly there; a reworded reprint keeps its names.
    A shorter text that names nothing has nothing to agree on and is refused."""
    named = {}
    for key, typ, name in short_entities:
        if typ in NAMED_TYPES and key not in named:
            named[key] = name
    if not named:
        return False
    long_keys = {key for key, _, _ in long_entities}
    long_terms = set(long)
    for key, name in named.items():
        if key in long_keys:
            continue
        terms = _name_terms(name or key)
        if not terms or not _name_found(terms, long_terms, _name_words(name or key)):
            return False
    return True


def _name_found(terms: tuple[str, ...], text_terms: set[str], words: int) -> bool:
    """Whether a name's terms occur in a text: all of them, or all but
    :data:`NAME_TERMS_MISSING` for a name of three or more ``words`` (:func:`_name_words`)."""
    missing = sum(1 for t in terms if t not in text_terms)
    return missing <= (NAME_TERMS_MISSING if words >= 3 else 0)


# A template filled in twice (:func:`_names_substituted`): the terms before a person's name stand
# in the other text before another person's name.
SUBSTITUTION_CONTEXT = 2
# Two names at least this similar (difflib's ratio of their terms written together) are one name
# spelled two ways, not two names: سولفانغ / سولفانج, جيل / غيل بارينو, دي ستيفانو / ديستفانو
# (reprints in the 15-day archive); عبدالفتاح السيسي / الباجي قايد السبسي 0.3.
SPELLING_SIMILARITY = 0.5


def _other_name(name: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names (their comparison terms) are two names, not one spelled two ways."""
    return SequenceMatcher(None, "".join(name), "".join(other)).ratio() < SPELLING_SIMILARITY


def _names_substituted(facts: Facts, other: Facts, terms: tuple[str, ...], other_terms: tuple[str, ...]) -> bool:
    """Whether the other text names another person where this one names someone: a person of
    this text whom the other does not name comes after :data:`SUBSTITUTION_CONTEXT` terms that,
    in the other text, come before a person whom this text does not name.  One template filled
    in for two people («ببرقية تهنئة للرئيس [الباجي قايد السبسي]» / «ببرقية تهنئة للرئيس
    [عبدالفتاح السيسي]»), not a reprint: a reprint that adds or drops a name
    (a dateline, a source) has no other name in its place.  Only people: outlets swap places and
    organisations for their synonyms in a reprint (المملكة / السعودية, أمريكا / الولايات المتحدة,
    an English name and its Arabic letters)."""
    own_terms, their_terms = set(terms), set(other_terms)
    if own_terms <= their_terms or their_terms <= own_terms:
        return False  # one text has no term the other lacks: no name in another's place (no entities read)
    own, theirs = facts.named(), other.named()
    own_keys, their_keys = {key for key, _, _ in own}, {key for key, _, _ in theirs}
    replacements: dict[str, list[tuple[str, ...]]] = {}  # first term -> names only the other has
    for key, typ, name in theirs:
        if typ == "PERS" and key not in own_keys:
            name_terms = _name_terms(name or key)
            if name_terms and not _name_found(name_terms, own_terms, _name_words(name or key)):
                replacements.setdefault(name_terms[0], []).append(name_terms)
    if not replacements:
        return False
    k = SUBSTITUTION_CONTEXT
    where: dict[tuple[str, ...], list[int]] | None = None  # each context in the other text -> its ends
    for key, typ, name in own:
        if typ != "PERS" or key in their_keys:
            continue
        name_terms = _name_terms(name or key)
        if not name_terms or _name_found(name_terms, their_terms, _name_words(name or key)):
            continue
        if where is None:
            where = {}
            for q in range(len(other_terms) - k):
                where.setdefault(other_terms[q : q + k], []).append(q + k)
        n = len(name_terms)
        for p in range(k, len(terms) - n + 1):
            if terms[p : p + n] != name_terms:
                continue
            for q in where.get(terms[p - k : p], ()):
                for rep in replacements.get(other_terms[q], ()):
                    m = len(rep)
                    if other_terms[q : q + m] == rep and _other_name(name_terms, rep):
                        return True
    return False


def link_target(
    candidates: Sequence[int], parent_of: Callable[[int], int], accepts: Callable[[int], bool]
) -> int | None:
    """The stored article a new one is linked to as its near-duplicate, None if none: the
    first of ``candidates`` (LSH candidates, the most similar first) that ``accepts`` (a
    :func:`verify` of the new article against it), or rather that one's own near-duplicate
    link, ``parent_of`` (itself when it has none), when the new article is a near-duplicate of
    that one too.

    Every link is a verified pair, and a family stays around its first article where its
    texts allow.  Linking always to the matched article's family's first article let the
    link name a text the new one was never compared with, and families drift, one article a
    day, from a release to the next text of a series (a forecast, a relief flight, a
    follow-up): in the 15-day SaudiNewsNet archive 444 of 6,263 links named an article that
    :func:`verify` refuses (docs/benchmarks.md, "Each link a verified pair")."""
    checked: dict[int, bool] = {}

    def ok(rowid: int) -> bool:
        if rowid not in checked:
            checked[rowid] = accepts(rowid)
        return checked[rowid]

    for candidate in candidates:
        if ok(candidate):
            parent = parent_of(candidate)
            return parent if parent != candidate and ok(parent) else candidate
    return None


def candidates_collide(sig_a: list[int] | np.ndarray, sig_b: list[int] | np.ndarray) -> bool:
    """Whether two signatures share an LSH band (would be compared at ingest)."""
    return bool(set(band_keys(sig_a)) & set(band_keys(sig_b)))


def entity_candidate_pair(a: tuple[int, str | None, str | None], b: tuple[int, str | None, str | None]) -> bool:
    """Whether two articles that share a rare name (:data:`ENTITY_CANDIDATE_ARTICLES`) are
    compared: each given as (text length, day as ISO date, outlet); another outlet, within
    :data:`ENTITY_CANDIDATE_DAYS`, one at least :data:`ENTITY_CANDIDATE_LENGTH_RATIO` times
    the other's length.  The store and the evaluation filter their candidates with it."""
    (len_a, day_a, site_a), (len_b, day_b, site_b) = a, b
    if not day_a or not day_b or (site_a and site_a == site_b):
        return False
    try:
        days = abs((date.fromisoformat(day_a) - date.fromisoformat(day_b)).days)
    except ValueError:
        return False
    short, long = sorted((len_a, len_b))
    return days <= ENTITY_CANDIDATE_DAYS and long >= ENTITY_CANDIDATE_LENGTH_RATIO * short
