"""Quotes: the ``quotes`` pipeline component (who said what).

Arabic news reports most speech without quote marks: a speech verb, its subject, then
إن / أن and the reported clause ("وأكد وزير الخارجية أن ..."), often with the subject
left out when the same person goes on ("وأضاف أن ...").  Quote extractors built for
English look for quote marks only, so this analyser works from the speech cues:

- **reported** speech: a speech verb (:data:`SPEECH_VERBS`, with و / ف), the speaker
  region, then a complementizer (أن، إن، بأن، أنه …) or, for verbs that take one, a
  preposition that introduces the content (شدد على، دعا إلى، حذر من، أعرب عن، طالب بـ);
  the quote runs to the end of the sentence or to the next cue with its own content
  ("…، مضيفا أن …");
- **direct** speech: « », “ ” or " " after (or before: «…»، قال فلان) a speech verb,
  and unmarked speech after a colon that follows a speech verb ("وقال: …");
- the **speaker**: a person's name in the speaker region (given-name list, or a word
  run after a title), else the role / organisation phrase ("الرئاسة الروسية"); the verb
  may also follow its subject ("الوزارة أعلنت أن"); "نقل عن فلان قوله" gives فلان; an
  empty region, a pronoun phrase (من جانبه، بدوره) or a bare title (الوزير) continues the
  previous speaker.  When the ``entities`` layer is present, the speaker is linked to the
  entity it overlaps (``speaker_entity`` = its key), and a PERS mention right after a role
  phrase names the person; entities never override the structure (adjuncts hold names too:
  "في حديث مع «الشرق الأوسط»").

The analyser reads normalised text (:func:`normalize_with_offsets`) and maps every span
back to ``article.text``.  It finds cues without tokenising the article and tokenises only
short windows around them (see docs/benchmarks.md, "Quotes", for the time per article and
the evaluation on hand-annotated SaudiNewsNet articles).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from marsad.document import Article, Entity, Quote
from marsad.pipeline import component
from marsad.text import Normalized, normalize, split_clitics, token_spans
from marsad.text import TokenSpan as Token
from marsad.text.views import text_view
from marsad.text.wordlists import (
    LOC_TRIGGERS,
    ORG_TRIGGERS,
    PERSON_GIVEN_NAMES,
    PERSON_TITLES,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    STOPWORDS,
)


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Complementizers that open reported content: أن / إن "that", بأن "that", with a pronoun
# (أنه "that he", أنها "that she/it", أنهم "that they" …).  Bare ones are left out of the span.
_BARE_COMPLEMENTIZERS = _norm_set("أن إن بأن")
_PRONOUN_COMPLEMENTIZERS = _norm_set(
    "أنه أنها أنهم أنهما أنهن أننا أنني أني إنه إنها إنهم إنهما إنهن إننا إنني إني بأنه بأنها بأنهم بأنهما بأننا"
)
COMPLEMENTIZERS = _BARE_COMPLEMENTIZERS | _PRONOUN_COMPLEMENTIZERS
# أن after these is not a speech complement: بعد أن "after", قبل أن "before", منذ أن "since",
# دون أن "without", يجب أن "must", يمكن أن "can", حتى "until", لا بد "it is necessary".
_NOT_SPEECH_BEFORE_AN = _norm_set("بعد قبل منذ دون بدون يجب ينبغي يمكن يمكنه حتى بد لابد إلا كما")

# Verbs whose content may be a prepositional phrase instead of an أن clause:
# شدد على "stressed", أكد على "confirmed", دعا إلى "called for", أشار إلى "pointed to",
# لفت إلى "drew attention to", نوه إلى "noted", حذر من "warned of", أعرب عن "expressed",
# طالب بـ "demanded".
_PREP_VERBS: dict[str, str] = {}
for _prep, _forms in (
    ("على", "شدد شددت يشدد تشدد شددوا مشددا مشددة أكد أكدت يؤكد تؤكد أكدوا مؤكدا مؤكدة أصر أصرت يصر مصرا مصرة"),
    ("إلى", "دعا دعت يدعو تدعو دعوا داعيا داعية أشار أشارت يشير تشير أشاروا مشيرا مشيرة لفت لفتت يلفت لافتا"
     " لافتة نوه نوهت ينوه منوها منوهة نبه نبهت ينبه منبها منبهة"),
    ("من", "حذر حذرت يحذر تحذر حذروا محذرا محذرة"),
    ("عن", "أعرب أعربت يعرب تعرب أعربوا معربا معربة عبر عبرت يعبر تعبر معبرا معبرة"),
    ("ب", "طالب طالبت يطالب تطالب طالبوا مطالبا مطالبة"),
):
    for _form in _forms.split():
        _PREP_VERBS[normalize(_form)] = normalize(_prep)
# المشرف العام على "general supervisor of": a title, not the start of content.
_TITLE_BEFORE_PREP = _norm_set("العام المشرف مشرف القائم")
# على هامش "on the sidelines of", على صعيد "at the level of": adjuncts, not content.
_NOT_CONTENT_AFTER_PREP = _norm_set("هامش صعيد رأس مستوى حساب لسان")

# Cues that are also frequent non-speech words (بين "between", ذكر "male", كتب "books",
# طالب "student", نقل "transport", تابع "affiliated"): they count only when an أن clause,
# a colon or quote marks follows closely.
_WEAK_CUES = _norm_set("بين ذكر ذكرت كتب كتبت طالب نقل نقلت تابع تابعت رأى رأت يرى ترى توقع أبدى رد ردت يرد وصف وصفت يصف")
# Weak cues whose content must follow at once: بين أن "showed that" (بين is mostly "between"),
# عبر عن "expressed" (عبر is mostly "via").
_IMMEDIATE_CUES = _norm_set("بين عبر")
# Impersonal formulas, not speech: يذكر أن "it is worth noting", يتوقع أن "it is expected".
_IMPERSONAL = _norm_set("يذكر ويذكر يتوقع ويتوقع")
# Nominal cues: بالقول "(ended) by saying", قائلا is a participle already.
_NOMINAL_CUES = _norm_set("بالقول")
# "نقل عن فلان قوله" ("quoted X as saying"): قوله ends the speaker region.
_QAWL = _norm_set("قوله قولها قولهم قولهما")
_PASSIVE_CUES = _norm_set("قيل يقال")

CUE_FORMS = SPEECH_VERBS | SPEECH_PARTICIPLES | _NOMINAL_CUES
# Prefixed forms that are other words: ورد "came / was mentioned", فرد "individual".
_NOT_CUES = _norm_set("ورد وردت فرد")
_ALL_CUE_FORMS = (CUE_FORMS | {c + w for w in CUE_FORMS for c in "وف"}) - _NOT_CUES

# Words that open an adjunct inside the speaker region and end the speaker phrase:
# في "in", خلال "during", عبر "via", أمام "before", لدى "at", عقب/بعد "after", أثناء "while",
# اليوم "today", أمس "yesterday", حيث "where", ضمن "within", عند "at", وفق "according to".
_ADJUNCTS = _norm_set("في خلال عبر أمام لدى عقب بعد قبل أثناء اليوم أمس حيث ضمن عند وفق على إلى من عن مع لـ ل")
# Phrases that stand for the previous speaker: من جانبه "for his part", بدوره "in turn",
# هو "he", كذلك/أيضا "also".
_PRONOUN_SUBJECTS = _norm_set(
    "جانبه جانبها جهته جهتها بدوره بدورها هو هي وهو وهي فهو فهي أيضا كذلك لكنه لكنها ولكنه ولكنها إنه إنها وإنه هم وهم"
    " سموه معاليه سماحته فضيلته بالقول له لها لهم لك لنا لي فيه فيها خلاله خلالها"
)
# Quantifiers that can open a subject: عدة "several", بعض "some", أحد "one of", جميع "all".
_QUANTIFIERS = _norm_set("عدة بعض أحد إحدى جميع كل عدد")
# Verbs of addressing whose first phrase is the addressee: دعا "called on", طالب "urged", ناشد "appealed to".
_ADDRESS_VERBS = _norm_set("دعا دعت يدعو تدعو دعوا داعيا داعية طالب طالبت يطالب تطالب مطالبا مطالبة ناشد ناشدت يناشد")
# Royal titles inside institution names ("مركز الملك سلمان").
_ROYAL = _norm_set("الملك الأمير")
# Negations before a cue: لم يشر إلى "did not mention" reports no statement.
_NEGATIONS = _norm_set("لا لم لن ما ولا ولم ولن")
# Pronoun adjuncts that make the cue a relative clause on the last noun: أعرب فيه "in which he expressed".
_RELATIVE_ADJUNCTS = _norm_set("فيه فيها خلاله خلالها")
# Auxiliaries around a subject placed before its verb: وكان الجنيد قد غرد "al-Junaid had tweeted".
_AUXILIARIES = _norm_set("كان كانت وكان وكانت قد وقد لقد لكن ولكن")
# Nouns heading a speaker phrase that is not a name: مصدر "source", مسؤول "official",
# متحدث "spokesman", شهود "witnesses", سكان "residents", خبراء "experts" ...
_SPEAKER_NOUNS = _norm_set(
    """
    مصدر مصادر مسؤول مسؤولون مسؤولين متحدث ناطق شهود شاهد سكان خبراء خبير مراقبون محللون ناشطون ناشط
    عضو أعضاء وكيل مساعد محافظ أمير رئيس مدير نائب عام شؤون إدارة مكتب فريق بيان تقرير رسالة
    """
)
# Time words that open an adjunct, not a speaker: العام "this year", الماضي "last", صباح "morning" …
_TIME_WORDS = _norm_set("العام الماضي الشهر الأسبوع السنة صباح مساء ظهر ليلة يوم اليوم أمس غدا الآن حاليا مؤخرا سابقا لاحقا")
_NAME_LINKS = _norm_set("بن ابن بنت آل أبو أبا أبي عبد ولد")
_NOT_NAME = STOPWORDS | PERSON_TITLES | ORG_TRIGGERS | LOC_TRIGGERS | _SPEAKER_NOUNS | _ADJUNCTS | _PRONOUN_SUBJECTS
_DEFINITE = ("ال", "بال", "لل", "وال", "فال", "كال")

_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"'}
# What ends a cue's scan (a complementizer, colon, quote mark or sentence end): the token
# window after a cue stops just after the first of these.
# Both branches begin with a character class (the mark, or the character before the
# complementizer, instead of a look-behind), so the regex engine skips ahead to those
# characters rather than trying every complementizer at every position of every window.
# The mark branch comes first, so "«أن" still stops at «; the match ends where the
# look-behind form's did (same window ends for every cue of SaudiNewsNet).
_STOP_RE = re.compile(
    r"[:«“\".!?؟؛\n]"
    r"|[\s«“\"(](?:" + "|".join(sorted(COMPLEMENTIZERS, key=len, reverse=True)) + r")(?![^\s،,.:؛!?؟»”\")])"
)
# The words a cue's scan acts on (besides its preposition): complementizers, marks, قوله,
# other cues; any other word only moves the scan on.
_SCAN_WORDS = COMPLEMENTIZERS | set(_OPEN_QUOTES) | _QAWL | _ALL_CUE_FORMS | {":", ".", "؟", "?", "!", "؛", "،", ","}
_QUOTE_PAIR_RE = re.compile(r"«([^«»]{1,3000})»|“([^“”]{1,3000})”|\"([^\"\n]{1,3000})\"")
_INNER_PUNCT = tuple(".،,:؛;!?؟«»“”\"()[]{}'-–—…")
_CUE_BOUNDARY = frozenset(_INNER_PUNCT)
_CLAUSE_END_TRIM = " \t\n،,.؛;:!?؟-–—…"
MAX_REGION = 30  # speaker region length in tokens: longer and the cue is almost never speech
# Characters tokenised after / before each cue (speed: building tokens was most of the
# time).  After: at most this far for the speaker region and the complementizer (usually
# much less, see _Doc._window_end); before: a closing quote mark («…»، قال).  Looking
# further back (a subject before its verb, the name a pronoun refers to) tokenises the
# sentence head or the text just before the cue on demand.  Gold results are the same from
# 120/20 to 320/120; 200/30 keeps a margin — rerun `marsad eval quotes` after changing them.
TOKEN_WINDOW = 200
TOKEN_WINDOW_BEFORE = 30
LOOK_BACK = 40  # tokens searched for a sentence's subject or the last name before a cue
HEAD_CHARS = 300  # a sentence's start, where its subject is (about LOOK_BACK tokens)
TAIL_CHARS = 250  # text before a cue searched for a subject placed before it
MAX_NAME = 5  # tokens in a name run
MAX_PHRASE = 6  # tokens in a role / organisation speaker phrase
MIN_MIDREGION_QUOTE_WORDS = 4  # shorter «…» inside the speaker region is a title or a medium name


@dataclass
class _Speaker:
    start: int  # offsets into the normalised text
    end: int
    entity: str | None = None


@dataclass
class _Hit:
    cue: Token
    start: int  # content span, normalised offsets
    end: int
    kind: str
    speaker: _Speaker | None
    continues: bool  # the speaker came from an earlier quote


class _Doc:
    """The normalised text with lazily tokenised sentences."""

    def __init__(self, article: Article) -> None:
        self.article = article
        # shared with the other analysers of this text (times), so it is normalised once
        self.view = text_view(article.text)
        self.nz: Normalized = self.view.normalized
        self.text = self.nz.text
        self._tokens: dict[int, list[Token]] = {}
        self.entities = self._entity_spans(article.entities)
        self.cues = _cue_positions(self.text, self.view.normalized_word_set)
        self._partial: set[int] = set()

    @cached_property
    def sentences(self) -> list:
        return self.view.normalized_sentences

    @cached_property
    def starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def cue_list(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for pos in self.cues:
            out.setdefault(self.sentence_index(pos), []).append(pos)
        return out

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def tokens(self, si: int) -> list[Token]:
        """The tokens of sentence ``si`` that the analyser looks at: around its cues.

        News sentences run long (commas, few full stops) and the reported content between
        two cues is never looked at token by token, so only windows around the cues are
        tokenised (building tokens is most of this analyser's time).
        """
        toks = self._tokens.get(si)
        if toks is None:
            s = self.sentences[si]
            cues = self.cue_list.get(si)
            if not cues:
                toks = token_spans(self.text, s.start, s.end)
            else:
                toks = []
                windows: list[list[int]] = []
                for pos in cues:
                    lo, hi = max(s.start, pos - TOKEN_WINDOW_BEFORE), min(s.end, self._window_end(pos))
                    if windows and lo <= windows[-1][1]:
                        windows[-1][1] = hi
                    else:
                        windows.append([lo, hi])
                for lo, hi in windows:
                    if lo > s.start:  # start and end on whitespace: never inside a word
                        cut = self.text.rfind(" ", s.start, lo)
                        lo = cut + 1 if cut >= 0 else s.start
                    if hi < s.end:
                        cut = self.text.find(" ", hi, s.end)
                        hi = cut if cut >= 0 else s.end
                    if toks and lo < toks[-1].end:
                        lo = toks[-1].end
                    toks.extend(token_spans(self.text, lo, hi))
                if not (windows[0][0] == s.start and len(windows) == 1 and windows[0][1] == s.end):
                    self._partial.add(si)
            self._tokens[si] = toks
        return toks

    def _window_end(self, pos: int) -> int:
        """Where the tokens needed for the cue at ``pos`` end.

        Up to TOKEN_WINDOW characters, but most cues meet their complementizer, colon or
        quote mark within a few words: a C-speed search finds it and the window stops a
        little after it (the content's first word is needed).  Verbs whose content may be a
        preposition phrase (شدد على) keep the whole window; بين / عبر need only a word.
        """
        end = self.text.find(" ", pos)
        word = self.text[pos:end] if end > 0 else self.text[pos:]
        base = _base(word)
        if base in _IMMEDIATE_CUES:
            return pos + 60
        if base in _PREP_VERBS:
            return pos + TOKEN_WINDOW
        m = _STOP_RE.search(self.text, pos + len(word), pos + TOKEN_WINDOW)
        return m.end() + 40 if m else pos + TOKEN_WINDOW

    def _entity_spans(self, entities: list[Entity]) -> list[tuple[int, int, Entity]]:
        if not entities:
            return []
        # entity offsets index the original text; move them to normalised offsets
        offsets = self.nz.offsets
        spans = []
        for e in entities:
            s = bisect.bisect_left(offsets, e.start)
            t = bisect.bisect_left(offsets, e.end)
            spans.append((s, min(t, len(self.text)), e))
        return spans

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self.nz.to_original(start, end)


def _cue_positions(text: str, words: frozenset[str] | None = None) -> list[int]:
    """Start offsets of words that are speech cues.

    A set intersection finds which cue forms occur at all, and str.find locates just
    those: all in C, where tokenising the article would cost more than the rest of the
    analyser.  ``words`` is the text's word set split at more separators than
    :data:`_INNER_PUNCT` (the shared ``normalized_word_set``): cue forms are letters only,
    so it holds every cue form the narrower split would, and the boundary test below
    keeps only the cues between whitespace and _INNER_PUNCT, as before.
    """
    if words is None:
        spaced = text
        for ch in _INNER_PUNCT:
            if ch in spaced:
                spaced = spaced.replace(ch, " ")
        words = spaced.split()
    hits = []
    n = len(text)
    for form in _ALL_CUE_FORMS.intersection(words):
        pos = text.find(form)
        while pos >= 0:
            end = pos + len(form)
            if (pos == 0 or text[pos - 1] in _CUE_BOUNDARY or text[pos - 1].isspace()) and (
                end == n or text[end] in _CUE_BOUNDARY or text[end].isspace()
            ):
                hits.append(pos)
            pos = text.find(form, end)
    hits.sort()
    return hits


def _has_words(text: str, start: int, end: int, n: int) -> bool:
    """Whether ``text[start:end]`` holds at least ``n`` whitespace-separated words (stops
    splitting at the n-th: quoted passages run to thousands of characters)."""
    return len(text[start:end].split(None, n - 1)) >= n


def _index_at(toks: list[Token], pos: int) -> int | None:
    """Index of the token starting at ``pos`` (tokens are in text order: binary search)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(toks) and toks[lo].start == pos else None


def _base(word: str) -> str:
    if word not in CUE_FORMS and word[:1] in "وف" and word[1:] in CUE_FORMS:
        return word[1:]
    return word


def _is_definite(word: str) -> bool:
    return word.startswith(_DEFINITE)


def _is_word(tok: Token) -> bool:
    return tok.kind in ("arabic", "latin")


_NAME_WORD_CACHE: dict[str, int] = {}
_NAME_WORD_CACHE_SIZE = 50_000


def _name_word(w: str) -> int:
    """What the word alone says about starting a name: 2 a given name, 0 never, 1 by context.

    Memoised (speed: the speaker search asks about the same words many times).
    """
    c = _NAME_WORD_CACHE.get(w)
    if c is None:
        if (w in PERSON_GIVEN_NAMES and w != "علي") or w in ("عبد", "ابو") or (w.startswith("عبد") and len(w) > 4):
            c = 2
        elif (
            w in _NOT_NAME
            or w in _ALL_CUE_FORMS
            or w in COMPLEMENTIZERS
            or _is_definite(w)
            or len(w) < 3
            or w in _TIME_WORDS
            # without a lexicon, an undefined word is a name only by its context (below)
            or w[0] in "لب"
            or w.endswith("ه")
        ):
            c = 0
        else:
            c = 1
        if len(_NAME_WORD_CACHE) < _NAME_WORD_CACHE_SIZE:
            _NAME_WORD_CACHE[w] = c
    return c


def _name_start(region: list[Token], i: int) -> bool:
    """Whether region[i] can begin a person's name."""
    tok = region[i]
    if tok.kind != "arabic" and tok.kind != "latin":
        return False
    w = tok.text
    if w == "ال" and i + 1 < len(region) and _is_word(region[i + 1]):
        return True  # آل "family of" (آل ناجم)
    c = _name_word(w)
    if c == 0 or _spokesman_for(region, i) or _in_institution(region, i):
        return False
    # An undefined word right after a title or a definite word, or at the start of the
    # region, is a name (the construct chain of a role ends on a definite word).
    return c == 2 or i == 0 or _is_definite(region[i - 1].text)


def _is_given_name(doc: _Doc, region: list[Token], i: int) -> bool:
    w = region[i].text
    if w not in PERSON_GIVEN_NAMES:
        return False
    if w == "علي" and doc.article.text[doc.original(region[i].start, region[i].end)[1] - 1] == "ى":
        return False  # على "on" folds onto the name علي
    if _in_institution(region, i):
        return False
    return not _spokesman_for(region, i)


def _in_institution(region: list[Token], i: int) -> bool:
    """"مركز الملك سلمان", "جامعة الملك سعود": a royal name inside an institution's name."""
    return i >= 2 and region[i - 1].text in _ROYAL and _is_word(region[i - 2]) and not _is_definite(region[i - 2].text)


def _spokesman_for(region: list[Token], i: int) -> bool:
    """المتحدث باسم "spokesman for": باسم here is not the name Basem."""
    return region[i].text == "باسم" and i > 0 and region[i - 1].text.removeprefix("ال").startswith(("متحدث", "ناطق"))


def _strong_name_start(doc: _Doc, region: list[Token], i: int) -> bool:
    if _is_given_name(doc, region, i):
        return True
    if not _name_start(region, i):
        return False
    return i == 0 or (region[i - 1].text in PERSON_TITLES and _is_definite(region[i - 1].text))


def _name_end(region: list[Token], i: int) -> int:
    j = i + 1
    while j < len(region) and j - i < MAX_NAME:
        tok = region[j]
        w = tok.text
        if not _is_word(tok) and w != "-":
            break
        if w == "-":
            # a hyphenated surname continues, a dash before a place ("فلان - الرياض") does not
            break
        if w in _NAME_LINKS or w in PERSON_GIVEN_NAMES:
            j += 1
            continue
        if w in _NOT_NAME or w in _ALL_CUE_FORMS or w in COMPLEMENTIZERS or w.startswith(("لل", "بال", "كال")):
            break
        if _is_definite(region[j - 1].text) and region[j - 1].text != "ال":
            break  # a family name with al- ends the name ("فهد العتيبي وفدا": not "وفدا")
        if w[0] == "و" and "و" in split_clitics(w).prefixes:
            break  # "and …" starts the next phrase
        j += 1
    return j


def _find_speaker(
    doc: _Doc, region: list[Token], subject: bool = False, addressee: bool = False
) -> tuple[_Speaker | None, bool]:
    """The speaker named in ``region`` and whether the region refers back to an earlier one.

    Returns (speaker, continues): continues is True when the region is empty or only
    holds a pronoun phrase, adjuncts or a bare title, i.e. the previous speaker goes on.
    With ``subject``, ``region`` is a whole clause after its verb: only its start is the
    subject, so a name further on (an object) is not taken.  With ``addressee`` (دعا، طالب،
    ناشد) a leading quantifier phrase is the object, not the speaker.
    """
    # د. "Dr.": the dot is no sentence end and no phrase end here
    region = [t for i, t in enumerate(region) if not (t.text == "." and i and region[i - 1].text in ("د", "م"))]
    words = [t for t in region if _is_word(t)]
    if not words:
        return None, True
    limit = len(region)  # the first comma / bracket: an apposition or an aside follows
    for i, tok in enumerate(region):
        if tok.text in ("،", ",", "(", "["):
            limit = i
            break
    given = range(min(len(region), 8)) if subject else range(len(region))
    passes = (
        # an unknown word right after the verb ("وأضاف دفتردار"); a word after a title
        # ("اللواء جمعان"); a given name anywhere ("المحلل …، صالح اليافعي،"); any name-like run
        [(range(1), _name_start), (range(limit), _after_title), (given, None)]
        if subject
        else [(given, None), (range(limit), _after_title), (range(1), _name_start), (range(limit), _name_start)]
    )
    for positions, test in passes:
        for i in positions:
            if _is_given_name(doc, region, i) if test is None else test(region, i):
                j = _name_end(region, i)
                return _Speaker(region[i].start, region[j - 1].end), False
    # else a role / organisation phrase from the start of the region
    if region[0].text in _OPEN_QUOTES:
        # a quoted name as the subject: وذكرت «وكالة الأنباء» أن
        close = next((i for i in range(1, min(len(region), 8)) if region[i].text in "»”\""), None)
        if close is not None and close > 1:
            return _Speaker(region[1].start, region[close - 1].end), False
    first = region[0].text
    if (
        first in _PRONOUN_SUBJECTS
        or first in _ADJUNCTS
        or first in _TIME_WORDS
        or first in ("من", "و")
        or (first in STOPWORDS and (addressee or first not in _QUANTIFIERS))
    ):
        # "ودعا جميع المستفيدين إلى": an object, the subject is left out; but
        # "وقال عدة دبلوماسيين" has a subject
        return None, True
    if first.startswith(("لل", "بال", "كال")):
        return None, False
    j = n = 0
    while j < len(region) and n < MAX_PHRASE:
        tok = region[j]
        if tok.text in "«“\"" and n:
            # a quoted name inside the phrase (منظمة «هيومان رايتس ووتش»): up to its closing mark
            k = j + 1
            while k < len(region) and region[k].text not in "»”\"":
                k += 1
            if k < len(region) and k - j <= 6:
                j = k + 1
            break
        if not _is_word(tok) or (
            j > 0 and (tok.text in _ADJUNCTS or tok.text in _ALL_CUE_FORMS or tok.text in STOPWORDS or tok.text in COMPLEMENTIZERS)
        ):
            break  # "الصباغ أن المديريات التي …": the phrase ends before أن / التي
        j += 1
        n += 1
    if j == 0:
        return None, True
    if j == 1 and region[0].text in PERSON_TITLES and _is_definite(region[0].text):
        # "وقال الوزير": the minister already named
        return None, True
    # a role phrase: the person the entities layer found right after it ("المتحدث باسم
    # الكرملين ديمتري بيسكوف" when the name is not in the given-name list), or the name
    # the role stood next to earlier in the text
    end = region[j - 1].end
    if doc.entities and j < len(region):
        nxt = region[j].start
        for s_, e_, ent in doc.entities:
            if ent.type == "PERS" and s_ == nxt:
                return _Speaker(s_, e_, ent.key or None), False
    return _role_holder(doc, region[0].start, end) or _Speaker(region[0].start, end), False


def _after_title(region: list[Token], i: int) -> bool:
    if i == 0 or region[i - 1].text not in PERSON_TITLES:
        return False
    return (_is_definite(region[i - 1].text) or region[i - 1].text in ("د", "م")) and _name_start(region, i)


def _role_holder(doc: _Doc, start: int, end: int) -> _Speaker | None:
    """"وقال وزير الخارجية": the name that followed the same role earlier in the text."""
    role = doc.text[start:end]
    if len(role) < 5:
        return None
    pos = doc.text.rfind(role, 0, start)
    while pos >= 0:
        toks = doc.tokens(doc.sentence_index(pos))
        after = [t for t in toks if t.start >= pos + len(role)]
        if after and (_is_given_name(doc, after, 0) or _name_start(after, 0)):
            j = _name_end(after, 0)
            return _Speaker(after[0].start, after[j - 1].end)
        pos = doc.text.rfind(role, 0, pos)
    return None


def _link_entity(doc: _Doc, sp: _Speaker) -> _Speaker:
    if sp.entity is None and doc.entities:
        for s, e, ent in doc.entities:
            if s < sp.end and sp.start < e and ent.type in ("PERS", "ORG"):
                sp.entity = ent.key or None
                break
    return sp


class _Finder:
    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.pairs: dict[int, tuple[int, int, int]] = {}  # opening mark -> (content start, end, closing mark)
        self.closers: dict[int, int] = {}  # closing mark -> opening mark
        for m in _QUOTE_PAIR_RE.finditer(doc.text):
            g = m.lastindex or 1
            self.pairs[m.start()] = (m.start(g), m.end(g), m.end() - 1)
            self.closers[m.end() - 1] = m.start()
        self.used_pairs: set[int] = set()
        self._scanned: dict[int, tuple | None] = {}
        self.hits: list[_Hit] = []
        self.last: _Speaker | None = None

    # -- cues ------------------------------------------------------------------------
    def run(self) -> list[_Hit]:
        doc = self.doc
        for pos in doc.cues:
            si = doc.sentence_index(pos)
            toks = doc.tokens(si)
            k = _index_at(toks, pos)
            if k is None:
                continue
            self._cue(si, toks, k)
        self._unattributed_quotes()
        self.hits.sort(key=lambda h: h.start)
        return self._dedupe(self.hits)

    def _cue(self, si: int, toks: list[Token], k: int) -> None:
        cue = toks[k]
        found = self._scan(si, toks, k)
        if found is None:
            self._postposed(toks, k)
            return
        kind, start, end, j, qawl, pair = found
        if pair is not None:
            self.used_pairs.add(pair)
        if end is None:
            end = self._content_end(si, toks, j + 1)
        end = self._trim_end(start, end)
        if end <= start:
            return
        base = _base(cue.text)
        prep = _PREP_VERBS.get(base)
        region = toks[k + 1 : j]
        if region and region[-1].text == prep:
            region = region[:-1]
        participle = base in SPEECH_PARTICIPLES or base in _NOMINAL_CUES
        speaker, continues = self._speaker_for(si, toks, k, region, participle, qawl, base)
        self._add(cue, start, end, kind, speaker, continues)

    def _scan(self, si: int, toks: list[Token], k: int):
        """The content the cue toks[k] introduces: (kind, start, end or None, index, qawl, pair) or None."""
        key = toks[k].start
        if key not in self._scanned:
            self._scanned[key] = self._scan_uncached(si, toks, k)
        return self._scanned[key]

    def _scan_uncached(self, si: int, toks: list[Token], k: int):
        doc = self.doc
        cue = toks[k]
        base = _base(cue.text)
        participle = base in SPEECH_PARTICIPLES or base in _NOMINAL_CUES
        weak = base in _WEAK_CUES and (base == cue.text or base in ("بين",))  # "وطالب" is a verb, "طالب" may be a student
        immediate = base == "بين" or (base in _IMMEDIATE_CUES and base == cue.text)
        max_region = (1 if base == "عبر" else 0) if immediate else 4 if participle else (10 if weak else MAX_REGION)
        if cue.text in _IMPERSONAL and (k == 0 or not _is_word(toks[k - 1])):
            return None
        if k > 0 and toks[k - 1].text in _NEGATIONS:
            return None
        prep = _PREP_VERBS.get(base)
        j = k + 1
        qawl = None
        found = None
        prep_active = prep is not None and not weak
        while j < len(toks) and j - k - 1 <= max_region:
            t = toks[j]
            w = t.text
            if w not in _SCAN_WORDS and not (prep_active and (w == prep or (prep == "ب" and w[:1] == "ب"))):
                j += 1  # none of the tests below applies to this word
                continue
            if (
                w in COMPLEMENTIZERS
                and toks[j - 1].text not in _NOT_SPEECH_BEFORE_AN
                and not (j + 1 < len(toks) and toks[j + 1].text == "شاء")  # إن شاء الله "God willing"
            ):
                if w in _PRONOUN_COMPLEMENTIZERS:
                    found = ("reported", t.start, None, j, qawl, None)
                elif j + 1 < len(toks):
                    found = ("reported", toks[j + 1].start, None, j, qawl, None)
                break
            if w == ":":
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if nxt is not None and nxt.start in self.pairs:
                    cs, ce, _ = self.pairs[nxt.start]
                    found = ("direct", cs, ce, j, qawl, nxt.start)
                elif nxt is not None:
                    found = ("direct", nxt.start, None, j, qawl, None)
                elif si + 1 < len(doc.sentences):
                    # "وقال:" closing a line: the speech is the next sentence
                    nxt_s = doc.sentences[si + 1]
                    if nxt_s.start in self.pairs:
                        cs, ce, _ = self.pairs[nxt_s.start]
                        found = ("direct", cs, ce, j, qawl, nxt_s.start)
                    else:
                        found = ("direct", nxt_s.start, nxt_s.end, j, qawl, None)
                break
            if t.start in self.pairs and w in _OPEN_QUOTES:
                cs, ce, close = self.pairs[t.start]
                after = _index_at(toks, close) if j == k + 1 else None
                clause_ends = after is not None and (after + 1 >= len(toks) or not _is_word(toks[after + 1]))
                if _has_words(doc.text, cs, ce, MIN_MIDREGION_QUOTE_WORDS) or clause_ends:
                    found = ("direct", cs, ce, j, qawl, t.start)
                    break
                # a short quoted name inside the region (لـ"الوطن"), or as the subject
                # ("وذكرت «وكالة الأنباء» أن"): step over it
                while j < len(toks) and toks[j].start < close:
                    j += 1
                j += 1
                continue
            if prep is not None and not weak and j + 1 < len(toks) and toks[j + 1].text not in COMPLEMENTIZERS:
                if (
                    w == prep
                    and toks[j + 1].text not in _NOT_CONTENT_AFTER_PREP
                    and _is_word(toks[j + 1])
                    and toks[j - 1].text not in _TITLE_BEFORE_PREP
                    and not self._object_before(toks, k, j)
                ):
                    found = ("reported", toks[j + 1].start, None, j, qawl, None)
                    break
                if (
                    prep == "ب"
                    and w.startswith("ب")
                    and len(w) > 3
                    and w != "بن"
                    and w not in COMPLEMENTIZERS
                    and (j == k + 1 or (toks[j - 1].text != "." and toks[j - 1].text not in PERSON_TITLES))  # د. بخاري
                ):
                    found = ("reported", t.start, None, j, qawl, None)  # طالب بضرورة "demanded the necessity"
                    break
            if w in _QAWL:
                qawl = j
            elif w in _ALL_CUE_FORMS:
                break  # another cue takes over
            if w == "." and toks[j - 1].text in ("د", "م", "ا"):
                j += 1  # د. "Dr." inside the speaker region
                continue
            if w in (".", "؟", "?", "!", "؛"):
                break
            if w in ("،", ",") and j + 1 < len(toks) and "و" in split_clitics(toks[j + 1].text).prefixes:
                break  # "، وطمأن …": a new clause, the cue's content is not further on
            j += 1
        if found is not None and weak and found[3] - k - 1 > 6 and found[0] == "reported":
            return None
        return found

    def _speaker_for(self, si, toks, k, region, participle, qawl, base):
        doc = self.doc
        if base in _PASSIVE_CUES:
            return None, False
        if participle:
            # "…، مضيفا أن": the subject of the sentence speaks on
            if self.hits and doc.sentence_index(self.hits[-1].cue.start) == si:
                return self.hits[-1].speaker, True
            sub = None
            toks, k = self._head(si, toks, k)
            v = 0  # the sentence's verb, after particles and auxiliaries ("وقد لعب الجنيد")
            while v < k and (toks[v].text in STOPWORDS or toks[v].text in _AUXILIARIES):
                v += 1
            if v + 1 < k and _is_word(toks[v]):
                sub, _ = _find_speaker(doc, toks[v + 1 : min(k, v + 1 + LOOK_BACK)], subject=True)
            return (_link_entity(doc, sub) if sub else self._first_name(toks, k) or self.last), True
        if qawl is not None:
            # "نقل(ت) X عن فلان قوله": the speaker is the one after عن
            rel = qawl - (k + 1)
            an = [i for i, t in enumerate(region[:rel]) if t.text == "عن"]
            if an:
                sp, _ = _find_speaker(doc, region[an[-1] + 1 : rel])
                if sp is not None:
                    return _link_entity(doc, sp), False
        sp, continues = _find_speaker(doc, region, addressee=base in _ADDRESS_VERBS)
        if sp is None and toks[k].text == _base(toks[k].text):
            # verb after its subject: "الوزارة أعلنت أن"
            tail, kt, cut = self._tail(si, toks, k)
            found, pronoun = self._subject_before(tail, kt, cut) if kt > 0 else (None, False)
            if found is not None:
                return _link_entity(doc, found), False
            continues = continues or pronoun
        if sp is None:
            if not continues:
                return None, False
            if region and region[0].text in _RELATIVE_ADJUNCTS and toks[k].text == base and k > 0:
                # "اتصالا من فلان أعرب فيه عن": the one just named speaks
                tail, kt, _ = self._tail(si, toks, k)
                near = self._nearest_name(tail, kt)
                if near is not None:
                    return near, False
            if self.last is None:
                toks, k = self._head(si, toks, k)
            return (self.last or self._recent_person(si, toks, k)), True
        return _link_entity(doc, sp), False

    def _subject_before(self, toks: list[Token], k: int, cut: bool = False) -> tuple[_Speaker | None, bool]:
        """The subject of a verb placed after it, and whether it is a pronoun phrase.

        The words before the verb must make up the whole clause ("حيث قال" or
        "… يمكنه تأكيد أو أشار" have no subject there).  An apposition between two commas,
        or after one ("فيتالي تشوركين، سفير روسيا في الأمم المتحدة قال"), is stepped over.
        """
        last = k
        for _ in range(2):
            i = last - 1
            while i >= 0 and _is_word(toks[i]) and last - i <= MAX_PHRASE + 2:
                i -= 1
            pre = toks[i + 1 : last]
            while pre and (pre[0].text in STOPWORDS or pre[0].text in _AUXILIARIES or pre[0].text == "الا") and (
                pre[0].text not in _PRONOUN_SUBJECTS
            ):
                pre = pre[1:]  # "كانت الحكومة قالت", "إلا أن فلان قال"
            while pre and pre[-1].text in _AUXILIARIES:
                pre = pre[:-1]  # "الجنيد قد غرد"
            if pre and pre[0].text in _PRONOUN_SUBJECTS:
                return None, True
            clean = ((i < 0 and not cut) or (i >= 0 and not _is_word(toks[i]))) and all(
                t.text not in STOPWORDS and t.text not in _ADJUNCTS for t in pre
            )
            if pre and clean:
                sp, _ = _find_speaker(self.doc, pre)
                if sp is not None:
                    return sp, False
            # an apposition: "X، role، قال" or "X، role قال"
            apposition = (i >= 0 and toks[i].text in ("،", ",")) and (
                last < k or (pre and (pre[0].text in PERSON_TITLES or pre[0].text in _SPEAKER_NOUNS))
            )
            if last == k and toks[k - 1].text in ("،", ","):
                c = next((c for c in range(k - 2, max(-1, k - 14), -1) if toks[c].text in ("،", ",")), None)
                if c is None:
                    return None, False
                last = c
            elif apposition:
                last = i
            else:
                return None, False
        return None, False

    def _head(self, si: int, toks: list[Token], k: int) -> tuple[list[Token], int]:
        """The sentence's first tokens up to the cue (its subject is there), and the cue's index."""
        s = self.doc.sentences[si]
        cue = toks[k]
        if toks and toks[0].start == s.start and si not in self.doc._partial:
            return toks, k
        end = min(cue.start, s.start + HEAD_CHARS)
        cut = self.doc.text.find(" ", end, cue.start)
        head = token_spans(self.doc.text, s.start, cut if cut >= 0 else cue.start)
        return head + [cue], len(head)

    def _tail(self, si: int, toks: list[Token], k: int) -> tuple[list[Token], int, bool]:
        """The tokens just before the cue (a subject placed before its verb, the last name
        mentioned), the cue's index, and whether they start mid-sentence."""
        s = self.doc.sentences[si]
        cue = toks[k]
        start = max(s.start, cue.start - TAIL_CHARS)
        if start > s.start:
            space = self.doc.text.find(" ", start, cue.start)
            start = space + 1 if space >= 0 else cue.start
        tail = token_spans(self.doc.text, start, cue.start)
        return tail + [cue], len(tail), start > s.start

    def _nearest_name(self, toks: list[Token], end: int) -> _Speaker | None:
        """The last name before ``toks[end]``, within LOOK_BACK tokens."""
        for i in range(end - 1, max(0, end - LOOK_BACK), -1):
            if _is_given_name(self.doc, toks, i) or _after_title(toks, i):
                if i > 0 and toks[i - 1].text in _NAME_LINKS:
                    continue  # inside a name: keep going back to its start
                j = _name_end(toks, i)
                return _link_entity(self.doc, _Speaker(toks[i].start, toks[j - 1].end))
        return None

    def _first_name(self, toks: list[Token], end: int | None = None) -> _Speaker | None:
        """The first name in ``toks[:end]``, among its first LOOK_BACK tokens (a sentence's subject)."""
        end = len(toks) if end is None else end
        for i in range(min(end, LOOK_BACK)):
            if i > 0 and _strong_name_start(self.doc, toks, i):
                j = _name_end(toks, i)
                return _link_entity(self.doc, _Speaker(toks[i].start, toks[j - 1].end))
        return None

    def _recent_person(self, si: int, toks: list[Token], k: int) -> _Speaker | None:
        """With no earlier quote, a pronoun subject refers to the person the text just named."""
        sp = self._first_name(toks, k)
        back = si - 1
        while sp is None and back >= 0 and si - back <= 3:
            s = self.doc.sentences[back]
            sp = self._first_name(token_spans(self.doc.text, s.start, min(s.end, s.start + HEAD_CHARS)))
            back -= 1
        return sp

    def _postposed(self, toks: list[Token], k: int) -> None:
        """«…»، قال فلان: a cue right after a closing quote mark."""
        i = k - 1
        while i >= 0 and toks[i].text in ("،", ",", "-", "–"):
            i -= 1
        if i < 0 or toks[i].start not in self.closers:
            return
        opening = self.closers[toks[i].start]
        if opening in self.used_pairs:
            return
        cs, ce, _ = self.pairs[opening]
        region = []
        for t in toks[k + 1 : k + 1 + MAX_REGION]:
            if t.text in (".", "؛", "؟", "!", ":"):
                break
            region.append(t)
        sp, continues = _find_speaker(self.doc, region)
        if sp is not None:
            sp = _link_entity(self.doc, sp)
        elif continues:
            sp = self.last
        self.used_pairs.add(opening)
        self._add(toks[k], cs, ce, "direct", sp, sp is not None and continues)

    def _unattributed_quotes(self) -> None:
        """Quote marks right after a colon with a speaker before it ("فلان: «…»")."""
        doc = self.doc
        for opening, (cs, ce, _) in self.pairs.items():
            if opening in self.used_pairs:
                continue
            p = opening - 1
            while p >= 0 and doc.text[p] == " ":
                p -= 1
            if p < 0 or doc.text[p] != ":" or not _has_words(doc.text, cs, ce, MIN_MIDREGION_QUOTE_WORDS):
                continue
            si = doc.sentence_index(p)
            toks = token_spans(doc.text, doc.sentences[si].start, p + 1)
            pre, colon = toks[:-1], toks[-1]
            if not pre or len(pre) > MAX_REGION or colon.start != p:
                continue
            sp, _ = _find_speaker(doc, pre)
            if sp is None:
                continue
            self.used_pairs.add(opening)
            self.hits.append(_Hit(colon, cs, ce, "direct", _link_entity(doc, sp), False))

    # -- spans ----------------------------------------------------------------------
    def _object_before(self, toks: list[Token], k: int, j: int) -> bool:
        """"وأكد فلان أهمية … على": a name, then an object before the preposition."""
        region = toks[k + 1 : j]
        sp, _ = _find_speaker(self.doc, region)
        if sp is None:
            return False
        after = [t for t in region if t.start >= sp.end]
        return bool(after) and _is_word(after[0]) and after[0].text not in _ADJUNCTS and after[0].text not in STOPWORDS

    def _content_end(self, si: int, toks: list[Token], j: int) -> int:
        """End of reported content: the sentence end, or the next cue with content of its own."""
        end = self.doc.sentences[si].end
        for k in range(j, len(toks)):
            t = toks[k]
            if t.text in _ALL_CUE_FORMS and self._scan(si, toks, k) is not None:
                for back in range(k - 1, max(j, k - 4) - 1, -1):
                    if toks[back].text in ("،", ","):  # "…، ولكنه أكد أن"
                        return toks[back].start
                return t.start
        return end

    def _trim_end(self, start: int, end: int) -> int:
        text = self.doc.text
        while end > start and text[end - 1] in _CLAUSE_END_TRIM:
            end -= 1
        # a dangling "و" ("and") before the next cue
        if end - start > 2 and text[end - 2 : end] in (" و", "،و"):
            end -= 2
            while end > start and text[end - 1] in _CLAUSE_END_TRIM:
                end -= 1
        return end

    def _add(self, cue: Token, start: int, end: int, kind: str, speaker: _Speaker | None, continues: bool) -> None:
        self.hits.append(_Hit(cue, start, end, kind, speaker, continues))
        if speaker is not None:
            self.last = speaker

    @staticmethod
    def _dedupe(hits: list[_Hit]) -> list[_Hit]:
        """Drop a quote nested in another (scare quotes inside reported speech)."""
        out: list[_Hit] = []
        for h in hits:
            if out and h.start < out[-1].end:
                prev = out[-1]
                if h.end <= prev.end:
                    continue
                if h.end - h.start > prev.end - prev.start:
                    out[-1] = h
                continue
            out.append(h)
        return out


def find_quotes(article: Article) -> list[Quote]:
    """The quotes of ``article`` (see the module docstring), in text order."""
    text = article.text
    if not text:
        return []
    doc = _Doc(article)
    if not doc.cues and not any(mark in doc.text for mark in _OPEN_QUOTES):
        return []  # most articles without speech stop here, before sentence splitting
    quotes = []
    for h in _Finder(doc).run():
        s, e = doc.original(h.start, h.end)
        cs, ce = doc.original(h.cue.start, h.cue.end)
        q = Quote(text=text[s:e], start=s, end=e, kind=h.kind, cue=text[cs:ce], cue_start=cs, cue_end=ce)
        if h.speaker is not None:
            ss, se = doc.original(h.speaker.start, h.speaker.end)
            q.speaker, q.speaker_start, q.speaker_end = text[ss:se], ss, se
            q.speaker_entity = h.speaker.entity
        quotes.append(q)
    return quotes


@component("quotes")
def quotes(article: Article) -> Article:
    article.quotes = find_quotes(article)
    return article
