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
from marsad.analyze.ner import WordParts, word_parts

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
        result = self.word_inputs(token)
        if len(self._cache) < 200_000:
            self._cache[token] = result
        return result

    def word_values(
        self, token: str, own: Sequence[str] | None = None, parts: WordParts | None = None
    ) -> tuple[int, int, list[int], list[float], list[int], tuple[int, int]]:
        """(word id, stem id, cluster ids, word flags, char ids, lexicon ranks of word and stem
        for the vectors, -1 when they have none) of one token, as plain Python values.

        ``own`` (the CRF's own features of the token) and ``parts`` save recomputing them.
        """
        if own is None:
            own = self.featurizer._word(token)[0]
        lex = self.featurizer.lexicon
        w, cs, stem, art, stem_key, cw, cst = parts if parts is not None else word_parts(token, lex)
        clus = [c + 1 for c in cw[:3]] if cw else [0, 0, 0]
        clus += [c + 1 for c in cst[:3]] if cst else [0, 0, 0]
        flags = [0.0] * (len(WORD_FLAGS) + 2)
        for f in own:
            i = self._flag_index.get(f)
            if i is not None:
                flags[i] = 1.0
        flags[-2] = 1.0 if cs.prefixes and not (len(cs.prefixes) == 1 and cs.has_article) else 0.0
        flags[-1] = 1.0 if cs.has_article else 0.0
        s = w if len(w) <= MAX_CHARS else w[:8] + w[-8:]
        ch = [self.chars.get(c, UNK) for c in s]
        ch += [PAD] * (MAX_CHARS - len(ch))
        vocab = self.vocab
        stem_id = vocab.get(art, vocab.get(stem, UNK))
        n = 0 if self.vectors is None else len(self.vectors)
        r = lex.rank.get(w)
        r_stem = lex.rank[stem_key] if stem_key is not None else None
        ranks = (r if r is not None and r < n else -1, r_stem if r_stem is not None and r_stem < n else -1)
        return vocab.get(w, UNK), stem_id, clus, flags, ch, ranks

    def word_inputs(self, token: str, own: Sequence[str] | None = None, parts: WordParts | None = None) -> tuple:
        """(word id, stem id, cluster ids, word flags, char ids, word and stem vectors) of one token."""
        wi, si, clus, flags, ch, ranks = self.word_values(token, own, parts)
        vec = np.zeros(2 * self.dim, dtype=np.float32)
        for half, r in enumerate(ranks):
            if r >= 0:
                vec[half * self.dim : (half + 1) * self.dim] = self.vectors[r]
        vec /= VECTOR_SCALE
        return (
            wi, si, np.array(clus, dtype=np.int64), np.array(flags, dtype=np.float32), np.array(ch, dtype=np.int64), vec
        )

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


class InputTable:
    """The network inputs of every word seen so far, as rows of arrays: a batch's inputs are
    then gathers instead of a Python loop over its tokens.  Row 0 is all zeros (padding);
    rows are numbered by the caller, which also decides when to start afresh."""

    def __init__(self, encoder: Encoder, capacity: int = 4096) -> None:
        self.encoder = encoder
        dim = encoder.dim
        self._nw = self.n_word_flags = len(WORD_FLAGS) + 2  # flags of the word; the rest are the position's
        self._gaz = {f: self._nw + i for i, f in enumerate(GAZ_FLAGS)}
        # the int8 vectors with a zero row at the end, gathered by rank and scaled per batch
        # exactly as Encoder.word_inputs scales one word's (int8 → float32, then / VECTOR_SCALE)
        vec = encoder.vectors if encoder.vectors is not None else np.zeros((0, dim), dtype=np.int8)
        self._vectors = np.concatenate([vec, np.zeros((1, dim), dtype=vec.dtype)])
        self._capacity = 0
        self._grow(capacity)

    def _grow(self, capacity: int) -> None:
        def grown(old: np.ndarray | None, shape: tuple, dtype) -> np.ndarray:
            new = np.zeros((capacity, *shape), dtype=dtype)
            if old is not None:
                new[: len(old)] = old
            return new

        first = self._capacity == 0
        self.words = grown(None if first else self.words, (), np.int64)
        self.stems = grown(None if first else self.stems, (), np.int64)
        self.clusters = grown(None if first else self.clusters, (N_CLUSTERS,), np.int32)
        self.flags = grown(None if first else self.flags, (self._nw,), np.float32)
        self.chars = grown(None if first else self.chars, (MAX_CHARS,), np.int32)
        ranks = grown(None if first else self.ranks, (2,), np.int64)
        if first:
            ranks[:] = len(self._vectors) - 1
        else:
            ranks[self._capacity :] = len(self._vectors) - 1
        self.ranks = ranks
        self._capacity = capacity

    def clear(self) -> None:
        self._capacity = 0
        self._grow(4096)

    def add(self, first: int, tokens: Sequence[str], owns: Sequence[Sequence[str]], parts: Sequence[WordParts]) -> None:
        """Rows ``first``, ``first + 1``, … for ``tokens`` (with their CRF own features and word parts)."""
        end = first + len(tokens)
        if end > self._capacity:
            self._grow(max(self._capacity * 3 // 2, end))
        values = [self.encoder.word_values(t, o, p) for t, o, p in zip(tokens, owns, parts, strict=True)]
        if not values:
            return
        wi, si, clus, flags, ch, ranks = zip(*values, strict=True)
        self.words[first:end] = wi
        self.stems[first:end] = si
        self.clusters[first:end] = clus
        self.flags[first:end] = flags
        self.chars[first:end] = ch
        r = np.array(ranks, dtype=np.int64)
        self.ranks[first:end] = np.where(r >= 0, r, len(self._vectors) - 1)

    def feed(self, rows: np.ndarray, lengths: np.ndarray, gazetteer: Sequence[Sequence[Sequence[str]] | None]) -> dict:
        """What :meth:`Encoder.encode` gives for the sentences whose word rows are ``rows`` [B, T]
        (0 past each sentence's end); ``gazetteer``: each sentence's gazetteer features by
        position (None: none).  The arrays are B × T × (up to ``MAX_CHARS``): the tagger keeps
        B × T within ``_Ensemble.MAX_CELLS`` unless one sentence alone is longer."""
        b, t = rows.shape
        flags = np.zeros((b, t, N_FLAGS), dtype=np.float32)
        flags[:, :, : self._nw] = self.flags[rows]
        gaz = self._gaz
        for i, sent in enumerate(gazetteer):
            for j, feats in enumerate(sent or ()):
                for g in feats:
                    k = gaz.get(g)
                    if k is not None:
                        flags[i, j, k] = 1.0
        live = lengths > 0
        flags[live, 0, -2] = 1.0
        flags[np.flatnonzero(live), lengths[live] - 1, -1] = 1.0
        vectors = self._vectors[self.ranks[rows]].astype(np.float32).reshape(b, t, -1)
        vectors /= VECTOR_SCALE
        return {
            "words": self.words[rows], "stems": self.stems[rows], "clusters": self.clusters[rows].astype(np.int64),
            "flags": flags, "chars": self.chars[rows].astype(np.int64), "vectors": vectors,
            "lengths": lengths.astype(np.int64),
        }


# --- running a batch of sentences of different lengths in one network call ------------------
#
# The exported BiLSTM has no ``sequence_lens`` input, so padding a short sentence would reach
# its backward direction.  At load the model's recurrent nodes are given one (a graph input
# named SEQ_LENS) by a small edit of the ONNX protobuf — the weights are untouched — and the
# graph is cut where the BiLSTM's input is made (:func:`split_at_recurrence`): the part before
# sees one token at a time, so the tagger keeps its result per word.  Self-checks on two
# fictional sentences confirm both (NeuralModel._split_ok, ._padding_is_harmless); otherwise
# sentences run whole and in groups of equal length, as before.

SEQ_LENS = "marsad_seq_lens"
_RECURRENT = ("LSTM", "GRU", "RNN")  # ONNX ops whose 5th input is sequence_lens
# One network call costs about as much as RUN_COST_TOKENS more (padded) tokens in it: ≈ 150 µs
# per call vs ≈ 12 µs per token (shipped network, one thread; build/ner timing runs).  Used
# only to choose how sentences are grouped, never changes the emissions.
RUN_COST_TOKENS = 12
# the same for the sequence part of a split network (≈ 50 µs per call vs ≈ 3 µs per token)
SEQUENCE_RUN_COST_TOKENS = 16


def _varint(buf, pos: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _put_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        if not value:
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def _fields(buf) -> list[tuple[int, int, memoryview, memoryview | None]]:
    """(number, wire type, whole field, payload of a length-delimited field) of each protobuf field."""
    pos, out = 0, []
    while pos < len(buf):
        start = pos
        key, pos = _varint(buf, pos)
        num, wire = key >> 3, key & 7
        payload = None
        if wire == 0:
            _, pos = _varint(buf, pos)
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        elif wire == 2:
            size, pos = _varint(buf, pos)
            payload = buf[pos : pos + size]
            pos += size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        out.append((num, wire, buf[start:pos], payload))
    return out


def _field(num: int, payload: bytes) -> bytes:
    return _put_varint(num << 3 | 2) + _put_varint(len(payload)) + payload


def _node_with_sequence_lengths(node: list) -> bytes | None:
    """A recurrent NodeProto (parsed fields) re-encoded with SEQ_LENS as its 5th input (None: it has one)."""
    inputs = [bytes(p).decode() for n, _w, _r, p in node if n == 1 and p is not None]
    if len(inputs) > 4 and inputs[4]:
        return None
    inputs += [""] * max(0, 5 - len(inputs))
    inputs[4] = SEQ_LENS
    parts, placed = [], False
    for n, _w, r, _p in node:
        if n != 1:
            parts.append(bytes(r))
        elif not placed:
            parts += [_field(1, x.encode()) for x in inputs]
            placed = True
    return b"".join(parts)


def _value_info(name: str, elem_type: int, dims: Sequence[str] = ()) -> bytes:
    """ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: named dims}}}."""
    tensor = _put_varint(1 << 3) + _put_varint(elem_type)
    if dims:
        tensor += _field(2, b"".join(_field(1, _field(2, d.encode())) for d in dims))
    return _field(1, name.encode()) + _field(2, _field(1, tensor))


_SEQ_LENS_INPUT = _value_info(SEQ_LENS, 6, ("batch",))  # int32 [batch]


def with_sequence_lengths(model: bytes) -> bytes | None:
    """The ONNX model with a ``SEQ_LENS`` int32 [batch] input fed to every recurrent node
    (ModelProto.graph = 7; GraphProto.node = 1, .input = 11; NodeProto.input = 1, .op_type = 4).
    None when there is no recurrent node or one already has sequence lengths."""
    top = _fields(memoryview(model))
    out, changed = [], 0
    for num, wire, raw, payload in top:
        if num != 7 or wire != 2 or payload is None:
            out.append(raw)
            continue
        graph: list = []
        for gnum, gwire, graw, gpay in _fields(payload):
            if gnum == 1 and gwire == 2 and gpay is not None:
                node = _fields(gpay)
                op = next((bytes(p).decode() for n, _w, _r, p in node if n == 4 and p is not None), "")
                if op in _RECURRENT:
                    edited = _node_with_sequence_lengths(node)
                    if edited is None:
                        return None
                    graph.append(_field(1, edited))
                    changed += 1
                    continue
            graph.append(graw)
        graph.append(_field(11, _SEQ_LENS_INPUT))
        out.append(_field(7, b"".join(graph)))
    return b"".join(out) if changed else None


def split_at_recurrence(model: bytes) -> tuple[bytes, bytes] | None:
    """The ONNX model cut in two where its first recurrent node's input is made:

    - a per-token part: the graph's inputs → that tensor (embeddings, char-CNN, projection),
      with the tensor as its one output;
    - a sequence part: that tensor (a graph input now) and ``SEQ_LENS`` → the emissions.

    Everything before the cut sees one token at a time in this architecture, so its result can
    be kept per distinct word; the tagger checks that at load (:meth:`NeuralModel._split_ok`).
    None when the model has no recurrent node or its sequence part reads the graph inputs.
    """
    top = _fields(memoryview(model))
    graph_field = next((f for f in top if f[0] == 7 and f[1] == 2 and f[3] is not None), None)
    if graph_field is None:
        return None
    nodes, inits, inputs, outputs, other = [], {}, {}, [], []
    for gnum, gwire, graw, gpay in _fields(graph_field[3]):
        if gwire == 2 and gpay is not None and gnum == 1:
            f = _fields(gpay)
            nodes.append(
                (
                    [bytes(p).decode() for n, _w, _r, p in f if n == 1 and p is not None],
                    [bytes(p).decode() for n, _w, _r, p in f if n == 2 and p is not None],
                    next((bytes(p).decode() for n, _w, _r, p in f if n == 4 and p is not None), ""),
                    f,
                    graw,
                )
            )
        elif gwire == 2 and gpay is not None and gnum in (5, 11, 12):  # initializer (name = 8), input, output
            key = 8 if gnum == 5 else 1
            name = next((bytes(p).decode() for n, _w, _r, p in _fields(gpay) if n == key and p is not None), "")
            if gnum == 5:
                inits[name] = graw
            elif gnum == 11:
                inputs[name] = bytes(gpay)
            else:
                outputs.append((name, bytes(gpay)))
        elif gnum == 2:  # the graph's name; value_info (13) and the rest are optional hints, dropped
            other.append(graw)
    producer = {out: i for i, node in enumerate(nodes) for out in node[1]}
    rec = next((i for i, node in enumerate(nodes) if node[2] in _RECURRENT), None)
    if rec is None or not nodes[rec][0]:
        return None
    cut = nodes[rec][0][0]
    # layout only, or a slice of a wider per-token tensor (a network with a pretrained LM feeds its
    # LSTM a slice of the tensor that also holds the tagger's own per-token input): cut before it,
    # so the cached per-token states hold both
    while cut in producer and nodes[producer[cut]][2] in ("Transpose", "Identity", "Slice"):
        cut = nodes[producer[cut]][0][0]
    if cut not in producer:
        return None

    def closure(targets: Sequence[str], stop: str | None) -> tuple[set[int], set[str]]:
        seen: set[int] = set()
        reached: set[str] = set()
        todo = list(targets)
        while todo:
            t = todo.pop()
            if not t or t == stop or t in inits:
                continue
            if t in inputs:
                reached.add(t)
                continue
            i = producer.get(t)
            if i is None:
                raise ValueError(f"tensor {t!r} has no producer")
            if i not in seen:
                seen.add(i)
                todo.extend(nodes[i][0])
        return seen, reached

    try:
        post, post_inputs = closure([name for name, _ in outputs], cut)
        pre, pre_inputs = closure([cut], None)
    except ValueError:
        return None
    if post_inputs or rec not in post:
        return None

    def build(keep: set[int], graph_inputs: list[bytes], graph_outputs: list[bytes]) -> bytes:
        body = list(other)
        used: set[str] = set()
        for i, node in enumerate(nodes):
            if i not in keep:
                continue
            used.update(node[0])
            if node[2] in _RECURRENT:
                edited = _node_with_sequence_lengths(node[3])
                if edited is None:
                    raise ValueError("recurrent node already has sequence lengths")
                body.append(_field(1, edited))
            else:
                body.append(bytes(node[4]))
        body += [bytes(raw) for name, raw in inits.items() if name in used]
        body += [_field(11, v) for v in graph_inputs] + [_field(12, v) for v in graph_outputs]
        return b"".join(bytes(raw) if num != 7 else _field(7, b"".join(body)) for num, _w, raw, _p in top)

    float_state = _value_info(cut, 1)  # float32 of unknown shape
    try:
        first = build(pre, [v for n, v in inputs.items() if n in pre_inputs], [float_state])
        second = build(post, [float_state, _SEQ_LENS_INPUT], [v for _, v in outputs])
    except ValueError:
        return None
    return first, second


def length_groups(lengths: Sequence[int], padded: bool, run_cost: int = RUN_COST_TOKENS) -> list[list[int]]:
    """Sentence indices grouped for network calls: equal lengths, or (``padded``) runs of the
    length-sorted order that minimise calls × ``run_cost`` + padded tokens."""
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: -lengths[i])
    if not padded:
        by_len: dict[int, list[int]] = {}
        for i in order:
            by_len.setdefault(lengths[i], []).append(i)
        return list(by_len.values())
    n = len(order)
    best = [0.0] * (n + 1)  # best[j]: cost of the first j sentences (longest first)
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        best[j], cut[j] = min(
            (best[i] + run_cost + lengths[order[i]] * (j - i), i) for i in range(max(0, j - 64), j)
        )
    groups = []
    j = n
    while j:
        groups.append(order[cut[j] : j])
        j = cut[j]
    return groups[::-1]


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


def ensemble_paths(
    emissions: np.ndarray,
    crf_marginals: np.ndarray | None,
    lengths: np.ndarray,
    trans: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    weight: float,
    o_penalty: float,
) -> list[list[int]]:
    """:func:`ensemble_path` for a batch of right-padded sentences ([B, T, K] arrays, ``lengths``
    [B]) in one pass over positions: the same arithmetic per sentence, so the same paths."""
    mask_t, mask_s = _bio_masks()
    b, t_len, k = emissions.shape
    if b == 0 or t_len == 0:
        return [[] for _ in range(b)]
    scores = weight * emissions
    if crf_marginals is not None and weight < 1.0:
        scores += (1.0 - weight) * np.log(crf_marginals + 1e-12)
    scores[:, :, 0] -= o_penalty
    return batch_viterbi(scores, lengths, weight * trans + mask_t, weight * start + mask_s, weight * end)


def batch_viterbi(
    scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray
) -> list[list[int]]:
    """:func:`viterbi` for a batch of right-padded sentences (``scores`` [B, T, K], ``lengths`` [B])."""
    b, t_len, k = scores.shape
    if b == 0 or t_len == 0:
        return [[] for _ in range(b)]
    # positions outermost and sentences innermost: each step's numpy calls loop over the batch
    scores = scores.transpose(1, 2, 0).copy()  # [T, K, B]
    tr = trans[:, :, None]  # [from, to, 1]
    st, en = start[:, None], end[:, None]
    back = np.empty((t_len, k, b), dtype=np.intp)  # [T, to, B]: best previous label
    last = lengths - 1
    ends: dict[int, list[int]] = {}
    for i, n in enumerate(last.tolist()):
        ends.setdefault(n, []).append(i)
    final = np.zeros((k, b))
    cur = st + scores[0]  # [K, B]
    cand = np.empty((k, k, b))
    for t in range(t_len):
        if t:
            np.add(cur[:, None, :], tr, out=cand)  # [from, to, B]
            np.argmax(cand, axis=0, out=back[t])
            cur = np.maximum.reduce(cand, axis=0)  # the arg-maxed entries, as ensemble_path takes them
            cur += scores[t]
        here = ends.get(t)
        if here is not None:
            final[:, here] = cur[:, here] + en
    # past a sentence's end the back-pointers stand still, so its final label carries down to its end
    back.transpose(0, 2, 1)[np.arange(t_len)[:, None] > last[None, :]] = np.arange(k)
    path = np.empty((t_len, b), dtype=np.intp)
    path[t_len - 1] = final.argmax(axis=0)
    cols = np.arange(b)
    for t in range(t_len - 1, 0, -1):
        np.take(back[t].reshape(-1), path[t] * b + cols, out=path[t - 1])
    path = path.T
    return [path[i, : lengths[i]].tolist() for i in range(b)]


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
            self._blobs = [(Path(onnx_path).parent / m).read_bytes() for m in members]
            parts = split_at_recurrence(self._blobs[0]) if len(members) == 1 else None
            if parts is not None:
                self.token_session, self.sequence_session = (
                    ort.InferenceSession(p, opts, providers=["CPUExecutionProvider"]) for p in parts
                )
                self._state_name = self.token_session.get_outputs()[0].name
                self._token_inputs = {i.name for i in self.token_session.get_inputs()}
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load the neural entity model {onnx_path}: {exc}") from exc
        self._opts = opts
        self._sessions: list | None = None
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
        # how sentences of different lengths share network calls: "split" (the network cut at its
        # BiLSTM, per-token part cached per word by the tagger), "padded" (one model given sequence
        # lengths) or "exact" (only equal lengths together) — each checked before it is used
        self.mode = "exact"
        if parts is not None and self._split_ok():
            self.mode = "split"
        elif self._padding_is_harmless():
            self.mode = "padded"
        self.padded = self.mode != "exact"

    @property
    def sessions(self) -> list:
        """Sessions of the whole network (given sequence lengths when it takes them), one per member."""
        if self._sessions is None:
            import onnxruntime as ort

            edited = [with_sequence_lengths(b) for b in self._blobs]
            blobs = self._blobs if any(e is None for e in edited) else edited
            try:
                cpu = ["CPUExecutionProvider"]
                self._sessions = [ort.InferenceSession(b, self._opts, providers=cpu) for b in blobs]
            except Exception as exc:  # onnxruntime raises its own exception types
                raise ModelError(f"cannot load the neural entity model: {exc}") from exc
            self._inputs = {i.name for i in self._sessions[0].get_inputs()}
        return self._sessions

    _CHECK = (
        ["قال", "المتحدث", "باسم", "الوزارة", "في", "بيان", "أمس", "إن", "الوفد", "وصل", "."],
        ["زار", "الوفد", "المدينة", "."],
    )

    def _split_ok(self) -> bool:
        """Is the part before the cut per token (a word's states do not depend on its neighbours),
        and does padding leave the sequence part's emissions alone?  Checked on two fictional sentences."""
        long, short = self._CHECK
        if "lengths" in self._token_inputs:
            return False
        try:
            feed = self.encoder.encode([long, short])
            states = self.token_states(feed)
            valid = np.arange(len(long))[None, :] < feed["lengths"][:, None]
            flat = {k: v[valid][None] for k, v in feed.items() if k in self._token_inputs}
            alone_states = self.token_states(flat)[0]
            both = self._sequence(states, feed["lengths"])
            alone = self._sequence(states[1:2, : len(short)], feed["lengths"][1:2])
        except Exception:  # onnxruntime raises its own exception types
            return False
        return bool(
            states.ndim == 3
            and np.allclose(alone_states, states[valid], rtol=1e-5, atol=1e-5)
            and np.allclose(both[1, : len(short)], alone[0], rtol=1e-5, atol=1e-5)
        )

    def token_states(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """The per-token part of a split network: [B, T, D] for encoded inputs [B, T, ...]."""
        return self.token_session.run(None, {k: v for k, v in feed.items() if k in self._token_inputs})[0]

    def _sequence(self, states: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        feed = {self._state_name: np.ascontiguousarray(states), SEQ_LENS: lengths.astype(np.int32)}
        return self.sequence_session.run(None, feed)[0]

    def run_states(self, states: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Emissions [B, T, K] (float64) of a split network from per-token states [B, T, D]."""
        b, t = states.shape[:2]
        out = np.zeros((b, t, len(LABELS)))
        for group in length_groups(lengths.tolist(), True, SEQUENCE_RUN_COST_TOKENS):
            idx = np.asarray(group)
            span = int(lengths[idx].max())
            out[idx, :span] = self._sequence(states[idx, :span], lengths[idx])
        return out

    def _padding_is_harmless(self) -> bool:
        """Does a sentence get the same emissions alone and padded in a batch with a longer one?"""
        long, short = self._CHECK
        try:
            both = self._run(self.encoder.encode([long, short]))
            alone = self._run(self.encoder.encode([short]))
        except Exception:  # onnxruntime raises its own exception types
            return False
        return bool(np.allclose(both[1, : len(short)], alone[0], rtol=1e-5, atol=1e-5))

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """Emissions [B, T, K] (float32, averaged over member networks) for one encoded batch."""
        sessions = self.sessions
        if SEQ_LENS in self._inputs:
            feed = {**feed, SEQ_LENS: feed["lengths"].astype(np.int32)}
        feed = {k: v for k, v in feed.items() if k in self._inputs}
        em = sessions[0].run(None, feed)[0]
        for session in sessions[1:]:
            em = em + session.run(None, feed)[0]
        return em / len(sessions)

    def run_batch(self, feed: dict[str, np.ndarray], padded: bool | None = None) -> np.ndarray:
        """Emissions [B, T, K] (float64) for an encoded batch of right-padded sentences, in as few
        network calls as :func:`length_groups` finds worth it (0 past each sentence's end);
        ``padded=False`` runs only sentences of equal length together."""
        lengths = feed["lengths"]
        b, t = feed["words"].shape
        out = np.zeros((b, t, len(LABELS)))
        if self.mode == "split" and padded is not False:
            return self.run_states(self.token_states(feed), lengths)
        for group in length_groups(lengths.tolist(), self.mode == "padded" and padded is not False):
            idx = np.asarray(group)
            span = int(lengths[idx].max())
            part = {k: np.ascontiguousarray(v[idx][:, :span]) if v.ndim > 1 else v[idx] for k, v in feed.items()}
            out[idx, :span] = self._run(part)
        return out

    def emissions(self, sents: Sequence[Sequence[str]], padded: bool | None = None) -> list[np.ndarray]:
        """Per-token label scores [T, K] for each sentence (``padded``: see :meth:`run_batch`)."""
        em = self.run_batch(self.encoder.encode(sents), padded) if sents else np.zeros((0, 0, len(LABELS)))
        return [em[i, : len(s)] for i, s in enumerate(sents)]
