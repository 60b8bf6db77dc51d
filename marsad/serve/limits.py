"""Request body size limit as plain ASGI middleware (before any parsing happens)."""

from __future__ import annotations

import json

# 1 MiB of article text is far above any real news article (the largest SaudiNewsNet
# article is ~60 kB); multipart framing needs a little more than the file itself.
MAX_UPLOAD_BYTES = 1024 * 1024
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


class BodySizeLimit:
    """Answer 413 when a request body is larger than ``max_bytes``.

    Checks ``Content-Length`` up front and counts streamed (chunked) bodies as they
    arrive, so a client cannot bypass the limit by omitting the header.
    """

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, scope, send) -> None:
        path = scope.get("path", "")
        message = f"request body too large: the limit is {self.max_bytes} bytes"
        if path.startswith("/api/"):
            body = json.dumps({"error": "payload_too_large", "detail": message}).encode()
            ctype = b"application/json"
        else:
            body = (
                '<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>413</title>'
                f"<p>الملف أو النص كبير جدًا (الحد الأقصى {self.max_bytes} بايت).</p><p lang=\"en\" dir=\"ltr\">{message}</p>"
                '<p><a href="/analyze">&larr;</a></p></html>'
            ).encode()
            ctype = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    return await self._reject(scope, send)
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        # Read the whole body (bounded) before the app sees it: a chunked body that grows
        # past the limit is refused before any parser runs.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            received += len(body)
            if received > self.max_bytes:
                return await self._reject(scope, send)
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
