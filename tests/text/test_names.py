"""Entity keys: one key for every spelling of a name (marsad.text.names)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.names import entity_key, join_name_compounds, name_words, typed_entity_key, without_the_middle_name
from marsad.text.normalize import normalize_word
from marsad.text.wordlists import NAME_COMPOUND_HEADS, ORGANISATION_SHORT_NAMES


def test_compound_names_written_apart_or_joined_have_one_key() -> None:
    assert entity_key("PERS", "سلمان بن عبد العزيز آل سعود") == entity_key("PERS", "سلمان بن عبدالعزيز آل سعود")
    assert entity_key("PERS", "عبد ربه منصور هادي") == entity_key("PERS", "عبدربه منصور هادي")
    assert entity_key("LOC", "أبو ظبي") == entity_key("LOC", "أبوظبي") == "LOC:ابوظبي"
    assert entity_key("PERS", "علي عبد الله صالح") == "PERS:علي عبدالله صالح"


def test_names_outlets_spell_two_ways_have_one_key() -> None:
    assert entity_key("LOC", "سورية") == entity_key("LOC", "سوريا") == "LOC:سوريا"
    assert entity_key("LOC", "أميركا اللاتينية") == entity_key("LOC", "أمريكا اللاتينية")
    assert entity_key("ORG", "الكونجرس الأميركي") == entity_key("ORG", "الكونغرس الأمريكي")
    assert typed_entity_key("LOC:سورية") == "LOC:سوريا"
    # only whole words: the adjective «السورية» and other names keep their spelling
    assert name_words("المعارضة السورية") == ("المعارضه", "السوريه")


def test_a_state_s_formal_name_is_keyed_as_its_short_name() -> None:
    assert entity_key("LOC", "المملكة العربية السعودية") == entity_key("LOC", "السعودية") == "LOC:السعوديه"
    assert entity_key("LOC", "الولايات المتحدة الأميركية") == entity_key("LOC", "الولايات المتحدة")
    assert typed_entity_key("LOC:المملكة المتحدة") == entity_key("LOC", "بريطانيا")
    # as the tagger tags it, without the head جمهورية
    assert entity_key("LOC", "مصر العربية") == entity_key("LOC", "جمهورية مصر العربية") == entity_key("LOC", "مصر")
    # a place only: an organisation or a longer name keeps its words
    assert entity_key("ORG", "المملكة العربية السعودية") == "ORG:المملكه العربيه السعوديه"
    assert entity_key("LOC", "شرق المملكة العربية السعودية") == "LOC:شرق المملكه العربيه السعوديه"


def test_a_one_word_organisation_or_thing_is_keyed_without_the_article() -> None:
    assert entity_key("ORG", "الفيفا") == entity_key("ORG", "فيفا") == "ORG:فيفا"
    assert entity_key("MISC", "الأوسكار") == entity_key("MISC", "أوسكار")
    assert typed_entity_key("ORG:الفيفا") == "ORG:فيفا"
    # not a longer name, a short word, a place or a person
    assert entity_key("ORG", "الأمم المتحدة") == "ORG:الامم المتحده"
    assert entity_key("MISC", "الله") == "MISC:الله"
    assert entity_key("LOC", "الرياض") == "LOC:الرياض"
    assert entity_key("PERS", "الصالح") == "PERS:الصالح"


def test_an_organisation_s_long_name_is_keyed_as_its_short_name() -> None:
    assert entity_key("ORG", "مجلس الأمن الدولي") == entity_key("ORG", "مجلس الأمن") == "ORG:مجلس الامن"
    assert entity_key("ORG", "الاتحاد الدولي لكرة القدم") == entity_key("ORG", "الفيفا") == "ORG:فيفا"
    assert entity_key("ORG", "حلف شمال الأطلسي") == entity_key("ORG", "حلف الناتو") == entity_key("ORG", "الناتو")
    assert entity_key("ORG", "الكونغرس الأميركي") == entity_key("ORG", "الكونجرس")  # and the spellings
    assert typed_entity_key("ORG:جامعة الدول العربية") == entity_key("ORG", "الجامعة العربية")
    # an organisation only, and only the whole name
    assert entity_key("LOC", "الدولة الإسلامية") == "LOC:الدوله الاسلاميه"
    assert entity_key("ORG", "مجلس الأمن القومي") == "ORG:مجلس الامن القومي"
    assert entity_key("ORG", "الاتحاد السعودي") == "ORG:الاتحاد السعودي"


def test_every_listed_organisation_keys_as_its_short_name_and_keys_read_back_are_themselves() -> None:
    shorts = {entity_key("ORG", short) for short in ORGANISATION_SHORT_NAMES.values()}
    for long, short in ORGANISATION_SHORT_NAMES.items():
        key = entity_key("ORG", long)
        assert key == entity_key("ORG", short), long
        assert entity_key("ORG", key.split(":", 1)[1]) == key, long  # no chain of short names
    assert len(shorts) < len(ORGANISATION_SHORT_NAMES)


def test_a_token_that_normalises_to_nothing_is_no_word_of_the_name() -> None:
    assert entity_key("ORG", "يجس ـ بي آي") == "ORG:يجس بي اي"


def test_what_is_not_a_compound_stays_apart() -> None:
    assert name_words("خالد بن عبد") == ("خالد", "بن", "عبد")  # nothing after the head
    assert name_words("أبو 12") == ("ابو", "12")  # not a name word
    assert name_words("ابن سينا") == ("ابن", "سينا")  # "son of" is left as written
    assert entity_key("PERS", "خالد") != entity_key("LOC", "خالد")
    assert join_name_compounds(["عبد", "عبد", "الله"]) == ("عبدعبد", "الله")


def test_a_typed_key_in_another_spelling_becomes_the_stored_key() -> None:
    assert typed_entity_key("PERS:سلمان بن عبد العزيز") == "PERS:سلمان بن عبدالعزيز"
    assert typed_entity_key("PERS:سلمان بن عبدالعزيز") == "PERS:سلمان بن عبدالعزيز"
    for other in ("سلمان", "DATE:أمس", "PERS:", "PERS: ", ":عبد الله"):
        assert typed_entity_key(other) == other


_WORD = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى", min_size=1, max_size=6)
_PLAIN = _WORD.filter(lambda w: normalize_word(w) not in NAME_COMPOUND_HEADS)
_NAME = st.lists(st.one_of(_WORD, st.sampled_from(
    ["عبد", "أبو", "ابو", "بن", "آل", "-", "«", "12", "عبدالعزيز", "العزيز", "الفيصل", "أبي", "سلطان"])), min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(_NAME, st.sampled_from(["PERS", "LOC", "ORG", "MISC"]))
def test_keys_are_stable_when_read_back(words: list[str], kind: str) -> None:
    """A stored key typed back in gives itself: the archive finds what it listed."""
    key = entity_key(kind, " ".join(words))
    if key != f"{kind}:":
        assert typed_entity_key(key) == key


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLAIN, max_size=4), st.sampled_from(["عبد", "أبو"]), st.lists(_PLAIN, min_size=1, max_size=3))
def test_the_space_after_a_compound_head_never_changes_the_key(before: list[str], head: str, after: list[str]) -> None:
    apart = " ".join([*before, head, *after])
    joined = " ".join([*before, head + after[0], *after[1:]])
    assert entity_key("PERS", apart) == entity_key("PERS", joined)


def test_a_person_s_family_after_a_son_of_chain_is_left_out_of_the_key() -> None:
    assert entity_key("PERS", "سلمان بن عبدالعزيز آل سعود") == entity_key("PERS", "سلمان بن عبد العزيز") == \
        "PERS:سلمان بن عبدالعزيز"
    assert entity_key("PERS", "تميم بن حمد آل ثاني") == "PERS:تميم بن حمد"
    # no chain, too short, or not a person: the family stays
    assert entity_key("PERS", "صالح آل الشيخ") == "PERS:صالح ال الشيخ"
    assert entity_key("PERS", "محمد آل سعود") == "PERS:محمد ال سعود"
    assert entity_key("ORG", "مؤسسة بن لادن آل سعود") == "ORG:مؤسسه بن لادن ال سعود"
    assert typed_entity_key("PERS:سلمان بن عبدالعزيز آل سعود") == "PERS:سلمان بن عبدالعزيز"


def test_a_person_is_keyed_by_the_short_form_news_uses() -> None:
    # the founder's name closing a prince's chain
    assert entity_key("PERS", "محمد بن سلمان بن عبد العزيز") == entity_key("PERS", "محمد بن سلمان") == \
        "PERS:محمد بن سلمان"
    assert entity_key("PERS", "فيصل بن مشعل بن سعود بن عبدالعزيز") == "PERS:فيصل بن مشعل بن سعود"
    assert entity_key("PERS", "خالد الفيصل بن عبدالعزيز") == entity_key("PERS", "خالد الفيصل")
    assert entity_key("PERS", "مشاعل بنت عبدالمحسن بن عبدالعزيز") == "PERS:مشاعل بنت عبدالمحسن"
    # with the family after it too, in either spelling of "son of"
    assert entity_key("PERS", "محمد بن سلمان ابن عبدالعزيز آل سعود") == "PERS:محمد بن سلمان"
    # the father's name between a given name and a family name
    assert entity_key("PERS", "عادل بن أحمد الجبير") == entity_key("PERS", "عادل الجبير") == "PERS:عادل الجبير"
    assert entity_key("PERS", "خالد بن عبد القادر طاهر") == "PERS:خالد طاهر"
    assert typed_entity_key("PERS:عزام بن محمد الدخيل") == "PERS:عزام الدخيل"
    # ... and written without «بن», in every spelling of the father's name
    assert entity_key("PERS", "عزام محمد الدخيل") == entity_key("PERS", "عزام بن محمد الدخيل") == "PERS:عزام الدخيل"
    assert entity_key("PERS", "خالد محفوظ بحاح") == entity_key("PERS", "خالد بحاح")
    assert entity_key("PERS", "أحمد داود أوغلو") == entity_key("PERS", "أحمد داوود أوغلو") == "PERS:احمد اوغلو"
    assert entity_key("PERS", "هيلاري رودهام كلينتون") == entity_key("PERS", "هيلاري كلينتون")


def test_what_tells_two_people_apart_stays_in_the_key() -> None:
    # a king's own name, and a grandfather other than the founder (two princes)
    assert entity_key("PERS", "فيصل بن عبدالعزيز") == "PERS:فيصل بن عبدالعزيز"
    assert entity_key("PERS", "سعود بن عبدالله بن ثنيان") != entity_key("PERS", "سعود بن عبدالله بن جلوي")
    assert entity_key("PERS", "فهد بن عبدالعزيز بن معمر") != entity_key("PERS", "فهد بن عبدالعزيز")
    # a kunya is the father's name, not a family name
    assert entity_key("PERS", "علي بن أبي طالب") == "PERS:علي بن ابي طالب"
    # a royal branch: the king's son is not his grandson
    assert entity_key("PERS", "تركي بن عبدالله الفيصل") != entity_key("PERS", "تركي الفيصل")
    # a grandfather's given name, or a title the name ran on into, is no family name
    assert entity_key("PERS", "محمد بن عبدالله صالح") == "PERS:محمد بن عبدالله صالح"
    assert entity_key("PERS", "قابوس بن سعيد سلطان") == "PERS:قابوس بن سعيد سلطان"
    # no chain at all, a name that begins with "son of", or not a person
    assert entity_key("PERS", "علي عبدالله صالح") == "PERS:علي عبدالله صالح"
    # three words that are not given name, father and family: a branch or a compound's half in
    # the middle, a particle, a link, a title, or a compound given name at the end
    assert entity_key("PERS", "تركي العبدالله الفيصل") == "PERS:تركي العبدالله الفيصل"
    assert entity_key("PERS", "محمد أبو زيد الغامدي") == "PERS:محمد ابوزيد الغامدي"
    assert entity_key("PERS", "أنخيل دي ماريا") == "PERS:انخيل دي ماريا"
    assert entity_key("PERS", "محمد ولد عبد العزيز") == "PERS:محمد ولد عبدالعزيز"
    assert entity_key("PERS", "خليل بني عطية") == "PERS:خليل بني عطيه"
    assert entity_key("PERS", "محمد بن لادن") == "PERS:محمد بن لادن"
    assert entity_key("PERS", "جون ف. كينيدي") == "PERS:جون ف كينيدي"
    assert entity_key("PERS", "الرئيس محمد مرسي") == "PERS:الرئيس محمد مرسي"
    assert entity_key("PERS", "صلاح عز الدين") == "PERS:صلاح عز الدين"
    assert entity_key("PERS", "عبد ربه منصور هادي") == "PERS:عبدربه منصور هادي"
    assert entity_key("ORG", "عزام محمد الدخيل") == "ORG:عزام محمد الدخيل"
    assert entity_key("PERS", "أسامة بن لادن") == "PERS:اسامه بن لادن"
    assert entity_key("ORG", "محمد بن أحمد الجبير") == "ORG:محمد بن احمد الجبير"


@settings(max_examples=300, deadline=None)
@given(_PLAIN, st.lists(_PLAIN, min_size=1, max_size=3))
def test_a_name_and_its_chain_to_the_founder_share_a_key(given: str, fathers: list[str]) -> None:
    """Whatever the names, «F بن X … بن عبد العزيز» is keyed as «F بن X …», in both spellings
    of the founder's name."""
    short = " ".join([given, "بن", *fathers])
    assert entity_key("PERS", short + " بن عبدالعزيز") == entity_key("PERS", short)
    assert entity_key("PERS", short + " بن عبد العزيز") == entity_key("PERS", short)


def test_a_middle_name_left_out_is_a_father_s_name_or_a_particle_not_a_link_family_initial_or_and() -> None:
    def left_out(short: str, full: str) -> bool:
        return without_the_middle_name(name_words(full)) == name_words(short)

    assert left_out("علي صالح", "علي عبدالله صالح")
    assert left_out("علي صالح", "علي عبد الله صالح")  # the compound joined as in the keys
    assert left_out("الملا منصور", "الملا أختر منصور")
    assert left_out("لويس غال", "لويس فان غال")
    assert not left_out("نادر كامل", "نادر أبو كامل")  # a family name beginning with أبو
    assert not left_out("سلمان سعود", "سلمان آل سعود")
    assert not left_out("تركي الفيصل", "تركي العبدالله الفيصل")  # a branch
    assert not left_out("جورج بوش", "جورج دبليو بوش")  # the initial tells the son from the father
    assert not left_out("علي سعيد", "علي ومجتبى سعيد")  # two people
    assert not left_out("علي صالح", "محمد عبدالله صالح")  # another first word
    assert not left_out("صالح", "علي عبدالله صالح") and not left_out("علي صالح", "علي بن عبدالله بن صالح")
