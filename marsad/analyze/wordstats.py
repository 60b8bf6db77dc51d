"""Per-word facts shared by the keyphrase and summary stages, computed once per article.

Both stages need every word's normalised form, light stem, corpus IDF and whether it is
a content word; computing those per token is what made them slow, so each distinct
surface form is analysed once per process (:func:`word_info`, cached) and each article's
token list once (:func:`analyse`, a one-entry cache: the summary stage runs right after
the keyphrase stage on the same text).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

from marsad.analyze.topics import UNSEEN_IDF, corpus_idf
from marsad.text import Sentence, split_clitics, split_sentences, words_with_breaks
from marsad.text.stem import normalize_word, stem_of_split
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
    norm: str  # normalised surface form
    stem: str  # light stem
    idf: float  # IDF of the surface form in SANAD (UNSEEN_IDF when never seen)
    content: bool  # not a stop / reporting / weak word, at least two letters without clitics
    lead: int  # characters of attached و/ف/ب/ل/ك before the form a keyword shows


_CACHE: dict[str, WordInfo] = {}
_CACHE_SIZE = 200_000


def word_info(surface: str) -> WordInfo:
    """The facts of one surface form, cached per process (a plain dict: the lookup runs for
    every word of every article, and functools.lru_cache costs several times more)."""
    info = _CACHE.get(surface)
    if info is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        info = _CACHE[surface] = _word_info(surface)
    return info


def _word_info(surface: str) -> WordInfo:
    norm = normalize_word(surface)
    split = split_clitics(surface)
    idf = corpus_idf()
    if not split.prefixes:  # most words: nothing to cut, the form is its own bare word
        return WordInfo(norm, stem_of_split(split), idf(norm), len(norm) >= 2 and norm not in SKIP, 0)
    bare = normalize_word(split.stem)
    # "س" may be the future sa- or a stem letter (سامر): never trust it to reveal a stop word
    content = len(bare) >= 2 and norm not in SKIP and not (bare in SKIP and "س" not in split.prefixes)
    lead = _display_lead(surface, split)
    # The clitic splitter cannot know that بريدة (Buraydah) or وثيقة (document) start with
    # a stem letter: cut only when what remains is a word the corpus has seen.
    if lead and idf(normalize_word(surface[lead:])) == UNSEEN_IDF:
        lead = 0
    return WordInfo(norm, stem_of_split(split), idf(norm), content, lead)


def _display_lead(word: str, split) -> int:
    """Where a keyword should start in ``word``: after و/ف/ب/ل/ك, keeping the article ال."""
    if not split.prefixes or split.prefixes == ("ال",):
        return 0
    if "س" in split.prefixes:  # sa- or a stem letter (سامر): keep it, see light_stem
        return 1 if split.prefixes[0] in ("و", "ف") else 0
    if split.has_article and normalize_word(word[split.stem_offset - 2 : split.stem_offset]) == "ال":
        return split.stem_offset - 2
    return split.stem_offset


class Run(NamedTuple):
    """Consecutive content words of one sentence (no mark, number or stop word between)."""

    sentence: int  # index into TextStats.sentences
    position: int  # index of the run's first word among all the text's words
    surfaces: list[str]
    infos: list[WordInfo]
    stems: tuple[str, ...]


@dataclass
class TextStats:
    text: str
    sentences: list[Sentence]
    sentence_words: list[list[WordInfo]]  # every word of each sentence, in order
    runs: list[Run]
    n_words: int


def _runs(pieces: list[str], sentence: int, position: int, words: list[WordInfo], runs: list[Run]) -> int:
    # The innermost loop of both stages (every word of every article): local names, the
    # cached facts looked up first, runs built with tuple.__new__ (same tuples, a third faster).
    get = _CACHE.get
    add_word = words.append
    add_run = runs.append
    new = tuple.__new__
    surfaces: list[str] | None = None
    infos: list[WordInfo] = []
    start = position
    for piece in pieces:
        if piece:
            info = get(piece) or word_info(piece)
            add_word(info)
            position += 1
            if info[3]:  # content
                if surfaces is None:
                    start = position - 1
                    surfaces = [piece]
                    infos = [info]
                else:
                    surfaces.append(piece)
                    infos.append(info)
                continue
        if surfaces is not None:
            add_run(new(Run, (sentence, start, surfaces, infos, tuple([i[1] for i in infos]))))
            surfaces = None
    if surfaces is not None:
        add_run(new(Run, (sentence, start, surfaces, infos, tuple([i[1] for i in infos]))))
    return position


def runs_of(text: str) -> list[Run]:
    """The content-word runs of a short text (a title, an entity), no sentence split."""
    runs: list[Run] = []
    _runs(words_with_breaks(text), 0, 0, [], runs)
    return runs


_LAST: TextStats | None = None
_LOCK = threading.Lock()


def analyse(text: str) -> TextStats:
    """Sentences, their words and the content-word runs of ``text``, cached for the last
    text seen (the keyphrase and summary stages run one after the other on one article)."""
    global _LAST
    last = _LAST
    if last is not None and last.text == text:
        return last
    sentences = split_sentences(text)
    sentence_words: list[list[WordInfo]] = []
    runs: list[Run] = []
    position = 0
    for i, sent in enumerate(sentences):
        words: list[WordInfo] = []
        position = _runs(words_with_breaks(sent.text), i, position, words, runs)
        sentence_words.append(words)
    stats = TextStats(text, sentences, sentence_words, runs, position)
    with _LOCK:
        _LAST = stats
    return stats


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or "\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640\u200c\u200d"


def locate(stats: TextStats, run: Run, i: int, j: int) -> tuple[int, int]:
    """Offsets in ``stats.text`` of words ``i..j-1`` of ``run`` (the keyword display form:
    attached و/ف/ب/ل/ك cut, as :attr:`WordInfo.lead` says)."""
    sent = stats.sentences[run.sentence]
    text = stats.text
    phrase = " ".join(run.surfaces[i:j])
    pos = text.find(phrase, sent.start, sent.end)
    while pos >= 0:
        end = pos + len(phrase)
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return pos + run.infos[i].lead, end
        pos = text.find(phrase, pos + 1, sent.end)
    # the words are separated by other white space (a double space, a line break)
    pattern = r"\s+".join(re.escape(w) for w in run.surfaces[i:j])
    m = re.compile(pattern).search(text, sent.start, sent.end)
    if m is None:  # cannot happen for words taken from this sentence
        return sent.start, sent.start
    return m.start() + run.infos[i].lead, m.end()
