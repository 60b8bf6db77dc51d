"""Which script (and, coarsely, which language) a text is written in.

Counting with regular expressions over runs of letters: a per-character Python loop
cost more than the whole cleaning of an article.
"""

from __future__ import annotations

import re

from marsad.text.normalize import ARABIC_LETTER_RANGES

_ARABIC_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ARABIC_LETTER_RANGES)
_ARABIC_RUN = re.compile(f"[{_ARABIC_CLASS}]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _count(rx: re.Pattern[str], text: str) -> int:
    return sum(map(len, rx.findall(text)))


def letter_counts(text: str) -> tuple[int, int, int]:
    """(letters, Arabic letters, Latin letters) in ``text``.

    "Letters" are word characters that are not digits: Arabic combining marks count as
    letters here, a negligible difference for the ratios this is used for.
    """
    return _count(_LETTER_RUN, text), _count(_ARABIC_RUN, text), _count(_LATIN_RUN, text)


def latin_ratio(text: str) -> float:
    """Share of letters that are basic or extended Latin (0 when the text has no letters)."""
    letters, _, latin = letter_counts(text)
    return latin / letters if letters else 0.0


# Frequent English function words: Latin-script text with none of them is not English.
_ENGLISH_CUES = frozenset("the of and to in is that for on with was as by it at from".split())


def script_language(text: str, sample: int = 20_000) -> str:
    """A coarse language label from the script: ``ar``, ``en``, ``other`` or ``und`` (no letters).

    Enough to warn that a text is not Arabic; not a language identifier for mixed text.
    """
    sample_text = text[:sample]
    # Fast path for the common case: Arabic letters are most of the non-space characters.
    nonspace = len(sample_text) - sample_text.count(" ") - sample_text.count("\n")
    if nonspace >= 3 and _count(_ARABIC_RUN, sample_text) / nonspace >= 0.6:
        return "ar"
    letters, arabic, latin = letter_counts(sample_text)
    if letters < 3:
        return "und"
    if arabic / letters >= 0.5:
        return "ar"
    if latin / letters >= 0.5:
        tokens = sample_text.lower().split()
        cues = sum(1 for t in tokens if t in _ENGLISH_CUES)
        if tokens and cues / len(tokens) >= 0.05:
            return "en"
    return "other"
