"""The web app and REST API over a marsad archive: :func:`create_app`.

Pages are server-rendered HTML (Jinja2, autoescaped) that work without JavaScript; the
API serves JSON in the Article schema (:meth:`marsad.document.Article.to_dict`).  The app
reads the archive only through :class:`marsad.store.Store`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware

from marsad import __version__
from marsad.document import SCHEMA_VERSION, Article
from marsad.errors import InputError, MarsadError, ModelError, QueryError, StoreError
from marsad.serve import charts, fragments, i18n, render
from marsad.serve.cache import DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES, ArchiveGeneration, CachedResponses, ResponseCache
from marsad.serve.compare import compare_versions
from marsad.serve.limits import MAX_BODY_BYTES, MAX_UPLOAD_BYTES, BodySizeLimit

HERE = Path(__file__).resolve().parent
log = logging.getLogger("marsad.serve")
MAX_PAGE = 1000
MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 500
STORY_COMPARE_LIMIT = 30  # versions compared on a story page (each needs its full text)
ENTITY_QUOTE_SCAN = 20  # recent articles scanned for an entity's quotes
HOME_PERIOD_DAYS = 7  # "largest stories of the period" on the home page
AGGREGATE_TTL_S = 60.0  # archive-wide lists (outlets, top entities, stories) are reused this long
SEARCH_CACHE_ENTRIES = 1024  # search results kept per server process (a result is a page of hits)

_VERSION_BYTES = __version__.encode("utf-8")
_SCHEMA_BYTES = SCHEMA_VERSION.encode("utf-8")

UPLOAD_FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


SECURITY_HEADERS = [
    # Only our own script and stylesheet run; article text can never bring its own.
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every response (plain ASGI middleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


# An exact stored-article id in the path: the two answers FastArticles may give itself.
_FAST_ARTICLE = re.compile(r"^/(api/)?articles/([0-9a-f]{10})$")


class FastArticles:
    """ASGI middleware: answer ``GET /articles/<id>`` (optionally ``?print=1``) and
    ``GET /api/articles/<id>`` for an exact stored id with the app's own page and API
    functions, but without FastAPI's routing, dependency and exception machinery: that is
    ~0.3 ms of the 1.3-1.7 ms of CPU a fresh article answer costs (bench_web).  Anything
    else -- other paths, methods or query strings, a language switch (it sets a cookie), an id
    to resolve or redirect, a missing article, any error -- goes to the app unchanged.
    """

    def __init__(self, app, answer) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            m = _FAST_ARTICLE.match(scope["path"])
            if m is not None:
                api = m.group(1) is not None
                query = scope.get("query_string", b"")
                if not query or (not api and query == b"print=1"):
                    response = self.answer(scope, api, m.group(2))
                    if response is not None:
                        return await response(scope, receive, send)
        return await self.app(scope, receive, send)


class AnalyzeRequest(BaseModel):
    text: str = Field(..., description="The article: plain text, HTML, or one JSON record", max_length=MAX_UPLOAD_BYTES)
    format: str | None = Field(None, description="text | html | json (sniffed when omitted)")
    date: str | None = Field(None, description="Reference date for relative time expressions (ISO date)")


class _Archive:
    """Store access for the app: a given store, or one read-only store per worker thread.

    A missing archive file is not an error: pages show how to load data, and the archive
    is opened on the first request after it appears.
    """

    def __init__(self, db_path: str | Path | None, store, cache_seconds: float = AGGREGATE_TTL_S) -> None:
        self.db_path = str(db_path) if db_path is not None else None
        self.store = store
        self._local = threading.local()
        self._opened: list = []
        self._lock = threading.Lock()
        self._cache: dict[tuple, tuple[float, Any]] = {}
        self.cache_seconds = cache_seconds
        self.generation: ArchiveGeneration | None = None  # set by create_app
        self._generation_seen: Any = None
        self._searches: OrderedDict[tuple, Any] = OrderedDict()
        self._pending: dict[tuple, threading.Event] = {}

    def cached(self, name: str, *args, **kwargs):
        """``store.<name>(*args, **kwargs)`` for archive-wide aggregates, reused for a short while.

        Lists over the whole archive (outlets, top entities, largest stories) cost a scan each;
        they change only when ingest adds articles, so a page may show them a minute late.
        """
        key = (name, args, tuple(sorted(kwargs.items())))
        now = time.monotonic()
        self.sync_generation()
        hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.cache_seconds:
            return hit[1]
        value = getattr(self.get(), name)(*args, **kwargs)
        with self._lock:
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[key] = (now, value)
        return value

    def search(self, s, query: str, filters, *, page: int, page_size: int, collapse: bool):
        """``s.search(...)``, shared by the search page and the search API and reused until
        the archive changes; concurrent identical searches wait for the first one."""
        self.sync_generation()
        key = ("search", query, repr(filters), page, page_size, collapse)
        while True:
            with self._lock:
                hit = self._searches.get(key)
                if hit is not None:
                    self._searches.move_to_end(key)
                    return hit
                pending = self._pending.get(key)
                if pending is None:
                    pending = self._pending[key] = threading.Event()
                    break
            pending.wait(30)
            with self._lock:
                hit = self._searches.get(key)
            if hit is not None:
                return hit
            # the first search failed (its caller got the error): run it here
            with self._lock:
                if self._pending.get(key) is pending:
                    del self._pending[key]
        try:
            res = s.search(query, filters, page=page, page_size=page_size, collapse=collapse)
            with self._lock:
                self._searches[key] = res
                while len(self._searches) > SEARCH_CACHE_ENTRIES:
                    self._searches.popitem(last=False)
            return res
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.set()

    def sync_generation(self) -> None:
        """Forget the aggregates when the archive has changed since they were computed."""
        if self.generation is None:
            return
        token = self.generation.current()
        if token != self._generation_seen:
            with self._lock:
                self._cache.clear()
                self._searches.clear()
                self._generation_seen = token

    def get(self):
        if self.store is not None:
            return self.store
        if self.db_path is None:
            return None
        store = getattr(self._local, "store", None)
        if store is None:
            if "://" not in self.db_path and not Path(self.db_path).exists():
                return None
            from marsad.store import open_store

            store = open_store(self.db_path, readonly=True, create=False)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                try:
                    store.close()
                except Exception:  # closing at shutdown: nothing useful to report
                    pass
            self._opened.clear()


def _iso_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ApiError(400, "bad_date", f"{name} must be an ISO date like 2015-07-21, got {value!r}") from None


def _clean_text(value: str | None, name: str, limit: int = MAX_QUERY_CHARS) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise ApiError(400, "too_long", f"{name} is longer than {limit} characters")
    return value or None


class FastJSON(JSONResponse):
    """JSON without FastAPI's generic encoder pass (our payloads are plain dicts already)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")



# How Article.to_dict() (and so the archive) starts every record.
_STORED_HEAD = re.compile(rb'^\{"schema_version": "([^"\\]*)", "marsad_version": "([^"\\]*)"')


def stored_json_as_current(raw: bytes) -> bytes | None:
    """The stored JSON of an article as ``Article.to_dict()`` of this marsad would write it,
    without parsing it: records of the current schema differ only in ``marsad_version``
    (checked on SaudiNewsNet: to_dict(from_dict(r)) == r).  None for another schema (the
    caller then rebuilds the Article, which upgrades it)."""
    m = _STORED_HEAD.match(raw)
    if m is None or m.group(1) != _SCHEMA_BYTES:
        return None
    if m.group(2) == _VERSION_BYTES:
        return raw
    return raw[: m.start(2)] + _VERSION_BYTES + raw[m.end(2) :]


def _page_of(rows: list, page: int, page_size: int, name: str, to_json) -> dict:
    """One API page of ``rows`` (fetched with one extra row, so ``has_more`` needs no count query)."""
    chunk = rows[(page - 1) * page_size : page * page_size]
    return {
        "page": page,
        "page_size": page_size,
        "has_more": len(rows) > page * page_size,
        name: [to_json(row) for row in chunk],
    }

def create_app(
    db_path: str | Path | None = None,
    store=None,
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    cache_entries: int = DEFAULT_MAX_ENTRIES,
    cache_bytes: int = DEFAULT_MAX_BYTES,
    cache_check_seconds: float = 1.0,
    fast_articles: bool = True,
) -> FastAPI:
    """The marsad web app over the archive at ``db_path`` (or an open ``store``).

    Article and search answers are kept in a bounded LRU (``cache_entries`` answers,
    ``cache_bytes`` in all; 0 turns it off) that empties when the archive changes; see
    :mod:`marsad.serve.cache`.  ``cache_check_seconds`` only matters for an archive without
    a file (an in-memory store): how often its counts are re-read to notice a change.
    ``fast_articles`` answers exact article ids before FastAPI's routing (see
    :class:`FastArticles`; the same answers, tested).
    """
    archive = _Archive(db_path, store)
    generation = ArchiveGeneration(
        archive.get,
        archive.db_path if archive.db_path is not None else getattr(store, "path", None),
        check_seconds=cache_check_seconds,
    )
    archive.generation = generation
    response_cache = ResponseCache(cache_entries, cache_bytes)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        archive.close()

    app = FastAPI(
        lifespan=lifespan,
        title="marsad API",
        version=__version__,
        description="Search and read an archive of analysed Arabic news; analyse a text without storing it.",
        # FastAPI's interactive docs load Swagger UI from a CDN: off (the app works offline).
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.archive = archive
    app.state.response_cache = response_cache
    app.add_middleware(BodySizeLimit, max_bytes=max_upload_bytes + (MAX_BODY_BYTES - MAX_UPLOAD_BYTES))
    # inside SecurityHeaders, so replayed answers get the same headers as fresh ones
    app.add_middleware(CachedResponses, cache=response_cache, generation=generation, cookie=i18n.COOKIE)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    env = fragments.template_env()

    # -- helpers ----------------------------------------------------------------------
    def language(request: Request) -> str:
        return i18n.pick_language(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE))

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        lang = language(request)
        params = dict(request.query_params)
        params["lang"] = "en" if lang == "ar" else "ar"
        context.update(
            request=request,
            lang=lang,
            dir="rtl" if lang == "ar" else "ltr",
            t=i18n.labels(lang),
            switch_url=request.url.path + "?" + urlencode(params),
            version=__version__,
            max_upload=max_upload_bytes,
        )
        html = env.get_template(template).render(**context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in i18n.LANGUAGES:
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error_response(request: Request, status: int, code: str, detail: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": code, "detail": detail}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, detail=detail)

    def need_store(request: Request):
        s = archive.get()
        if s is None:
            raise ApiError(503, "no_archive", "no archive is open: load articles with `marsad ingest PATH --db FILE`")
        return s

    def find_article_id(s, id_or_prefix: str) -> str:
        if not id_or_prefix or len(id_or_prefix) > 64 or not all(c in "0123456789abcdefABCDEF" for c in id_or_prefix):
            raise ApiError(404, "not_found", f"no article with id {id_or_prefix[:64]!r}")
        try:
            full = s.resolve_id(id_or_prefix.lower())
        except StoreError as exc:
            raise ApiError(404, "not_found", str(exc)) from None
        if full is None:
            raise ApiError(404, "not_found", f"no article with id {id_or_prefix!r}")
        return full

    # -- errors -----------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(request, exc.status, exc.code, exc.detail)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError):
        return error_response(request, 400, "bad_query", str(exc))

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return error_response(request, 422, "bad_input", str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return error_response(request, 503, "archive_unavailable", str(exc))

    @app.exception_handler(ModelError)
    async def _model_error(request: Request, exc: ModelError):
        return error_response(request, 503, "model_unavailable", str(exc))

    @app.exception_handler(MarsadError)
    async def _marsad_error(request: Request, exc: MarsadError):
        return error_response(request, 400, "error", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid_request", "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal_error", f"internal error ({type(exc).__name__}); please report it")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, detail)

    # -- analysis (no archive needed) -------------------------------------------------
    def run_analysis(data: bytes, fmt: str | None, date: str | None) -> Article:
        # marsad.api.analyze, not marsad.analyze: importing the marsad.analyze subpackage
        # (the analysers) rebinds that attribute of the package to the subpackage.
        from marsad.api import analyze

        if not data.strip():
            raise InputError("the text is empty: paste an article or choose a file")
        if len(data) > max_upload_bytes:
            raise ApiError(413, "payload_too_large", f"the text is larger than the limit of {max_upload_bytes} bytes")
        if fmt is not None and fmt not in ("text", "html", "json", "jsonl"):
            raise ApiError(400, "bad_format", f"format must be text, html or json, got {fmt!r}")
        date = _iso_date(date, "date")
        try:
            return analyze(data, format=fmt, date=date)
        except MarsadError:
            raise
        except Exception as exc:  # a bug in an analyser: say so plainly, keep the details in the log
            log.exception("analysis pipeline failed")
            raise ApiError(
                500, "internal_error", f"internal error in the analysis pipeline ({type(exc).__name__}); please report it"
            ) from None

    @app.post("/api/analyze", tags=["analyse"], response_class=FastJSON, summary="Analyse one article without storing it")
    def api_analyze(body: AnalyzeRequest):
        article = run_analysis(body.text.encode("utf-8"), body.format, body.date)
        return FastJSON(article.to_dict())

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return page(request, "analyze.html", form_text="", form_date="", error=None)

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_submit(
        request: Request,
        text: str = Form(""),
        date: str = Form(""),
        file: UploadFile | None = File(None),
    ):
        fmt = None
        data = text.encode("utf-8")
        if file is not None and file.filename:
            # Only the extension of the client's file name is used (to pick a reader);
            # the name never touches the server's file system.
            suffix = Path(file.filename.replace("\\", "/")).suffix.lower()
            fmt = UPLOAD_FORMATS.get(suffix)
            data = await file.read(max_upload_bytes + 1)
        try:
            if len(data) > max_upload_bytes:
                raise ApiError(413, "payload_too_large", f"the text is larger than the limit of {max_upload_bytes} bytes")
            from starlette.concurrency import run_in_threadpool

            article = await run_in_threadpool(run_analysis, data, fmt, date or None)
        except (MarsadError, ApiError) as exc:
            status = exc.status if isinstance(exc, ApiError) else (503 if isinstance(exc, ModelError) else 422)
            return page(request, "analyze.html", status=status, form_text=text, form_date=date, error=str(exc))
        return page(request, "article.html", **article_context(request, article, None, stored=False))

    # -- article view -----------------------------------------------------------------
    def share_links(url: str, title: str) -> list[i18n.AttrDict]:
        u, tt = quote(url, safe=""), quote(title, safe="")
        # attribute dicts: the template reads s.name (see i18n.AttrDict)
        return [
            i18n.AttrDict(name="WhatsApp", href=f"https://wa.me/?text={tt}%20{u}", cls="whatsapp"),
            i18n.AttrDict(name="Facebook", href=f"https://www.facebook.com/sharer/sharer.php?u={u}", cls="facebook"),
            i18n.AttrDict(name="X", href=f"https://x.com/intent/tweet?url={u}&text={tt}", cls="x"),
            i18n.AttrDict(name="Telegram", href=f"https://t.me/share/url?url={u}&text={tt}", cls="telegram"),
            i18n.AttrDict(name="email", href=f"mailto:?subject={tt}&body={u}", cls="email"),
        ]

    def article_context(
        request: Request,
        article: Article | None,
        article_id: str | None,
        *,
        stored: bool,
        fragment: fragments.ArticleFragment | None = None,
    ) -> dict:
        """The article page's context: the article's own part rendered live from ``article``,
        or taken from its stored ``fragment``; then the parts that depend on the request."""
        if fragment is None:
            assert article is not None
            ctx = fragments.article_context(article, language(request), stored=stored)
            title = article.title
        else:
            ctx = {"article": None}
            title = fragment.title
        ctx.update(
            fragment=fragment,
            page_title=title,
            article_id=article_id,
            print_view=request.query_params.get("print") == "1",
            same_story=[],
            related=[],
            story=None,
            summary_row=None,
            reprints=[],
        )
        if article_id:
            base = str(request.base_url).rstrip("/")
            ctx["short_url"] = f"{base}/a/{article_id}"
            ctx["share"] = share_links(ctx["short_url"], title or "")
        return ctx

    def entity_latest(s, key: str) -> list:
        """Newest articles mentioning an entity (one story each), reused for a short while:
        the main people and organisations of the day recur on many article pages."""
        cache_key = ("entity_latest", key)
        now = time.monotonic()
        archive.sync_generation()
        hit = archive._cache.get(cache_key)
        if hit is not None and now - hit[0] < archive.cache_seconds:
            return hit[1]
        try:
            hits = s.entity_articles(key, 12)
        except MarsadError:
            hits = []
        with archive._lock:
            if len(archive._cache) > 4096:  # bounded: one entry per entity seen recently
                archive._cache.clear()
            archive._cache[cache_key] = (now, hits)
        return hits

    def related_articles(s, keys: list[tuple[str, float]], article_id: str, story_id: int | None, limit: int = 5) -> list:
        """Articles about the same people and organisations (``keys`` from
        :func:`fragments.related_keys`: places count half, they are broad)."""
        out = []
        seen = {article_id}
        for key, _ in keys[:2]:
            for summ in entity_latest(s, key):
                if summ.id in seen or (story_id is not None and summ.story_id == story_id):
                    continue
                seen.add(summ.id)
                out.append(summ)
                if len(out) >= limit:
                    return out
        return out

    # The article views are ``async``: their archive reads are a few indexed look-ups (~1 ms
    # with a stored fragment; "related articles" 0.2 ms for most entities, up to ~5 ms for the
    # most mentioned ones, then reused for a minute), cheaper than the hand-off to a worker
    # thread and back, which on a busy machine waits for the scheduler twice.
    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: str):
        s = need_store(request)
        full = find_article_id(s, article_id)
        if full != article_id:
            return RedirectResponse(f"/articles/{full}", status_code=301)
        return article_page_response(request, s, full)

    def article_page_response(request: Request, s, full: str) -> Response:
        """The page of the stored article with the full id ``full`` (ApiError 404 if none)."""
        blob = s.get_fragment(full, fragments.kind(language(request)))
        fragment = fragments.decode(blob) if blob is not None else None
        if fragment is not None:
            ctx = article_context(request, None, full, stored=True, fragment=fragment)
            keys = fragment.related_keys
        else:
            raw = s.article_json(full)
            if raw is None:
                raise ApiError(404, "not_found", f"no article with id {full!r}")
            article = Article.from_dict(json.loads(raw))
            ctx = article_context(request, article, full, stored=True)
            keys = fragments.related_keys(article)
        summary = s.get_summary(full)
        ctx["summary_row"] = summary
        story_id = summary.story_id if summary else None
        if story_id is not None:
            size, first = s.story_articles(story_id, 9)
            if size > 1:
                ctx["story"] = i18n.AttrDict(id=story_id, size=size)
                ctx["same_story"] = [a for a in first if a.id != full][:8]
        # Exact reprints are cheap to list; near-duplicates are left to the story list (same
        # story) because finding them costs a scan per article view.
        if summary is None or summary.duplicates:
            ctx["reprints"] = s.reprints(full)[:20]
        if keys:
            ctx["related"] = related_articles(s, keys, full, story_id)
        return page(request, "article.html", **ctx)

    @app.get("/a/{short}", include_in_schema=False)
    async def short_link(request: Request, short: str):
        s = need_store(request)
        return RedirectResponse(f"/articles/{find_article_id(s, short)}", status_code=302)

    @app.get("/api/articles/{article_id}", tags=["archive"], response_class=FastJSON, summary="One stored article (Article schema)")
    async def api_article(request: Request, article_id: str):
        s = need_store(request)
        return api_article_response(s, find_article_id(s, article_id))

    def api_article_response(s, full: str) -> Response:
        raw = s.article_json(full)
        if raw is None:
            raise ApiError(404, "not_found", f"no article with id {full!r}")
        body = stored_json_as_current(raw)
        if body is not None:
            return Response(body, media_type="application/json")
        article = Article.from_dict(json.loads(raw))
        return FastJSON(article.to_dict())

    def fast_article_response(scope, api: bool, article_id: str) -> Response | None:
        """For :class:`FastArticles`: the answer for a stored article's exact id, or None to
        leave the request to the app (no archive, no such article, or any error: the app then
        answers it the usual way)."""
        s = archive.get()
        if s is None:
            return None
        try:
            if api:
                return api_article_response(s, article_id)
            return article_page_response(Request(scope), s, article_id)
        except Exception:  # the app's route runs again and reports it properly
            return None

    if fast_articles:
        # innermost: answers still go through the response cache and get the security headers
        app.user_middleware.append(Middleware(FastArticles, answer=fast_article_response))

    # -- search -----------------------------------------------------------------------
    def entity_filter_key(s, value: str | None) -> str | None:
        """An entity key for the search filter: keys pass through; a name typed by hand is
        looked up under each entity type (the key is "TYPE:normalised name")."""
        value = _clean_text(value, "entity", 200)
        if value is None or value.split(":", 1)[0] in render.ENTITY_TYPES:
            return value
        from marsad.text.names import entity_key

        best, best_count = value, -1
        for kind in render.ENTITY_TYPES:
            detail = s.entity(entity_key(kind, value))
            if detail is not None and detail.articles > best_count:
                best, best_count = detail.key, detail.articles
        return best

    def search_params(s, q, source, date_from, date_to, entity, topic):
        from marsad.store import SearchFilters

        q = _clean_text(q, "q") or ""
        filters = SearchFilters(
            sources=[_clean_text(source, "source", 200)] if _clean_text(source, "source", 200) else None,
            date_from=_iso_date(date_from, "from"),
            date_to=_iso_date(date_to, "to"),
            entity=entity_filter_key(s, entity),
            topic=_clean_text(topic, "topic", 200),
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise ApiError(400, "bad_date", "'from' is after 'to'")
        return q, filters

    @app.get("/api/search", tags=["archive"], response_class=FastJSON, summary="Arabic-aware full-text search, results grouped by story")
    def api_search(
        request: Request,
        q: str = Query("", description="query: words, \"phrases\", AND / OR / NOT"),
        source: str | None = Query(None, description="outlet (Source.site)"),
        date_from: str | None = Query(None, alias="from", description="ISO date, inclusive"),
        date_to: str | None = Query(None, alias="to", description="ISO date, inclusive"),
        entity: str | None = Query(None, description="entity key"),
        topic: str | None = Query(None, description="topic label"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        page_size: int = Query(10, ge=1, le=MAX_PAGE_SIZE),
        collapse: bool = Query(True, description="group results by story"),
    ):
        s = need_store(request)
        query, filters = search_params(s, q, source, date_from, date_to, entity, topic)
        res = archive.search(s, query, filters, page=page, page_size=page_size, collapse=collapse)
        out = res.to_dict()
        out["pages"] = max(1, math.ceil(res.total / page_size)) if res.total else 0
        for hit in out["hits"]:
            hit["article"]["url_path"] = f"/articles/{hit['article']['id']}"
        return FastJSON(out)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: str = "",
        source: str = "",
        date_from: str = Query("", alias="from"),
        date_to: str = Query("", alias="to"),
        entity: str = "",
        topic: str = "",
        page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE),
        size: int = Query(10, ge=1, le=50),
    ):
        form = {"q": q, "source": source, "from": date_from, "to": date_to, "entity": entity, "topic": topic}
        s = archive.get()
        ctx: dict[str, Any] = {"form": form, "results": None, "error": None, "sources": [], "pages": []}
        if s is None:
            ctx["error"] = i18n.labels(language(request))["no_archive"]
            return page(request, "search.html", status=503, **ctx)
        ctx["sources"] = archive.cached("sources")
        if not any(v.strip() for v in form.values()):
            return page(request, "search.html", **ctx)
        try:
            query, filters = search_params(s, q, source, date_from, date_to, entity, topic)
            page_size = size
            res = archive.search(s, query, filters, page=page_no, page_size=page_size, collapse=True)
        except (ApiError, QueryError) as exc:
            ctx["error"] = str(exc)
            return page(request, "search.html", status=400, **ctx)
        ctx["results"] = res
        ctx["snippets"] = [render.highlight_terms(h.snippet, [tuple(x) for x in h.highlights]) for h in res.hits]
        last = max(1, math.ceil(res.total / page_size))
        keep = {k: v for k, v in form.items() if v}
        if size != 10:
            keep["size"] = str(size)

        def url_for_page(n: int) -> str:
            return "/search?" + urlencode({**keep, "page": n})

        window = range(max(1, page_no - 3), min(last, page_no + 3) + 1)
        ctx["pages"] = [{"n": n, "href": url_for_page(n), "current": n == page_no} for n in window]
        ctx["prev_href"] = url_for_page(page_no - 1) if page_no > 1 else None
        ctx["next_href"] = url_for_page(page_no + 1) if page_no < last else None
        ctx["page_no"] = page_no
        ctx["last_page"] = last
        return page(request, "search.html", **ctx)

    # -- home -------------------------------------------------------------------------
    def home_stories(stats) -> tuple[list, tuple[str, str] | None]:
        """Largest stories of the archive's last week (of all time when that week has none)."""
        if stats.last:
            try:
                last = dt.date.fromisoformat(stats.last[:10])
            except ValueError:
                last = None
            if last is not None:
                first = (last - dt.timedelta(days=HOME_PERIOD_DAYS - 1)).isoformat()
                recent = archive.cached("stories", top=8, date_from=first, date_to=last.isoformat())
                if recent:
                    return recent, (first, last.isoformat())
        return archive.cached("stories", top=8), None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        s = archive.get()
        ctx: dict[str, Any] = {
            "db_path": archive.db_path, "latest": [], "stories": [], "entities": [], "stats": None, "period": None,
        }
        if s is not None:
            stats = archive.cached("stats")
            ctx["stats"] = stats
            if stats.articles:
                ctx["latest"] = archive.cached("latest", limit=12)
                ctx["stories"], ctx["period"] = home_stories(stats)
                ctx["entities"] = archive.cached("entities", top=20)
        return page(request, "home.html", **ctx)

    # -- entities ---------------------------------------------------------------------
    def entity_quotes(s, key: str, recent) -> list[dict]:
        """The entity's quotes in its recent articles; a quote reprinted by several outlets shows once."""
        from marsad.text import normalize

        quotes: dict[str, dict] = {}
        for summ in recent[:ENTITY_QUOTE_SCAN]:
            art = s.get_article(summ.id)
            if art is None:
                continue
            for q in art.quotes:
                if q.speaker_entity != key:
                    continue
                norm = " ".join(normalize(q.text).split())
                if norm in quotes:
                    quotes[norm]["also"].append(summ)
                else:
                    quotes[norm] = {"text": q.text, "article": summ, "kind": q.kind, "also": []}
        return list(quotes.values())[:20]

    @app.get("/api/entities", tags=["archive"], response_class=FastJSON, summary="Most mentioned entities")
    def api_entities(
        request: Request,
        type: str | None = Query(None, pattern="^(PERS|LOC|ORG|MISC)$"),
        source: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
    ):
        s = need_store(request)
        rows = s.entities(
            top=page * page_size + 1,
            date_from=_iso_date(date_from, "from"),
            date_to=_iso_date(date_to, "to"),
            source=_clean_text(source, "source", 200),
            type=type,
        )
        return FastJSON(
            _page_of(rows, page, page_size, "entities", lambda e: e.to_dict() | {"url_path": render.entity_href(e.key)})
        )

    @app.get("/api/entities/{key:path}", tags=["archive"], response_class=FastJSON, summary="One entity over time, with related entities")
    def api_entity(request: Request, key: str):
        s = need_store(request)
        detail = s.entity(_clean_text(key, "key", 200) or "")
        if detail is None:
            raise ApiError(404, "not_found", f"no entity with key {key!r}")
        out = detail.to_dict()
        out["quotes"] = [
            {"text": q["text"], "kind": q["kind"], "article_id": q["article"].id, "also": [a.id for a in q["also"]]}
            for q in entity_quotes(s, detail.key, detail.recent)
        ]
        return FastJSON(out)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, type: str = ""):
        s = need_store(request)
        etype = type if type in render.ENTITY_TYPES else None
        return page(request, "entities.html", entities=archive.cached("entities", top=100, type=etype), current_type=etype or "",
                    entity_types=render.ENTITY_TYPES)

    @app.get("/entities/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, key: str, page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)):
        s = need_store(request)
        detail = s.entity(_clean_text(key, "key", 200) or "")
        if detail is None:
            raise ApiError(404, "not_found", f"no entity with key {key!r}")
        from marsad.store import SearchFilters

        t = i18n.labels(language(request))
        page_size = 20
        res = s.search("", SearchFilters(entity=detail.key), page=page_no, page_size=page_size, collapse=False)
        last = max(1, math.ceil(res.total_articles / page_size)) if res.total_articles else 1
        base = render.entity_href(detail.key)
        return page(
            request,
            "entity.html",
            entity=detail,
            chart=charts.bar_chart(detail.by_day, f"{t['mentions_over_time']}: {detail.name}"),
            quotes=entity_quotes(s, detail.key, detail.recent),
            articles=[h.article for h in res.hits] or detail.recent,
            prev_href=f"{base}?page={page_no - 1}" if page_no > 1 else None,
            next_href=f"{base}?page={page_no + 1}" if page_no < last else None,
            page_no=page_no,
            last_page=last,
        )

    # -- stories ----------------------------------------------------------------------
    @app.get("/api/stories", tags=["archive"], response_class=FastJSON, summary="Largest stories")
    def api_stories(
        request: Request,
        source: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        min_size: int = Query(2, ge=1, le=10000),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
    ):
        s = need_store(request)
        rows = s.stories(
            top=page * page_size + 1,
            date_from=_iso_date(date_from, "from"),
            date_to=_iso_date(date_to, "to"),
            source=_clean_text(source, "source", 200),
            min_size=min_size,
        )
        return FastJSON(
            _page_of(rows, page, page_size, "stories", lambda st: st.to_dict() | {"url_path": f"/stories/{st.id}"})
        )

    def story_versions(s, story) -> list[dict]:
        """Each article of the story compared with the earliest one."""
        versions = []
        base_article = None
        for summ in story.articles[:STORY_COMPARE_LIMIT]:
            art = s.get_article(summ.id)
            if art is None:
                continue
            if base_article is None:
                base_article = art
                versions.append({"article": summ, "first": True, "diff": None})
                continue
            versions.append({"article": summ, "first": False, "diff": compare_versions(base_article, art)})
        return versions

    @app.get("/api/stories/{story_id}", tags=["archive"], response_class=FastJSON, summary="One story with its articles in time order")
    def api_story(request: Request, story_id: int):
        s = need_store(request)
        story = s.story(story_id)
        if story is None:
            raise ApiError(404, "not_found", f"no story with id {story_id}")
        out = story.to_dict()
        for a in out["articles"]:
            a["url_path"] = f"/articles/{a['id']}"
        out["versions"] = []
        for v in story_versions(s, story):
            item = {"id": v["article"].id, "first": v["first"]}
            if v["diff"]:
                diff = v["diff"]
                item.update(
                    added=diff["added"],
                    missing=diff["missing"],
                    changed=[{"from": c["from"], "to": c["to"]} for c in diff["changed"]],
                    similarity=diff["similarity"],
                )
            out["versions"].append(item)
        return FastJSON(out)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request):
        s = need_store(request)
        return page(request, "stories.html", stories=archive.cached("stories", top=50))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int):
        s = need_store(request)
        story = s.story(story_id)
        if story is None:
            raise ApiError(404, "not_found", f"no story with id {story_id}")
        by_day: dict[str, list] = {}
        for summ in story.articles:
            by_day.setdefault((summ.published or "")[:10] or "?", []).append(summ)
        return page(
            request,
            "story.html",
            story=story,
            days=sorted(by_day.items()),
            versions=story_versions(s, story),
        )

    @app.get("/healthz", include_in_schema=False)
    def health():
        return FastJSON({"ok": True, "archive": archive.get() is not None})

    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (used by ``marsad serve`` so --workers can re-import it)."""
    import os

    from marsad.store import default_db_path

    entries = os.environ.get("MARSAD_SERVE_CACHE", "").strip()
    # MARSAD_SERVE_CACHE=0 turns the response cache off (benchmarks measure rendering with it)
    return create_app(
        os.environ.get("MARSAD_SERVE_DB") or default_db_path(),
        cache_entries=int(entries) if entries.isdigit() else DEFAULT_MAX_ENTRIES,
    )
