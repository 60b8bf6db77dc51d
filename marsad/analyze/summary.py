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

from marsad.document import Article, SummarySentence
from marsad.pipeline import component
from marsad.analyze.topics import corpus_idf
from marsad.text import normalized_words, split_sentences
from marsad.text.stem import light_stem
from marsad.text.wordlists import STOPWORDS

# Weights tuned on SaudiNewsNet days 2015-07-21..23 against titles (ROUGE-1 recall), then
# measured on the other days by benchmarks/eval_summary.py; rerun it after any change.
W_CENTRALITY = 1.0
W_POSITION = 0.6
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


def _vector(words: list[str], idf) -> dict[str, float]:
    vec: dict[str, float] = {}
    for w in words:
        if w in STOPWORDS or len(w) < 2:
            continue
        s = light_stem(w)
        vec[s] = vec.get(s, 0.0) + idf(w)
    return vec


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def summarize(article: Article, n: int | None = None) -> list[SummarySentence]:
    """The summary sentences of ``article`` in text order, as :func:`summary` stores them."""
    idf = corpus_idf()
    text = article.text
    headings = [(b.start, b.end) for b in article.blocks if b.kind == "heading"]
    sentences = [
        s for s in split_sentences(text) if not any(h0 <= s.start and s.end <= h1 for h0, h1 in headings)
    ]
    if not sentences:
        return []
    words = [normalized_words(s.text) for s in sentences]
    vectors = [_vector(w, idf) for w in words]
    doc: dict[str, float] = {}
    for v in vectors:
        for k, x in v.items():
            doc[k] = doc.get(k, 0.0) + x

    key_stems = [
        {light_stem(w) for w in normalized_words(kw.text)} for kw in article.keywords if normalized_words(kw.text)
    ]
    entity_spans = [(e.start, e.end) for e in article.entities]

    scores = []
    for i, (s, w, v) in enumerate(zip(sentences, words, vectors)):
        stems = set(v)
        coverage = 0.0
        if key_stems:
            coverage += sum(1 for ks in key_stems if ks <= stems) / len(key_stems)
        if entity_spans:
            inside = sum(1 for a, b in entity_spans if s.start <= a and b <= s.end)
            coverage += min(inside, 4) / 4
        score = W_CENTRALITY * _cosine(v, doc) + W_POSITION / math.sqrt(1 + i) + W_COVERAGE * coverage
        if len(w) < MIN_WORDS:
            score *= 0.3
        elif len(w) > MAX_WORDS:
            score *= MAX_WORDS / len(w)
        scores.append(score)

    n = n or summary_length(len(sentences))
    chosen: list[int] = []
    for i in sorted(range(len(sentences)), key=lambda j: (-scores[j], j)):
        if len(chosen) >= n:
            break
        if any(_cosine(vectors[i], vectors[j]) > REDUNDANCY for j in chosen):
            continue
        chosen.append(i)
    return [SummarySentence(sentences[i].text, sentences[i].start, sentences[i].end) for i in sorted(chosen)]


@component("summary")
def summary(article: Article) -> Article:
    article.summary = summarize(article)
    return article

