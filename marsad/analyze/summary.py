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

from marsad.analyze.wordstats import STEM, TableFull, analyse, word_info
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


def _norm(vec: dict[str, float]) -> float:
    values = list(vec.values())
    return math.sqrt(sum(map(mul, values, values)))  # in C, adding in the same order


def _cosine(a: dict[str, float], b: dict[str, float], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0)))) / (na * nb)


def summarize(article: Article, n: int | None = None) -> list[SummarySentence]:
    """The summary sentences of ``article`` in text order, as :func:`summary` stores them."""
    text = article.text
    stats = analyse(text)
    headings = [(b.start, b.end) for b in article.blocks if b.kind == "heading"]
    picked = [
        (sent, i)
        for i, sent in enumerate(stats.sentences)
        if not headings or not any(h0 <= sent.start and sent.end <= h1 for h0, h1 in headings)
    ]
    if not picked:
        return []
    # each sentence's content words (stem id, IDF) as slices of the article's lists
    pairs = list(zip(stats.content_stems.tolist(), stats.content_idf.tolist()))
    cuts = np.searchsorted(stats.content, stats.bounds).tolist()
    vectors = []
    doc: dict[int, float] = {}
    for _, i in picked:
        items = pairs[cuts[i] : cuts[i + 1]]
        vec = dict(items)  # each word once (most sentences): its one weight, built in C
        if len(vec) < len(items):  # a word recurs: add up its weights in text order
            vec = {}
            get = vec.get
            for key, x in items:
                vec[key] = get(key, 0.0) + x
        vectors.append(vec)
        get = doc.get
        for key, x in vec.items():
            doc[key] = get(key, 0.0) + x
    norms = [_norm(v) for v in vectors]
    doc_norm = _norm(doc)

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
    entity_starts = sorted((e.start, e.end) for e in article.entities)
    word_counts = stats.word_counts

    scores = []
    for i, ((sent, si), vec) in enumerate(zip(picked, vectors)):
        coverage = 0.0
        if key_stems:
            keys = vec.keys()
            coverage += sum(1 for ks in key_stems if ks <= keys) / len(key_stems)
        if entity_starts:
            inside = sum(1 for a, b in entity_starts if sent.start <= a and b <= sent.end)
            coverage += min(inside, 4) / 4
        score = W_CENTRALITY * _cosine(vec, doc, norms[i], doc_norm) + W_POSITION / math.sqrt(1 + i) + W_COVERAGE * coverage
        n_words = word_counts[si]
        if n_words < MIN_WORDS:
            score *= 0.3
        elif n_words > MAX_WORDS:
            score *= MAX_WORDS / n_words
        scores.append(score)

    n = n or summary_length(len(picked))
    chosen: list[int] = []
    for i in sorted(range(len(picked)), key=lambda j: (-scores[j], j)):
        if len(chosen) >= n:
            break
        if any(_cosine(vectors[i], vectors[j], norms[i], norms[j]) > REDUNDANCY for j in chosen):
            continue
        chosen.append(i)
    return [SummarySentence(picked[i][0].text, picked[i][0].start, picked[i][0].end) for i in sorted(chosen)]


@component("summary")
def summary(article: Article) -> Article:
    article.summary = summarize(article)
    return article
