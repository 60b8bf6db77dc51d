"""Per-word facts shared by the topic, keyphrase and summary stages, computed once per article.

The stages need every word's normalised form, light stem, corpus IDF and whether it is
a content word; computing those per token is what made them slow, so each distinct
surface form is analysed once per process (looked up in the shipped word-fact lexicon, or
analysed when the lexicon lacks it) and registered in a :class:`WordTable`, which gives it
a word id and keeps its facts in numpy columns; each article's words are gathered once
(:func:`analyse`, a one-entry cache: the stages run one after the other on the same text).
An article is one numpy array of word ids, one entry per word or break, so that the
stages read the facts they need with array indexing rather than a Python loop per word.
:func:`word_info` (cached) gives a word's facts as a tuple, for the few words a stage
looks at one by one and for the tests.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zlib
from collections import Counter
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from struct import Struct
from typing import NamedTuple

import numpy as np

from marsad.analyze.topics import UNSEEN_IDF, corpus_idf, word_numbers
from marsad.errors import InputError
from marsad.text import Sentence, is_arabic_word, letter_runs, split_clitics, words_with_breaks
from marsad.text.stem import marked_word_parts, normalize_word, plain_word_parts, stem_parts
from marsad.text.views import text_view
from marsad.text.wordlists import COMMON_VERBS, SPEECH_VERBS, STOPWORDS

# Frequent news words that are not stop words but never make a keyphrase and say little
# about a sentence (normalised): reporting and other topic-less verbs come from SPEECH_VERBS
# and COMMON_VERBS; these are the rest.
# Glosses: today, yesterday, tomorrow, year (x2), year, the year, day, the days, time (x2),
# side, framework, in a way, during, where, past (m/f), next (m/f), current (m/f),
# new (m/f), big (m/f), number (x2), million, billion, thousand, percent (x2), riyal,
# dollar, matter (x2), thing, any, one (m/f), same, self, at, and that, to, but, also,
# currently, evening, morning, the hour, that (conj.), as, was done, is done, via, addition;
# from whom, from what, about what, in what, with what, when, except, when (x3), after,
# therefore, for this, will be done (m/f); saying, adding, pointing out, stressing,
# explaining, considering, noting, showing (reporting adverbials).
WEAK_WORDS = frozenset(
    normalize_word(w)
    for w in """
    اليوم أمس غدا العام عام سنة السنة يوم الأيام وقت الوقت جانب إطار بشكل خلال حيث
    الماضي الماضية المقبل المقبلة الحالي الحالية الجديد الجديدة كبير كبيرة عدد عددا
    مليون مليار ألف المئة بالمئة ريال دولار أمر الأمر شيء أي أحد إحدى ذات نفس لدى
    وذلك إلى ولكن أيضا حاليا مساء صباح الساعة أنه كما تم يتم عبر إضافة
    ممن مما عما فيما بما لما إلا عندما حين حينما بعدما لذلك لهذا سيتم ستتم
    قائلا مضيفا مشيرا مؤكدا موضحا معتبرا لافتا مبينا
    """.split()
)
SKIP = STOPWORDS | SPEECH_VERBS | COMMON_VERBS | WEAK_WORDS


class WordInfo(NamedTuple):
    """The layout of a word's facts.  :func:`word_info` hands out plain tuples in this
    order (read them with the indices below or ``WordInfo._make``): the cache holds ~100k of
    them, and Python's garbage collector never stops tracking tuple subclasses, so named
    tuples there made every full collection walk them all."""

    norm: str  # normalised surface form
    stem: str  # light stem
    idf: float  # IDF of the surface form in SANAD (UNSEEN_IDF when never seen)
    content: bool  # not a stop / reporting / weak word, at least two letters without clitics
    lead: int  # characters of attached و/ف/ب/ل/ك before the form a keyword shows
    key: str | None  # the stem for a content word, else None (a keyphrase candidate breaks)
    entry: tuple[str, float] | None  # (stem, idf) for a content word, else None
    topic: bytes  # the topic model's numbers of its letter runs (-1: unknown), int64 bytes
    foreign: bool  # a word that does not begin with an Arabic letter (a Latin word)
    word: int  # 1 for a word, 0 for a break


NORM, STEM, IDF, CONTENT, LEAD, KEY, ENTRY, TOPIC, FOREIGN, WORD = range(len(WordInfo._fields))


# A number, a punctuation mark or the end of a sentence: no word, no content.
BREAK = ("", "", 0.0, False, 0, None, None, b"", False, 0)

_CACHE: dict[str, tuple] = {"": BREAK}
_CACHE_SIZE = 200_000


def word_info(surface: str) -> tuple:
    """The facts of one surface form (a tuple laid out as :class:`WordInfo`), cached per
    process (a plain dict: the lookup runs for every word of every article, and
    functools.lru_cache costs several times more)."""
    if not surface:  # the sentence break, also while another thread refills the cache
        return BREAK
    info = _CACHE.get(surface)
    if info is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
            _CACHE[""] = BREAK
        info = _CACHE[surface] = _word_info(surface)
    return info


def _word_info(surface: str, idf=None, numbers: dict[str, int] | None = None) -> tuple:
    """The facts of ``surface`` (with the shipped model's IDFs and word numbers, or the
    given ``idf`` function and ``numbers``: building a lexicon for another model)."""
    parts = plain_word_parts(surface)  # most words: one pass, no general checks, no split object
    sliced = parts is not None  # a slice of the word normalises to the same slice of norm
    if parts is None:  # most others: letters with diacritics (تعليمًا, مُدرّس), the same way
        parts = marked_word_parts(surface)
    if parts is not None:
        prefixes, stem_offset, norm, bare, stem = parts
    else:
        split = split_clitics(surface)
        prefixes, stem_offset = split.prefixes, split.stem_offset
        norm, bare, stem = stem_parts(split)
    idf = idf or corpus_idf()
    if not prefixes:  # most words: nothing to cut, the form is its own bare word
        content = len(norm) >= 2 and norm not in SKIP
        lead = 0
    else:
        # "س" may be the future sa- or a stem letter (سامر): never trust it to reveal a stop word
        content = len(bare) >= 2 and norm not in SKIP and not (bare in SKIP and "س" not in prefixes)
        # a plain word's slices normalise to the slices of its normalised form
        lead = _display_lead(surface, prefixes, stem_offset, norm if sliced else None)
        # The clitic splitter cannot know that بريدة (Buraydah) or وثيقة (document) start with
        # a stem letter: cut only when what remains is a word the corpus has seen.
        if lead and idf(norm[lead:] if sliced else normalize_word(surface[lead:])) == UNSEEN_IDF:
            lead = 0
    weight = idf(norm)
    if numbers is None:
        numbers = _NUMBERS if _NUMBERS is not None else _load_numbers()
    number = numbers.get
    if parts is not None:  # Arabic letters (and marks normalisation deletes): one letter run, an Arabic word
        entry = (stem, weight) if content else None  # made first, as below
        topic = _pack_one(number(norm, -1))
        return (norm, stem, weight, content, lead, stem if content else None, entry, topic, False, 1)
    runs = letter_runs(surface)
    if len(runs) == 1:
        topic = _pack_one(number(runs[0], -1))
    else:
        topic = array("q", [number(run, -1) for run in runs]).tobytes()
    foreign = not is_arabic_word(surface)
    if content:
        entry = (stem, weight)  # made first: the collector can then untrack both at once
        return (norm, stem, weight, True, lead, stem, entry, topic, foreign, 1)
    return (norm, stem, weight, False, lead, None, None, topic, foreign, 1)


_NUMBERS: dict[str, int] | None = None  # loaded on first use; {} when the topic model is absent
_pack_one = Struct("q").pack  # one number as array("q") bytes


def _load_numbers() -> dict[str, int]:
    global _NUMBERS
    _NUMBERS = word_numbers()
    return _NUMBERS


def _display_lead(word: str, prefixes: tuple[str, ...], stem_offset: int, norm: str | None = None) -> int:
    """Where a keyword should start in ``word`` (split_clitics gave ``prefixes`` and
    ``stem_offset``): after و/ف/ب/ل/ك, keeping the article ال (``norm``: the word's
    normalised form when each of its slices normalises to that slice)."""
    if not prefixes or prefixes == ("ال",):
        return 0
    if "س" in prefixes:  # sa- or a stem letter (سامر): keep it, see light_stem
        return 1 if prefixes[0] in ("و", "ف") else 0
    if "ال" in prefixes:  # CliticSplit.has_article
        start = stem_offset - 2
        if (normalize_word(word[start:stem_offset]) if norm is None else norm[start:stem_offset]) == "ال":
            return start
    return stem_offset


NO_RUN, ODD_RUNS = -2, -3  # WordTable.plain_topic of a word without letters, of a Latin or several-run word

# Stem ids stay below 2**_STEM_BITS: two or three of them pack into one int64 key of a word
# pair or triple (keyphrases).  A table is replaced between articles once it holds
# _CACHE_SIZE words, and WordTable.add refuses stems past the limit (TableFull), so that
# one huge article cannot push a stem id over it.
_STEM_BITS = 20


class TableFull(Exception):
    """The word table cannot take these words' stems: a fresh table must."""


class WordTable:
    """Numbers for the words seen so far in this process: each surface form gets a word id
    (0: a break) and its facts become entries of numpy columns, so an article's words turn
    into one int array and every stage reads its facts with array indexing instead of a
    Python-level pass over ~600 tuples (each such pass cost ~0.1 ms: a cache miss per
    entry on this machine).  Stems of content words get stem ids the same way.  A table
    starts empty; the words of each article it has not seen are registered in one batch,
    their facts read from the shipped lexicon (:func:`shipped_lexicon`) when it holds them,
    else analysed."""

    _COLUMNS = ("stem_of", "idf", "topic", "runs", "foreign", "lead", "plain_topic")

    def __init__(self, capacity: int = 4096) -> None:
        self.ids: dict[str, int] = {"": 0}  # surface form -> word id
        self.stem_ids: dict[str, int] = {}  # stem of a content word -> stem id
        self.stems: list[str] = []  # stem id -> stem
        self.stem_of = np.full(capacity, -1, dtype=np.int64)  # word id -> stem id (-1: no content word)
        self.idf = np.zeros(capacity)  # word id -> WordInfo.idf
        self.topic = np.full(capacity, -1, dtype=np.int64)  # word id -> topic number of its one letter run
        self.runs = np.zeros(capacity, dtype=np.int8)  # word id -> letter runs (0, 1, or 2 for two or more)
        self.foreign = np.zeros(capacity, dtype=bool)  # word id -> WordInfo.foreign
        self.lead = np.zeros(capacity, dtype=np.int8)  # word id -> WordInfo.lead
        # word id -> the topic number of an Arabic word of one letter run (most words), NO_RUN for
        # a break or a word without letters, ODD_RUNS for a Latin word or one of several runs:
        # the topic stage reads one column (one cache miss per rare word, not three)
        self.plain_topic = np.full(capacity, NO_RUN, dtype=np.int64)
        self.limit = _CACHE_SIZE  # words after which a fresh table replaces this one
        self.max_stems = 1 << _STEM_BITS  # stems it may hold (add raises TableFull past it)
        self._lex_map: np.ndarray | None = None  # lexicon stem number -> stem id (see add)
        self._lex_map_of: Lexicon | None = None

    def _grow(self, size: int) -> None:
        # readers holding ids below the old size are unaffected
        for name, fill in zip(self._COLUMNS, (-1, 0.0, -1, 0, False, 0, NO_RUN)):
            old = getattr(self, name)
            setattr(self, name, np.concatenate((old, np.full(size - len(old), fill, dtype=old.dtype))))

    def add(self, surfaces: list[str]) -> None:
        """Register the words of ``surfaces`` that are new (and their stems): their facts
        from the lexicon when it holds them, else analysed."""
        with _TABLE_LOCK:
            ids = self.ids
            new = [w for w in dict.fromkeys(surfaces) if w not in ids]
            if not new:
                return
            lexicon = _LEXICON if _LEXICON is not False else shipped_lexicon()
            if lexicon is not None:
                found, rows, missing = lexicon.rows(new)
            else:
                found, rows, missing = [], [], new
            stem_ids, stems = self.stem_ids, self.stems
            # The lexicon's words: their facts gathered from its columns in one go, their
            # stems through a map from the lexicon's stem numbers to this table's stem ids
            # (-2: not looked up yet), so that only a stem new to the map is looked up by name.
            if found:
                rows = np.array(rows, dtype=np.int64)
                lex_stems = lexicon.stem_index[rows]
                if self._lex_map is None or self._lex_map_of is not lexicon:
                    self._lex_map = np.full(len(lexicon.stems) + 1, -2, dtype=np.int32)
                    self._lex_map[-1] = -1  # a word that is no content word reads the last entry
                    self._lex_map_of = lexicon
                found_stems = self._lex_map[lex_stems]
                unmapped = np.flatnonzero(found_stems == -2).tolist()
                unmapped_stems = lex_stems[unmapped].tolist()
            else:
                unmapped = unmapped_stems = []
            infos = [_word_info(word) for word in missing]  # the table keeps them (word_info's cache would hold them twice)
            keys = [info[KEY] for info in infos]
            limit = self.max_stems
            if len(stems) + len(unmapped) + len(keys) > limit:  # checked before anything is written
                names = {lexicon.stems[k] for k in unmapped_stems} | {k for k in keys if k is not None}
                if len(stems) + len({k for k in names if k not in stem_ids}) > limit:
                    raise TableFull
            start = len(ids)
            middle = start + len(found)
            end = middle + len(missing)
            if end > len(self.idf):
                self._grow(max(2 * len(self.idf), end))
            if found:
                if unmapped:
                    lex_map, names = self._lex_map, lexicon.stems
                    for j, k in zip(unmapped, unmapped_stems):
                        key = names[k]
                        sid = stem_ids.get(key)
                        if sid is None:
                            sid = stem_ids[key] = len(stems)
                            stems.append(key)
                        lex_map[k] = sid
                        found_stems[j] = sid
                self.stem_of[start:middle] = found_stems
                self.idf[start:middle] = lexicon.idf[rows]
                self.topic[start:middle] = lexicon.topic[rows]
                self.runs[start:middle] = 1  # a plain-letter word: one letter run, not foreign
                self.lead[start:middle] = lexicon.lead[rows]
                self.plain_topic[start:middle] = self.topic[start:middle]
            if missing:
                stem_of = []
                for key in keys:
                    if key is None:
                        stem_of.append(-1)
                        continue
                    sid = stem_ids.get(key)
                    if sid is None:
                        sid = stem_ids[key] = len(stems)
                        stems.append(key)
                    stem_of.append(sid)
                runs = [len(info[TOPIC]) // 8 for info in infos]
                topics = [_unpack_one(info[TOPIC])[0] if n == 1 else -1 for info, n in zip(infos, runs)]
                self.stem_of[middle:end] = stem_of
                self.idf[middle:end] = [info[IDF] for info in infos]
                self.topic[middle:end] = topics
                self.plain_topic[middle:end] = [
                    ODD_RUNS if info[FOREIGN] or n > 1 else topic if n else NO_RUN for info, n, topic in zip(infos, runs, topics)
                ]
                self.runs[middle:end] = [min(n, 2) for n in runs]
                self.foreign[middle:end] = [info[FOREIGN] for info in infos]
                self.lead[middle:end] = [info[LEAD] for info in infos]
            ids.update(zip(found + missing, range(start, end)))  # published last: readers take the columns after an id

    def ids_of(self, pieces: list[str]) -> np.ndarray:
        """The word ids of ``pieces`` (known ones looked up in C, new ones registered)."""
        get = self.ids.get
        ids = np.fromiter(map(get, pieces, repeat(-1)), dtype=np.int64, count=len(pieces))
        new = np.flatnonzero(ids < 0)
        if len(new):
            new = new.tolist()
            self.add([pieces[i] for i in new])
            ids[new] = [get(pieces[i]) for i in new]
        return ids


_TABLE_LOCK = threading.RLock()
_TABLE = WordTable()


def _new_lock_in_child() -> None:
    # a forked worker must not inherit the lock held by a thread of its parent
    global _TABLE_LOCK
    _TABLE_LOCK = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_lock_in_child)
_unpack_one = Struct("q").unpack


def _table() -> WordTable:
    table = _TABLE
    return _replace(table) if len(table.ids) >= table.limit else table


def _replace(table: WordTable) -> WordTable:
    """A fresh table in place of ``table`` (unless another thread replaced it already)."""
    global _TABLE
    with _TABLE_LOCK:
        if _TABLE is table:
            _TABLE = WordTable()  # ids of the old table stay valid in it
        return _TABLE


def _ids_of(table: WordTable, pieces: list[str]) -> tuple[WordTable, np.ndarray]:
    """``table.ids_of(pieces)``, or the ids in a fresh table when ``table`` cannot take
    the new words' stems (see _STEM_BITS); a text whose own stems exceed the limit is an
    InputError."""
    try:
        return table, table.ids_of(pieces)
    except TableFull:
        pass
    table = _replace(table)
    try:
        return table, table.ids_of(pieces)
    except TableFull:
        raise InputError(f"text too large: more than {1 << _STEM_BITS:,} different word stems") from None


# -- the word-fact lexicon ---------------------------------------------------------------
# Each word of an article that the process has not seen before costs ~11 µs (normalise,
# clitic split, light stem, three model look-ups) and ~40 of a 500-word article's words
# are new even after 1,000 articles.  The frequent words of the topic model's training
# corpus are analysed at training time and shipped (marsad/models/topics_lexicon.npz,
# built by `marsad train topics` or `python -m marsad.training.topics --lexicon-only`):
# an article's new words are looked up there all at once (a hash table in numpy arrays:
# loading builds no Python object per word).  The lexicon is only used when
# it was built by this text core (fingerprint of its word lists, tables and stemmer
# version) for the shipped model, and a few of its entries, recomputed at load, agree;
# else words are analysed as they come.
LEXICON_PATH = Path(__file__).resolve().parents[1] / "models" / "topics_lexicon.npz"
# Surface forms seen at least this often in the training corpus.  SANAD train, every form
# of plain letters: ~350k, two thirds of the words a process warmed up on 1,000 SaudiNewsNet
# articles has not seen in the next ones (count >= 3: 150k forms, 53 %; forms with
# diacritics or Latin letters are almost never in SANAD).
LEXICON_MIN_COUNT = 1
LEXICON_MAX_BYTES = 32  # longer UTF-8 forms (rare) are left out: the array's width
_SPOT_CHECKS = 64


class Lexicon:
    """The shipped word facts as arrays, looked up through an open-addressing hash table
    (CRC-32 of the UTF-8 form, linear probing): a binary search touched ~17 scattered
    places per word, and each cost a cache miss on a loaded machine.  No Python object per
    word is built at load (a dict of 350k words took 0.4 s)."""

    def __init__(self, surfaces: np.ndarray, slots: np.ndarray, stems: np.ndarray, stem_index: np.ndarray, idf, topic, lead) -> None:
        self.surfaces = surfaces  # UTF-8 forms (fixed-width bytes), one row per word
        self.slots = slots  # hash slot -> row (-1: empty); a power of two long
        self.stems = stems  # a list: looked up for every content word found
        self.stem_index = stem_index  # row -> stem of a content word (-1: no content word)
        self.idf, self.topic, self.lead = idf, topic, lead

    def facts(self, words: list[str]) -> dict[str, tuple]:
        """(key, IDF, topic number, lead) of those of ``words`` the lexicon holds."""
        found, rows, _ = self.rows(list(dict.fromkeys(words)))
        out = {}
        for word, row in zip(found, rows):
            k = self.stem_index.item(row)
            out[word] = (self.stems[k] if k >= 0 else None, self.idf.item(row), self.topic.item(row), self.lead.item(row))
        return out

    def rows(self, words: list[str]) -> tuple[list[str], list[int], list[str]]:
        """The (distinct) ``words`` the lexicon holds with their rows, and the others."""
        # word by word with scalar reads: ~40 words an article, too few to pay numpy's
        # per-call cost (a vectorised probe took several times longer); the facts of the
        # rows found are then gathered in one numpy call per column (WordTable.add)
        found, rows, missing = [], [], []
        mask = len(self.slots) - 1
        slot_row, surface_at, crc32 = self.slots.item, self.surfaces.item, zlib.crc32
        for word in words:
            form = word.encode("utf-8")
            if len(form) <= LEXICON_MAX_BYTES:
                slot = crc32(form) & mask
                row = slot_row(slot)
                while row >= 0:
                    if surface_at(row) == form:
                        found.append(word)
                        rows.append(row)
                        break
                    slot = (slot + 1) & mask
                    row = slot_row(slot)
                else:
                    missing.append(word)
            else:
                missing.append(word)
        return found, rows, missing


def _hash_slots(surfaces: list[str]) -> np.ndarray:
    size = 1 << max(4, (2 * len(surfaces)).bit_length())  # under half full
    slots = np.full(size, -1, dtype=np.int32)
    for row, word in enumerate(surfaces):
        slot = zlib.crc32(word.encode("utf-8")) & (size - 1)
        while slots[slot] >= 0:
            slot = (slot + 1) & (size - 1)
        slots[slot] = row
    return slots


_LEXICON: Lexicon | None | bool = False  # False: not loaded yet


def shipped_lexicon() -> Lexicon | None:
    global _LEXICON
    with _TABLE_LOCK:
        if _LEXICON is False:
            _LEXICON = load_lexicon()
    return _LEXICON


def lexicon_fingerprint(model) -> str:
    """What the facts of a word depend on besides the code: the text core's tables and
    stemmer version and the topic model's vocabulary and IDFs."""
    from marsad.text import stem as stem_module
    from marsad.text import tokens as tokens_module
    from marsad.text.normalize import _WORD_TRANSLATION
    from marsad.text.wordlists import NOT_INFLECTED, PLACE_STEMS, STEMS_BEGINNING_LIKE_A_PROCLITIC

    h = hashlib.sha256()
    parts = (
        stem_module.STEMMER_VERSION, stem_module.SUFFIXES, stem_module.MIN_STEM, sorted(SKIP), sorted(PLACE_STEMS.items()),
        sorted(NOT_INFLECTED), sorted(tokens_module.CLITIC_LOOKALIKES), sorted(_WORD_TRANSLATION.items()), UNSEEN_IDF,
        sorted(STEMS_BEGINNING_LIKE_A_PROCLITIC),
    )
    h.update(repr(parts).encode("utf-8"))
    h.update("\n".join(model.vocabulary).encode("utf-8"))
    h.update(np.ascontiguousarray(model.idf, dtype=np.float32).tobytes())
    return h.hexdigest()


def build_lexicon(counts: Counter, model, out: Path, min_count: int = LEXICON_MIN_COUNT) -> int:
    """Write the facts of the plain-letter words of ``counts`` (surface form -> count in a
    corpus) seen at least ``min_count`` times, for ``model``, to ``out``; returns how many."""
    vocab, idf_values = model.vocabulary, model.idf.tolist()

    def idf(norm: str) -> float:
        i = vocab.get(norm)
        return UNSEEN_IDF if i is None else idf_values[i]

    numbers = model.word_numbers()
    surfaces = sorted(
        w for w, n in counts.items()
        if n >= min_count and 0 < len(w.encode("utf-8")) <= LEXICON_MAX_BYTES and plain_word_parts(w) is not None
    )
    stems: dict[str, int] = {}
    stem_index, idfs, topics, leads = [], [], [], []
    for surface in surfaces:
        info = _word_info(surface, idf, numbers)
        assert len(info[TOPIC]) == 8 and not info[FOREIGN]  # plain letters: one run, Arabic
        key = info[KEY]
        stem_index.append(-1 if key is None else stems.setdefault(key, len(stems)))
        idfs.append(info[IDF])
        topics.append(_unpack_one(info[TOPIC])[0])
        leads.append(info[LEAD])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        np.savez_compressed(
            f,
            fingerprint=np.frombuffer(lexicon_fingerprint(model).encode("ascii"), dtype=np.uint8),
            surfaces=np.array([w.encode("utf-8") for w in surfaces], dtype=f"S{LEXICON_MAX_BYTES}"),
            slots=_hash_slots(surfaces),
            stems=np.frombuffer("\n".join(stems).encode("utf-8"), dtype=np.uint8),
            stem_index=np.array(stem_index, dtype=np.int32),
            idf=np.array(idfs, dtype=np.float32),  # IDFs are float32 in the model: exact
            topic=np.array(topics, dtype=np.int32),
            lead=np.array(leads, dtype=np.int8),
        )
    return len(surfaces)


def load_lexicon(path: Path | None = None) -> Lexicon | None:
    """The shipped lexicon (None when it is absent, was built for another model or text
    core, or disagrees with facts recomputed now)."""
    from marsad.analyze.topics import get_model
    from marsad.errors import ModelError

    try:
        model = get_model()
        with np.load(path or LEXICON_PATH, allow_pickle=False) as data:
            if data["fingerprint"].tobytes().decode("ascii") != lexicon_fingerprint(model):
                return None
            surfaces, slots, stems = data["surfaces"], data["slots"], data["stems"].tobytes().decode("utf-8").split("\n")
            lexicon = Lexicon(surfaces, slots, stems, *(data[name] for name in ("stem_index", "idf", "topic", "lead")))
    except (ModelError, OSError, KeyError, ValueError):
        return None
    # a few entries recomputed by this code: a lexicon it would not build is not used
    sample = [w.decode("utf-8") for w in lexicon.surfaces[:: max(1, len(lexicon.surfaces) // _SPOT_CHECKS)].tolist()]
    for word, facts in lexicon.facts(sample).items():
        info = _word_info(word)
        if facts != (info[KEY], info[IDF], _unpack_one(info[TOPIC])[0], info[LEAD]) or len(info[TOPIC]) != 8 or info[FOREIGN]:
            return None
    return lexicon


@dataclass
class TextStats:
    """One article as a flat sequence of entries: an entry per word or break (a number, a
    punctuation mark) and an empty entry after each sentence, so no word pair runs across a
    sentence end.  Entries are word ids of :attr:`table`; the content words among them
    (keyphrase candidates, summary vector terms) are gathered once into arrays."""

    text: str
    sentences: list[Sentence]
    pieces: list[str]  # surface form of each entry ("" for a break or a sentence end)
    bounds: list[int]  # sentence i holds entries bounds[i] .. bounds[i + 1] - 1 (its end)
    word_counts: list[int]  # words of each sentence
    n_words: int
    table: WordTable
    ids: np.ndarray  # word id of each entry (int64; 0 for a break)
    content: np.ndarray  # entry index of each content word, in text order
    content_stems: np.ndarray  # stem id of each content word
    content_idf: np.ndarray  # WordInfo.idf of each content word (float64)
    content_pos: np.ndarray  # index among the text's words of each content word

    def sentence_of(self, entry: int) -> int:
        return bisect_right(self.bounds, entry) - 1

    @cached_property
    def groups(self) -> StemGroups:
        """The content words grouped by stem (:func:`stem_groups`; keyphrases and summary)."""
        return stem_groups(self.content_stems)

    def first_seen_stems(self) -> tuple[np.ndarray, int]:
        """:func:`first_seen_ids` of the content words' stems."""
        return first_seen_ids(self.content_stems, self.groups)

    # The facts per entry as lists (for tests and rare paths; the stages read the arrays).
    @property
    def infos(self) -> list[tuple]:
        return infos_of(self.pieces)

    @property
    def keys(self) -> list[str | None]:
        return [info[KEY] for info in self.infos]

    @property
    def entries(self) -> list[tuple[str, float] | None]:
        return [info[ENTRY] for info in self.infos]


class StemGroups(NamedTuple):
    """Stem ids grouped by one stable sort: the groups in stem-id order."""

    order: np.ndarray  # the stable argsort of the stem ids
    starts: np.ndarray  # where each group starts in ``order``
    stems: np.ndarray  # each group's stem id (ascending)
    counts: np.ndarray  # its size
    firsts: np.ndarray  # its first occurrence (an index into the stem ids)


def stem_groups(stems: np.ndarray) -> StemGroups:
    """:class:`StemGroups` of the int array ``stems``."""
    order = np.argsort(stems, kind="stable")  # stable: each group's first occurrence first
    if not len(order):
        return StemGroups(order, order, order, order, order)
    sorted_stems = stems[order]
    new = np.empty(len(order), dtype=bool)
    new[0] = True
    np.not_equal(sorted_stems[1:], sorted_stems[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    counts = np.empty(len(starts), dtype=np.int64)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1] = len(order) - starts[-1]
    return StemGroups(order, starts, sorted_stems[starts], counts, order[starts])


def first_seen_ids(stems: np.ndarray, groups: StemGroups | None = None) -> tuple[np.ndarray, int]:
    """Each of ``stems`` numbered 0, 1, ... by the order in which the stems first occur,
    and how many stems there are (``groups``: their :func:`stem_groups`, when known)."""
    if not len(stems):
        return np.zeros(0, dtype=np.int64), 0
    order, _, _, counts, firsts = groups if groups is not None else stem_groups(stems)
    seen = np.zeros(len(order), dtype=np.int64)
    seen[firsts] = 1
    rank = np.cumsum(seen)[firsts] - 1  # stems first seen before each one's first occurrence
    out = np.empty(len(order), dtype=np.int64)
    out[order] = np.repeat(rank, counts)
    return out, len(firsts)


def infos_of(pieces: list[str]) -> list[tuple]:
    """:func:`word_info` of each piece: cached ones looked up in C, the rest computed."""
    infos = list(map(_CACHE.get, pieces))
    try:
        i = infos.index(None)
        while True:
            infos[i] = word_info(pieces[i])
            i = infos.index(None, i + 1)
    except ValueError:
        return infos


def content_stems(text: str) -> list[str]:
    """The stems of the content words of a short text (a title, an entity), in order."""
    table = _table()
    stems, ids = table.stems, table.ids.get
    out = []
    for word in words_with_breaks(text):  # a few words: scalar reads beat numpy calls
        i = ids(word)
        if i is None:
            new_table, new = _ids_of(table, [word])
            if new_table is not table:  # the table was full: read the new word from the fresh one
                table, stems, ids = new_table, new_table.stems, new_table.ids.get
            i = new.item(0)
        # the column read now: registering a word (here or in another thread) may have grown it
        s = table.stem_of.item(i)
        if s >= 0:
            out.append(stems[s])
    return out


class ShortText(NamedTuple):
    """A short text (a title) as word ids: :func:`words_with_breaks` pieces of the whole text."""

    text: str
    pieces: list[str]
    table: WordTable
    ids: np.ndarray

    def content_stems(self) -> list[str]:
        """:func:`content_stems` of the text."""
        stems = self.table.stems
        # the column read now: registering a word (in another thread) may have grown it
        return [stems[s] for s in self.table.stem_of[self.ids].tolist() if s >= 0]


_LAST_SHORT: ShortText | None = None


def short_text(text: str) -> ShortText:
    """The words of a short text, cached for the last one seen: the topic and keyphrase
    stages both read the title."""
    global _LAST_SHORT
    last = _LAST_SHORT
    if last is not None and last.text == text:
        return last
    pieces = words_with_breaks(text)
    table, ids = _ids_of(_table(), pieces)
    _LAST_SHORT = out = ShortText(text, pieces, table, ids)
    return out


_LAST: TextStats | None = None
_LOCK = threading.Lock()


def analyse(text: str, title: str | None = None) -> TextStats:
    """Sentences, words and word facts of ``text``, cached for the last text seen (the
    three stages run one after the other on one article).  A ``title``'s words are
    registered with the text's, for :func:`short_text`."""
    global _LAST, _LAST_SHORT
    last = _LAST
    if last is not None and last.text == text:
        return last
    sentences = text_view(text).sentences  # shared with any other analyser of this text
    pieces: list[str] = []
    bounds = [0]
    word_counts = []
    for sent in sentences:
        words = words_with_breaks(sent.text)
        word_counts.append(len(words) - words.count(""))
        pieces += words
        pieces.append("")
        bounds.append(len(pieces))
    short = _LAST_SHORT
    if title and (short is None or short.text != title):
        title_pieces = words_with_breaks(title)
        table, ids = _ids_of(_table(), pieces + title_pieces)  # one batch of new words
        _LAST_SHORT = ShortText(title, title_pieces, table, ids[len(pieces) :])
        ids = ids[: len(pieces)]
    else:
        table, ids = _ids_of(_table(), pieces)
    stem_of = table.stem_of[ids]
    content = np.flatnonzero(stem_of >= 0)
    ids_c = ids[content]
    # the index among the words of each content word: words (non-zero ids) up to it, less one
    pos = np.cumsum(ids != 0)[content] - 1
    stats = TextStats(
        text, sentences, pieces, bounds, word_counts, sum(word_counts), table, ids,
        content, stem_of[content], table.idf[ids_c], pos,
    )
    with _LOCK:
        _LAST = stats
    return stats


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or "\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640\u200c\u200d"


def locate(stats: TextStats, i: int, j: int) -> tuple[int, int]:
    """Offsets in ``stats.text`` of entries ``i..j-1`` (words of one sentence), as a keyword
    shows them: attached و/ف/ب/ل/ك cut, as :attr:`WordInfo.lead` says."""
    sent = stats.sentences[stats.sentence_of(i)]
    text = stats.text
    surfaces = stats.pieces[i:j]
    lead = int(stats.table.lead[stats.ids[i]])
    phrase = " ".join(surfaces)
    pos = text.find(phrase, sent.start, sent.end)
    while pos >= 0:
        end = pos + len(phrase)
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return pos + lead, end
        pos = text.find(phrase, pos + 1, sent.end)
    # the words are separated by other white space (a double space, a line break)
    pattern = r"\s+".join(re.escape(w) for w in surfaces)
    m = re.compile(pattern).search(text, sent.start, sent.end)
    if m is None:  # cannot happen for words taken from this sentence
        return sent.start, sent.start
    return m.start() + lead, m.end()
