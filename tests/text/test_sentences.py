"""Sentence splitting on Arabic punctuation, never inside quotes, brackets, numbers or abbreviations."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_arabic_punctuation_ends_sentences():
    assert texts("هل وصل الوفد؟ نعم وصل أمس. وسيغادر غدا؛ بعد الاجتماع!") == [
        "هل وصل الوفد؟",
        "نعم وصل أمس.",
        "وسيغادر غدا؛",
        "بعد الاجتماع!",
    ]


def test_comma_does_not_end_a_sentence():
    assert len(texts("قال الوزير، في كلمته، إن الخطة جاهزة.")) == 1


def test_quotes_and_brackets_are_not_split():
    text = "وقال الوزير: «لن نتراجع. الخطة جاهزة». ثم غادر."
    assert texts(text) == ["وقال الوزير: «لن نتراجع. الخطة جاهزة».", "ثم غادر."]
    text = "وأوضح المتحدث (وهو مسؤول سابق. يعمل الآن مستشارا) أن الوفد وصل. وانتهى."
    assert len(texts(text)) == 2
    text = 'وأضاف “هذا قرارنا. ولا رجعة فيه” ثم صمت.'
    assert len(texts(text)) == 1


def test_numbers_and_abbreviations():
    assert len(texts("بلغت النسبة 3.5 في المئة هذا العام.")) == 1
    assert len(texts("وقال د. سالم إن النتائج جيدة.")) == 1


def test_line_breaks_end_sentences():
    assert texts("عنوان بلا نقطة\nفقرة أولى.") == ["عنوان بلا نقطة", "فقرة أولى."]


def test_offsets_with_start_and_end():
    text = "أولا. ثانيا. ثالثا."
    sentences = split_sentences(text, 6, len(text))
    assert [s.text for s in sentences] == ["ثانيا.", "ثالثا."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("ابتسم ،.؟!؛«»\"()\n3د"), max_size=80))
def test_sentences_index_the_text_in_order(text):
    last = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.start >= last and s.text.strip() == s.text and s.text
        last = s.end
