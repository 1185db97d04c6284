"""Questions from a spreadsheet (CSV or XLSX), for trainers who keep their banks in Excel.

One question a row, under a header row with these columns:

    kind      single | multiple | true_false | matching | short_answer | numeric
    title     optional
    question  the question text
    options   choice kinds: options separated by "|", right ones marked with a leading "*";
              matching: "left = right" pairs separated by "|"
    answer    true_false: true/false (да/нет, иә/жоқ also read); short_answer: accepted
              answers separated by "|"; numeric: a number, optionally "±" or ":" tolerance
    feedback  optional

Rows come back as ``gift.ParsedQuestion`` so that both file kinds are stored the same way.
"""

import csv
import io

from openpyxl import load_workbook

from .gift import KINDS, GiftError, ParsedOption, ParsedQuestion

COLUMNS = ("kind", "title", "question", "options", "answer", "feedback")
TRUE_WORDS = {"true", "t", "да", "верно", "иә", "дұрыс", "1"}
FALSE_WORDS = {"false", "f", "нет", "неверно", "жоқ", "бұрыс", "0"}


def _split(cell):
    return [part.strip() for part in cell.split("|") if part.strip()]


def _number(text):
    return float(text.strip().replace(",", ".").replace(" ", ""))


def _row(values, line):
    kind = values["kind"].strip().lower()
    text = values["question"].strip()
    if kind not in KINDS:
        raise ValueError(f'column "kind": "{kind}" is not one of {", ".join(KINDS)}')
    if not text:
        raise ValueError('column "question" is empty')
    question = ParsedQuestion(kind=kind, text=text, line=line, title=values["title"].strip(),
                              feedback=values["feedback"].strip())
    options, answer = _split(values["options"]), values["answer"].strip()
    if kind in ("single", "multiple"):
        right = [o for o in options if o.startswith("*")]
        if len(options) < 2 or not right:
            raise ValueError('column "options": give at least two options and mark the right ones with *')
        if kind == "single" and len(right) > 1:
            raise ValueError('column "options": a single-choice question has one right option')
        share = 1.0 / len(right)
        wrong = -1.0 / len(right) if kind == "multiple" else 0.0
        question.options = [
            ParsedOption(o.lstrip("*").strip(), share if o.startswith("*") else wrong) for o in options
        ]
    elif kind == "matching":
        pairs = [o.split("=", 1) for o in options]
        if len(pairs) < 2 or any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
            raise ValueError('column "options": give at least two "left = right" pairs')
        question.options = [ParsedOption(left.strip(), 1.0, match=right.strip()) for left, right in pairs]
    elif kind == "true_false":
        if answer.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError('column "answer": write true or false')
        question.answer = answer.lower() in TRUE_WORDS
    elif kind == "short_answer":
        question.accepted = _split(answer)
        if not question.accepted:
            raise ValueError('column "answer": give at least one accepted answer')
    else:
        value, _sep, tolerance = answer.replace("±", ":").partition(":")
        try:
            question.value = _number(value)
            question.tolerance = _number(tolerance) if tolerance.strip() else 0.0
        except ValueError:
            raise ValueError(f'column "answer": "{answer}" is not a number') from None
    return question


def parse_rows(rows):
    """Rows (lists of cells, the first being the header) as questions; every bad row is
    reported with its number and column, and then nothing is returned."""
    rows = [["" if cell is None else str(cell) for cell in row] for row in rows]
    if not rows:
        raise GiftError([(1, "the file is empty")])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in ("kind", "question") if name not in header]
    if missing:
        raise GiftError([(1, f"the header row has no column {', '.join(missing)}")])
    questions, errors = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[header.index(name)] if name in header and header.index(name) < len(row)
                         else "") for name in COLUMNS}
        try:
            questions.append(_row(values, line))
        except ValueError as error:
            errors.append((line, str(error)))
    if errors:
        raise GiftError(errors)
    return questions


def read_csv(text):
    """Rows of a CSV table separated by commas, semicolons or tabs (a single column, where
    the sniffer finds no separator, reads as commas)."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    return parse_rows(list(csv.reader(io.StringIO(text), dialect)))


def read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        problem = f"the file is not a readable XLSX workbook ({type(error).__name__})"
        raise GiftError([(0, problem)]) from error
    sheet = workbook.worksheets[0]
    return parse_rows([list(row) for row in sheet.iter_rows(values_only=True)])
