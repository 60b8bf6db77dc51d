"""The neural half of the entity tagger: a BiLSTM encoder run by onnxruntime.

The network sees what the CRF sees (:class:`marsad.analyze.ner.Featurizer`): the normalised
word and its clitic-split stem (a vocabulary of the training words), the characters of the
word (a small char-CNN), the three word-cluster ids of word and stem, and gazetteer,
trigger-word and shape flags.  It outputs per-token label scores (emissions); the label
transition scores it was trained with (a CRF output layer) ship next to it, so decoding is a
plain Viterbi / forward-backward in numpy over 9 labels — cheaper than exporting the CRF
layer's loops to ONNX, and it lets :mod:`marsad.analyze.ner` mix these marginals with the
CRF's.  The model is trained by :mod:`marsad.training.ner_neural` (needs the ``train``
extra: PyTorch); users only need onnxruntime.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from marsad.errors import ModelError
from marsad.analyze.ner import word_parts

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
ONNX_FILE = "ner_neural.onnx"
META_FILE = "ner_neural.json.gz"
VECTORS_FILE = "ner_vectors.npy"  # int8 word vectors of the news, row i = the lexicon's i-th word
VECTOR_SCALE = 127.0  # int8 steps per unit: the vectors have unit length, so no entry leaves [-1, 1]
MAX_CHARS = 16  # characters of a word the char-CNN sees (longer words: first 8 + last 8)
PAD, UNK = 0, 1
# per-word flags: own features of the CRF Featurizer that are binary
WORD_FLAGS = ("t=title", "t=org", "t=loc", "stop", "sh=num", "sh=ar", "sh=lat", "sh=punct", "c=unk")
# per-position gazetteer flags (from Featurizer._gazetteer)
GAZ_FLAGS = ("g=BPERS", "g=IPERS", "g=BLOC", "g=ILOC", "g=BORG", "g=IORG", "g1=PERS", "g1=LOC", "g1=ORG")
EXTRA_FLAGS = ("prefix", "article", "BOS", "EOS")
N_FLAGS = len(WORD_FLAGS) + len(GAZ_FLAGS) + len(EXTRA_FLAGS)
N_CLUSTERS = 6  # word c0 c1 c2, stem c0 c1 c2 (0 = none)


def allowed_transitions() -> np.ndarray:
    """[K, K] bool: label i may be followed by label j in BIO (I-X only after B-X / I-X)."""
    k = len(LABELS)
    ok = np.ones((k, k), dtype=bool)
    for j, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            for i, prev in enumerate(LABELS):
                ok[i, j] = prev[2:] == lab[2:]
    return ok


def allowed_starts() -> np.ndarray:
    return np.array([not lab.startswith("I-") for lab in LABELS])


class Encoder:
    """Maps token sequences to the network's integer and flag inputs (shared by training and run time)."""

    def __init__(
        self, featurizer, vocab: Sequence[str], chars: Sequence[str], vectors: np.ndarray | None = None
    ) -> None:
        self.featurizer = featurizer
        # word vectors of the unlabelled news (rows in lexicon order), fed for word and stem
        self.vectors = vectors
        self.dim = 0 if vectors is None else vectors.shape[1]
        self.vocab = {w: i + 2 for i, w in enumerate(vocab)}  # 0 pad, 1 unknown
        self.chars = {c: i + 2 for i, c in enumerate(chars)}
        self._cache: dict[str, tuple] = {}
        self._flag_index = {f: i for i, f in enumerate(WORD_FLAGS)}

    def _word(self, token: str) -> tuple:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        own = self.featurizer._word(token)[0]
        lex = self.featurizer.lexicon
        w, cs, stem, art, stem_key, cw, cst = word_parts(token, lex)
        clus = np.zeros(N_CLUSTERS, dtype=np.int64)
        if cw:
            clus[:3] = np.asarray(cw[:3]) + 1
        if cst:
            clus[3:] = np.asarray(cst[:3]) + 1
        flags = np.zeros(len(WORD_FLAGS) + 2, dtype=np.float32)
        for f in own:
            i = self._flag_index.get(f)
            if i is not None:
                flags[i] = 1.0
        flags[-2] = 1.0 if cs.prefixes and not (len(cs.prefixes) == 1 and cs.has_article) else 0.0
        flags[-1] = 1.0 if cs.has_article else 0.0
        s = w if len(w) <= MAX_CHARS else w[:8] + w[-8:]
        ch = np.zeros(MAX_CHARS, dtype=np.int64)
        ch[: len(s)] = [self.chars.get(c, UNK) for c in s]
        vocab = self.vocab
        stem_id = vocab.get(art, vocab.get(stem, UNK))
        vec = np.zeros(2 * self.dim, dtype=np.float32)
        if self.vectors is not None:
            n = len(self.vectors)
            r = lex.rank.get(w)
            if r is not None and r < n:
                vec[: self.dim] = self.vectors[r]
            r = lex.rank[stem_key] if stem_key is not None else None
            if r is not None and r < n:
                vec[self.dim :] = self.vectors[r]
            vec /= VECTOR_SCALE
        result = (vocab.get(w, UNK), stem_id, clus, flags, ch, vec)
        if len(self._cache) < 200_000:
            self._cache[token] = result
        return result

    def encode(self, sents: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        """Inputs for a batch of sentences, padded to the longest (``lengths`` says where each ends)."""
        b = len(sents)
        t = max((len(s) for s in sents), default=0)
        words = np.zeros((b, t), dtype=np.int64)
        stems = np.zeros((b, t), dtype=np.int64)
        clus = np.zeros((b, t, N_CLUSTERS), dtype=np.int64)
        flags = np.zeros((b, t, N_FLAGS), dtype=np.float32)
        chars = np.zeros((b, t, MAX_CHARS), dtype=np.int64)
        vecs = np.zeros((b, t, 2 * self.dim), dtype=np.float32)
        nw = len(WORD_FLAGS) + 2
        gaz_index = {f: nw + i for i, f in enumerate(GAZ_FLAGS)}
        for i, toks in enumerate(sents):
            if not toks:
                continue
            parts = [self._word(tok) for tok in toks]
            for j, (wi, si, c, f, ch, v) in enumerate(parts):
                vecs[i, j] = v
                words[i, j] = wi
                stems[i, j] = si
                clus[i, j] = c
                flags[i, j, :nw] = f
                chars[i, j] = ch
            gaz = self.featurizer._gazetteer(self.featurizer.match_forms(toks))
            for j, feats in enumerate(gaz):
                for g in feats:
                    k = gaz_index.get(g)
                    if k is not None:
                        flags[i, j, k] = 1.0
            flags[i, 0, -2] = 1.0
            flags[i, len(toks) - 1, -1] = 1.0
        lengths = np.array([len(s) for s in sents], dtype=np.int64)
        return {
            "words": words, "stems": stems, "clusters": clus, "flags": flags, "chars": chars, "vectors": vecs,
            "lengths": lengths,
        }


def viterbi(scores: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label path for one sentence: ``scores`` [T, K] per-token, ``trans`` [K, K] (log space)."""
    t_len, k = scores.shape
    back = np.zeros((t_len, k), dtype=np.int64)
    cols = np.arange(k)
    cand = np.empty((k, k))
    cur = start + scores[0]
    for t in range(1, t_len):
        np.add(cur[:, None], trans, out=cand)
        best = cand.argmax(axis=0)
        back[t] = best
        cur = cand[best, cols] + scores[t]  # a gather: cheaper than a second reduction
    cur = cur + end
    path = [int(cur.argmax())]
    for t in range(t_len - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


_INVALID = -1e4  # log-space score of a BIO step that may not happen


@functools.cache
def _bio_masks() -> tuple[np.ndarray, np.ndarray]:
    return np.where(allowed_transitions(), 0.0, _INVALID), np.where(allowed_starts(), 0.0, _INVALID)


def ensemble_path(
    emissions: np.ndarray,
    crf_marginals: np.ndarray | None,
    trans: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    weight: float,
    o_penalty: float,
) -> list[int]:
    """The product-of-experts decode of one sentence (the shipped tagger and
    benchmarks/tune_ner_ensemble.py both call this, so tuning and use cannot drift apart):
    Viterbi over ``weight`` × (network emissions and transitions) + (1 − ``weight``) ×
    log(CRF marginals) − ``o_penalty`` on O, invalid BIO steps forbidden."""
    mask_t, mask_s = _bio_masks()
    scores = weight * emissions
    if crf_marginals is not None and weight < 1.0:
        scores += (1.0 - weight) * np.log(crf_marginals + 1e-12)
    scores[:, 0] -= o_penalty  # LABELS[0] is O
    return viterbi(scores, weight * trans + mask_t, weight * start + mask_s, weight * end)


def marginals(scores: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per-token label posteriors [T, K] of a linear-chain CRF (forward-backward).

    Run in probability space, each step rescaled to sum 1: one small matrix product per
    token instead of log-sum-exps, which are several times slower in numpy.  Emissions
    span a few tens of nats, far from float underflow; the floor keeps a row from vanishing.
    """
    t_len = scores.shape[0]
    x = np.maximum(np.exp(scores - scores.max(axis=1, keepdims=True)), 1e-30)
    e = np.exp(trans - trans.max())
    alpha = np.empty_like(x)
    beta = np.empty_like(x)
    a = np.exp(start - start.max()) * x[0]
    alpha[0] = a = a / a.sum()
    for t in range(1, t_len):
        a = (a @ e) * x[t]
        alpha[t] = a = a / a.sum()
    b = np.exp(end - end.max())
    beta[-1] = b = b / b.sum()
    for t in range(t_len - 2, -1, -1):
        b = e @ (x[t + 1] * b)
        beta[t] = b = b / b.sum()
    p = alpha * beta
    return p / p.sum(axis=1, keepdims=True)


class NeuralModel:
    """The ONNX encoder(s), its vocabularies and the CRF transition scores."""

    def __init__(self, onnx_path: Path, meta_path: Path, featurizer) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:  # a runtime dependency; only a broken install lacks it
            raise ModelError(f"the entity tagger needs onnxruntime: {exc}") from exc
        try:
            meta = json.loads(gzip.decompress(Path(meta_path).read_bytes()))
            opts = ort.SessionOptions()
            # one thread: the analysers run one article per worker process, so a core each
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            # several networks (seeds) may ship: their emissions are averaged, and the metadata's
            # transitions are their average, i.e. an equal-weight product of the member CRFs
            members = meta.get("members", [Path(onnx_path).name])
            self.sessions = [
                ort.InferenceSession(str(Path(onnx_path).parent / m), opts, providers=["CPUExecutionProvider"])
                for m in members
            ]
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load the neural entity model {onnx_path}: {exc}") from exc
        vectors = None
        if meta.get("vectors"):
            try:
                vectors = np.load(Path(onnx_path).parent / VECTORS_FILE)
            except (OSError, ValueError) as exc:
                raise ModelError(f"cannot load the entity word vectors: {exc}") from exc
        self.encoder = Encoder(featurizer, meta["vocab"], meta["chars"], vectors)
        self.trans = np.asarray(meta["transitions"], dtype=np.float64)
        self.start = np.asarray(meta["start"], dtype=np.float64)
        self.end = np.asarray(meta["end"], dtype=np.float64)
        self.weight = float(meta.get("ensemble_weight", 1.0))
        # subtracted from the O label's score before decoding: both halves under-tag (recall is
        # their weak side), and this trades precision for recall (chosen on the tuning split)
        self.o_penalty = float(meta.get("o_penalty", 0.0))
        self._inputs = {i.name for i in self.sessions[0].get_inputs()}

    def emissions(self, sents: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per-token label scores [T, K] for each sentence (batched by length: no padding reaches the LSTM)."""
        out: list[np.ndarray] = [np.zeros((0, len(LABELS)))] * len(sents)
        by_len: dict[int, list[int]] = {}
        for i, s in enumerate(sents):
            if s:
                by_len.setdefault(len(s), []).append(i)
        for idx in by_len.values():
            feed = self.encoder.encode([sents[i] for i in idx])
            feed = {k: v for k, v in feed.items() if k in self._inputs}
            em = self.sessions[0].run(None, feed)[0]
            for session in self.sessions[1:]:
                em = em + session.run(None, feed)[0]
            em = em / len(self.sessions)
            for row, i in enumerate(idx):
                out[i] = em[row].astype(np.float64)
        return out
