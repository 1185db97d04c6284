"""The kk, ru and en catalogues are complete, compiled, and cover the strings in the code."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["kk", "ru", "en"]
SOURCE_DIRS = ["lms", "content", "templates"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")
PY_STRING = re.compile(r"""\b(?:_|gettext|gettext_lazy|pgettext)\(\s*(["'])(.+?)(?<!\\)\1\s*[,)]""")
TEMPLATE_STRING = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def source_strings():
    found = set()
    for directory in SOURCE_DIRS:
        for path in (ROOT / directory).rglob("*"):
            if path.suffix == ".py" and "migrations" not in path.parts:
                found.update(m.group(2) for m in PY_STRING.finditer(path.read_text()))
            elif path.suffix in {".html", ".txt"}:
                found.update(m.group(2) for m in TEMPLATE_STRING.finditer(path.read_text()))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(language):
    po = catalogue(language)

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po) > 50


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    for entry in catalogue(language).translated_entries():
        if entry.msgid_plural:
            continue  # a singular form may spell out "one" instead of the number
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == expected, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source_catalogue(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))

    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if not e.msgid_plural}
    written = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}

    assert compiled == written


def test_every_string_in_the_code_is_in_the_catalogues():
    in_code = source_strings()

    for language in LANGUAGES:
        known = {entry.msgid for entry in catalogue(language)}
        assert sorted(in_code - known) == [], language
