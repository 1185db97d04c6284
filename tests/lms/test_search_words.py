"""The forms a search word is looked up in: Kazakh stems (lms/search/kazakh.py), Russian
stems (Snowball) and the word itself (lms/search/word_forms.py)."""

import pytest

from lms.search import stems_of
from lms.search.kazakh import stem
from lms.search.word_forms import forms, russian_stem

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


@pytest.mark.parametrize("word, inflected", [
    ("учитель", ["учителей", "учителя", "учителям", "Учителями"]),
    ("инспектор", ["инспекторов", "инспекторам", "инспектора"]),
    ("договор", ["договора", "договоров", "договорами"]),
    ("комиссия", ["комиссии", "комиссий", "комиссиями"]),
])
def test_russian_forms_of_a_word_share_its_russian_stem(word, inflected):
    assert {russian_stem(form.lower()) for form in inflected} == {russian_stem(word)}


def test_a_word_with_kazakh_letters_is_not_given_a_russian_stem():
    assert russian_stem("құқықтары") == "құқықтары"
    assert "инспектор" in forms("инспекторларға")


def test_forms_are_the_word_then_its_stems_each_once():
    assert forms("Учителей") == ["учителей", "учител"]
    assert forms("мұғалімге") == ["мұғалімге", "мұғал"]
    assert forms("2024") == ["2024"]


def test_stems_of_a_russian_text_hold_its_russian_stems():
    assert stems_of("Права учителей и инспекторов") == "прав учител инспектор"
