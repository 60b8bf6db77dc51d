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


def _doubler(article: Article) -> Article:
    if "كسر" in article.text:
        raise MarsadError("this article breaks the component")
    article.title = (article.title or "") + "+"
    return article


def _register_batch_component(monkeypatch, calls: list[int]) -> None:
    def pipe(articles):
        calls.append(len(articles))
        if any("كسر" in a.text for a in articles):  # a batch form that checks before it changes anything
            raise MarsadError("this batch holds an article that breaks the component")
        return [_doubler(a) for a in articles]

    monkeypatch.setitem(pipeline._REGISTRY, "test-batch", _doubler)
    monkeypatch.setattr(_doubler, "pipe", pipe, raising=False)
    monkeypatch.setattr(pipeline, "PIPELINE", [*pipeline.PIPELINE, ("test-batch", __name__)])


def test_run_many_equals_run_and_uses_the_batch_form(monkeypatch):
    calls: list[int] = []
    _register_batch_component(monkeypatch, calls)
    raws = [f"عنوان {i}\n\nفقرة تجريبية رقم {i} كتبها فريق مرصد لاختبار الدفعات في خط المعالجة." for i in range(5)]
    names = ["clean", "topics", "test-batch"]
    many = pipeline.run_many([Article(raw=r) for r in raws], components=names)
    one = [pipeline.run(Article(raw=r), components=names) for r in raws]
    assert [a.to_dict() for a in many] == [a.to_dict() for a in one]
    assert calls == [5]  # one call for the whole batch (run() never uses the batch form)


def test_run_many_fails_only_the_broken_article(monkeypatch):
    calls: list[int] = []
    _register_batch_component(monkeypatch, calls)
    raws = ["عنوان\n\nفقرة سليمة كتبها فريق مرصد.", "عنوان\n\nفقرة فيها كسر متعمد.", "عنوان\n\nفقرة سليمة أخرى."]
    out = pipeline.run_many([Article(raw=r) for r in raws], components=["clean", "test-batch"])
    assert isinstance(out[1], MarsadError) and "breaks" in str(out[1])
    assert [isinstance(x, Article) for x in out] == [True, False, True]
    assert out[0].title == out[2].title == "عنوان+"  # each applied once, as run() would
    assert calls == [3]  # the batch call failed; its articles were retried one by one
