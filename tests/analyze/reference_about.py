"""Plain reference versions of the keyphrase and summary scoring, for the tests.

They read the article's entries as lists (one word fact per entry, ``TextStats.keys`` and
``.entries``) and score every candidate with the scalar formulas, as the stages did
before they read numpy columns of word ids; the keyphrase score and the one-keyphrase-per-
word selection are written out here again (plainly, from the module docstring's rules)
rather than imported, so that they check the module's.  The stages must give exactly
these results: same keyphrases, scores, offsets and summary sentences.
"""

from __future__ import annotations

import math
from collections import Counter

from marsad.analyze.keyphrases import ENTITY_BONUS, MAX_KEYWORDS, MIN_KEYWORDS, PHRASE_BONUS, TITLE_BONUS
from marsad.analyze.summary import MAX_WORDS, MIN_WORDS, REDUNDANCY, W_CENTRALITY, W_COVERAGE, W_POSITION, summary_length
from marsad.analyze.wordstats import STEM, analyse, content_stems, locate, word_info
from marsad.document import Article, Keyword, SummarySentence
from marsad.text.stem import normalize_word


def _score(key, count, weight, first_pos, entity_spans, entity_counts, title_stems) -> tuple[float, int, tuple[str, ...]]:
    """(-score, first position, key): sorting these puts the best first."""
    if len(key) == 1 and key in entity_counts:  # every mention of an entity counts
        count = max(count, entity_counts[key])
    mean = sum(weight[s] for s in key) / len(key)
    score = mean * math.sqrt(count) * PHRASE_BONUS[min(len(key), len(PHRASE_BONUS) - 1)]
    if key in entity_spans:
        score *= ENTITY_BONUS
    if title_stems and set(key) <= title_stems:
        score *= TITLE_BONUS
    return (-score, first_pos[key[0]], key)


def _select(ranked, k: int) -> list[tuple[float, tuple[str, ...], set[str]]]:
    """The best ``k`` keyphrases, each word in one only: a candidate sharing a word with a
    chosen one is dropped, unless it contains chosen ones whole: then it takes the place of
    the first of them (keeping that one's score) and the others go."""
    chosen: list[list] = []  # [score, key]
    for neg, _, key in ranked:
        words = set(key)
        inside = [i for i, (_, other) in enumerate(chosen) if set(other) < words]
        if any(words & set(other) for i, (_, other) in enumerate(chosen) if i not in inside):
            continue
        if inside:
            chosen[inside[0]][1] = key
            chosen = [c for i, c in enumerate(chosen) if i not in inside[1:]]
        elif len(chosen) < k:
            chosen.append([-neg, key])
    return [(score, key, set(key)) for score, key in chosen]


def keyphrases(article: Article, k: int | None = None) -> list[Keyword]:
    text = article.text
    stats = analyse(text)
    keys = stats.keys
    tf = Counter(keys)
    del tf[None]
    if not tf:
        return []
    first_pos: dict[str, int] = {}
    idf_by_stem: dict[str, float] = {}
    word = -1
    for key, entry, piece in zip(keys, stats.entries, stats.pieces):
        word += piece != ""
        if key is not None:
            first_pos.setdefault(key, word)
            idf_by_stem[key] = max(idf_by_stem.get(key, entry[1]), entry[1])
    n_content = len(keys) - keys.count(None)
    if k is None:
        k = max(MIN_KEYWORDS, min(MAX_KEYWORDS, MIN_KEYWORDS + n_content // 120))
    total = max(stats.n_words, 1)
    weight = {s: (1.0 + math.log(n)) * idf_by_stem[s] * (1.5 - 0.5 * first_pos[s] / total) for s, n in tf.items()}
    grams = Counter(g for g in zip(keys, keys[1:]) if all(g))
    grams.update(g for g in zip(keys, keys[1:], keys[2:]) if all(g))
    recurring = {g: n for g, n in grams.items() if n > 1}
    entity_spans: dict = {}
    entity_counts: dict = {}
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
    scored = [_score((s,), n, weight, first_pos, entity_spans, entity_counts, title_stems) for s, n in tf.items()]
    for key, count in recurring.items():
        scored.append(_score(key, max(count, entity_counts.get(key, 0)), weight, first_pos, entity_spans, entity_counts, title_stems))
    for key in entity_counts:
        if len(key) > 1 and key not in recurring:
            scored.append(_score(key, entity_counts[key], weight, first_pos, entity_spans, entity_counts, title_stems))
    chosen = _select(sorted(scored)[: 4 * k + 1], k)
    if not chosen:
        return []
    top = chosen[0][0]
    out = []
    for s, key, _ in chosen:
        if key in entity_spans:
            start, end = entity_spans[key]
        else:
            n = len(key)
            i = next(i for i in range(len(keys)) if tuple(keys[i : i + n]) == key)
            start, end = locate(stats, i, i + n)
        out.append(Keyword(text[start:end], round(s / top, 4), start, end))
    return out


def _norm(vec: dict) -> float:
    return math.sqrt(sum(x * x for x in vec.values()))


def _cosine(a: dict, b: dict, na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(key, 0.0) for key, x in a.items()) / (na * nb)


def summary(article: Article, n: int | None = None) -> list[SummarySentence]:
    stats = analyse(article.text)
    headings = [(b.start, b.end) for b in article.blocks if b.kind == "heading"]
    picked = [
        (sent, i)
        for i, sent in enumerate(stats.sentences)
        if not any(h0 <= sent.start and sent.end <= h1 for h0, h1 in headings)
    ]
    if not picked:
        return []
    entries = stats.entries
    vectors = []
    doc: dict[str, float] = {}
    for _, i in picked:
        vec: dict[str, float] = {}
        for entry in entries[stats.bounds[i] : stats.bounds[i + 1]]:
            if entry is not None:
                vec[entry[0]] = vec.get(entry[0], 0.0) + entry[1]
        vectors.append(vec)
        for key, x in vec.items():
            doc[key] = doc.get(key, 0.0) + x
    norms = [_norm(v) for v in vectors]
    doc_norm = _norm(doc)
    key_stems = [stems for stems in ({word_info(t)[STEM] for t in kw.text.split()} for kw in article.keywords) if stems]
    entity_spans = sorted((e.start, e.end) for e in article.entities)
    scores = []
    for i, ((sent, si), vec) in enumerate(zip(picked, vectors)):
        coverage = 0.0
        if key_stems:
            coverage += sum(1 for ks in key_stems if ks <= vec.keys()) / len(key_stems)
        if entity_spans:
            coverage += min(sum(1 for a, b in entity_spans if sent.start <= a and b <= sent.end), 4) / 4
        score = W_CENTRALITY * _cosine(vec, doc, norms[i], doc_norm) + W_POSITION / math.sqrt(1 + i) + W_COVERAGE * coverage
        n_words = stats.word_counts[si]
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
