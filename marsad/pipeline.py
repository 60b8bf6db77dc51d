"""The analysis pipeline: an ordered list of components, each a callable over an Article.

A component takes the Article, adds what it knows (a layer of spans, a field) and
returns it.  Components are registered with :func:`component` in their own module and
listed, in order, in :data:`PIPELINE`.  Nothing outside this list reaches into an
article between stages.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

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
