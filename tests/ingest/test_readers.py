"""Readers: formats, encodings, metadata fields, and clear errors for bad input."""

import codecs
import json

import pytest

from marsad.errors import InputError, MarsadError
from marsad.ingest import DEFAULT_MAX_INPUT_BYTES, detect_format, max_input_bytes, read_bytes, read_path

ARTICLE = (
    "مجلس المدينة يقر خطة للنقل العام\n\n"
    "أقر مجلس مدينة الواحة الجديدة، مساء الثلاثاء، خطة لتوسيع شبكة الحافلات لتشمل الأحياء الشرقية خلال عامين.\n\n"
    "وقال رئيس المجلس إن الخطة ستخفض زمن الرحلات اليومية بنحو الربع.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>مجلس المدينة يقر خطة للنقل العام | صحيفة الضفاف</title>
<meta property="og:title" content="مجلس المدينة يقر خطة للنقل العام">
<meta name="author" content="سلمى العابد">
<meta property="article:published_time" content="2024-03-12T18:30:00+03:00">
<meta property="article:tag" content="نقل">
<meta property="og:site_name" content="صحيفة الضفاف">
<link rel="canonical" href="https://dhifaf.example/city/transport-plan">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/city">محليات</a></nav>
<article>
<h1>مجلس المدينة يقر خطة للنقل العام</h1>
<p>أقر مجلس مدينة الواحة الجديدة، مساء الثلاثاء، خطة لتوسيع شبكة الحافلات لتشمل الأحياء الشرقية خلال عامين، بكلفة تقدر بأربعين مليون دينار.</p>
<p>وقال رئيس المجلس نادر الفارس إن الخطة "ستخفض زمن الرحلات اليومية بنحو الربع، وتقلل الازدحام في وسط المدينة".</p>
<h2>محطات جديدة</h2>
<p>وتشمل المرحلة الأولى إنشاء اثنتي عشرة محطة جديدة، وتخصيص مسارات للحافلات في الشوارع الرئيسية، على أن تبدأ الأعمال في الصيف المقبل.</p>
<p>وأوضحت عضو المجلس سلمى العابد أن الأولوية ستكون للأحياء التي تفتقر حاليا إلى أي خدمة نقل عام منتظمة.</p>
</article>
<footer>جميع الحقوق محفوظة © صحيفة الضفاف 2024</footer>
</body></html>
"""


def one(data, **kw):
    articles = list(read_bytes(data, **kw))
    assert len(articles) == 1
    return articles[0]


# --- formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"plain text", "a.txt", "text"),
        (b"anything", "a.html", "html"),
        (b"anything", "a.jsonl", "jsonl"),
        (PAGE.encode(), None, "html"),
        (b'  {"title": "x", "content": "y"}', None, "json"),
        (b'[{"content": "y"}]', None, "json"),
        (b'{"content": "a"}\n{"content": "b"}\n', None, "jsonl"),
        ("نص عادي".encode(), None, "text"),
        (b"{not json at all", None, "text"),
    ],
)
def test_detect_format(data, name, expected):
    assert detect_format(data, name) == expected


def test_plain_text_utf8():
    a = one(ARTICLE.encode("utf-8"))
    assert a.raw.startswith("مجلس المدينة")
    assert a.source.format == "text" and a.source.encoding == "utf-8" and not a.source.encoding_detected
    assert a.language == "ar" and a.warnings == []


def test_utf8_bom_and_crlf():
    a = one(codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert a.raw == ARTICLE
    assert a.source.encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    a = one(ARTICLE.encode(encoding))
    assert a.raw == ARTICLE
    assert a.source.encoding.startswith("utf-16")


@pytest.mark.parametrize("encoding, reported", [("cp1256", "cp1256"), ("iso8859_6", "iso8859-6")])
def test_legacy_arabic_code_pages_are_detected_and_reported(encoding, reported):
    text = ARTICLE.replace("،", "،")
    if encoding == "iso8859_6":
        text = text.replace('"', "")
    a = one(text.encode(encoding))
    assert a.raw == text
    assert a.source.encoding == reported
    assert a.source.encoding_detected
    assert any("not UTF-8" in w for w in a.warnings)


def test_html_main_content_and_metadata():
    a = one(PAGE.encode("utf-8"), name="page.html")
    assert a.source.format == "html"
    assert a.title == "مجلس المدينة يقر خطة للنقل العام"
    assert a.author == "سلمى العابد"
    assert a.published is not None and a.published.value.startswith("2024-03-12") and a.published.origin == "html"
    assert "نقل" in a.tags
    assert a.source.url == "https://dhifaf.example/city/transport-plan"
    assert a.source.site == "dhifaf.example"
    assert "## محطات جديدة" in a.raw.split("\n")  # the subheading survives as a heading line
    assert "محليات" not in a.raw and "جميع الحقوق" not in a.raw  # nav and footer are not content
    assert a.raw_html is not None


def test_html_misdeclared_charset_is_detected():
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("©", "(c)")
    a = one(page.encode("cp1256"), format="html")
    assert "مجلس مدينة الواحة" in a.raw
    assert a.source.encoding == "cp1256" and a.source.encoding_detected
    assert any("looks wrong" in w for w in a.warnings)


@pytest.mark.parametrize("broken", ["<html><body><div><p>نص <b>مكسور بلا إغلاق", "<p><<<>>></p></div></span>"])
def test_broken_html_gives_text_or_a_clear_error(broken):
    try:
        a = one(broken.encode("utf-8"), format="html")
    except InputError as exc:
        assert "HTML" in str(exc)
    else:
        assert a.raw.strip()


def test_html_without_text_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        one(b"<html><head><title>x</title></head><body><div></div></body></html>", format="html")


# --- JSON --------------------------------------------------------------------------

RECORD = {
    "source": "الضفاف",
    "url": "https://www.dhifaf.example/x/1",
    "date_extracted": "2024-03-12 18:30:05",
    "title": "عنوان الخبر",
    "author": "كاتب",
    "content": ARTICLE,
    "lang": "ar",
}


def test_json_object_fields():
    a = one(json.dumps(RECORD, ensure_ascii=False).encode("utf-8"))
    assert a.source.format == "json" and a.source.record is None
    assert a.title == "عنوان الخبر" and a.author == "كاتب"
    assert a.published.value == "2024-03-12T18:30:05" and a.published.origin == "metadata"
    assert a.source.url == RECORD["url"] and a.source.site == "الضفاف"
    assert a.raw == ARTICLE
    assert a.meta["lang"] == "ar"


@pytest.mark.parametrize(
    "fields",
    [
        {"headline": "ع", "text": ARTICLE, "link": "https://a.example/1", "published_at": "2024-03-12"},
        {"title": "ع", "body": ARTICLE, "pubDate": "Tue, 12 Mar 2024 18:30:00 +0300"},
        {"name": "ع", "article": ARTICLE, "datePublished": "12/03/2024"},
    ],
)
def test_json_common_field_names(fields):
    a = one(json.dumps(fields, ensure_ascii=False).encode())
    assert a.title == "ع" and a.raw == ARTICLE
    assert a.published.value.startswith("2024-03-12")


def test_json_array_and_wrapped_records():
    arr = json.dumps([RECORD, RECORD | {"title": "ثان"}], ensure_ascii=False).encode()
    articles = list(read_bytes(arr))
    assert [a.title for a in articles] == ["عنوان الخبر", "ثان"]
    assert [a.source.record for a in articles] == [0, 1]
    wrapped = json.dumps({"articles": [RECORD, RECORD]}, ensure_ascii=False).encode()
    assert len(list(read_bytes(wrapped))) == 2


def test_jsonl_records_and_line_errors():
    lines = "\n".join(json.dumps(RECORD | {"title": str(i)}, ensure_ascii=False) for i in range(3)) + "\n\n"
    articles = list(read_bytes(lines.encode(), format="jsonl"))
    assert [a.title for a in articles] == ["0", "1", "2"]
    assert [a.source.record for a in articles] == [0, 1, 2]
    assert all(a.source.format == "jsonl" for a in articles)
    with pytest.raises(InputError, match="line 2"):
        list(read_bytes(b'{"content": "x"}\n{broken\n', format="jsonl"))


def test_json_record_with_html_content_goes_through_the_html_path():
    a = one(json.dumps({"url": "https://dhifaf.example/a", "html": PAGE}, ensure_ascii=False).encode())
    assert a.title == "مجلس المدينة يقر خطة للنقل العام"
    assert a.raw_html is not None and a.source.format == "json"


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"title": "x"}', "no text field"),
        (b"[]", "empty"),
        (b"[1, 2", "invalid JSON"),
        (b'"just a string"', "expected an object"),
        (b"[1]", "expected an object"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    ],
)
def test_json_errors(data, message):
    with pytest.raises(InputError, match=message):
        list(read_bytes(data, format="json"))


def test_a_lone_surrogate_escaped_in_json_becomes_a_replacement_character():
    body = "أعلنت الوزارة اليوم عن خطة جديدة لتطوير التعليم في المدارس الحكومية خلال العام المقبل."
    data = ('{"title": "خبر \\ud83d\\ude00", "content": "' + body + ' \\ud800 ' + body + '"}').encode("utf-8")
    (a,) = list(read_bytes(data, format="json"))
    assert a.title == "خبر 😀"  # a whole pair is one character
    assert "\ufffd" in a.raw and not any(0xD800 <= ord(c) <= 0xDFFF for c in a.raw)
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")  # storable and printable
    (b,) = list(read_bytes(data, format="jsonl"))
    assert b.raw == a.raw


def test_json_nested_too_deeply_is_invalid_json_whatever_the_reader():
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(InputError, match="nested too deeply"):
        list(read_bytes(deep, name="deep.json"))  # the format from the file name
    with pytest.raises(InputError, match="nested too deeply"):
        list(read_bytes(b'{"content": "x"}\n' + deep, format="jsonl"))


def test_unreadable_date_is_a_warning():
    a = one(json.dumps({"content": ARTICLE, "date": "قبل ساعتين"}, ensure_ascii=False).encode())
    assert a.published is None
    assert any("unreadable date" in w for w in a.warnings)


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", codecs.BOM_UTF8 + b"  \n", b"\x00\x00\x00"])
def test_empty_input(data):
    with pytest.raises(InputError, match="empty"):
        list(read_bytes(data))


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "zip"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_binary_input(data, what):
    with pytest.raises(InputError, match=what):
        list(read_bytes(data))


def test_non_arabic_text_is_processed_with_a_warning():
    a = one(b"The council approved a new transport plan on Tuesday. It will extend bus lines to the east.")
    assert a.language == "en"
    assert any("not Arabic" in w for w in a.warnings)


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown input format"):
        list(read_bytes(b"x", format="pdf"))


# --- size limit --------------------------------------------------------------------


def test_size_limit_parameter_and_environment(monkeypatch):
    assert max_input_bytes() == DEFAULT_MAX_INPUT_BYTES
    with pytest.raises(InputError, match="over the 100-byte limit"):
        list(read_bytes(b"x" * 101, max_bytes=100))
    monkeypatch.setenv("MARSAD_MAX_INPUT_BYTES", "50")
    assert max_input_bytes() == 50
    with pytest.raises(InputError, match="--max-bytes or MARSAD_MAX_INPUT_BYTES"):
        list(read_bytes(ARTICLE.encode()))
    monkeypatch.setenv("MARSAD_MAX_INPUT_BYTES", "lots")
    with pytest.raises(InputError, match="MARSAD_MAX_INPUT_BYTES"):
        max_input_bytes()


def test_200_mb_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match="209,715,200 bytes, over the 20,000,000-byte limit"):
        list(read_path(big))


def test_read_path_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_path(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="directory"):
        list(read_path(tmp_path))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: input is empty"):
        list(read_path(empty))


def test_read_path_sets_the_path(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    (a,) = list(read_path(f))
    assert a.source.path == str(f)


def test_every_error_is_a_marsad_error():
    assert issubclass(InputError, MarsadError)


def test_empty_record_in_a_batch_is_a_warning_not_an_error():
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in [RECORD, RECORD | {"content": ""}, RECORD]).encode()
    articles = list(read_bytes(data, format="jsonl"))
    assert len(articles) == 3
    assert articles[1].raw == "" and any("empty text field" in w for w in articles[1].warnings)
    with pytest.raises(InputError, match="empty text field"):
        list(read_bytes(json.dumps(RECORD | {"content": ""}).encode(), format="json"))
