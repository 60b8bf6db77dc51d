import pytest

from marsad import pipeline
from marsad.document import Article
from marsad.errors import MarsadError


def test_pipeline_order_starts_with_clean_and_has_unique_names():
    names = pipeline.component_names()
    assert names[0] == "clean"
    assert len(names) == len(set(names))


def test_every_registered_module_provides_its_component():
    for name in pipeline.component_names():
        assert callable(pipeline.get_component(name)), name


def test_unknown_component_is_a_marsad_error():
    with pytest.raises(MarsadError, match="unknown pipeline component"):
        pipeline.get_component("no-such-component")


def test_run_subset_only_runs_named_components():
    article = Article(raw="عنوان تجريبي\n\nهذه فقرة تجريبية كتبها فريق مرصد لاختبار خط المعالجة.")
    out = pipeline.run(article, components=["clean"])
    assert out.text
    assert out.entities == [] and out.quotes == [] and out.times == []
