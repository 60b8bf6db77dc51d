"""The line classifier and structure detection (fictional fixtures; the shared sample at the end)."""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import clean_article, line_key, set_site_line_frequency
from marsad.document import Article, Source
from marsad.ingest import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
SAMPLE = SHARED / "samples" / "000_c474bd9763c7905e.txt"
ARABIC_HTML = SHARED / "data" / "html" / "newspaper4k" / "html" / "arabic_article.html"
DEMO = ROOT / "marsad" / "samples" / "demo_article.txt"

P1 = "أعلنت بلدية المدينة الساحلية، صباح اليوم، افتتاح حديقة عامة جديدة على مساحة عشرين هكتارا قرب الميناء القديم."
P2 = "وقال رئيس البلدية إن الحديقة ستضم مسارات للدراجات وملاعب للأطفال ومكتبة صغيرة مفتوحة طوال أيام الأسبوع."
P3 = "وأوضح أن كلفة المشروع بلغت ثمانية ملايين دينار، موّلت الحكومة نصفها فيما تكفلت شركات محلية بالباقي."


def clean(text, **kw):
    return clean_article(Article(raw=text, **kw))


def kept(article):
    return [b.text for b in article.blocks]


def removed(article):
    return {r.text: r.reason for r in article.removed}


# --- the demo article (all the usual noise) ------------------------------------------


@pytest.fixture(scope="module")
def demo():
    (article,) = list(read_path(DEMO))
    return clean_article(article)


def test_demo_title_tags_date(demo):
    assert demo.title == "افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في مدينة الواحة الجديدة"
    assert demo.tags == ["اقتصاد"]
    assert demo.published.value == "2025-01-05" and demo.published.origin == "text"
    assert demo.reference_date == "2025-01-05"  # for the time analyser, which runs after cleaning
    assert demo.title not in demo.text


def test_demo_structure(demo):
    kinds = [b.kind for b in demo.blocks]
    assert kinds.count("heading") == 1
    assert demo.blocks[kinds.index("heading")].text == "تمويل وشراكات"
    assert len(demo.blocks) == 10
    assert demo.check_spans() == []
    assert demo.text == "\n\n".join(b.text for b in demo.blocks)


def test_demo_noise_removed_with_reasons(demo):
    reasons = removed(demo)
    assert reasons["Share on facebook"] == "share widget"
    assert reasons["شارك عبر واتساب"] == "share widget"
    assert reasons["الرابط المختصر: https://dhifaf.example/n/8842"] == "short link"
    assert reasons["اقرأ أيضاً"] == "read-also header"
    assert reasons["الحكومة تقر خطة لأربع محطات تحلية جديدة"] == "related-links block"
    assert reasons["تابعونا على تويتر وفيسبوك"] == "follow / subscribe prompt"
    assert reasons["جميع الحقوق محفوظة © صحيفة الضفاف 2025"] == "copyright notice"
    assert reasons[demo.title] == "repeated title"
    assert all(r.score is not None and r.score >= 1.0 for r in demo.removed)
    for line in reasons:
        assert line not in kept(demo)


# --- unseen variants go, prose stays -------------------------------------------------


@pytest.mark.parametrize(
    "widget",
    [
        "شارك عبر واتساب",
        "شاركها على تلغرام",
        "تابعونا على",
        "تابعونا على إنستغرام",
        "اقرأ المزيد",
        "طالع أيضا",
        "أخبار ذات صلة",
        "Share via WhatsApp",
        "Follow us on Twitter",
        "Read more",
        "رابط مختصر",
        "انسخ الرابط",
        "اشترك في نشرتنا البريدية",
        "© 2025 جميع الحقوق محفوظة",
        "أضف تعليقا",
        "12 تعليق",
        "Facebook",
        "واتساب",
    ],
)
def test_unseen_widget_variants_are_removed(widget):
    article = clean("\n\n".join([P1, P2, widget, P3]))
    assert widget not in kept(article), removed(article)
    assert kept(article) == [P1, P2, P3]


@pytest.mark.parametrize(
    "sentence",
    [
        "ونشر الوزير على فيسبوك صورة من الاجتماع",
        "وقال متحدث إن الوزارة ستعلن التفاصيل عبر حسابها على تويتر وتلغرام خلال الأسبوع المقبل.",
        "وشارك في الحفل عدد كبير من سكان الأحياء المجاورة",
        "The minister posted a photo of the meeting on Facebook.",
    ],
)
def test_prose_that_mentions_networks_stays(sentence):
    article = clean("\n\n".join([P1, sentence, P2, P3]))
    assert sentence in kept(article), removed(article)


def test_a_column_s_sms_footer_goes_and_the_operators_in_prose_stay():
    footer = ["للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين تبدأ",
              "بالرمز 134 مسافة ثم الرسالة"]
    news = "وأعلنت شركة موبايلي أرباحها للربع الثاني، فيما تراجعت أرباح زين والاتصالات السعودية."
    article = clean("\n\n".join([P1, news, P2, P3, *footer]))
    assert kept(article) == [P1, news, P2, P3], removed(article)
    assert removed(article)[footer[1]] == "follow / subscribe prompt"
    split = ["الاتصالات ,636250 موبايلي, 738303", "زين تبدأ بالرمز 162 مسافة ثم الرسالة"]
    assert kept(clean("\n\n".join([P1, P2, P3, *split]))) == [P1, P2, P3]


def test_a_guarded_last_line_goes_only_when_boilerplate_covers_nearly_all_of_it():
    footer = "للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، 738303 زين تبدأ بالرمز 153 مسافة ثم الرسالة"
    article = clean("\n\n".join([P1, P2, P3, footer]))
    assert kept(article) == [P1, P2, P3], removed(article)
    # prose that ends the article and names networks and a share button keeps its place
    last = "وقال المتحدث إن الوزارة ستنشر التفاصيل عبر حسابها على تويتر وفيسبوك، وتدعو إلى مشاركتها."
    assert kept(clean("\n\n".join([P1, P2, P3, last]))) == [P1, P2, P3, last]


def test_an_sms_footer_glued_to_the_author_s_address_goes_with_it():
    glued = ("writer@example.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (41) ثم مسافة ثم نص الرسالة "
             "إلى 88591 - Stc 635031 - Mobily 737221 - Zain")
    article = clean("\n\n".join([P1, P2, P3, glued]))
    assert kept(article) == [P1, P2, P3], removed(article)
    assert removed(article)["writer@example.com"] == "contact address"
    # an address inside a sentence, with a space after it, stays in its line
    sentence = "وأوضح أن الطلبات تستقبل عبر البريد info@example.com حتى نهاية الشهر الجاري، وفق البيان."
    assert sentence in kept(clean("\n\n".join([P1, sentence, P2, P3])))


def _shaped(text: str) -> str:
    """``text`` in the presentation forms a PDF export writes (each letter's contextual shape)."""
    from marsad.cli.bidi import shape

    return shape(text)


def test_a_text_in_presentation_forms_is_cleaned_to_its_letters():
    title = "افتتاح حديقة عامة في المدينة الساحلية"
    shaped = [_shaped(p) for p in (title, P1, P2, P3)]
    assert all(a != b for a, b in zip(shaped, (title, P1, P2, P3)))
    article = clean("\n\n".join(shaped))
    assert article.title == title and kept(article) == [P1, P2, P3]
    article = clean("\n\n".join(shaped[1:]), title=shaped[0])
    assert article.title == title and kept(article) == [P1, P2, P3]


def test_a_hostile_record_s_terminal_escapes_are_no_part_of_the_article():
    article = clean("\n\n".join([P1 + "\x1b[2J\x1b[31m", P2 + "\x07", "\x1b]0;pwned\x07" + P3]),
                    title="\x1b]0;pwned\x07افتتاح حديقة", author="محرر\x1b[5m", tags=["حدائق\x00", "\x1b[0m"])
    assert kept(article) == [P1, P2, P3]
    assert article.title == "افتتاح حديقة" and article.author == "محرر" and article.tags == ["حدائق"]


def test_read_also_block_takes_the_short_lines_after_it():
    text = "\n".join([P1, P2, P3, "اقرأ أيضا:", "البلدية تطلق مسابقة لتصميم الحدائق", "افتتاح سوق شعبي في الحي القديم"])
    article = clean(text)
    assert kept(article) == [P1, P2, P3]
    assert removed(article)["البلدية تطلق مسابقة لتصميم الحدائق"] == "related-links block"


def test_related_block_ends_at_prose():
    text = "\n".join([P1, "اقرأ أيضا", "عنوان خبر آخر عن الحدائق", P2, P3])
    assert kept(clean(text)) == [P1, P2, P3]


def test_title_from_first_line_and_repeats():
    article = clean("\n".join(["افتتاح حديقة عامة في المدينة الساحلية", "افتتاح حديقة عامة في المدينة الساحلية", P1, P2]))
    assert article.title == "افتتاح حديقة عامة في المدينة الساحلية"
    assert kept(article) == [P1, P2]
    assert removed(article) == {"افتتاح حديقة عامة في المدينة الساحلية": "repeated title"}


def test_known_title_is_removed_from_the_body_even_with_other_spelling():
    article = clean("\n".join(["افتتاح حديقة عامة في المدينة الساحلية.", P1, P2]), title="إفتتاح حديقة عامة في المدينة الساحلية")
    assert kept(article) == [P1, P2]


def test_a_paragraph_first_line_is_not_a_title():
    article = clean("\n\n".join([P1, P2]))
    assert article.title is None
    assert kept(article) == [P1, P2]


def test_tag_lines():
    article = clean("\n".join(["عنوان الخبر عن الحديقة الجديدة", "محليات", P1, P2, "الوسوم: حدائق، بيئة، بلديات"]))
    assert article.tags == ["محليات", "حدائق", "بيئة", "بلديات"]
    assert kept(article) == [P1, P2]


def test_breadcrumb_first_line_is_tags():
    article = clean("\n".join(["أخبار | محليات", P1, P2]), title="عنوان")
    assert article.tags == ["أخبار", "محليات"]


def test_byline_and_date_line():
    article = clean("\n".join(["عنوان الخبر عن الحديقة الجديدة", "بقلم: هدى السالم", "نشر في: الأربعاء 12 مارس 2025 - 09:15", P1, P2]))
    assert article.author == "هدى السالم"
    assert article.published.value == "2025-03-12" and article.published.origin == "text"
    assert kept(article) == [P1, P2]


def test_subheading_between_paragraphs():
    article = clean("\n\n".join([P1, "تمويل حكومي", P2, P3]))
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph", "paragraph"]


def test_short_last_line_is_not_a_heading():
    article = clean("\n\n".join([P1, P2, "(وكالات)"]))
    assert [b.kind for b in article.blocks] == ["paragraph"] * 3


def test_exact_repeat_of_a_paragraph_is_dropped_once():
    article = clean("\n\n".join([P1, P2, P1]))
    assert kept(article) == [P1, P2]
    assert removed(article) == {P1: "repeated line"}


def test_numbered_list_items_stay():
    items = ["1. تطبيق «فيسبوك» Facebook", "2. تطبيق «يوتيوب» YouTube"]
    article = clean("\n".join([P1, *items, P2, *items]))
    assert kept(article).count(items[0]) == 2  # the list printed twice stays twice


def test_invisible_controls_are_dropped():
    article = clean("\u202b" + P1 + "\u202c\n\n" + P2 + "\u200f")
    assert kept(article) == [P1, P2]


def test_only_furniture_leaves_a_warning():
    article = clean("Share on facebook\nShare on twitter\nرابط مختصر")
    assert article.text == "" and article.blocks == []
    assert any("no article text" in w for w in article.warnings)


def test_english_text_is_cleaned_too():
    text = "\n\n".join(
        [
            "The city council opened a new park near the old harbour on Sunday morning.",
            "Share on Facebook",
            "The park has bicycle paths, playgrounds and a small library open all week.",
        ]
    )
    article = clean(text)
    assert len(article.blocks) == 2 and article.language == "en"


def test_html_structure_hints():
    page = (
        "<html><head><title>عنوان الصفحة</title></head><body><article>"
        f"<h1>عنوان الصفحة</h1><p>{P1}</p><h2>تمويل المشروع</h2><p>{P2}</p>"
        f"<p><b>مرحلة ثانية</b></p><p>{P3}</p><ul><li>Share on facebook</li></ul></article></body></html>"
    )
    (article,) = list(read_bytes(page.encode(), format="html"))
    article = clean_article(article)
    assert article.title == "عنوان الصفحة"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", P1),
        ("heading", "تمويل المشروع"),
        ("paragraph", P2),
        ("heading", "مرحلة ثانية"),
        ("paragraph", P3),
    ]


# --- per-site repeated-line signal -----------------------------------------------------


def test_site_line_frequency_hook():
    disclaimer = "الآراء الواردة في التعليقات تعبر عن أصحابها، وليس عن رأي الصحيفة أو سياستها التحريرية."
    text = "\n\n".join([P1, P2, disclaimer])
    assert disclaimer in kept(clean(text, source=Source(site="dhifaf.example")))  # guarded prose alone
    calls = []

    def freq(site, key):
        calls.append(site)
        return 0.9 if key == line_key(disclaimer) else 0.0

    set_site_line_frequency(freq)
    try:
        article = clean(text, source=Source(site="dhifaf.example"))
        assert kept(article) == [P1, P2]
        assert removed(article)[disclaimer] == "site repeated line"
        assert calls and set(calls) == {"dhifaf.example"}
        # articles without a site are not affected
        assert disclaimer in kept(clean(text))
    finally:
        set_site_line_frequency(None)


# --- properties ----------------------------------------------------------------------

WORDS = "الوزير المدينة أعلن قال الحكومة مشروع جديد الأسبوع المقبل خطة الشركة السوق الناس المياه الطاقة البلدية".split()
NOISE = [
    "Share on facebook",
    "شارك",
    "رابط مختصر",
    "اقرأ أيضا",
    "تابعونا",
    "Twitter",
    "تعليقات",
    "منوعات",
    "***",
    "https://x.example/a",
]
PUNCT = [".", "،", "؟", "!", "؛"]


@st.composite
def sentence_line(draw):
    n = draw(st.integers(min_value=8, max_value=25))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    mark = draw(st.sampled_from(PUNCT))
    pos = draw(st.integers(min_value=1, max_value=n))
    if mark == "،":
        words[pos - 1] += "،"
        return " ".join(words) + draw(st.sampled_from(["", "."]))
    return " ".join(words[:pos]) + mark + " " + " ".join(words[pos:])


lines = st.one_of(
    sentence_line(),
    st.sampled_from(NOISE),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(lines, min_size=1, max_size=14), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_blocks_index_the_text(parts, sep):
    raw = sep.join(parts)
    if not raw.strip():
        return
    article = clean(raw.replace("\r\n", "\n"))
    assert article.check_spans() == []
    assert article.text == "\n\n".join(b.text for b in article.blocks)
    for b in article.blocks:
        assert article.text[b.start : b.end] == b.text and b.kind in ("heading", "paragraph")


@settings(max_examples=100, deadline=None)
@given(st.lists(lines, min_size=1, max_size=14))
def test_prose_lines_are_never_dropped(parts):
    """A line with ≥ 8 Arabic words and sentence punctuation survives (once) into the text or the title."""
    article = clean("\n".join(parts))
    for part in parts:
        arabic_words = [w for w in part.split() if "\u0600" <= w[0] <= "\u06ff"]
        if len(arabic_words) >= 8 and any(c in part for c in ".،؟!؛"):
            line = " ".join(part.split())
            # kept in the text or the title (a hard-wrapped line may be joined to its neighbour)
            assert line in article.text or line in (article.title or ""), (line, removed(article))


# --- end to end on ../shared -----------------------------------------------------------


@pytest.mark.shared
def test_shared_scraped_sample():
    if not SAMPLE.exists():
        pytest.skip("../shared absent: shared scraped sample not available")
    (article,) = list(read_path(SAMPLE))
    article = clean_article(article)
    raw_lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    title = raw_lines[0]
    assert article.title == title
    assert article.tags == [raw_lines[2]]
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert len(headings) == 1 and len(headings[0].split()) == 3
    # every body paragraph: the long lines of the file, each exactly once
    body = [line for line in raw_lines if len(line.split()) >= 8 and line != title]
    assert [b.text for b in article.blocks if b.kind == "paragraph"] == body
    # nothing of the share / link / read-also furniture
    for line in raw_lines:
        if line.startswith("Share on") or "رابط مختصر" in line or line.startswith("اقرأ") or line.isascii():
            assert line not in article.text
    assert article.check_spans() == []


@pytest.mark.shared
def test_shared_arabic_html_page():
    if not ARABIC_HTML.exists():
        pytest.skip("../shared absent: newspaper4k Arabic page not available")
    (article,) = list(read_path(ARABIC_HTML))
    article = clean_article(article)
    assert article.title and article.language == "ar"
    assert article.source.format == "html" and article.source.site
    assert len(article.blocks) >= 6
    assert article.check_spans() == []


def test_hard_wrapped_text_is_rejoined():
    import textwrap

    raw = "\n\n".join(textwrap.fill(p, width=60) for p in [P1, P2, P3])
    assert raw.count("\n") > 6
    article = clean(raw)
    assert kept(article) == [P1, P2, P3]


def test_widget_lists_are_not_joined():
    article = clean("\n".join([P1, P2, "Share on facebook", "Share on twitter", "Share on whatsapp", "رابط مختصر", P3]))
    assert kept(article) == [P1, P2, P3]


def test_explain_gives_every_line_its_decision_and_evidence():
    from marsad.clean import explain

    raw = "\n".join(["عنوان الخبر عن الحديقة الجديدة", P1, "تمويل حكومي", P2, "Share on facebook"])
    decisions = explain(Article(raw=raw))
    assert [d.decision for d in decisions] == ["title", "paragraph", "heading", "paragraph", "removed"]
    last = decisions[-1]
    assert last.reason == "share widget" and last.score >= 1.0
    assert last.evidence["share"] > 0 and abs(sum(last.evidence.values()) - last.score) < 0.01
    assert decisions[1].guarded and not decisions[2].guarded


def test_title_under_a_breadcrumb_and_a_date_line():
    article = clean("\n".join(["أخبار | محليات", "الأحد 5 يناير 2025", "افتتاح حديقة عامة في المدينة الساحلية", P1, P2]))
    assert article.title == "افتتاح حديقة عامة في المدينة الساحلية"
    assert article.tags == ["أخبار", "محليات"]
    assert article.published.value == "2025-01-05"
    assert kept(article) == [P1, P2]


def test_a_widget_first_line_is_not_a_title():
    article = clean("Share on facebook\nرابط مختصر\n" + P1)
    assert article.title is None
    assert kept(article) == [P1]
    headline = clean("فيسبوك تطلق ميزة جديدة لحماية حسابات المستخدمين\n" + P1)
    assert headline.title == "فيسبوك تطلق ميزة جديدة لحماية حسابات المستخدمين"


TITLE = "بلدية المدينة الساحلية تفتتح حديقة عامة"


def test_link_and_headline_glued_to_the_last_paragraph_are_cut():
    # "link of the news in the Example newspaper: <headline>" appended to the body's last line
    a = clean(f"{P1}\n{P2} رابط الخبر بصحيفة المثال: {TITLE}", title=TITLE)
    assert kept(a) == [P1, P2]
    assert [(r.text, r.reason) for r in a.removed] == [
        (f"رابط الخبر بصحيفة المثال: {TITLE}", "link to the article with its headline")
    ]
    assert a.check_spans() == []


def test_link_and_headline_on_a_line_of_their_own_are_removed():
    a = clean(f"{P1}\n{P2}\nرابط الخبر بصحيفة المثال: {TITLE}", title=TITLE)
    assert kept(a) == [P1, P2]


def test_a_link_label_not_followed_by_the_headline_stays():
    # prose that names a link, and a label followed by another headline, are not the tail
    prose = "وأضاف أن رابط الخبر المنشور على الموقع تعطل ساعات بسبب الضغط الكبير على الخادم."
    other = f"{P2} رابط الخبر: افتتاح مكتبة عامة في الميناء القديم"
    assert kept(clean(f"{P1}\n{prose}", title=TITLE)) == [P1, prose]
    assert kept(clean(f"{P1}\n{other}", title=TITLE)) == [P1, other]
    # only the last line: a label and the headline in the middle of the article is left to the classifier
    assert kept(clean(f"{P1} رابط الخبر: {TITLE}\n{P2}", title=TITLE))[1:] == [P2]


def test_html_character_references_in_a_title_become_text():
    a = clean(f"{P1}\n{P2}", title="&quot;الحديقة الكبرى&quot; تفتح &#8220;أبوابها&#8221; &amp; تستقبل الزوار")
    assert a.title == "\"الحديقة الكبرى\" تفتح “أبوابها” & تستقبل الزوار"
    plain = clean(f"{P1}\n{P2}", title="شركة A&B تفتتح فرعا")  # a bare ampersand is text already
    assert plain.title == "شركة A&B تفتتح فرعا"
    # only whole references change: "&notes" (no semicolon) stays as written next to one
    mixed = clean(f"{P1}\n{P2}", title="تقرير R&notes عن &quot;الحديقة&quot;")
    assert mixed.title == 'تقرير R&notes عن "الحديقة"'


# A reader poll's style sheet and script as a scraper glued them to the article's last sentence,
# then the poll's question and answers (written for this test, in the shape of al-Riyadh's).
POLL_CODE = (
    "#poll_area ul { padding: 0; margin: 0; } .poll_box { border: solid 1px #ccc; width: 260px; }"
    " .poll_bar { float: left; height: 20px; } jQuery(document).ready(function(){ jQuery('#poll_form')"
    ".submit(function() { vote = jQuery('input[name=vote]', jQuery(this)).val(); return false; }); });"
)
POLL = "هل تؤيد افتتاح الحديقة؟ نعم لا لا أعرف"


def test_page_code_glued_to_a_paragraph_is_cut_with_the_widget_it_draws():
    question = "برأيك، هل تحتاج المدينة إلى حدائق أكثر؟"
    a = clean(f"{P1}\n{P2}\n{question} {POLL_CODE} {POLL}", title=TITLE)
    assert kept(a) == [P1, P2, question]
    assert [(r.text, r.reason) for r in a.removed] == [
        (f"{POLL_CODE} {POLL}", "page code (style sheet or script) and the widget it draws")
    ]
    assert a.check_spans() == []
    # a line that is all code goes whole
    assert kept(clean(f"{P1}\n{POLL_CODE}\n{P2}", title=TITLE)) == [P1, P2]


def test_braces_and_semicolons_in_prose_are_not_page_code():
    # a formula, a list in braces, an English sentence with semicolons: never three of each
    formula = "وبلغت النسبة {أ + ب} مقسومة على {ج}; أي ما يعادل 12%; وفق التقرير."
    english = "The council said: {first} the park opens; {second} the library follows; the rest waits."
    assert kept(clean(f"{P1}\n{formula}\n{P2}", title=TITLE)) == [P1, formula, P2]
    assert english in kept(clean(f"{P1}\n{english}\n{P2}", title=TITLE))


CREDIT = "credit line (reporter, outlet, place)"


@pytest.mark.parametrize("credit", ["سامي الوادي- الصحيفة- المدينة الساحلية:", "الصحيفة - المدينة الساحلية:",
                                    "سامي الوادي، نادر الحسني – الصحيفة – الميناء:"])
def test_an_outlet_s_credit_before_the_first_paragraph_is_cut(credit):
    a = clean(f"{credit} {P1}\n\n{P2}", title="حديقة جديدة قرب الميناء")
    assert kept(a) == [P1, P2]
    assert [(r.text, r.reason) for r in a.removed] == [(credit, CREDIT)]
    assert a.author == credit.rstrip(":")  # the byline the page gave, as outlets' metadata gives it
    # an author the metadata already gave stays
    assert clean(f"{credit} {P1}", title="حديقة", author="سامي الوادي").author == "سامي الوادي"


@pytest.mark.parametrize("credit", ["الصحيفة – متابعات", "سامي الوادي – الصحيفة", "الرياضي ـ المدينة الساحلية"])
def test_an_outlet_s_credit_on_a_line_of_its_own_is_cut(credit):
    a = clean(f"{credit}\n\n{P1}\n\n{P2}", title="حديقة جديدة قرب الميناء")
    assert kept(a) == [P1, P2]
    assert (credit, CREDIT) in [(r.text, r.reason) for r in a.removed]
    assert a.author == credit


def test_what_looks_like_a_credit_but_is_not_one_stays():
    title = "حديقة جديدة قرب الميناء"
    # a caption naming a person by title, a heading with a colon, a credit that is the whole text
    caption = "رئيس البلدية - سامي الوادي"
    assert kept(clean(f"{caption}\n\n{P1}", title=title))[0] == caption
    assert clean(f"{caption}\n\n{P1}", title=title).author is None
    heading = "البلدية - الميناء: مشروع جديد"
    assert kept(clean(f"{heading}\n\n{P1}", title=title))[0] == heading
    # not at the top of the body: a dash and a colon inside the article are its own
    inside = f"{P1}\n\nالبلدية - الميناء: {P2}"
    assert kept(clean(inside, title=title)) == [P1, f"البلدية - الميناء: {P2}"]
    # a tatweel that stretches a word is no dash (one between spaces is: «الرياضي ـ جدة»)
    stretched = f"سامي الواديـ الصحيفة: {P1}"
    assert kept(clean(stretched, title=title)) == [stretched]


def test_a_tags_label_glued_to_the_last_paragraph_goes_to_the_tags():
    tail = "سمات البلدية حديقة الميناء"
    a = clean(f"{P1}\n\n{P2} {tail}", title="حديقة جديدة قرب الميناء")
    assert kept(a) == [P1, P2]
    assert a.tags == ["البلدية حديقة الميناء"]
    assert (tail, "tag line") in [(r.text, r.reason) for r in a.removed]
    # alone on the last line too
    b = clean(f"{P1}\n\n{P2}\n\n{tail}", title="حديقة جديدة قرب الميناء")
    assert kept(b) == [P1, P2] and b.tags == ["البلدية حديقة الميناء"]


def test_traits_in_prose_are_no_tags_label():
    # «سمات» is also "traits": inside a sentence, or followed by punctuated prose, it stays
    prose = "وقال رئيس البلدية إن من سمات المدينة الحدائق الكثيرة والشوارع الواسعة"
    a = clean(f"{P1}\n\n{prose}", title="حديقة")
    assert kept(a) == [P1, prose] and a.tags == []
    sentence = f"{P2} سمات المدينة الجديدة: حدائق، وشوارع واسعة، ومكتبات."
    assert kept(clean(f"{P1}\n\n{sentence}", title="حديقة")) == [P1, sentence]
