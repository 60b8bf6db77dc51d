import pytest

from marsad.ingest.meta import parse_date, site_from_url


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2015-07-21", "2015-07-21"),
        ("2015-07-21 02:51:35", "2015-07-21T02:51:35"),
        ("2015-07-21T02:51:35Z", "2015-07-21T02:51:35Z"),
        ("2015-07-21T02:51:35+0300", "2015-07-21T02:51:35+03:00"),
        ("٢٠١٥-٠٧-٢١", "2015-07-21"),
        ("21/07/2015", "2015-07-21"),
        ("2015/07/21", "2015-07-21"),
        ("Tue, 21 Jul 2015 10:00:00 +0300", "2015-07-21T10:00:00+03:00"),
        (1437436800, "2015-07-21T00:00:00"),
        (1437436800000, "2015-07-21T00:00:00"),
        ("2015-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_site_from_url():
    assert site_from_url("https://www.dhifaf.example/a/b") == "dhifaf.example"
    assert site_from_url("dhifaf.example/a") == "dhifaf.example"
    assert site_from_url("not a url") is None
    assert site_from_url(None) is None
