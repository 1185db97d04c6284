"""Text of the other language on a page: the visible text nodes that are not inside an
element that declares its own ``lang`` (a Russian course title on a Kazakh page may be shown
if it says so), read with the rules a reader would use:

- on a Russian page, a word in small letters with a Kazakh letter (ә ғ қ ң ө ұ ү һ і):
  names such as "Гүлнар Әбдірахманова" are written in any language;
- on a Kazakh page, a Cyrillic text without any Kazakh letter that has a letter or an ending
  only Russian has (ё ъ щ, -ого, -ться, -ция, -ние);
- on either, an English word of four letters or more (outside addresses, e-mails and the
  names of the services a page links to).
"""

import re

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_RUSSIAN_ONLY = re.compile(r"[ЁёЪъЩщ]|(ого|его|ться|ция|ние)\b")
_KAZAKH_WORD = re.compile(r"\b[а-яёәғқңөұүһі]*[әғқңөұүһі][а-яёәғқңөұүһі]*", re.IGNORECASE)
_ENGLISH_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_BRANDS = re.compile(r"\b(Google|YouTube|Vimeo|Zoom|Excel|WhatsApp|Telegram)\b")
_ADDRESS = re.compile(r"https?://|@|\.\w{2,4}\b|\b[A-Z]\w+/[A-Z]\w+")  # a time zone: Europe/Moscow
_LANGUAGE_NAMES = {"English", "Русский", "Қазақша", "Қазақ тілі"}

VISIBLE_TEXT = """() => {
  const found = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, text = node.textContent.trim(), parent = node.parentElement;
    if (!text || !parent || parent.closest("script, style, [lang]:not(html)")) continue;
    if (!parent.checkVisibility()) continue;
    found.push(text);
  }
  return found;
}"""


def other_language_text(page, language):
    """The texts on ``page`` that read as another language than ``language``."""
    found = []
    for text in page.evaluate(VISIBLE_TEXT):
        if text in _LANGUAGE_NAMES:
            continue  # the language switch names each language in itself
        kazakh = any(letter in KAZAKH_LETTERS for letter in text)
        if language == "ru" and any(word[0].islower() for word in _KAZAKH_WORD.findall(text)):
            found.append(text)
        if language == "kk" and not kazakh and _RUSSIAN_ONLY.search(text):
            found.append(text)
        if _ENGLISH_WORD.search(_BRANDS.sub("", text)) and not _ADDRESS.search(text):
            found.append(text)
    return found
