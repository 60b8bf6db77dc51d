"""Group an article's entity mentions into entities and name each one.

News writes a name in full once, then shortens it: "قاسم جومارت توكاييف" becomes
"توكاييف", "منظمة معاهدة الأمن الجماعي" may come back as "المنظمة…".  Within one
article a mention whose words are a contiguous part of a longer mention of the same
type joins that entity, and a person's given and family name joins the three-word name
that has a father's name between them (علي صالح, علي عبدالله صالح).  Attached proclitics are cut from the span and the display
name (لمنظمة → منظمة, بآسيا → آسيا; للكرملين → الكرملين, restoring the article whose
alef the li- elided; وباكستان → باكستان, cutting only the conjunction when the full split
is no word).  Each entity's key is its normalised full name with its type, so
the same entity gets the same key in every article
(:func:`marsad.text.names.entity_key`: عبد العزيز and عبدالعزيز are one key).

Some mentions are left out, each a kind of false entity read in the 15-day SaudiNewsNet
archive (docs/benchmarks.md): a MISC mention that is only a currency unit or the name of God
in a formula (which the tagger's training scheme tags MISC), and a mention of any type that is
only a currency unit after an amount (17 مليون ريال); an entity whose whole name is a function
word, a preposition with a pronoun (لي "to me") or the head noun of a name (منظمة
"organisation"); a month's name in a date (أبريل (نيسان), 15 نيسان, نيسان عام 1969); a first
name that is a common word in a phrase that makes it one (في صالح "in the interest of").
A head noun followed by a name in quotes takes the quoted name in (منظمة «أطباء بلا حدود»),
which the tagger leaves out.  A person's name after the head noun of an institution or a place
and a ruler's title names the institution or the place (مستشفى الملك فهد, طريق الملك
عبدالعزيز): the tagger's PERS «فهد» becomes ORG «مستشفى الملك فهد», and no longer counts as a
mention of the king; the adjective of a holy place's name takes its head in (المسجد الحرام),
as does a canal's or a channel's name (قناة السويس);
a place the tagger split in two is one (خميس مشيط, دير الزور) unless a half is also named alone,
and so is one it cut to one word ([حفر] الباطن); a place keeps the title الشيخ of its name
([الشيخ] زويد, شرم [الشيخ]); a common noun that is also a place is the place only with its cue
(مدينة مشهد, not مشهد "a scene"); a word written with tanween is indefinite, so no name, and ends
a name run into it (محمد بن سلمان [وليًا للعهد]);
a name ends before a formula said after it (عبدالله [رحمه الله], محمد [صلى الله عليه وسلم]) and
begins after a cleric's title ([آية الله] علي خامنئي) but with the given name Ali, which the
tagger, reading normalised text, takes for the preposition على ([علي] عبدالله صالح); a state's head noun alone (سلطنة of
سلطنة عمان) is no name, nor is a role alone (مشرف "supervisor", المدعي "prosecutor"), a
nationality alone taken for a person (روسي), or a "person" that begins with "I" or "we" (أنا سعيد);
a person's name does not end on a link to the next name: it takes the name after it in
(عبدالله بن [مساعد]) or loses the link; it does not begin with a title or a nationality
([المهندس] القحطاني, [الفنزويلي] ريفاس), and a name the tagger typed a person in the minority of
its mentions in the article takes their other type (فيورنتينا);
and titles alone, names only God bears in a formula (العلي القدير) and a few common words
the tagger takes for people (جارية "under way") are no names;
a place, organisation or other name does not end on a person's title (المسجد الحرام [الشيخ]); an
organisation name under a head noun keeps the relational adjectives after it (منظمة الدول
التركية, وزارة الخارجية الأمريكية), which tell one country's ministry from another's.  The prefix ka- ("like") is cut before the article only, since
names begin with ك (كيري, كندا).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from marsad.document import Entity
from marsad.text import normalize, split_clitics, token_spans, tokenize
from marsad.text.names import entity_key, name_words, plain_name_words, without_the_middle_name
from marsad.text.normalize import normalize_word, strip_diacritics
from marsad.text.numbers import amount_word_value
from marsad.text.tokens import ARTICLE, CONJUNCTIONS, PREPOSITIONS, CliticSplit, TokenSpan, match_form
from marsad.text.views import WORD_SEPARATORS, text_view
from marsad.text.wordlists import (
    ALI_AS_WRITTEN,
    AYATOLLAH,
    BARE_TITLES,
    COMMON_WORDS_TAKEN_FOR_NAMES,
    CURRENCY_UNITS,
    CURRENCY_ZONE_HEADS,
    FIRST_AND_SECOND_PERSON,
    GOD_EPITHETS,
    GOD_FORMULA_WORDS,
    GOD_NAME_FORMS,
    GREGORIAN_MONTHS,
    HEADS_BEFORE_SHEIKH,
    HOLY_PLACE_HEADS,
    LEADING_NATIONALITIES,
    LEFT_OUT_HEADS,
    LOC_TRIGGERS,
    LOYAL_TO,
    MONTH_FOLLOWERS,
    NAMED_AFTER_A_RULER,
    NAMED_AFTER_A_SPONSOR,
    NAME_HOMOGRAPH_AFTER,
    NAME_ADJECTIVE_HEADS,
    NAME_FORMULA_STARTERS,
    NAME_HOMOGRAPH_BEFORE,
    NAME_LINKS,
    NOT_A_PLACE_BEFORE,
    NOT_NAME_ADJECTIVES,
    ORGANISING,
    ORGANISING_BODIES,
    ORG_TRIGGERS,
    OUTLET_BEFORE_QUOTES,
    OUTLET_BEFORE_TO,
    OUTLET_CUE_ADJECTIVES,
    PERSON_GIVEN_NAMES,
    PERSON_TITLES,
    PLACE_ADJECTIVE_HOMOGRAPHS,
    PLACE_NISBAS,
    PLACES_ONLY_WITH_A_CUE,
    PLACES_THE_TAGGER_CUTS,
    PLACES_THE_TAGGER_MISSES,
    PROPHET_AFTER_UPON_HIM,
    PROPHET_BEFORE,
    PROPHET_BLESSING,
    PROPHET_NAME,
    PROPHET_UPON_HIM,
    PREPOSITION_PRONOUNS,
    PROCLITIC_LETTER_NAMES,
    RELATIVE_DAYS,
    ROLE_WORDS,
    RULER_TITLES,
    SAINT_WORDS,
    SHEIKH,
    SPELLED_ABBREVIATIONS,
    STATE_BODY_HEADS,
    STATE_FORM_HEADS,
    STOPWORDS,
    TERRORIST,
    TITLES,
)

# The head nouns of organisation and place names in their construct form, without the article
# (منظمة "organisation of", مدينة "city of"): they come before the name they head, so alone
# they are not one (ORG «منظمة» in 115 articles of the 15-day archive, where the name after it
# was in quotes, which the tagger left out).
HEAD_NOUNS = frozenset(w for w in ORG_TRIGGERS | LOC_TRIGGERS | set(NAMED_AFTER_A_RULER) if not w.startswith("ال"))
# An entity whose whole name is one of these words is not one (a name that contains one, or
# a longer name the word joins, stays).
NOT_NAMES_ALONE = (
    STOPWORDS | PREPOSITION_PRONOUNS | HEAD_NOUNS | STATE_FORM_HEADS | ROLE_WORDS | COMMON_WORDS_TAKEN_FOR_NAMES
)
# Marks between an amount and its unit: «(174) مليون ريال», «"10,000" ريال».
_CLOSERS = frozenset(')]"”»')
# Marks between a month's two names and around them: «أبريل (نيسان)», «نيسان/أبريل», «أبريل - نيسان».
_DATE_SEPARATORS = frozenset("()[]/-–")
# A name in quotes right after a head noun, on the same line: «…», "…" or “…”; a name is
# at most QUOTED_NAME_WORDS words and does not begin with a function word (منظمة "إن الوضع
# خطير" is a statement).
_QUOTED_NAME = re.compile(r'[ \t]*(?:«([^«»\n]{1,80})»|"([^"\n]{1,80})"|“([^“”\n]{1,80})”)')
QUOTED_NAME_WORDS = 6


# A cut that leaves a proclitic letter on the word (after و of «وباكستان», ب stays) is a known
# word itself, often a name that begins with that letter: it is taken only when it is at least
# this many times higher in the news frequency ranking than the word as written (فلوريس, rank
# 36,817, is not ف + لوريس, rank 36,309; وباكستان, 9,406, is و + باكستان, 3,413), and only after
# the conjunction و, the one proclitic news puts before another (فلوريان, 59,215, is not ف +
# لوريان, the club Lorient, 19,445).  Read on the changes it made in 3,000 articles of the
# 15-day archive (docs/benchmarks.md).  2 until the nineteenth session kept the و on countries
# that news lists after «و» nearly as often as alone (وبلغاريا 38,789 / بلغاريا 23,819,
# وسيراليون 80,325 / 59,091); at 1.25, 96 mentions in 55 articles of the 15-day archive change:
# 92 such countries, 3 tagger errors before and after («وبايع عثمان» "and pledged to Uthman"),
# «وستون» joining «إيما ستون» (`benchmarks/diff_entities.py ARCHIVE --step 1`).
PARTIAL_CUT_MARGIN = 1.25


@dataclass
class _Mention:
    start: int
    end: int
    type: str
    display: str  # surface text with leading clitics removed
    words: tuple[str, ...]  # normalised words as written, for the rules and for matching
    key_words: tuple[str, ...]  # the same with compound names joined (names.name_words): one form per spelling


def clean_mention(text: str, start: int, end: int, rank: Mapping[str, int] | None = None) -> tuple[int, str]:
    """Trim proclitics off a mention: (new start, display name).

    ``rank`` (word → frequency rank in news, lower is more frequent) vetoes a split whose
    result is a rarer word than the unsplit one: باريس stays باريس, not ب + اريس.
    """
    # The answer depends on the mention's surface text alone, and news repeats its names:
    # an archive ingest trims the same few thousand surfaces over and over.
    cut, display = _clean_surface(text[start:end], _by_identity(rank))
    return start + cut, display


class _ByIdentity:
    """A rank mapping as a cache key: hashed by identity (a frequency table is not hashable)."""

    __slots__ = ("rank",)

    def __init__(self, rank: Mapping[str, int] | None) -> None:
        self.rank = rank


_RANK_KEYS: dict[int, _ByIdentity] = {}


def _by_identity(rank: Mapping[str, int] | None) -> _ByIdentity:
    key = _RANK_KEYS.get(id(rank))
    if key is None or key.rank is not rank:
        if len(_RANK_KEYS) > 8:  # a test building many lexicons: forget them (and their cached answers)
            _RANK_KEYS.clear()
            _clean_surface.cache_clear()
        key = _RANK_KEYS[id(rank)] = _ByIdentity(rank)  # holds the mapping, so its id is not reused
    return key


@lru_cache(maxsize=1 << 16)
def _clean_surface(surface: str, rank_key: _ByIdentity) -> tuple[int, str]:
    """:func:`clean_mention` of a whole mention ``surface``: (characters cut, display name)."""
    rank = rank_key.rank
    toks = tokenize(surface)
    if not toks or toks[0].kind != "arabic":
        return 0, surface
    first = toks[0]
    cs = split_clitics(first.text)
    if cs.prefixes and cs.prefixes[-1] == "ك" and not cs.has_article:
        # ka- ("like, as") comes before a noun with the article (كالسعودية); a name beginning
        # with ك without it is the name (كيري was cut to يري "he sees", a frequent word, so
        # the frequency check below let the cut pass: a "person" in 141 articles)
        kaf = first.text.rfind("ك", 0, cs.stem_offset)
        cs = CliticSplit(first.text, cs.prefixes[:-1], first.text[kaf:], kaf)
    prefixes = cs.prefixes
    non_article = _before_the_article(prefixes)
    article = len(non_article) < len(prefixes)
    if not non_article:
        return 0, surface
    whole = normalize(first.text)
    # The word as written, then cut after its first proclitic, its first two, ..., then after
    # all of them (the article stays): «وباكستان» "and Pakistan" is و + باكستان, although its
    # full split و + ب + اكستان is no word; the most frequent of these forms is the name.
    forms = [whole, *(whole[i:] for i in range(1, len(non_article)))]
    forms.append(ARTICLE + normalize(cs.stem) if article else normalize(cs.stem))
    cut_at = len(forms) - 1  # no frequencies: every proclitic
    listed = next((i for i, f in enumerate(forms) if f in PROCLITIC_LETTER_NAMES), None)
    if listed is not None:
        cut_at = listed
    elif rank is not None:
        known = [(rank[f], i) for i, f in enumerate(forms) if f in rank]
        if known:
            best, cut_at = min(known)
            if 0 < cut_at < len(forms) - 1 and (
                non_article[0] != "و" or (whole in rank and best * PARTIAL_CUT_MARGIN > rank[whole])
            ):
                cut_at = 0
        elif non_article[0] == "و":
            # no form is a known word: trust only the conjunction و (وقيرغيزيا), since
            # names do begin with ب ل ك ف (بلغراد, كابول, فيينا)
            cut_at = 1
        else:
            return 0, surface
    if cut_at == 0:
        return 0, surface
    if cut_at < len(forms) - 1:
        cut = first.start + _after_letters(first.text, cut_at)
        return cut, surface[cut:]
    if article and normalize_word(first.text[cs.stem_offset - 2 : cs.stem_offset]) != ARTICLE:
        # li- + article with elided alef (للمنظمة): the span keeps the word, the name gets "ال" back
        return 0, ARTICLE + cs.stem + surface[first.end :]
    cut = first.start + cs.stem_offset - (2 if article else 0)
    return cut, surface[cut:]


def _before_the_article(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """A word's proclitics without the article, which comes last and is written ال, or أل before
    a name that begins with hamza (وألمانيا: the splitter gives the prefixes as written, and
    CliticSplit.has_article, which the tagger's features read, knows ال only)."""
    return prefixes[:-1] if prefixes and normalize_word(prefixes[-1]) == ARTICLE else prefixes


def _after_letters(word: str, letters: int) -> int:
    """The index in ``word`` after its first ``letters`` letters and the marks on them (a
    proclitic may carry a vowel sign: وَباكستان)."""
    i = 0
    for _ in range(letters):
        i += 1
        while i < len(word) and not strip_diacritics(word[i]):
            i += 1
    return i


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n, m = len(longer), len(shorter)
    return m < n and any(tuple(longer[i : i + m]) == tuple(shorter) for i in range(n - m + 1))


def _a_currency_unit(words: tuple[str, ...]) -> bool:
    """A MISC mention's words are currency units (the training scheme's MISC for a currency)."""
    return all(w in CURRENCY_UNITS for w in words)


_FORMULA_WORDS = GOD_NAME_FORMS | GOD_FORMULA_WORDS


def _god_in_a_formula(words: Sequence[str]) -> bool:
    """A mention's words are the name of God (or a name only He bears, :data:`GOD_EPITHETS`) with
    the words of a formula (بتوفيق الله, العلي القدير)."""
    return any(w in GOD_NAME_FORMS or w in GOD_EPITHETS for w in words) and all(w in _FORMULA_WORDS for w in words)


def _token_before(text: str, pos: int, skip: frozenset[str] = frozenset()) -> TokenSpan | None:
    """The last token within 40 characters before ``pos`` on its line, past the marks in ``skip``."""
    toks = token_spans(text, max(text.rfind("\n", 0, pos) + 1, pos - 40), pos)
    while toks and toks[-1].text in skip:
        toks.pop()
    return toks[-1] if toks else None


def _token_after(text: str, pos: int, skip: frozenset[str] = frozenset()) -> TokenSpan | None:
    """The first token within 40 characters after ``pos`` on its line, past the marks in ``skip``."""
    line_end = text.find("\n", pos)
    for tok in token_spans(text, pos, min(len(text) if line_end < 0 else line_end, pos + 40)):
        if tok.text not in skip:
            return tok
    return None


def _after_an_amount(text: str, start: int) -> bool:
    """Whether the word before ``start`` (past closing marks) is a number or a word that states
    an amount (:func:`amount_word_value`; with or without و "and", ب "for" and the article:
    ومليون, بألف, المليون), not an ordinal: «في المركز الثاني الريال» is Real Madrid."""
    tok = _token_before(text, start, _CLOSERS)
    if tok is None:
        return False
    if tok.kind == "number":
        return True
    word = normalize_word(tok.text)
    bare = word.removeprefix("و").removeprefix("ب")
    return amount_word_value(word) is not None or (bare != word and amount_word_value(bare) is not None)


def _a_word_here(text: str, mention_start: int, start: int, end: int, word: str) -> bool:
    """Whether a one-word person mention of ``word`` (a name that is also a common word) is the
    common word here: after a word of NAME_HOMOGRAPH_AFTER (or its proclitic, cut from the
    mention at ``mention_start``) or before a word of NAME_HOMOGRAPH_BEFORE."""
    after = NAME_HOMOGRAPH_AFTER.get(word)
    if after:
        before = _token_before(text, mention_start)
        adjacent = before is not None and text[before.end : mention_start].isspace()
        prev = normalize_word(before.text) if adjacent else ""
        prev = prev[1:] if prev.startswith("و") and (prev[1:] in after or prev[1:] in LOYAL_TO) else prev
        prefix = normalize(text[mention_start:start])
        # «لصالح» "in favour of", but not «الموالية لصالح» "loyal to Saleh", nor «للحوثي
        # ولصالح» "to the Houthis and to Saleh" (a second li- phrase joined to a first)
        if prefix and prefix[-1] in after and prev not in LOYAL_TO:
            if not (prefix.startswith("و") and before is not None and normalize_word(before.text).startswith("ل")):
                return True
        if prev in after:
            return True
    following = NAME_HOMOGRAPH_BEFORE.get(word)
    if following:
        nxt = _token_after(text, end)
        if nxt is not None and text[end : nxt.start].isspace() and normalize_word(nxt.text) in following:
            return True
    return False


def _after_an_adjective_and(text: str, start: int, starts: Sequence[int], ordered: Sequence) -> bool:
    """Whether the word at ``start`` follows و joined to it and, one space before, a word ending
    in ي that is no mention (an adjective: «إداري [و]مالي»; «جيبوتي ومالي», two places, stays)."""
    if start == 0 or text[start - 1] != "و":
        return False
    before = _token_before(text, start - 1)
    if before is None or not text[before.end : start - 1].isspace() or not normalize_word(before.text).endswith("ي"):
        return False
    i = bisect_left(starts, before.start + 1) - 1  # the last mention starting at or before the word
    return not (i >= 0 and ordered[i].end > before.start)


def _quoted_name_end(text: str, end: int) -> int | None:
    """The end of a name in quotes right after ``end`` (see _QUOTED_NAME), or None."""
    m = _QUOTED_NAME.match(text, end)
    if m is None:
        return None
    words = plain_name_words(m.group(1) or m.group(2) or m.group(3))
    if not words or len(words) > QUOTED_NAME_WORDS or words[0] in STOPWORDS:
        return None
    return m.end()


_OPENING_QUOTES = frozenset('"«“')
_CLOSING_QUOTES = frozenset('"»”')
_QUOTES_AND_SPACE = '"«“»” \u00a0'


def _a_place_here(text: str, start: int, end: int, cues: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether the word at ``start:end`` has one of its place cues (:data:`PLACES_ONLY_WITH_A_CUE`)
    right before it (a head noun in construct form, proclitics cut: بمدينة) or after it."""
    heads, after_words = cues
    before = _token_before(text, start, _OPENING_QUOTES)
    if before is not None and not text[before.end : start].strip(_QUOTES_AND_SPACE) and _construct_head(before) in heads:
        return True  # مدينة مشهد, مدينة "مشهد"
    after = _token_after(text, end, _CLOSING_QUOTES)
    return after is not None and normalize_word(after.text) in after_words


def _in_a_date(text: str, start: int, end: int) -> bool:
    """Whether a month's name at ``start:end`` is in a date: after a number or another month's
    name, or before a year, another month's name or a word of MONTH_FOLLOWERS (brackets
    skipped: «أبريل (نيسان)», «نيسان (أبريل) 2014», «15 نيسان», «نيسان عام 1969»)."""
    before = _token_before(text, start, _DATE_SEPARATORS)
    if before is not None and (before.kind == "number" or normalize_word(before.text) in GREGORIAN_MONTHS):
        return True
    after = _token_after(text, end, _DATE_SEPARATORS)
    if after is None:
        return False
    word = normalize_word(after.text)
    is_year = after.kind == "number" and len(after.text) == 4
    return is_year or word in GREGORIAN_MONTHS or word in MONTH_FOLLOWERS


def _strip_article(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


@dataclass
class _Span:
    start: int
    end: int
    type: str


def _construct_head(token: TokenSpan) -> str | None:
    """The normalised stem of a head noun in construct form (its proclitics cut: بمستشفى →
    مستشفى); None when it has the article, which a construct head never has."""
    split = split_clitics(token.text)
    return None if _before_the_article(split.prefixes) != split.prefixes else normalize_word(split.stem)


def _relational_adjective(word: str) -> bool:
    """Whether a normalised word is a definite relational adjective that can be part of a
    name (التركية, الجماعي), not one of :data:`NOT_NAME_ADJECTIVES`."""
    return word.startswith("ال") and word.endswith(("ي", "يه")) and len(word) > 4 and word not in NOT_NAME_ADJECTIVES


def _raw_word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word right before ``pos`` on its line, "" when ``pos`` does not
    follow a space (a cheap test before the tokenizer's: most mentions fail it)."""
    if pos == 0 or text[pos - 1] != " ":
        return ""
    j = pos - 1
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return text[max(text.rfind(" ", 0, j), text.rfind("\n", 0, j)) + 1 : j]


def _named_after_a_ruler(text: str, m, before: str | None = None) -> _Span | None:
    """The name of an institution or a place named after a ruler that a person mention ends
    (مستشفى الملك [فهد], بمطار الملك [عبدالعزيز الدولي]): from its head noun
    (:data:`NAMED_AFTER_A_RULER`, in construct form: no article) through the mention, typed by
    the head; None when the mention is a person's.  ``before``: the normalised word before the
    mention (:func:`_raw_word_before`) when the caller has it."""
    if m.type != "PERS":
        return None
    if before is None:
        before = normalize_word(_raw_word_before(text, m.start))
    first_word = text[m.start : m.end].split(None, 1)
    if before not in RULER_TITLES and (not first_word or normalize_word(first_word[0]) not in RULER_TITLES):
        return None  # neither a title before the mention nor one in it
    title = _token_before(text, m.start)
    if title is None or not text[title.end : m.start].isspace() or normalize_word(title.text) not in RULER_TITLES:
        title = next(iter(token_spans(text, m.start, m.end)), None)  # the title inside the mention
        if title is None or normalize_word(title.text) not in RULER_TITLES:
            return None
    head = _token_before(text, title.start)
    if head is None or not text[head.end : title.start].isspace():
        return None
    kind = NAMED_AFTER_A_RULER.get(_construct_head(head) or "")
    return _Span(head.start, m.end, kind) if kind else None


def _named_after_its_sponsor(text: str, m, before: str) -> _Span | None:
    """A competition, company or foundation named after its sponsor, owner or brand that a
    person mention ends: «دوري [عبد اللطيف جميل]», «شركة [زين]», from the head
    (:data:`NAMED_AFTER_A_SPONSOR`, construct form, one space before the mention) through the
    mention, typed by the head; None otherwise.  ``before``: the normalised word before the
    mention."""
    if not before.endswith(_SPONSOR_HEAD_ENDS):
        return None  # a cheap test first: most names fail it
    head = _token_before(text, m.start)
    if head is None or text[head.end : m.start] != " ":
        return None
    kind = NAMED_AFTER_A_SPONSOR.get(_construct_head(head) or "")
    if not kind:
        return None
    if kind != "MISC" and not split_clitics(head.text).stem.endswith(("ة", "ات")):
        return None  # normalised, مؤسسه is also مؤسسُه "its founder" («ومؤسسه محمد …»)
    # the head is a given name after a title or a role: «د. [دوري] غولد» (Dore Gold), «الخارجية
    # الإسرائيلية [دوري] غولد»; not with a proclitic («الفريق لدوري …» "the team, to the league")
    title = None if split_clitics(head.text).prefixes else _token_before(text, head.start, frozenset("."))
    if title is not None and (
        (word := normalize_word(title.text)) in _ROLES or word in BARE_TITLES or _relational_adjective(word)
    ):
        return None
    return _Span(head.start, m.end, kind)


_SPONSOR_HEAD_ENDS = tuple(NAMED_AFTER_A_SPONSOR)


def _without_a_trailing_title(text: str, m) -> _Span | None:
    """A place, organisation or other name that the tagger ran on into the title of the person
    after it («المسجد الحرام [الشيخ] سعود الشريم»), without the title; None when it ends on a name."""
    if m.type == "PERS":
        return None
    words = text[m.start : m.end].rsplit(None, 1)
    if len(words) < 2 or normalize_word(words[-1]) not in TITLES:
        return None
    toks = token_spans(text, m.start, m.end)
    if len(toks) < 2 or normalize_word(toks[-1].text) not in TITLES:
        return None
    while len(toks) > 1 and normalize_word(toks[-1].text) in TITLES:
        toks.pop()
    return _Span(m.start, toks[-1].end, m.type)


# Headed organisation names (منظمة …, وزارة …) take at most this many adjectives after them.
NAME_ADJECTIVES = 2


def _with_its_adjective(text: str, m, tagged: Sequence[tuple[int, int]] = ()) -> _Span | None:
    """An organisation name headed by a head noun (:data:`NAME_ADJECTIVE_HEADS`) with the relational
    adjective after it that the tagger left out (منظمة الدول [التركية], وزارة الخارجية
    [الأمريكية]): the adjective tells one country's ministry or one organisation from
    another, so the name and its key keep it.  None when no such adjective follows; a word
    inside a mention of ``tagged`` (start, end) is that mention's, not an adjective.  (The
    ANERcorp scheme that the tagger learnt often leaves the adjective out: this is for the
    display name and the key, not for the tags.)"""
    if m.type != "ORG" or text[m.end : m.end + 1] != " ":
        return None
    after = text[m.end : m.end + 40].split(None, 1)
    if not after or not _relational_adjective(normalize_word(after[0].rstrip(WORD_SEPARATORS))):
        return None  # no adjective after the mention
    toks = token_spans(text, m.start, m.end)
    if len(toks) < 2 or _construct_head(toks[0]) not in NAME_ADJECTIVE_HEADS:
        return None
    end, added = m.end, 0
    line_end = text.find("\n", end)
    for tok in token_spans(text, end, min(end + 40, len(text) if line_end < 0 else line_end)):
        if (added == NAME_ADJECTIVES or not text[end : tok.start].isspace()
                or not _relational_adjective(normalize_word(tok.text))
                or any(a < tok.end and tok.start < b for a, b in tagged)):
            break
        end, added = tok.end, added + 1
    return _Span(m.start, end, m.type) if added else None


# Head nouns whose name the tagger tags without them when the rest is only adjectives («مؤسسة
# النقد [العربي السعودي]», the Saudi central bank, 128 articles of the 15-day archive): not
# إدارة "administration", whose «إدارة النادي [الأهلي]» is the club's board, not a name.
_ADJECTIVES_HEADS = NAME_ADJECTIVE_HEADS - {normalize_word("إدارة")}


def _headed_adjectives(text: str, m) -> _Span | None:
    """An organisation the tagger found only by its adjectives, after a head noun and a
    definite noun (مؤسسة النقد [العربي السعودي]): from the head through the mention."""
    words = [normalize_word(w) for w in text[m.start : m.end].split()]
    if not words or not all(map(_relational_adjective, words)):
        return None
    noun = _token_before(text, m.start)
    if noun is None or not text[noun.end : m.start].isspace() or not normalize_word(noun.text).startswith("ال"):
        return None
    head = _token_before(text, noun.start)
    if head is None or not text[head.end : noun.start].isspace():
        return None
    if _construct_head(head) not in _ADJECTIVES_HEADS:
        return None
    return _Span(head.start, m.end, "ORG")


# the words a left-out head ends with after any proclitics: مسجد, حرم, قناة
_LEFT_OUT_ENDINGS = tuple(w[2:] for w in HOLY_PLACE_HEADS) + tuple(LEFT_OUT_HEADS) + tuple(CURRENCY_ZONE_HEADS)


def _left_out_head(text: str, m) -> _Span | None:
    """A name whose head noun the tagger left out: a holy place («المسجد [الحرام]», «بالمسجد
    [الأقصى]»: :data:`HOLY_PLACE_HEADS`, a place), a canal or channel the tagger took for an
    organisation («قناة [السويس الجديدة]»: :data:`LEFT_OUT_HEADS`, construct form) or a
    currency's zone («منطقة [اليورو]»: :data:`CURRENCY_ZONE_HEADS`, a place, whatever type the
    tagger gave the currency): from the head through the mention."""
    head = _token_before(text, m.start)
    if head is None or not text[head.end : m.start].isspace():
        return None
    stem = _construct_head(head)
    if stem is None:  # with the article
        return _Span(head.start, m.end, "LOC") if normalize_word("ال" + split_clitics(head.text).stem) in HOLY_PLACE_HEADS else None
    if stem in CURRENCY_ZONE_HEADS:  # «منطقة [اليورو]»: the currency's zone, a place
        words = name_words(text[m.start : m.end])
        return _Span(head.start, m.end, "LOC") if words and all(w in CURRENCY_UNITS for w in words) else None
    # an organisation only: a place after it (قناة [دبي]) is the place the canal is named after,
    # and would take the place's other mentions with it as short forms
    return _Span(head.start, m.end, "ORG") if m.type == "ORG" and stem in LEFT_OUT_HEADS else None


_FORMULA_EDGES = GOD_NAME_FORMS | {AYATOLLAH}


def _may_hold_a_formula(surface: str) -> bool:
    """A cheap test on whitespace words before the tokenizer's (most mentions fail it)."""
    words = surface.split()
    return len(words) > 1 and (
        normalize_word(words[0]) in _FORMULA_EDGES or any(normalize_word(w) in NAME_FORMULA_STARTERS for w in words[1:])
    )


def _without_a_formula(text: str, m) -> _Span | None:
    """A name without the formula the tagger ran it into: one said after a name («محمد [صلى
    الله]», «عبدالله [رحمه الله]»: from a word of :data:`NAME_FORMULA_STARTERS` on, when every
    word from there is a word of a formula with God's name among them), or the cleric's title
    before it («[آية الله] علي خامنئي», «[الله] الخميني» after آية); None when there is none.
    A name that is only a formula is left out later (:func:`_god_in_a_formula`)."""
    toks = token_spans(text, m.start, m.end)
    words = [normalize_word(t.text) for t in toks]
    first = 0
    if m.type == "PERS" and len(words) > 1:
        if words[0] == AYATOLLAH and words[1] in GOD_NAME_FORMS:
            first = 2
        elif words[0] in GOD_NAME_FORMS:
            before = _token_before(text, m.start)
            first = 1 if before is not None and normalize_word(before.text) == AYATOLLAH else 0
    last = len(words)
    for i in range(first + 1, len(words)):
        if words[i] in NAME_FORMULA_STARTERS:
            if _god_in_a_formula(words[i:]):
                last = i
            break
    if (first, last) == (0, len(words)) or first >= last:
        return None
    return _Span(toks[first].start, toks[last - 1].end, m.type)


_START = attrgetter("start")
_SPACES = frozenset(" \u00a0")


def _proclitic(text: str, m) -> bool:
    """Whether a mention's first word carries a proclitic other than the article."""
    first = text[m.start : m.end].split(None, 1)
    return not first or bool(_before_the_article(split_clitics(first[0]).prefixes))


def _joined_places(text: str, mentions: Sequence) -> Sequence:
    """Places the tagger split in two, joined: it tags «خميس مشيط», «دير الزور», «سراة عبيدة»
    (cities) and «ريف حلب» as two places side by side, one space apart.  Such a pair is one
    place unless either half is also a place of its own in the article, apart from any other
    place: «الصين بكين» in a list is two, and «ريف حلب» stays apart where حلب is named alone,
    since a joined name would take the city's own mentions in as its short forms.  Nor when
    the second takes a proclitic (و "and", ل "to": «كوريا الجنوبية للسعودية»).  Runs of three or
    more places side by side are lists (an outlet's tag line), and a state's head noun is not
    joined (:data:`STATE_FORM_HEADS`: سلطنة [عمان] stays عمان, which keeps the country's key)."""
    places = [m for m in mentions if m.type == "LOC"]
    if len(places) < 2:
        return mentions
    places.sort(key=_START)  # mostly in order already: a linear pass
    pairs = [(a, b) for a, b in zip(places, places[1:]) if b.start - a.end == 1 and text[a.end] in _SPACES]
    if not pairs:
        return mentions
    pairs = [(a, b) for a, b in pairs if not _proclitic(text, b)]
    in_pairs = {id(m) for pair in pairs for m in pair}
    # a run of three: a list (a tag line); «خميس مشيط وأبها» is a pair, the third takes و
    chained = {id(b) for (_, b), (c, _) in zip(pairs, pairs[1:]) if b is c}

    def words(m) -> tuple[str, ...]:
        return plain_name_words(clean_mention(text, m.start, m.end)[1])

    pairs = [(a, b, words(a), words(b)) for a, b in pairs if id(a) not in chained and id(b) not in chained]
    # the places named alone that may be a half: a name's words are only worked out for those
    # whose last word is a half's last word (most places of an article are neither)
    # (without the article, which li- elides: للرقة is a mention of الرقة)
    last_words = {w[-1].removeprefix("ال") for _, _, first, second in pairs for w in (first, second) if w}
    alone = {
        words(m)
        for m in places
        if id(m) not in in_pairs and (surface := text[m.start : m.end].split())
        and any(normalize_word(surface[-1]).endswith(w) for w in last_words)
    }
    joined: list[_Span] = []
    gone: set[int] = set()
    for a, b, first, second in pairs:
        if not first or not second or first in alone or second in alone or first[-1] in STATE_FORM_HEADS:
            continue
        joined.append(_Span(a.start, b.end, "LOC"))
        gone.update((id(a), id(b)))
    return joined + [m for m in mentions if id(m) not in gone] if joined else mentions


_CUT_PLACE_FIRST = {first: second for first, second in PLACES_THE_TAGGER_CUTS}
_CUT_PLACE_SECOND = {second: first for first, second in PLACES_THE_TAGGER_CUTS}


def _first_half_before(text: str, start: int, first: str) -> int | None:
    """Where the word ``first`` begins (past its proclitics: بخميس) when it is the word right
    before ``start``, one space apart; None otherwise."""
    tok = _token_before(text, start)
    if tok is None or text[tok.end : start] != " ":
        return None
    cut = _before_the_article(split_clitics(tok.text).prefixes)
    for at in (tok.start, tok.start + _after_letters(tok.text, len("".join(cut)))):
        if normalize_word(text[at : tok.end]) == first:  # وادي is no و + ادي
            return at
    return None


def _with_cut_places(text: str, mentions: Sequence) -> Sequence:
    """The two-word places of :data:`PLACES_THE_TAGGER_CUTS` whole, where the tagger tagged one
    of their words (the other untagged, or a person: PERS «خميس» before LOC «مشيط») or typed the
    whole name as something else than a place.  They replace the mentions they overlap; one
    that began before the place ends before it («قاعدة الملك خالد الجوية [بخميس]» "the air base
    at Khamis")."""
    norm = text_view(text).normalized.text
    if not any(second in norm for second in _CUT_PLACE_SECOND):
        return mentions
    found: dict[tuple[int, int], _Span] = {}
    for m in mentions:
        start, display = clean_mention(text, m.start, m.end)
        words = tuple(normalize_word(w) for w in display.split())
        span = None
        if len(words) == 1 and words[0] in _CUT_PLACE_SECOND:
            if (first_start := _first_half_before(text, start, _CUT_PLACE_SECOND[words[0]])) is not None:
                span = _Span(first_start, m.end, "LOC")
        elif len(words) == 1 and words[0] in _CUT_PLACE_FIRST:
            after = _token_after(text, m.end)
            if after is not None and text[m.end : after.start] == " " and normalize_word(after.text) == _CUT_PLACE_FIRST[words[0]]:
                span = _Span(start, after.end, "LOC")
        elif len(words) == 2 and words in PLACES_THE_TAGGER_CUTS and m.type != "LOC":
            span = _Span(start, m.end, "LOC")
        if span is not None:
            found[(span.start, span.end)] = span
    if not found:
        return mentions
    spans = list(found.values())
    out: list = spans
    for m in mentions:
        overlapped = [s for s in spans if s.start < m.end and m.start < s.end]
        if not overlapped:
            out.append(m)
        elif (cut := text.rfind(" ", m.start, min(s.start for s in overlapped))) > m.start:
            out.append(_Span(m.start, cut, m.type))
    return out


def _with_the_saint_s_name(text: str, m, by_start: Mapping[int, tuple[int, str]],
                           tagged: Sequence[tuple[int, int]]) -> _Span | None:
    """A mention of «سان» "Saint" alone (:data:`SAINT_WORDS`, after و or ب or not) with the
    name after it: «سان [بطرسبرغ]», «وسان [مارينو]»; the next word on the line, one space on, an
    Arabic word and no function word, or the mention that begins there, whose type the whole name
    takes (LOC «سان» + ORG «جيرمان»: the club), unless it is a person: after «سان» the tagger's
    persons were mostly cities and clubs (LOC «سانت» + PERS «دينيس», ORG «سان» + PERS «خوسيه
    أرثكويك»), so the saint word's type stays.  None otherwise.
    ``by_start``: the article's mentions by start (end, type); ``tagged``: all their spans."""
    word = normalize_word(text[m.start : m.end])
    # (not after ل: «لسان» is "tongue", «على لسان» "in the words of")
    if word not in SAINT_WORDS and not (word[:1] in "وب" and word[1:] in SAINT_WORDS):
        return None
    nxt = _token_after(text, m.end)
    if nxt is None or nxt.kind != "arabic" or text[m.end : nxt.start] not in (" ", "\u00a0"):
        return None
    if nxt.start in by_start:
        end, kind = by_start[nxt.start]
        return _Span(m.start, end, m.type if kind == "PERS" else kind)
    if normalize_word(nxt.text) in STOPWORDS or any(s < nxt.end and nxt.start < e for s, e in tagged):
        return None
    return _Span(m.start, nxt.end, m.type)


_QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”"}
_TO = normalize_word("ل")


def _letters_pattern(letters: str) -> str:
    """A regex for a name spelled in letter names («سي إن إن»): any hamza on an alif, dots or
    spaces between the letters, whole words."""
    parts = [re.sub("^[اأإآ]", "[اأإآ]", letter) for letter in letters.split()]
    return r"(?<!\w)" + r"[ .]{1,3}".join(parts) + r"(?!\w)"


# the letter names of those names as written (a mention made only of them may be part of one)
_LETTER_NAMES = frozenset(
    alif + letter[1:] if letter[0] in "اأإآ" else letter
    for letter in {w for k in SPELLED_ABBREVIATIONS for w in k.split()}
    for alif in "اأإآ"
)
# longest first: «سي إن بي سي» (CNBC) before «سي إن إن» would take its first letters
_SPELLED = re.compile("|".join(_letters_pattern(k) for k in sorted(SPELLED_ABBREVIATIONS, key=len, reverse=True)))


def _spelled_abbreviation(text: str, m, tagged: Sequence[tuple[int, int]]) -> _Span | None:
    """The whole of a name spelled in letter names (:data:`SPELLED_ABBREVIATIONS`: «سي إن إن»)
    that a mention holds part of (the tagger's «سي إن», «بي.سي»); None otherwise, or when the
    whole would overlap another mention."""
    # the whole name ends within a few letters of the mention: no need to search further
    for found in _SPELLED.finditer(text, max(0, m.start - 12), min(len(text), m.end + 24)):
        if found.start() > m.start:
            break
        if m.end <= found.end() and (found.start(), found.end()) != (m.start, m.end):
            if any(s < found.end() and found.start() < e and (s, e) != (m.start, m.end) for s, e in tagged):
                return None
            return _Span(found.start(), found.end(), m.type)
    return None


def _an_outlet_in_quotes(text: str, m) -> _Span | None:
    """The mention as an organisation when it fills a pair of quotes where news names the outlet
    that reports or is spoken to: after a word of OUTLET_BEFORE_QUOTES («وعلمت «الشرق الأوسط»»),
    or after لـ "to" and a word of OUTLET_BEFORE_TO («في حديث لـ«الشرق الأوسط»»); a place in
    quotes after لـ is one in any case («وقال مصدر قبلي في شبوة لـ«الشرق الأوسط»», ل"الرياض").
    News quotes an outlet's or a company's name, rarely a place's: of the 240 quoted places
    after لـ in the 15-day archive, 234 were outlets (الرياض, الشرق الأوسط) or the airline
    «السعودية»; 6 were places (لـ«إيران», لـ«عدن»).  None for any other mention."""
    if m.start == 0 or m.end >= len(text) or _QUOTE_PAIRS.get(text[m.start - 1]) != text[m.end]:
        return None
    toks = token_spans(text, max(text.rfind("\n", 0, m.start - 1) + 1, m.start - 41), m.start - 1)
    words = [normalize_word(t.text) for t in toks[-3:] if t.kind == "arabic"]
    after_to = bool(words) and words[-1] == _TO and toks[-1].kind == "arabic"
    if after_to:
        if m.type == "LOC":
            return _Span(m.start, m.end, "ORG")
        words.pop()
        if len(words) >= 2 and words[-1] in OUTLET_CUE_ADJECTIVES:
            words.pop()
    if not words:
        return None
    cue = words[-1]
    for clitic in ("و", "ل"):  # ومصادر "and the sources of", لمصادر "to the sources of"
        if cue not in OUTLET_BEFORE_QUOTES and cue.startswith(clitic):
            cue = cue[1:]
    if cue in OUTLET_BEFORE_QUOTES or (after_to and cue in OUTLET_BEFORE_TO):
        return _Span(m.start, m.end, "ORG")
    return None


def _with_ali_before(text: str, m, raw_before: str, tagged: Sequence[tuple[int, int]]) -> _Span | None:
    """A person mention with the given name Ali the tagger left out before it («[علي] عبدالله صالح»;
    :data:`ALI_AS_WRITTEN`: spelled with a final ya, not the preposition على); None otherwise.
    ``raw_before``: the word before the mention as written (:func:`_raw_word_before`)."""
    if not raw_before.startswith(ALI_AS_WRITTEN[0]) or len(raw_before) > 2 * len(ALI_AS_WRITTEN):
        return None  # a cheap test first: strip_diacritics normalises, and most words fail this
    if raw_before != ALI_AS_WRITTEN and strip_diacritics(raw_before) != ALI_AS_WRITTEN:
        return None
    start = text.rfind(raw_before, 0, m.start)
    if any(a < m.start and start < b for a, b in tagged if (a, b) != (m.start, m.end)):
        return None  # the end of another name («[محمد علي] كلاي»)
    return _Span(start, m.end, m.type)


def _with_the_next_name(text: str, m, tagged: Mapping[int, tuple[int, str]], absorbed: set[int]) -> _Span | None:
    """A person's name that the tagger ended on a word that joins it to the next name
    (:data:`NAME_LINKS`: «عبدالله بن [مساعد]», «محمد أبو [شعر]»), with the words after it up to
    one that is no link, when they follow one space apart and are Arabic words and no function
    words; a person mention that begins there is taken in whole («نوف بنت [محمد العتيبي]») and
    its start added to ``absorbed``; a mention of another type ends the name.  Else the name
    without its dangling links.  None when the name does not end on a link.  ``tagged``: each
    mention's start → (end, type)."""
    words = text[m.start : m.end].rsplit(None, 1)
    if len(words) < 2 or normalize_word(words[-1]) not in NAME_LINKS:
        return None  # a cheap test first: most names fail it
    toks = token_spans(text, m.start, m.end)
    if len(toks) < 2 or normalize_word(toks[-1].text) not in NAME_LINKS:
        return None
    end = m.end
    last = normalize_word(toks[-1].text)
    while (nxt := _token_after(text, end)) is not None:
        word = normalize_word(nxt.text)
        if (text[end : nxt.start] not in (" ", "\u00a0") or nxt.kind != "arabic"
                or (word in STOPWORDS and strip_diacritics(nxt.text) != ALI_AS_WRITTEN)):
            break  # the name Ali is spelled apart from the preposition على: «حليمة بنت علي»
        if any(end <= start < nxt.end and start != nxt.start for start in tagged):
            break  # a mention that begins inside the word (a tagger tags whole words; others may not)
        if nxt.start in tagged:
            next_end, next_type = tagged[nxt.start]
            if next_type != "PERS":
                break
            absorbed.add(nxt.start)
            return _Span(m.start, next_end, m.type)
        if word.startswith(ARTICLE) and last in _KINSHIP_LINKS:
            break  # «ابن التاسعة» "aged nine", «بنت المعلمة» "the teacher's daughter"
        end = nxt.end
        if word not in NAME_LINKS:
            return _Span(m.start, end, m.type)
        last = word
    while len(toks) > 1 and normalize_word(toks[-1].text) in NAME_LINKS:
        toks.pop()
    return _Span(m.start, toks[-1].end, m.type)


# Definite words after a lone given name that are no family name: function words, a time
# («وقال فهد اليوم»), the adjectives a name never takes, the words of the slogans after the King's
# name («سلمان الحزم» "Salman of resolve"), البالغ "aged", السابق "former" («استقالة الرئيس هادي
# السابقة» "President Hadi's earlier resignation").  Not the days of the week: after a
# given name alone, الخميس and الجمعة were the family name in all 16 cases of every second article
# of the 15-day archive («أحمد الخميس أمين عام الاتحاد»), never "on Thursday".
_NOT_A_FAMILY_NAME = STOPWORDS | RELATIVE_DAYS | NOT_NAME_ADJECTIVES | COMMON_WORDS_TAKEN_FOR_NAMES | frozenset(
    normalize_word(w) for w in "الآن الليلة الحزم العزم المجد البالغ البالغة السابق السابقة الأسبق".split())
# Given names that are also nouns or adjectives heading a definite word: صالح "good" («صالح
# الأعمال» "good deeds"), رياض "gardens", بدر "full moon" (بدر الجنوب, a town), فارس "knight"
# (a club's «فارس الدهناء»), عماد "pillar", وليد "born of" («وليد الصدفة»), كمال "perfection"
# («كمال الأجسام» "bodybuilding"), صلاح "goodness", وسام "medal", مالك "owner" («مالك
# المطعم»), هدى "guidance", منى (normalised مني, "from me"), the function words, and those the
# tagger is known to take for names (COMMON_WORDS_TAKEN_FOR_NAMES: حسن «حسن الجوار» "good
# neighbourliness", جمال "beauty").
_GIVEN_NAMES_THAT_ARE_WORDS = COMMON_WORDS_TAKEN_FOR_NAMES | STOPWORDS | frozenset(
    normalize_word(w) for w in "صالح رياض بدر فارس عماد وليد كمال صلاح وسام مالك هدى منى".split())
_KING = normalize_word("الملك")
_PUBLIC = normalize_word("العامة")  # "public": مكتبة الملك عبدالعزيز العامة


def _first_names_of_full_names(text: str, mentions: Sequence) -> frozenset[str]:
    """The first words of the article's person mentions of two words or more."""
    firsts = set()
    for m in mentions:
        if m.type == "PERS" and " " in text[m.start : m.end].strip():
            words = name_words(text[m.start : m.end])
            if len(words) > 1:
                firsts.add(words[0])
    return frozenset(firsts)


def _with_the_family_name(text: str, m, tagged: Mapping[int, tuple[int, str]],
                          full_names: frozenset[str] = frozenset()) -> _Span | None:
    """A person mention of a frequent given name alone (:data:`PERSON_GIVEN_NAMES`) that the
    tagger ended before the definite word after it, which is the family name: «مدير الفريق
    [فؤاد] المسلم», «زعيم التمرد [عبدالملك] الحوثي», «المواطن [زياد] الطقيق».  The tagger
    stops where the family name is also a word (المسلم "the Muslim", العمر "the age") or one it
    never saw; a given name alone, where the text goes on with a definite word one space after
    it, is nearly always cut short.  Not when that word is a function word, a time
    (:data:`_NOT_A_FAMILY_NAME`), a title or role, or another mention's; nor a nationality or a
    feminine word unless a person's title comes before the name («الشيخ [سلمان] العودة»); nor
    after «الملك»; nor when the article names someone in full with that given name
    (``full_names``, :func:`_first_names_of_full_names`): the name alone then joins that person
    («نجلاء» after «نجلاء محبولة», not «نجلاء [الرسول]»).  After a ruler's title headed by an
    institution noun the word is the institution's adjective, taken when it is one.
    ``tagged``: each mention's start → (end, type).  Measured on the 15-day archive
    (docs/benchmarks.md, "A given name alone")."""
    words = name_words(text[m.start : m.end])
    if (len(words) != 1 or words[0] not in PERSON_GIVEN_NAMES or words[0] in _GIVEN_NAMES_THAT_ARE_WORDS
            or words[0] in full_names):
        return None
    nxt = _token_after(text, m.end)
    if nxt is None or text[m.end : nxt.start] != " " or nxt.kind != "arabic":
        return None
    word = normalize_word(nxt.text)
    if (not strip_diacritics(nxt.text).startswith(ARTICLE)  # not إلغاء, which normalises to الغاء
            or len(word) < 5 or word in _NOT_A_FAMILY_NAME or word in TITLES or word in ROLE_WORDS):
        return None  # a title or a role after the name is in apposition («إبراهيم المدير الفني»)
    if any(nxt.start <= start < nxt.end for start in tagged):
        return None  # the word is another mention's
    title = _token_before(text, m.start)
    title_word = normalize_word(title.text) if title is not None and text[title.end : m.start] == " " else ""
    if title_word in RULER_TITLES:
        head = _token_before(text, title.start)
        if head is not None and NAMED_AFTER_A_RULER.get(_construct_head(head) or ""):
            # an institution named after a ruler, whose adjective the tagger left out («مدينة
            # الملك عبدالعزيز [الطبية]», «مستشفى الملك فيصل [التخصصي]», «مكتبة … [العامة]»): the
            # ruler rule takes it; another word is not its name's («شارع الأمير نايف القريب» "near")
            return _Span(m.start, nxt.end, m.type) if _relational_adjective(word) or word == _PUBLIC else None
        if title_word == _KING:
            return None  # a king is named by his given name and lineage («الملك سلمان الحزم» is a slogan)
    if title_word not in TITLES and (word in LEADING_NATIONALITIES or word.endswith("ه")):
        # a nationality or a feminine word describes the person or is another noun («الشاب
        # الألماني [إبراهيم]», «أم [خالد] البالغة من العمر»); after a person's title the name is
        # announced, and such a word is the family name («الشيخ [سلمان] العودة»)
        return None
    return _Span(m.start, nxt.end, m.type)


# "Son" and "daughter" as written outside a name's chain of "son of" (which writes بن): before a
# definite word they are the nouns, not links.
_KINSHIP_LINKS = frozenset((normalize_word("ابن"), normalize_word("بنت")))


# Titles a person's name does not begin with: the definite ones of PERSON_TITLES (a bare أمين
# or سيد may be a given name) and those written bare (دكتور); and nationalities: a family name
# never comes before the given name, so a nationality that begins a person's name is the
# descriptor before it (given names of the same shape, الباجي, المهدي, الهادي, are not
# nationalities and stay).
_LEADING_TITLES = frozenset(w for w in PERSON_TITLES if w.startswith(ARTICLE)) | BARE_TITLES | LEADING_NATIONALITIES


# Tanween (ً ٌ ٍ) marks an indefinite word, and a name is definite: news writes it on adverbs and
# on indefinite nouns and adjectives that the tagger takes for names or runs a name into (LOC
# «باكرًا» "early", «درعًا» "a shield", «سوريًا» "Syrian", PERS «مرورًا» "passing by", «محمد بن
# سلمان وليًا [للعهد]» "as crown prince", «جانٍ» "an offender": 481 mentions in 363 articles of
# the 15-day archive, nearly all wrong).  Only a given name in the accusative takes it as a name
# (وأن محمدًا رسول الله), and stays.
_TANWEEN = re.compile("[\u064b-\u064d]")


def _before_an_indefinite_word(text: str, m) -> _Span | None:
    """The mention up to its first word written with tanween (not a given name); None when that
    is its first word, so no name is left."""
    toks = token_spans(text, m.start, m.end)
    for i, tok in enumerate(toks):
        if _TANWEEN.search(tok.text) and normalize_word(tok.text).rstrip("ا") not in PERSON_GIVEN_NAMES:
            return _Span(m.start, toks[i - 1].end, m.type) if i else None
    return _Span(m.start, m.end, m.type)


def _without_a_leading_title(text: str, m) -> _Span | None:
    """A person's name without the titles and nationality the tagger took into it («[المهندس]
    القحطاني», «العقيد [دكتور] عاطي بن عطية القرشي», «[الفنزويلي] ريفاس»); None when it begins
    with a name, or is only titles."""
    first = text[m.start : m.end].split(None, 1)
    if len(first) < 2 or normalize_word(first[0]) not in _LEADING_TITLES:
        return None  # a cheap test first: most names fail it
    toks = token_spans(text, m.start, m.end)
    i = 0
    while i < len(toks) - 1 and normalize_word(toks[i].text) in _LEADING_TITLES:
        i += 1
    if i == 0 or normalize_word(toks[i].text) in _LEADING_TITLES:
        return None
    return _Span(toks[i].start, m.end, m.type)


_ROLES = PERSON_TITLES | ROLE_WORDS
ROLE_WORDS_BEFORE_THE_ADJECTIVE = 3  # «وزير [الخارجية] التركي», «أمين عام [المنظمة] الإقليمي»
# A first name is taken in only if the news ranks it at least this far down (or not at all):
# read on the 67 words the rule took in over the 15-day archive without it, the verbs and
# nouns (قال 42, كلمة 900, يعتبر 1,030, لعب 2,195, آنذاك 3,969) rank above 10,000 and so do
# common given names (فهد 946, أمير 924), which are left out; the foreign and rarer ones
# (مولود 15,285, غلام 14,656, أصالة 20,058, unranked رؤوفين) rank below.
RARE_IN_THE_NEWS = 10_000


def _with_a_first_name_after_a_role(
    text: str, m, tagged: Sequence[tuple[int, int]], rank: Mapping[str, int]
) -> _Span | None:
    """A person's name with the first name the tagger left out between the person's role and
    the rest: «وزير الخارجية التركي [مولود] جاويش أوغلو».  The word before the name is taken in
    when it is an Arabic word one space before it, tagged in no other mention, without the
    article or a proclitic, and no function word, title, role or adverb (حاليا "currently",
    آنذاك "then"), no word the news uses often (``rank``: the lexicon's frequency ranks; a
    verb there, «الرئيس الأمريكي [قال]», «المدرب الهولندي [يعتبر]», is frequent), and it
    follows a relational adjective (التركي) that ends a phrase with a title or role at most
    :data:`ROLE_WORDS_BEFORE_THE_ADJECTIVE` words before it; None otherwise."""
    before = _token_before(text, m.start)
    if before is None or before.kind != "arabic" or text[before.end : m.start] != " ":
        return None
    word = normalize_word(before.text)
    if (word.startswith(ARTICLE) or word.endswith(("ا", "ذاك")) or word in STOPWORDS or word in _ROLES
            or word in BARE_TITLES or rank.get(word, RARE_IN_THE_NEWS) < RARE_IN_THE_NEWS
            or split_clitics(before.text).prefixes):
        return None
    adjective = _token_before(text, before.start)
    if (adjective is None or adjective.kind != "arabic" or text[adjective.end : before.start] != " "
            or not _relational_adjective(normalize_word(adjective.text))):
        return None
    if any(a < before.end and before.start < b for a, b in tagged):
        return None
    pos = adjective.start
    for _ in range(ROLE_WORDS_BEFORE_THE_ADJECTIVE):
        tok = _token_before(text, pos)
        if tok is None or tok.kind != "arabic":
            return None
        if normalize_word(tok.text) in _ROLES or match_form(tok.text) in _ROLES:
            return _Span(before.start, m.end, m.type)
        pos = tok.start
    return None


_SHEIKH_END = SHEIKH[-3:]  # cheap tests on the words as written first: شيخ, and شرم / كفر
_HEAD_ENDS = tuple(w[-2:] for w in HEADS_BEFORE_SHEIKH)


def _with_the_sheikh(text: str, m, before: str) -> _Span | None:
    """A place with the title الشيخ of its name that the tagger left out (:data:`SHEIKH`, also
    after a proclitic: «بالشيخ زويد»): «[الشيخ] زويد», «شرم [الشيخ]» after a head of
    :data:`HEADS_BEFORE_SHEIKH`; None otherwise.  ``before``: the word before the mention as
    written (:func:`_raw_word_before`)."""
    if before.endswith(_SHEIKH_END) and (normalize_word(before) == SHEIKH or match_form(before) == SHEIKH):
        start = m.start - len(before) - 1
        if _proclitic(text, m) or text[start : m.start - 1] != before:
            return None  # «جبل الشيخ والقنيطرة»: a list
        return _Span(start, m.end, m.type)
    surface = text[m.start : m.end]
    if " " in surface or not surface.endswith(_HEAD_ENDS) or (
        normalize_word(surface) not in HEADS_BEFORE_SHEIKH and match_form(surface) not in HEADS_BEFORE_SHEIKH
    ):
        return None
    after = _token_after(text, m.end)
    if after is None or text[m.end : after.start] != " " or normalize_word(after.text) != SHEIKH:
        return None
    return _Span(m.start, after.end, m.type)


# The proclitic runs a place name takes: none, a conjunction, a preposition (not the future
# particle س, which verbs take), or a conjunction and a preposition.
_NOUN_PREPOSITIONS = tuple(p for p in PREPOSITIONS if p != "س")
_PROCLITIC_RUNS = ("", *CONJUNCTIONS, *_NOUN_PREPOSITIONS, *(c + p for c in CONJUNCTIONS for p in _NOUN_PREPOSITIONS))


def place_word_forms(names: Iterable[str] = PLACES_THE_TAGGER_MISSES) -> dict[str, str]:
    """Normalised word (one of the normalised one-word place ``names`` with its proclitics) →
    the place; li- before the article elides its alef (للطائف)."""
    forms: dict[str, str] = {}
    for name in names:
        for run in _PROCLITIC_RUNS:
            forms[run + name] = name
            if run.endswith("ل") and name.startswith(ARTICLE):
                forms[run + name[1:]] = name
    return forms


_MISSED_PLACE_WORDS = place_word_forms()
_MISSED_PLACE_WORD_SET = frozenset(_MISSED_PLACE_WORDS)


def _with_missed_places(text: str, mentions: Sequence) -> Sequence:
    """The tagger's mentions and the places of :data:`PLACES_THE_TAGGER_MISSES` it left
    untagged, without their proclitics («بالطائف» → «الطائف»), unless the word after gives the
    word its other sense (:data:`NOT_A_PLACE_BEFORE`).  Looked up in the text's normalised word
    set, which the quote and time analysers compute anyway."""
    view = text_view(text)
    hits = view.normalized_word_set & _MISSED_PLACE_WORD_SET
    if not hits:
        return mentions
    norm = view.normalized
    found: list[_Span] = []
    for word in sorted(hits):
        name = _MISSED_PLACE_WORDS[word]
        at = norm.text.find(word)
        while at >= 0:
            end = at + len(word)
            following = norm.text.find(word, end)
            if (at and norm.text[at - 1].isalpha()) or (end < len(norm.text) and norm.text[end].isalpha()):
                at = following
                continue  # inside a longer word
            # the span begins at the name, past its proclitics (كإدلب: a cut the frequency test
            # of clean_mention would not make for a rare name), but li- before the article keeps
            # its lam, which stands for the article's (للطائف)
            cut = len(word) - len(name) if word.endswith(name) else 0
            start, end = norm.to_original(at + cut, end)
            at = following
            if name in NOT_A_PLACE_BEFORE and (after := _token_after(text, end)) is not None and (
                normalize_word(after.text) in NOT_A_PLACE_BEFORE[name]
            ):
                continue
            if any(m.start < end and start < m.end for m in mentions):
                continue
            found.append(_Span(start, end, "LOC"))
    return [*mentions, *found] if found else mentions


def _repaired(text: str, mentions: Sequence, rank: Mapping[str, int] | None = None) -> Sequence:
    """The tagger's mentions with the names it cut or ran on repaired (each rule's function
    above): a name does not end on a title; a headed organisation keeps its adjective; a
    person's name after a head noun and a ruler's title becomes the institution's or the
    place's whole name, which replaces the person mention and any mention inside it (the
    tagger's ORG «جامعة الملك» before PERS «عبدالعزيز»), as do a left-out head (المسجد [الحرام],
    قناة [السويس]) and the head and noun of an organisation found only by its adjectives.  First
    a place split in two is joined (خميس مشيط), and a name loses the formula or the cleric's
    title the tagger ran it into (عبدالله [رحمه الله], [آية الله] علي خامنئي); a person's name
    takes in the given name Ali before it, which the tagger reads as the preposition على, or a
    rare first name it left out after a role (``rank`` given: [مولود] جاويش أوغلو).  Before all
    that, the places it never learnt are added where it left them untagged (الطائف); a
    currency after منطقة becomes its zone; a league, company, foundation or market index named
    after its sponsor, owner or publisher becomes that (دوري / شركة / مؤسسة / مؤشر + the name); an
    outlet named in quotes as the one reporting is an organisation («وعلمت «الشرق الأوسط»»); a
    name spelled in letter names is whole (سي إن [إن]); and «سان» "Saint" takes the name after it.
    Also first: a two-word place the tagger cut to one word is whole (حفر [الباطن]), and a
    mention ends before a word written with tanween (dropped when it begins with one)."""
    mentions = _joined_places(text, _with_cut_places(text, _with_missed_places(text, mentions)))
    tagged = [(m.start, m.end) for m in mentions]
    by_start: dict[int, tuple[int, str]] | None = None
    absorbed: set[int] = set()  # the starts of person mentions a name took in after a link
    full_names = _first_names_of_full_names(text, mentions)
    out, named = [], []
    for m in mentions:
        surface = text[m.start : m.end]
        if _TANWEEN.search(surface):
            if (m := _before_an_indefinite_word(text, m)) is None:
                continue
            surface = text[m.start : m.end]
        if "له" in surface and _may_hold_a_formula(surface):  # الله, لله: every formula cut has God's name
            m = _without_a_formula(text, m) or m
        if m.type != "ORG" and (outlet := _an_outlet_in_quotes(text, m)):
            m = outlet
        if m.type != "PERS" and _LETTER_NAMES.issuperset(re.split(r"[ .]+", surface.strip(" ."))) and (
            whole := _spelled_abbreviation(text, m, tagged)
        ):
            m = whole
        if m.end - m.start <= 5 and "سان" in surface:
            if by_start is None:
                by_start = {n.start: (n.end, n.type) for n in mentions}
            saint = _with_the_saint_s_name(text, m, by_start, tagged)
        else:
            saint = None
        if saint is not None:
            named.append(saint)  # in place of the word alone and of a mention of the name after it
            continue
        if m.type != "PERS":
            m = _without_a_trailing_title(text, m) or m
            if m.type == "ORG":
                m = _with_its_adjective(text, m, tagged) or m
        if m.type == "PERS":
            m = _without_a_leading_title(text, m) or m
            if by_start is None:
                by_start = {n.start: (n.end, n.type) for n in mentions}
            if longer := _with_the_next_name(text, m, by_start, absorbed):
                m = longer
                tagged.append((m.start, m.end))  # the Ali rule must not take a word it took in
            elif with_family := _with_the_family_name(text, m, by_start, full_names):
                m = with_family
                tagged.append((m.start, m.end))
        raw_before = _raw_word_before(text, m.start)
        if m.type == "LOC" and (with_sheikh := _with_the_sheikh(text, m, raw_before)):
            m = with_sheikh
            raw_before = _raw_word_before(text, m.start)
        if m.type == "PERS" and (with_ali := _with_ali_before(text, m, raw_before, tagged)):
            m = with_ali
            raw_before = _raw_word_before(text, m.start)
        elif m.type == "PERS" and rank is not None and (
            with_first := _with_a_first_name_after_a_role(text, m, tagged, rank)
        ):
            m = with_first
            raw_before = _raw_word_before(text, m.start)
        before = normalize_word(raw_before)
        span = None
        if m.type == "PERS":
            span = _named_after_a_ruler(text, m, before) or _named_after_its_sponsor(text, m, before)
        if span is None and before.endswith(_LEFT_OUT_ENDINGS):
            span = _left_out_head(text, m)
        if span is None and m.type == "ORG" and before.startswith("ال"):
            span = _headed_adjectives(text, m)
        out.append(m)
        if span is not None:
            named.append(span)
    if absorbed:
        out = [m for m in out if m.start not in absorbed or m.type != "PERS"]
    if not named:
        return _first_longest(out)
    # the rest of the name that the tagger cut off as a one-word "person" (مطار الأمير
    # محمد بن عبدالعزيز [الدولي])
    for n in named:
        for m in out:
            if (m.type == "PERS" and m.start > n.end and text[n.end : m.start] in (" ", "\u00a0")
                    and len(token_spans(text, m.start, m.end)) == 1):
                n.end = m.end
    named = _first_longest(named)
    return _first_longest(named + [m for m in out if not any(n.start < m.end and m.start < n.end for n in named)])


def _first_longest(spans: Sequence) -> list:
    """``spans`` in text order without overlaps: of two that overlap, the first and longest.  The
    repairs can make two names of overlapping mentions (a ruler's name under a head noun from
    each of two mentions, a holy place run into the organisation after it, a place that took in
    the title الشيخ another mention held); the tagger's own mentions never overlap."""
    kept: list = []
    for n in sorted(spans, key=lambda n: (n.start, n.start - n.end)):
        if not kept or n.start >= kept[-1].end:
            kept.append(n)
    return kept


def _one_type_per_name(ms: Sequence[_Mention]) -> None:
    """A name's person mentions take its other type where most of its mentions in the article
    have that one: the tagger takes clubs, companies, places and products for people here and
    there (PERS «فيورنتينا» beside ORG «فيورنتينا» twice, PERS «أبو ظبي» beside LOC).  Read on the
    15-day archive (docs/benchmarks.md): taking the majority both ways, ties to the other type,
    retyped 415 mentions in every 2nd article, about two thirds of them rightly (a person in a
    tie or in the minority went the wrong way: the coach دونيس, Jeb «جيب», Borges); the person
    only in the minority and never the other way, 158, about nine in ten rightly.  A short form
    of a person named in full in the article stays the person's («جيب» of «جيب بوش», though the
    tagger took two other «جيب» for an organisation).  Two types that are not a person's stay:
    الرياض is the city and «الرياض» the newspaper.  Changes the mentions' types in place."""
    types_of: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for m in ms:
        types_of[m.key_words][m.type] += 1
    full_names = [set(m.words) for m in ms if m.type == "PERS" and len(m.words) > 1]
    for m in ms:
        if m.type == "PERS" and len(types := types_of[m.key_words]) > 1:
            others = sum(types.values()) - types["PERS"]
            if others > types["PERS"] and not any(f > set(m.words) for f in full_names):
                m.type = max((t for t in types if t != "PERS"), key=lambda t: (types[t], t))


def _people_with_a_middle_name(forms: Iterable[tuple[str, tuple[str, ...]]]) -> dict[tuple[str, ...], list]:
    """The article's three-word person forms by the two-word form that names the same person
    without the middle word (:func:`marsad.text.names.without_the_middle_name`), which contiguous
    containment cannot join.  In the 15-day SaudiNewsNet archive 60 articles named one person
    both ways (علي صالح with علي عبدالله صالح in 21, الملا منصور with الملا اختر منصور in 10)."""
    out: dict[tuple[str, ...], list] = defaultdict(list)
    for form in forms:
        if (short := without_the_middle_name(form[1])) is not None:
            out[short].append(form)
    return out


_MUHAMMAD = normalize_word("محمد")
_QUOTES_AND_DASHES = frozenset('"«»“”-–—(')


def _the_prophet_here(text: str, start: int, end: int) -> bool:
    """Whether «محمد» at ``start:end`` is the Prophet: after a word for him
    (:data:`PROPHET_BEFORE`: نبينا, الرسول, خاتم النبيين) or before the blessing said of him
    (صلى الله عليه وسلم, عليه الصلاة والسلام: :data:`PROPHET_BLESSING`,
    :data:`PROPHET_UPON_HIM`; quoted or between dashes or not).  Other men named Muhammad stay
    «محمد»."""
    before = _token_before(text, start)
    if before is not None and text[before.end : start].isspace() and normalize_word(before.text) in PROPHET_BEFORE:
        return True
    after = _token_after(text, end, _QUOTES_AND_DASHES)
    if after is None or len(text[end : after.start]) > 3:
        return False
    word = normalize_word(after.text)
    if word == PROPHET_BLESSING:
        return True
    following = _token_after(text, after.end) if word == PROPHET_UPON_HIM else None
    return following is not None and normalize_word(following.text) in PROPHET_AFTER_UPON_HIM


def link(text: str, mentions: Sequence, rank: Mapping[str, int] | None = None) -> list[Entity]:
    """Entities (one per mention, in text order) with canonical names and keys filled in.

    ``mentions`` are objects with ``start``, ``end`` and ``type`` (offsets into ``text``);
    ``rank`` is passed to :func:`clean_mention`.
    """
    ms: list[_Mention] = []
    mentions = _repaired(text, mentions, rank)
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    for m in ordered:
        surface = text[m.start : m.end]
        common = normalize_word(surface) if " " not in surface else ""
        if common in COMMON_WORDS_TAKEN_FOR_NAMES:
            # not cut: «لسان» "tongue" is not ل + سان "San"; alone it is left out below, as a
            # lone common word that joins no longer name
            start, display = m.start, surface
        elif common[:1] == "و" and common[1:] in COMMON_WORDS_TAKEN_FOR_NAMES:
            start, display = m.start + 1, surface[1:]  # «ولسان» "and the tongue (of)"
        else:
            start, display = clean_mention(text, m.start, m.end, rank)
        words = plain_name_words(display)
        end = m.end
        if not words or start >= end:
            continue
        if (m.type == "MISC" and _a_currency_unit(words)) or _god_in_a_formula(words):
            continue
        if all(w in CURRENCY_UNITS for w in words) and _after_an_amount(text, m.start):
            continue
        # «أنا سعيد» "I am happy"; «تغيير روسي» "a Russian change": a nationality is no person
        if m.type == "PERS" and (words[0] in FIRST_AND_SECOND_PERSON or (len(words) == 1 and words[0] in PLACE_NISBAS)):
            continue
        if m.type == "PERS" and all(w in _LEADING_TITLES for w in words) and (
                len(words) > 1 or words[0] not in LEADING_NATIONALITIES):
            # a title alone (البابا "the Pope", المبعوث الأممي "the UN envoy"): the name it goes
            # with is a mention of its own; a nationality alone may be a family name (below)
            continue
        if (m.type == "LOC" and len(words) == 1 and words[0] in PLACE_ADJECTIVE_HOMOGRAPHS
                and _after_an_adjective_and(text, start, starts, ordered)):
            continue
        if m.type == "LOC" and len(words) == 1 and words[0] in PLACES_ONLY_WITH_A_CUE and not _a_place_here(
                text, start, end, PLACES_ONLY_WITH_A_CUE[words[0]]):
            continue  # «في مشهد مؤثر» "in a moving scene", not Mashhad
        if words[0] == ORGANISING and (body := _token_before(text, start)) is not None and (
            text[body.end : start].isspace() and normalize_word(body.text) in ORGANISING_BODIES
        ):
            continue  # «اللجنة المنظمة للمهرجان» "the festival's organising committee"
        if m.type != "PERS" and len(words) == 2 and words[1] in TERRORIST and not words[0].startswith(ARTICLE):
            continue  # «منظمة إرهابية» "a terrorist organisation": a description
        # not a person: ماي and جوان (May, June in the Maghreb) are also names (تيريزا ماي)
        if m.type != "PERS" and " ".join(words) in GREGORIAN_MONTHS and _in_a_date(text, start, end):
            continue
        if len(words) == 1:
            if m.type == "PERS" and _a_word_here(text, m.start, start, end, words[0]):
                continue
            if words[0] in HEAD_NOUNS and (quoted := _quoted_name_end(text, end)) is not None:
                if bisect_left(starts, quoted) > bisect_left(starts, end):
                    continue  # the quoted name is a mention of its own: the head noun adds nothing
                end = quoted
                display = text[start:end]
                words = plain_name_words(display)
        if m.type == "PERS" and words[-1] == _MUHAMMAD and (
                all(w in PROPHET_BEFORE for w in words[:-1]) if len(words) > 1
                else _the_prophet_here(text, start, end)):
            # «نبينا محمد», «الرسول محمد», or «محمد» where the words around it name the Prophet
            display, words = PROPHET_NAME, plain_name_words(PROPHET_NAME)
        ms.append(_Mention(start, end, m.type, display, words, name_words(display)))

    # A single word tagged with another type that is a person's surname in this article is that
    # person; a "person" whose name begins with the noun of a state body is that body.
    person_parts = {m.words[-1] for m in ms if m.type == "PERS" and len(m.words) > 1}
    for m in ms:
        if m.type != "PERS" and len(m.words) == 1 and m.words[0] in person_parts:
            m.type = "PERS"
        elif m.type == "PERS" and len(m.words) > 1 and m.words[0] in STATE_BODY_HEADS:
            m.type = "ORG"
    _one_type_per_name(ms)

    # One form per name whichever way its compounds are spelled (عبد الله صالح = عبدالله صالح);
    # a form is matched by its words as first written too, so that a short form still finds a
    # name whose compound it splits (نخاع in أبو نخاع).
    by_form: dict[tuple[str, tuple[str, ...]], list[_Mention]] = defaultdict(list)
    for m in ms:
        by_form[(m.type, m.key_words)].append(m)
    # Longest forms first: each shorter form joins the most mentioned longer form containing it.
    forms = sorted(by_form, key=lambda f: (-len(by_form[f][0].words), by_form[f][0].start))
    written = {form: by_form[form][0].words for form in forms}
    # every pair of forms of one type is compared: strip each form once, not once per pair, and
    # test the words as sets first (a C-speed subset test; few pairs pass it)
    stripped = {form: _strip_article(written[form]) for form in forms}
    sets = {form: (frozenset(written[form]), frozenset(stripped[form]), frozenset(form[1])) for form in forms}
    forms_of_type: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for form in forms:
        forms_of_type[form[0]].append(form)
    parent: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    with_a_middle_name = _people_with_a_middle_name(forms_of_type["PERS"])
    for form in forms:
        kind, joined = form
        words, short = written[form], stripped[form]
        in_words, in_short, in_joined = sets[form]
        candidates = [
            other
            for other in forms_of_type[kind]
            if other not in parent
            and ((in_words <= sets[other][0] and _contains(written[other], words))
                 or (in_short <= sets[other][1] and _contains(stripped[other], short))
                 or (in_joined <= sets[other][2] and _contains(other[1], joined)))
        ]
        if kind == "PERS" and len(joined) == 2:
            candidates += with_a_middle_name.get(joined, ())  # joined to a longer name or not: root() follows
        if candidates:
            parent[form] = max(candidates, key=lambda o: (len(by_form[o]), -by_form[o][0].start))

    def root(form: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
        while form in parent:
            form = parent[form]
        return form

    names: dict[tuple[str, tuple[str, ...]], str] = {}
    for form, group in by_form.items():
        if form not in parent:
            names[form] = Counter(m.display for m in group).most_common(1)[0][0]

    out = []
    for m in ms:
        top = root((m.type, m.key_words))
        if len(top[1]) == 1 and (top[1][0] in NOT_NAMES_ALONE or (top[0] == "PERS" and top[1][0] in LEADING_NATIONALITIES)):
            continue  # a nationality alone is a person's only as the family name of a longer name here (التونسي)
        canonical = names[top]
        out.append(
            Entity(
                text=text[m.start : m.end],
                type=m.type,
                start=m.start,
                end=m.end,
                canonical=canonical,
                key=entity_key(m.type, canonical),
            )
        )
    return out
