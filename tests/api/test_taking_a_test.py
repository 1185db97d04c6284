"""A test taken through the API as on the site: answers by the places of the options shown,
the answer key kept back until the test allows it, another's attempt out of reach."""

import pytest

from lms import services as lms_services
from quizzes.models import Attempt, Quiz
from quizzes.question_types.builtin import QuestionKind
from tests.api.conftest import call, token_of
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_test(catalogue):
    taught = course(catalogue, modules=1, lessons=1)
    questions = bank()
    question(questions, text_ru="Кто рассматривает спор первым?", options=[("Комиссия", 1), ("Суд", 0)])
    question(questions, kind=QuestionKind.MULTIPLE, text_ru="Что входит в договор?",
             options=[("Оплата", 0.5), ("Режим", 0.5), ("Погода", -1)])
    question(questions, kind=QuestionKind.MATCHING, text_ru="Сопоставьте",
             options=[("Акт", "Документ"), ("Суд", "Орган")])
    return quiz(taught, [questions], role=Quiz.Role.POST, question_count=3, pass_mark=70, attempt_limit=2,
                review_open_answers=True, review_open_marks=True, review_final_right_answers=True)


def places(question, *texts):
    return [question["options"].index(text) for text in texts]


def test_a_learner_takes_a_test_by_the_api_and_sees_only_what_the_test_allows(app, union, final_test):
    learner = member(union.school_a)
    lms_services.enrol(learner, final_test.course)
    token = token_of(app, learner)

    info = call(app, "get", f"/tests/{final_test.pk}", token).json()
    assert info["attempts_left"] == 2 and info["open_attempt_id"] is None
    started = call(app, "post", f"/tests/{final_test.pk}/attempts", token)
    assert started.status_code == 201
    attempt = started.json()
    assert len(attempt["questions"]) == 3
    body = started.content.decode()
    assert "fraction" not in body and "credit" not in body  # no answer key in what is shown
    by_kind = {q["kind"]: q for q in attempt["questions"]}
    single, multiple, matching = by_kind["single"], by_kind["multiple"], by_kind["matching"]
    assert sorted(matching["choices"]) == ["Документ", "Орган"]

    pairs = {str(n): matching["choices"].index({"Акт": "Документ", "Суд": "Орган"}[item])
             for n, item in enumerate(matching["items"])}
    saved = call(app, "put", f"/attempts/{attempt['id']}/answers", token, json={"answers": [
        {"position": single["position"], "value": places(single, "Суд")[0]},
        {"position": multiple["position"], "value": places(multiple, "Оплата", "Режим")},
        {"position": matching["position"], "value": pairs},
    ]}).json()
    assert all(q["answered"] for q in saved["questions"])
    answers = {q["kind"]: q["answer"] for q in saved["questions"]}
    assert answers["multiple"] == places(multiple, "Оплата", "Режим") and answers["matching"] == pairs

    result = call(app, "post", f"/attempts/{attempt['id']}/submission", token).json()
    # 2 of 3 right: 66.67 % < 70: failed, and another attempt may follow, so no right answers.
    assert result["passed"] is False and float(result["score"]) == pytest.approx(66.67)
    assert all(q["right_answers"] is None for q in result["questions"])
    assert {q["position"]: q["mark"] for q in result["questions"]}[single["position"]] == 0
    closed = call(app, "put", f"/attempts/{attempt['id']}/answers", token, json={"answers": []})
    assert closed.status_code == 409

    second = call(app, "post", f"/tests/{final_test.pk}/attempts", token).json()
    by_kind = {q["kind"]: q for q in second["questions"]}
    call(app, "put", f"/attempts/{second['id']}/answers", token, json={"answers": [
        {"position": by_kind["single"]["position"], "value": places(by_kind["single"], "Комиссия")[0]}]})
    final = call(app, "post", f"/attempts/{second['id']}/submission", token).json()
    # No attempt can follow: now the right answers are shown.
    right = {q["text_html"]: sorted(q["right_answers"]) for q in final["questions"]}
    assert right == {"<p>Кто рассматривает спор первым?</p>": ["Комиссия"],
                     "<p>Что входит в договор?</p>": ["Оплата", "Режим"],
                     "<p>Сопоставьте</p>": ["Акт → Документ", "Суд → Орган"]}
    assert call(app, "post", f"/tests/{final_test.pk}/attempts", token).status_code == 409


def test_no_one_reaches_anothers_attempt(app, union, final_test):
    owner, other = member(union.school_a), member(union.school_b)
    lms_services.enrol(owner, final_test.course)
    attempt = call(app, "post", f"/tests/{final_test.pk}/attempts", token_of(app, owner)).json()
    token = token_of(app, other)

    for method, path in [("get", f"/attempts/{attempt['id']}"), ("get", f"/attempts/{attempt['id']}/result"),
                         ("post", f"/attempts/{attempt['id']}/submission")]:
        assert call(app, method, path, token).status_code == 404, path
    response = call(app, "put", f"/attempts/{attempt['id']}/answers", token, json={"answers": []})
    assert response.status_code == 404
    assert Attempt.objects.get(pk=attempt["id"]).submitted_at is None


def test_an_answer_to_a_question_not_in_the_attempt_is_refused_by_name(app, union, final_test):
    learner = member(union.school_a)
    lms_services.enrol(learner, final_test.course)
    token = token_of(app, learner)
    attempt = call(app, "post", f"/tests/{final_test.pk}/attempts", token).json()

    response = call(app, "put", f"/attempts/{attempt['id']}/answers", token,
                    json={"answers": [{"position": 99, "value": 0}]})

    assert response.status_code == 422 and "position" in response.json()["title"]
