import pytest

from content.kazakh import stem, stems_of

FORMS = [
    # (dictionary form, inflected forms)
    ("мұғалім", ["мұғалімдер", "мұғалімге", "мұғалімдердің", "мұғалімнің", "мұғалімдеріміз",
                 "Мұғалімдерімен"]),
    ("кәсіподақ", ["кәсіподағы", "кәсіподақтың", "кәсіподақтар", "кәсіподаққа", "кәсіподақтарының"]),
    ("еңбек", ["еңбегі", "еңбекке", "еңбегінің", "еңбектің"]),
    ("құқық", ["құқығы", "құқықтары", "құқықтарын", "құқықтың"]),
    ("мектеп", ["мектебі", "мектепте", "мектептер", "мектептің", "мектепке", "мектептегі"]),
    ("шарт", ["шарты", "шартқа", "шарттар", "шарттың", "шартты"]),
    ("педагог", ["педагогтың", "педагогтардың", "педагогқа"]),
    ("заң", ["заңы", "заңның", "заңға", "заңдар"]),
    ("ауыл", ["ауылдағы", "ауылда"]),
]


@pytest.mark.parametrize("word, forms", FORMS)
def test_every_inflected_form_has_the_stem_of_the_dictionary_form(word, forms):
    assert {stem(form) for form in forms} == {stem(word)}


def test_suffix_shapes_follow_the_sound_before_them():
    # шарт+ы (its contract), not шар+ты; кәсіподақ+ы, not кәсіпо+дағы.
    assert stem("шарты") == "шарт"
    assert stem("кәсіподағы") == "кәсіподақ"


def test_short_words_and_other_scripts_are_left_alone():
    assert stem("заң") == "заң"
    assert stem("Labour") == "labour"
    assert stem("2024") == "2024"


def test_stems_of_lists_each_changed_stem_once():
    assert stems_of("Мұғалімдердің құқықтары, мұғалімге кеңес, заң") == "мұғал құқық"
