from marsad.text import latin_ratio, script_language


def test_script_language():
    assert script_language("قال الوزير إن الخطة جاهزة") == "ar"
    assert script_language("The minister said that the plan is ready for the vote.") == "en"
    assert script_language("Le ministre a dit que le plan est prêt.") == "other"
    assert script_language("日本語のテキストです") == "other"
    assert script_language("12 34 !!") == "und"
    # mostly Arabic with a Latin name stays Arabic
    assert script_language("قال مدير شركة Nabra إن التطبيق جاهز") == "ar"


def test_latin_ratio():
    assert latin_ratio("abc") == 1.0
    assert latin_ratio("اب") == 0.0
    assert latin_ratio("") == 0.0
