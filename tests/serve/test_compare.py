"""Story versions: added, missing and edited sentences."""

from __future__ import annotations

from marsad.document import Article
from marsad.serve.compare import compare_versions, word_diff


def test_added_missing_edited_and_moved_sentences():
    base = Article(text="افتتح الوزير المحطة الجديدة يوم الأحد. وبلغت الكلفة مليار ريال. وحضر الحفل عدد من المسؤولين.")
    other = Article(
        text="وحضر الحفل عدد من المسؤولين. افتتح الوزير المحطة الجديدة صباح الأحد. وستعمل المحطة بالطاقة الشمسية."
    )
    diff = compare_versions(base, other)
    assert diff["added"] == ["وستعمل المحطة بالطاقة الشمسية."]
    assert diff["missing"] == ["وبلغت الكلفة مليار ريال."]
    assert [c["to"] for c in diff["changed"]] == ["افتتح الوزير المحطة الجديدة صباح الأحد."]
    assert str(diff["changed"][0]["html"]) == "افتتح الوزير المحطة الجديدة <del>يوم</del> <ins>صباح</ins> الأحد."
    assert 0 < diff["similarity"] < 1


def test_identical_versions_have_no_differences():
    art = Article(text="خبر أول. خبر ثان.")
    assert compare_versions(art, Article(text=art.text)) == {"added": [], "missing": [], "changed": [], "similarity": 1.0}


def test_word_diff_escapes_text():
    out = str(word_diff("قال <b>الوزير</b> اليوم", "قال <script>x</script> اليوم"))
    assert "<script>" not in out and "<b>" not in out
    assert "<del>&lt;b&gt;الوزير&lt;/b&gt;</del>" in out and "<ins>&lt;script&gt;x&lt;/script&gt;</ins>" in out
