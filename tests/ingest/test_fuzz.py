"""Whatever bytes come in, the readers and the cleaner answer with articles or an InputError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.clean import clean_article
from marsad.errors import InputError
from marsad.ingest import read_bytes

FRAGMENTS = [
    "<html>", "<body>", "<p>", "</p>", "<div>", "<h2>", "</h2>", "<br>", "<script>x</script>", "<!--", "-->",
    '{"title": ', '"content": ', "}", "[", "]", ",", "\n", "\n\n", '"', "\\u0000", "\x00", "\ufeff",
    "قال الوزير إن الخطة جاهزة، وستبدأ الأعمال غدا في المدينة الجديدة.", "Share on facebook", "اقرأ أيضا",
    "رابط مختصر", "كازاخستان", "###", "١٢٣", "&amp;", "<meta charset='cp1256'>", "\r\n", "\u202b",
]  # fmt: skip


def check(data: bytes, fmt=None) -> None:
    try:
        articles = list(read_bytes(data, format=fmt))
    except InputError as exc:
        assert str(exc)
        return
    for article in articles:
        article = clean_article(article)
        assert article.check_spans() == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([None, "text", "html", "json", "jsonl"]))
def test_random_bytes(data, fmt):
    check(data, fmt)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
    st.sampled_from(["utf-8", "utf-16", "cp1256"]),
    st.sampled_from([None, "html", "json", "jsonl"]),
)
def test_structured_garbage(text, encoding, fmt):
    check(text.encode(encoding, errors="ignore"), fmt)
