"""Named entities: the ``entities`` pipeline component (PERS, LOC, ORG, MISC).

A linear-chain CRF (python-crfsuite) tags each sentence's tokens in BIO form.  Its
features are built here, once per distinct word and cached, and are used unchanged by
the trainer (:mod:`marsad.training.ner`):

- the normalised word, its clitic-split stem and prefixes (:func:`marsad.text.split_clitics`),
  stem prefixes/suffixes, shape and position;
- word clusters learned from unlabelled Arabic news (three granularities) — the feature that
  lets the tagger recognise names it never saw labelled;
- gazetteer matches (person, place and organisation lists, shipped only as hashes) and
  trigger words (titles, organisation and place heads from :mod:`marsad.text.wordlists`);
- the same for the words within ±2 positions.

crfsuite trains the CRF and is the reference for decoding; at run time the tagger reads the
CRF's weights from the model file (:mod:`marsad.analyze.ner_crf`) and scores all sentences of
an article at once in numpy (:class:`_Ensemble`): the same tags, several times faster.

Mentions are then grouped per article by :mod:`marsad.analyze.entity_linking`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from marsad.document import Article, Entity
from marsad.errors import ModelError
from marsad.pipeline import component
from marsad.text import CliticSplit, split_clitics, tokenize
from marsad.text.normalize import normalize_word
from marsad.text.tokens import match_form, token_spans
from marsad.text.views import text_view
from marsad.text.wordlists import LOC_TRIGGERS, ORG_TRIGGERS, PERSON_TITLES, STOPWORDS

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_FILE = "ner.crfsuite"
LEXICON_FILE = "ner_lexicon.json.gz"
GAZ_TYPES = ("PERS", "LOC", "ORG")
MAX_GAZ_LEN = 4  # longest gazetteer entry matched, in words
TRAIN_PREFIX = "T"  # gazetteer kinds holding the entity names labelled in the training data
# Gazetteer entries that are also frequent common words; matching them adds only noise.
STOP_KEYS = STOPWORDS


def word_form(token: str) -> str:
    """The normalised form every feature and cluster is keyed on."""
    return normalize_word(token)


def entry_key(text: str) -> str:
    """Normalised key of a gazetteer entry or a candidate n-gram."""
    return " ".join(match_form(t.text) for t in tokenize(text) if t.kind != "punct")


class WordParts(NamedTuple):
    """What both taggers read off one token (the CRF's features, the network's inputs)."""

    form: str  # normalised word
    split: CliticSplit
    stem: str  # normalised stem, clitics cut
    article_form: str  # the stem with its article put back when it had one
    stem_key: str | None  # the lexicon's entry for the stem (with or without ال), if any
    clusters: tuple[int, ...] | None  # of the word
    stem_clusters: tuple[int, ...] | None  # of stem_key


def word_parts(token: str, lexicon: Lexicon) -> WordParts:
    w = word_form(token)
    cs = split_clitics(token)
    stem = normalize_word(cs.stem)
    art = "ال" + stem if cs.has_article else stem
    stem_key = art if art in lexicon.rank else stem if stem in lexicon.rank else None
    return WordParts(
        w, cs, stem, art, stem_key, lexicon.cluster_of(w), lexicon.cluster_of(stem_key) if stem_key is not None else None
    )


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class Lexicon:
    """Word clusters and hashed gazetteers: everything the features look up.

    Stored as one gzip file: a JSON header line (gazetteer hashes), the words joined by
    newlines (most frequent first), then their cluster ids as little-endian uint16 —
    a layout that loads in a few tens of milliseconds, unlike a JSON map of 100k words.
    """

    def __init__(
        self,
        words: Sequence[str],
        ids: np.ndarray,
        gazetteers: dict[str, frozenset[int]],
        starts: frozenset[int] | None = None,
    ) -> None:
        self.words = list(words)
        # hashes of every entry's first word: most positions start no entry, and this set
        # lets the matcher skip them without hashing 4 n-grams (None: no shortcut)
        self.starts = starts
        self.rank = dict(zip(self.words, range(len(self.words)), strict=True))  # frequency rank in the news
        self.ids = ids.reshape(len(self.words), -1) if len(self.words) else ids.reshape(0, 3)
        self.gazetteers = gazetteers

    def cluster_of(self, word: str) -> tuple[int, ...] | None:
        i = self.rank.get(word)
        return None if i is None else tuple(self.ids[i].tolist())

    @classmethod
    def build(cls, clusters: dict[str, list[int]], gazetteers: dict[str, set[str]]) -> Lexicon:
        """``clusters``: word → cluster ids, most frequent word first."""
        ids = np.array(list(clusters.values()), dtype="<u2").reshape(len(clusters), -1)
        starts = frozenset(_hash(e.split(" ")[0]) for v in gazetteers.values() for e in v)
        return cls(list(clusters), ids, {k: frozenset(_hash(e) for e in v) for k, v in gazetteers.items()}, starts)

    def save(self, path: Path) -> None:
        words = "\n".join(self.words).encode("utf-8")
        header = {
            "format": 2,
            "words_bytes": len(words),
            "k": int(self.ids.shape[1]),
            "gazetteers": {k: sorted(v) for k, v in sorted(self.gazetteers.items())},
            "starts": sorted(self.starts) if self.starts is not None else None,
        }
        blob = json.dumps(header, separators=(",", ":")).encode() + b"\n" + words + self.ids.astype("<u2").tobytes()
        path.write_bytes(gzip.compress(blob, mtime=0))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        try:
            blob = gzip.decompress(path.read_bytes())
            cut = blob.index(b"\n")
            header = json.loads(blob[:cut])
            end = cut + 1 + header["words_bytes"]
            words = blob[cut + 1 : end].decode("utf-8").split("\n") if header["words_bytes"] else []
            ids = np.frombuffer(blob[end:], dtype="<u2").reshape(len(words), header["k"])
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ModelError(f"cannot read the entity lexicon {path}: {exc}") from exc
        starts = frozenset(header["starts"]) if header.get("starts") is not None else None
        return cls(words, ids, {k: frozenset(v) for k, v in header["gazetteers"].items()}, starts)


def _shape(token: str) -> str:
    ch = token[0]
    if ch.isdigit():
        return "num"
    if "\u0600" <= ch <= "\u06ff":
        return "ar"
    if ch.isalpha():
        return "lat"
    return "punct"


class Featurizer:
    """Turns a token sequence into crfsuite feature lists; per-word parts are cached."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._word_cache: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]] = {}
        self._starts_cache: dict[str, bool] = {}
        # the public lists first, in GAZ_TYPES order (the order features reach crfsuite in),
        # then any TRAIN_PREFIX lists of a model built with `marsad train ner --train-names`
        self._kinds = tuple(k for k in GAZ_TYPES if k in lexicon.gazetteers) + tuple(
            sorted(k for k in lexicon.gazetteers if k not in GAZ_TYPES)
        )

    def _word(self, token: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]:
        """(own features, context features pre-prefixed for offsets -2, -1, +1, +2, match form)."""
        cached = self._word_cache.get(token)
        if cached is not None:
            return cached
        result = self.word_features(token)
        if len(self._word_cache) < 200_000:
            self._word_cache[token] = result
        return result

    def word_features(
        self, token: str, parts: WordParts | None = None
    ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str]:
        """:meth:`_word` without the cache (``parts``: the token's :func:`word_parts`, if known)."""
        w, cs, stem, art, stem_key, cw, cst = parts if parts is not None else word_parts(token, self.lexicon)
        pre = "+".join(normalize_word(p) for p in cs.prefixes)
        shape = _shape(token)
        trig = []
        for name, words in (("title", PERSON_TITLES), ("org", ORG_TRIGGERS), ("loc", LOC_TRIGGERS)):
            if w in words or art in words or stem in words:
                trig.append(name)
        stop = w in STOPWORDS
        own = [
            "w=" + w,
            "st=" + stem,
            "pre=" + pre,
            "sh=" + shape,
            "len=" + str(min(len(stem), 8)),
            "p2=" + stem[:2],
            "p3=" + stem[:3],
            "s1=" + stem[-1:],
            "s2=" + stem[-2:],
            "s3=" + stem[-3:],
        ]
        if cw:
            own += ["c0=%d" % cw[0], "c1=%d" % cw[1], "c2=%d" % cw[2]]
        else:
            own.append("c=unk")
        if cst and stem_key != w:  # the stem's clusters add something only when it is another word
            own += ["sc1=%d" % cst[1], "sc2=%d" % cst[2]]
        own += ["t=" + t for t in trig]
        if stop:
            own.append("stop")
        ctx_base = ["w=" + w, "st=" + stem, "sh=" + shape]
        if cw:
            ctx_base += ["c1=%d" % cw[1]]
        elif cst:
            ctx_base += ["c1=%d" % cst[1]]
        ctx_base += ["t=" + t for t in trig]
        ctx = tuple(tuple(f"{off}{f}" for f in ctx_base) for off in ("-2", "-1", "+1", "+2"))
        return (tuple(own), ctx, art)

    def can_start(self, form: str) -> bool:
        """May a gazetteer entry start with this match form?"""
        return self.lexicon.starts is None or _hash(form) in self.lexicon.starts

    def _gazetteer(self, forms: Sequence[str], candidates: Sequence[int] | None = None) -> list[list[str]]:
        """B-/I- gazetteer features from the entries matched at each position (``forms``: match forms;
        ``candidates``: the positions whose form :meth:`can_start` an entry, when the caller knows them)."""
        n = len(forms)
        out: list[list[str]] = [[] for _ in range(n)]
        gaz = self.lexicon.gazetteers
        kinds = self._kinds
        starts = self.lexicon.starts if candidates is None else None
        can_start = self._starts_cache
        for i in range(n) if candidates is None else candidates:
            if starts is not None:
                ok = can_start.get(forms[i])
                if ok is None:
                    ok = _hash(forms[i]) in starts
                    if len(can_start) < 200_000:
                        can_start[forms[i]] = ok
                if not ok:
                    continue
            for length in range(min(MAX_GAZ_LEN, n - i), 0, -1):
                h = _hash(" ".join(forms[i : i + length]))
                for kind in kinds:
                    if h in gaz[kind]:
                        out[i].append("g=B" + kind)
                        for j in range(i + 1, i + length):
                            out[j].append("g=I" + kind)
                        if length == 1:
                            out[i].append("g1=" + kind)
        return out

    def match_forms(self, tokens: Sequence[str]) -> list[str]:
        return [self._word(t)[2] for t in tokens]

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        n = len(tokens)
        parts = [self._word(t) for t in tokens]
        gaz = self._gazetteer([p[2] for p in parts])
        feats: list[list[str]] = []
        for i in range(n):
            own = parts[i][0]
            f = ["b", *own, *gaz[i]]
            if i == 0:
                f.append("BOS")
            if i == n - 1:
                f.append("EOS")
            for k, off in ((0, -2), (1, -1), (2, 1), (3, 2)):
                j = i + off
                if 0 <= j < n:
                    f.extend(parts[j][1][k])
                    if off in (-1, 1):
                        f.extend(f"{off:+d}{g}" for g in gaz[j])
            if i > 0:
                f.append("bg-=" + parts[i - 1][0][0][2:] + "|" + own[0][2:])
            if i < n - 1:
                f.append("bg+=" + own[0][2:] + "|" + parts[i + 1][0][0][2:])
            feats.append(f)
        return feats


def sentence_features(tokens: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """Feature lists for one sentence (uncached helper for the trainer and tests)."""
    return Featurizer(lexicon).sentence(tokens)


def fix_bio(tags: list[str]) -> list[str]:
    """Make a tag sequence valid BIO: an I- that does not continue its type starts a span."""
    out = list(tags)
    for i, tag in enumerate(out):
        if tag.startswith("I-") and (i == 0 or out[i - 1][2:] != tag[2:]):
            out[i] = "B-" + tag[2:]
    return out


def propagate_document(forms: list[list[str]], tags: list[list[str]], min_len: int = 1) -> list[list[str]]:
    """Tag untagged repeats of a name found elsewhere in the same document.

    ``forms`` are the match forms of each sentence's tokens.  A name is a tagged span's
    word sequence; an occurrence elsewhere counts only where every word is still O.
    Single words must be at least 3 letters and not function words.
    """
    names: dict[tuple[str, ...], str] = {}
    for f, t in zip(forms, tags, strict=True):
        for start, end, kind in _spans(t):
            name = tuple(f[start:end])
            if end - start >= min_len and (end - start > 1 or (len(name[0]) >= 3 and name[0] not in STOPWORDS)):
                names.setdefault(name, kind)
    # A person named in full is later called by the surname alone (توكاييف).
    for name, kind in list(names.items()):
        last = name[-1]
        if kind == "PERS" and len(name) > 1 and len(last) >= 3 and last not in STOPWORDS:
            names.setdefault((last,), kind)
    if not names:
        return tags
    # the lengths of the names each word starts, longest first: most words start none
    starts: dict[str, list[int]] = {}
    for name in names:
        starts.setdefault(name[0], []).append(len(name))
    for lens in starts.values():
        lens.sort(reverse=True)
    out = []
    for f, t in zip(forms, tags, strict=True):
        t = list(t)
        i = 0
        while i < len(f):
            for length in starts.get(f[i], ()):
                if length > len(f) - i:
                    continue
                kind = names.get(tuple(f[i : i + length]))
                if kind and all(x == "O" for x in t[i : i + length]):
                    t[i] = "B-" + kind
                    for j in range(i + 1, i + length):
                        t[j] = "I-" + kind
                    i += length - 1
                    break
            i += 1
        out.append(t)
    return out


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    spans, i = [], 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        kind, j = tags[i][2:], i + 1
        while j < len(tags) and tags[j] == "I-" + kind:
            j += 1
        spans.append((i, j, kind))
        i = j
    return spans


def padded_batches(lengths: Sequence[int], max_cells: int) -> list[list[int]]:
    """Runs of consecutive indices into ``lengths`` (sorted longest first) whose padded size,
    run length × its first (longest) length, stays within ``max_cells``; a sentence longer than
    that runs alone."""
    batches: list[list[int]] = []
    i, n = 0, len(lengths)
    while i < n:
        size = max(1, max_cells // max(1, lengths[i]))
        batches.append(list(range(i, min(n, i + size))))
        i += size
    return batches


class _Ensemble:
    """The CRF + network ensemble (or the CRF alone) over whole batches of sentences.

    Every distinct token gets a row once: the CRF weights of its own and context features
    summed per label (what crfsuite adds up for it at each position), its match form and word
    form, and the network's inputs (:class:`marsad.analyze.ner_neural.InputTable`).  A batch is
    then gathers and sums of rows, a few features that depend on neighbours (word bigrams,
    gazetteer matches, sentence ends), one numpy forward-backward across sentences
    (:func:`marsad.analyze.ner_crf.marginals`, equal to crfsuite's to ~1e-14), few network calls
    and one batched Viterbi: the same tags as decoding sentence by sentence with crfsuite's
    marginals, or with crfsuite's own Viterbi for the CRF alone (tested), several times faster.
    """

    MAX_ROWS = 200_000  # distinct tokens remembered; then the tables start afresh
    MAX_STATES = 200_000  # (token, gazetteer / sentence-end flags) network states remembered
    MAX_PAIRS = 500_000  # word bigrams' feature rows remembered
    # Padded token cells (sentences × the longest one's tokens) per batch: the batch's arrays
    # (network inputs [cells, characters], scores and marginals [cells, labels]) grow with it, so
    # one very long sentence runs alone or with a few others instead of making dozens of short
    # ones as long as itself (64 sentences per batch, as first written, padded a 10,000-token
    # sentence's 63 neighbours to its length: +0.9 GB).  4,096 cells hold 100-200 news sentences.
    MAX_CELLS = 4096
    # CPU seconds per stage, summed while a dict (benchmarks/bench_ner.py --stages sets one)
    timings: dict[str, float] | None = None

    def __init__(self, featurizer: Featurizer, crf, neural=None) -> None:
        from marsad.analyze.ner_neural import InputTable

        self.featurizer = featurizer
        self.crf = crf
        self.neural = neural  # None: the CRF alone (its own Viterbi, as crfsuite decodes)
        self.table = InputTable(neural.encoder) if neural is not None else None
        self._base = crf.vector(["b"])
        self._bos = crf.vector(["BOS"])
        self._eos = crf.vector(["EOS"])
        self._clear()

    def _clear(self) -> None:
        k = self.crf.state.shape[1]
        self._rows: dict[str, int] = {}
        self._form = [""]  # row 0: padding (zero weights)
        self._match = [""]
        self._can_start = [False]  # may a gazetteer entry start with the row's match form
        self._own = np.zeros((4096, k))
        self._ctx = np.zeros((4096, 4, k))
        self._pairs: dict[int, int] = {}
        self._gaz_vec: dict[str, np.ndarray] = {}
        if self.table is not None:
            self.table.clear()
        # a split network's per-token states, by (row, the position's own flags): index 0 = padding
        self._state_index: dict[int, int] = {0: 0}
        self._states: np.ndarray | None = None
        # the states of positions with no flags of their own (nine in ten) by row, as found in
        # _state_index (-1: not looked up yet): one numpy gather instead of a dict lookup per cell
        self._plain_states = np.full(4096, -1, dtype=np.intp)
        self._plain_states[0] = 0

    def _add(self, tokens: Sequence[str]) -> None:
        """Rows for new distinct tokens, all at once (one gather of CRF weights for all of them)."""
        first = len(self._form)
        end = first + len(tokens)
        if end > len(self._own):
            size = max(len(self._own) * 3 // 2, end)
            self._own = np.concatenate([self._own, np.zeros((size - len(self._own), *self._own.shape[1:]))])
            self._ctx = np.concatenate([self._ctx, np.zeros((size - len(self._ctx), *self._ctx.shape[1:]))])
        lexicon, features = self.featurizer.lexicon, self.featurizer.word_features
        get, unknown = self.crf.attributes.get, self.crf.unknown
        # the five attribute lists of each token (own, then context at -2, -1, +1, +2), each
        # closed by the zero row of unknown attributes so that no list is empty
        flat: list[int] = []
        starts: list[int] = []
        owns, parts = [], []
        can_start = self.featurizer.can_start
        for token in tokens:
            p = word_parts(token, lexicon)
            own, ctx, match = features(token, p)
            self._can_start.append(can_start(match))
            for group in (own, *ctx):
                starts.append(len(flat))
                flat.extend([get(a, unknown) for a in group])
                flat.append(unknown)
            self._form.append(own[0][2:])  # "w=" + the word form, which the bigram features join
            self._match.append(match)
            owns.append(own)
            parts.append(p)
        sums = np.add.reduceat(self.crf.state[flat], starts, axis=0).reshape(len(tokens), 5, -1)
        self._own[first:end] = sums[:, 0]
        self._ctx[first:end] = sums[:, 1:]
        if self.table is not None:
            self.table.add(first, tokens, owns, parts)
        self._rows.update(zip(tokens, range(first, end)))

    def rows(self, tokens: Sequence[str]) -> list[int]:
        get = self._rows.get
        rows = [get(t) for t in tokens]
        if None in rows:
            self._add(list(dict.fromkeys(t for t, r in zip(tokens, rows, strict=True) if r is None)))
            rows = [get(t) for t in tokens]
        return rows

    def match_forms(self, tokens: Sequence[str]) -> list[str]:
        match = self._match
        return [match[r] for r in self.rows(tokens)]

    def _gazetteer(self, lists: list[list[int]]) -> list[list[list[str]] | None]:
        """Each sentence's gazetteer features by position; None for a sentence where no word can
        start an entry (most sentences, so the matcher runs only where it may find something)."""
        can, match, matcher = self._can_start, self._match, self.featurizer._gazetteer
        out: list[list[list[str]] | None] = []
        for lst in lists:
            candidates = [i for i, r in enumerate(lst) if can[r]]
            out.append(matcher([match[r] for r in lst], candidates) if candidates else None)
        return out

    def _gaz_vector(self, feature: str) -> np.ndarray:
        v = self._gaz_vec.get(feature)
        if v is None:
            v = self._gaz_vec[feature] = self.crf.vector([feature])
        return v

    def _crf_scores(self, rows: np.ndarray, lengths: np.ndarray, lists: list[list[int]], gaz: list) -> np.ndarray:
        """State scores [B, T, K]: what crfsuite sums over each position's feature list."""
        own, ctx = self._own, self._ctx
        s = own[rows]
        s += self._base
        s[:, 2:] += ctx[rows[:, :-2], 0]  # features of the word two back, etc.
        s[:, 1:] += ctx[rows[:, :-1], 1]
        s[:, :-1] += ctx[rows[:, 1:], 2]  # row 0 past the end adds nothing
        s[:, :-2] += ctx[rows[:, 2:], 3]
        b = len(lists)
        s[:, 0] += self._bos
        s[np.arange(b), lengths - 1] += self._eos
        # a word pair's two bigram attribute rows, packed in one int keyed by the two word rows
        # packed the same way (small ints, not tuples: there are hundreds of thousands of pairs)
        unknown = self.crf.unknown
        none = (unknown << 32) | unknown
        back = np.full(rows.shape, unknown)
        ahead = np.full(rows.shape, unknown)
        pairs, form, get = self._pairs, self._form, self.crf.attributes.get
        if len(pairs) > self.MAX_PAIRS:
            pairs.clear()
        for i, lst in enumerate(lists):
            n = len(lst)
            if n < 2:
                continue
            keys = [(a << 32) | b for a, b in zip(lst[:-1], lst[1:])]
            found = [pairs.get(key) for key in keys]
            if None in found:
                for j, key in enumerate(keys):
                    if found[j] is None:
                        joined = form[key >> 32] + "|" + form[key & 0xFFFFFFFF]
                        value = (get("bg-=" + joined, unknown) << 32) | get("bg+=" + joined, unknown)
                        found[j] = pairs[key] = none if value == none else value
            packed = np.array(found, dtype=np.int64)
            back[i, 1:n] = packed >> 32
            ahead[i, : n - 1] = packed & 0xFFFFFFFF
        state = self.crf.state
        s += state[back]
        s += state[ahead]
        vec = self._gaz_vector
        for i, sent in enumerate(gaz):
            if sent is None:
                continue
            n = len(sent)
            for j, feats in enumerate(sent):
                for g in feats:
                    s[i, j] += vec(g)
                    if j + 1 < n:
                        s[i, j + 1] += vec("-1" + g)
                    if j > 0:
                        s[i, j - 1] += vec("+1" + g)
        return s

    def _split_emissions(self, rows: np.ndarray, lengths: np.ndarray, feed: dict[str, np.ndarray]) -> np.ndarray:
        """Network emissions with the per-token part run only for (token, flags) pairs not seen before.

        A token's network inputs are its row's, except the flags of its position (gazetteer
        matches, sentence start and end), so a state is keyed by both.
        """
        nn = self.neural
        extra = feed["flags"][:, :, self.table.n_word_flags :]
        nbits = extra.shape[2]
        code = (extra != 0).astype(np.int64) @ (np.int64(1) << np.arange(nbits, dtype=np.int64))
        flat_rows, flat_code = rows.ravel(), code.ravel()
        plain = self._plain_states
        if len(plain) < len(self._form):
            more = np.full(len(self._form) * 3 // 2 - len(plain), -1, dtype=np.intp)
            plain = self._plain_states = np.concatenate([plain, more])
        found = plain[flat_rows]
        found[flat_code != 0] = -1
        missing = np.flatnonzero(found < 0)
        if missing.size:
            index = self._state_index
            get = index.get
            keys = ((flat_rows[missing].astype(np.int64) << nbits) | flat_code[missing]).tolist()
            got = [get(k) for k in keys]
            if None in got:
                new: dict[int, int] = {}
                for pos, k, f in zip(missing.tolist(), keys, got, strict=True):
                    if f is None and k not in new:
                        new[k] = pos
                positions = np.fromiter(new.values(), dtype=np.intp, count=len(new))
                b, t = rows.shape
                part = {k: v.reshape(b * t, *v.shape[2:])[positions][None] for k, v in feed.items() if v.ndim > 1}
                states = nn.token_states(part)[0]
                start, need = len(index), len(index) + len(new)
                if self._states is None or need > len(self._states):
                    grown = np.zeros((max(4096, need * 3 // 2), states.shape[1]), dtype=states.dtype)
                    if self._states is not None:
                        grown[:start] = self._states[:start]
                    self._states = grown
                self._states[start : start + len(new)] = states
                for i, k in enumerate(new):
                    index[k] = start + i
                got = [get(k) for k in keys]
            found[missing] = got
            no_flags = missing[flat_code[missing] == 0]
            plain[flat_rows[no_flags]] = found[no_flags]
        states = self._states[found].reshape(*rows.shape, -1)
        return nn.run_states(states, lengths)

    def batch(self, sents: Sequence[Sequence[str]]) -> tuple[list[list[int]], np.ndarray, np.ndarray, list]:
        """Non-empty sentences as word rows (new words get theirs), their lengths, the rows padded
        with row 0 to the longest [B, T], and their gazetteer features (see :meth:`_gazetteer`)."""
        t = self._lap(None, 0.0)
        known = self._rows
        new = [w for s in sents for w in s if w not in known]
        if new:
            self._add(list(dict.fromkeys(new)))
        lists = [[known[w] for w in s] for s in sents]
        lengths = np.array([len(x) for x in lists])
        rows = np.zeros((len(lists), int(lengths.max())), dtype=np.intp)
        for i, lst in enumerate(lists):
            rows[i, : len(lst)] = lst
        t = self._lap("word rows", t)
        gaz = self._gazetteer(lists)
        self._lap("gazetteer", t)
        return lists, lengths, rows, gaz

    def tag(self, sents: Sequence[Sequence[str]]) -> list[list[int]]:
        """Label indices (into ``self.crf.labels``) of each sentence's tokens."""
        from marsad.analyze.ner_crf import marginals
        from marsad.analyze.ner_neural import batch_viterbi, ensemble_paths

        out: list[list[int]] = [[] for _ in sents]
        live = sorted((i for i, s in enumerate(sents) if s), key=lambda i: -len(sents[i]))
        nn = self.neural
        lap = self._lap
        for chunk in padded_batches([len(sents[i]) for i in live], self.MAX_CELLS):
            chunk = [live[j] for j in chunk]
            if len(self._rows) > self.MAX_ROWS or len(self._state_index) > self.MAX_STATES:
                self._clear()
            lists, lengths, rows, gaz = self.batch([sents[i] for i in chunk])
            t = lap(None, 0.0)
            if nn is None:
                scores = self._crf_scores(rows, lengths, lists, gaz)
                t = lap("CRF state scores", t)
                zero = np.zeros(len(self.crf.labels))
                for i, path in zip(chunk, batch_viterbi(scores, lengths, self.crf.trans, zero, zero), strict=True):
                    out[i] = path
                lap("Viterbi", t)
                continue
            feed = self.table.feed(rows, lengths, gaz)
            t = lap("network inputs", t)
            crf = None
            if nn.weight < 1.0:
                scores = self._crf_scores(rows, lengths, lists, gaz)
                t = lap("CRF state scores", t)
                crf = marginals(scores, lengths, self.crf.trans)
                t = lap("CRF marginals", t)
            em = self._split_emissions(rows, lengths, feed) if nn.mode == "split" else nn.run_batch(feed)
            t = lap("network", t)
            paths = ensemble_paths(em, crf, lengths, nn.trans, nn.start, nn.end, nn.weight, nn.o_penalty)
            for i, path in zip(chunk, paths, strict=True):
                out[i] = path
            lap("Viterbi", t)
        return out

    def _lap(self, stage: str | None, since: float) -> float:
        if self.timings is None:
            return 0.0
        now = time.process_time()
        if stage is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - since
        return now


class Tagger:
    """A loaded CRF model plus its lexicon, and the neural model when one ships.

    With a neural model the two are ensembled as a product of experts: a Viterbi over
    ``w · (network emissions and transitions) + (1 − w) · log(CRF marginals)``, invalid BIO
    steps forbidden, with a small penalty on O.  On the tuning split this beat averaging the two
    models' marginals (76.60 vs 76.01) and skips the network's forward-backward; ``w`` and the
    penalty ship in the neural metadata (chosen on the tuning split, see docs/benchmarks.md).
    """

    def __init__(self, model_path: Path, lexicon: Lexicon, neural_dir: Path | None = None) -> None:
        import pycrfsuite

        if not Path(model_path).exists():
            raise ModelError(f"entity model not found: {model_path} (rebuild it with `marsad train ner`)")
        self._crf = pycrfsuite.Tagger()
        try:
            self._crf.open(str(model_path))
        except Exception as exc:  # pycrfsuite raises ValueError/IOError variants
            raise ModelError(f"cannot open the entity model {model_path}: {exc}") from exc
        self.featurizer = Featurizer(lexicon)
        self._lock = threading.Lock()  # a crfsuite tagger is not thread-safe, nor are the word tables
        from marsad.analyze.ner_crf import read_crfsuite

        weights = read_crfsuite(model_path)
        self.neural = None
        if neural_dir is not None:
            from marsad.analyze import ner_neural

            onnx_path = Path(neural_dir) / ner_neural.ONNX_FILE
            if onnx_path.exists():
                meta_path = Path(neural_dir) / ner_neural.META_FILE
                self.neural = ner_neural.NeuralModel(onnx_path, meta_path, self.featurizer)
                weights = weights.in_order(ner_neural.LABELS)
        self._labels = list(weights.labels)
        self._ensemble = _Ensemble(self.featurizer, weights, self.neural)

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_sentences([tokens])[0]

    def _crf_marginals(self, feats: list[list[str]]) -> np.ndarray:
        with self._lock:
            self._crf.set(feats)
            marginal = self._crf.marginal
            return np.array([[marginal(lab, t) for lab in self._labels] for t in range(len(feats))])

    def tag_sentences(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence (all of them scored together, see :class:`_Ensemble`)."""
        with self._lock:  # the word tables grow as new words come
            paths = self._ensemble.tag(sents)
        labels = self._labels
        if self.neural is None:
            return [fix_bio([labels[k] for k in path]) for path in paths]
        return [[labels[k] for k in path] for path in paths]

    def tag_sentences_reference(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """The ensemble decoded sentence by sentence with crfsuite's own marginals (the CRF alone:
        crfsuite's own Viterbi): what :meth:`tag_sentences` must equal (tests and
        benchmarks/bench_ner.py compare them)."""
        from marsad.analyze.ner_neural import ensemble_path

        nn = self.neural
        if nn is None:  # the CRF alone: crfsuite's own Viterbi
            out = []
            for tokens in sents:
                feats = self.featurizer.sentence(tokens) if tokens else []
                with self._lock:
                    out.append(fix_bio(self._crf.tag(feats)) if tokens else [])
            return out
        out = []
        for tokens, em in zip(sents, nn.emissions(sents, padded=False), strict=True):
            if not tokens:
                out.append([])
                continue
            crf = self._crf_marginals(self.featurizer.sentence(tokens)) if nn.weight < 1.0 else None
            path = ensemble_path(em, crf, nn.trans, nn.start, nn.end, nn.weight, nn.o_penalty)
            out.append([self._labels[k] for k in path])
        return out

    def match_forms(self, tokens: Sequence[str]) -> list[str]:
        """Each token's match form (the document pass compares names by them)."""
        with self._lock:
            return self._ensemble.match_forms(tokens)


_TAGGER: Tagger | None = None
_TAGGER_LOCK = threading.Lock()


def _forget_tagger_in_child() -> None:
    # A forked ingest worker must not reuse the parent's onnxruntime session or crfsuite
    # tagger (their threads and locks do not survive fork): it loads its own on first use.
    global _TAGGER, _TAGGER_LOCK
    _TAGGER, _TAGGER_LOCK = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_tagger_in_child)


# ``MARSAD_NER_MODEL=crf`` trades accuracy for speed on large archives: the CRF alone tags
# about twice as fast as the ensemble, 4.4 micro-F1 lower on the CAMeL test split
# (docs/benchmarks.md, "Named entities").
TAGGER_MODES = ("ensemble", "crf")


def tagger_mode() -> str:
    """The entity model this process uses, from ``MARSAD_NER_MODEL`` (default ``ensemble``)."""
    mode = os.environ.get("MARSAD_NER_MODEL", "").strip().lower() or "ensemble"
    if mode not in TAGGER_MODES:
        raise ModelError(f"MARSAD_NER_MODEL={mode!r}: choose one of {', '.join(TAGGER_MODES)}")
    return mode


def get_tagger() -> Tagger:
    """The shipped tagger, loaded once per process."""
    global _TAGGER
    if _TAGGER is None:
        with _TAGGER_LOCK:
            if _TAGGER is None:
                lexicon_path = MODEL_DIR / LEXICON_FILE
                if not lexicon_path.exists():
                    raise ModelError(f"entity lexicon not found: {lexicon_path} (rebuild it with `marsad train ner`)")
                neural_dir = MODEL_DIR if tagger_mode() == "ensemble" else None
                _TAGGER = Tagger(MODEL_DIR / MODEL_FILE, Lexicon.load(lexicon_path), neural_dir)
    return _TAGGER


@dataclass(frozen=True)
class Mention:
    """A tagged span before grouping: offsets into the article text."""

    start: int
    end: int
    type: str


def find_mentions(text: str, tagger: Tagger | None = None, consistency: bool = True) -> list[Mention]:
    """Tag ``text`` sentence by sentence and return its entity mentions in order.

    With ``consistency``, a name tagged in one place is also tagged where it recurs
    untagged in the same text (see :func:`propagate_document`).
    """
    return find_mentions_many([text], tagger, consistency)[0]


def find_mentions_many(
    texts: Sequence[str], tagger: Tagger | None = None, consistency: bool = True
) -> list[list[Mention]]:
    """:func:`find_mentions` of several texts, their sentences tagged in one batch.

    The tagger's per-batch work (network calls, the time steps of its forward-backward and
    Viterbi) is paid once for all of them: 16 news articles at once take about a fifth less
    time per article than one by one (``benchmarks/bench_ner.py --batch-speed``,
    docs/benchmarks.md, "Ingest"), with the same tags: each sentence is decoded on its own,
    and the document pass still runs per text.
    """
    tagger = tagger or get_tagger()
    per_text = []
    words: list[list[str]] = []
    for text in texts:
        # the text's sentences from its shared view: the topic stages ask the view for them too
        sents = [toks for sent in text_view(text).sentences if (toks := token_spans(text, sent.start, sent.end))]
        per_text.append(sents)
        words.extend([t.text for t in toks] for toks in sents)
    all_tags = tagger.tag_sentences(words)
    out: list[list[Mention]] = []
    first = 0
    for sents in per_text:
        tags = all_tags[first : first + len(sents)]
        if consistency:
            tags = propagate_document([tagger.match_forms(w) for w in words[first : first + len(sents)]], tags)
        first += len(sents)
        mentions: list[Mention] = []
        for toks, sent_tags in zip(sents, tags, strict=True):
            for i, j, kind in _spans(sent_tags):
                mentions.append(Mention(toks[i].start, toks[j - 1].end, kind))
        out.append(mentions)
    return out


@component("entities")
def entities(article: Article) -> Article:
    """Fill ``article.entities`` with grouped, canonically named entity mentions."""
    return _entities_pipe([article])[0]


def _entities_pipe(articles: Sequence[Article]) -> list[Article]:
    """:func:`entities` of several articles, tagged in one batch (see :func:`find_mentions_many`)."""
    from marsad.analyze.entity_linking import link

    live = [a for a in articles if a.text.strip()]
    for a in articles:
        a.entities = []
    if live:
        tagger = get_tagger()
        rank = tagger.featurizer.lexicon.rank
        for a, mentions in zip(live, find_mentions_many([a.text for a in live], tagger), strict=True):
            a.entities = link(a.text, mentions, rank)
    return list(articles)


entities.pipe = _entities_pipe  # type: ignore[attr-defined]  # the batch form (marsad.pipeline.run_many)
