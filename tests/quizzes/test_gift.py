"""The GIFT reader and writer: plain data in, plain data out, no database."""

import dataclasses

import pytest

from quizzes.gift import KINDS, GiftError, ParsedOption, ParsedQuestion, dump, parse


def only(text):
    (question,) = parse(text)
    return question


def error_lines(text):
    with pytest.raises(GiftError) as caught:
        parse(text)
    return [line for line, _ in caught.value.errors]


def error_messages(text):
    with pytest.raises(GiftError) as caught:
        parse(text)
    return [message for _, message in caught.value.errors]


def without_lines(questions):
    return [dataclasses.replace(question, line=0) for question in questions]


# ---------------------------------------------------------------- kinds


def test_single_choice_in_kazakh_keeps_options_fractions_and_feedback():
    q = only("Қазақстанның астанасы қай қала? {=Астана ~Алматы#Жоқ, бұл бұрынғы астана ~Шымкент}")

    assert q.kind == "single"
    assert q.text == "Қазақстанның астанасы қай қала?"
    assert q.line == 1
    assert q.options == [
        ParsedOption("Астана", 1.0),
        ParsedOption("Алматы", 0.0, "Жоқ, бұл бұрынғы астана"),
        ParsedOption("Шымкент", 0.0),
    ]


def test_single_choice_answers_may_stand_on_their_own_lines():
    q = only("Какой кодекс регулирует трудовые отношения? {\n  =Трудовой кодекс\n  ~Налоговый кодекс\n}")

    assert q.kind == "single"
    assert [o.text for o in q.options] == ["Трудовой кодекс", "Налоговый кодекс"]


def test_multiple_choice_weights_become_fractions_including_negative_and_decimal_ones():
    q = only("Кто входит в профком? {~%33.33333%председатель ~%33.33333%казначей "
             "~%33.33334%секретарь ~%-50%директор#Нет ~посторонний}")

    assert q.kind == "multiple"
    assert [o.fraction for o in q.options] == [0.3333333, 0.3333333, 0.3333334, -0.5, 0.0]
    assert q.options[3].feedback == "Нет"


def test_multiple_choice_counts_an_equals_answer_as_100_percent():
    q = only("Pick {=right ~%-100%wrong ~neutral}")

    assert q.kind == "multiple"
    assert [o.fraction for o in q.options] == [1.0, -1.0, 0.0]


def test_multiple_choice_weights_must_add_up_to_100():
    messages = error_messages("Pick two {~%50%a ~%40%b ~c}")

    assert messages == ["multiple-choice weights of the right answers add up to 90%, not 100%"]


def test_multiple_choice_weights_may_miss_100_by_a_hundredth():
    q = only("Pick three {~%33.33%a ~%33.33%b ~%33.33%c ~d}")

    assert q.kind == "multiple"


@pytest.mark.parametrize("answer, expected", [("T", True), ("TRUE", True), ("f", False), ("False", False)])
def test_true_false_accepts_every_spelling_in_any_case(answer, expected):
    q = only(f"Педагогтің мәртебесі туралы заң бар. {{{answer}}}")

    assert q.kind == "true_false"
    assert q.answer is expected
    assert q.options == []


def test_true_false_keeps_its_two_feedbacks_and_the_general_one():
    q = only("Земля плоская. {FALSE#Подумайте ещё#Верно####Земля — шар}")

    assert q.kind == "true_false"
    assert q.answer is False
    assert (q.wrong_feedback, q.right_feedback) == ("Подумайте ещё", "Верно")
    assert q.feedback == "Земля — шар"


def test_matching_pairs_left_and_right_sides_with_full_credit():
    q = only("Сәйкестендіріңіз {\n=ТК РК -> еңбек шарты\n=Кәсіподақтар туралы заң -> мүшелік\n}")

    assert q.kind == "matching"
    assert q.options == [
        ParsedOption("ТК РК", 1.0, match="еңбек шарты"),
        ParsedOption("Кәсіподақтар туралы заң", 1.0, match="мүшелік"),
    ]


def test_short_answer_keeps_every_answer_with_its_credit_and_feedback():
    q = only("Столица Казахстана? {=Астана =%100%Нур-Султан#Старое название =%50%Ақмола#Очень старое "
             "=%0%*#Нет}")

    assert q.kind == "short_answer"
    assert q.options == [
        ParsedOption("Астана", 1.0), ParsedOption("Нур-Султан", 1.0, "Старое название"),
        ParsedOption("Ақмола", 0.5, "Очень старое"), ParsedOption("*", 0.0, "Нет"),
    ]
    assert q.accepted == []


def test_a_single_equals_answer_is_a_short_answer():
    assert only("Қазақстанның астанасы? {=Астана}").kind == "short_answer"


def numeric(number, tolerance=0.0, number_to=None, fraction=1.0, feedback=""):
    return ParsedOption("", fraction, feedback, number=number, tolerance=tolerance, number_to=number_to)


@pytest.mark.parametrize(
    "block, answers",
    [
        ("{#10:0.5}", [numeric(10.0, 0.5)]),
        ("{#9.5..10.5}", [numeric(9.5, number_to=10.5)]),
        ("{#10}", [numeric(10.0)]),
        ("{#=10:0.5 =%50%9:1}", [numeric(10.0, 0.5), numeric(9.0, 1.0, fraction=0.5)]),
        ("{#=%50%9:1 =%100%10:0.5#Дұрыс}",
         [numeric(9.0, 1.0, fraction=0.5), numeric(10.0, 0.5, feedback="Дұрыс")]),
        ("{#-3.5:.25}", [numeric(-3.5, 0.25)]),
        ("{#0.1..0.3}", [numeric(0.1, number_to=0.3)]),
        ("{#1e3:5}", [numeric(1000.0, 5.0)]),
        ("{#\n=10:0.5#Верно\n=%50%10:2#Почти\n~#Нет\n}",
         [numeric(10.0, 0.5, feedback="Верно"), numeric(10.0, 2.0, fraction=0.5, feedback="Почти"),
          numeric(None, fraction=0.0, feedback="Нет")]),
        ("{#3:2~#Completely wrong}",
         [numeric(3.0, 2.0), numeric(None, fraction=0.0, feedback="Completely wrong")]),
        ("{#=%100%3.14:0.01 =%50%3.1:0.1 =%10%*#Хотя бы число}",
         [numeric(3.14, 0.01), numeric(3.1, 0.1, fraction=0.5),
          numeric(None, fraction=0.1, feedback="Хотя бы число")]),
    ],
)
def test_numeric_answers_keep_their_form_credit_and_feedback(block, answers):
    q = only(f"Сколько? {block}")

    assert q.kind == "numeric"
    assert q.options == answers
    assert q.value is None


def test_every_kind_is_known():
    assert set(KINDS) == {"single", "multiple", "true_false", "matching", "short_answer", "numeric"}


# ---------------------------------------------------------------- text around the questions


def test_general_feedback_is_read_from_inside_the_block():
    q = only("Q {=a ~b ####Жалпы түсініктеме}")

    assert q.feedback == "Жалпы түсініктеме"
    assert [o.text for o in q.options] == ["a", "b"]


def test_escaped_special_characters_are_literal_text():
    q = only(r"2 \= 1 \+ 1\: \{ \} \~ \# \\ next\nline {=a \= b#c \# d ~x\~y}")

    assert q.text == "2 = 1 \\+ 1: { } ~ # \\ next\nline"
    assert q.options[0] == ParsedOption("a = b", 1.0, "c # d")
    assert q.options[1].text == "x~y"


def test_category_applies_to_the_questions_after_it():
    qs = parse("A {T}\n\n$CATEGORY: $course$/Заңдар\n\nB {T}\n\nC {F}\n$CATEGORY: Другое\n\nD {T}")

    assert [(q.text, q.category) for q in qs] == [
        ("A", ""), ("B", "$course$/Заңдар"), ("C", "$course$/Заңдар"), ("D", "Другое"),
    ]


def test_comment_lines_are_ignored_even_inside_a_question():
    qs = parse("// about the file\n\n// first\nA {\n// right one\n=a\n~b\n}\n\n//B {T}")

    assert len(qs) == 1
    assert qs[0].line == 4
    assert [o.text for o in qs[0].options] == ["a", "b"]


def test_title_and_format_prefix_are_taken_off_the_text():
    q = only("::Еңбек\\: кодекс::[html]<p>Сұрақ <b>мәтіні</b></p>{T}")

    assert q.title == "Еңбек: кодекс"
    assert q.text == "<p>Сұрақ <b>мәтіні</b></p>"


@pytest.mark.parametrize("prefix", ["[markdown]", "[plain]", "[moodle]"])
def test_other_format_prefixes_are_taken_off_too(prefix):
    assert only(f"{prefix}**Жирный** текст {{T}}").text == "**Жирный** текст"


def test_text_after_the_block_leaves_a_blank_where_the_block_was():
    q = only("Столица — {=Астана ~Алматы} Казахстана.")

    assert q.text == "Столица — _____ Казахстана."


def test_no_blank_when_the_block_ends_the_question():
    assert only("Столица Казахстана {=Астана ~Алматы}  \n").text == "Столица Казахстана"


def test_bom_and_windows_line_endings_are_accepted():
    qs = parse("\ufeff::Бір::Сұрақ {\r\n=иә\r\n~жоқ\r\n}\r\n\r\n::Екі::Екінші {T}\r\n")

    assert [(q.title, q.line) for q in qs] == [("Бір", 1), ("Екі", 6)]
    assert [o.text for o in qs[0].options] == ["иә", "жоқ"]


def test_question_lines_are_counted_from_where_each_question_starts():
    text = "// header\n\nA {T}\n\n\n\nB {\n=a\n~b\n}\n\nC {F}"

    assert [q.line for q in parse(text)] == [3, 7, 12]


def test_an_empty_file_has_no_questions():
    assert parse("") == []
    assert parse("\ufeff// only a comment\n\n\n") == []


# ---------------------------------------------------------------- malformed input


def test_single_choice_without_a_right_answer_names_its_line():
    with pytest.raises(GiftError) as caught:
        parse("A {T}\n\nB {~a ~b}")

    assert caught.value.errors == [(3, "single-choice question has no right answer (=)")]
    assert str(caught.value) == "line 3: single-choice question has no right answer (=)"


def test_several_equals_answers_are_rejected_with_a_hint_about_weights():
    (message,) = error_messages("Pick {=a =b ~c}")

    assert "use ~%50% weights for several right answers" in message


def test_unclosed_brace_names_the_line_where_the_question_starts():
    assert error_messages("A {T}\n\nB\ncontinues {=a ~b") == ["unclosed {"]
    assert error_lines("A {T}\n\nB\ncontinues {=a ~b") == [3]


def test_a_blank_line_inside_a_block_splits_the_question_and_is_reported():
    assert error_lines("A {\n=a\n\n~b\n}") == [1, 4]


def test_matching_answer_without_arrow_names_the_answer():
    assert error_messages('Match {=a -> b =c -> d =x}') == ['matching answer "x" has no "->"']


def test_matching_needs_two_pairs_and_a_right_side_for_each():
    assert error_messages("Match {=a -> b}") == ["a matching question needs at least 2 pairs"]
    assert error_messages("Match {=a -> b = -> d}") == ["a matching question needs at least 2 pairs"]
    assert error_messages("Match {=a -> b =c -> }") == ['matching answer "c ->" needs text after "->"']


def test_short_answer_with_a_negative_weight_or_without_a_full_answer_is_rejected():
    (message,) = error_messages("Capital? {=Astana =%-50%Astana city}")
    assert "weight -50%" in message
    assert error_messages("Capital? {=%50%Astana}") == [
        "short-answer question has no fully right (100%) answer"]


@pytest.mark.parametrize(
    "block, fragment",
    [
        ("{#10,5}", 'has a comma; use a decimal point ("10.5")'),
        ("{#10:0,5}", "has a comma"),
        ("{#ten}", '"ten" is not a number'),
        ("{#10.5..9.5}", "bigger to a smaller"),
        ("{#10:-1}", "negative tolerance"),
        ("{#=%50%10}", "no fully right (100%) answer"),
        ("{#}", "no answer"),
    ],
)
def test_malformed_numeric_answers_are_explained(block, fragment):
    (message,) = error_messages(f"How many? {block}")

    assert fragment in message


@pytest.mark.parametrize("text", ["Write an essay. {}", "Essay {####notes}"])
def test_essays_are_not_read_without_the_essay_syntax(text):
    assert error_messages(text) == ["essay questions (an empty answer block {}) are not supported"]


def test_a_description_is_skipped_with_a_warning_naming_its_line():
    warnings = []

    questions = parse("::Вступление::Прочитайте закон.\n\nВопрос {T}", warnings=warnings)

    assert [q.text for q in questions] == ["Вопрос"]
    assert warnings == [
        (1, "a description (text without an answer block {}) is not a question: it was skipped")]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Pick {~%50a ~b}", "not closed with %"),
        ("Pick {~%abc%a ~%100%b}", "is not a number"),
        ("Pick {~%150%a ~b}", "outside -100..100"),
        ("Pick {~%50,5%a ~%49.5%b}", "comma"),
        ("Pick {=%50%a ~b}", "put weights after ~"),
        ("Pick {=a ~}", "empty"),
        ("Pick {=a}x{=b}", "more than one answer block"),
        ("Pick } {=a ~b}", "} without a {"),
        ("::title {=a ~b}", "title is not closed"),
        ("{=a ~b}", "no text"),
        ("Capital? {Astana}", "neither TRUE/FALSE"),
    ],
)
def test_other_malformed_questions_are_explained(text, fragment):
    (message,) = error_messages(text)

    assert fragment in message


def test_every_error_in_the_file_is_reported_in_line_order():
    text = ("Good {T}\n\nBad one {~a ~b}\n\nAlso good {=x ~y}\n\n// note\nBad two {#1,5}\n\n"
            "Bad three {=a =b ~c}")

    with pytest.raises(GiftError) as caught:
        parse(text)

    assert [line for line, _ in caught.value.errors] == [3, 8, 10]
    assert str(caught.value).splitlines()[1].startswith("line 8: ")
    assert isinstance(caught.value, ValueError)


def test_one_bad_question_means_nothing_is_returned():
    with pytest.raises(GiftError) as caught:
        parse("Дұрыс сұрақ {=иә ~жоқ}\n\nБұрыс сұрақ {=иә =жоқ ~мүмкін}")

    assert [line for line, _ in caught.value.errors] == [3]


# ---------------------------------------------------------------- writing


EVERY_KIND = """\ufeff$CATEGORY: $course$/Еңбек құқығы

::Астана::[html]Қазақстанның <b>астанасы</b>? {
=Астана#Дұрыс\\!
~Алматы#Жоқ\\: бұл бұрынғы астана
####Жалпы\\: 1997 жылдан
}

::Профком::Кто входит в профком? {~%50%председатель ~%50%казначей ~%-100%директор ~гость}

Педагог — мемлекеттік қызметші. {FALSE####Жоқ}

$CATEGORY: Русский

Сопоставьте {
=ТК РК -> трудовой договор
=Закон о статусе педагога -> нагрузка
=Закон о профсоюзах -> членство
}

Столица — {=Астана =Нур-Султан} Казахстана.

Сколько часов в ставке? {#=18:0 =%50%16..20}

Special \\{ \\} \\~ \\= \\# \\: \\\\ and a\\nnew line {=sign#50% off ~[plain]tag}
"""


def test_every_kind_survives_a_round_trip():
    questions = parse(EVERY_KIND)

    assert {q.kind for q in questions} == set(KINDS)
    assert without_lines(parse(dump(questions))) == without_lines(questions)


def test_dumped_text_is_written_again_identically():
    once = dump(parse(EVERY_KIND))

    assert dump(parse(once)) == once


def test_dump_escapes_special_characters_and_separates_questions_by_a_blank_line():
    question = ParsedQuestion(
        kind="single", text="a{b}c~d=e#f:g\\h\ni", line=0, title="Т: 1",
        options=[ParsedOption("=1", 1.0, "#1"), ParsedOption("~2", 0.0)],
    )
    other = ParsedQuestion(kind="true_false", text="Ү ө ұ һ і", line=0, answer=True)

    text = dump([question, other])

    assert text == (
        "::Т\\: 1::a\\{b\\}c\\~d\\=e\\#f\\:g\\\\h\\ni {\n\t=\\=1#\\#1\n\t~\\~2\n}\n\n"
        "Ү ө ұ һ і {TRUE}\n"
    )
    assert without_lines(parse(text)) == without_lines([question, other])


def test_dump_writes_a_category_line_only_when_the_category_changes():
    questions = [
        ParsedQuestion(kind="true_false", text=text, line=0, answer=True, category=category)
        for text, category in [("A", ""), ("B", "Заңдар"), ("C", "Заңдар"), ("D", "")]
    ]

    text = dump(questions)

    assert text.count("$CATEGORY:") == 2
    assert "$CATEGORY: Заңдар\n\nB {TRUE}\n\nC {TRUE}\n\n$CATEGORY:\n\nD {TRUE}" in text
    assert without_lines(parse(text)) == without_lines(questions)


def test_dump_protects_text_that_would_read_as_gift_syntax():
    questions = [
        ParsedQuestion(kind="single", text="// not a comment", line=0,
                       options=[ParsedOption("%50% off", 1.0), ParsedOption("[html]x", 0.0)]),
        ParsedQuestion(kind="numeric", text="[plain] N", line=0,
                       options=[ParsedOption("", 1.0, number=0.1, tolerance=1e-07)]),
        ParsedQuestion(kind="multiple", text="::not a title", line=0,
                       options=[ParsedOption("a", 1 / 3), ParsedOption("b", 2 / 3), ParsedOption("%c", 0.0)]),
    ]

    assert without_lines(parse(dump(questions))) == without_lines(questions)


@pytest.mark.parametrize(
    "question",
    [
        ParsedQuestion(kind="single", text="Q", line=0,
                       options=[ParsedOption("a", 1.0), ParsedOption("b", 1.0)]),
        ParsedQuestion(kind="multiple", text="Q", line=0,
                       options=[ParsedOption("a", 0.5), ParsedOption("b", 0.0)]),
        ParsedQuestion(kind="matching", text="Q", line=0,
                       options=[ParsedOption("a -> b", 1.0, match="c"), ParsedOption("d", 1.0, match="e")]),
        ParsedQuestion(kind="short_answer", text="Q", line=0, accepted=["a -> b"]),
        ParsedQuestion(kind="true_false", text="Q", line=0),
        ParsedQuestion(kind="numeric", text="Q", line=0, value=float("nan")),
        ParsedQuestion(kind="essay", text="Q", line=0),
        ParsedQuestion(kind="true_false", text="  ", line=0, answer=True),
    ],
)
def test_dump_refuses_what_gift_cannot_express(question):
    with pytest.raises(ValueError):
        dump([question])
