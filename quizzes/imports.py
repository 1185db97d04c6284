"""Moving question banks in and out: Moodle GIFT files (and tables) into a bank, a file in
the other language filling in the questions already there, and a bank back to GIFT.

Every import is all or nothing: a file with any malformed question is refused whole, naming
its lines (``gift.GiftError``), and nothing from it is stored. What is left out without
being an error (a Moodle description, a question the bank has no match for) comes back as
warnings with its line. Messages are ``quizzes.messages.Message``s: ``shown_problems``
gives them in the admin's language.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation

from . import gift, question_types, tables
from .formats import convert
from .messages import _, ngettext, shown
from .models import Option, Question

MAX_OPTION_LENGTH = 500
MAX_TITLE_LENGTH = 255
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 2_000  # questions (table rows) in one file; a bigger bank comes in several files
LANGUAGES = ("ru", "kk")
SAME = 1e-9  # credits and numbers of a translation must equal the bank's within this


@dataclass
class ImportReport:
    """What an import did: the questions created (or, for a translation, filled in), what
    was skipped as (line, message), and for a translation the bank's questions that the
    file had no text for."""

    questions: list
    warnings: list = field(default_factory=list)
    untranslated: list = field(default_factory=list)


def shown_problems(problems):
    """(line, message) pairs with each message in the active language."""
    return [(line, shown(message, translation.gettext, translation.ngettext))
            for line, message in problems]


def decode(data):
    """File bytes as text; GIFT files are UTF-8 (with or without a BOM)."""
    if len(data) > MAX_FILE_BYTES:
        raise gift.GiftError([(0, _("the file is larger than %(megabytes)d MB",
                                    megabytes=MAX_FILE_BYTES // 1024 // 1024))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise gift.GiftError([(line, _("the file is not UTF-8 text; save it as UTF-8"))]) from error


def read(name, data, warnings):
    """The questions of a GIFT, CSV or XLSX file, told apart by its name; what is skipped
    goes to ``warnings``."""
    if name.lower().endswith(".xlsx"):
        return tables.read_xlsx(name, data, MAX_QUESTIONS)
    if name.lower().endswith(".csv"):
        return tables.read_csv(decode(data), MAX_QUESTIONS)
    return read_gift(decode(data), warnings)


def read_gift(text, warnings):
    """The questions of a GIFT text, read with the GIFT syntaxes of the registered types."""
    return gift.parse(text, max_questions=MAX_QUESTIONS, syntaxes=question_types.gift_syntaxes(),
                      warnings=warnings)


def import_gift(bank, text, language="ru"):
    """Add every question of a GIFT text to ``bank`` in ``language`` ("ru" or "kk")."""
    warnings = []
    return ImportReport(store(bank, read_gift(text, warnings), language), warnings)


def import_file(bank, name, data, language="ru"):
    """Add every question of a GIFT, CSV or XLSX file to ``bank`` in ``language``."""
    warnings = []
    return ImportReport(store(bank, read(name, data, warnings), language), warnings)


def translate_file(bank, name, data, language):
    """Fill in ``language`` of the bank's questions from a file of the same questions in
    that language: each question of the file goes to the bank's question with the same
    ``::title::`` (title column in a table), which must be of the same kind, with the same
    answers in the same order and the same credits and numbers. Only the texts are taken:
    question, answers, matching sides and feedback."""
    warnings = []
    return fill_language(bank, read(name, data, warnings), language, warnings)


# ---------------------------------------------------------------- storing new questions


def _in_question_format(item):
    """``item`` with every text in the question's own format (a file may write an answer or
    a feedback in another format than its question: it is converted)."""
    own = item.text_format

    def converted(text, formats, name):
        return convert(text, formats.get(name), own)

    options = [
        dataclasses.replace(option, formats={},
                            text=converted(option.text, option.formats, "text"),
                            feedback=converted(option.feedback, option.formats, "feedback"))
        for option in item.options
    ]
    return dataclasses.replace(
        item, options=options, formats={},
        feedback=converted(item.feedback, item.formats, "feedback"),
        right_feedback=converted(item.right_feedback, item.formats, "right_feedback"),
        wrong_feedback=converted(item.wrong_feedback, item.formats, "wrong_feedback"),
    )


def _check_lengths(parsed):
    errors = []
    for question in parsed:
        if len(question.title) > MAX_TITLE_LENGTH:
            errors.append((question.line, _("the title is longer than %(limit)d characters",
                                            limit=MAX_TITLE_LENGTH)))
        if any(len(o.text) > MAX_OPTION_LENGTH or len(o.match) > MAX_OPTION_LENGTH
               for o in question.options):
            errors.append((question.line, _("an answer is longer than %(limit)d characters",
                                            limit=MAX_OPTION_LENGTH)))
    if errors:
        raise gift.GiftError(errors)


@transaction.atomic
def store(bank, parsed, language):
    """Save parsed questions (from any file kind) into ``bank`` as new questions."""
    parsed = [_in_question_format(item) for item in parsed]
    _check_lengths(parsed)
    created = []
    for item in parsed:
        question = Question.objects.create(
            bank=bank,
            kind=item.kind,
            title=item.title,
            text_format=item.text_format,
            true_false_answer=item.answer,
            accepted_answers="\n".join(item.accepted),
            numeric_answer=item.value,
            tolerance=item.tolerance,
            **{f"text_{language}": item.text, f"feedback_{language}": item.feedback,
               f"right_feedback_{language}": item.right_feedback,
               f"wrong_feedback_{language}": item.wrong_feedback},
        )
        Option.objects.bulk_create(
            Option(
                question=question,
                sort_order=position,
                fraction=option.fraction,
                number=option.number,
                tolerance=option.tolerance,
                number_to=option.number_to,
                **{f"text_{language}": option.text, f"match_{language}": option.match,
                   f"feedback_{language}": option.feedback},
            )
            for position, option in enumerate(item.options)
        )
        created.append(question)
    return created


# ---------------------------------------------------------------- a second language


def _same(a, b):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= SAME


def _differences(question, item):
    """Why ``item`` (from the file) cannot be the other language of ``question``."""
    title = item.title
    if item.kind != question.kind:
        return [_("the bank's question titled «%(title)s» is of another kind (%(bank)s, here "
                  "%(file)s)", title=title, bank=question_types.get(question.kind).label,
                  file=question_types.get(item.kind).label)]
    options = list(question.options.all())
    if len(options) != len(item.options):
        return [_("the bank's question titled «%(title)s» has %(bank)d answers, this file "
                  "%(file)d", title=title, bank=len(options), file=len(item.options))]
    problems = []
    if item.answer is not None and item.answer != question.true_false_answer:
        problems.append(_("the bank's question titled «%(title)s» has the other answer (true "
                          "or false)", title=title))
    if item.value is not None and not (
            _same(item.value, question.numeric_answer) and _same(item.tolerance, question.tolerance)):
        problems.append(_("the bank's question titled «%(title)s» has another number",
                          title=title))
    for number, (option, parsed) in enumerate(zip(options, item.options, strict=True), start=1):
        if not _same(option.fraction, parsed.fraction):
            problems.append(_("answer %(number)d of the question titled «%(title)s» earns "
                              "%(bank)s%% in the bank, %(file)s%% here", number=number, title=title,
                              bank=f"{option.fraction * 100:g}", file=f"{parsed.fraction * 100:g}"))
        elif not (_same(option.number, parsed.number) and _same(option.number_to, parsed.number_to)
                  and _same(option.tolerance, parsed.tolerance)):
            problems.append(_("answer %(number)d of the question titled «%(title)s» has another "
                              "number in the bank", number=number, title=title))
    return problems


def _by_title(bank):
    questions = list(bank.questions.prefetch_related("options").order_by("pk"))
    by_title = defaultdict(list)
    for question in questions:
        if question.title:
            by_title[question.title].append(question)
    return questions, by_title


def _fill(question, item, language):
    """Put the texts of ``item`` into ``language`` of ``question`` and its options."""
    setattr(question, f"text_{language}", item.text)
    for name in ("feedback", "right_feedback", "wrong_feedback"):
        setattr(question, f"{name}_{language}", getattr(item, name))
    if item.accepted:  # accepted answers are right in either language: add the new ones
        known = question.accepted_list()
        question.accepted_answers = "\n".join(known + [a for a in item.accepted if a not in known])
    options = list(question.options.all())
    for option, parsed in zip(options, item.options, strict=True):
        setattr(option, f"text_{language}", parsed.text)
        setattr(option, f"match_{language}", parsed.match)
        setattr(option, f"feedback_{language}", parsed.feedback)
    return options


def fill_language(bank, parsed, language, warnings=None):
    """Fill in ``language`` of the questions of ``bank`` from ``parsed``, matched by title
    (``translate_file``). Every mismatch is an error of its line and nothing is stored;
    a question of the file without a title, or without a match in the bank, is skipped
    with a warning."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    warnings = [] if warnings is None else warnings
    questions, by_title = _by_title(bank)
    errors, filled, first_line = [], [], {}
    for item in parsed:
        if not item.title:
            warnings.append((item.line, _("the question has no ::title:: to find it by in the "
                                          "bank: it was skipped")))
            continue
        if item.title in first_line:
            errors.append((item.line, _("the title «%(title)s» is also used on line %(line)d",
                                        title=item.title, line=first_line[item.title])))
            continue
        first_line[item.title] = item.line
        matches = by_title.get(item.title, [])
        if not matches:
            warnings.append((item.line, _("the bank has no question titled «%(title)s»: it was "
                                          "skipped", title=item.title)))
            continue
        if len(matches) > 1:
            errors.append((item.line, ngettext(
                "%(count)d question of the bank is titled «%(title)s»: give them different titles",
                "%(count)d questions of the bank are titled «%(title)s»: give them different titles",
                len(matches), title=item.title)))
            continue
        question = matches[0]
        problems = _differences(question, item)
        if problems:
            errors.extend((item.line, problem) for problem in problems)
            continue
        item = _converted_to(_in_question_format(item), question.text_format)
        filled.append((question, item))
    _check_lengths([item for _question, item in filled])
    if errors:
        raise gift.GiftError(errors)
    with transaction.atomic():
        for question, item in filled:
            options = _fill(question, item, language)
            question.save()
            Option.objects.bulk_update(
                options, [f"text_{language}", f"match_{language}", f"feedback_{language}"])
    done = {question.pk for question, _item in filled}
    return ImportReport([question for question, _item in filled], sorted(warnings, key=lambda w: w[0]),
                        [question for question in questions if question.pk not in done])


def _converted_to(item, text_format):
    """``item`` (every text already in its own question format) in ``text_format``, the
    format of the bank's question it fills in."""
    source = item.text_format
    options = [dataclasses.replace(o, text=convert(o.text, source, text_format),
                                   feedback=convert(o.feedback, source, text_format))
               for o in item.options]
    return dataclasses.replace(
        item, options=options, text_format=text_format,
        text=convert(item.text, source, text_format),
        feedback=convert(item.feedback, source, text_format),
        right_feedback=convert(item.right_feedback, source, text_format),
        wrong_feedback=convert(item.wrong_feedback, source, text_format),
    )


# ---------------------------------------------------------------- export


def export_gift(bank, language="ru"):
    """The bank's questions as GIFT text, in ``language`` where it is filled in."""
    parsed = []
    questions = bank.questions.prefetch_related("options").order_by("pk")
    for question in questions:
        text = getattr(question, f"text_{language}") or question.text_ru or question.text_kk
        parsed.append(gift.ParsedQuestion(
            kind=question.kind,
            text=text,
            line=0,
            title=question.title,
            text_format=question.text_format,
            options=[
                gift.ParsedOption(
                    text=getattr(o, f"text_{language}") or o.text_ru or o.text_kk,
                    fraction=o.fraction,
                    feedback=getattr(o, f"feedback_{language}"),
                    match=getattr(o, f"match_{language}") or o.match_ru or o.match_kk,
                    number=o.number,
                    tolerance=o.tolerance,
                    number_to=o.number_to,
                )
                for o in question.options.all()
            ],
            accepted=question.accepted_list(),
            answer=question.true_false_answer,
            value=question.numeric_answer,
            tolerance=question.tolerance,
            feedback=getattr(question, f"feedback_{language}"),
            right_feedback=getattr(question, f"right_feedback_{language}"),
            wrong_feedback=getattr(question, f"wrong_feedback_{language}"),
            category=bank.title,
        ))
    return gift.dump(parsed, question_types.gift_syntaxes())
