"""Input expansion and the zip / WARC readers."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest

from corpus.fictional import generate
from marsad.corpus.sources import Rejected, expand, iter_inputs
from marsad.errors import InputError
from marsad.ingest.warc import read_warc
from marsad.ingest.zipped import read_zip, zip_members


@pytest.fixture(scope="module")
def records():
    return [a.record() for a in generate(4, seed=2)]


def test_zip_members_read_in_place(tmp_path, records):
    z = tmp_path / "d.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("2031-03-01.json", json.dumps(records, ensure_ascii=False))
        zf.writestr("__MACOSX/._junk.json", "x")
        zf.writestr("image.png", b"\x89PNG")
    assert zip_members(z) == ["2031-03-01.json"]
    arts = list(read_zip(z))
    assert [a.source.url for a in arts] == [r["url"] for r in records]
    assert arts[0].source.path.endswith("d.zip!2031-03-01.json")
    assert arts[0].published.value.startswith("2031-03-01")


def test_zip_member_over_limit_is_refused_before_unpacking(tmp_path, records):
    z = tmp_path / "big.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", json.dumps(records * 50, ensure_ascii=False))
    with pytest.raises(InputError, match="limit"):
        list(read_zip(z, max_bytes=1000))
    items = list(iter_inputs([str(z)], max_bytes=1000))
    assert len(items) == 1 and isinstance(items[0], Rejected)


def test_not_a_zip(tmp_path):
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a readable zip"):
        zip_members(bad)


def test_expand_folders_globs_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.json", "a.jsonl", "sub/c.html", ".hidden.json", "notes.csv"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    got = [p if isinstance(p, str) else p.reason for p in expand([str(tmp_path)])]
    assert [p.replace(str(tmp_path) + "/", "") for p in got] == ["a.jsonl", "b.json", "sub/c.html"]
    assert [p.replace(str(tmp_path) + "/", "") for p in expand([str(tmp_path / "*.json*")])] == ["a.jsonl", "b.json"]
    (missing,) = list(expand([str(tmp_path / "nope.json")]))
    assert isinstance(missing, Rejected)
    empty = tmp_path / "empty"
    empty.mkdir()
    (none,) = list(expand([str(empty)]))
    assert "no readable file" in none.reason


def _warc(records) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for r in records:
        html = (
            f"<html><head><title>{r['title']}</title></head><body><article><h1>{r['title']}</h1>"
            + "".join(f"<p>{line}</p>" for line in r["content"].split("\n"))
            + "</article></body></html>"
        ).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(r["url"], "response", payload=io.BytesIO(html), http_headers=headers))
    redirect = StatusAndHeaders("301 Moved", [("Location", "https://x.example/")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("https://x.example/old", "response", payload=io.BytesIO(b""), http_headers=redirect)
    )
    return buf.getvalue()


def test_warc_gz_html_responses(tmp_path, records):
    w = tmp_path / "crawl.warc.gz"
    w.write_bytes(_warc(records))
    arts = list(read_warc(w))
    assert [a.source.url for a in arts] == [r["url"] for r in records]
    assert all(a.source.format == "warc" for a in arts)
    assert "مليون" in arts[0].raw
    assert len([a for a in iter_inputs([str(w)]) if not isinstance(a, Rejected)]) == len(records)


def test_truncated_warc_is_an_input_error(tmp_path, records):
    w = tmp_path / "cut.warc.gz"
    w.write_bytes(_warc(records)[:300])
    items = list(iter_inputs([str(w)]))
    assert any(isinstance(i, Rejected) for i in items)


def test_a_warc_record_warcio_cannot_parse_rejects_the_file_and_keeps_the_pages_before_it(tmp_path, records):
    # a response record without WARC-Target-URI: warcio fails on it with an AttributeError
    bad = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 30\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n\r\n"
    w = tmp_path / "crawl.warc.gz"
    w.write_bytes(_warc(records) + gzip.compress(bad))
    items = list(iter_inputs([str(w)]))
    pages = [i for i in items if not isinstance(i, Rejected)]
    assert [a.source.url for a in pages] == [r["url"] for r in records]
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert "malformed WARC record" in rejected.reason and "could not be parsed" in rejected.reason
    (alone,) = list(iter_inputs([str(_write(tmp_path / "bad.warc.gz", gzip.compress(bad)))]))
    assert isinstance(alone, Rejected) and "malformed WARC record after 0 page(s)" in alone.reason


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_json_file_nested_too_deeply_is_rejected_and_the_others_are_read(tmp_path, records):
    (tmp_path / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (tmp_path / "day.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    assert len([i for i in items if not isinstance(i, Rejected)]) == len(records)
    (rejected,) = [i for i in items if isinstance(i, Rejected)]
    assert "nested too deeply" in rejected.reason


def test_read_path_dispatches_archives(tmp_path, records):
    from marsad.ingest import read_path

    z = tmp_path / "day.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("d.json", json.dumps(records, ensure_ascii=False))
    assert [a.source.url for a in read_path(z)] == [r["url"] for r in records]
    w = tmp_path / "crawl.warc.gz"
    w.write_bytes(_warc(records))
    assert len(list(read_path(w))) == len(records)
