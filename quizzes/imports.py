"""Moving question banks in and out: Moodle GIFT files into a bank, a bank back to GIFT."""

from django.db import transaction

from . import gift, question_types, tables
from .models import Option, Question

MAX_OPTION_LENGTH = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 2_000  # questions (table rows) in one file; a bigger bank comes in several files


def decode(data):
    """File bytes as text; GIFT files are UTF-8 (with or without a BOM)."""
    if len(data) > MAX_FILE_BYTES:
        raise gift.GiftError([(0, f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise gift.GiftError([(line, "the file is not UTF-8 text; save it as UTF-8")]) from error


def _check_lengths(parsed):
    errors = [
        (question.line, f"an answer is longer than {MAX_OPTION_LENGTH} characters")
        for question in parsed
        if any(len(o.text) > MAX_OPTION_LENGTH or len(o.match) > MAX_OPTION_LENGTH
               for o in question.options)
    ]
    if errors:
        raise gift.GiftError(errors)


def import_gift(bank, text, language="ru"):
    """Add every question of a GIFT text to ``bank`` in ``language`` ("ru" or "kk"), read
    with the GIFT syntaxes of the registered question types. A file with any malformed
    question is refused whole, naming its lines: nothing from it is stored."""
    parsed = gift.parse(text, max_questions=MAX_QUESTIONS, syntaxes=question_types.gift_syntaxes())
    return store(bank, parsed, language)


def import_file(bank, name, data, language="ru"):
    """A GIFT, CSV or XLSX file, told apart by its name, stored all or nothing."""
    if name.lower().endswith(".xlsx"):
        return store(bank, tables.read_xlsx(name, data, MAX_QUESTIONS), language)
    if name.lower().endswith(".csv"):
        return store(bank, tables.read_csv(decode(data), MAX_QUESTIONS), language)
    return import_gift(bank, decode(data), language)


@transaction.atomic
def store(bank, parsed, language):
    """Save parsed questions (from any file kind) into ``bank``."""
    _check_lengths(parsed)
    created = []
    for item in parsed:
        question = Question.objects.create(
            bank=bank,
            kind=item.kind,
            title=item.title[:255],
            true_false_answer=item.answer,
            accepted_answers="\n".join(item.accepted),
            numeric_answer=item.value,
            tolerance=item.tolerance,
            **{f"text_{language}": item.text, f"feedback_{language}": item.feedback},
        )
        Option.objects.bulk_create(
            Option(
                question=question,
                sort_order=position,
                fraction=option.fraction,
                **{f"text_{language}": option.text, f"match_{language}": option.match,
                   f"feedback_{language}": option.feedback[:MAX_OPTION_LENGTH]},
            )
            for position, option in enumerate(item.options)
        )
        created.append(question)
    return created


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
            options=[
                gift.ParsedOption(
                    text=getattr(o, f"text_{language}") or o.text_ru or o.text_kk,
                    fraction=o.fraction,
                    feedback=getattr(o, f"feedback_{language}"),
                    match=getattr(o, f"match_{language}") or o.match_ru or o.match_kk,
                )
                for o in question.options.all()
            ],
            accepted=question.accepted_list(),
            answer=question.true_false_answer,
            value=question.numeric_answer,
            tolerance=question.tolerance,
            feedback=getattr(question, f"feedback_{language}"),
            category=bank.title,
        ))
    return gift.dump(parsed, question_types.gift_syntaxes())
