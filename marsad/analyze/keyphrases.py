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
* A phrase whose stems are already covered by a better one is dropped (no "الخارجية"
  under "وزير الخارجية").

Each keyword is shown as its first occurrence in the text, with the attached
conjunction / preposition (و ف ب ل ك) cut off, and offsets into ``article.text``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.analyze.topics import corpus_idf
from marsad.document import Article, Keyword
from marsad.pipeline import component
from marsad.text import normalize, split_clitics, tokenize
from marsad.text.stem import light_stem
from marsad.text.wordlists import SPEECH_VERBS, STOPWORDS

MAX_WORDS = 3
MIN_KEYWORDS = 5
MAX_KEYWORDS = 10
# Weights chosen by reading the output on a few hundred SaudiNewsNet articles
# (benchmarks/eval_summary.py prints samples): entities and title words are what an
# editor would tag; a recurring multi-word unit beats its parts.
ENTITY_BONUS = 1.6
TITLE_BONUS = 1.4
PHRASE_BONUS = {1: 1.0, 2: 1.35, 3: 1.5}
UNIT_SHARE = 0.6
# Frequent news words that are not stop words but never make a keyphrase on their own
# (normalised): said/added reporting verbs come from SPEECH_VERBS; these are the rest.
# Glosses: today, yesterday, tomorrow, year, day, time, side, part, number, way, during,
# where, past, next, current, new, big, several, million, thousand, percent, riyal, etc.
WEAK_WORDS = frozenset(
    normalize(w)
    for w in """
    اليوم أمس غدا العام عام سنة السنة يوم الأيام وقت الوقت جانب إطار بشكل خلال حيث
    الماضي الماضية المقبل المقبلة الحالي الحالية الجديد الجديدة كبير كبيرة عدد عددا
    مليون مليار ألف المئة بالمئة ريال دولار أمر الأمر شيء أي أحد إحدى ذات نفس لدى
    وذلك إلى ولكن أيضا حاليا مساء صباح الساعة أنه كما تم يتم عبر إضافة إلى جانب
    """.split()
)
_SKIP = STOPWORDS | SPEECH_VERBS | WEAK_WORDS


@dataclass
class _Word:
    text: str
    start: int
    end: int
    stem: str
    norm: str
    lead: int  # characters of attached و/ف/ب/ل/ك before the displayed form


@lru_cache(maxsize=100_000)
def _analyse(surface: str) -> tuple[str, str, int] | None:
    """(normalised form, light stem, display lead) of a word, or None for a word to skip."""
    norm = normalize(surface)
    split = split_clitics(surface)
    bare = normalize(split.stem)
    if len(bare) < 2 or norm in _SKIP or (bare in _SKIP and "س" not in split.prefixes):
        return None
    return norm, light_stem(surface), _display_lead(surface, split)


def _display_lead(word: str, split) -> int:
    """Where a keyword should start in ``word``: after و/ف/ب/ل/ك, keeping the article ال."""
    if not split.prefixes or split.prefixes == ("ال",):
        return 0
    if "س" in split.prefixes:  # sa- or a stem letter (سامر): keep it, see light_stem
        return 1 if split.prefixes[0] in ("و", "ف") else 0
    if split.has_article and normalize(word[split.stem_offset - 2 : split.stem_offset]) == "ال":
        return split.stem_offset - 2
    return split.stem_offset


@dataclass
class _Candidate:
    stems: tuple[str, ...]
    first: tuple[int, int]  # offsets of the first occurrence
    count: int = 0
    entity: bool = False
    positions: list[int] = field(default_factory=list)


def _content_runs(text: str) -> list[list[_Word]]:
    """Runs of consecutive content words (stop words, numbers and punctuation end a run)."""
    runs: list[list[_Word]] = []
    run: list[_Word] = []
    for tok in tokenize(text):
        if tok.kind in ("arabic", "latin"):
            info = _analyse(tok.text)
            if info is not None:
                run.append(_Word(tok.text, tok.start, tok.end, info[1], info[0], info[2]))
                continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def extract(article: Article, k: int | None = None) -> list[Keyword]:
    """The keyphrases of ``article`` (best first), as :func:`keyphrases` stores them."""
    idf_of = corpus_idf()
    text = article.text
    runs = _content_runs(text)
    n_words = sum(len(r) for r in runs)
    if n_words == 0:
        return []
    if k is None:
        k = max(MIN_KEYWORDS, min(MAX_KEYWORDS, MIN_KEYWORDS + n_words // 120))

    # -- word weights ------------------------------------------------------------------
    tf: dict[str, int] = {}
    first_pos: dict[str, int] = {}
    idf_by_stem: dict[str, float] = {}
    for run in runs:
        for w in run:
            tf[w.stem] = tf.get(w.stem, 0) + 1
            first_pos.setdefault(w.stem, w.start)
            # the least frequent surface form speaks for the stem (names beat common homographs)
            idf = idf_of(w.norm)
            if idf > idf_by_stem.get(w.stem, 0.0):
                idf_by_stem[w.stem] = idf
    length = max(len(text), 1)
    weight = {
        s: (1.0 + math.log(n)) * idf_by_stem[s] * (1.0 + 0.5 * (1.0 - first_pos[s] / length))
        for s, n in tf.items()
    }

    # -- candidates ----------------------------------------------------------------------
    cands: dict[tuple[str, ...], _Candidate] = {}
    for run in runs:
        stems = tuple(w.stem for w in run)
        for i in range(len(run)):
            for j in range(i + 1, min(i + MAX_WORDS, len(run)) + 1):
                key = stems[i:j]
                cand = cands.get(key)
                if cand is None:
                    cand = cands[key] = _Candidate(key, (run[i].start + run[i].lead, run[j - 1].end))
                cand.count += 1
    # Every mention of one entity (same key: "سامر الحداد" … "الحداد") counts for it; it is
    # shown as its longest mention.
    groups: dict[str, list] = {}
    for ent in article.entities or []:
        groups.setdefault(ent.key or normalize(ent.text), []).append(ent)
    for mentions in groups.values():
        longest = max(mentions, key=lambda e: (len(e.text), -e.start))
        stems = tuple(w.stem for r in _content_runs(longest.text) for w in r)
        if not stems or not all(s in weight for s in stems):
            continue
        cand = cands.get(stems)
        if cand is None:
            cand = cands[stems] = _Candidate(stems, (longest.start, longest.end))
        cand.first = (longest.start, longest.end)  # the tagger's span, clitics already cut
        cand.entity = True
        cand.count = max(cand.count, len(mentions))
    title_stems = {w.stem for r in _content_runs(article.title or "") for w in r}

    def score(c: _Candidate) -> float:
        n = len(c.stems)
        if n > 1 and c.count < 2 and not c.entity:
            return 0.0  # a phrase seen once is a word sequence, not a unit
        base = sum(weight[s] for s in c.stems) / n
        s = base * math.sqrt(c.count) * PHRASE_BONUS.get(n, 1.5)
        if c.entity:
            s *= ENTITY_BONUS
        if title_stems and all(st in title_stems for st in c.stems):
            s *= TITLE_BONUS
        return s

    scored = [(score(c), c) for c in cands.values() if c.count > 1 or c.entity or len(c.stems) == 1]
    ranked = sorted(scored, key=lambda sc: (-sc[0], sc[1].first[0]))

    # -- selection with redundancy removal ---------------------------------------------------
    chosen: list[tuple[float, _Candidate]] = []
    for rank, (s, c) in enumerate(ranked):
        if s <= 0 or rank > 4 * k:
            break
        stems = set(c.stems)
        if any(stems <= set(o.stems) for _, o in chosen):
            continue
        # a phrase takes the place of a part it extends when it is that part's usual context
        # (recurs at least UNIT_SHARE as often) or an entity; otherwise it stands beside it
        wider = [
            j
            for j, (_, o) in enumerate(chosen)
            if set(o.stems) < stems and (c.entity or c.count >= UNIT_SHARE * o.count)
        ]
        if wider:
            chosen[wider[0]] = (chosen[wider[0]][0], c)
            for j in reversed(wider[1:]):
                del chosen[j]
            continue
        if len(chosen) < k:
            chosen.append((s, c))
    if not chosen:
        return []
    top = chosen[0][0]
    return [Keyword(text[c.first[0] : c.first[1]], round(s / top, 4), c.first[0], c.first[1]) for s, c in chosen]


@component("keyphrases")
def keyphrases(article: Article) -> Article:
    article.keywords = extract(article)
    return article
