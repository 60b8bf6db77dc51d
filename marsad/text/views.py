"""Derived views of one text (normalised form, its sentences), computed once per text.

Several pipeline components read the same article: each used to normalise it and split
its sentences again, and those steps were a large share of their per-article time
budget.  :func:`text_view` hands every caller the same :class:`TextView` for the same
text, so each view is computed at most once however many analysers ask for it.

The cache is a small module-level LRU keyed by the text itself, not a field of the
Article: nothing here is serialised, and a changed ``article.text`` (a new string)
simply gets a new view.  Keys are compared by hash then identity/equality, so the
lookup costs no scan of the text after the string's hash is first computed (Python
caches it on the str object).
"""

from __future__ import annotations

import threading
from functools import cached_property

from marsad.text.normalize import Normalized, normalize_with_offsets
from marsad.text.sentences import Sentence, split_sentences

# A pipeline run handles one article at a time, but an ingest worker tags entities for a
# batch of articles at once (marsad.pipeline.run_many, 16 per batch) before the other
# stages read the same articles' views again: the cache holds a whole batch and some.
CACHE_SIZE = 32

# Characters that end a word for the analysers' C-speed word scans (a set intersection
# with their word lists, then str.find): ASCII punctuation and symbols, Arabic
# punctuation, quote marks and dashes.
WORD_SEPARATORS = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + "،؛؟«»“”‘’…–—٪"


class TextView:
    """Lazily computed, memoised views of ``text`` (default normalisation options).

    The attributes are shared by every caller: treat them as read-only.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalized(self) -> Normalized:
        """:func:`normalize_with_offsets` of the text."""
        return normalize_with_offsets(self.text)

    @cached_property
    def normalized_sentences(self) -> list[Sentence]:
        """:func:`split_sentences` of the normalised text (offsets index ``normalized.text``)."""
        return split_sentences(self.normalized.text)

    @cached_property
    def normalized_word_set(self) -> frozenset[str]:
        """The distinct words of the normalised text, split at whitespace and :data:`WORD_SEPARATORS`.

        For deciding which words of a list occur at all; callers locate them with str.find.
        """
        spaced = self.normalized.text
        for ch in WORD_SEPARATORS:
            if ch in spaced:  # a C-speed substring test; most separators never occur
                spaced = spaced.replace(ch, " ")
        return frozenset(spaced.split())

    @cached_property
    def sentences(self) -> list[Sentence]:
        """:func:`split_sentences` of the original text."""
        return split_sentences(self.text)


_cache: dict[str, TextView] = {}
_lock = threading.Lock()


def text_view(text: str) -> TextView:
    """The shared :class:`TextView` of ``text`` (created on first request)."""
    with _lock:
        view = _cache.pop(text, None)
        if view is None:
            view = TextView(text)
            if len(_cache) >= CACHE_SIZE:
                del _cache[next(iter(_cache))]  # least recently used: dicts keep insertion order
        _cache[text] = view  # (re)inserted last: most recently used
    return view


def clear_views() -> None:
    """Forget every cached view (tests, or to free memory after a batch)."""
    with _lock:
        _cache.clear()
