"""The parts of an article page that depend only on the stored article, rendered once.

An article page is the article itself (title, body with entity and time marks, summary,
removed lines) and its panels (topics, quotes, timeline, entities) — all a function of the
stored article and the interface language — plus the parts that change as the archive grows
(share links with the request's host, reprints, "read also").  ``marsad prerender`` renders
the first part of every stored article with the page's own templates
(``_article_main.html``, ``_article_panels.html``) and keeps it in the archive
(:meth:`marsad.store.Store.put_fragments`); an article page then reads one stored fragment
instead of parsing the article's JSON, highlighting it and rendering its panels (the costly
part of a fresh page).  Without a fragment the page renders the same templates live, so the
HTML is the same either way (tested byte for byte).

A fragment's ``kind`` holds :data:`RENDER_VERSION`, a digest of everything the fragment is
rendered from (this module, the renderer, the labels, the templates, the Article schema and
the marsad version): after any change to them, stored fragments no longer match and pages
render live until ``marsad prerender`` runs again.  The archive drops a fragment when its
stored article changes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from marsad import __version__
from marsad.document import SCHEMA_VERSION, Article
from marsad.serve import i18n, render

HERE = Path(__file__).resolve().parent
FORMAT = 2
TEMPLATES = ("_article_main.html", "_article_panels.html", "_macros.html")
KIND_PREFIX = "web-article"


def _render_version() -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{FORMAT}|{__version__}|{SCHEMA_VERSION}".encode())
    for path in [HERE / "fragments.py", HERE / "render.py", HERE / "i18n.py"] + [HERE / "templates" / t for t in TEMPLATES]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


RENDER_VERSION = _render_version()


def kind(lang: str) -> str:
    """The stored-fragment kind for pages in interface language ``lang``."""
    return f"{KIND_PREFIX}:{RENDER_VERSION}:{lang}"


def template_env() -> Environment:
    """The pages' Jinja environment (autoescaping).  Here rather than in the app because stored
    fragments are rendered with it: its settings are part of :data:`RENDER_VERSION`."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no file check per page
    )
    env.filters["urlq"] = lambda s: quote(str(s), safe="")
    return env


@dataclass
class ArticleFragment:
    title: str | None
    main: Markup  # the <article> element
    panels: Markup  # topics, quotes, timeline, entities
    # (entity key, weight) for "related articles", best first (see :func:`related_keys`)
    related_keys: list[tuple[str, float]]


def related_keys(article: Article) -> list[tuple[str, float]]:
    """The article's people, organisations and places by weight for "related articles":
    one per mention, places half (they are broad); best first."""
    weights: dict[str, float] = {}
    for ent in article.entities:
        if ent.key and ent.type in ("PERS", "ORG", "LOC"):
            weights[ent.key] = weights.get(ent.key, 0.0) + (0.5 if ent.type == "LOC" else 1.0)
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))


def article_context(article: Article, lang: str, *, stored: bool) -> dict[str, Any]:
    """What ``_article_main.html`` and ``_article_panels.html`` are rendered from."""
    return {
        "article": article,
        "stored": stored,
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "t": i18n.labels(lang),
        "body": render.article_body(article),
        "quotes": render.quotes_panel(article),
        "timeline": render.timeline(article),
        "entity_groups": render.entity_summary(article),
        "entity_types": render.ENTITY_TYPES,
        "topics": sorted(article.topics, key=lambda tp: -tp.probability)[:3],
        "keywords": article.keywords[:10],
        "summary": article.summary,
    }


def render_fragment(env, article: Article, lang: str) -> ArticleFragment:
    """The stored article's own part of its page in ``lang``, with the page's templates."""
    ctx = article_context(article, lang, stored=True)
    return ArticleFragment(
        title=article.title,
        main=Markup(env.get_template("_article_main.html").render(**ctx)),
        panels=Markup(env.get_template("_article_panels.html").render(**ctx)),
        related_keys=related_keys(article),
    )


@lru_cache(maxsize=1)
def _shared_env() -> Environment:
    return template_env()


def fragments_of(article: Article, languages: Iterable[str] = (i18n.DEFAULT_LANGUAGE,)) -> dict[str, bytes]:
    """Kind → encoded fragment of an article about to be stored (what :func:`prerender` would
    store for it; a language whose rendering holds a NUL is left out, its page renders live).

    ``marsad ingest`` hands this to its workers, so each new article arrives at the writer with
    its page already rendered, in parallel with the analysis, instead of every page being
    rendered in the main process after the run (on one core: 57–65 s of CPU for the 15 days,
    docs/benchmarks.md, "Web app").  The worker's article is the one the writer stores: the
    same fragment as rendering it back from the archive (tested byte for byte)."""
    env = _shared_env()
    out: dict[str, bytes] = {}
    for lang in dict.fromkeys(languages):
        try:
            out[kind(lang)] = encode(render_fragment(env, article, lang))
        except ValueError:
            continue
    return out


# Stored as a short JSON head (format, title, related keys) and the two HTML parts joined by
# NUL characters: JSON-encoding the HTML itself cost more to parse than the rest of a page
# read.  A part that holds a NUL is refused by encode() (that page keeps rendering live).
_SEP = "\0"


def encode(fragment: ArticleFragment) -> bytes:
    head = json.dumps(
        {"format": FORMAT, "title": fragment.title, "related_keys": fragment.related_keys},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    main, panels = str(fragment.main), str(fragment.panels)
    if _SEP in main or _SEP in panels:
        raise ValueError("a rendered article part holds a NUL character")
    return zlib.compress(_SEP.join((head, main, panels)).encode("utf-8"), 6)


def decode(blob: bytes) -> ArticleFragment | None:
    """The fragment in ``blob``, or None when it cannot be read (then the page renders live)."""
    try:
        parts = zlib.decompress(blob).decode("utf-8").split(_SEP)
        if len(parts) != 3:
            return None
        head = json.loads(parts[0])
        if head.get("format") != FORMAT:
            return None
        # The HTML was escaped when it was rendered (autoescaping templates) and the archive
        # is this server's own data, as trusted as the stored article it was rendered from.
        return ArticleFragment(
            title=head["title"],
            main=Markup(parts[1]),
            panels=Markup(parts[2]),
            related_keys=[(str(k), float(w)) for k, w in head["related_keys"]],
        )
    except (zlib.error, ValueError, KeyError, TypeError, AttributeError):
        return None


def prerender(
    store,
    env,
    languages: Iterable[str] = (i18n.DEFAULT_LANGUAGE,),
    *,
    force: bool = False,
    batch: int = 200,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Render and store the fragment of every stored article that lacks a current one.

    Fragments of older renderer versions are deleted first.  Returns counts: ``rendered``,
    ``kept`` (already current), ``pruned`` (older versions deleted).
    """
    languages = [lang for lang in dict.fromkeys(languages)]
    unknown = [lang for lang in languages if lang not in i18n.LANGUAGES]
    if unknown:
        from marsad.errors import InputError

        raise InputError(f"unknown interface language(s) {', '.join(unknown)}: choose from {', '.join(i18n.LANGUAGES)}")
    kinds = {lang: kind(lang) for lang in languages}
    # every language's fragments of the current version stay, whichever this run renders
    pruned = store.prune_fragments([kind(lang) for lang in i18n.LANGUAGES])
    have = {lang: (set() if force else store.fragment_ids(k)) for lang, k in kinds.items()}
    rendered = 0
    pending: list[tuple[str, str, bytes]] = []
    current_in_all = set.intersection(*have.values()) if have else set()
    kept = len(current_in_all) * len(languages)
    for article_id, article in store.iter_articles(skip=current_in_all):
        for lang in languages:
            if article_id in have[lang]:
                kept += 1
                continue
            try:
                pending.append((article_id, kinds[lang], encode(render_fragment(env, article, lang))))
            except ValueError:  # a NUL in the article text: its page keeps rendering live
                continue
        if len(pending) >= batch:
            rendered += store.put_fragments(pending)
            pending = []
            if progress is not None:
                progress(rendered)
    if pending:
        rendered += store.put_fragments(pending)
        if progress is not None:
            progress(rendered)
    return {"rendered": rendered, "kept": kept, "pruned": pruned}
