"""Index-time and query-time term processing for Arabic full-text search.

The same :class:`Analyzer` turns article text into index terms and query words into
query terms, so both sides always agree.  The default (``arabic``) analyser:

1. tokenises with :func:`marsad.text.tokenize` (words and numbers; punctuation dropped);
2. drops function words (:data:`marsad.text.wordlists.STOPWORDS`), and words whose stem is
   one, unless an inflectional suffix made it one (ولاية, whose stem is ولا "and not");
3. light-stems with :func:`marsad.text.stem.light_stem`: proclitics off with
   :func:`marsad.text.split_clitics` (و ف ب ل ك س ال, knowing the news words whose first
   letter only looks like a clitic), one inflectional suffix off, normalised spelling
   (alef, ya, ta marbuta, digits folded),

so that بالانسحاب and الانسحاب both index as ``انسحاب``.

``snowball`` does the same with the Snowball Arabic stemmer for the suffixes (Snowball
alone also strips a leading و/ف/ب/ل, turning وزير into زير, so leading letters it removes
from the clitic-free stem are put back).  It conflates more, but costs about 1 ms per
new word in pure Python — 10× the whole ingest budget per article — so it is an option,
not the default.  :class:`PlainAnalyzer` (lower-casing only) is the evaluation
baseline: full-text search without Arabic processing.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.text import NormalizeOptions, normalize, split_clitics, tokenize
from marsad.text.normalize import normalize_word
from marsad.text.stem import light_stem
from marsad.text.tokens import word_and_number_strings
from marsad.text.wordlists import STOPWORDS

# Everything of the default normalisation except ta marbuta: Snowball strips ة as a
# suffix and must still see it.
_PRE_STEM = NormalizeOptions(ta_marbuta=False)
# Inflectional suffixes whose removal can turn a content word's stem into a function word:
# «ولاية» "state" → ولا "and not", «التحتية» "infrastructure" (of البنية التحتية) → تحت "under",
# «الآليات» "mechanisms" → الي "to", «الوفيات» "deaths" → وفي, so a search for them had "no
# searchable words".  Such a word is indexed under that stem (the function word itself never
# is).  Pronoun suffixes are not among them: «خلالها» "during it" is a function word.
_INFLECTIONS = frozenset({"يه", "ات", "ون", "ين", "ان"})
_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Term:
    """An index/query term with the character span of the token it came from."""

    term: str
    start: int
    end: int


class Analyzer:
    """Arabic-aware analyser with light stemming (see module docstring).  Caches terms per word."""

    name = "arabic"

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def term(self, word: str) -> str:
        """The index term of one word ("" for a stopword or a word with no letters/digits)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._term(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _term(self, word: str) -> str:
        folded = normalize_word(word)
        if not folded or folded in STOPWORDS:
            return ""
        if not any(ch.isalpha() for ch in folded) or folded.isascii():
            return folded  # numbers and Latin words index as they are (after folding)
        out = light_stem(word)
        if out in STOPWORDS:
            # the word without each prefix the stem may have kept or cut (وفيات keeps its و)
            cut = len(folded) - len(normalize_word(split_clitics(word).stem))
            if not any(folded[i:].startswith(out) and folded[i + len(out) :] in _INFLECTIONS for i in range(cut + 1)):
                return ""  # a function word, with clitics or a pronoun
        return out

    def terms(self, text: str) -> list[Term]:
        """Index terms of ``text`` with the offsets of their source tokens."""
        out = []
        for tok in tokenize(text):
            if tok.kind == "punct":
                continue
            t = self.term(tok.text)
            if t:
                out.append(Term(t, tok.start, tok.end))
        return out

    def term_strings(self, text: str) -> list[str]:
        """The terms of :meth:`terms` without their offsets: the ingest fast path (no token
        or term objects; the same tokens, from the tokenizer's own patterns)."""
        get, term = self._cache.get, self.term
        out = []
        for word in word_and_number_strings(text):
            t = get(word)
            if t is None:
                t = term(word)
            if t:
                out.append(t)
        return out

    def index_text(self, text: str) -> str:
        """``text`` as a space-separated term string (what the full-text index stores)."""
        return " ".join(self.term_strings(text))


class SnowballAnalyzer(Analyzer):
    """Like :class:`Analyzer` with Snowball Arabic for the suffixes (slower; see module docstring)."""

    name = "snowball"

    def __init__(self) -> None:
        super().__init__()
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer("arabic")

    def _term(self, word: str) -> str:
        folded = normalize(word)
        if not folded or folded in STOPWORDS:
            return ""
        if not any(ch.isalpha() for ch in folded):
            return folded  # numbers index as they are (after digit folding)
        if folded.isascii():
            return folded
        stem = normalize(split_clitics(word).stem, _PRE_STEM)
        if stem.endswith("ه") and len(stem) > 3:
            stem = stem[:-1] + "ة"
        stemmed = self._stemmer.stemWord(stem)
        if stemmed and stemmed != stem:
            pos = stem.find(stemmed)
            if pos > 0:
                # Snowball removed leading letters split_clitics kept on purpose: restore them.
                stemmed = stem[:pos] + stemmed
            elif pos < 0:
                stemmed = stem if len(stemmed) < 2 else stemmed
        if stemmed.endswith("ا") and stem.endswith("ات") and len(stemmed) > 3:
            stemmed = stemmed[:-1]  # Snowball leaves the alef of a plural -ات on longer stems
        out = normalize(stemmed or stem)
        return out if out not in STOPWORDS else ""


class PlainAnalyzer(Analyzer):
    """Baseline without Arabic processing: tokens lower-cased, nothing else."""

    name = "plain"

    def _term(self, word: str) -> str:
        return word.lower()


ANALYZERS = {"arabic": Analyzer, "snowball": SnowballAnalyzer, "plain": PlainAnalyzer}


def get_analyzer(name: str = "arabic") -> Analyzer:
    try:
        return ANALYZERS[name]()
    except KeyError:
        raise ValueError(f"unknown analyzer {name!r} (known: {', '.join(ANALYZERS)})") from None
