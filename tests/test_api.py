import marsad
import pytest
from marsad.errors import InputError, MarsadError

TEXT = (
    "وزارة الطاقة تعلن خطة جديدة\n\n"
    "أعلنت وزارة الطاقة في مدينة الرمال أمس خطة جديدة لتوسيع شبكة الكهرباء في القرى الشمالية خلال عامين.\n\n"
    "وقال الوزير سامر الحداد إن الخطة ستوفر الكهرباء لأكثر من عشرين ألف أسرة.\n"
)


def test_analyze_is_callable_even_after_analyser_submodules_are_imported():
    import marsad.analyze.quotes  # noqa: F401  (binds the package to marsad.analyze)

    article = marsad.analyze(TEXT, date="2024-03-10")
    assert isinstance(article, marsad.Article)
    assert article.reference_date == "2024-03-10"
    assert article.check_spans() == []


def test_bad_date_is_an_input_error():
    with pytest.raises(InputError, match="ISO date"):
        marsad.analyze(TEXT, date="10/03/2024")


@pytest.mark.parametrize("bad", ["", "   \n\t  ", b"\x00\x01\x02\xff" * 100])
def test_bad_input_raises_only_marsad_error(bad):
    with pytest.raises(MarsadError):
        marsad.analyze(bad)


def test_json_round_trip_keeps_every_layer():
    article = marsad.analyze(TEXT, date="2024-03-10")
    again = marsad.Article.from_dict(article.to_dict())
    assert again.to_dict() == article.to_dict()
