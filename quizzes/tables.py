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

from lms.table_files import TableError, csv_rows, xlsx_rows

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
        raise GiftError([(1, "the file is empty")])
    header = [cell.strip().lower() for cell in first[1]]
    missing = [name for name in ("kind", "question") if name not in header]
    if missing:
        raise GiftError([(1, f"the header row has no column {', '.join(missing)}")])
    questions, errors = [], []
    for line, row in rows:
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


def read_csv(text, max_rows):
    """Questions of a CSV table separated by commas, semicolons or tabs, at most
    ``max_rows`` of them."""
    return parse_rows(csv_rows(text, max_rows))


def read_xlsx(name, data, max_rows):
    """Questions of the first sheet of an XLSX workbook, at most ``max_rows`` of them; an
    archive bomb is refused unread."""
    return parse_rows(xlsx_rows(name, data, max_rows))
