"""Keyphrases: the 5–10 words and phrases that say what an article is about.

Unsupervised and Arabic-aware, in the spirit of YAKE (statistics of one document, no
training) with a corpus IDF:

* Candidates are runs of up to :data:`MAX_WORDS` content words: a stop word, a number or a
  punctuation mark ends a run, so phrases never straddle a clause.  Words are compared by
  their light stem (:func:`marsad.text.stem.light_stem`), so الاقتصاد / والاقتصادية /
  اقتصادي count as one word.
* A word weighs its (sublinear) frequency in the article × its IDF in SANAD (the topic
  model's vocabulary; names it never saw count as rare) × an early-position bonus.
* A phrase scores the mean weight of its words × √(times it recurs as a unit) × a length
  bonus, so "وزير الخارجية" recurring outranks its two words apart.
* Named entities (``article.entities``, when the entities stage ran) are candidates in
  their own right, and preferred (:data:`ENTITY_BONUS`); phrases in the title too.
* Each word appears in one keyphrase only: a phrase sharing a word with a better one is
  dropped, except that a recurring phrase replaces the shorter ones it contains (no
  "الخارجية" beside "وزير الخارجية").

Each keyword is shown as its first occurrence in the text, with the attached
conjunction / preposition (و ف ب ل ك) cut off, and offsets into ``article.text``.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter
from itertools import chain
from operator import itemgetter

from marsad.analyze.wordstats import Run, analyse, locate, runs_of
from marsad.document import Article, Keyword
from marsad.pipeline import component
from marsad.text.stem import normalize_word

MAX_WORDS = 3
MIN_KEYWORDS = 5
MAX_KEYWORDS = 10
# Weights chosen by reading the output on a few hundred SaudiNewsNet articles
# (benchmarks/eval_summary.py --examples N prints them): entities and title words are what
# an editor would tag; a recurring multi-word unit beats its parts.
ENTITY_BONUS = 1.6
TITLE_BONUS = 1.4
PHRASE_BONUS = (0.0, 1.0, 1.35, 1.5)  # by number of words; longer entity names take the last


def _first(runs: list[Run], key: tuple[str, ...]) -> tuple[Run, int]:
    n = len(key)
    for run in runs:
        st = run.stems
        for i in range(len(st) - n + 1):
            if st[i : i + n] == key:
                return run, i
    raise ValueError(key)  # every candidate came from a run


def _first_word(runs: list[Run], position: int) -> tuple[Run, int]:
    run = runs[bisect_right([r.position for r in runs], position) - 1]
    return run, position - run.position


# stands for the separator after each run in extract's flat lists (its IDF is never used)
_SEPARATOR = (None, None, -1.0)
_IDF = itemgetter(2)  # WordInfo.idf
_IDF_OF_PAIR = itemgetter(1)


def _score(key, count, weight, first_pos, entity_spans, entity_counts, title_stems) -> tuple[float, int, tuple[str, ...]]:
    n = len(key)
    if n == 1 and key in entity_counts:
        count = max(count, entity_counts[key])
    s = (weight[key[0]] if n == 1 else sum(weight[st] for st in key) / n) * math.sqrt(count) * PHRASE_BONUS[min(n, len(PHRASE_BONUS) - 1)]
    if key in entity_spans:
        s *= ENTITY_BONUS
    if title_stems and all(st in title_stems for st in key):
        s *= TITLE_BONUS
    return (-s, first_pos[key[0]], key)


def extract(article: Article, k: int | None = None) -> list[Keyword]:
    """The keyphrases of ``article`` (best first), as :func:`keyphrases` stores them."""
    text = article.text
    stats = analyse(text)
    runs = stats.runs
    if not runs:
        return []

    # -- word weights ------------------------------------------------------------------
    # Counted in C (Counter, dict(zip)) rather than word by word: this runs on every word of
    # every article.  The separator between runs keeps phrases inside a run.
    flat: list[str | None] = []
    for run in runs:
        flat += run.stems
        flat.append(None)
    tf = Counter(flat)
    del tf[None]
    positions = list(chain.from_iterable([range(r.position, r.position + len(r.stems) + 1) for r in runs]))
    first_pos = dict(zip(reversed(flat), reversed(positions)))  # the first occurrence wins
    # the least frequent surface form speaks for the stem (names beat homographs): the
    # distinct (stem, IDF) pairs sorted by IDF, so the largest is written last
    idfs = map(_IDF, chain.from_iterable([(*r.infos, _SEPARATOR) for r in runs]))
    idf_by_stem = dict(sorted(set(zip(flat, idfs)), key=_IDF_OF_PAIR))
    n_words = len(flat) - len(runs)
    if k is None:
        k = max(MIN_KEYWORDS, min(MAX_KEYWORDS, MIN_KEYWORDS + n_words // 120))
    total = max(stats.n_words, 1)
    log, sqrt = math.log, math.sqrt
    weight = {s: (1.0 + log(n)) * idf_by_stem[s] * (1.5 - 0.5 * first_pos[s] / total) for s, n in tf.items()}

    # -- candidates: every stem, and 2-3 word phrases that recur as a unit ---------------------
    grams = Counter(zip(flat, flat[1:]))
    grams.update(zip(flat, flat[1:], flat[2:]))
    recurring = {g: n for g, n in grams.items() if n > 1 and None not in g}
    # Every mention of one entity (same key: "سامر الحداد" … "الحداد") counts for it; it is
    # shown as its longest mention, the tagger's span.
    entity_spans: dict[tuple[str, ...], tuple[int, int]] = {}
    entity_counts: dict[tuple[str, ...], int] = {}
    groups: dict[str, list] = {}
    for ent in article.entities or []:
        groups.setdefault(ent.key or normalize_word(ent.text), []).append(ent)
    for mentions in groups.values():
        longest = max(mentions, key=lambda e: (len(e.text), -e.start))
        stems = tuple(s for r in runs_of(longest.text) for s in r.stems)
        if not stems or not all(s in weight for s in stems):
            continue
        entity_counts[stems] = max(entity_counts.get(stems, 0), len(mentions))
        entity_spans[stems] = (longest.start, longest.end)
    title_stems = {s for r in runs_of(article.title) for s in r.stems} if article.title else set()

    # Scores as (-score, first position, key); single words, the bulk, take the short path
    # (PHRASE_BONUS[1] is 1: no factor).
    scored = [(-(weight[s] * sqrt(n)), first_pos[s], (s,)) for s, n in tf.items()]
    if entity_counts or title_stems:
        # the rare rescoring of words that are entities or title words, same formula
        rescore = {(s,) for s in title_stems if s in tf}
        rescore.update(key for key in entity_counts if len(key) == 1)
        if rescore:
            scored = [item if item[2] not in rescore else _score(item[2], tf[item[2][0]], weight, first_pos, entity_spans, entity_counts, title_stems) for item in scored]
    for key, count in recurring.items():
        scored.append(_score(key, max(count, entity_counts.get(key, 0)), weight, first_pos, entity_spans, entity_counts, title_stems))
    for key in entity_counts:
        if len(key) > 1 and key not in recurring:
            scored.append(_score(key, entity_counts[key], weight, first_pos, entity_spans, entity_counts, title_stems))
    # only the best 4k + 1 are ever looked at; nsmallest keeps sorted()'s order
    scored = heapq.nsmallest(4 * k + 1, scored)

    # -- selection with redundancy removal ---------------------------------------------------
    chosen: list[tuple[float, tuple[str, ...], set[str]]] = []
    for neg, _, key in scored:
        stems = set(key)
        if any(stems & o and not o < stems for _, _, o in chosen):
            continue  # covered by, or overlapping, a better keyphrase
        # a phrase takes the place of the parts of it already chosen: each word appears in
        # one keyphrase only (no "منظمة" beside "منظمة الدول التركية")
        wider = [j for j, (_, _, o) in enumerate(chosen) if o < stems]
        if wider:
            chosen[wider[0]] = (chosen[wider[0]][0], key, stems)
            for j in reversed(wider[1:]):
                del chosen[j]
        elif len(chosen) < k:
            chosen.append((-neg, key, stems))
    if not chosen:
        return []
    top = chosen[0][0]
    out = []
    for s, key, _ in chosen:
        if key in entity_spans:
            start, end = entity_spans[key]
        else:
            run, i = _first_word(runs, first_pos[key[0]]) if len(key) == 1 else _first(runs, key)
            start, end = locate(stats, run, i, i + len(key))
        out.append(Keyword(text[start:end], round(s / top, 4), start, end))
    return out


@component("keyphrases")
def keyphrases(article: Article) -> Article:
    article.keywords = extract(article)
    return article
