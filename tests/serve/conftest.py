from __future__ import annotations

import copy

import pytest

from . import fixtures


def build_archive(path, *, hostile: bool = True) -> dict:
    """A small real SQLite archive of the fixture corpus; the water story's three articles form one story.

    ``hostile=False`` leaves out the article full of markup (for screenshots).
    """
    from marsad.store import open_store

    articles = fixtures.corpus() if hostile else fixtures.corpus()[:-1]
    with open_store(path) as store:
        outcomes = store.add_articles(articles)
        # an exact reprint of the first article by another outlet: recorded, not stored again
        reprint = copy.deepcopy(articles[0])
        reprint.source.site, reprint.source.url = "mirror-news.example", "https://mirror-news.example/r/1"
        assert store.add_articles([reprint])[0].status == "duplicate"
        ids = [o.id for o in outcomes]
        store.assign_stories([(ids[0], None)])
        story_id = store.get_summary(ids[0]).story_id
        store.assign_stories([(ids[1], story_id), (ids[2], story_id)] + [(i, None) for i in ids[3:]])
    return {"path": str(path), "ids": ids, "story_id": story_id, "articles": articles}


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("serve") / "archive.db")


@pytest.fixture(scope="session")
def client(archive):
    from fastapi.testclient import TestClient

    from marsad.serve import create_app

    with TestClient(create_app(archive["path"])) as c:
        yield c


@pytest.fixture()
def empty_client(tmp_path):
    from fastapi.testclient import TestClient

    from marsad.serve import create_app

    with TestClient(create_app(tmp_path / "missing.db")) as c:
        yield c
