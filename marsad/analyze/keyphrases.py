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

import math
from collections import Counter
from itertools import accumulate
from operator import itemgetter

import numpy as np

from marsad.analyze.wordstats import TextStats, analyse, content_stems, locate
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


def _first(keys: tuple[str | None, ...], key: tuple[str, ...]) -> int:
    """Index of the first entry where the words of ``key`` follow each other."""
    n = len(key)
    i = keys.index(key[0])
    while tuple(keys[i : i + n]) != key:
        i = keys.index(key[0], i + 1)
    return i  # every candidate came from these entries (a ValueError otherwise)


_IDF_OF_PAIR = itemgetter(1)
# 1 + log(n) and sqrt(n) for word counts, from math (numpy's log may round otherwise)
_LOG1 = np.array([0.0] + [1.0 + math.log(n) for n in range(1, 1024)])
_SQRT = np.array([math.sqrt(n) for n in range(1024)])


def _tables(largest: int) -> tuple[np.ndarray, np.ndarray]:
    if largest < len(_LOG1):
        return _LOG1, _SQRT
    return (
        np.array([0.0] + [1.0 + math.log(n) for n in range(1, largest + 1)]),
        np.array([math.sqrt(n) for n in range(largest + 1)]),
    )


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
    stats: TextStats = analyse(text)

    # -- word weights ------------------------------------------------------------------
    # Counted in C (Counter, dict(zip)) over the article's entries rather than word by word:
    # this runs on every word of every article.  A None (no content word, a break, a
    # sentence end) keeps phrases apart.
    keys = stats.keys
    tf = Counter(keys)
    del tf[None]
    if not tf:
        return []
    # positions[i + 1]: the index among the text's words of entry i (words before it; a
    # break or sentence end has no word), so reversed(positions) lines up with reversed(keys)
    positions = list(accumulate(stats.words, initial=-1))
    first_pos = dict(zip(reversed(keys), reversed(positions)))  # the first occurrence wins
    # the least frequent surface form speaks for the stem (names beat homographs): the
    # distinct (stem, IDF) pairs sorted by IDF, so the largest is written last
    # (a stable sort: one stem's pairs of equal IDF give the same value in any order)
    idf_by_stem = dict(sorted(filter(None, stats.entries), key=_IDF_OF_PAIR))
    n_content = len(keys) - keys.count(None)
    if k is None:
        k = max(MIN_KEYWORDS, min(MAX_KEYWORDS, MIN_KEYWORDS + n_content // 120))
    total = max(stats.n_words, 1)
    # Single words, the bulk of the candidates, are weighed in numpy: the same IEEE
    # operations in the same order as the scalar formula, and tables of math.log/sqrt, so
    # the same floats.  Their score is weight × √count (PHRASE_BONUS[1] is 1: no factor).
    singles = list(tf)
    counts = np.fromiter(tf.values(), dtype=np.intp, count=len(singles))
    log1, roots = _tables(int(counts.max()))
    pos = np.fromiter(map(first_pos.__getitem__, singles), dtype=np.float64, count=len(singles))
    idf = np.fromiter(map(idf_by_stem.__getitem__, singles), dtype=np.float64, count=len(singles))
    w = log1[counts] * idf * (1.5 - 0.5 * pos / total)
    neg = -(w * roots[counts])
    weight = dict(zip(singles, w.tolist()))

    # -- candidates: every stem, and 2-3 word phrases that recur as a unit ---------------------
    # only the n-grams of content words (all(): no None in them) are counted, in C
    grams = Counter(filter(all, zip(keys, keys[1:])))
    grams.update(filter(all, zip(keys, keys[1:], keys[2:])))
    recurring = {g: n for g, n in grams.items() if n > 1}
    # Every mention of one entity (same key: "سامر الحداد" … "الحداد") counts for it; it is
    # shown as its longest mention, the tagger's span.
    entity_spans: dict[tuple[str, ...], tuple[int, int]] = {}
    entity_counts: dict[tuple[str, ...], int] = {}
    groups: dict[str, list] = {}
    for ent in article.entities or []:
        groups.setdefault(ent.key or normalize_word(ent.text), []).append(ent)
    for mentions in groups.values():
        longest = max(mentions, key=lambda e: (len(e.text), -e.start))
        stems = tuple(content_stems(longest.text))
        if not stems or not all(s in weight for s in stems):
            continue
        entity_counts[stems] = max(entity_counts.get(stems, 0), len(mentions))
        entity_spans[stems] = (longest.start, longest.end)
    title_stems = set(content_stems(article.title)) if article.title else set()

    if entity_counts or title_stems:
        # the rarer rescoring of words that are entities or title words, same formula
        rescore = {s for s in title_stems if s in tf}
        rescore.update(key[0] for key in entity_counts if len(key) == 1)
        if rescore:
            index = dict(zip(singles, range(len(singles))))
            for s in rescore:
                neg[index[s]] = _score((s,), tf[s], weight, first_pos, entity_spans, entity_counts, title_stems)[0]
    # Scores as (-score, first position, key), best first.  Only the best 4k + 1 are ever
    # looked at, so only that many single words need a tuple: in score order, then by
    # position (no two stems share a first position, so no tie goes further).
    best = np.lexsort((pos, neg))[: 4 * k + 1].tolist()
    negs = neg.tolist()
    scored = [(negs[i], first_pos[singles[i]], (singles[i],)) for i in best]
    for key, count in recurring.items():
        scored.append(_score(key, max(count, entity_counts.get(key, 0)), weight, first_pos, entity_spans, entity_counts, title_stems))
    for key in entity_counts:
        if len(key) > 1 and key not in recurring:
            scored.append(_score(key, entity_counts[key], weight, first_pos, entity_spans, entity_counts, title_stems))
    # only the best 4k + 1 are ever looked at (what heapq.nsmallest gives, faster for ~50)
    scored = sorted(scored)[: 4 * k + 1]

    # -- selection with redundancy removal ---------------------------------------------------
    chosen: list[tuple[float, tuple[str, ...], set[str]]] = []
    used: set[str] = set()  # the words of the chosen keyphrases
    for neg, _, key in scored:
        if len(key) == 1:  # a single word (most candidates): the same test, by set look-up
            if key[0] not in used and len(chosen) < k:
                chosen.append((-neg, key, {key[0]}))
                used.add(key[0])
            continue
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
            used = set().union(*(o for _, _, o in chosen))
        elif len(chosen) < k:
            chosen.append((-neg, key, stems))
            used |= stems
    if not chosen:
        return []
    top = chosen[0][0]
    out = []
    for s, key, _ in chosen:
        if key in entity_spans:
            start, end = entity_spans[key]
        else:
            i = keys.index(key[0]) if len(key) == 1 else _first(keys, key)
            start, end = locate(stats, i, i + len(key))
        out.append(Keyword(text[start:end], round(s / top, 4), start, end))
    return out


@component("keyphrases")
def keyphrases(article: Article) -> Article:
    article.keywords = extract(article)
    return article
