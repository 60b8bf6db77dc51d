"""Arabic text primitives: the one place marsad normalises, tokenises and splits text.

Every analyser imports from here; none re-implements any of it.
"""

from marsad.text.normalize import (
    DEFAULT_OPTIONS,
    LIGHT_OPTIONS,
    Normalized,
    NormalizeOptions,
    arabic_ratio,
    drop_control_characters,
    fold_presentation_forms,
    is_arabic_letter,
    normalize,
    normalize_with_offsets,
    strip_diacritics,
)
from marsad.text.script import latin_ratio, script_language
from marsad.text.sentences import Sentence, split_sentences
from marsad.text.tokens import (
    CliticSplit,
    Token,
    TokenSpan,
    is_arabic_word,
    letter_runs,
    normalized_words,
    pieces_are_normalized_words,
    split_clitics,
    strip_clitics,
    token_spans,
    tokenize,
    words,
    words_with_breaks,
)

__all__ = [
    "DEFAULT_OPTIONS",
    "LIGHT_OPTIONS",
    "CliticSplit",
    "Normalized",
    "NormalizeOptions",
    "Sentence",
    "Token",
    "TokenSpan",
    "arabic_ratio",
    "drop_control_characters",
    "fold_presentation_forms",
    "is_arabic_letter",
    "is_arabic_word",
    "latin_ratio",
    "letter_runs",
    "normalize",
    "normalize_with_offsets",
    "normalized_words",
    "pieces_are_normalized_words",
    "script_language",
    "split_clitics",
    "split_sentences",
    "strip_clitics",
    "strip_diacritics",
    "token_spans",
    "tokenize",
    "words",
    "words_with_breaks",
]
