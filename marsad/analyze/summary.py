"""Extractive summary: the one to three sentences that best say what happened.

Sentences come from :func:`marsad.text.split_sentences` (an English splitter cuts Arabic
at the wrong places and misses ؟ and ؛).  Each is scored by

* centrality — cosine similarity between its light-stem TF-IDF vector and the whole
  article's (the sentence that shares most of the article's vocabulary);
* position — news leads with the facts, so earlier sentences get a decaying bonus;
* coverage — how many of the article's keyphrases and named entities it mentions
  (``article.keywords`` / ``article.entities`` when those stages ran);

minus a penalty for fragments (too short) and run-on paragraphs (too long).  Sentences
are picked greedily, skipping any that repeats one already picked (MMR-style), and
returned in text order.  Headings (``article.blocks`` of kind ``heading``) are never
picked.
"""

from __future__ import annotations

import math
from itertools import repeat
from operator import mul

import numpy as np

from marsad.analyze.wordstats import STEM, TableFull, TextStats, analyse, first_seen_ids, stem_groups, word_info
from marsad.document import Article, SummarySentence
from marsad.pipeline import component

# Weights tuned on 600 articles of SaudiNewsNet's first three days (2015-07-21..23) for
# ROUGE-1 recall of the title at 1 and 2 sentences (a small grid: position 0.3..2.5,
# coverage 0..1; differences within 0.01), then measured on the other days by
# benchmarks/eval_summary.py; rerun it after any change.
W_CENTRALITY = 1.0
W_POSITION = 1.0
W_COVERAGE = 0.5
MIN_WORDS = 6
MAX_WORDS = 70
REDUNDANCY = 0.6  # cosine above which a sentence repeats one already chosen


def summary_length(n_sentences: int) -> int:
    """1 sentence for a brief, 2 for a short report, 3 beyond."""
    if n_sentences <= 3:
        return 1
    if n_sentences <= 8:
        return 2
    return 3


def _cosine(a: dict[int, float], b: dict[int, float], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0)))) / (na * nb)


def summarize(article: Article, n: int | None = None) -> list[SummarySentence]:
    """The summary sentences of ``article`` in text order, as :func:`summary` stores them."""
    text = article.text
    stats = analyse(text)
    sentences = stats.sentences
    headings = [(b.start, b.end) for b in article.blocks if b.kind == "heading"]
    if headings:
        kept = [i for i, sent in enumerate(sentences) if not any(h0 <= sent.start and sent.end <= h1 for h0, h1 in headings)]
    else:
        kept = list(range(len(sentences)))
    if not kept:
        return []
    vectors = _Vectors(stats, kept)
    cosines = vectors.centrality()

    # a keyword's words by stem id (-1: a stem no content word has, in no sentence's vector)
    table = stats.table
    key_stems = []
    known = table.ids.get
    for kw in article.keywords:
        ws = kw.text.split()
        ks = set()
        for w in ws:  # a few words: scalar reads beat numpy calls
            i = known(w)
            if i is None:
                try:
                    i = table.ids_of([w]).item(0)
                except TableFull:  # a new stem, in no sentence's vector: as the -1 below
                    ks.add(-1)
                    continue
            # the column read now: registering a word (here or in another thread) may have grown it
            ks.add(table.stem_of.item(i))
        if -1 in ks:  # not a content word: its stem may still be one's
            ks = {table.stem_ids.get(word_info(t)[STEM], -1) for t in ws}
        if ks:
            key_stems.append(ks)
    covered = vectors.keywords_in(key_stems) if key_stems else None
    entity_starts = sorted((e.start, e.end) for e in article.entities)
    word_counts = stats.word_counts

    scores = []
    for i, si in enumerate(kept):
        coverage = 0.0
        if covered is not None:
            coverage += covered[i] / len(key_stems)
        if entity_starts:
            sent = sentences[si]
            inside = sum(1 for a, b in entity_starts if sent.start <= a and b <= sent.end)
            coverage += min(inside, 4) / 4
        score = W_CENTRALITY * cosines[i] + W_POSITION / math.sqrt(1 + i) + W_COVERAGE * coverage
        n_words = word_counts[si]
        if n_words < MIN_WORDS:
            score *= 0.3
        elif n_words > MAX_WORDS:
            score *= MAX_WORDS / n_words
        scores.append(score)

    n = n or summary_length(len(kept))
    chosen: list[int] = []
    for i in sorted(range(len(kept)), key=lambda j: (-scores[j], j)):
        if len(chosen) >= n:
            break
        if any(vectors.cosine(i, j) > REDUNDANCY for j in chosen):
            continue
        chosen.append(i)
    return [SummarySentence(sentences[kept[i]].text, sentences[kept[i]].start, sentences[kept[i]].end) for i in sorted(chosen)]


class _Vectors:
    """The kept sentences' TF-IDF vectors over light stems (a stem weighs the sum of its
    words' IDFs in the sentence) and the article's (the sum of the sentences'), as numpy
    arrays of (sentence, stem) pairs instead of a dict per sentence built by a Python loop
    over every content word.  Every sum is taken in the order the dicts took it (a pair's
    words in text order, a stem's sentences in order, a norm's or dot product's terms in
    the order the vector's stems first occur; ``np.bincount`` and ``np.cumsum`` add one
    term after the other), so the floats are the dicts' (tests/analyze/reference_about.py
    keeps the dict version)."""

    def __init__(self, stats: TextStats, kept: list[int]) -> None:
        self.n_kept = n_kept = len(kept)
        cuts = np.searchsorted(stats.content, stats.bounds)  # each sentence's first content word
        sizes = cuts[1:] - cuts[:-1]
        if n_kept == len(stats.sentences):  # no heading: every content word
            stems, weights = stats.content_stems, stats.content_idf
            groups = stats.groups  # (the keyphrase stage's)
        else:
            keep = np.zeros(len(sizes), dtype=bool)
            keep[kept] = True
            sizes = sizes[keep]
            mask = np.repeat(keep, cuts[1:] - cuts[:-1])
            stems, weights = stats.content_stems[mask], stats.content_idf[mask]
            groups = stem_groups(stems)
        self.empty = not len(stems)
        self._dicts: dict[int, tuple[dict[int, float], float]] = {}
        if self.empty:
            self.n_stems = 0
            return
        # stems numbered in order of first occurrence: the order the article's vector takes them
        compact, self.n_stems = first_seen_ids(stems, groups)
        sentence = np.repeat(np.arange(n_kept), sizes)
        # One pair per (sentence, stem), weighing its words' IDFs added in text order.  In
        # the stems' sort (stable: each stem's words in text order) a pair's words are a run.
        order, starts = groups.order, groups.starts
        sentence_sorted = sentence[order]
        new = np.empty(len(order), dtype=bool)
        new[0] = True
        np.not_equal(sentence_sorted[1:], sentence_sorted[:-1], out=new[1:])
        new[starts] = True  # a new stem starts a new pair
        if new.all():  # no stem twice in one sentence: each word is a pair
            self.weight, self.sentence, self.stem, self.stem_id = weights, sentence, compact, stems
        else:
            pair_weight = np.bincount(np.cumsum(new) - 1, weights=weights[order])  # each run in text order
            heads = order[new]  # each pair's first word
            by_text = np.argsort(heads)  # the pairs in text order: each vector's insertion order
            first = heads[by_text]
            self.weight = pair_weight[by_text]
            self.sentence = sentence[first]
            self.stem = compact[first]  # compact stem number
            self.stem_id = stems[first]  # the word table's stem id
        self.cuts = np.searchsorted(self.sentence, np.arange(n_kept + 1)).tolist()

    def centrality(self) -> list[float]:
        """Cosine of each kept sentence's vector with the article's."""
        n_kept = self.n_kept
        self.norms = [0.0] * n_kept
        if self.empty:
            return [0.0] * n_kept
        weight, sentence, stem = self.weight, self.sentence, self.stem
        doc = np.bincount(stem, weights=weight, minlength=self.n_stems)  # each stem's sentences in order
        norms = np.sqrt(np.bincount(sentence, weights=weight * weight, minlength=n_kept))
        self.norms = norms.tolist()
        # the article's terms in order of first occurrence: the compact stem numbers' order
        doc_norm = math.sqrt(np.cumsum(doc * doc)[-1])
        if not doc_norm:
            return [0.0] * n_kept
        dots = np.bincount(sentence, weights=weight * doc[stem], minlength=n_kept)
        denominators = norms * doc_norm
        denominators[norms == 0.0] = 1.0  # an empty vector: its dot product is 0, its cosine 0
        return (dots / denominators).tolist()

    def keywords_in(self, key_stems: list[set[int]]) -> list[int]:
        """For each kept sentence, how many of the keywords (sets of stem ids) it holds whole."""
        out = [0] * self.n_kept
        if self.empty:
            return out
        wanted = {s for ks in key_stems for s in ks if s >= 0}
        if not wanted:
            return out
        wanted_ids = np.array(sorted(wanted), dtype=np.int64)  # np.isin costs several times more
        at = np.searchsorted(wanted_ids, self.stem_id)
        np.minimum(at, len(wanted_ids) - 1, out=at)
        hits = np.flatnonzero(wanted_ids[at] == self.stem_id)
        where: dict[int, set[int]] = {}
        for s, i in zip(self.stem_id[hits].tolist(), self.sentence[hits].tolist()):
            where.setdefault(s, set()).add(i)
        none: set[int] = set()
        for ks in key_stems:
            it = iter(ks)
            inside = where.get(next(it), none)
            for s in it:
                if not inside:
                    break
                inside = inside & where.get(s, none)
            for i in inside:
                out[i] += 1
        return out

    def _dict(self, i: int) -> tuple[dict[int, float], float]:
        got = self._dicts.get(i)
        if got is None:
            a, b = self.cuts[i], self.cuts[i + 1]
            got = self._dicts[i] = (dict(zip(self.stem[a:b].tolist(), self.weight[a:b].tolist())), self.norms[i])
        return got

    def cosine(self, i: int, j: int) -> float:
        """Cosine of kept sentences ``i`` and ``j`` (the dicts' sum, in its order)."""
        if self.empty:
            return 0.0
        (a, na), (b, nb) = self._dict(i), self._dict(j)
        return _cosine(a, b, na, nb)


@component("summary")
def summary(article: Article) -> Article:
    article.summary = summarize(article)
    return article
