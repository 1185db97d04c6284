"""Moodle's GIFT question format: parse a file into plain data, and write it back.

Only the standard library is used, so this module can be tested and reused without Django;
its messages are ``quizzes.messages.Message``s, English until the admin translates them.
What an answer block means is told by a list of ``Syntax``es, one per question kind:
``STANDARD`` holds Moodle's gradable kinds (``KINDS``), and the question types registered
in ``quizzes.question_types`` may bring more (the essays app reads ``{}`` as an essay).
The rules follow Moodle's GIFT importer (question/format/gift/format.php), with a few
stricter checks noted where they apply:

- questions are separated by blank lines; lines starting with ``//`` are comments;
  a ``$CATEGORY: name`` line sets the category of the questions after it;
- ``::title::`` is optional and kept apart from the text (also when a format tag comes
  before it); ``[html]``, ``[markdown]``, ``[plain]`` or ``[moodle]`` at the start of a text
  gives its format (``moodle`` when none): the question's text sets the format of the rest
  of the question, and a text of it written in another format keeps its own in ``formats``;
- ``\\~ \\= \\# \\{ \\} \\: \\\\`` stand for the character itself and ``\\n`` for a new line;
- the answer block ``{...}`` decides the kind: ``{#...}`` numeric, any ``~`` choice,
  ``=a -> b`` matching, ``{T}``/``{FALSE}`` true/false, otherwise ``{=a =b}`` short answer;
  ``####text`` inside the block is the general feedback, ``#text`` after an answer its feedback;
- every answer keeps its credit and feedback: choice answers (a single choice may give
  ``~%50%`` partial credit beside its ``=`` answer), short answers (``=%50%answer#...``,
  ``*`` a wildcard), numeric answers (``=%50%3.1:0.1``, ranges ``min..max`` kept as ranges,
  ``~#...`` the feedback for any other number), the two feedbacks of a true/false question
  (``{T#for a wrong answer#for a right answer}``) and matching distractors (``= -> answer``);
- a text without an answer block is a Moodle "description": it is no question and is
  skipped with a warning, never refusing the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .messages import _, ngettext

BLANK = "_____"
FORMATS = ("moodle", "html", "plain", "markdown")
DEFAULT_FORMAT = "moodle"  # a text without a format tag, as in Moodle

DESCRIPTION = _("a description (text without an answer block {}) is not a question: it was skipped")
UNSUPPORTED = _("essay questions (an empty answer block {}) are not supported")


@dataclass
class ParsedOption:
    """An answer of a question: a choice, a matching pair, a short answer or a number."""

    text: str  # choice text, matching left-hand side (empty: a distractor), short answer
    fraction: float  # credit for it, -1.0..1.0 (1.0 = fully right, 0 = wrong)
    feedback: str = ""
    match: str = ""  # matching questions: the right-hand side
    formats: dict[str, str] = field(default_factory=dict)  # "text"/"feedback": own format
    number: float | None = None  # numeric: the number, or the lowest of a range; None: any
    tolerance: float = 0.0  # numeric: accepted +/- margin
    number_to: float | None = None  # numeric: the highest number of a range min..max


@dataclass
class ParsedQuestion:
    kind: str  # the kind of the syntax that read it (one of KINDS for the standard ones)
    text: str  # question text, GIFT escapes resolved, in ``text_format``
    line: int  # 1-based line where the question starts
    title: str = ""
    options: list[ParsedOption] = field(default_factory=list)  # answers, in file order
    accepted: list[str] = field(default_factory=list)  # fully right short answers (tables)
    answer: bool | None = None  # true_false
    value: float | None = None  # numeric from a table: the right value
    tolerance: float = 0.0  # numeric from a table: accepted +/- margin
    feedback: str = ""  # general feedback (GIFT's ####...)
    category: str = ""  # last $CATEGORY: seen before it
    text_format: str = DEFAULT_FORMAT
    right_feedback: str = ""  # true/false: shown after a right answer
    wrong_feedback: str = ""  # true/false: shown after a wrong answer
    formats: dict[str, str] = field(default_factory=dict)  # "feedback", "right_feedback"...


class GiftError(ValueError):
    """Raised with every problem found; .errors is a list of (line, message)."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda error: error[0])
        super().__init__("\n".join(f"line {line}: {message}" for line, message in self.errors))


class Problem(Exception):
    """What is wrong with one question; parse() adds the line where it starts."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Skipped(Problem):
    """Why a block of the file is no question and was left out (a warning, not an error)."""


@dataclass(frozen=True)
class Syntax:
    """How one kind of question is written in GIFT.

    Reading: the answer block ``{...}``, with the general feedback taken off, surrounding
    spaces stripped and escaped characters hidden, goes to the first syntax (lowest
    ``order``) whose ``reads(block)`` is true; its ``read(question, block)`` fills the
    question (``kind`` and ``text_format`` are already set) or raises ``Problem``. Short
    answer reads any non-empty block and comes last (order 90): a syntax of its own shape
    needs a lower order.

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


def formatted(raw: str) -> tuple[str | None, str]:
    """The format tag at the start of a text (None without one) and the text as the
    learner sees it: tag dropped, escapes resolved, stripped."""
    raw = raw.strip()
    tag = _FORMAT_RE.match(raw)
    if tag:
        raw = raw[tag.end():]
    return (tag.group(1) if tag else None), _show(raw).strip()


def plain(raw: str) -> str:
    """Text as the learner sees it: format tag dropped, escapes resolved, stripped."""
    return formatted(raw)[1]


def _quoted(raw: str) -> str:
    shown = " ".join(_show(raw).split())
    return f'"{shown[:60]}…"' if len(shown) > 60 else f'"{shown}"'


def _own_format(tag: str | None, question: ParsedQuestion, formats: dict, name: str) -> None:
    """Note the format of one text of the question when it differs from the question's."""
    if tag and tag != question.text_format:
        formats[name] = tag


# ---------------------------------------------------------------- reading


def parse(text: str, max_questions: int | None = None,
          syntaxes: Sequence[Syntax] | None = None,
          warnings: list | None = None) -> list[ParsedQuestion]:
    """Every question in a GIFT file, or GiftError naming every malformed one. A file with
    more than ``max_questions`` questions is refused at the first question past the limit.
    ``syntaxes`` are the kinds that can be read (``STANDARD`` when None). What is skipped
    (descriptions) is added to ``warnings`` as (line, message)."""
    syntaxes = sorted(STANDARD if syntaxes is None else syntaxes, key=lambda syntax: syntax.order)
    questions, errors = [], []
    category = ""
    for kind, line, content in _chunks(text):
        if kind == "category":
            category = content
            continue
        if max_questions is not None and len(questions) + len(errors) >= max_questions:
            raise GiftError([(line, _("the file has more than %(limit)d questions: split it into "
                                      "several smaller files", limit=max_questions))])
        try:
            question = _question(content, line, syntaxes)
        except Skipped as skipped:
            if warnings is not None:
                warnings.append((line, skipped.message))
        except Problem as problem:
            errors.append((line, problem.message))
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


def _title(text: str) -> tuple[str | None, str, str]:
    """(format tag written before the title, title, the rest). Moodle's order is
    ``::title::[format]text``; ``[format]::title::text`` is read the same way."""
    tag = _FORMAT_RE.match(text)
    leading = None
    if tag and text[tag.end():].lstrip().startswith("::"):
        leading, text = tag.group(1), text[tag.end():].lstrip()
    if not text.startswith("::"):
        return leading, "", text
    end = text.find("::", 2)
    if end < 0:
        raise Problem(_("the title is not closed with ::"))
    return leading, _show(text[2:end]).strip(), text[end + 2:].strip()


def _question(source: str, line: int, syntaxes: Sequence[Syntax]) -> ParsedQuestion:
    leading, title, text = _title(_hide(source).strip())

    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        raise Skipped(DESCRIPTION)
    if opening < 0 or 0 <= closing < opening:
        raise Problem(_("} without a { before it (write a literal brace as \\})"))
    if closing < 0:
        raise Problem(_("unclosed {"))
    block, before, after = text[opening + 1:closing], text[:opening], text[closing + 1:]
    if "{" in block:
        raise Problem(_("unclosed { (another { comes before the })"))
    if "{" in after or "}" in after:
        raise Problem(_("more than one answer block {...} (write literal braces as \\{ and \\})"))

    tag, question_text = formatted(before + BLANK + after if after.strip() else before)
    question = ParsedQuestion(kind="", text=question_text, line=line, title=title,
                              text_format=tag or leading or DEFAULT_FORMAT)
    if not question.text:
        raise Problem(_("the question has no text"))

    separator = block.rfind("####")
    if separator >= 0:
        tag, question.feedback = formatted(block[separator + 4:])
        _own_format(tag, question, question.formats, "feedback")
        block = block[:separator]
    block = block.strip()

    syntax = next((s for s in syntaxes if s.reads(block)), None)
    if syntax is None:
        if not block:
            raise Problem(UNSUPPORTED)
        raise Problem(_("no question kind is written as {%(block)s}", block=_quoted(block)))
    question.kind = syntax.kind
    syntax.read(question, block)
    return question


def _answers(block: str, markers: str) -> list[tuple[str, str]]:
    """(marker, body) for each answer; text before the first marker is an error."""
    pieces = re.split(f"([{markers}])", block)
    if pieces[0].strip():
        if markers == "=":
            raise Problem(_("answer %(answer)s must start with =", answer=_quoted(pieces[0])))
        raise Problem(_("answer %(answer)s must start with ~ or =", answer=_quoted(pieces[0])))
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _weight(body: str) -> tuple[Decimal | None, str]:
    """The %weight% at the start of an answer, in percent, and the rest of the answer."""
    body = body.strip()
    if not body.startswith("%"):
        return None, body
    end = body.find("%", 1)
    if end < 0:
        raise Problem(_("answer %(answer)s: the weight is not closed with %%", answer=_quoted(body)))
    raw = body[1:end].strip()
    if "," in raw:
        raise Problem(_('weight "%%%(weight)s%%" has a comma; use a decimal point ("%%%(fixed)s%%")',
                        weight=_show(raw), fixed=_show(raw).replace(",", ".")))
    if not _NUMBER_RE.match(raw):
        raise Problem(_('weight "%%%(weight)s%%" is not a number', weight=_show(raw)))
    weight = Decimal(raw)
    if not -100 <= weight <= 100:
        raise Problem(_('weight "%%%(weight)s%%" is outside -100..100', weight=raw))
    return weight, body[end + 1:]


def _split_feedback(body: str) -> tuple[str, str]:
    text, _sep, feedback = body.partition("#")
    return text, feedback


def _feedback(raw: str, question: ParsedQuestion, formats: dict) -> str:
    tag, feedback = formatted(raw)
    if feedback:
        _own_format(tag, question, formats, "feedback")
    return feedback


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


# A choice block is multiple choice when an answer after ~ carries a %weight%, unless an
# "=" answer marks it as single choice with partial credit for some answers (Moodle's
# "{~wrong ~%50%half credit =full credit}").
_WEIGHTED = re.compile(r"~\s*%")
_POSITIVE_WEIGHT = re.compile(r"~\s*%\s*\+?[\d.]")


def _is_single(block: str) -> bool:
    if "~" not in block:
        return False
    return not _WEIGHTED.search(block) or ("=" in block and bool(_POSITIVE_WEIGHT.search(block)))


def _is_multiple(block: str) -> bool:
    return "~" in block and not _is_single(block)


def _choice(question: ParsedQuestion, block: str) -> None:
    """Single or multiple choice: the two syntaxes share the block shape, told apart by
    weights (``_is_single``, ``_is_multiple``), and this reader."""
    right = 0
    total = Decimal(0)
    for marker, body in _answers(block, "~="):
        weight, rest = _weight(body)
        raw_text, raw_feedback = _split_feedback(rest)
        option = ParsedOption("", 0.0)
        tag, option.text = formatted(raw_text)
        if not option.text:
            raise Problem(_("an answer after %(marker)s is empty", marker=marker))
        _own_format(tag, question, option.formats, "text")
        option.feedback = _feedback(raw_feedback, question, option.formats)
        if marker == "=":
            if weight is not None:
                raise Problem(_("answer %(answer)s: put weights after ~ (~%%50%%...), not after =",
                                answer=_quoted(raw_text)))
            right += 1
            option.fraction, total = 1.0, total + 100
        elif weight is not None:
            option.fraction = float(weight / 100)
            total += max(weight, Decimal(0))
        question.options.append(option)

    if len(question.options) < 2:
        raise Problem(_("a choice question needs at least 2 answers"))
    if question.kind == SINGLE.kind:
        # A single choice never earns less than nothing: a negative credit counts as none.
        for option in question.options:
            option.fraction = max(option.fraction, 0.0)
        right = sum(1 for option in question.options if option.fraction == 1.0)
    if right > 1:
        raise Problem(ngettext(
            "%(count)d answer is marked right with =; use ~%%50%% weights for several right answers",
            "%(count)d answers are marked right with =; use ~%%50%% weights for several right answers",
            right))
    if question.kind == MULTIPLE.kind:
        if abs(total - 100) > Decimal("0.01"):
            raise Problem(_("multiple-choice weights of the right answers add up to %(total)s%%, "
                            "not 100%%", total=_percent(total)))
    elif not right:
        raise Problem(_("single-choice question has no right answer (=)"))


def _matching(question: ParsedQuestion, block: str) -> None:
    """Pairs ``=left -> right``; ``= -> right`` (no left side) is one more answer to choose
    from that matches nothing, as in Moodle."""
    for _marker, body in _answers(block, "="):
        if body.strip().startswith("%"):
            raise Problem(_("matching answer %(answer)s has a weight; matching takes none",
                            answer=_quoted(body)))
        if "->" not in body:
            raise Problem(_('matching answer %(answer)s has no "->"', answer=_quoted(body)))
        left, right = body.split("->", 1)
        right, feedback = _split_feedback(right)
        option = ParsedOption("", 0.0, match=_show(right).strip())
        tag, option.text = formatted(left)
        if not option.match:
            raise Problem(_('matching answer %(answer)s needs text after "->"', answer=_quoted(body)))
        if option.text:
            option.fraction = 1.0
            _own_format(tag, question, option.formats, "text")
        option.feedback = _feedback(feedback, question, option.formats)
        question.options.append(option)
    if sum(1 for option in question.options if option.text) < 2:
        raise Problem(_("a matching question needs at least 2 pairs"))


def _true_false_word(block: str) -> str:
    return block.split("#", 1)[0].strip().upper()


def _true_false(question: ParsedQuestion, block: str) -> None:
    """``T``, ``TRUE``, ``F`` or ``FALSE``, then the feedback for a wrong answer and the
    one for a right answer: ``{F#wrong#right}``."""
    word, *feedbacks = block.split("#", 2)
    question.answer = _TRUE_FALSE[word.strip().upper()]
    for name, raw in zip(("wrong_feedback", "right_feedback"), feedbacks, strict=False):
        tag, text = formatted(raw)
        setattr(question, name, text)
        if text:
            _own_format(tag, question, question.formats, name)


def _short_answer(question: ParsedQuestion, block: str) -> None:
    if not block.startswith("="):
        raise Problem(_("answer %(answer)s is neither TRUE/FALSE nor starts with = (right) or ~ (wrong)",
                        answer=_quoted(block)))
    for _marker, body in _answers(block, "="):
        weight, rest = _weight(body)
        raw_text, raw_feedback = _split_feedback(rest)
        text = plain(raw_text)  # a short answer is compared, never formatted
        if not text:
            raise Problem(_("an answer after = is empty"))
        if weight is not None and weight < 0:
            raise Problem(_("short answer %(answer)s has weight %(weight)s%%; a short answer "
                            "earns 0 to 100%%", answer=_quoted(raw_text), weight=_percent(weight)))
        option = ParsedOption(text, 1.0 if weight is None else float(weight / 100))
        option.feedback = _feedback(raw_feedback, question, option.formats)
        question.options.append(option)
    if not any(option.fraction == 1.0 for option in question.options):
        raise Problem(_("short-answer question has no fully right (100%%) answer"))


def _numeric(question: ParsedQuestion, block: str) -> None:
    """``{#3.14:0.01}``, ``{#3.1..3.2}``, or answers each with credit and feedback
    ``{#=3.14:0.01#... =%50%3.1:0.1#... ~#for any other number}``."""
    answers, tilde, other = block[1:].partition("~")
    pieces = answers.split("=")
    bodies = [piece for index, piece in enumerate(pieces) if index or piece.strip()]
    if not bodies:
        raise Problem(_("numeric question has no answer"))
    for body in bodies:
        weight, rest = _weight(body)
        spec, raw_feedback = _split_feedback(rest)
        spec = spec.strip()
        if weight is not None and weight < 0:
            raise Problem(_('numeric answer "%(answer)s" has weight %(weight)s%%; a number earns '
                            "0 to 100%%", answer=_show(spec), weight=_percent(weight)))
        option = ParsedOption("", 1.0 if weight is None else float(weight / 100))
        if spec == "*":
            if option.fraction == 1.0:
                raise Problem(_('numeric answer "*" (any number) cannot be the fully right answer'))
        else:
            option.number, option.tolerance, option.number_to = _number_spec(spec)
        option.feedback = _feedback(raw_feedback, question, option.formats)
        question.options.append(option)
    if tilde:  # Moodle keeps "~#feedback" as the answer "*" (any other number), no credit
        option = ParsedOption("", 0.0)
        option.feedback = _feedback(_split_feedback(other)[1], question, option.formats)
        question.options.append(option)
    if not any(o.fraction == 1.0 and o.number is not None for o in question.options):
        raise Problem(_("numeric question has no fully right (100%%) answer"))


def _number(raw: str) -> Decimal:
    raw = raw.strip()
    if "," in raw:
        raise Problem(_('number "%(number)s" has a comma; use a decimal point ("%(fixed)s")',
                        number=_show(raw), fixed=_show(raw).replace(",", ".")))
    if not _NUMBER_RE.match(raw):
        raise Problem(_('numeric answer "%(answer)s" is not a number', answer=_show(raw)))
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern only lets numbers through
        raise Problem(_('numeric answer "%(answer)s" is not a number', answer=raw)) from exc


def _number_spec(spec: str) -> tuple[float, float, float | None]:
    """value:tolerance, min..max or a bare value, as (number, tolerance, number_to)."""
    if spec.find("..") > 0:
        low, high = (_number(part) for part in spec.split("..", 1))
        if low > high:
            raise Problem(_('numeric range "%(range)s" runs from a bigger to a smaller number',
                            range=_show(spec)))
        return float(low), 0.0, float(high)
    if spec.find(":") > 0:
        value, tolerance = (_number(part) for part in spec.split(":", 1))
        if tolerance < 0:
            raise Problem(_('numeric answer "%(answer)s" has a negative tolerance', answer=_show(spec)))
        return float(value), float(tolerance), None
    return float(_number(spec)), 0.0, None


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


def written(text: str, text_format: str | None, default: str, answer: bool = False) -> str:
    """Escaped text with a format tag when its format is not ``default`` (the question's,
    or Moodle's for the question text). A tag is also written when the text would read as
    GIFT syntax: a leading format tag, "//", or an answer's leading "%"."""
    text = text.strip()
    risky = _FORMAT_RE.match(text) or text.startswith("//") or (answer and text.startswith("%"))
    tag = text_format or default
    return (f"[{tag}]" if tag != default or risky else "") + _escape(text)


def escaped(text: str, answer: bool = False) -> str:
    """Escaped text in Moodle's default format (see ``written``)."""
    return written(text, None, DEFAULT_FORMAT, answer)


def _dump_feedback(feedback: str, formats: dict, question: ParsedQuestion) -> str:
    if not feedback.strip():
        return ""
    return "#" + written(feedback, formats.get("feedback"), question.text_format)


def _dump_text(option: ParsedOption, question: ParsedQuestion) -> str:
    return written(option.text, option.formats.get("text"), question.text_format, answer=True)


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
    if question.text_format not in FORMATS:
        raise ValueError(f"unknown text format {question.text_format!r}")
    head = f"::{_escape(question.title.strip())}::" if question.title.strip() else ""
    head += written(question.text, question.text_format, DEFAULT_FORMAT)
    general = ""
    if question.feedback.strip():
        general = "####" + written(question.feedback, question.formats.get("feedback"),
                                   question.text_format)
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
    """One "=" answer; others "~" or "~%50%" for partial credit. A negative credit is
    written as none: a single choice never earns less than nothing."""
    _check_options(question, 2)
    fractions = [option.fraction for option in question.options]
    if fractions.count(1.0) != 1 or any(not -1.0 <= f <= 1.0 for f in fractions):
        raise ValueError("a single-choice question needs one option worth 1 and the rest less")
    lines = []
    for option in question.options:
        if option.fraction == 1.0:
            marker = "="
        elif option.fraction > 0:
            marker = f"~%{_dump_percent(option.fraction)}%"
        else:
            marker = "~"
        lines.append(marker + _dump_text(option, question)
                     + _dump_feedback(option.feedback, option.formats, question))
    return lines


def _write_multiple(question: ParsedQuestion) -> list[str]:
    _check_options(question, 2)
    if any(not -1.0 <= option.fraction <= 1.0 for option in question.options):
        raise ValueError("option credits must be between -1 and 1")
    total = sum(option.fraction for option in question.options if option.fraction > 0)
    if abs(total - 1.0) > 0.0001:
        raise ValueError("the credits of the right options must add up to 1")
    return [
        ("~" if option.fraction == 0 else f"~%{_dump_percent(option.fraction)}%")
        + _dump_text(option, question)
        + _dump_feedback(option.feedback, option.formats, question)
        for option in question.options
    ]


def _write_true_false(question: ParsedQuestion) -> str:
    """``TRUE#for a wrong answer#for a right answer``, as Moodle writes it."""
    if question.answer is None:
        raise ValueError("a true/false question needs answer True or False")
    block = "TRUE" if question.answer else "FALSE"
    wrong, right = (
        written(getattr(question, name), question.formats.get(name), question.text_format)
        if getattr(question, name).strip() else ""
        for name in ("wrong_feedback", "right_feedback")
    )
    if wrong or right:
        block += f"#{wrong}"
    if right:
        block += f"#{right}"
    return block


def _write_matching(question: ParsedQuestion) -> list[str]:
    if sum(1 for option in question.options if option.text.strip()) < 2:
        raise ValueError("a matching question needs at least 2 pairs")
    lines = []
    for option in question.options:
        if "->" in option.text:
            raise ValueError('the left side of a matching pair cannot contain "->"')
        if not option.match.strip():
            raise ValueError("a matching pair has no right side")
        left = _dump_text(option, question) if option.text.strip() else ""
        lines.append(f"={left} -> {_escape(option.match.strip())}"
                     + _dump_feedback(option.feedback, option.formats, question))
    return lines


def _write_short_answer(question: ParsedQuestion) -> list[str]:
    answers = [(text, 1.0, "", {}) for text in question.accepted]
    answers += [(o.text, o.fraction, o.feedback, o.formats) for o in question.options]
    if not answers or any(not text.strip() for text, *_rest in answers):
        raise ValueError("a short-answer question needs accepted answers with text")
    if any("->" in text for text, *_rest in answers):
        raise ValueError('an accepted short answer cannot contain "->" (it would read as matching)')
    if any(not 0.0 <= fraction <= 1.0 for _text, fraction, *_rest in answers):
        raise ValueError("a short answer earns 0 to 1")
    return [
        ("=" if fraction == 1.0 else f"=%{_dump_percent(fraction)}%")
        + escaped(text, answer=True)
        + _dump_feedback(feedback, formats, question)
        for text, fraction, feedback, formats in answers
    ]


def _number_text(number: float, tolerance: float, number_to: float | None) -> str:
    if number_to is not None:
        if number_to < number:
            raise ValueError("a numeric range runs from a bigger to a smaller number")
        return f"{_dump_number(number)}..{_dump_number(number_to)}"
    if tolerance < 0:
        raise ValueError("the tolerance cannot be negative")
    if tolerance:
        return f"{_dump_number(number)}:{_dump_number(tolerance)}"
    return _dump_number(number)


def _write_numeric(question: ParsedQuestion) -> str | list[str]:
    """``#3.14:0.01`` for one fully right answer; otherwise one answer a line, each with
    its credit and feedback, and ``~#feedback`` for any other number last."""
    answers = []
    if question.value is not None:
        answers.append(ParsedOption("", 1.0, number=question.value, tolerance=question.tolerance))
    answers += question.options
    if not answers:
        raise ValueError("a numeric question needs a value")
    if any(not 0.0 <= option.fraction <= 1.0 for option in answers):
        raise ValueError("a number earns 0 to 1")
    if len(answers) == 1 and answers[0].fraction == 1.0 and not answers[0].feedback.strip():
        only = answers[0]
        if only.number is None:
            raise ValueError("a numeric question needs a value")
        return "#" + _number_text(only.number, only.tolerance, only.number_to)
    lines = []
    for position, option in enumerate(answers):
        feedback = _dump_feedback(option.feedback, option.formats, question)
        if option.number is None and option.fraction == 0 and position == len(answers) - 1:
            lines.append(f"~{feedback or '#'}")
            continue
        weight = "=" if option.fraction == 1.0 else f"=%{_dump_percent(option.fraction)}%"
        spec = "*" if option.number is None else _number_text(
            option.number, option.tolerance, option.number_to)
        lines.append(weight + spec + feedback)
    lines[0] = "#" + lines[0]
    return lines


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
