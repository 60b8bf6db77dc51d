"""The entity CRF's weights read straight from python-crfsuite's model file, for batch scoring.

The ensemble (:mod:`marsad.analyze.ner`) needs the CRF's per-token label marginals.  Asking
crfsuite for them costs nine Python calls per token; instead the weights are read once from
the model file crfsuite wrote (``ner.crfsuite``: crfsuite stays the trainer and the reference)
and the marginals come from a numpy forward-backward run across all sentences of an article at
once.  The tests check the result against ``pycrfsuite.Tagger.marginal``.

File layout (crfsuite's ``crf1dm.c`` and ``cqdb.c``, all little-endian): a 48-byte header
with the offsets of the feature array (type, source, destination, float64 weight), of the
label and attribute string databases (CQDB: a table of ``id, size, key\\0`` records reached
through an id → offset array) and of two reference chunks not needed here.  Reading it takes
a few tens of milliseconds; ``Tagger.info()`` parses a text dump and takes about 1.5 s.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from marsad.errors import ModelError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1  # crfsuite's feature types


@dataclass(frozen=True)
class CRFWeights:
    """A linear-chain CRF: ``state[a, y]`` is attribute ``a``'s weight for label ``y``."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray  # [attributes + 1, K]; the last row is zero: the row of any unknown attribute
    trans: np.ndarray  # [K, K], from label to label

    @property
    def unknown(self) -> int:
        return len(self.state) - 1

    def index(self, attribute: str) -> int:
        return self.attributes.get(attribute, len(self.state) - 1)

    def vector(self, attributes: Sequence[str]) -> np.ndarray:
        """The summed weights of a list of attributes (repeats count again, as in crfsuite)."""
        out = np.zeros(self.state.shape[1])
        get, unknown = self.attributes.get, len(self.state) - 1
        for a in attributes:
            i = get(a, unknown)
            if i != unknown:
                out += self.state[i]
        return out

    def in_order(self, labels: Sequence[str]) -> CRFWeights:
        """The same model with its label columns in ``labels`` order."""
        try:
            perm = [self.labels.index(lab) for lab in labels]
        except ValueError as exc:
            raise ModelError(f"the entity CRF lacks a label: {exc}") from exc
        return CRFWeights(tuple(labels), self.attributes, self.state[:, perm], self.trans[np.ix_(perm, perm)])


def _strings(blob: bytes, offset: int, count: int) -> list[str]:
    """The ``count`` keys of the CQDB string database at ``offset``, by id."""
    magic, _size, _flag, _order, bwd_size, bwd_offset = _CQDB.unpack_from(blob, offset)
    if magic != b"CQDB" or bwd_size < count:
        raise ValueError("bad string database")
    if count == 0:
        return []
    rec = np.frombuffer(blob, "<u4", count, offset + bwd_offset).astype(np.int64) + offset
    u8 = np.frombuffer(blob, np.uint8)

    def u32(at: np.ndarray) -> np.ndarray:  # records need not be 4-byte aligned
        b0, b1, b2, b3 = (u8[at + i].astype(np.int64) for i in range(4))
        return b0 | b1 << 8 | b2 << 16 | b3 << 24

    if not np.array_equal(u32(rec), np.arange(count)):
        raise ValueError("string database out of order")
    sizes = u32(rec + 4)  # each key's size counts its terminating NUL
    # all keys with their NULs, gathered in one go and split once
    starts = rec + 8 - np.concatenate(([0], np.cumsum(sizes)[:-1]))
    keys = u8[np.repeat(starts, sizes) + np.arange(int(sizes.sum()))].tobytes().decode("utf-8").split("\0")
    if len(keys) != count + 1:
        raise ValueError("bad string database keys")
    return keys[:-1]


def read_crfsuite(path: Path) -> CRFWeights:
    """Read a model written by ``pycrfsuite.Trainer.train`` (crfsuite's 1st-order CRF)."""
    try:
        blob = Path(path).read_bytes()
        magic, _size, kind, _version, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, _lr, _ar = (
            _HEADER.unpack_from(blob, 0)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        chunk, _chunk_size, n_feat = struct.unpack_from("<4sII", blob, off_feat)
        if chunk != b"FEAT":
            raise ValueError("bad feature chunk")
        feats = np.frombuffer(blob, _FEATURE, n_feat, off_feat + 12)
        labels = tuple(_strings(blob, off_labels, n_labels))
        attrs = _strings(blob, off_attrs, n_attrs)
    except (OSError, ValueError, UnicodeDecodeError, struct.error) as exc:
        raise ModelError(f"cannot read the entity CRF weights from {path}: {exc}") from exc
    k = n_labels
    s = feats[feats["type"] == _STATE]
    t = feats[feats["type"] == _TRANSITION]
    state = np.bincount(s["src"].astype(np.int64) * k + s["dst"], s["weight"], (n_attrs + 1) * k).reshape(-1, k)
    trans = np.bincount(t["src"].astype(np.int64) * k + t["dst"], t["weight"], k * k).reshape(k, k)
    return CRFWeights(labels, dict(zip(attrs, range(n_attrs), strict=True)), state, trans)


def marginals(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Per-token label posteriors [B, T, K] of a batch of right-padded sentences.

    ``scores`` [B, T, K] are the state scores (log space), ``lengths`` [B] the sentence
    lengths; positions past a sentence's end get meaningless rows.  Forward-backward in
    probability space (as crfsuite does it), one position at a time across all sentences: a
    handful of numpy calls per position whatever the batch size.  The running vectors are
    rescaled only every few positions — as rarely as the transition weights allow without
    leaving float64's range; the scale cancels in the final normalisation.
    """
    b, t_len, k = scores.shape
    if b == 0 or t_len == 0:
        return np.zeros((b, t_len, k))
    x = np.exp(scores - scores.max(axis=2, keepdims=True)).transpose(1, 0, 2).copy()  # [T, B, K], max 1 per row
    e = np.exp(trans)
    et = np.ascontiguousarray(e.T)
    # per position a row's sum changes by at most a factor k·max(e) up or min(e) down
    spread = max(np.log10(k * e.max()), -np.log10(e.min()), 1.0)
    every = max(1, min(32, int(100 / spread)))
    alpha = np.empty_like(x)
    beta = np.empty_like(x)
    alpha[0] = x[0]
    for t in range(1, t_len):
        a = alpha[t]
        np.matmul(alpha[t - 1], e, out=a)
        a *= x[t]
        if t % every == 0:
            a /= a.sum(axis=1, keepdims=True)
    # the backward pass of a sentence starts at its own last position
    starts: dict[int, np.ndarray] = {}
    for i, n in enumerate(lengths.tolist()):
        if 0 < n < t_len:
            starts.setdefault(n - 1, []).append(i)
    tmp = np.empty((b, k))
    beta[t_len - 1] = 1.0
    for t in range(t_len - 2, -1, -1):
        np.multiply(x[t + 1], beta[t + 1], out=tmp)
        bt = beta[t]
        np.matmul(tmp, et, out=bt)
        if t % every == 0:
            bt /= bt.sum(axis=1, keepdims=True)
        ends = starts.get(t)
        if ends is not None:
            bt[ends] = 1.0
    p = alpha * beta
    p /= p.sum(axis=2, keepdims=True)
    return p.transpose(1, 0, 2)
