"""A family name alone is counted with the full name that owns it in the archive."""

from __future__ import annotations

from marsad.corpus.entity_aliases import MIN_FULL_NAME_ARTICLES, surname_aliases


def test_a_family_name_alone_goes_to_the_full_name_that_holds_most_of_its_namesakes() -> None:
    keys = [("PERS:بشار الاسد", 216), ("PERS:حافظ الاسد", 11), ("PERS:الاسد", 108),
            ("PERS:باراك اوباما", 377), ("PERS:ميشيل اوباما", 10), ("PERS:اوباما", 89)]
    assert surname_aliases(keys) == {"PERS:الاسد": "PERS:بشار الاسد", "PERS:اوباما": "PERS:باراك اوباما"}


def test_no_alias_when_the_name_is_shared_a_given_name_or_rare() -> None:
    shared = [("PERS:نوري المالكي", 117), ("PERS:فايز المالكي", 60), ("PERS:محمد المالكي", 51), ("PERS:المالكي", 21)]
    assert surname_aliases(shared) == {}
    # صالح begins more names than it ends: a lone صالح may be anyone's first name
    given = [("PERS:علي عبدالله صالح", 321), ("PERS:صالح", 174), ("PERS:صالح الشهري", 200), ("PERS:صالح بن علي", 200)]
    assert surname_aliases(given) == {}
    rare = [("PERS:هاروهيكو كورودا", MIN_FULL_NAME_ARTICLES - 1), ("PERS:كورودا", 3)]
    assert surname_aliases(rare) == {}


def test_only_people_and_the_same_answer_in_any_order() -> None:
    keys = [("ORG:جامعة الملك سعود", 90), ("ORG:سعود", 5), ("LOC:الاسد", 4), ("PERS:بشار الاسد", 20),
            ("PERS:الاسد", 6), ("PERS:ماهر الاسد", 20)]
    # a tie between two full names: neither holds 75 % of them, so no alias
    assert surname_aliases(keys) == {}
    assert surname_aliases(keys[:5]) == {"PERS:الاسد": "PERS:بشار الاسد"}
    assert surname_aliases(list(reversed(keys[:5]))) == surname_aliases(keys[:5])
