"""Index-time and query-time term processing for Arabic full-text search.

The same :class:`Analyzer` turns article text into index terms and query words into
query terms, so both sides always agree.  The Arabic analyser:

1. tokenises with :func:`marsad.text.tokenize` (words and numbers; punctuation dropped);
2. drops function words (:data:`marsad.text.wordlists.STOPWORDS`);
3. removes proclitics with :func:`marsad.text.split_clitics` (و ف ب ل ك س ال), which
   knows the news words whose first letter only looks like a clitic (وزير, فلسطين…);
4. strips suffixes with the Snowball Arabic stemmer — but only suffixes: Snowball also
   strips leading و/ف/ب/ل on its own (وزير → زير), so any leading letters it removed
   from the clitic-free stem are put back;
5. folds the result with :func:`marsad.text.normalize` (alef, ya, ta marbuta, digits).

so that بالانسحاب, الانسحاب and انسحابات all index as ``انسحاب``.  Scraped news often
writes ta marbuta as ha (السعوديه); a word-final ه is read as ة before stemming so
both spellings meet.

:class:`PlainAnalyzer` (lower-casing only) exists as the evaluation baseline: plain FTS5
without Arabic processing.
"""

from __future__ import annotations

from dataclasses import dataclass

import snowballstemmer

from marsad.text import NormalizeOptions, normalize, split_clitics, tokenize
from marsad.text.wordlists import STOPWORDS

# Everything of the default normalisation except ta marbuta: Snowball strips ة as a
# suffix and must still see it.
_PRE_STEM = NormalizeOptions(ta_marbuta=False)
_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Term:
    """An index/query term with the character span of the token it came from."""

    term: str
    start: int
    end: int


class Analyzer:
    """Arabic-aware analyser (see module docstring).  Instances cache stems per word."""

    name = "arabic"

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("arabic")
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

    def index_text(self, text: str) -> str:
        """``text`` as a space-separated term string (what the full-text index stores)."""
        return " ".join(t.term for t in self.terms(text))


class PlainAnalyzer(Analyzer):
    """Baseline without Arabic processing: tokens lower-cased, nothing else."""

    name = "plain"

    def _term(self, word: str) -> str:
        return word.lower()


ANALYZERS = {"arabic": Analyzer, "plain": PlainAnalyzer}


def get_analyzer(name: str = "arabic") -> Analyzer:
    try:
        return ANALYZERS[name]()
    except KeyError:
        raise ValueError(f"unknown analyzer {name!r} (known: {', '.join(ANALYZERS)})") from None
