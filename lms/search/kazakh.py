"""A light Kazakh stemmer for search: pure Python, no Django.

PostgreSQL has a Russian text-search configuration but no Kazakh one, and SQLite has no
stemming at all. Kazakh is agglutinative: мұғалім (teacher) → мұғалімдер (teachers) →
мұғалімдердің (of the teachers) → мұғалімге (to the teacher). Stripping the common
inflectional suffixes (plural, possessive, case) from the end, again and again, brings
the forms of one word to one stem. The same function runs over indexed text and over the
query, so a stem only has to be consistent, not linguistically exact: мұғалім and all its
forms become "мұғал". Derivational suffixes (-лық, -шы...) are kept: they make new words.
"""

import re

# Inflectional suffixes, longest tried first. Vowel harmony and the assimilation of the
# first consonant give each suffix several shapes.
_PLURAL = ["лар", "лер", "дар", "дер", "тар", "тер"]
_PLURAL_POSSESSIVE = ["лары", "лері", "дары", "дері", "тары", "тері"]
_POSSESSIVE = [
    "ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз",
    "ым", "ім", "ың", "ің", "сы", "сі", "м", "ң", "ы", "і",
]
_CASE = [
    "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі",  # locative-attributive: мектептегі
    "дың", "дің", "тың", "тің", "ның", "нің",  # genitive
    "ға", "ге", "қа", "ке", "на", "не", "а", "е",  # dative
    "ды", "ді", "ты", "ті", "ны", "ні", "н",  # accusative
    "нда", "нде", "да", "де", "та", "те",  # locative
    "нан", "нен", "дан", "ден", "тан", "тен",  # ablative
    "менен", "бенен", "пенен", "мен", "бен", "пен",  # instrumental
    "ша", "ше",  # equative
]
SUFFIXES = sorted(set(_PLURAL + _PLURAL_POSSESSIVE + _POSSESSIVE + _CASE), key=len, reverse=True)

VOWELS = set("аәеёиоөуұүыіэюя")
# Voiceless consonants, and б в г д, after which loanwords (педагог → педагогтың) take
# the voiceless shape of a suffix.
VOICELESS = set("кқпстфхцчшщбвгд")
# The first letter of a suffix depends on the sound before it (т after voiceless
# consonants, д after other consonants, н after vowels and nasals...). Checking it keeps
# шарт+ы (its contract) from being read as шар+ты, and кәсіподақ+ы from кәсіпо+дағы.
_AFTER = {
    "т": lambda c: c in VOICELESS,
    "қ": lambda c: c in VOICELESS,
    "к": lambda c: c in VOICELESS,
    "д": lambda c: (c not in VOWELS or c == "у") and c not in VOICELESS,
    "ғ": lambda c: c not in VOICELESS,
    "г": lambda c: c not in VOICELESS,
    "л": lambda c: c in VOWELS or c in "йру",
    "н": lambda c: c in VOWELS or c in "мнң",
    "с": lambda c: c in VOWELS,
    "м": lambda c: c in VOWELS or c in "лмнңрйуз",
}
MIN_STEM = 3
MAX_ROUNDS = 5
# A stem-final voiced consonant is the voiceless one before a vowel-initial suffix:
# еңбек → еңбегі, кәсіподақ → кәсіподағы, мектеп → мектебі. Both sides map to voiceless.
_DEVOICE = {"ғ": "қ", "г": "к", "б": "п"}

_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+")


def _strippable(word, suffix):
    stem = word[: -len(suffix)]
    if len(stem) < MIN_STEM or not any(letter in VOWELS for letter in stem):
        return False
    fits = _AFTER.get(suffix[0])
    return fits is None or fits(stem[-1])


def stem(word):
    """The stem of one Cyrillic word (lower-cased); other words come back lower-cased."""
    word = word.lower()
    if not _CYRILLIC_WORD.fullmatch(word):
        return word
    for _round in range(MAX_ROUNDS):
        suffix = next((s for s in SUFFIXES if word.endswith(s) and _strippable(word, s)), None)
        if suffix is None:
            break
        word = word[: -len(suffix)]
    if word[-1] in _DEVOICE:
        word = word[:-1] + _DEVOICE[word[-1]]
    return word
