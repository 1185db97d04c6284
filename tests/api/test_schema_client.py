"""An app written only from the published schemas walks the learner's journey: it reads
allauth's sign-in schema and ours, finds each operation by its id there, and never spells a
path itself: sign in, enrol, take the pre-test, do the lessons, pass the final test, and find
the certificate."""

import json
import re

import pytest
from django.test import Client

from certificates.models import Certificate
from demo.home import ensure_home_page
from quizzes.models import Quiz
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = pytest.mark.django_db(transaction=True)  # the certificate is issued after the commit


class SchemaClient:
    """Calls operations by ``operationId`` (ours) or by method and path template (allauth's)."""

    def __init__(self, client, *schemas):
        self.client, self.token = client, None
        self.operations = {}
        for schema in schemas:
            for path, operations in schema["paths"].items():
                for method, operation in operations.items():
                    self.operations[operation.get("operationId") or f"{method} {path}"] = (method, path)

    def call(self, operation_id, body=None, **path_values):
        method, template = self.operations[operation_id]
        path = re.sub(r"{(\w+)}", lambda match: str(path_values[match.group(1)]), template)
        headers = {"HTTP_X_SESSION_TOKEN": self.token} if self.token else {}
        response = getattr(self.client, method)(
            path, data=json.dumps(body) if body is not None else None, content_type="application/json",
            **headers)
        self.client.cookies.clear()  # an app keeps no cookies: only its token
        return response


@pytest.fixture
def tested_course(db):
    ensure_home_page()  # a transactional test starts from a flushed database
    taught = course(catalogue_page(), modules=2, lessons=1, title="Коллективный договор")
    questions = bank()
    question(questions, text_ru="Кто подписывает коллективный договор?",
             options=[("Работодатель и профсоюз", 1), ("Только директор", 0)])
    quiz(taught, [questions], role=Quiz.Role.PRE, question_count=1)
    quiz(taught, [questions], role=Quiz.Role.POST, question_count=1, pass_mark=70)
    return taught


def test_an_app_from_the_schemas_alone_takes_a_member_from_sign_in_to_certificate(union, tested_course):
    web = Client(enforce_csrf_checks=True)
    ours = web.get("/api/v1/openapi.json").json()
    allauths = web.get("/_allauth/openapi.json").json()
    app = SchemaClient(web, ours, allauths)
    learner = member(union.school_a)

    login = next(key for key, (method, path) in app.operations.items()
                 if method == "post" and path.endswith("/auth/login"))
    signed_in = app.call(login, {"email": learner.email, "password": PASSWORD}, client="app")
    assert signed_in.status_code == 200
    app.token = signed_in.json()["meta"]["session_token"]

    catalogue = app.call("api_courses_catalogue").json()
    course_id = next(item["id"] for item in catalogue["items"] if item["title"] == "Коллективный договор")
    assert app.call("api_courses_enrol", course_id=course_id).status_code == 201
    outline = app.call("api_courses_course", course_id=course_id).json()
    tests = {test["role"]: test["id"] for test in outline["tests"]}

    def take(test_id, right):
        attempt = app.call("api_taking_start", test_id=test_id).json()
        asked = attempt["questions"][0]
        choice = asked["options"].index("Работодатель и профсоюз" if right else "Только директор")
        app.call("api_taking_save", {"answers": [{"position": asked["position"], "value": choice}]},
                 attempt_id=attempt["id"])
        return app.call("api_taking_submit", attempt_id=attempt["id"]).json()

    assert take(tests["pre"], right=False)["score"] is not None
    for module in outline["modules"]:
        for lesson in module["lessons"]:
            assert app.call("api_courses_lesson", lesson_id=lesson["id"]).json()["body_html"]
            app.call("api_courses_lesson_done", lesson_id=lesson["id"])
    result = take(tests["post"], right=True)
    assert result["passed"] is True and result["course_completed"] is True

    certificates = app.call("api_learner_my_certificates").json()
    assert [c["serial"] for c in certificates] == [Certificate.objects.get(user=learner).serial]
    assert web.get(certificates[0]["verify_url"]).status_code == 200
