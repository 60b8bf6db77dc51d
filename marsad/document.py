"""The Article: the one data model every marsad stage reads and writes.

All annotation layers are spans with half-open character offsets ``[start, end)`` into
``Article.text`` (the clean text), and ``span.text == article.text[start:end]`` always
holds.  The JSON form (:meth:`Article.to_dict`) is documented by
``marsad/schema/article.schema.json``; bump :data:`SCHEMA_VERSION` on any change to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from marsad import __version__

SCHEMA_VERSION = "1.0"


@dataclass
class Source:
    """Where the article came from and how it was decoded."""

    path: str | None = None
    url: str | None = None
    format: str = "text"  # text | html | json | jsonl | warc
    encoding: str | None = None
    encoding_detected: bool = False  # True when the encoding was guessed, not declared
    site: str | None = None  # outlet / domain, used for per-site statistics
    record: int | None = None  # index of the record inside a multi-record file


@dataclass
class Published:
    value: str  # ISO 8601 date or datetime
    origin: str  # metadata | html | text | cli


@dataclass
class Block:
    kind: str  # heading | paragraph
    text: str
    start: int
    end: int


@dataclass
class Removed:
    """A line the cleaner dropped, kept with its reason so nothing is lost silently."""

    text: str
    reason: str
    score: float | None = None


@dataclass
class Entity:
    text: str
    type: str  # PERS | LOC | ORG | MISC
    start: int
    end: int
    canonical: str = ""  # display name of the entity this mention belongs to
    key: str = ""  # normalised key, identical across articles
    score: float | None = None

    @property
    def archive_key(self) -> str:
        """The key an archive counts and links this entity under: ``key``, else its name
        (an entity from another tool may come without a key)."""
        return self.key or self.canonical or self.text

    @property
    def name(self) -> str:
        """The entity's display name: ``canonical``, else the mention's text."""
        return self.canonical or self.text


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | reported
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None  # key of the entity in Article.entities


@dataclass
class TimeExpression:
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2022-01-02, P10D, XXXX-XX-XX


@dataclass
class Topic:
    label: str
    probability: float


@dataclass
class Keyword:
    text: str
    score: float
    start: int | None = None
    end: int | None = None


@dataclass
class SummarySentence:
    text: str
    start: int
    end: int


SPAN_LAYERS = ("blocks", "entities", "quotes", "times", "summary")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_FIELD_GETTERS: dict[type, Callable[[Any], tuple]] = {}
# Values that _plain passes through as they are (json.dumps writes them directly).
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _field_values(value: Any) -> tuple:
    """The values of a dataclass instance's fields, in field order, in one C call."""
    cls = type(value)
    getter = _FIELD_GETTERS.get(cls)
    if getter is None:
        names = _field_names(cls)
        if len(names) > 1:
            getter = attrgetter(*names)
        else:  # attrgetter of one name gives the value, of none raises
            getter = (lambda v, one=attrgetter(names[0]): (one(v),)) if names else (lambda v: ())
        _FIELD_GETTERS[cls] = getter
    return getter(value)


def _plain(value: Any) -> Any:
    # dataclasses.asdict without its deep copy of leaf values (a fifth of the ingest writer's
    # time went there): containers are rebuilt, strings and numbers shared.  The span layers'
    # items hold only scalars, and for them one C-level zip replaces a call per field.
    if hasattr(value, "__dataclass_fields__"):
        names, values = _field_names(type(value)), _field_values(value)
        if _SCALAR_TYPES.issuperset(map(type, values)):
            return dict(zip(names, values))
        return {n: _plain(v) for n, v in zip(names, values)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class Article:
    text: str = ""
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    author: str | None = None
    published: Published | None = None
    language: str | None = None
    source: Source = field(default_factory=Source)
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    # Input as read, before cleaning. Not part of the JSON form (it can be large and
    # is recoverable from text + removed); kept so the cleaner can run as a stage.
    raw: str = field(default="", repr=False)
    raw_html: str | None = field(default=None, repr=False)
    # Extra metadata from the reader that has no field of its own (e.g. JSON record fields).
    meta: dict[str, Any] = field(default_factory=dict)
    # The reference date for relative time expressions (ISO date), when one is known.
    reference_date: str | None = None

    # -- identity ------------------------------------------------------------------
    @property
    def content_hash(self) -> str:
        """Hash of the normalised clean text: equal for exact duplicates."""
        from marsad.text import normalize

        key = " ".join(normalize(self.text).split())
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    # -- JSON ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "marsad_version": __version__}
        for name in _field_names(Article):
            if name not in ("raw", "raw_html"):
                d[name] = _plain(getattr(self, name))
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        item_types = {
            "blocks": Block,
            "removed": Removed,
            "entities": Entity,
            "quotes": Quote,
            "times": TimeExpression,
            "topics": Topic,
            "keywords": Keyword,
            "summary": SummarySentence,
        }
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name in item_types:
                value = [item_types[f.name](**v) for v in value]
            elif f.name == "source" and value is not None:
                value = Source(**value)
            elif f.name == "published" and value is not None:
                value = Published(**value)
            kwargs[f.name] = value
        return cls(**kwargs)

    # -- invariants ----------------------------------------------------------------
    def check_spans(self) -> list[str]:
        """Describe every span whose offsets do not match its text (empty when consistent)."""
        problems = []
        for layer in SPAN_LAYERS:
            for i, span in enumerate(getattr(self, layer)):
                if not (0 <= span.start <= span.end <= len(self.text)):
                    problems.append(f"{layer}[{i}] offsets [{span.start}, {span.end}) out of range")
                elif self.text[span.start : span.end] != span.text:
                    problems.append(f"{layer}[{i}] text {span.text!r} != {self.text[span.start:span.end]!r}")
        for i, kw in enumerate(self.keywords):
            if kw.start is not None and self.text[kw.start : kw.end] != kw.text:
                problems.append(f"keywords[{i}] text mismatch")
        return problems
