"""Per-word facts shared by the keyphrase and summary stages, computed once per article.

Both stages need every word's normalised form, light stem, corpus IDF and whether it is
a content word; computing those per token is what made them slow, so each distinct
surface form is analysed once per process (:func:`word_info`, cached) and each article's
words once (:func:`analyse`, a one-entry cache: the summary stage runs right after the
keyphrase stage on the same text).  An article is kept as flat lists, one entry per word
or break, so that the stages count and look up with C-level calls (``map``, ``Counter``,
``list.index``) rather than a Python loop per word.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from struct import Struct
from typing import NamedTuple

from marsad.analyze.topics import UNSEEN_IDF, corpus_idf, word_numbers
from marsad.text import Sentence, is_arabic_word, letter_runs, split_clitics, split_sentences, words_with_breaks
from marsad.text.stem import normalize_word, plain_word_parts, stem_parts
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


def _word_info(surface: str) -> tuple:
    parts = plain_word_parts(surface)  # most words: one pass, no general checks, no split object
    if parts is not None:
        prefixes, stem_offset, norm, bare, stem = parts
    else:
        split = split_clitics(surface)
        prefixes, stem_offset = split.prefixes, split.stem_offset
        norm, bare, stem = stem_parts(split)
    idf = corpus_idf()
    if not prefixes:  # most words: nothing to cut, the form is its own bare word
        content = len(norm) >= 2 and norm not in SKIP
        lead = 0
    else:
        # "س" may be the future sa- or a stem letter (سامر): never trust it to reveal a stop word
        content = len(bare) >= 2 and norm not in SKIP and not (bare in SKIP and "س" not in prefixes)
        # a plain word's slices normalise to the slices of its normalised form
        lead = _display_lead(surface, prefixes, stem_offset, norm if parts is not None else None)
        # The clitic splitter cannot know that بريدة (Buraydah) or وثيقة (document) start with
        # a stem letter: cut only when what remains is a word the corpus has seen.
        if lead and idf(normalize_word(surface[lead:]) if parts is None else norm[lead:]) == UNSEEN_IDF:
            lead = 0
    weight = idf(norm)
    number = (_NUMBERS if _NUMBERS is not None else _load_numbers()).get
    if parts is not None:  # plain Arabic letters: one letter run, an Arabic word
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


@dataclass
class TextStats:
    """One article as flat lists: an entry per word or break (a number, a punctuation mark)
    and an empty entry after each sentence, so no word pair runs across a sentence end."""

    text: str
    sentences: list[Sentence]
    pieces: list[str]  # surface form of each entry ("" for a break or a sentence end)
    infos: list[tuple]  # facts of each entry, laid out as WordInfo (BREAK for "")
    bounds: list[int]  # sentence i holds entries bounds[i] .. bounds[i + 1] - 1 (its end)
    word_counts: list[int]  # words of each sentence
    n_words: int
    # The columns of infos the stages read (infos transposed once: each stage reading
    # its field from every fact again cost a cache miss per entry on a busy machine).
    keys: tuple[str | None, ...]  # WordInfo.key of each entry
    entries: tuple[tuple[str, float] | None, ...]  # WordInfo.entry
    topics: tuple[bytes, ...]  # WordInfo.topic
    foreign: tuple[bool, ...]  # WordInfo.foreign
    words: tuple[int, ...]  # WordInfo.word

    def sentence_of(self, entry: int) -> int:
        return bisect_right(self.bounds, entry) - 1


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
    return [info[KEY] for info in infos_of(words_with_breaks(text)) if info[KEY] is not None]


_LAST: TextStats | None = None
_LOCK = threading.Lock()


def analyse(text: str) -> TextStats:
    """Sentences, words and word facts of ``text``, cached for the last text seen (the
    keyphrase and summary stages run one after the other on one article)."""
    global _LAST
    last = _LAST
    if last is not None and last.text == text:
        return last
    sentences = split_sentences(text)
    pieces: list[str] = []
    bounds = [0]
    word_counts = []
    for sent in sentences:
        words = words_with_breaks(sent.text)
        word_counts.append(len(words) - words.count(""))
        pieces += words
        pieces.append("")
        bounds.append(len(pieces))
    infos = infos_of(pieces)
    # all columns in one C call (zip over the facts: a third less than one map per column)
    columns = tuple(zip(*infos)) or ((),) * len(BREAK)
    keys, entries, topics, foreign, words = (columns[i] for i in (KEY, ENTRY, TOPIC, FOREIGN, WORD))
    stats = TextStats(
        text, sentences, pieces, infos, bounds, word_counts, sum(word_counts), keys, entries, topics, foreign, words
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
    lead = stats.infos[i][LEAD]
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
