"""Questions from a spreadsheet (CSV or XLSX), for trainers who keep their banks in Excel.

One question a row, under a header row with these columns:

    kind      the kind of question: one of ``question_types.table_kinds()``
    title     optional
    question  the question text
    options   choice kinds: options separated by "|", right ones marked with a leading "*";
              matching: "left = right" pairs separated by "|"
    answer    true_false: true/false (да/нет, иә/жоқ also read); short_answer: accepted
              answers separated by "|"; numeric: a number, optionally "±" or ":" tolerance
    feedback  optional

Each question type reads its own options and answer (``QuestionType.read_table_row``).
Rows come back as ``gift.ParsedQuestion`` so that both file kinds are stored the same way.
"""

from lms.table_files import TableError, csv_rows, xlsx_rows

from . import question_types
from .answers import split_cell
from .formats import TextFormat
from .gift import GiftError, ParsedQuestion
from .messages import _

COLUMNS = ("kind", "title", "question", "options", "answer", "feedback")


def _row(values, line):
    kind = values["kind"].strip().lower()
    text = values["question"].strip()
    kinds = question_types.table_kinds()
    if kind not in kinds:
        raise ValueError(_('column "kind": "%(kind)s" is not one of %(kinds)s',
                           kind=kind, kinds=", ".join(kinds)))
    if not text:
        raise ValueError(_('column "question" is empty'))
    question = ParsedQuestion(kind=kind, text=text, line=line, title=values["title"].strip(),
                              feedback=values["feedback"].strip(), text_format=TextFormat.PLAIN)
    question_types.get(kind).read_table_row(
        question, split_cell(values["options"]), values["answer"].strip()
    )
    return question


def parse_rows(rows):
    """Rows as (line, cells) pairs, the header first, as questions. A header without the
    needed columns is refused before any other row is read; every bad row is reported with
    its number and column, and then nothing is returned."""
    try:
        return _parse_rows(rows)
    except TableError as error:  # unreadable, an archive bomb, or too many rows
        raise GiftError([(error.line or 0, str(error))]) from error


def _parse_rows(rows):
    first = next(rows, None)
    if first is None:
        raise GiftError([(1, _("the file is empty"))])
    header = [cell.strip().lower() for cell in first[1]]
    missing = [name for name in ("kind", "question") if name not in header]
    if missing:
        raise GiftError([(1, _("the header row has no column %(columns)s", columns=", ".join(missing)))])
    questions, errors = [], []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[header.index(name)] if name in header and header.index(name) < len(row)
                         else "") for name in COLUMNS}
        try:
            questions.append(_row(values, line))
        except ValueError as error:
            errors.append((line, error.args[0] if error.args else str(error)))
    if errors:
        raise GiftError(errors)
    return questions


def read_csv(text, max_rows):
    """Questions of a CSV table separated by commas, semicolons or tabs, at most
    ``max_rows`` of them."""
    return parse_rows(csv_rows(text, max_rows))


def read_xlsx(name, data, max_rows):
    """Questions of the first sheet of an XLSX workbook, at most ``max_rows`` of them; an
    archive bomb is refused unread."""
    return parse_rows(xlsx_rows(name, data, max_rows))
