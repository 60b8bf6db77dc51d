"""Sentence splitting for Arabic news text.

English splitters end sentences at "." and treat "؟" and "؛" as ordinary characters;
they also split inside «quoted speech» and parenthetical asides, which Arabic news uses
heavily.  This splitter ends sentences at . ! ? ؟ ؛ … and line breaks, but never inside
« », “ ”, quotes or brackets, after an initial abbreviation (د. for Dr.), or inside a
number (3.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = ".!?؟؛…"
OPENERS = {"«": "»", "“": "”", "(": ")", "[": "]", "{": "}", "„": "“", "‹": "›"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SYMMETRIC_QUOTES = '"'
# Abbreviations that end with a dot but not a sentence (normalised-free surface forms):
# د (Dr.), م (AD / engineer), هـ (AH), ص (page/AM), ج (plural-of/volume), أ (Prof.).
ABBREVIATIONS = frozenset({"د", "م", "هـ", "ه", "ص", "ج", "أ", "ا", "ق", "Mr", "Dr", "Mrs", "St", "Jr"})
_SPECIAL = re.compile("[" + re.escape("\n" + SENTENCE_END + "".join(OPENERS) + "".join(CLOSERS) + SYMMETRIC_QUOTES) + "]")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences with offsets into ``text``.

    Leading and trailing whitespace is excluded from each sentence; empty sentences are
    never returned.
    """
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    stack: list[str] = []
    in_plain_quote = False
    seg_start = start
    # Only the characters in _SPECIAL can change state, so jump between them: the
    # per-character loop this replaces dominated the analysers' time budget.
    i = start
    while True:
        m = _SPECIAL.search(text, i, end)
        if m is None:
            break
        i = m.start()
        # An unbalanced quote or bracket must not swallow the rest of a paragraph:
        # give it up at the next line break or after 600 characters.
        if (stack or in_plain_quote) and i - seg_start > 600:
            stack.clear()
            in_plain_quote = False
        ch = text[i]
        if ch == "\n":
            _emit(text, seg_start, i, sentences)
            seg_start = i + 1
            stack.clear()
            in_plain_quote = False
        elif ch in OPENERS and not (ch == "“" and stack and stack[-1] == "„"):
            stack.append(ch)
        elif ch in CLOSERS:
            if stack and OPENERS[stack[-1]] == ch:
                stack.pop()  # a stray closer is ignored
        elif ch in SYMMETRIC_QUOTES:
            in_plain_quote = not in_plain_quote
        elif ch in SENTENCE_END and not stack and not in_plain_quote:
            j = i + 1
            while j < end and text[j] in SENTENCE_END + "»”\")'":
                j += 1
            if _is_boundary(text, i, j, end):
                _emit(text, seg_start, j, sentences)
                seg_start = j
                i = j
                continue
        i += 1
    _emit(text, seg_start, end, sentences)
    return sentences


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    ch = text[dot]
    if ch == ".":
        # 3.5 or 1.000.000
        if dot + 1 < end and text[dot + 1].isdigit() and dot > 0 and text[dot - 1].isdigit():
            return False
        if _abbreviation_before(text, dot):
            return False
        # a dot followed directly by a letter is a domain name or an initial (e.g. "u.s")
        if after < end and text[after].isalnum():
            return False
    return True


_MAX_ABBREVIATION = max(len(a) for a in ABBREVIATIONS)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the whole word that ends at ``dot`` is one of :data:`ABBREVIATIONS`.

    Slices of the few possible lengths instead of a ``\\w+$`` regex search, which tried
    every start in its window and was a third of the splitter's time.
    """
    # As the regex did: "$" also matched before a final newline, so a dot that starts a
    # line is checked against the word that ended the line before.
    end = dot - 1 if dot > 0 and text[dot - 1] == "\n" else dot
    for size in range(1, min(_MAX_ABBREVIATION, end) + 1):
        if text[end - size : end] in ABBREVIATIONS:
            before = text[end - size - 1] if end > size else " "
            if not (before.isalnum() or before == "_"):  # \w is str.isalnum() or "_"
                return True
    return False


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(text[start:end], start, end))
