"""Response cache for the read-only pages and API answers of the web app.

An article page or a search result is a pure function of the archive's contents and of the
request (path, query string, host, interface language), so a rendered answer can be replayed
until the archive changes.  :class:`ArchiveGeneration` notices a change; :class:`ResponseCache`
is a bounded LRU of complete responses tagged with the generation they were computed under;
:class:`CachedResponses` is the ASGI middleware that serves them (with ETag / 304).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

# Sized for ~2,000 article pages of ~30 KB: a few tens of MB per server process.
DEFAULT_MAX_ENTRIES = 4096
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Responses larger than this are served but not kept (one huge page must not evict hundreds).
MAX_ENTRY_BYTES = 2 * 1024 * 1024

# Path prefixes whose GET answers depend only on the archive and the request.
CACHEABLE_PREFIXES = ("/articles/", "/api/articles/", "/search", "/api/search")


class ArchiveGeneration:
    """A token that changes whenever the archive's contents change.

    For an archive file the token is the (inode, size, mtime) of the database file and its
    write-ahead log: two ``stat`` calls, cheap enough to run on every request, and any commit
    by another process (``marsad ingest``) touches one of them.  For an archive without a
    file (an in-memory store, a server URL) the token is the store's ``stats()`` counts, which
    cost a query: those are re-read at most once per ``check_seconds``, so a page may then be
    up to that long out of date after an ingest.
    """

    def __init__(self, get_store: Callable[[], Any], path: str | None, check_seconds: float = 1.0) -> None:
        self._get_store = get_store
        self.path = path if path and "://" not in path and path != ":memory:" else None
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._token: Any = None

    def _file_token(self) -> tuple:
        parts = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
            except OSError:
                parts.append(None)
                continue
            parts.append((st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(parts)

    def _stats_token(self) -> tuple | None:
        store = self._get_store()
        if store is None:
            return None
        st = store.stats()
        return (st.articles, st.duplicates, st.near_duplicates, st.stories, st.first, st.last, tuple(st.sources))

    def current(self) -> Any:
        if self.path is not None:
            return self._file_token()
        now = time.monotonic()
        with self._lock:
            if now - self._checked_at >= self.check_seconds:
                self._token = self._stats_token()
                self._checked_at = now
            return self._token


class ResponseCache:
    """A thread-safe LRU of responses, bounded both in entries and in bytes.

    Entries carry the archive generation they were computed under; a lookup under another
    generation empties the cache (every entry is equally stale after an ingest).
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries = max(0, max_entries)
        self.max_bytes = max(0, max_bytes)
        self._items: OrderedDict[Any, tuple[int, list, bytes, str]] = OrderedDict()
        self._bytes = 0
        self._generation: Any = None
        self._lock = threading.Lock()
        self.hits = self.misses = self.invalidations = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def _sync(self, generation: Any) -> None:
        if generation != self._generation:
            if self._items:
                self.invalidations += 1
            self._items.clear()
            self._bytes = 0
            self._generation = generation

    def get(self, key: Any, generation: Any):
        with self._lock:
            self._sync(generation)
            hit = self._items.get(key)
            if hit is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return hit

    def put(self, key: Any, generation: Any, status: int, headers: list, body: bytes, etag: str) -> None:
        size = len(body) + sum(len(k) + len(v) for k, v in headers)
        with self._lock:
            if self.max_entries == 0 or size > min(MAX_ENTRY_BYTES, self.max_bytes):
                old = self._items.pop(key, None)
                if old is not None:
                    self._bytes -= len(old[2]) + sum(len(k) + len(v) for k, v in old[1])
                return
            # computed under an older archive: a newer answer may already be cached
            if generation != self._generation:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2]) + sum(len(k) + len(v) for k, v in old[1])
            self._items[key] = (status, headers, body, etag)
            self._bytes += size
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _, (_, h, b, _) = self._items.popitem(last=False)
                self._bytes -= len(b) + sum(len(k) + len(v) for k, v in h)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


class CachedResponses:
    """ASGI middleware: replay cached GET answers of :data:`CACHEABLE_PREFIXES`.

    Only complete 200 answers without ``Set-Cookie`` are kept (a language switch sets a
    cookie: that answer is rendered afresh).  The key holds everything a page depends on
    besides the archive: scheme, path, query string, Host (share links are absolute) and the
    language cookie.  Every cacheable answer gets an ETag and ``Cache-Control: no-cache`` (a browser
    revalidates each time and gets ``304 Not Modified`` while the archive is unchanged:
    pages list "read also" articles, so they are not immutable across ingests).
    """

    def __init__(self, app, cache: ResponseCache, generation: ArchiveGeneration, cookie: str,
                 prefixes: Iterable[str] = CACHEABLE_PREFIXES) -> None:
        self.app = app
        self.cache = cache
        self.generation = generation
        self.cookie = cookie.encode("latin-1")
        self.prefixes = tuple(prefixes)

    def _key(self, scope) -> tuple:
        host = lang = b""
        for name, value in scope.get("headers", ()):
            if name == b"host":
                host = value
            elif name == b"cookie" and self.cookie in value:
                for part in value.split(b";"):
                    k, _, v = part.strip().partition(b"=")
                    if k == self.cookie:
                        lang = v
        # scheme too: behind a proxy (X-Forwarded-Proto) share links become https://
        return (scope.get("scheme", "http"), scope["path"], scope.get("query_string", b""), host, lang)

    @staticmethod
    def _header(scope, wanted: bytes) -> str | None:
        for name, value in scope.get("headers", ()):
            if name == wanted:
                return value.decode("latin-1")
        return None

    async def _replay(self, send, scope, status: int, headers: list, body: bytes, etag: str) -> None:
        if _etag_matches(self._header(scope, b"if-none-match"), etag):
            keep = [(k, v) for k, v in headers if k in (b"etag", b"cache-control", b"vary")]
            await send({"type": "http.response.start", "status": 304, "headers": keep})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not scope["path"].startswith(self.prefixes):
            return await self.app(scope, receive, send)
        # read before the answer is computed: a change during rendering then shows as a new
        # generation on the next request, never as a stale entry under the new one
        generation = self.generation.current()
        key = self._key(scope)
        hit = self.cache.get(key, generation)
        if hit is not None:
            if scope["method"] == "HEAD":
                return await self.app(scope, receive, send)
            return await self._replay(send, scope, *hit)

        start: dict | None = None
        chunks: list[bytes] = []

        async def capture(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                headers = list(start.get("headers", []))
                status = start["status"]
                cacheable = status == 200 and not any(k == b"set-cookie" for k, _ in headers)
                if cacheable:
                    etag = _etag(body)
                    headers = [(k, v) for k, v in headers if k not in (b"etag", b"cache-control")]
                    headers += [(b"etag", etag.encode("ascii")), (b"cache-control", b"no-cache")]
                    if scope["method"] == "GET":
                        self.cache.put(key, generation, status, headers, body, etag)
                    await self._replay(send, scope, status, headers, body, etag)
                    return
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, capture)
