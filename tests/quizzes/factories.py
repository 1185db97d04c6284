from quizzes.models import Option, Question, QuestionBank, Quiz
from quizzes.question_types.builtin import QuestionKind


def bank(title="Трудовое право"):
    return QuestionBank.objects.create(title=title)


def question(bank, kind=QuestionKind.SINGLE, options=(), **fields):
    """``options``: (text, fraction) pairs, or (left, right) pairs for matching."""
    q = Question.objects.create(bank=bank, kind=kind, text_ru=fields.pop("text_ru", "Вопрос?"),
                                text_kk=fields.pop("text_kk", "Сұрақ?"), **fields)
    for order, (text, value) in enumerate(options):
        if kind == QuestionKind.MATCHING:
            Option.objects.create(question=q, sort_order=order, text_ru=text, match_ru=value,
                                  fraction=1)
        else:
            Option.objects.create(question=q, sort_order=order, text_ru=text, fraction=value)
    return q


def single(bank, right="Да"):
    return question(bank, options=[(right, 1), ("Нет", 0), ("Не знаю", 0)])


REVIEW_FIELDS = (
    "review_open_answers", "review_open_marks", "review_open_feedback",
    "review_final_answers", "review_final_marks", "review_final_right_answers",
    "review_final_feedback",
)
SHOW_NOTHING = dict.fromkeys(REVIEW_FIELDS, False)
SHOW_EVERYTHING = dict.fromkeys(REVIEW_FIELDS, True)


def quiz(course, banks, role=Quiz.Role.POST, **fields):
    test = Quiz.objects.create(course=course, role=role, **fields)
    test.banks.set(banks)
    test.save()  # a ClusterableModel writes its ParentalManyToMany on save
    return test
