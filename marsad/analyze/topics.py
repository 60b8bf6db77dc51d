"""Topic classification: which news section an article belongs to.

A linear model over sublinear TF-IDF word unigrams and bigrams, trained on SANAD
(7 sections: Culture, Finance, Medical, Politics, Religion, Sports, Tech) by
``marsad/training/topics.py`` and shipped as plain numpy arrays in
``marsad/models/topics.npz`` so that classifying needs numpy only.

SANAD's text had its digits and punctuation stripped; real news keeps both.
:func:`marsad.text.normalized_words` drops them the same way, so a bigram that spans a
number or a full stop in an article is the bigram the model saw in training.

``article.topics`` holds the section labels, most probable first, with calibrated
probabilities (a softmax whose temperature was fitted on a held-out part of the training
data).  Two cases do not force a section on the reader:

* The best probability is below :data:`OTHER_THRESHOLD` (an opinion column, a weather
  note, a crime story: none of the seven sections): the first topic is ``Other``, with
  probability ``1 - p(best)``, followed by the in-model candidates.  Because the threshold is
  ≤ 0.5 the list stays sorted.
* The text has fewer than :data:`MIN_KNOWN_TERMS` distinct words or word pairs the model
  knows (too short, not Arabic): ``topics`` stays empty and a warning says why.
"""

from __future__ import annotations

import threading
from array import array
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np

from marsad.document import Article, Topic
from marsad.errors import ModelError
from marsad.pipeline import component
from marsad.text import normalized_words, pieces_are_normalized_words

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "topics.npz"

OTHER_LABEL = "Other"
# With calibrated probabilities, 0.5 is where the best label becomes more likely right
# than wrong.  Checked on SaudiNewsNet (benchmarks/eval_topics.py): on the sports paper the
# share right among kept articles rises 73 % → 78 % at 0.5 (92 % kept) and 92 % at 0.9
# (60 % kept); 8-25 % of general outlets' articles fall to Other.  Rerun that script after
# retraining the model or changing this value.
OTHER_THRESHOLD = 0.5
# Candidates below this probability are noise to a reader and are not listed.
MIN_LISTED = 0.05
MAX_LISTED = 3
# Distinct known words and word pairs below which a text is too short to tell.
MIN_KNOWN_TERMS = 8


@dataclass
class TopicModel:
    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,) float32
    weights: np.ndarray  # (n_features, n_labels) float32
    bias: np.ndarray  # (n_labels,)
    temperature: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TopicModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                terms = data["vocabulary"].tobytes().decode("utf-8").split("\n")
                labels = data["labels"].tobytes().decode("utf-8").split("\n")
                return cls(
                    labels=labels,
                    vocabulary={t: i for i, t in enumerate(terms)},
                    idf=data["idf"].astype(np.float32),
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    temperature=float(data["temperature"]),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"topic model {path} is missing or unreadable ({exc}); run `marsad train topics`") from None

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalised sublinear TF-IDF values of ``text``."""
        return self.features_of_words(normalized_words(text))

    def features_of_words(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return self.features_of_numbers(list(map(self._term_index()[0].get, words, repeat(-1))))

    def features_of_numbers(self, numbers: list[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`features_of_words` of the words' numbers (:meth:`word_numbers`, -1 for a
        word outside the vocabulary), as a list or an int64 array."""
        word_ids, unigram_feature, bigram_keys, bigram_feature = self._term_index()
        first_of_pair, second_of_pair = self.__dict__["_pair_words"]
        # Each word is looked up once, and its word pairs are found by number in a sorted
        # array, not built as strings and looked up one by one: the same terms as the
        # training's "a b" bigrams, at a third of the cost.
        wids = np.asarray(numbers, dtype=np.int64)
        uni = unigram_feature[wids]  # an unknown word (-1) reads the -1 at the end
        uni = uni[uni >= 0]
        if len(wids) > 1:
            # only pairs whose words begin and end some bigram can be one: about half of
            # them, and each binary search costs several cache misses on a loaded machine
            first, second = wids[:-1], wids[1:]
            maybe = first_of_pair[first] & second_of_pair[second]
            keys = first[maybe] * (len(word_ids) + 1)
            keys += second[maybe]
            keys += 1
            keys.sort()  # sorted needles: each binary search starts where the last ended
            pos = np.searchsorted(bigram_keys, keys)  # never past the sentinel
            bi = bigram_feature[pos[bigram_keys[pos] == keys]]
            ids = np.concatenate((uni, bi))
        else:
            ids = uni
        if not len(ids):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        # np.unique(ids, return_counts=True), in fewer numpy calls (same arrays)
        ids.sort()
        first = np.empty(len(ids) + 1, dtype=bool)  # where a run of one id starts, and the end
        first[0] = first[-1] = True
        np.not_equal(ids[1:], ids[:-1], out=first[1:-1])
        edges = np.flatnonzero(first)
        idx = ids[edges[:-1]]
        counts = edges[1:] - edges[:-1]
        values = (1.0 + np.log(counts, dtype=np.float32)) * self.idf[idx]
        values /= np.sqrt(values.dot(values))  # np.linalg.norm(values), without its checks
        return idx, values

    def _term_index(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """Word numbers for every word of the vocabulary's terms; feature of each word (-1
        when only pairs hold it, and -1 last, where the number -1 of an unknown word lands);
        sorted pair keys (first × (n_words + 1) + second + 1: a pair with an unknown word
        never has a key) ending with a sentinel above every key, and their features.  Built
        once per model (a race builds it twice, the same)."""
        index = self.__dict__.get("_index")
        if index is None:
            word_ids: dict[str, int] = {}
            pairs: list[tuple[str, str, int]] = []
            for term, i in self.vocabulary.items():
                if " " in term:
                    first, second = term.split(" ")
                    word_ids.setdefault(first, len(word_ids))
                    word_ids.setdefault(second, len(word_ids))
                    pairs.append((first, second, i))
                else:
                    word_ids.setdefault(term, len(word_ids))
            unigram_feature = np.full(len(word_ids) + 1, -1, dtype=np.int64)
            for term, i in self.vocabulary.items():
                if " " not in term:
                    unigram_feature[word_ids[term]] = i
            stride = len(word_ids) + 1
            keys = [word_ids[a] * stride + word_ids[b] + 1 for a, b, _ in pairs] + [np.iinfo(np.int64).max]
            keys = np.array(keys, dtype=np.int64)
            features = np.array([i for _, _, i in pairs] + [-1], dtype=np.int64)
            order = np.argsort(keys, kind="stable")
            # which word numbers begin / end some pair (the -1 of an unknown word reads False)
            first_of_pair = np.zeros(len(word_ids) + 1, dtype=bool)
            second_of_pair = np.zeros(len(word_ids) + 1, dtype=bool)
            first_of_pair[[word_ids[a] for a, _, _ in pairs]] = True
            second_of_pair[[word_ids[b] for _, b, _ in pairs]] = True
            self.__dict__["_pair_words"] = (first_of_pair, second_of_pair)
            index = (word_ids, unigram_feature, keys[order], features[order])
            self.__dict__["_index"] = index
        return index

    def word_numbers(self) -> dict[str, int]:
        """Number of each normalised word that occurs in the vocabulary's terms."""
        return self._term_index()[0]

    def decision(self, idx: np.ndarray, values: np.ndarray) -> np.ndarray:
        return values @ self.weights[idx] + self.bias

    def probabilities(self, text: str) -> np.ndarray:
        idx, values = self.features(text)
        return softmax(self.decision(idx, values), self.temperature)


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(scores, dtype=np.float64) / temperature
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


_MODEL: TopicModel | None = None
_LOCK = threading.Lock()


def get_model() -> TopicModel:
    """The shipped model, loaded once per process."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                model = TopicModel.load()
                model._term_index()  # part of loading (~0.3 s), not of the first article
                _MODEL = model
    return _MODEL


# IDF for words the vocabulary never saw (mostly names): as rare as rare gets.
UNSEEN_IDF = 9.0
_IDF_LOOKUP = None


def corpus_idf():
    """A function: normalised word -> its IDF in the training corpus (keyphrases, summary).

    Falls back to a constant (every word alike) when the model cannot be loaded, so these
    unsupervised stages still work without it.
    """
    global _IDF_LOOKUP
    if _IDF_LOOKUP is None:
        try:
            model = get_model()
        except ModelError:
            return lambda norm: 1.0
        vocab, idf = model.vocabulary, model.idf.tolist()

        def lookup(norm: str) -> float:
            i = vocab.get(norm)
            return UNSEEN_IDF if i is None else idf[i]

        _IDF_LOOKUP = lookup
    return _IDF_LOOKUP


def word_numbers() -> dict[str, int]:
    """The shipped model's word numbers (empty when it cannot be loaded): the per-word
    facts of :mod:`marsad.analyze.wordstats` carry them, so the topic stage reuses that
    shared word pass instead of tokenising the article again."""
    try:
        return get_model().word_numbers()
    except ModelError:
        return {}


def classify(text: str, model: TopicModel | None = None) -> list[Topic]:
    """The topics of ``text`` as :func:`topics` would put them in ``article.topics``."""
    model = model or get_model()
    return _classify_words(normalized_words(text), model)


def _classify_words(words: list[str], model: TopicModel) -> list[Topic]:
    idx, values = model.features_of_words(words)
    if len(idx) == 0:
        return []
    return _topics(model, idx, values)


def _topics(model: TopicModel, idx: np.ndarray, values: np.ndarray) -> list[Topic]:
    # softmax(model.decision(idx, values), model.temperature) for one text, in fewer numpy
    # calls (the same operations on the same values)
    scores = values @ model.weights[idx]
    scores += model.bias
    z = scores.astype(np.float64)
    z /= model.temperature
    z -= z.max()
    e = np.exp(z)
    e /= e.sum()
    probs = e.tolist()
    # as np.argsort(-probs), which keeps equal ones in label order for so few labels
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    listed = [Topic(model.labels[i], round(probs[i], 4)) for i in order[:MAX_LISTED] if probs[i] >= MIN_LISTED]
    best = probs[order[0]]
    if best < OTHER_THRESHOLD:
        listed.insert(0, Topic(OTHER_LABEL, round(1.0 - best, 4)))
    return listed


def _word_numbers_of(text: str, model: TopicModel, title: str | None = None) -> np.ndarray:
    """The model's numbers of ``normalized_words(text)`` (int64), from the three stages'
    shared word pass (computed here first, then reused by the others) when the text core
    says its pieces are those words; else by tokenising the text.  (``title``: the
    article's, whose words the pass registers too.)"""
    stats = _wordstats().analyse(text, title)
    return _numbers_of_pieces(text, model, stats.table, stats.pieces, stats.ids)


def _title_numbers(title: str, model: TopicModel) -> np.ndarray:
    """:func:`_word_numbers_of` a title (its words are read again by the keyphrase stage)."""
    words = _wordstats().short_text(title)
    return _numbers_of_pieces(title, model, words.table, words.pieces, words.ids)


def _numbers_of_pieces(text: str, model: TopicModel, table, pieces: list[str], ids: np.ndarray) -> np.ndarray:
    """The model's numbers of ``normalized_words(text)``, from the word table's ``ids`` of
    the text's ``pieces`` (:func:`marsad.text.words_with_breaks` of the text or of each of
    its sentences) when :func:`pieces_are_normalized_words` allows it; else by tokenising."""
    ws = _wordstats()
    numbers = table.plain_topic[ids]
    if not len(numbers) or numbers.min() >= ws.NO_RUN:  # no Latin word, none of several runs (most texts)
        if pieces_are_normalized_words(text, ()):
            return numbers[numbers != ws.NO_RUN]
        return np.frombuffer(_numbers_bytes(model, text), dtype=np.int64)
    foreign = np.flatnonzero(table.foreign[ids]).tolist()
    if pieces_are_normalized_words(text, [pieces[i] for i in foreign]):
        runs = table.runs[ids]
        if runs.max(initial=0) <= 1:  # every word one letter run (or none: a break, a lone tatweel)
            return table.topic[ids[runs == 1]]
        # some word has two or more letter runs (rare): its own numbers, the others' from the table
        out = array("q")
        for piece, n, number in zip(pieces, runs.tolist(), table.topic[ids].tolist()):
            if n == 1:
                out.append(number)
            elif n:
                out.frombytes(ws.word_info(piece)[ws.TOPIC])
        return np.frombuffer(out.tobytes(), dtype=np.int64)
    return np.frombuffer(_numbers_bytes(model, text), dtype=np.int64)


_WORDSTATS = None


def _wordstats():
    """marsad.analyze.wordstats (it imports this module's IDFs: imported on first use)."""
    global _WORDSTATS
    if _WORDSTATS is None:
        from marsad.analyze import wordstats

        _WORDSTATS = wordstats
    return _WORDSTATS


def _numbers_bytes(model: TopicModel, text: str) -> bytes:
    return array("q", map(model.word_numbers().get, normalized_words(text), repeat(-1))).tobytes()


@component("topics")
def topics(article: Article) -> Article:
    model = get_model()
    text = article.text
    numbers = _word_numbers_of(text, model, article.title)
    if article.title and not text.startswith(article.title):
        # as if classifying f"{title}\n{text}": the title's words come first
        numbers = np.concatenate((_title_numbers(article.title, model), numbers))
    idx, values = model.features_of_numbers(numbers)
    if len(idx) < MIN_KNOWN_TERMS:
        article.topics = []
        article.warnings.append(
            f"topics: only {len(idx)} word(s) or word pair(s) the topic model knows (need {MIN_KNOWN_TERMS}); no topic assigned"
        )
        return article
    article.topics = _topics(model, idx, values)
    return article
