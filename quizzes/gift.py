"""Moodle's GIFT question format: parse a file into plain data, and write it back.

Only the standard library is used, so this module can be tested and reused without Django.
What an answer block means is told by a list of ``Syntax``es, one per question kind:
``STANDARD`` holds Moodle's gradable kinds (``KINDS``), and the question types registered
in ``quizzes.question_types`` may bring more (the essays app reads ``{}`` as an essay).
Without a syntax for them, essays and descriptions are reported as errors. The rules follow
Moodle's GIFT importer (question/format/gift/format.php) with a few stricter checks, noted
where they apply:

- questions are separated by blank lines; lines starting with ``//`` are comments;
  a ``$CATEGORY: name`` line sets the category of the questions after it;
- ``::title::`` and a ``[html]``/``[markdown]``/``[plain]``/``[moodle]`` prefix are optional;
- ``\\~ \\= \\# \\{ \\} \\: \\\\`` stand for the character itself and ``\\n`` for a new line;
- the answer block ``{...}`` decides the kind: ``{#...}`` numeric, any ``~`` choice,
  ``=a -> b`` matching, ``{T}``/``{FALSE}`` true/false, otherwise ``{=a =b}`` short answer;
  ``####text`` inside the block is the general feedback, ``#text`` after an answer its feedback.

Feedback that the question bank has no place for (the two feedbacks of a true/false
question, per-answer feedback of short-answer and numeric questions, numeric answers with
partial credit) is read and dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

UNSUPPORTED = "essay and description questions are not supported"
DESCRIPTION = "description questions (text without an answer block {}) are not supported"
BLANK = "_____"


@dataclass
class ParsedOption:
    text: str
    fraction: float  # credit for choosing it, -1.0..1.0 (1.0 = fully right, 0 = wrong)
    feedback: str = ""
    match: str = ""  # matching questions: the right-hand side; text is the left-hand side


@dataclass
class ParsedQuestion:
    kind: str  # the kind of the syntax that read it (one of KINDS for the standard ones)
    text: str  # question text, GIFT escapes resolved; HTML/markdown left as written
    line: int  # 1-based line where the question starts
    title: str = ""
    options: list[ParsedOption] = field(default_factory=list)  # single, multiple, matching
    accepted: list[str] = field(default_factory=list)  # short_answer
    answer: bool | None = None  # true_false
    value: float | None = None  # numeric: the right value
    tolerance: float = 0.0  # numeric: accepted +/- margin
    feedback: str = ""  # general feedback (GIFT's ####...)
    category: str = ""  # last $CATEGORY: seen before it


class GiftError(ValueError):
    """Raised with every problem found; .errors is a list of (line, message)."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda error: error[0])
        super().__init__("\n".join(f"line {line}: {message}" for line, message in self.errors))


class Problem(Exception):
    """What is wrong with one question; parse() adds the line where it starts."""


@dataclass(frozen=True)
class Syntax:
    """How one kind of question is written in GIFT.

    Reading: the answer block ``{...}``, with the general feedback taken off, surrounding
    spaces stripped and escaped characters hidden, goes to the first syntax (lowest
    ``order``) whose ``reads(block)`` is true; its ``read(question, block)`` fills the
    question (``kind`` is already set) or raises ``Problem``. Short answer reads any
    non-empty block and comes last (order 90): a syntax of its own shape needs a lower order.

    Writing: ``write(question)`` gives what goes inside the braces: a string for one line,
    or a list of answers, one a line; ValueError when GIFT cannot express the question.
    """

    kind: str
    reads: Callable[[str], bool]
    read: Callable[[ParsedQuestion, str], None]
    write: Callable[[ParsedQuestion], str | list[str]]
    order: int = 50


# Escaped characters are swapped for private-use characters while the structure is parsed,
# then swapped back (the way Moodle does it with "&&035;"-style placeholders).
_ESCAPED = {"\\": "\\", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n"}
_HOLDERS = {char: chr(0x10FFF0 + i) for i, char in enumerate(_ESCAPED)}
_RESTORE = {ord(_HOLDERS[char]): literal for char, literal in _ESCAPED.items()}
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_FORMAT_RE = re.compile(r"^\[(html|markdown|plain|moodle)\]")
_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def _hide(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _HOLDERS[m.group(1)], text)


def _show(text: str) -> str:
    return text.translate(_RESTORE)


def plain(raw: str) -> str:
    """Text as the learner sees it: format prefix dropped, escapes resolved, stripped."""
    raw = _FORMAT_RE.sub("", raw.strip(), count=1)
    return _show(raw).strip()


def _quoted(raw: str) -> str:
    shown = " ".join(_show(raw).split())
    return f'"{shown[:60]}…"' if len(shown) > 60 else f'"{shown}"'


# ---------------------------------------------------------------- reading


def parse(text: str, max_questions: int | None = None,
          syntaxes: Sequence[Syntax] | None = None) -> list[ParsedQuestion]:
    """Every question in a GIFT file, or GiftError naming every malformed one. A file with
    more than ``max_questions`` questions is refused at the first question past the limit.
    ``syntaxes`` are the kinds that can be read (``STANDARD`` when None)."""
    syntaxes = sorted(STANDARD if syntaxes is None else syntaxes, key=lambda syntax: syntax.order)
    questions, errors = [], []
    category = ""
    for kind, line, content in _chunks(text):
        if kind == "category":
            category = content
            continue
        if max_questions is not None and len(questions) + len(errors) >= max_questions:
            raise GiftError([(line, f"the file has more than {max_questions} questions: "
                                    "split it into several smaller files")])
        try:
            question = _question(content, line, syntaxes)
        except Problem as problem:
            errors.append((line, str(problem)))
        else:
            question.category = category
            questions.append(question)
    if errors:
        raise GiftError(errors)
    return questions


def _chunks(text: str):
    """("category", line, name) and ("question", first line, its lines joined) in file order."""
    if text.startswith("\ufeff"):
        text = text[1:]
    start, lines = 0, []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped or stripped.startswith("$CATEGORY:"):
            if lines:
                yield "question", start, "\n".join(lines)
                lines = []
            if stripped:
                yield "category", number, stripped[len("$CATEGORY:"):].strip()
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield "question", start, "\n".join(lines)


def _unsupported(syntaxes: Sequence[Syntax]) -> str:
    """Why a question without an answer block, or with an empty one nothing reads, is refused."""
    if any(syntax.reads("") for syntax in syntaxes):
        return DESCRIPTION
    return UNSUPPORTED


def _question(source: str, line: int, syntaxes: Sequence[Syntax]) -> ParsedQuestion:
    text = _hide(source).strip()
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise Problem("the title is not closed with ::")
        title = _show(text[2:end]).strip()
        text = text[end + 2:].strip()

    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        raise Problem(_unsupported(syntaxes))
    if opening < 0 or 0 <= closing < opening:
        raise Problem("} without a { before it (write a literal brace as \\})")
    if closing < 0:
        raise Problem("unclosed {")
    block, before, after = text[opening + 1:closing], text[:opening], text[closing + 1:]
    if "{" in block:
        raise Problem("unclosed { (another { comes before the })")
    if "{" in after or "}" in after:
        raise Problem("more than one answer block {...} (write literal braces as \\{ and \\})")

    question = ParsedQuestion(
        kind="", text=plain(before + BLANK + after if after.strip() else before), line=line, title=title
    )
    if not question.text:
        raise Problem("the question has no text")

    separator = block.rfind("####")
    if separator >= 0:
        question.feedback = plain(block[separator + 4:])
        block = block[:separator]
    block = block.strip()

    syntax = next((s for s in syntaxes if s.reads(block)), None)
    if syntax is None:
        if not block:
            raise Problem(_unsupported(syntaxes))
        raise Problem(f"no question kind is written as {{{_quoted(block)}}}")
    question.kind = syntax.kind
    syntax.read(question, block)
    return question


def _answers(block: str, markers: str, what: str) -> list[tuple[str, str]]:
    """(marker, body) for each answer; text before the first marker is an error."""
    pieces = re.split(f"([{markers}])", block)
    if pieces[0].strip():
        allowed = " or ".join(markers)
        raise Problem(f"{what} {_quoted(pieces[0])} must start with {allowed}")
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _weight(body: str) -> tuple[Decimal | None, str]:
    """The %weight% at the start of an answer, in percent, and the rest of the answer."""
    body = body.strip()
    if not body.startswith("%"):
        return None, body
    end = body.find("%", 1)
    if end < 0:
        raise Problem(f"answer {_quoted(body)}: the weight is not closed with %")
    raw = body[1:end].strip()
    if "," in raw:
        raise Problem(f'weight "%{raw}%" has a comma; use a decimal point ("%{raw.replace(",", ".")}%")')
    if not _NUMBER_RE.match(raw):
        raise Problem(f'weight "%{_show(raw)}%" is not a number')
    weight = Decimal(raw)
    if not -100 <= weight <= 100:
        raise Problem(f'weight "%{raw}%" is outside -100..100')
    return weight, body[end + 1:]


def _split_feedback(body: str) -> tuple[str, str]:
    text, _, feedback = body.partition("#")
    return text, feedback


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


# A choice block is multiple choice when an answer after ~ carries a %weight%.
_WEIGHTED = re.compile(r"~\s*%")


def _is_single(block: str) -> bool:
    return "~" in block and not _WEIGHTED.search(block)


def _is_multiple(block: str) -> bool:
    return "~" in block and bool(_WEIGHTED.search(block))


def _choice(question: ParsedQuestion, block: str) -> None:
    """Single or multiple choice: the two syntaxes share the block shape, told apart by
    weights (``_is_single``, ``_is_multiple``), and this reader."""
    weighted, right = False, 0
    total = Decimal(0)
    for marker, body in _answers(block, "~=", "answer"):
        weight, rest = _weight(body)
        raw_text, raw_feedback = _split_feedback(rest)
        text = plain(raw_text)
        if not text:
            raise Problem(f"an answer after {marker} is empty")
        if marker == "=":
            if weight is not None:
                raise Problem(f"answer {_quoted(raw_text)}: put weights after ~ (~%50%...), not after =")
            right += 1
            fraction, total = 1.0, total + 100
        elif weight is not None:
            weighted = True
            fraction = float(weight / 100)
            total += max(weight, Decimal(0))
        else:
            fraction = 0.0
        question.options.append(ParsedOption(text, fraction, plain(raw_feedback)))

    if len(question.options) < 2:
        raise Problem("a choice question needs at least 2 answers")
    if right > 1:
        raise Problem(
            f"{right} answers are marked right with =; use ~%50% weights for several right answers"
        )
    if weighted:
        if abs(total - 100) > Decimal("0.01"):
            raise Problem(
                f"multiple-choice weights of the right answers add up to {_percent(total)}%, not 100%"
            )
    else:
        if not right:
            raise Problem("single-choice question has no right answer (=)")


def _matching(question: ParsedQuestion, block: str) -> None:
    for _, body in _answers(block, "=", "matching answer"):
        if body.strip().startswith("%"):
            raise Problem(f"matching answer {_quoted(body)} has a weight; matching takes none")
        if "->" not in body:
            raise Problem(f'matching answer {_quoted(body)} has no "->"')
        left, right = body.split("->", 1)
        right, feedback = _split_feedback(right)
        option = ParsedOption(plain(left), 1.0, plain(feedback), match=_show(right).strip())
        if not option.text or not option.match:
            raise Problem(f'matching answer {_quoted(body)} needs text on both sides of "->"')
        question.options.append(option)
    if len(question.options) < 2:
        raise Problem("a matching question needs at least 2 pairs")


def _true_false_word(block: str) -> str:
    return block.split("#", 1)[0].strip().upper()


def _true_false(question: ParsedQuestion, block: str) -> None:
    question.answer = _TRUE_FALSE[_true_false_word(block)]


def _short_answer(question: ParsedQuestion, block: str) -> None:
    if not block.startswith("="):
        raise Problem(
            f"answer {_quoted(block)} is neither TRUE/FALSE nor starts with = (right) or ~ (wrong)"
        )
    for _, body in _answers(block, "=", "answer"):
        weight, rest = _weight(body)
        raw_text, _feedback = _split_feedback(rest)
        text = plain(raw_text)
        if not text:
            raise Problem("an answer after = is empty")
        if weight is not None and weight != 100:
            raise Problem(
                f"short answer {_quoted(raw_text)} has weight {_percent(weight)}%; "
                "only fully right (100%) answers are supported"
            )
        question.accepted.append(text)


def _numeric(question: ParsedQuestion, block: str) -> None:
    block = block[1:].split("~", 1)[0]  # "~#feedback" for any other number: dropped
    pieces = block.split("=")
    answers = [piece for index, piece in enumerate(pieces) if index or piece.strip()]
    if not answers:
        raise Problem("numeric question has no answer")
    for body in answers:
        weight, rest = _weight(body)
        spec = _split_feedback(rest)[0].strip()
        full = weight is None or weight == 100
        if spec == "*":
            if full:
                raise Problem('numeric answer "*" (any number) cannot be the fully right answer')
            continue  # "any other number" with partial or no credit
        value, tolerance = _number_spec(spec)
        if full and question.value is None:
            question.value, question.tolerance = value, tolerance
    if question.value is None:
        raise Problem("numeric question has no fully right (100%) answer")


def _number(raw: str) -> Decimal:
    raw = raw.strip()
    if "," in raw:
        raise Problem(f'number "{_show(raw)}" has a comma; use a decimal point ("{raw.replace(",", ".")}")')
    if not _NUMBER_RE.match(raw):
        raise Problem(f'numeric answer "{_show(raw)}" is not a number')
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern only lets numbers through
        raise Problem(f'numeric answer "{raw}" is not a number') from exc


def _number_spec(spec: str) -> tuple[float, float]:
    """value:tolerance, min..max or a bare value, as (value, tolerance)."""
    if spec.find("..") > 0:
        low, high = (_number(part) for part in spec.split("..", 1))
        if low > high:
            raise Problem(f'numeric range "{spec}" runs from a bigger to a smaller number')
        return float((low + high) / 2), float((high - low) / 2)
    if spec.find(":") > 0:
        value, tolerance = (_number(part) for part in spec.split(":", 1))
        if tolerance < 0:
            raise Problem(f'numeric answer "{spec}" has a negative tolerance')
        return float(value), float(tolerance)
    return float(_number(spec)), 0.0


# ---------------------------------------------------------------- writing


def dump(questions: list[ParsedQuestion], syntaxes: Sequence[Syntax] | None = None) -> str:
    """GIFT text for the questions; parse() with the same ``syntaxes`` (``STANDARD`` when
    None) reads it back to equal questions (apart from line, and with texts stripped of
    surrounding spaces). ValueError names a question that GIFT cannot express."""
    writers = {syntax.kind: syntax.write for syntax in (STANDARD if syntaxes is None else syntaxes)}
    blocks, category = [], ""
    for number, question in enumerate(questions, start=1):
        try:
            if question.category != category:
                if "\n" in question.category or "\r" in question.category:
                    raise ValueError("the category has a line break")
                blocks.append(f"$CATEGORY: {question.category}".rstrip())
                category = question.category
            blocks.append(_dump_question(question, writers))
        except ValueError as exc:
            label = f" ({question.title})" if question.title else ""
            raise ValueError(f"question {number}{label}: {exc}") from exc
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def escaped(text: str, answer: bool = False) -> str:
    """Escaped text; "[moodle]" in front keeps a leading format tag, "//" or an answer's
    leading "%" from being read as GIFT syntax (the tag itself is dropped on reading)."""
    text = text.strip()
    risky = _FORMAT_RE.match(text) or text.startswith("//") or (answer and text.startswith("%"))
    return ("[moodle]" if risky else "") + _escape(text)


def _dump_feedback(feedback: str) -> str:
    return f"#{escaped(feedback)}" if feedback.strip() else ""


def _dump_number(value: float) -> str:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _dump_percent(fraction: float) -> str:
    return _percent(Decimal(repr(float(fraction))) * 100)


def _dump_question(question: ParsedQuestion, writers: dict) -> str:
    if not question.text.strip():
        raise ValueError("the question has no text")
    head = f"::{_escape(question.title.strip())}::" if question.title.strip() else ""
    head += escaped(question.text)
    general = f"####{escaped(question.feedback)}" if question.feedback.strip() else ""
    writer = writers.get(question.kind)
    if writer is None:
        raise ValueError(f"unknown kind {question.kind!r}; expected one of {', '.join(writers)}")
    answers = writer(question)
    if isinstance(answers, str):
        return f"{head} {{{answers}{general}}}"
    lines = [f"{head} {{", *(f"\t{answer}" for answer in answers)]
    if general:
        lines.append(f"\t{general}")
    return "\n".join(lines) + "\n}"


def _check_options(question: ParsedQuestion, least: int) -> None:
    if len(question.options) < least:
        raise ValueError(f"a {question.kind} question needs at least {least} options")
    for option in question.options:
        if not option.text.strip():
            raise ValueError("an option has no text")


def _write_single(question: ParsedQuestion) -> list[str]:
    _check_options(question, 2)
    fractions = [option.fraction for option in question.options]
    if fractions.count(1.0) != 1 or any(f not in (0.0, 1.0) for f in fractions):
        raise ValueError("a single-choice question needs one option worth 1 and the rest worth 0")
    return [
        ("=" if option.fraction == 1.0 else "~")
        + escaped(option.text, answer=True)
        + _dump_feedback(option.feedback)
        for option in question.options
    ]


def _write_multiple(question: ParsedQuestion) -> list[str]:
    _check_options(question, 2)
    if any(not -1.0 <= option.fraction <= 1.0 for option in question.options):
        raise ValueError("option credits must be between -1 and 1")
    total = sum(option.fraction for option in question.options if option.fraction > 0)
    if abs(total - 1.0) > 0.0001:
        raise ValueError("the credits of the right options must add up to 1")
    return [
        ("~" if option.fraction == 0 else f"~%{_dump_percent(option.fraction)}%")
        + escaped(option.text, answer=True)
        + _dump_feedback(option.feedback)
        for option in question.options
    ]


def _write_true_false(question: ParsedQuestion) -> str:
    if question.answer is None:
        raise ValueError("a true/false question needs answer True or False")
    return "TRUE" if question.answer else "FALSE"


def _write_matching(question: ParsedQuestion) -> list[str]:
    _check_options(question, 2)
    lines = []
    for option in question.options:
        if "->" in option.text:
            raise ValueError('the left side of a matching pair cannot contain "->"')
        if not option.match.strip():
            raise ValueError("a matching pair has no right side")
        lines.append(
            f"={escaped(option.text, answer=True)} -> {_escape(option.match.strip())}"
            + _dump_feedback(option.feedback)
        )
    return lines


def _write_short_answer(question: ParsedQuestion) -> list[str]:
    if not question.accepted or any(not answer.strip() for answer in question.accepted):
        raise ValueError("a short-answer question needs accepted answers with text")
    if any("->" in answer for answer in question.accepted):
        raise ValueError('an accepted short answer cannot contain "->" (it would read as matching)')
    return [f"={escaped(answer, answer=True)}" for answer in question.accepted]


def _write_numeric(question: ParsedQuestion) -> str:
    if question.value is None:
        raise ValueError("a numeric question needs a value")
    if not question.tolerance:
        return f"#{_dump_number(question.value)}"
    if question.tolerance < 0:
        raise ValueError("the tolerance cannot be negative")
    return f"#{_dump_number(question.value)}:{_dump_number(question.tolerance)}"


# ---------------------------------------------------------------- Moodle's gradable kinds

NUMERIC = Syntax("numeric", lambda block: block.startswith("#"), _numeric, _write_numeric, order=10)
SINGLE = Syntax("single", _is_single, _choice, _write_single, order=20)
MULTIPLE = Syntax("multiple", _is_multiple, _choice, _write_multiple, order=20)
MATCHING = Syntax("matching", lambda block: "->" in block, _matching, _write_matching, order=30)
TRUE_FALSE = Syntax("true_false", lambda block: _true_false_word(block) in _TRUE_FALSE, _true_false,
                    _write_true_false, order=40)
SHORT_ANSWER = Syntax("short_answer", bool, _short_answer, _write_short_answer, order=90)

STANDARD = (SINGLE, MULTIPLE, TRUE_FALSE, MATCHING, SHORT_ANSWER, NUMERIC)
KINDS = tuple(syntax.kind for syntax in STANDARD)
