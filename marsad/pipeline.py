"""The analysis pipeline: an ordered list of components, each a callable over an Article.

A component takes the Article, adds what it knows (a layer of spans, a field) and
returns it.  Components are registered with :func:`component` in their own module and
listed, in order, in :data:`PIPELINE`.  Nothing outside this list reaches into an
article between stages.

A component may also offer a batch form, as spaCy's ``pipe``: a ``pipe`` attribute taking a
list of articles and returning them, with the same result as calling the component on each.
:func:`run_many` uses it where the batch is cheaper (the entity tagger pays its per-call
work once for many articles); :func:`run` never needs it.  When a batch call raises, the
component is called again on each of its articles, so a batch form must leave an article
in a state the component can be rerun on (the entity tagger resets the layer it fills).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence

from marsad.document import Article

Component = Callable[[Article], Article]

_REGISTRY: dict[str, Component] = {}

# name -> module that registers it (imported lazily so `marsad --help` stays fast).
PIPELINE: list[tuple[str, str]] = [
    ("clean", "marsad.clean.cleaner"),
    ("entities", "marsad.analyze.ner"),
    ("quotes", "marsad.analyze.quotes"),
    ("times", "marsad.analyze.times"),
    ("topics", "marsad.analyze.topics"),
    ("keyphrases", "marsad.analyze.keyphrases"),
    ("summary", "marsad.analyze.summary"),
]


def component(name: str) -> Callable[[Component], Component]:
    """Register ``func`` as the pipeline component ``name``."""

    def register(func: Component) -> Component:
        _REGISTRY[name] = func
        return func

    return register


def get_component(name: str) -> Component:
    if name not in _REGISTRY:
        for registered_name, module in PIPELINE:
            if registered_name == name:
                importlib.import_module(module)
                break
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(n for n, _ in PIPELINE)
        from marsad.errors import MarsadError

        raise MarsadError(f"unknown pipeline component {name!r} (known: {known})") from None


def component_names() -> list[str]:
    return [name for name, _ in PIPELINE]


def run(article: Article, components: Iterable[str] | None = None, exclude: Iterable[str] = ()) -> Article:
    """Run the pipeline (or the named subset, in pipeline order) over ``article``."""
    wanted = set(components) if components is not None else None
    skip = set(exclude)
    for name, _ in PIPELINE:
        if (wanted is None or name in wanted) and name not in skip:
            article = get_component(name)(article)
    return article


def run_many(
    articles: Sequence[Article], components: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> list[Article | Exception]:
    """:func:`run` over several articles; a failed article's entry is its exception.

    Components with a batch form (``pipe``) get the articles together; the others run
    article by article, consecutive ones on one article before the next article (the
    topic stages share a one-article cache of word statistics).  One article's error
    never fails the others: when a batch call raises, its articles are retried one by one.
    """
    wanted = set(components) if components is not None else None
    skip = set(exclude)
    names = [n for n, _ in PIPELINE if (wanted is None or n in wanted) and n not in skip]
    results: list[Article | Exception] = list(articles)
    i = 0
    while i < len(names):
        func = get_component(names[i])
        batch_form = getattr(func, "pipe", None)
        live = [k for k, r in enumerate(results) if isinstance(r, Article)]
        if batch_form is not None:
            i += 1
            try:
                done = list(zip(live, batch_form([results[k] for k in live]), strict=True))
            except Exception:
                done = None  # find the article at fault: each alone below
            if done is not None:
                for k, article in done:
                    results[k] = article
                continue
            segment = [func]
        else:
            segment = []
            while i < len(names) and getattr(get_component(names[i]), "pipe", None) is None:
                segment.append(get_component(names[i]))
                i += 1
        for k in live:
            article = results[k]
            try:
                for step in segment:
                    article = step(article)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001 - the caller decides what an error means
                article = exc
            results[k] = article
    return results
