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

import numpy as np

from marsad.analyze.wordstats import _STEM_BITS, TextStats, analyse, content_stems, locate, short_text
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
_STEM_MASK = (1 << _STEM_BITS) - 1
_TRIPLE = 1 << 62  # marks a word triple among pair keys (three stem ids take 60 bits)


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


def _select(scored: list[tuple[float, int, tuple[str, ...]]], k: int) -> list[tuple[float, tuple[str, ...], set[str]]]:
    """The best ``k`` of the candidates (best first), each word in one keyphrase only."""
    chosen: list[tuple[float, tuple[str, ...], set[str]]] = []
    used: set[str] = set()  # the words of the chosen keyphrases
    for neg, _, key in scored:
        if len(key) == 1:  # a single word (most candidates): the same test, by set look-up
            if key[0] not in used and len(chosen) < k:
                chosen.append((-neg, key, {key[0]}))
                used.add(key[0])
            continue
        stems = set(key)
        if used.isdisjoint(stems):  # shares no word with a chosen keyphrase (the test below, at once)
            if len(chosen) < k:
                chosen.append((-neg, key, stems))
                used |= stems
            continue
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
    return chosen


def extract(article: Article, k: int | None = None) -> list[Keyword]:
    """The keyphrases of ``article`` (best first), as :func:`keyphrases` stores them."""
    text = article.text
    stats: TextStats = analyse(text)

    # -- word weights ------------------------------------------------------------------
    # Over the content words' stem ids in numpy (this runs on every word of every article):
    # a break (a stop word, a number, a punctuation mark, a sentence end) keeps phrases apart.
    cstems = stats.content_stems
    if not len(cstems):
        return []
    # one group per stem (a stable sort: each group's first occurrence first)
    order, starts, uniq, counts, firsts = stats.groups
    first_pos = stats.content_pos[firsts]  # each candidate word's first occurrence among all words
    # the least frequent surface form speaks for the stem (names beat homographs)
    idf = np.maximum.reduceat(stats.content_idf[order], starts)
    n_content = len(cstems)
    if k is None:
        k = max(MIN_KEYWORDS, min(MAX_KEYWORDS, MIN_KEYWORDS + n_content // 120))
    total = max(stats.n_words, 1)
    # The same IEEE operations in the same order as the scalar formula in _score, and
    # tables of math.log/sqrt, so the same floats.  A single word's score is weight × √count
    # (PHRASE_BONUS[1] is 1: no factor).
    log1, roots = _tables(int(counts.max()))
    pos = first_pos.astype(np.float64)
    w = log1[counts] * idf * (1.5 - 0.5 * pos / total)
    neg = -(w * roots[counts])
    stems = stats.table.stems
    index = dict(zip(uniq.tolist(), range(len(uniq))))  # stem id -> candidate number
    stem_ids = stats.table.stem_ids
    weights, positions, tf_list = w.tolist(), first_pos.tolist(), counts.tolist()
    # weight, first position and count of the stems an entity or the title needs
    weight: dict[str, float] = {}
    first: dict[str, int] = {}
    tf: dict[str, int] = {}

    def known(stem: str) -> bool:
        if stem in weight:
            return True
        j = index.get(stem_ids.get(stem, -1))
        if j is None:
            return False
        weight[stem], first[stem], tf[stem] = weights[j], positions[j], tf_list[j]
        return True

    # -- candidates: every stem, and 2-3 word phrases that recur as a unit ---------------------
    # word pairs and triples of consecutive entries that are all content words, as int keys
    centries = stats.content
    adjacent = centries[1:] == centries[:-1] + 1
    # a recurring phrase: its count, its words' candidate numbers and the entry where it first occurs
    recurring: dict[tuple[str, ...], tuple[int, tuple[int, ...], int]] = {}
    if adjacent.any():
        pair_at = np.flatnonzero(adjacent)
        triple_at = pair_at[:-1][pair_at[1:] == pair_at[:-1] + 1]
        # pairs and triples in one array: a triple's key has bit 62 set, above any pair's
        first_stems = cstems[pair_at]
        grams = np.concatenate((
            (first_stems << _STEM_BITS) | cstems[pair_at + 1],
            (((cstems[triple_at] << _STEM_BITS) | cstems[triple_at + 1]) << _STEM_BITS) | cstems[triple_at + 2] | _TRIPLE,
        ))
        ordered = np.sort(grams)
        repeats = ordered[1:][ordered[1:] == ordered[:-1]].tolist()  # a gram n times: n - 1 times here
        if repeats:
            all_grams = grams.tolist()
            found = Counter(repeats)
            # the entry where each recurring gram first occurs
            starts_at = centries[np.concatenate((pair_at, triple_at))[[all_grams.index(g) for g in found]]].tolist()
            for (gram, more), entry in zip(found.items(), starts_at):
                if gram & _TRIPLE:
                    ids = ((gram >> (2 * _STEM_BITS)) & _STEM_MASK, (gram >> _STEM_BITS) & _STEM_MASK, gram & _STEM_MASK)
                else:
                    ids = (gram >> _STEM_BITS, gram & _STEM_MASK)
                recurring[tuple([stems[i] for i in ids])] = (more + 1, tuple([index[i] for i in ids]), entry)
    # Every mention of one entity (same key: "سامر الحداد" … "الحداد") counts for it; it is
    # shown as its longest mention, the tagger's span.
    entity_spans: dict[tuple[str, ...], tuple[int, int]] = {}
    entity_counts: dict[tuple[str, ...], int] = {}
    groups: dict[str, list] = {}
    for ent in article.entities or []:
        groups.setdefault(ent.key or normalize_word(ent.text), []).append(ent)
    for mentions in groups.values():
        longest = max(mentions, key=lambda e: (len(e.text), -e.start))
        key = tuple(content_stems(longest.text))
        if not key or not all(map(known, key)):
            continue
        entity_counts[key] = max(entity_counts.get(key, 0), len(mentions))
        entity_spans[key] = (longest.start, longest.end)
    title_stems = set(short_text(article.title).content_stems()) if article.title else set()

    if entity_counts or title_stems:
        # the rarer rescoring of words that are entities or title words, same formula
        rescore = {s for s in title_stems if known(s)}
        rescore.update(key[0] for key in entity_counts if len(key) == 1)
        for s in rescore:
            neg[index[stem_ids[s]]] = _score((s,), tf[s], weight, first, entity_spans, entity_counts, title_stems)[0]
    # Scores as (-score, first position, key), best first.  Only the best 4k + 1 are ever
    # looked at, so only that many single words need a tuple: in score order, then by
    # position (no two stems share a first position, so no tie goes further).
    best = np.lexsort((pos, neg))[: 4 * k + 1].tolist()
    negs = neg.tolist()
    single_at: dict[tuple[str], int] = {}  # a single word's candidate number
    scored = []
    for i, uniq_i in zip(best, uniq[best].tolist()):
        key = (stems[uniq_i],)
        single_at[key] = i
        scored.append((negs[i], positions[i], key))
    for key, (count, js, _) in recurring.items():
        # _score of a phrase, from the candidate numbers of its words: the same operations
        # (its words' weights added from 0 in order, divided by their number, × √count × bonus)
        if entity_counts:
            count = max(count, entity_counts.get(key, 0))
        n = len(js)
        s = (weights[js[0]] + weights[js[1]] if n == 2 else weights[js[0]] + weights[js[1]] + weights[js[2]]) / n
        s = s * math.sqrt(count) * PHRASE_BONUS[n]
        if key in entity_spans:
            s *= ENTITY_BONUS
        if title_stems and all(st in title_stems for st in key):
            s *= TITLE_BONUS
        scored.append((-s, positions[js[0]], key))
    for key in entity_counts:
        if len(key) > 1 and key not in recurring:
            scored.append(_score(key, entity_counts[key], weight, first, entity_spans, entity_counts, title_stems))
    # only the best 4k + 1 are ever looked at (what heapq.nsmallest gives, faster for ~50)
    scored.sort()
    del scored[4 * k + 1 :]

    chosen = _select(scored, k)
    if not chosen:
        return []
    top = chosen[0][0]
    out = []
    for s, key, _ in chosen:
        if key in entity_spans:
            start, end = entity_spans[key]
        else:
            i = int(centries[firsts[single_at[key]]]) if len(key) == 1 else recurring[key][2]
            start, end = locate(stats, i, i + len(key))
        out.append(Keyword(text[start:end], round(s / top, 4), start, end))
    return out


@component("keyphrases")
def keyphrases(article: Article) -> Article:
    article.keywords = extract(article)
    return article
