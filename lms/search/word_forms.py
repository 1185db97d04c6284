"""The forms a word is searched in: as written, its Russian stem and its Kazakh stem.

Russian: Snowball's Russian stemmer (учителей, учителя, учитель → учител). Kazakh: the suffix
stripping of ``kazakh.py`` (мұғалімдердің, мұғалімге → мұғал). Neither database stems by itself
on the embedded default (SQLite), and PostgreSQL has no Kazakh, so the stems are made here, the
same way for the indexed text (``stems_of``, indexed next to the text) and for the query
(``forms``): they only have to agree with each other.
"""

import re

import snowballstemmer

from . import kazakh

WORD = re.compile(r"\w+")
# Letters of the Kazakh alphabet that Russian has not: a word with one is not Russian.
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]")
_russian = snowballstemmer.stemmer("russian")


def words(text):
    return WORD.findall(text or "")


def russian_stem(word):
    """The Russian stem of a lower-cased word; a word with Kazakh letters comes back whole."""
    if _KAZAKH_ONLY.search(word):
        return word
    return _russian.stemWord(word.replace("ё", "е"))


def forms(word):
    """``word`` lower-cased, then its Russian and Kazakh stems where they differ from it."""
    lowered = word.lower()
    found = dict.fromkeys([lowered, russian_stem(lowered), kazakh.stem(lowered)])
    return list(found)


def stems_of(text):
    """The distinct stems of ``text`` that differ from their word, space-separated, for
    indexing next to the text itself."""
    seen = {}
    for word in words(text):
        lowered, *stems = forms(word)
        seen.update(dict.fromkeys(stems))
    return " ".join(seen)
