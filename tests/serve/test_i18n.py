"""Interface labels: every key in both languages, readable as attributes by the templates."""

from __future__ import annotations

from marsad.serve import i18n


def test_labels_are_attributes_and_items():
    for lang in i18n.LANGUAGES:
        t = i18n.labels(lang)
        assert set(t) == set(i18n.LABELS)
        for key, value in t.items():
            assert getattr(t, key) == value == t[key]
            assert value, (lang, key)


def test_no_label_hides_a_dict_method():
    # AttrDict keeps its keys in the instance __dict__, which would shadow a method of the same name
    assert not set(i18n.LABELS) & set(dir(dict))
    d = i18n.AttrDict(name="x", href="/y")
    assert d.name == "x" and d["href"] == "/y" and dict(d) == {"name": "x", "href": "/y"}
