"""A short form of a person's name (the family name alone, the name without the father's) is
counted with the full name that owns it in the archive."""

from __future__ import annotations

from marsad.corpus.entity_aliases import MIN_FULL_NAME_ARTICLES, short_name_aliases


def test_a_family_name_alone_goes_to_the_full_name_that_holds_most_of_its_namesakes() -> None:
    keys = [("PERS:بشار الاسد", 216), ("PERS:حافظ الاسد", 11), ("PERS:الاسد", 108),
            ("PERS:باراك اوباما", 377), ("PERS:ميشيل اوباما", 10), ("PERS:اوباما", 89)]
    assert short_name_aliases(keys) == {"PERS:الاسد": "PERS:بشار الاسد", "PERS:اوباما": "PERS:باراك اوباما"}


def test_no_alias_when_the_name_is_shared_a_given_name_or_rare() -> None:
    shared = [("PERS:نوري المالكي", 117), ("PERS:فايز المالكي", 60), ("PERS:محمد المالكي", 51), ("PERS:المالكي", 21)]
    assert short_name_aliases(shared) == {}
    # صالح begins more names than it ends: a lone صالح may be anyone's first name
    given = [("PERS:علي عبدالله صالح", 321), ("PERS:صالح", 174), ("PERS:صالح الشهري", 200), ("PERS:صالح بن علي", 200)]
    assert short_name_aliases(given) == {}
    rare = [("PERS:هاروهيكو كورودا", MIN_FULL_NAME_ARTICLES - 1), ("PERS:كورودا", 3)]
    assert short_name_aliases(rare) == {}


def test_only_people_and_the_same_answer_in_any_order() -> None:
    keys = [("ORG:جامعة الملك سعود", 90), ("ORG:سعود", 5), ("LOC:الاسد", 4), ("PERS:بشار الاسد", 20),
            ("PERS:الاسد", 6), ("PERS:ماهر الاسد", 20)]
    # a tie between two full names: neither holds 75 % of them, so no alias
    assert short_name_aliases(keys) == {}
    assert short_name_aliases(keys[:5]) == {"PERS:الاسد": "PERS:بشار الاسد"}
    assert short_name_aliases(list(reversed(keys[:5]))) == short_name_aliases(keys[:5])


def test_a_given_and_family_name_goes_to_the_full_name_with_the_father_s_name_between() -> None:
    keys = [("PERS:علي عبدالله صالح", 321), ("PERS:علي صالح", 62), ("PERS:صالح", 166), ("PERS:صالح الشهري", 700)]
    assert short_name_aliases(keys) == {"PERS:علي صالح": "PERS:علي عبدالله صالح"}
    # a family name alone that a two-word name owns goes on to that name's full name
    chain = [("PERS:سليم فارس العاملي", 40), ("PERS:سليم العاملي", 30), ("PERS:العاملي", 12)]
    assert short_name_aliases(chain) == {"PERS:سليم العاملي": "PERS:سليم فارس العاملي",
                                         "PERS:العاملي": "PERS:سليم فارس العاملي"}


def test_no_two_word_alias_when_the_short_name_is_the_commoner_or_the_middle_is_no_father_s_name() -> None:
    commoner = [("PERS:احمد الغامدي", 24), ("PERS:احمد الخازم الغامدي", 12)]
    assert short_name_aliases(commoner) == {}
    branch = [("PERS:تركي الفيصل", 10), ("PERS:تركي العبدالله الفيصل", 40)]  # ال: a family or branch
    assert short_name_aliases(branch) == {}
    family = [("PERS:نادر كامل", 3), ("PERS:نادر ابو كامل", 40)]  # أبو begins a family name
    assert short_name_aliases(family) == {}
    shared = [("PERS:محمد حسن", 7), ("PERS:محمد حمد حسن", 20), ("PERS:محمد علي حسن", 20)]
    assert short_name_aliases(shared) == {}
    rare = [("PERS:نادر حسن", 1), ("PERS:نادر كامل حسن", MIN_FULL_NAME_ARTICLES - 1)]
    assert short_name_aliases(rare) == {}
